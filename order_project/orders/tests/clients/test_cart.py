import uuid

import pytest

from orders.clients.cart import CartLine, cart_clear, cart_get
from orders.tests.conftest import cart_line, catalog_product
from shop_common.errors import ServiceUnavailable

PRODUCT_ID = str(uuid.uuid4())


def test_the_cart_is_read_with_the_users_token(stubs):
    product = catalog_product()
    stubs.cart([cart_line(product=product, quantity=3)])

    lines = cart_get(token="abc")

    assert lines == [CartLine(product_id=uuid.UUID(product["id"]), quantity=3)]
    [call] = stubs.calls("GET", "/cart")
    assert call.request.headers["Authorization"] == "Bearer abc"


@pytest.mark.parametrize(
    "items",
    [
        [{"product_id": "nope", "quantity": 1}],
        [{"product_id": str(uuid.uuid4()), "quantity": 0}],
        [{"product_id": str(uuid.uuid4()), "quantity": "2"}],
        [{"quantity": 1}],
        [{"product_id": str(uuid.uuid4()), "quantity": 10**30}],
        [
            {"product_id": PRODUCT_ID, "quantity": 2**30},
            {"product_id": PRODUCT_ID, "quantity": 2**30},
        ],
        "not a list",
    ],
    ids=["bad-id", "zero", "string-quantity", "no-id", "huge", "huge-once-merged", "not-a-list"],
)
def test_an_unreadable_cart_means_the_cart_service_is_broken(stubs, http, items):
    http.get(stubs.cart_url, json={"items": items})

    with pytest.raises(ServiceUnavailable):
        cart_get(token="abc")


def test_a_cart_refusing_the_token_is_a_cart_failure(stubs, http):
    http.get(stubs.cart_url, status=401, json={"detail": "expired"})

    with pytest.raises(ServiceUnavailable):
        cart_get(token="abc")


def test_a_cart_that_cannot_be_emptied_raises(stubs):
    stubs.cart_clear_down()

    with pytest.raises(ServiceUnavailable):
        cart_clear(token="abc")


def test_repeated_lines_of_one_product_are_merged_in_cart_order(stubs):
    first, second = catalog_product(), catalog_product()
    stubs.cart(
        [
            cart_line(product=first, quantity=1),
            cart_line(product=second, quantity=2),
            cart_line(product=first, quantity=3),
        ]
    )

    assert cart_get(token="abc") == [
        CartLine(product_id=uuid.UUID(first["id"]), quantity=4),
        CartLine(product_id=uuid.UUID(second["id"]), quantity=2),
    ]
