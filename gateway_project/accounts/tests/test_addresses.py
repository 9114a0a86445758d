"""Saved addresses on /account: list, add, edit, delete, make default."""

import json
import uuid

import pytest
import requests
from conftest import page_json

from accounts.tests.conftest import (
    ACCESS,
    REFRESH,
    address_body,
    auth_url,
    csrf_token_of,
    messages_of,
    order_url,
    user_body,
)

FORM = {
    "name": "Ann Smith",
    "line1": "1 Abay Avenue",
    "line2": "",
    "city": "Almaty",
    "postal_code": "050000",
    "country": "KZ",
    "phone": "",
}


@pytest.fixture
def profile_ok(backends):
    backends.get(auth_url("/auth/me"), json=user_body())
    return backends


def book_of(backends, *addresses) -> list[dict]:
    backends.get(order_url("/addresses"), json=page_json(list(addresses)))
    return list(addresses)


def posts_to(backends, path: str) -> list:
    return [
        call
        for call in backends.calls
        if call.request.method != "GET" and call.request.url == order_url(path)
    ]


# The list --------------------------------------------------------------------


def test_the_book_is_listed_with_the_default_marked(profile_ok, shopper_client):
    home, work = book_of(
        profile_ok,
        address_body(name="Home", is_default=True),
        address_body(name="Work", line2="Floor 3", phone="+7 701 000 00 00"),
    )

    response = shopper_client.get("/account")

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('data-testid="address-row"') == 2
    assert f'data-address-id="{home["id"]}"' in page
    assert page.count('data-testid="address-default-badge"') == 1
    assert page.count('data-testid="address-make-default"') == 1
    assert page.count('data-testid="address-delete"') == 2
    assert page.count('data-testid="address-edit"') == 2
    assert f'action="/account/addresses/{work["id"]}/default"' in page
    assert f'action="/account/addresses/{home["id"]}/default"' not in page
    assert f'href="/account/addresses/{home["id"]}"' in page
    assert "Floor 3" in page and "+7 701 000 00 00" in page
    list_call = next(call for call in profile_ok.calls if "/addresses" in call.request.url)
    assert list_call.request.headers["Authorization"] == f"Bearer {shopper_client.access_token}"


def test_an_empty_book_says_so(profile_ok, shopper_client):
    book_of(profile_ok)

    page = shopper_client.get("/account").content.decode()

    assert 'data-testid="addresses-empty"' in page
    assert 'data-testid="address-row"' not in page


def test_address_text_is_escaped(profile_ok, shopper_client):
    book_of(
        profile_ok,
        address_body(name="<script>alert(1)</script>", line1='"><img src=x onerror=alert(2)>'),
    )

    page = shopper_client.get("/account").content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page


def test_addresses_without_a_usable_id_are_left_out(profile_ok, shopper_client):
    book_of(profile_ok, address_body(id="not-a-uuid"), "junk", address_body(name="Kept"))

    response = shopper_client.get("/account")

    assert response.status_code == 200
    assert response.content.decode().count('data-testid="address-row"') == 1


@pytest.mark.parametrize(
    "answer",
    [{"body": requests.ConnectionError("refused")}, {"status": 503, "json": {"detail": "x"}}],
)
def test_order_down_leaves_the_rest_of_the_page_with_a_notice(profile_ok, shopper_client, answer):
    profile_ok.get(order_url("/addresses"), **answer)

    response = shopper_client.get("/account")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="addresses-unavailable"' in page
    assert "The order service is unavailable." in page
    assert 'data-testid="profile-email">ann@example.com' in page
    assert 'data-testid="password-form"' in page
    assert 'data-testid="address-form"' not in page


def test_the_book_refused_by_order_is_a_notice(profile_ok, shopper_client):
    profile_ok.get(order_url("/addresses"), status=403, json={"detail": "Not for you."})

    response = shopper_client.get("/account")

    assert response.status_code == 200
    assert "Not for you." in response.content.decode()


def test_a_token_order_refuses_ends_the_login(profile_ok, shopper_client):
    profile_ok.get(order_url("/addresses"), status=401, json={"detail": "Token is invalid"})

    response = shopper_client.get("/account")

    assert response.status_code == 302
    assert response["Location"] == "/login?next=/account"
    assert response.cookies[ACCESS]["max-age"] == 0
    assert REFRESH not in response.cookies  # the middleware tries it next time


# Add ---------------------------------------------------------------------------


