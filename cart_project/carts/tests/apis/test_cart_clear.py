import uuid

from carts.store import cart_lines_read
from shop_common.testing import api_client_as_service


def test_deleting_the_cart_empties_it(api_client, user_id, catalog, cart_seed):
    cart_seed(user_id=user_id, lines={str(uuid.uuid4()): 2, str(uuid.uuid4()): 1})

    response = api_client.delete("/cart")

    assert response.status_code == 204
    assert response.content == b""
    assert cart_lines_read(user_id=user_id) == {}
    assert api_client.get("/cart").json()["items"] == []


def test_deleting_an_empty_cart_is_204(api_client, catalog):
    response = api_client.delete("/cart")

    assert response.status_code == 204


def test_deleting_a_cart_leaves_other_users_carts_alone(api_client, user_id, catalog, cart_seed):
    other_user = str(uuid.uuid4())
    product_id = str(uuid.uuid4())
    cart_seed(user_id=user_id, lines={product_id: 1})
    cart_seed(user_id=other_user, lines={product_id: 3})

    api_client.delete("/cart")

    assert cart_lines_read(user_id=other_user) == {product_id: 3}


def test_deleting_needs_no_catalog(api_client, user_id, catalog, cart_seed):
    cart_seed(user_id=user_id, lines={str(uuid.uuid4()): 2})

    api_client.delete("/cart")

    assert len(catalog.mock.calls) == 0


def test_deleting_without_a_token_is_401_and_changes_nothing(
    api_client, user_id, catalog, cart_seed
):
    product_id = str(uuid.uuid4())
    cart_seed(user_id=user_id, lines={product_id: 2})
    api_client.credentials()

    response = api_client.delete("/cart")

    assert response.status_code == 401
    assert cart_lines_read(user_id=user_id) == {product_id: 2}


def test_a_service_credential_cannot_delete_a_cart(catalog):
    response = api_client_as_service(audience="cart").delete("/cart")

    assert response.status_code == 401
