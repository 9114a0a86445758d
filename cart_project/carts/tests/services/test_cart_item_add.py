import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

from carts import services
from carts.services import cart_item_add
from carts.store import cart_lines_read
from shop_common.testing import api_client_as_user


def add_concurrently(*, user_id: str, product_id: str, requests: int) -> list[int]:
    """Sends `requests` adds of one at once, each from its own thread and
    client; returns the status codes."""
    start = threading.Barrier(requests)

    def add() -> int:
        client = api_client_as_user(user_id=user_id)
        start.wait()
        return client.post("/cart/add", {"product_id": product_id}, format="json").status_code

    with ThreadPoolExecutor(max_workers=requests) as pool:
        return list(pool.map(lambda _: add(), range(requests)))


def test_fifty_concurrent_adds_of_one_end_at_exactly_fifty(user_id, catalog):
    product = catalog.product_add(stock=1000)

    statuses = add_concurrently(user_id=user_id, product_id=product["id"], requests=50)

    assert statuses == [200] * 50
    assert cart_lines_read(user_id=user_id) == {product["id"]: 50}


def test_concurrent_adds_never_push_a_line_past_ninety_nine(user_id, catalog):
    product = catalog.product_add(stock=1000)

    statuses = add_concurrently(user_id=user_id, product_id=product["id"], requests=120)

    assert statuses.count(200) == 99
    assert statuses.count(400) == 21
    assert cart_lines_read(user_id=user_id) == {product["id"]: 99}


def test_concurrent_adds_never_pass_the_stock(user_id, catalog):
    product = catalog.product_add(stock=30)

    statuses = add_concurrently(user_id=user_id, product_id=product["id"], requests=50)

    assert statuses.count(200) == 30
    assert statuses.count(409) == 20
    assert cart_lines_read(user_id=user_id) == {product["id"]: 30}


def test_carts_of_two_users_never_mix(catalog):
    alice, bob = str(uuid.uuid4()), str(uuid.uuid4())
    book = catalog.product_add(name="Book")
    pen = catalog.product_add(name="Pen")

    cart_item_add(user_id=alice, product_id=book["id"], quantity=2)
    cart_item_add(user_id=bob, product_id=pen["id"], quantity=5)
    alice_cart = cart_item_add(user_id=alice, product_id=pen["id"], quantity=1)

    assert cart_lines_read(user_id=alice) == {book["id"]: 2, pen["id"]: 1}
    assert cart_lines_read(user_id=bob) == {pen["id"]: 5}
    assert alice_cart.total_quantity == 3


def test_the_answer_prices_a_line_added_meanwhile_by_another_request(
    user_id, catalog, cart_seed, monkeypatch
):
    first = catalog.product_add(price="1.00")
    meanwhile = catalog.product_add(price="2.00")
    read = services.cart_lines_read

    def read_then_another_request_adds(*, user_id):
        lines = read(user_id=user_id)
        cart_seed(user_id=user_id, lines={meanwhile["id"]: 1})
        return lines

    monkeypatch.setattr(services, "cart_lines_read", read_then_another_request_adds)

    cart = cart_item_add(user_id=user_id, product_id=first["id"], quantity=1)

    assert {line.product_id for line in cart.lines} == {first["id"], meanwhile["id"]}
    assert str(cart.total) == "3.00"
