"""Writes to the catalog. Each function is one transaction; uniqueness races
that slip past the checks are caught from the database and become 409s."""

import uuid
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from rest_framework.exceptions import NotFound

from products.exceptions import CategoryTaken, SkuTaken
from products.models import Category, Product, ProductImage

# The product fields a partial update may set directly; categories and images
# are replaced through their own arguments.
PRODUCT_UPDATE_FIELDS = ("sku", "name", "description", "price", "stock", "is_active", "attributes")
SLUG_MAX_LENGTH = Category._meta.get_field("slug").max_length


class ImageData(TypedDict, total=False):
    url: str
    alt: str
    position: int


def _categories_resolve(*, category_ids: Sequence[uuid.UUID]) -> list[Category]:
    wanted = set(category_ids)
    categories = list(Category.objects.filter(id__in=wanted))
    unknown = wanted - {category.id for category in categories}
    if unknown:
        raise ValidationError(
            {"category_ids": [f"Unknown category: {value}." for value in sorted(map(str, unknown))]}
        )
    return categories


def _images_replace(*, product: Product, images: Sequence[ImageData], replace: bool) -> None:
    if replace:
        product.images.all().delete()
    ProductImage.objects.bulk_create(
        ProductImage(
            product=product,
            url=image["url"],
            alt=image.get("alt", ""),
            # Unnumbered images keep the order they were sent in.
            position=image.get("position", index),
        )
        for index, image in enumerate(images)
    )


def _sku_check_free(*, sku: str, exclude_id: uuid.UUID | None = None) -> None:
    taken = Product.objects.filter(sku=sku)
    if exclude_id is not None:
        taken = taken.exclude(pk=exclude_id)
    if taken.exists():
        raise SkuTaken()


def product_create(
    *,
    sku: str,
    name: str,
    price: Decimal,
    description: str = "",
    stock: int = 0,
    is_active: bool = True,
    attributes: dict[str, Any] | None = None,
    category_ids: Sequence[uuid.UUID] = (),
    images: Sequence[ImageData] = (),
) -> Product:
    """Creates a product in the shop currency; raises SkuTaken (409) for a
    duplicate SKU and ValidationError (400) for an unknown category."""
    _sku_check_free(sku=sku)
    try:
        with transaction.atomic():
            product = Product.objects.create(
                sku=sku,
                name=name,
                description=description,
                price=price,
                stock=stock,
                is_active=is_active,
                attributes=attributes or {},
            )
            if category_ids:
                product.categories.set(_categories_resolve(category_ids=category_ids))
            _images_replace(product=product, images=images, replace=False)
    except IntegrityError as exc:
        # Only a concurrent create with the same SKU gets here.
        raise SkuTaken() from exc
    return product


def product_update(*, product_id: uuid.UUID, data: Mapping[str, Any]) -> Product:
    """Sets the given fields; `category_ids` and `images`, when given, replace
    the current ones. Raises NotFound (404), SkuTaken (409) or ValidationError (400)."""
    try:
        with transaction.atomic():
            # The row lock orders this write with concurrent stock reservations.
            product = Product.objects.select_for_update().filter(pk=product_id).first()
            if product is None:
                raise NotFound()
            if "sku" in data:
                _sku_check_free(sku=data["sku"], exclude_id=product_id)
            for field in PRODUCT_UPDATE_FIELDS:
                if field in data:
                    setattr(product, field, data[field])
            product.save()
            if "category_ids" in data:
                product.categories.set(_categories_resolve(category_ids=data["category_ids"]))
            if "images" in data:
                _images_replace(product=product, images=data["images"], replace=True)
    except IntegrityError as exc:
        raise SkuTaken() from exc
    return product


def product_delete(*, product_id: uuid.UUID) -> None:
    """Deletes the product, its images and category links; raises NotFound (404).

    Reservations keep their own copy of the product id, and orders keep their
    price snapshots, so nothing else points at the row."""
    deleted, _ = Product.objects.filter(pk=product_id).delete()
    if not deleted:
        raise NotFound()


def products_activate(*, product_ids: Iterable[uuid.UUID], is_active: bool) -> int:
    """Sets `is_active` on the given products in one statement; returns how many changed."""
    return (
        Product.objects.filter(pk__in=list(product_ids))
        .exclude(is_active=is_active)
        .update(is_active=is_active, updated_at=timezone.now())
    )


def _slug_from(*, name: str) -> str:
    # slugify normalises to NFKC, which can lengthen text ("\ufdfa" becomes 18
    # letters), so a valid name can give a slug longer than the column.
    slug = slugify(name, allow_unicode=True)[:SLUG_MAX_LENGTH].strip("-_")
    if not slug:
        raise ValidationError({"slug": ["Cannot derive a slug from this name; give one."]})
    return slug


def _category_check_free(
    *, name: str | None, slug: str | None, exclude_id: uuid.UUID | None = None
) -> None:
    if name is None and slug is None:
        # Nothing to clash with; an empty Q() would match every other category.
        return
    clash = Q()
    if name is not None:
        clash |= Q(name__iexact=name)
    if slug is not None:
        clash |= Q(slug=slug)
    taken = Category.objects.filter(clash)
    if exclude_id is not None:
        taken = taken.exclude(pk=exclude_id)
    if taken.exists():
        raise CategoryTaken()


def category_create(*, name: str, slug: str | None = None) -> Category:
    """Creates a category, its slug derived from the name when not given.
    Raises CategoryTaken (409) for a duplicate name (any case) or slug."""
    slug = slug or _slug_from(name=name)
    _category_check_free(name=name, slug=slug)
    try:
        with transaction.atomic():
            return Category.objects.create(name=name, slug=slug)
    except IntegrityError as exc:
        raise CategoryTaken() from exc


def category_update(*, category_id: uuid.UUID, data: Mapping[str, Any]) -> Category:
    """Sets `name` and/or `slug`; raises NotFound (404) or CategoryTaken (409)."""
    try:
        with transaction.atomic():
            category = Category.objects.select_for_update().filter(pk=category_id).first()
            if category is None:
                raise NotFound()
            _category_check_free(
                name=data.get("name"), slug=data.get("slug"), exclude_id=category_id
            )
            for field in ("name", "slug"):
                if field in data:
                    setattr(category, field, data[field])
            category.save()
    except IntegrityError as exc:
        raise CategoryTaken() from exc
    return category


def category_delete(*, category_id: uuid.UUID) -> None:
    """Deletes the category; its products stay, without it. Raises NotFound (404)."""
    deleted, _ = Category.objects.filter(pk=category_id).delete()
    if not deleted:
        raise NotFound()
