import json
import uuid

import pytest
from addresses.tests.factories import AddressFactory

from orders.models import Order, OrderEvent, OrderLine
from orders.tests.conftest import (
    NOT_STORABLE_TEXT,
    SHIPPING_ADDRESS_FIELDS,
    cart_line,
    catalog_product,
    json_send,
)
from shop_common.testing import api_client_as_service

pytestmark = pytest.mark.django_db

URL = "/order/create"


def _nothing_written() -> bool:
    return not (Order.objects.exists() or OrderLine.objects.exists() or OrderEvent.objects.exists())


@pytest.fixture
def product(stubs):
    product = catalog_product(price="19.90", stock=10)
    stubs.cart([cart_line(product=product, quantity=2)])
    stubs.products([product])
    return product


@pytest.fixture
def checkout_ok(stubs, product):
    stubs.reservation()
    stubs.cart_clear()
    return product


def test_create_answers_201_with_the_order_as_the_contract_describes(
    customer_client, customer, checkout_ok, shipping_address
):
    response = customer_client.post(URL, {"shipping_address": shipping_address}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "pending_payment"
    assert body["items"] == [
        {
            "product_id": checkout_ok["id"],
            "sku": checkout_ok["sku"],
            "name": checkout_ok["name"],
            "unit_price": "19.90",
            "quantity": 2,
            "line_total": "39.80",
        }
    ]
    assert body["total"] == "39.80"
    assert body["currency"] == "KZT"
    assert body["shipping_address"] == shipping_address
    assert body["user_id"] == customer.id
    assert body["email"] == customer.email
    assert [(e["from_status"], e["to_status"]) for e in body["events"]] == [
        (None, "pending_payment")
    ]
    assert {"id", "created_at", "updated_at"} <= body.keys()
    assert Order.objects.filter(pk=body["id"]).exists()


def test_create_fills_optional_address_fields_with_blanks(
    customer_client, checkout_ok, shipping_address
):
    address = {k: v for k, v in shipping_address.items() if k not in ("line2", "phone")}
    address["country"] = "kz"

    response = customer_client.post(URL, {"shipping_address": address}, format="json")

    assert response.status_code == 201
    assert response.json()["shipping_address"] == {
        **address,
        "country": "KZ",
        "line2": "",
        "phone": "",
    }


def test_create_with_the_same_idempotency_key_answers_the_same_order_once(
    customer_client, stubs, checkout_ok, shipping_address
):
    headers = {"Idempotency-Key": "checkout-42"}
    first = customer_client.post(
        URL, {"shipping_address": shipping_address}, format="json", headers=headers
    )
    second = customer_client.post(
        URL, {"shipping_address": shipping_address}, format="json", headers=headers
    )

    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json()
    assert len(stubs.reserved_order_ids()) == 1
    assert Order.objects.count() == 1


def test_a_sixth_unpaid_order_is_409_and_calls_neither_cart_nor_catalog(
    customer_client, customer, stubs, checkout_ok, shipping_address
):
    for _ in range(5):
        made = customer_client.post(URL, {"shipping_address": shipping_address}, format="json")
        assert made.status_code == 201
    calls = len(stubs.mock.calls)

    response = customer_client.post(URL, {"shipping_address": shipping_address}, format="json")

    assert response.status_code == 409
    assert response.json() == {
        "detail": "You already have 5 orders awaiting payment: pay for or cancel one of them first."
    }
    assert len(stubs.mock.calls) == calls
    assert Order.objects.filter(user_id=customer.id).count() == 5


def test_a_repeated_idempotency_key_at_the_limit_still_answers_its_order(
    customer_client, stubs, checkout_ok, shipping_address
):
    headers = {"Idempotency-Key": "checkout-5"}
    for index in range(5):
        made = customer_client.post(
            URL,
            {"shipping_address": shipping_address},
            format="json",
            headers=headers if index == 4 else {},
        )
        assert made.status_code == 201

    again = customer_client.post(
        URL, {"shipping_address": shipping_address}, format="json", headers=headers
    )

    assert again.status_code == 201
    assert again.json() == made.json()


def test_create_of_an_empty_cart_is_400_and_reserves_nothing(
    customer_client, stubs, shipping_address
):
    stubs.cart([])

    response = customer_client.post(URL, {"shipping_address": shipping_address}, format="json")

    assert response.status_code == 400
    assert response.json() == {"detail": "Your cart is empty."}
    assert stubs.reserved_order_ids() == []
    assert _nothing_written()


def test_create_short_of_stock_is_409_listing_the_products_and_keeps_the_cart(
    customer_client, stubs, product, shipping_address
):
    stubs.reservation_conflict([product["id"]])

    response = customer_client.post(URL, {"shipping_address": shipping_address}, format="json")

    assert response.status_code == 409
    assert response.json()["unavailable"] == [product["id"]]
    assert response.json()["detail"]
    assert stubs.calls("DELETE", "/cart") == []
    assert _nothing_written()


def test_create_with_the_cart_unreachable_is_503(customer_client, stubs, shipping_address):
    stubs.cart_down()

    response = customer_client.post(URL, {"shipping_address": shipping_address}, format="json")

    assert response.status_code == 503
    assert "detail" in response.json()
    assert stubs.reserved_order_ids() == []
    assert _nothing_written()


def test_create_with_the_catalog_unreachable_is_503(customer_client, stubs, shipping_address):
    stubs.cart([cart_line(product=catalog_product(), quantity=1)])
    stubs.products_down()

    response = customer_client.post(URL, {"shipping_address": shipping_address}, format="json")

    assert response.status_code == 503
    assert stubs.reserved_order_ids() == []
    assert _nothing_written()


def test_create_forwards_the_users_own_token_to_the_cart(
    customer_client, stubs, checkout_ok, shipping_address
):
    customer_client.post(URL, {"shipping_address": shipping_address}, format="json")

    sent = customer_client._credentials["HTTP_AUTHORIZATION"]
    [get_call] = stubs.calls("GET", "/cart")
    assert get_call.request.headers["Authorization"] == sent


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"line1": None}, "line1"),
        ({"city": "   "}, "city"),
        ({"postal_code": "05 00 00 !"}, "postal_code"),
        ({"country": "Kazakhstan"}, "country"),
        ({"country": "K1"}, "country"),
        ({"phone": "call me"}, "phone"),
        ({"line1": ["a", "list"]}, "line1"),
    ],
)
def test_create_with_a_bad_address_is_400_keyed_by_field_and_calls_nothing(
    customer_client, stubs, shipping_address, change, field
):
    response = customer_client.post(
        URL, {"shipping_address": {**shipping_address, **change}}, format="json"
    )

    assert response.status_code == 400
    assert field in response.json()["shipping_address"]
    assert list(stubs.mock.calls) == []
    assert _nothing_written()


