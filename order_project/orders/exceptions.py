"""The order domain's errors. Each is an API exception, so the shared handler
answers it with its status and `{"detail": ...}`; the `detail` texts below are
what users see.

    OrderError (base, never raised itself)
    ├── CartEmpty               400 "Your cart is empty."
    ├── OrderTooLarge           400 the total does not fit NUMERIC(12,2)
    ├── OrderNotFound           404 unknown, or someone else's order
    ├── WebhookSignatureInvalid 401 missing, malformed, forged, altered or stale callback
    │   └── WebhookSignatureUsed  401 a signature already accepted once (a replay)
    └── OrderConflict           409 (shop_common.errors.Conflict)
        ├── StockUnavailable      products gone, inactive or short; lists them
        ├── OrderStatusIllegal    the status machine refuses the transition
        ├── PaymentMismatch       callback amount or payment differs from the order
        └── UnpaidOrdersLimit     the user already holds UNPAID_ORDERS_MAX unpaid orders
"""

from collections.abc import Iterable

from rest_framework import status
from rest_framework.exceptions import APIException

from shop_common.errors import Conflict


class OrderError(APIException):
    """Base of the order service's domain errors."""


class CartEmpty(OrderError):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "Your cart is empty."
    default_code = "cart_empty"


class OrderTooLarge(OrderError):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "The order total is too large."
    default_code = "order_too_large"


class OrderNotFound(OrderError):
    status_code = status.HTTP_404_NOT_FOUND
    default_detail = "Not found."
    default_code = "not_found"


class WebhookSignatureInvalid(OrderError):
    """Not an AuthenticationFailed: DRF turns those into 403 on a view without
    authenticators, and a bad signature is a 401."""

    status_code = status.HTTP_401_UNAUTHORIZED
    default_detail = "The callback signature is missing, invalid or stale."
    default_code = "signature_invalid"


class WebhookSignatureUsed(WebhookSignatureInvalid):
    """A replay: the same signature was accepted before. 401 rather than 409,
    because the payment service's worker reads a 409 to a successful payment
    as "the order refused the money" and refunds it; a replay is not the
    payment service talking, and a 401 is what it is: a credential refused."""

    default_detail = "The callback signature was already used."
    default_code = "signature_used"


class OrderConflict(OrderError, Conflict):
    """409: the request conflicts with the order's or the stock's state."""


class StockUnavailable(OrderConflict):
    """Answers `{"detail": ..., "unavailable": [<product id>, ...]}`."""

    default_detail = "Some products in your cart are unavailable in the requested quantity."
    default_code = "stock_unavailable"

    def __init__(self, *, unavailable: Iterable[str], detail: str | None = None):
        self.unavailable = sorted({str(product_id) for product_id in unavailable})
        super().__init__({"detail": detail or self.default_detail, "unavailable": self.unavailable})


class OrderStatusIllegal(OrderConflict):
    default_detail = "The order cannot move to that status from its current one."
    default_code = "status_illegal"

    def __init__(self, *, from_status: str, to_status: str):
        super().__init__(f"An order cannot go from {from_status} to {to_status}.")


class PaymentMismatch(OrderConflict):
    default_detail = "The payment does not match the order."
    default_code = "payment_mismatch"


class UnpaidOrdersLimit(OrderConflict):
    default_detail = "You have too many orders awaiting payment."
    default_code = "unpaid_orders_limit"

    def __init__(self, *, limit: int):
        super().__init__(
            f"You already have {limit} orders awaiting payment: "
            "pay for or cancel one of them first."
        )