def test_adding_an_address_sends_it_and_goes_back_to_the_book(backends, shopper_client):
    backends.post(order_url("/addresses"), status=201, json=address_body(name="Ann Smith"))

    response = shopper_client.post("/account/addresses", {**FORM, "country": "kz"})

    assert response.status_code == 302
    assert response["Location"] == "/account#addresses"
    (call,) = backends.calls
    assert call.request.headers["Authorization"] == f"Bearer {shopper_client.access_token}"
    # The order service owns the rules (it upper-cases the country itself).
    assert json.loads(call.request.body) == {**FORM, "country": "kz"}
    assert messages_of(response) == ["Saved the address “Ann Smith”."]


def test_a_ticked_default_box_sends_is_default(backends, shopper_client):
    backends.post(order_url("/addresses"), status=201, json=address_body(is_default=True))

    shopper_client.post("/account/addresses", {**FORM, "is_default": "on"})

    assert json.loads(backends.calls[0].request.body)["is_default"] is True


def test_a_full_book_is_told_and_the_typed_address_kept(profile_ok, shopper_client):
    profile_ok.post(
        order_url("/addresses"),
        status=409,
        json={
            "detail": "An address book holds at most 20 addresses: "
            "delete one before saving another."
        },
    )
    book_of(profile_ok, address_body())

    response = shopper_client.post("/account/addresses", {**FORM, "name": "Dacha"})

    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="address-errors"' in page
    assert "An address book holds at most 20 addresses" in page
    assert 'value="Dacha"' in page


def test_the_services_field_errors_are_shown_beside_the_fields(profile_ok, shopper_client):
    profile_ok.post(
        order_url("/addresses"),
        status=400,
        json={
            "postal_code": ["Enter a valid postal code."],
            "country": ["Enter a two-letter ISO 3166-1 country code."],
        },
    )
    book_of(profile_ok)

    response = shopper_client.post("/account/addresses", {**FORM, "postal_code": "!!"})

    form = response.context["address_form"]
    assert form.errors["postal_code"] == ["Enter a valid postal code."]
    assert form.errors["country"] == ["Enter a two-letter ISO 3166-1 country code."]
    page = response.content.decode()
    assert 'class="form-control is-invalid" data-testid="address-postal-code"' in page


def test_order_down_while_adding_keeps_the_form_with_the_reason(backends, shopper_client):
    backends.get(auth_url("/auth/me"), json=user_body())
    backends.post(order_url("/addresses"), body=requests.ConnectionError("refused"))
    backends.get(order_url("/addresses"), body=requests.ConnectionError("refused"))

    response = shopper_client.post("/account/addresses", FORM)

    assert response.status_code == 200
    page = response.content.decode()
    assert "The order service is unavailable. The address was not saved." in page
    assert 'data-testid="address-form"' in page
    assert 'value="1 Abay Avenue"' in page


@pytest.mark.parametrize(
    "data",
    [
        {},
        {**FORM, "name": ""},
        {**FORM, "city": "c" * 10_000},
        {**FORM, "line1": "x" * 10_240, "line2": "y" * 10_240},
        {**FORM, "name": "Ann\x00"},
        {**FORM, "country": "KAZ"},
    ],
)
def test_weird_address_input_is_a_form_error_and_saves_nothing(profile_ok, shopper_client, data):
    book_of(profile_ok)

    response = shopper_client.post("/account/addresses", data)

    assert response.status_code == 200
    assert response.context["address_form"].errors
    assert posts_to(profile_ok, "/addresses") == []


def test_non_ascii_addresses_go_to_the_service_as_typed(backends, shopper_client):
    backends.post(order_url("/addresses"), status=201, json=address_body(name="Айгүл"))

    shopper_client.post("/account/addresses", {**FORM, "name": "Айгүл", "city": "Алматы"})

    sent = json.loads(backends.calls[0].request.body)
    assert (sent["name"], sent["city"]) == ("Айгүл", "Алматы")


def test_adding_needs_a_signed_in_shopper(backends, client):
    response = client.post("/account/addresses", FORM)

    assert response.status_code == 302
    assert response["Location"] == "/login?next=/account"
    assert len(backends.calls) == 0


def test_get_on_the_add_action_goes_back_to_the_book(backends, shopper_client):
    response = shopper_client.get("/account/addresses")

    assert response.status_code == 302
    assert response["Location"] == "/account#addresses"


# Edit --------------------------------------------------------------------------


