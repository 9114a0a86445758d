import uuid

import requests
from conftest import TIMEOUT, url


def test_register_login_and_me_across_the_running_auth_service():
    email = f"Flow-{uuid.uuid4().hex[:8]}@Example.com"
    registered = requests.post(
        url("auth") + "/auth/register",
        json={"email": email, "password": "a-long-enough-passphrase", "role": "admin"},
        timeout=TIMEOUT,
    )
    assert registered.status_code == 201
    assert registered.json()["role"] == "customer"

    tokens = requests.post(
        url("auth") + "/auth/login",
        data={"email": email, "password": "a-long-enough-passphrase"},
        timeout=TIMEOUT,
    ).json()
    me = requests.get(
        url("auth") + "/auth/me",
        headers={"Authorization": f"Bearer {tokens['access']}"},
        timeout=TIMEOUT,
    )

    assert me.status_code == 200
    assert me.json()["email"] == email.lower()


def test_a_refresh_token_works_once_and_logout_ends_the_next(customer):
    rotated = requests.post(
        url("auth") + "/auth/refresh", json={"refresh": customer.refresh}, timeout=TIMEOUT
    )
    assert rotated.status_code == 200
    replay = requests.post(
        url("auth") + "/auth/refresh", json={"refresh": customer.refresh}, timeout=TIMEOUT
    )
    assert replay.status_code == 401

    new_refresh = rotated.json()["refresh"]
    logout = customer.call("POST", "auth", "/auth/logout", json={"refresh": new_refresh})
    assert logout.status_code == 204
    after = requests.post(
        url("auth") + "/auth/refresh", json={"refresh": new_refresh}, timeout=TIMEOUT
    )
    assert after.status_code == 401


def test_other_services_accept_the_auth_services_token_without_calling_it(customer):
    assert customer.call("GET", "cart", "/cart").status_code == 200
    assert customer.call("GET", "order", "/orders").status_code == 200
