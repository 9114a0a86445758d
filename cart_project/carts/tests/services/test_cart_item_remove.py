import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

from carts.services import cart_item_remove
from carts.store import cart_lines_read


def test_concurrent_decrements_take_exactly_what_was_asked(user_id, catalog, cart_seed):
    product = catalog.product_add()
    cart_seed(user_id=user_id, lines={product["id"]: 60})
    start = threading.Barrier(40)

    def remove_one() -> None:
        start.wait()
        cart_item_remove(user_id=user_id, product_id=product["id"], quantity=1)

    with ThreadPoolExecutor(max_workers=40) as pool:
        list(pool.map(lambda _: remove_one(), range(40)))

    assert cart_lines_read(user_id=user_id) == {product["id"]: 20}


def test_removing_leaves_other_users_carts_alone(user_id, catalog, cart_seed):
    product = catalog.product_add()
    other_user = str(uuid.uuid4())
    cart_seed(user_id=user_id, lines={product["id"]: 2})
    cart_seed(user_id=other_user, lines={product["id"]: 2})

    cart_item_remove(user_id=user_id, product_id=product["id"])

    assert cart_lines_read(user_id=other_user) == {product["id"]: 2}
