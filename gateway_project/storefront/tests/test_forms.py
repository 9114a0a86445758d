"""The storefront's forms, on their own."""

import pytest
from django.http import QueryDict

from storefront.forms import CardForm, CatalogFilterForm, CheckoutForm, QuantityForm


def filters_of(query: str):
    return CatalogFilterForm(QueryDict(query)).filters()


def test_catalog_filters_read_search_category_ordering_and_page():
    filters = filters_of("search=mug&category=tea-cups&ordering=-price&page=3")

    assert (filters.search, filters.category, filters.ordering, filters.page) == (
        "mug",
        "tea-cups",
        "-price",
        3,
    )
    assert filters.notes == []


def test_catalog_filters_prefer_search_over_q():
    assert filters_of("search=mug&q=pot").search == "mug"
    assert filters_of("q=pot").search == "pot"


def test_one_bad_filter_leaves_the_others_in_place():
    filters = filters_of("search=mug&ordering=drop&page=2")

    assert (filters.search, filters.ordering, filters.page) == ("mug", "", 2)


def test_the_catalog_query_sends_only_the_filters_in_use():
    params = filters_of("search=&category=tea").catalog_params(page_size=12)

    assert params == {"page": 1, "page_size": 12, "category": "tea"}


def test_the_page_query_keeps_the_filters_and_drops_page_one():
    filters = filters_of("q=a b&category=tea&page=4")

    assert filters.query(page=1) == "search=a+b&category=tea"
    assert filters.query(page=5) == "search=a+b&category=tea&page=5"


@pytest.mark.parametrize("quantity", ["1", "99"])
def test_a_quantity_from_1_to_99_is_accepted(quantity):
    assert QuantityForm({"quantity": quantity}).is_valid()


@pytest.mark.parametrize("quantity", ["0", "100", "abc", "", "1.5", "-1"])
def test_a_quantity_outside_1_to_99_is_refused(quantity):
    assert not QuantityForm({"quantity": quantity}).is_valid()


def test_a_card_number_in_groups_is_read_without_spaces():
    form = CardForm(
        {"card_number": "4242 4242 4242 4242", "exp_month": "1", "exp_year": "2030", "cvc": "123"}
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["card_number"] == "4242424242424242"


def test_a_card_form_without_a_key_gets_a_fresh_one():
    form = CardForm(
        {"card_number": "4242424242424242", "exp_month": "1", "exp_year": "30", "cvc": "123"}
    )

    assert form.is_valid(), form.errors
    assert len(form.cleaned_data["idempotency_key"]) >= 16
    assert form.cleaned_data["exp_year"] == 2030


def test_the_checkout_form_chooses_the_default_address_then_the_first_then_new():
    first, default = {"id": "a", "name": "A"}, {"id": "b", "name": "B", "is_default": True}

    assert CheckoutForm(addresses=[first, default])["address_choice"].initial == "b"
    assert CheckoutForm(addresses=[first])["address_choice"].initial == "a"
    assert CheckoutForm(addresses=[])["address_choice"].initial == "new"


def test_a_saved_address_choice_needs_no_typed_fields():
    form = CheckoutForm(
        {"address_choice": "a", "idempotency_key": "k" * 20}, addresses=[{"id": "a"}]
    )

    assert form.is_valid(), form.errors
    assert not form.new_address


def test_the_typed_country_is_upper_cased():
    form = CheckoutForm(
        {
            "address_choice": "new",
            "name": "Ann",
            "line1": "1 Street",
            "city": "Almaty",
            "postal_code": "050000",
            "country": "kz",
            "idempotency_key": "k" * 20,
        },
        addresses=[],
    )

    assert form.is_valid(), form.errors
    assert form.typed_address()["country"] == "KZ"
