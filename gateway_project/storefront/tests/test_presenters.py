"""The plain functions that shape the services' answers for the pages."""

from decimal import Decimal

import pytest

from storefront import presenters
from storefront.tests.factories import address_json, saved_address_json


@pytest.mark.parametrize(
    ("stock", "label", "available"),
    [
        (0, "Out of stock", False),
        (-3, "Out of stock", False),
        (None, "Out of stock", False),
        ("7", "Out of stock", False),
        (True, "Out of stock", False),
        (1, "Only 1 left", True),
        (5, "Only 5 left", True),
        (6, "In stock", True),
        (10_000, "In stock", True),
    ],
)
def test_stock_state_labels(stock, label, available):
    state = presenters.stock_state(stock)

    assert (state.label, state.available) == (label, available)


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        ("19.90", "KZT", "19.90 KZT"),
        ("1299.5", "KZT", "1,299.50 KZT"),
        (Decimal("0"), "EUR", "0.00 EUR"),
        ("abc", "KZT", "abc KZT"),
        ("NaN", "KZT", "NaN KZT"),
        (None, "KZT", "—"),
    ],
)
def test_money_is_formatted_with_its_currency(amount, currency, text):
    assert presenters.money(amount, currency) == text


def test_money_without_a_currency_uses_the_shop_currency(settings):
    settings.SHOP_CURRENCY = "USD"

    assert presenters.money("1", None) == "1.00 USD"


def test_the_shop_currency_is_the_setting(settings):
    settings.SHOP_CURRENCY = "EUR"

    assert presenters.shop_currency() == "EUR"


def test_a_product_card_has_its_first_image_or_none():
    with_image = presenters.product_card(
        {"id": "1", "name": "Mug", "images": [{"url": "u", "alt": ""}], "price": "1", "stock": 1}
    )
    without = presenters.product_card({"id": "2", "name": "Pot", "images": [], "price": "1"})

    assert with_image["image"] == {"url": "u", "alt": "Mug"}
    assert without["image"] is None


def test_attribute_rows_show_lists_booleans_and_nested_values_as_text():
    rows = presenters.attribute_rows(
        {
            "colour": "blue",
            "sizes": ["S", "M"],
            "dishwasher_safe": False,
            "size": {"w": 1},
            "x": None,
        }
    )

    assert rows == [
        ("Colour", "blue"),
        ("Sizes", "S, M"),
        ("Dishwasher safe", "No"),
        ("Size", "{'w': 1}"),
        ("X", "—"),
    ]


def test_attribute_rows_of_something_that_is_not_an_object_are_empty():
    assert presenters.attribute_rows(["a"]) == []


@pytest.mark.parametrize(("stock", "most"), [(0, 1), (3, 3), (500, 99)])
def test_a_product_may_be_added_up_to_its_stock_or_99(stock, most):
    detail = presenters.product_detail({"id": "1", "name": "Mug", "stock": stock})

    assert detail["quantity_max"] == most


def test_pagination_links_the_pages_around_this_one():
    pages = presenters.pagination(count=25, page=2, page_size=10, url_of=lambda n: f"?page={n}")

    assert (pages.pages, pages.previous_url, pages.next_url) == (3, "?page=1", "?page=3")


def test_pagination_of_the_first_and_last_pages():
    first = presenters.pagination(count=25, page=1, page_size=10, url_of=str)
    last = presenters.pagination(count=25, page=3, page_size=10, url_of=str)

    assert first.previous_url is None
    assert last.next_url is None


def test_pagination_of_an_empty_list_is_one_page_not_shown():
    pages = presenters.pagination(count=0, page=1, page_size=10, url_of=str)

    assert pages.pages == 1
    assert not pages.shown


@pytest.mark.parametrize(
    ("status", "label"),
    [
        ("pending_payment", "Awaiting payment"),
        ("payment_failed", "Payment declined"),
        ("paid", "Paid"),
        ("on_hold", "On hold"),
        (None, "Unknown"),
    ],
)
def test_status_badges(status, label):
    assert presenters.status_badge(status).label == label


@pytest.mark.parametrize(
    ("actor", "label"),
    [
        ("customer:3f2a", "You"),
        ("admin:3f2a", "Shop staff"),
        ("staff:boss@example.com", "Shop staff"),
        ("service:payment", "Payment"),
        ("system", "The shop (automatic)"),
        ("", "The shop"),
    ],
)
def test_actor_labels_never_name_staff(actor, label):
    assert presenters.actor_label(actor) == label


def test_order_actions_follow_the_status_machine():
    assert presenters.order_detail({"id": "1", "status": "pending_payment"})["can_pay"]
    declined = presenters.order_detail({"id": "1", "status": "payment_failed"})
    assert declined["can_cancel"] and not declined["can_pay"] and declined["declined"]
    paid = presenters.order_detail({"id": "1", "status": "paid"})
    assert not paid["can_cancel"] and not paid["can_pay"]


def test_address_lines_skip_empty_parts():
    assert presenters.address_lines(address_json(line2="", phone="")) == [
        "Aigerim Sadykova",
        "12 Abay Avenue",
        "050000 Almaty",
        "KZ",
    ]


def test_a_typed_address_matches_a_saved_one_ignoring_case_and_spaces():
    saved = saved_address_json(country="KZ")

    assert (
        presenters.address_matching([saved], address_json(city=" almaty ", country="kz")) is saved
    )
    assert presenters.address_matching([saved], address_json(line1="13 Abay Avenue")) is None


def test_a_stock_conflict_names_the_products():
    message = presenters.stock_conflict_message(
        {"detail": "Short.", "unavailable": ["a", "b"]}, names={"a": "Mug"}
    )

    assert message == "Short: Mug, a product no longer sold."


def test_another_conflict_is_not_a_stock_conflict():
    assert presenters.stock_conflict_message({"detail": "Too many."}, names={}) is None
