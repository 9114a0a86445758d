"""The reservation errors; each renders in the shared error shape and its
message is what the calling service sees."""

from rest_framework.exceptions import NotFound

from shop_common.errors import Conflict


class StockUnavailable(Conflict):
    """409 `{"detail": "Insufficient stock...", "unavailable": [<product id>, ...]}`:
    a product is unknown, inactive or short. Nothing was reserved."""

    default_code = "stock_unavailable"

    def __init__(self, *, product_ids: list[str]):
        self.product_ids = product_ids
        super().__init__(
            detail={
                "detail": "Insufficient stock for some products; nothing was reserved.",
                "unavailable": product_ids,
            }
        )


class ReservationNotFound(NotFound):
    """404 "No reservation for this order.": callers treat it as nothing to release."""

    default_detail = "No reservation for this order."
    default_code = "reservation_not_found"
