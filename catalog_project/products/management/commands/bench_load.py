"""`manage.py bench_load`: the benchmark's data set (bench/bench_catalog.py).

Bulk inserts N products with 2 categories and 3 images each. It refuses a
database that already has products, so it cannot pollute real or demo data.
"""

import uuid
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.templatetags.static import static

from products.models import Category, Product, ProductImage

CATEGORY_COUNT = 20
BATCH = 1000


class Command(BaseCommand):
    help = "Loads benchmark products (2 categories, 3 images each) into an empty catalog."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--products", type=int, default=10_000)

    def handle(self, *args, products: int, **options) -> None:
        if Product.objects.exists():
            raise CommandError("bench_load needs an empty catalog database.")
        image_url = static("products/placeholders/product.svg")
        links = Product.categories.through
        with transaction.atomic():
            categories = Category.objects.bulk_create(
                Category(name=f"Bench category {n}", slug=f"bench-{n}")
                for n in range(CATEGORY_COUNT)
            )
            for start in range(0, products, BATCH):
                batch = [
                    Product(
                        id=uuid.uuid4(),
                        sku=f"BENCH-{n:06d}",
                        name=f"Bench product {n}",
                        description=f"Benchmark product number {n}.",
                        price=Decimal(100 + n % 9000) + Decimal("0.90"),
                        stock=100,
                        attributes={"colour": "grey", "size": n % 5},
                    )
                    for n in range(start, min(start + BATCH, products))
                ]
                Product.objects.bulk_create(batch)
                links.objects.bulk_create(
                    links(
                        product_id=product.id, category_id=categories[(n + k) % CATEGORY_COUNT].id
                    )
                    for n, product in enumerate(batch, start=start)
                    for k in (0, 1)
                )
                ProductImage.objects.bulk_create(
                    ProductImage(product=product, url=image_url, alt=product.name, position=p)
                    for product in batch
                    for p in range(3)
                )
        self.stdout.write(f"bench_load: {products} products loaded.")