def test_the_edit_page_is_filled_in(backends, shopper_client):
    (address,) = book_of(backends, address_body(name="Work", line2="Floor 3"))

    response = shopper_client.get(f"/account/addresses/{address['id']}")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="address-edit-form"' in page
    assert 'data-testid="address-edit-submit"' in page
    assert 'value="Work"' in page and 'value="Floor 3"' in page
    assert 'data-testid="address-is-default"' in page


def test_the_default_address_cannot_be_undefaulted_on_its_form(backends, shopper_client):
    (address,) = book_of(backends, address_body(is_default=True))

    page = shopper_client.get(f"/account/addresses/{address['id']}").content.decode()

    assert 'data-testid="address-is-default"' not in page
    assert 'data-testid="address-default-badge"' in page


def test_editing_sends_every_field_and_goes_back(backends, shopper_client):
    (address,) = book_of(backends, address_body(is_default=True))
    url = order_url(f"/addresses/{address['id']}")
    backends.patch(url, json=address_body(id=address["id"], name="Home"))

    response = shopper_client.post(f"/account/addresses/{address['id']}", {**FORM, "name": "Home"})

    assert response.status_code == 302
    assert response["Location"] == "/account#addresses"
    (patch,) = posts_to(backends, f"/addresses/{address['id']}")
    assert patch.request.method == "PATCH"
    # The default stays the default: is_default is never sent as false.
    assert json.loads(patch.request.body) == {**FORM, "name": "Home"}
    assert messages_of(response) == ["Saved the address “Home”."]


def test_editing_can_make_the_address_the_default(backends, shopper_client):
    (address,) = book_of(backends, address_body())
    backends.patch(order_url(f"/addresses/{address['id']}"), json=address_body(is_default=True))

    shopper_client.post(f"/account/addresses/{address['id']}", {**FORM, "is_default": "on"})

    (patch,) = posts_to(backends, f"/addresses/{address['id']}")
    assert json.loads(patch.request.body)["is_default"] is True


def test_edit_errors_are_shown_beside_the_fields(backends, shopper_client):
    (address,) = book_of(backends, address_body())
    backends.patch(
        order_url(f"/addresses/{address['id']}"),
        status=400,
        json={"phone": ["Enter a valid phone number."]},
    )

    response = shopper_client.post(f"/account/addresses/{address['id']}", {**FORM, "phone": "x"})

    assert response.status_code == 200
    assert response.context["form"].errors["phone"] == ["Enter a valid phone number."]
    assert 'value="x"' in response.content.decode()


def test_editing_an_address_deleted_meanwhile_goes_back_with_a_message(backends, shopper_client):
    (address,) = book_of(backends, address_body())
    backends.patch(order_url(f"/addresses/{address['id']}"), status=404, json={"detail": "No."})

    response = shopper_client.post(f"/account/addresses/{address['id']}", FORM)

    assert response.status_code == 302
    assert messages_of(response) == ["That address no longer exists."]


def test_an_address_not_in_the_book_is_404(backends, shopper_client):
    book_of(backends, address_body())

    response = shopper_client.get(f"/account/addresses/{uuid.uuid4()}", HTTP_ACCEPT="text/html")

    assert response.status_code == 404
    assert "There is no such page." in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/account/addresses/not-a-uuid",
        "/account/addresses/123/delete",
        "/account/addresses/%3Cscript%3E/default",
        "/account/addresses/" + "a" * 10_000,
    ],
)
def test_an_address_id_that_is_not_a_uuid_is_404(backends, shopper_client, path):
    assert shopper_client.get(path).status_code == 404
    assert shopper_client.post(path).status_code == 404
    assert len(backends.calls) == 0


def test_order_down_on_the_edit_page_is_a_notice(backends, shopper_client):
    backends.get(order_url("/addresses"), body=requests.ConnectionError("refused"))

    response = shopper_client.get(f"/account/addresses/{uuid.uuid4()}")

    assert response.status_code == 200
    page = response.content.decode()
    assert "The order service is unavailable." in page
    assert 'data-testid="address-edit-form"' not in page


