from django.urls import path

from products.apis import CategoriesApi, CategoryApi, ProductApi, ProductsApi

urlpatterns = [
    path("products", ProductsApi.as_view(), name="products"),
    path("products/<uuid:product_id>", ProductApi.as_view(), name="product"),
    path("categories", CategoriesApi.as_view(), name="categories"),
    path("categories/<uuid:category_id>", CategoryApi.as_view(), name="category"),
]