@pytest.mark.parametrize("value", NOT_STORABLE_TEXT)
@pytest.mark.parametrize("field", SHIPPING_ADDRESS_FIELDS)
def test_create_with_an_address_field_that_is_not_storable_text_is_400_and_calls_nothing(
    customer_client, stubs, shipping_address, field, value
):
    response = json_send(
        customer_client, "POST", URL, {"shipping_address": {**shipping_address, field: value}}
    )

    assert response.status_code == 400
    assert response.json() == {
        "shipping_address": {field: response.json()["shipping_address"][field]}
    }
    assert len(stubs.mock.calls) == 0
    assert _nothing_written()


@pytest.mark.parametrize(
    "key",
    [
        pytest.param("key\x00", id="nul"),
        pytest.param("key\ud800", id="lone-surrogate"),
        pytest.param("ke\ny", id="newline"),
        pytest.param("k" * 10_000, id="10000-chars"),
    ],
)
def test_create_with_an_idempotency_key_that_is_not_printable_text_is_400(
    customer_client, stubs, shipping_address, key
):
    response = json_send(
        customer_client,
        "POST",
        URL,
        {"shipping_address": shipping_address},
        HTTP_IDEMPOTENCY_KEY=key,
    )

    assert response.status_code == 400
    assert list(response.json()) == ["Idempotency-Key"]
    assert len(stubs.mock.calls) == 0
    assert _nothing_written()


@pytest.mark.parametrize(
    "body",
    [{}, {"shipping_address": None}, {"shipping_address": "Almaty"}, []],
    ids=["missing", "null", "string", "list"],
)
def test_create_without_a_shipping_address_object_is_400(customer_client, stubs, body):
    response = customer_client.post(URL, body, format="json")

    assert response.status_code == 400
    assert list(stubs.mock.calls) == []
    assert _nothing_written()


def test_create_with_a_malformed_json_body_is_400(customer_client, stubs):
    response = customer_client.post(URL, data=b"{not json", content_type="application/json")

    assert response.status_code == 400
    assert "detail" in response.json()
    assert _nothing_written()


def test_create_with_an_oversized_body_is_413(customer_client, stubs, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"shipping_address": {"name": "x" * 2000}})

    response = customer_client.post(URL, data=body, content_type="application/json")

    assert response.status_code == 413
    assert _nothing_written()


@pytest.mark.parametrize("key", ["", "   ", "k" * 256])
def test_create_with_a_bad_idempotency_key_is_400(customer_client, stubs, shipping_address, key):
    response = customer_client.post(
        URL,
        {"shipping_address": shipping_address},
        format="json",
        headers={"Idempotency-Key": key},
    )

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()
    assert list(stubs.mock.calls) == []


