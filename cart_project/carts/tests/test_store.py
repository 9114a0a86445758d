import time
import uuid

import pytest

from carts.store import (
    ADD_DONE,
    ADD_OVER_STOCK,
    cart_key,
    cart_line_increment,
    cart_lines_read,
)


def increment(*, user_id: str, product_id: str, quantity: int = 1, stock: int = 50):
    return cart_line_increment(
        user_id=user_id,
        product_id=product_id,
        quantity=quantity,
        line_limit=99,
        stock=stock,
        max_lines=100,
    )


def test_a_cart_is_one_redis_hash_under_a_versioned_key(user_id, redis_flushed):
    product_id = str(uuid.uuid4())

    increment(user_id=user_id, product_id=product_id, quantity=3)

    assert cart_key(user_id=user_id) == f"cart:v1:{user_id}"
    assert redis_flushed.hgetall(f"cart:v1:{user_id}") == {product_id.encode(): b"3"}


def test_an_increment_answers_the_cart_as_it_is_after_it(user_id):
    product_id = str(uuid.uuid4())

    result = increment(user_id=user_id, product_id=product_id, quantity=2)

    assert result.outcome == ADD_DONE
    assert result.lines == {product_id: 2}


def test_a_refused_increment_answers_the_cart_unchanged(user_id):
    product_id = str(uuid.uuid4())
    increment(user_id=user_id, product_id=product_id, quantity=2)

    result = increment(user_id=user_id, product_id=product_id, quantity=2, stock=3)

    assert result.outcome == ADD_OVER_STOCK
    assert result.lines == {product_id: 2}


def test_an_idle_cart_expires(user_id, settings):
    settings.CART_TTL_SECONDS = 1
    increment(user_id=user_id, product_id=str(uuid.uuid4()))

    time.sleep(1.5)

    assert cart_lines_read(user_id=user_id) == {}


OTHER_ID = str(uuid.uuid4())


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (OTHER_ID, "many"),
        ("junk", 1),
        # The same product in another spelling would be a second line.
        (OTHER_ID.upper(), 1),
        (OTHER_ID, 0),
        (OTHER_ID, -2),
        (b"\xff\xfe", 1),
    ],
)
def test_an_unreadable_line_is_skipped_rather_than_failing_the_cart(
    user_id, redis_flushed, field, value
):
    product_id = str(uuid.uuid4())
    redis_flushed.hset(cart_key(user_id=user_id), mapping={product_id: 1, field: value})

    assert cart_lines_read(user_id=user_id) == {product_id: 1}
