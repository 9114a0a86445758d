"""The staff console, through Django's test client."""

from decimal import Decimal

import pytest

from products.admin import ProductCategory
from products.models import Product
from products.tests.factories import CategoryFactory, ProductFactory, ProductImageFactory

pytestmark = pytest.mark.django_db

ADMIN = "/admin/catalog/"
CHANGELIST = f"{ADMIN}products/product/"
# The category inline's form prefix (the generated product-category link model).
CATEGORIES = "Product_categories"


def _management(prefix: str, *, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_the_product_list_shows_sku_name_price_stock_and_active(staff_client):
    ProductFactory(sku="MUG-1", name="Blue mug", price=Decimal("12.50"), stock=7)

    response = staff_client.get(CHANGELIST)

    assert response.status_code == 200
    content = response.content.decode()
    for text in ["MUG-1", "Blue mug", "12.50", "column-stock", "column-is_active"]:
        assert text in content


def test_the_product_list_searches_by_sku_and_name(staff_client):
    ProductFactory(sku="MUG-1", name="Blue mug")
    ProductFactory(sku="PLATE-1", name="Plate")

    response = staff_client.get(CHANGELIST, {"q": "mug"})

    assert list(response.context["cl"].queryset.values_list("sku", flat=True)) == ["MUG-1"]


def test_the_product_list_filters_by_category_and_active(staff_client):
    books = CategoryFactory()
    ProductFactory(sku="BOOK-ON", categories=[books])
    ProductFactory(sku="BOOK-OFF", categories=[books], is_active=False)
    ProductFactory(sku="OTHER")

    response = staff_client.get(
        CHANGELIST, {"categories__id__exact": str(books.id), "is_active__exact": "1"}
    )

    assert list(response.context["cl"].queryset.values_list("sku", flat=True)) == ["BOOK-ON"]


def test_bulk_actions_deactivate_and_activate_products(staff_client):
    first, second = ProductFactory(), ProductFactory()
    selected = [str(first.pk), str(second.pk)]

    staff_client.post(CHANGELIST, {"action": "deactivate", "_selected_action": selected})
    assert not Product.objects.filter(is_active=True).exists()

    staff_client.post(CHANGELIST, {"action": "activate", "_selected_action": selected})
    assert Product.objects.filter(is_active=True).count() == 2


def test_the_change_page_has_the_image_and_category_inlines_and_read_only_timestamps(
    staff_client,
):
    books = CategoryFactory(name="Books")
    product = ProductFactory(categories=[books])
    ProductImageFactory(product=product, url="/static/x.svg")

    response = staff_client.get(f"{CHANGELIST}{product.pk}/change/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "/static/x.svg" in content
    assert 'name="images-TOTAL_FORMS"' in content
    assert f'name="{CATEGORIES}-TOTAL_FORMS"' in content
    assert f'<option value="{books.pk}" selected>Books</option>' in content
    # Each category row is labelled by its name, not "Product_categories object (1)".
    assert "object (" not in content
    assert 'name="created_at"' not in content
    assert 'name="updated_at"' not in content


def test_the_category_inline_searches_categories_by_name(staff_client):
    CategoryFactory(name="Books")
    CategoryFactory(name="Toys")

    response = staff_client.get(
        f"{ADMIN}autocomplete/",
        {
            "app_label": "products",
            "model_name": "product_categories",
            "field_name": "category",
            "term": "boo",
        },
    )

    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == ["Books"]


def test_the_category_inline_adds_and_removes_categories(staff_client):
    books, toys = CategoryFactory(name="Books"), CategoryFactory(name="Toys")
    product = ProductFactory(categories=[books])
    link = ProductCategory.objects.get(product=product)

    response = staff_client.post(
        f"{CHANGELIST}{product.pk}/change/",
        _change_form(
            product,
            **_management(CATEGORIES, total=2, initial=1),
            **{
                f"{CATEGORIES}-0-id": str(link.pk),
                f"{CATEGORIES}-0-product": str(product.pk),
                f"{CATEGORIES}-0-category": str(books.pk),
                f"{CATEGORIES}-0-DELETE": "on",
                f"{CATEGORIES}-1-product": str(product.pk),
                f"{CATEGORIES}-1-category": str(toys.pk),
            },
        ),
    )

    assert response.status_code == 302
    assert list(product.categories.all()) == [toys]


def test_the_category_inline_refuses_the_same_category_twice(staff_client):
    books = CategoryFactory(name="Books")
    product = ProductFactory()

    response = staff_client.post(
        f"{CHANGELIST}{product.pk}/change/",
        _change_form(
            product,
            **_management(CATEGORIES, total=2),
            **{
                f"{CATEGORIES}-0-category": str(books.pk),
                f"{CATEGORIES}-1-category": str(books.pk),
            },
        ),
    )

    assert response.status_code == 200
    assert not product.categories.exists()


def test_a_product_is_added_with_an_image_and_categories_through_the_admin(staff_client):
    category = CategoryFactory()

    response = staff_client.post(
        f"{CHANGELIST}add/",
        {
            "sku": "ADMIN-1",
            "name": "Made in admin",
            "description": "",
            "price": "5.00",
            "stock": "3",
            "is_active": "on",
            "attributes": "{}",
            **_management(CATEGORIES, total=1),
            f"{CATEGORIES}-0-category": str(category.pk),
            **_management("images", total=1),
            "images-0-url": "/static/catalog/products/placeholders/toys.svg",
            "images-0-alt": "front",
            "images-0-position": "0",
        },
    )

    assert response.status_code == 302
    product = Product.objects.get(sku="ADMIN-1")
    assert list(product.categories.all()) == [category]
    assert list(product.images.values_list("alt", flat=True)) == ["front"]
    assert product.currency == "KZT"


def test_the_admin_refuses_a_negative_price_and_stock(staff_client):
    response = staff_client.post(
        f"{CHANGELIST}add/",
        {
            "sku": "BAD-1",
            "name": "Bad",
            "price": "-1.00",
            "stock": "-2",
            "attributes": "{}",
            **_management(CATEGORIES),
            **_management("images"),
        },
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"price", "stock"} <= set(errors)
    assert not Product.objects.exists()


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{ADMIN}login/")


def _change_form(product, **overrides) -> dict:
    return {
        "sku": product.sku,
        "name": product.name,
        "description": product.description,
        "price": str(product.price),
        "stock": str(product.stock),
        "initial-stock": str(product.stock),
        "is_active": "on",
        "attributes": "{}",
        **_management(CATEGORIES),
        **_management("images"),
        **overrides,
    }


def test_saving_a_product_keeps_stock_that_checkouts_took_while_the_form_was_open(staff_client):
    product = ProductFactory(name="Old name", stock=10)
    page = staff_client.get(f"{CHANGELIST}{product.pk}/change/").content.decode()
    assert 'name="initial-stock" value="10"' in page
    form = _change_form(product, name="New name")
    # A reservation takes 3 between loading the page and saving it.
    Product.objects.filter(pk=product.pk).update(stock=7)

    response = staff_client.post(f"{CHANGELIST}{product.pk}/change/", form)

    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.name, product.stock) == ("New name", 7)


def test_a_stock_the_staff_member_types_is_saved(staff_client):
    product = ProductFactory(stock=10)

    response = staff_client.post(
        f"{CHANGELIST}{product.pk}/change/", _change_form(product, stock="25")
    )

    assert response.status_code == 302
    product.refresh_from_db()
    assert product.stock == 25


@pytest.mark.parametrize(
    "attributes", ["[1]", '{"a": NaN}', '{"a": "nul\\u0000"}', '{"a": "\\ud800"}']
)
def test_the_admin_refuses_attributes_the_api_refuses(staff_client, attributes):
    product = ProductFactory(attributes={"colour": "blue"})

    response = staff_client.post(
        f"{CHANGELIST}{product.pk}/change/", _change_form(product, attributes=attributes)
    )

    assert response.status_code == 200
    assert "attributes" in response.context["adminform"].form.errors
    product.refresh_from_db()
    assert product.attributes == {"colour": "blue"}


def test_the_admin_refuses_an_image_url_the_api_refuses(staff_client):
    product = ProductFactory()

    response = staff_client.post(
        f"{CHANGELIST}{product.pk}/change/",
        _change_form(
            product,
            **{
                "images-TOTAL_FORMS": "1",
                "images-0-url": "javascript:alert(1)",
                "images-0-position": "0",
            },
        ),
    )

    assert response.status_code == 200
    formsets = {
        inline.formset.prefix: inline.formset
        for inline in response.context["inline_admin_formsets"]
    }
    assert formsets["images"].errors[0]["url"]
    assert not product.images.exists()