def test_create_without_a_token_is_401(stubs, shipping_address, client):
    response = client.post(
        URL, {"shipping_address": shipping_address}, content_type="application/json"
    )

    assert response.status_code == 401
    assert _nothing_written()


def test_create_with_a_service_credential_is_refused(stubs, shipping_address):
    client = api_client_as_service(audience="order")

    response = client.post(URL, {"shipping_address": shipping_address}, format="json")

    assert response.status_code == 401
    assert _nothing_written()


def test_create_with_get_is_405(customer_client):
    assert customer_client.get(URL).status_code == 405


def test_create_answers_the_request_id_it_forwarded(
    customer_client, stubs, checkout_ok, shipping_address
):
    request_id = uuid.uuid4().hex

    response = customer_client.post(
        URL,
        {"shipping_address": shipping_address},
        format="json",
        headers={"X-Request-ID": request_id},
    )

    assert response["X-Request-ID"] == request_id
    assert all(call.request.headers["X-Request-ID"] == request_id for call in stubs.mock.calls)


# Checkout to a saved address (`address_id` in place of `shipping_address`).


@pytest.fixture
def saved_address(customer):
    return AddressFactory(
        user_id=customer.id,
        name="Aigerim Sadykova",
        line1="12 Abay Avenue",
        line2="Apartment 4",
        city="Almaty",
        postal_code="050000",
        country="KZ",
        phone="+7 701 123 45 67",
        is_default=True,
    )


def test_create_with_a_saved_address_ships_to_a_copy_of_it(
    customer_client, checkout_ok, saved_address, shipping_address
):
    response = customer_client.post(URL, {"address_id": str(saved_address.id)}, format="json")

    assert response.status_code == 201
    assert response.json()["shipping_address"] == shipping_address
    assert Order.objects.get().shipping_address == shipping_address


def test_editing_or_deleting_the_saved_address_later_never_changes_the_order(
    customer_client, checkout_ok, saved_address, shipping_address
):
    order_id = customer_client.post(
        URL, {"address_id": str(saved_address.id)}, format="json"
    ).json()["id"]

    customer_client.patch(
        f"/addresses/{saved_address.id}", {"city": "Astana", "line2": ""}, format="json"
    )
    assert customer_client.get(f"/order/{order_id}").json()["shipping_address"] == shipping_address

    customer_client.delete(f"/addresses/{saved_address.id}")
    assert customer_client.get(f"/order/{order_id}").json()["shipping_address"] == shipping_address


@pytest.mark.parametrize(
    "address_id",
    ["someone_elses", "unknown", "not-a-uuid", ""],
)
def test_create_with_an_address_id_not_the_users_is_404_and_calls_nothing(
    customer_client, stubs, address_id
):
    known = {"someone_elses": str(AddressFactory().id), "unknown": str(uuid.uuid4())}

    response = customer_client.post(
        URL, {"address_id": known.get(address_id, address_id)}, format="json"
    )

    assert response.status_code == 404
    assert response.json().keys() == {"detail"}
    assert list(stubs.mock.calls) == []
    assert _nothing_written()


def test_an_admin_cannot_check_out_to_another_users_address(admin_api_client, stubs):
    response = admin_api_client.post(URL, {"address_id": str(AddressFactory().id)}, format="json")

    assert response.status_code == 404
    assert list(stubs.mock.calls) == []
    assert _nothing_written()


@pytest.mark.parametrize("address_id", [1, None, ["a"], {"id": "x"}, True])
def test_create_with_an_address_id_that_is_not_a_string_is_400(customer_client, stubs, address_id):
    response = customer_client.post(URL, {"address_id": address_id}, format="json")

    assert response.status_code == 400
    assert "address_id" in response.json()
    assert list(stubs.mock.calls) == []
    assert _nothing_written()


def test_create_with_both_an_address_and_an_address_id_is_400(
    customer_client, stubs, saved_address, shipping_address
):
    response = customer_client.post(
        URL,
        {"shipping_address": shipping_address, "address_id": str(saved_address.id)},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Send exactly one of shipping_address and address_id."]
    }
    assert list(stubs.mock.calls) == []
    assert _nothing_written()


def test_create_with_neither_an_address_nor_an_address_id_is_400(customer_client, stubs):
    response = customer_client.post(URL, {}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Send exactly one of shipping_address and address_id."]
    }
    assert list(stubs.mock.calls) == []
    assert _nothing_written()


def test_a_repeated_idempotency_key_returns_the_first_order_even_once_its_address_is_gone(
    customer_client, stubs, checkout_ok, saved_address
):
    headers = {"Idempotency-Key": "checkout-7"}
    body = {"address_id": str(saved_address.id)}
    first = customer_client.post(URL, body, format="json", headers=headers)
    saved_address.delete()

    second = customer_client.post(URL, body, format="json", headers=headers)

    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json()
    assert len(stubs.reserved_order_ids()) == 1
