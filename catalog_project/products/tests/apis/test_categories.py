import uuid

import pytest

from products.models import Category
from products.tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

URL = "/categories"


def test_anyone_lists_categories_by_name_in_pages(anonymous_client, django_assert_num_queries):
    CategoryFactory(name="Toys", slug="toys")
    books = CategoryFactory(name="Books", slug="books")

    with django_assert_num_queries(2):
        response = anonymous_client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["results"][0] == {"id": str(books.id), "name": "Books", "slug": "books"}
    assert [c["name"] for c in body["results"]] == ["Books", "Toys"]


def test_anyone_reads_one_category(anonymous_client):
    category = CategoryFactory(name="Books", slug="books")

    response = anonymous_client.get(f"{URL}/{category.id}")

    assert response.status_code == 200
    assert response.json() == {"id": str(category.id), "name": "Books", "slug": "books"}


def test_an_unknown_or_malformed_category_id_is_404(anonymous_client):
    assert anonymous_client.get(f"{URL}/{uuid.uuid4()}").status_code == 404
    assert anonymous_client.get(f"{URL}/nope").status_code == 404


def test_an_admin_creates_a_category_with_a_slug_from_its_name(admin_client):
    response = admin_client.post(URL, {"name": "Home & Kitchen"}, format="json")

    assert response.status_code == 201
    assert response.json()["slug"] == "home-kitchen"
    assert Category.objects.get(slug="home-kitchen").name == "Home & Kitchen"


def test_a_non_latin_name_keeps_a_readable_slug(admin_client):
    response = admin_client.post(URL, {"name": "Книги"}, format="json")

    assert response.status_code == 201
    assert response.json()["slug"] == "книги"


def test_a_given_slug_is_kept_in_lower_case(admin_client):
    response = admin_client.post(URL, {"name": "Books", "slug": "My-Books"}, format="json")

    assert response.json()["slug"] == "my-books"


def test_a_name_without_any_slug_characters_needs_a_slug(admin_client):
    response = admin_client.post(URL, {"name": "!!!"}, format="json")

    assert response.status_code == 400
    assert "slug" in response.json()
    assert not Category.objects.exists()


def test_an_invalid_slug_is_400(admin_client):
    response = admin_client.post(URL, {"name": "Books", "slug": "has spaces"}, format="json")

    assert response.status_code == 400
    assert "slug" in response.json()


def test_a_duplicate_name_in_any_case_is_409(admin_client):
    CategoryFactory(name="Books", slug="books")

    response = admin_client.post(URL, {"name": "BOOKS", "slug": "other"}, format="json")

    assert response.status_code == 409
    assert "detail" in response.json()
    assert Category.objects.count() == 1


def test_a_duplicate_slug_is_409(admin_client):
    CategoryFactory(name="Books", slug="books")

    response = admin_client.post(URL, {"name": "Other", "slug": "books"}, format="json")

    assert response.status_code == 409
    assert Category.objects.count() == 1


def test_customers_cannot_create_categories(customer_client):
    assert customer_client.post(URL, {"name": "X"}, format="json").status_code == 403
    assert not Category.objects.exists()


def test_anonymous_callers_cannot_create_categories(anonymous_client):
    assert anonymous_client.post(URL, {"name": "X"}, format="json").status_code == 401


def test_an_admin_renames_a_category_and_its_slug_stays(admin_client):
    category = CategoryFactory(name="Books", slug="books")

    response = admin_client.patch(f"{URL}/{category.id}", {"name": "Novels"}, format="json")

    assert response.status_code == 200
    assert response.json() == {"id": str(category.id), "name": "Novels", "slug": "books"}


def test_a_name_whose_slug_would_outgrow_the_column_gets_a_shortened_slug(admin_client):
    # NFKC turns each U+FDFA into 18 letters: ten of them make a 180-letter slug.
    response = admin_client.post(URL, {"name": "\ufdfa" * 10}, format="json")

    assert response.status_code == 201
    slug = response.json()["slug"]
    assert 0 < len(slug) <= 100
    assert Category.objects.get(slug=slug).name == "\ufdfa" * 10


def test_an_update_without_name_or_slug_is_not_a_conflict(admin_client):
    CategoryFactory(name="Books", slug="books")
    category = CategoryFactory(name="Toys", slug="toys")

    response = admin_client.patch(f"{URL}/{category.id}", {}, format="json")

    assert response.status_code == 200
    assert response.json() == {"id": str(category.id), "name": "Toys", "slug": "toys"}


def test_renaming_onto_another_categorys_name_is_409(admin_client):
    CategoryFactory(name="Books", slug="books")
    category = CategoryFactory(name="Toys", slug="toys")

    response = admin_client.patch(f"{URL}/{category.id}", {"slug": "books"}, format="json")

    assert response.status_code == 409
    category.refresh_from_db()
    assert category.slug == "toys"


def test_updating_an_unknown_category_is_404(admin_client):
    response = admin_client.patch(f"{URL}/{uuid.uuid4()}", {"name": "X"}, format="json")

    assert response.status_code == 404


def test_customers_cannot_update_categories(customer_client):
    category = CategoryFactory(name="Books")

    assert customer_client.patch(f"{URL}/{category.id}", {"name": "X"}).status_code == 403
    category.refresh_from_db()
    assert category.name == "Books"


def test_deleting_a_category_keeps_its_products(admin_client):
    category = CategoryFactory()
    product = ProductFactory(categories=[category])

    response = admin_client.delete(f"{URL}/{category.id}")

    assert response.status_code == 204
    assert not Category.objects.filter(pk=category.pk).exists()
    assert list(product.categories.all()) == []


def test_customers_cannot_delete_categories(customer_client):
    category = CategoryFactory()

    assert customer_client.delete(f"{URL}/{category.id}").status_code == 403
    assert Category.objects.filter(pk=category.pk).exists()


def test_deleting_an_unknown_category_is_404(admin_client):
    assert admin_client.delete(f"{URL}/{uuid.uuid4()}").status_code == 404