def test_order_down_while_saving_an_edit_keeps_the_typing(backends, shopper_client):
    (address,) = book_of(backends, address_body())
    backends.patch(order_url(f"/addresses/{address['id']}"), status=503, json={"detail": "x"})

    response = shopper_client.post(f"/account/addresses/{address['id']}", {**FORM, "name": "Dacha"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "The order service is unavailable. Your changes were not saved." in page
    assert 'value="Dacha"' in page


# Delete and make default -------------------------------------------------------


def test_deleting_an_address(backends, shopper_client):
    address_id = str(uuid.uuid4())
    backends.delete(order_url(f"/addresses/{address_id}"), status=204)

    response = shopper_client.post(f"/account/addresses/{address_id}/delete")

    assert response.status_code == 302
    assert response["Location"] == "/account#addresses"
    (call,) = backends.calls
    assert call.request.method == "DELETE"
    assert call.request.headers["Authorization"] == f"Bearer {shopper_client.access_token}"
    assert messages_of(response) == ["The address was deleted."]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"status": 404, "json": {"detail": "Not found."}}, "That address no longer exists."),
        (
            {"body": requests.ConnectionError("refused")},
            "The order service is unavailable. The address was not deleted.",
        ),
    ],
)
def test_a_failed_delete_is_told(backends, shopper_client, answer, message):
    address_id = str(uuid.uuid4())
    backends.delete(order_url(f"/addresses/{address_id}"), **answer)

    response = shopper_client.post(f"/account/addresses/{address_id}/delete")

    assert response.status_code == 302
    assert messages_of(response) == [message]


def test_making_an_address_the_default(backends, shopper_client):
    address_id = str(uuid.uuid4())
    backends.patch(
        order_url(f"/addresses/{address_id}"),
        json=address_body(id=address_id, name="Work", is_default=True),
    )

    response = shopper_client.post(f"/account/addresses/{address_id}/default")

    assert response.status_code == 302
    assert response["Location"] == "/account#addresses"
    (call,) = backends.calls
    assert call.request.method == "PATCH"
    assert json.loads(call.request.body) == {"is_default": True}
    assert messages_of(response) == ["“Work” is now your default address."]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"status": 404, "json": {"detail": "Not found."}}, "That address no longer exists."),
        (
            {"status": 400, "json": {"is_default": ["Make another address the default instead."]}},
            "Is default: Make another address the default instead.",
        ),
        (
            {"status": 503, "json": {"detail": "x"}},
            "The order service is unavailable. Your default address was not changed.",
        ),
    ],
)
def test_a_failed_make_default_is_told(backends, shopper_client, answer, message):
    address_id = str(uuid.uuid4())
    backends.patch(order_url(f"/addresses/{address_id}"), **answer)

    response = shopper_client.post(f"/account/addresses/{address_id}/default")

    assert response.status_code == 302
    assert messages_of(response) == [message]


@pytest.mark.parametrize("action", ["delete", "default"])
def test_the_actions_are_post_only(backends, shopper_client, action):
    response = shopper_client.get(f"/account/addresses/{uuid.uuid4()}/{action}")

    assert response.status_code == 405
    assert len(backends.calls) == 0


@pytest.mark.parametrize("action", ["delete", "default"])
def test_the_actions_need_a_signed_in_shopper(backends, client, action):
    response = client.post(f"/account/addresses/{uuid.uuid4()}/{action}")

    assert response.status_code == 302
    assert response["Location"].startswith("/login")
    assert len(backends.calls) == 0


def test_a_token_order_refuses_on_delete_ends_the_login(backends, shopper_client):
    address_id = str(uuid.uuid4())
    backends.delete(order_url(f"/addresses/{address_id}"), status=401, json={"detail": "x"})

    response = shopper_client.post(f"/account/addresses/{address_id}/delete")

    assert response["Location"] == "/login?next=/account"
    assert response.cookies[ACCESS]["max-age"] == 0
    assert REFRESH not in response.cookies  # the middleware tries it next time


# CSRF ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/account/addresses",
        "/account/addresses/0b0c5a8e-7f2a-4d1e-9c43-5b6a7e8f9a01",
        "/account/addresses/0b0c5a8e-7f2a-4d1e-9c43-5b6a7e8f9a01/delete",
        "/account/addresses/0b0c5a8e-7f2a-4d1e-9c43-5b6a7e8f9a01/default",
    ],
)
def test_address_forms_without_the_csrf_token_are_refused(backends, shopper_csrf_client, path):
    response = shopper_csrf_client.post(path, FORM)

    assert response.status_code == 403
    assert len(backends.calls) == 0


def test_an_address_form_with_the_csrf_token_passes(backends, shopper_csrf_client):
    address_id = str(uuid.uuid4())
    backends.delete(order_url(f"/addresses/{address_id}"), status=204)
    token = csrf_token_of(shopper_csrf_client)

    response = shopper_csrf_client.post(
        f"/account/addresses/{address_id}/delete", {"csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
