"""`manage.py seed_demo`: the demo catalog `make run` loads.

Idempotent: categories and products are matched by slug and SKU and only the
missing ones are created, so running it on every start never resets stock that
orders have taken since, nor edits staff have made.
"""

from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.templatetags.static import static

from products import services
from products.models import Category, Product

SKU_PREFIX = "DEMO-"

# (slug, name, placeholder image, product names)
CATALOG = [
    (
        "electronics",
        "Electronics",
        "electronics",
        [
            "Wireless Headphones",
            "Bluetooth Speaker",
            "USB-C Charger 65W",
            "Mechanical Keyboard",
            "Wireless Mouse",
            "27-inch Monitor",
            "Webcam HD",
            "Power Bank 20000 mAh",
            "Smart Watch",
        ],
    ),
    (
        "books",
        "Books",
        "books",
        [
            "Two Scoops of Django",
            "Fluent Python",
            "The Pragmatic Programmer",
            "Designing Data-Intensive Applications",
            "Clean Architecture",
            "Refactoring",
            "Domain-Driven Design",
            "Release It!",
        ],
    ),
    (
        "clothing",
        "Clothing",
        "clothing",
        [
            "Cotton T-Shirt",
            "Hooded Sweatshirt",
            "Denim Jacket",
            "Wool Scarf",
            "Running Socks",
            "Rain Coat",
            "Chino Trousers",
            "Knitted Hat",
        ],
    ),
    (
        "home",
        "Home & Kitchen",
        "home",
        [
            "Ceramic Mug",
            "French Press",
            "Chef's Knife",
            "Cast Iron Pan",
            "Linen Tea Towel",
            "Desk Lamp",
            "Throw Blanket",
            "Glass Storage Jars",
        ],
    ),
    (
        "sports",
        "Sports",
        "sports",
        [
            "Yoga Mat",
            "Water Bottle",
            "Football",
            "Resistance Bands",
            "Jump Rope",
            "Cycling Gloves",
            "Tennis Balls",
            "Trail Backpack",
        ],
    ),
    (
        "toys",
        "Toys",
        "toys",
        [
            "Wooden Blocks",
            "Puzzle 1000 Pieces",
            "Plush Bear",
            "Kite",
            "Board Game Classic",
            "Building Bricks Set",
            "Toy Train",
            "Card Game",
        ],
    ),
]
COLOURS = ["black", "white", "blue", "red", "green", "grey"]


def _image_url(placeholder: str) -> str:
    # A site-relative URL of a file this app ships, served by whitenoise under
    # STATIC_URL: the demo works offline and through the gateway alike.
    return static(f"products/placeholders/{placeholder}.svg")


class Command(BaseCommand):
    help = "Creates the demo catalog (about 50 products in 6 categories); safe to run again."

    def handle(self, *args, **options) -> None:
        created_categories = created_products = 0
        with transaction.atomic():
            existing_skus = set(
                Product.objects.filter(sku__startswith=SKU_PREFIX).values_list("sku", flat=True)
            )
            number = 0
            for slug, name, placeholder, product_names in CATALOG:
                category = Category.objects.filter(Q(slug=slug) | Q(name__iexact=name)).first()
                if category is None:
                    category = services.category_create(name=name, slug=slug)
                    created_categories += 1
                for product_name in product_names:
                    number += 1
                    sku = f"{SKU_PREFIX}{number:04d}"
                    if sku in existing_skus:
                        continue
                    services.product_create(
                        sku=sku,
                        name=product_name,
                        description=f"{product_name}: a demo product of the {name} category.",
                        price=Decimal(1990 + (number * 3137) % 48000).quantize(Decimal("1"))
                        + Decimal("0.90"),
                        # A few products low or out of stock, for the dashboard and cart errors.
                        stock=[0, 3][number % 2] if number % 10 == 0 else 10 + (number * 7) % 90,
                        attributes={"colour": COLOURS[number % len(COLOURS)]},
                        category_ids=[category.id],
                        images=[
                            {"url": _image_url(placeholder), "alt": product_name, "position": 0},
                            {"url": _image_url("product"), "alt": "Packaging", "position": 1},
                        ],
                    )
                    created_products += 1
        self.stdout.write(
            f"seed_demo: {created_categories} categories and {created_products} products created."
        )
