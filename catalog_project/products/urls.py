from django.urls import path

from products.apis import (
    CategoriesApi,
    CategoryApi,
    ProductApi,
    ProductLowStockApi,
    ProductsApi,
)

urlpatterns = [
    path("products", ProductsApi.as_view(), name="products"),
    # A literal path, listed before the id one (which would not match it anyway).
    path("products/low-stock", ProductLowStockApi.as_view(), name="products-low-stock"),
    path("products/<uuid:product_id>", ProductApi.as_view(), name="product"),
    path("categories", CategoriesApi.as_view(), name="categories"),
    path("categories/<uuid:category_id>", CategoryApi.as_view(), name="category"),
]
