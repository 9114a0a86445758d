"""Factories of what the cart reads from other services."""

import uuid

import factory


class CatalogProductFactory(factory.DictFactory):
    """A product as the catalog's public API renders it."""

    id = factory.LazyFunction(lambda: str(uuid.uuid4()))
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    name = factory.Sequence(lambda n: f"Product {n:05d}")
    description = factory.Faker("sentence")
    price = "19.90"
    currency = "KZT"
    stock = 10
    is_active = True
    attributes = factory.Dict({})
    categories = factory.List([])
    images = factory.List([])
    created_at = "2025-01-01T00:00:00Z"
    updated_at = "2025-01-01T00:00:00Z"
