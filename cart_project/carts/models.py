"""The cart's data. There are no SQL models: a cart lives in Redis (see
store.py) as product id -> quantity, and is priced from the catalog on every
read, so these are plain value objects."""

from dataclasses import dataclass, field
from decimal import Decimal

# The most of one product a line may hold (DESIGN.md: quantity 1..99).
MAX_LINE_QUANTITY = 99
# The most different products one cart may hold: keeps a cart priced by one
# catalog call (page_size <= 100) and bounds what one user can store.
MAX_LINES = 100

CENT = Decimal("0.01")


@dataclass(frozen=True)
class CartLine:
    product_id: str
    sku: str
    name: str
    unit_price: Decimal
    quantity: int

    @property
    def line_total(self) -> Decimal:
        return (self.unit_price * self.quantity).quantize(CENT)


@dataclass(frozen=True)
class Cart:
    currency: str
    lines: list[CartLine] = field(default_factory=list)

    @property
    def total_quantity(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def total(self) -> Decimal:
        return sum((line.line_total for line in self.lines), Decimal("0.00")).quantize(CENT)
