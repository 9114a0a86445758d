"""The cart's inputs fed what clients get wrong (DESIGN.md §3: no request
input produces a 500): a 400 keyed by the field, the cart unchanged and the
catalog never asked."""

import json
from urllib.parse import urlencode

import pytest

from carts.store import cart_lines_read

# Raw JSON text, so a lone surrogate reaches the parser as a client sends it.
BAD_JSON = {
    "lone-surrogate": '"a\\ud800b"',
    "nul": '"\\u0000"',
    "ten-thousand-chars": json.dumps("x" * 10_000),
    "object": '{"a": "b"}',
    "list": '["a"]',
    "integer": "12345",
    "float": "1.5",
    "true": "true",
    "null": "null",
}
BAD_FORM = {"nul": "a\x00b", "ten-thousand-chars": "x" * 10_000, "uuid-and-nul": None}
ENDPOINTS = ["/cart/add", "/cart/remove"]
FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def held(user_id, catalog, cart_seed) -> dict:
    """A product the cart already holds 2 of."""
    product = catalog.product_add(stock=50)
    cart_seed(user_id=user_id, lines={product["id"]: 2})
    return product


@pytest.mark.parametrize("url", ENDPOINTS)
@pytest.mark.parametrize("field", ["product_id", "quantity"])
@pytest.mark.parametrize("raw", BAD_JSON.values(), ids=BAD_JSON.keys())
def test_a_bad_json_value_is_400_keyed_by_its_field(
    api_client, user_id, catalog, held, url, field, raw
):
    values = {"product_id": json.dumps(held["id"]), "quantity": "1", field: raw}
    body = "{" + ", ".join(f'"{name}": {value}' for name, value in values.items()) + "}"

    response = api_client.post(url, data=body, content_type="application/json")

    assert response.status_code == 400
    assert set(response.json()) == {field}
    assert cart_lines_read(user_id=user_id) == {held["id"]: 2}
    assert len(catalog.mock.calls) == 0


@pytest.mark.parametrize("url", ENDPOINTS)
@pytest.mark.parametrize("encoding", ["form", "multipart"])
@pytest.mark.parametrize("field", ["product_id", "quantity"])
@pytest.mark.parametrize("name", BAD_FORM.keys())
def test_bad_text_in_a_form_body_is_400_keyed_by_its_field(
    api_client, user_id, catalog, held, url, encoding, field, name
):
    value = BAD_FORM[name] if BAD_FORM[name] is not None else held["id"] + "\x00"
    body = {"product_id": held["id"], "quantity": "1", field: value}

    if encoding == "form":
        response = api_client.post(url, urlencode(body), content_type=FORM)
    else:
        response = api_client.post(url, body, format="multipart")

    assert response.status_code == 400
    assert set(response.json()) == {field}
    assert cart_lines_read(user_id=user_id) == {held["id"]: 2}
    assert len(catalog.mock.calls) == 0
