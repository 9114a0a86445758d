"""Who gets into `/admin/`: staff (role `admin`) only. Anonymous visitors go
to the login page and come back; customers are refused with a 403 page."""

from conftest import client_signed_in
from django.conf import settings
from django.test import Client

from console.tests.conftest import page_of
from shop_common import roles
from shop_common.testing import access_token_mint


def test_an_anonymous_visitor_is_sent_to_login_and_back_to_the_console(backends):
    response = Client().get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/login?next=/admin/"
    assert "no-store" in response["Cache-Control"]
    assert len(backends.calls) == 0


def test_a_customer_is_refused_with_a_403_page_and_no_service_is_asked(backends):
    response = client_signed_in(role=roles.CUSTOMER).get("/admin/", HTTP_ACCEPT="text/html")

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    assert "You are not allowed to do that." in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert len(backends.calls) == 0


def test_a_customers_script_gets_the_apis_json_403(backends):
    response = client_signed_in(role=roles.CUSTOMER).get("/admin/", HTTP_ACCEPT="application/json")

    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to perform this action."}


def test_an_admin_is_let_in(summaries, admin_client):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    assert page_of(response).find("console-areas")


def test_an_admin_signing_in_with_next_lands_on_the_console(backends):
    admin_token = access_token_mint(user_id="u-boss", email="boss@example.com", role=roles.ADMIN)
    backends.post(
        settings.SERVICE_URLS["auth"].rstrip("/") + "/auth/login",
        json={
            "access": admin_token,
            "refresh": "refresh-of-boss",
            "token_type": "Bearer",
            "expires_in": 300,
        },
    )

    response = Client().post(
        "/login?next=/admin/", {"email": "boss@example.com", "password": "pw", "next": "/admin/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert response.cookies[settings.LOGIN_ACCESS_COOKIE].value == admin_token


def test_only_the_exact_console_path_is_the_dashboard(backends):
    """/admin/<area>/ belongs to the areas' proxy; nothing else under /admin/ is ours."""
    response = Client().get("/admin/other/", HTTP_ACCEPT="text/html")

    assert response.status_code == 404


def test_the_layout_links_an_admin_to_the_staff_console(backends):
    page = client_signed_in(role=roles.ADMIN).get("/no/such/page", HTTP_ACCEPT="text/html")

    assert b'data-testid="staff-console-link"' in page.content
    assert b'href="/admin/"' in page.content


def test_the_layout_shows_a_customer_no_staff_console_link(backends, shopper_client):
    page = shopper_client.get("/no/such/page", HTTP_ACCEPT="text/html")

    assert b'data-testid="staff-console-link"' not in page.content
    assert b'data-testid="staff-sign-in"' not in page.content


def test_the_layout_offers_an_anonymous_visitor_the_staff_sign_in(backends):
    page = Client().get("/no/such/page", HTTP_ACCEPT="text/html")

    assert b'href="/login?next=/admin/"' in page.content
