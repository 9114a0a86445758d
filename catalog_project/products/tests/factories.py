from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from products.models import Category, Product, ProductImage


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ProductFactory(DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    name = factory.Faker("sentence", nb_words=3)
    description = factory.Faker("paragraph")
    price = Decimal("19.90")
    stock = 10
    is_active = True
    attributes = factory.LazyFunction(lambda: {"colour": "blue"})

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)


class ProductImageFactory(DjangoModelFactory):
    class Meta:
        model = ProductImage

    product = factory.SubFactory(ProductFactory)
    url = factory.Sequence(lambda n: f"/static/catalog/products/placeholders/{n}.svg")
    alt = "A product"
    position = factory.Sequence(lambda n: n)
