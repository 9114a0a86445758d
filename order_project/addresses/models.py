"""Saved addresses: each user's address book (at most 20, one default).

The columns hold what `orders.serializers.ShippingAddressSerializer` accepts
(the same rules as an order's shipping address); the rules live there and in
services.py, the database keeps the guarantees below.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

# How many addresses one user may save (DESIGN.md §5, Order).
ADDRESS_BOOK_SIZE_MAX = 20


class Address(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The user lives in the auth service: only the id is kept.
    user_id = models.UUIDField()
    name = models.CharField(max_length=200)
    line1 = models.CharField(max_length=200)
    line2 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100)
    postal_code = models.CharField(max_length=20)
    # ISO 3166-1 alpha-2, upper-case.
    country = models.CharField(max_length=2)
    phone = models.CharField(max_length=24, blank=True)
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # The order of `GET /addresses`: the default first, then newest first.
        ordering = ["-is_default", "-created_at", "-id"]
        verbose_name_plural = "addresses"
        indexes = [
            models.Index(fields=["user_id", "-created_at"], name="addresses_user_created_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user_id"],
                condition=Q(is_default=True),
                name="addresses_one_default_per_user",
            ),
            models.CheckConstraint(
                condition=Q(country__regex=r"^[A-Z]{2}$"), name="addresses_country_alpha2"
            ),
            models.CheckConstraint(
                condition=~Q(name="") & ~Q(line1="") & ~Q(city="") & ~Q(postal_code=""),
                name="addresses_required_not_blank",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.city} ({self.country})"
