import uuid
from urllib.parse import urlencode

import pytest
from orders.tests.conftest import NOT_STORABLE_TEXT, SHIPPING_ADDRESS_FIELDS, json_send

from addresses.models import ADDRESS_BOOK_SIZE_MAX, Address
from addresses.tests.factories import AddressFactory
from shop_common.testing import api_client_as_service

pytestmark = pytest.mark.django_db

URL = "/addresses"


def test_create_answers_201_with_the_address_as_the_contract_describes(
    customer_client, customer, address_data
):
    response = customer_client.post(URL, address_data, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body.keys() == {
        "id",
        "name",
        "line1",
        "line2",
        "city",
        "postal_code",
        "country",
        "phone",
        "is_default",
        "created_at",
        "updated_at",
    }
    assert {key: body[key] for key in address_data} == address_data
    address = Address.objects.get(pk=body["id"])
    assert str(address.user_id) == customer.id


def test_the_first_address_becomes_the_default_even_when_sent_as_not_default(
    customer_client, address_data
):
    response = customer_client.post(URL, {**address_data, "is_default": False}, format="json")

    assert response.json()["is_default"] is True
    assert Address.objects.get().is_default is True


def test_a_second_address_is_not_the_default_unless_asked(customer_client, customer, address_data):
    first = AddressFactory(user_id=customer.id, is_default=True)

    response = customer_client.post(URL, address_data, format="json")

    assert response.json()["is_default"] is False
    first.refresh_from_db()
    assert first.is_default is True


def test_creating_a_default_address_takes_the_default_from_the_current_one(
    customer_client, customer, address_data
):
    first = AddressFactory(user_id=customer.id, is_default=True)

    response = customer_client.post(URL, {**address_data, "is_default": True}, format="json")

    assert response.json()["is_default"] is True
    first.refresh_from_db()
    assert first.is_default is False
    assert list(
        Address.objects.filter(user_id=customer.id, is_default=True).values_list("id", flat=True)
    ) == [uuid.UUID(response.json()["id"])]


def test_create_fills_optional_fields_with_blanks_and_normalises_like_checkout(
    customer_client, address_data
):
    body = {k: v for k, v in address_data.items() if k not in ("line2", "phone")}

    response = customer_client.post(
        URL, {**body, "country": "kz", "postal_code": "a1b 2c3"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["line2"] == ""
    assert response.json()["phone"] == ""
    assert response.json()["country"] == "KZ"
    assert response.json()["postal_code"] == "A1B 2C3"


def test_create_ignores_unknown_keys_and_never_takes_the_owner_from_the_body(
    customer_client, customer, address_data
):
    someone = str(uuid.uuid4())

    response = customer_client.post(
        URL, {**address_data, "user_id": someone, "colour": "blue"}, format="json"
    )

    assert response.status_code == 201
    assert str(Address.objects.get().user_id) == customer.id


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"line1": None}, "line1"),
        ({"line1": ["a", "list"]}, "line1"),
        ({"line2": "x" * 201}, "line2"),
        ({"city": "   "}, "city"),
        ({"postal_code": "05 00 00 !"}, "postal_code"),
        ({"country": "Kazakhstan"}, "country"),
        ({"country": "K1"}, "country"),
        ({"phone": "call me"}, "phone"),
        ({"is_default": "maybe"}, "is_default"),
        ({"is_default": None}, "is_default"),
    ],
)
def test_create_with_bad_input_is_400_keyed_by_field_and_writes_nothing(
    customer_client, address_data, change, field
):
    response = customer_client.post(URL, {**address_data, **change}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Address.objects.exists()


@pytest.mark.parametrize("value", NOT_STORABLE_TEXT)
@pytest.mark.parametrize("field", SHIPPING_ADDRESS_FIELDS)
def test_create_with_a_field_that_is_not_storable_text_is_400_keyed_by_it_and_writes_nothing(
    customer_client, address_data, field, value
):
    response = json_send(customer_client, "POST", URL, {**address_data, field: value})

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not Address.objects.exists()


def _multipart(fields: dict[str, bytes]) -> bytes:
    parts = [
        b'--XX\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (name.encode(), value)
        for name, value in fields.items()
    ]
    return b"".join(parts) + b"--XX--\r\n"


@pytest.mark.parametrize(
    "value",
    [pytest.param(b"Al\x00maty", id="nul"), pytest.param(b"x" * 10_000, id="10000-chars")],
)
@pytest.mark.parametrize("field", SHIPPING_ADDRESS_FIELDS)
@pytest.mark.parametrize("encoding", ["form", "multipart"])
def test_a_form_or_multipart_field_that_is_not_storable_text_is_400_and_writes_nothing(
    customer_client, address_data, field, value, encoding
):
    fields = {name: text.encode() for name, text in address_data.items()}
    fields[field] = value
    if encoding == "form":
        body = urlencode(fields).encode()
        content_type = "application/x-www-form-urlencoded"
    else:
        body = _multipart(fields)
        content_type = "multipart/form-data; boundary=XX"

    response = customer_client.generic("POST", URL, body, content_type=content_type)

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not Address.objects.exists()


@pytest.mark.parametrize("missing", ["name", "line1", "city", "postal_code", "country"])
def test_create_without_a_required_field_is_400_and_writes_nothing(
    customer_client, address_data, missing
):
    body = {k: v for k, v in address_data.items() if k != missing}

    response = customer_client.post(URL, body, format="json")

    assert response.status_code == 400
    assert missing in response.json()
    assert not Address.objects.exists()


def test_create_with_a_body_that_is_not_an_object_is_400(customer_client):
    response = customer_client.post(URL, ["a", "list"], format="json")

    assert response.status_code == 400
    assert not Address.objects.exists()


def test_the_address_over_the_limit_is_409_and_writes_nothing(
    customer_client, customer, address_data
):
    AddressFactory.create_batch(ADDRESS_BOOK_SIZE_MAX, user_id=customer.id)

    response = customer_client.post(URL, address_data, format="json")

    assert response.status_code == 409
    assert response.json().keys() == {"detail"}
    assert Address.objects.filter(user_id=customer.id).count() == ADDRESS_BOOK_SIZE_MAX


def test_the_limit_counts_only_the_users_own_addresses(customer_client, address_data):
    AddressFactory.create_batch(ADDRESS_BOOK_SIZE_MAX, user_id=uuid.uuid4())

    assert customer_client.post(URL, address_data, format="json").status_code == 201


def test_create_without_a_token_is_401(client, address_data):
    response = client.post(URL, address_data, content_type="application/json")

    assert response.status_code == 401
    assert not Address.objects.exists()


def test_create_with_a_service_credential_is_refused(address_data):
    client = api_client_as_service(audience="order")

    response = client.post(URL, address_data, format="json")

    assert response.status_code == 401
    assert not Address.objects.exists()
