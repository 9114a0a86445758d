"""What can go wrong with a payment. The message of each exception is safe to
show to the customer: it never holds card data. The API answers:

- `OrderNotFound`, `PaymentNotFound` -> 404 (unknown, or not the caller's);
- `PaymentConflict` and its subclasses -> 409;
- `PaymentDeclined` never reaches the API: a declined card is a payment with
  status `failed`, answered 201.
"""


class PaymentError(Exception):
    """Base of the payment service's domain errors."""

    default_message = "The payment could not be made."

    def __init__(self, message: str | None = None):
        super().__init__(message or self.default_message)
        self.message = message or self.default_message


class OrderNotFound(PaymentError):
    default_message = "Order not found."


class PaymentNotFound(PaymentError):
    default_message = "Payment not found."


class PaymentConflict(PaymentError):
    """The request conflicts with the state of the order or the payment."""

    default_message = "The payment conflicts with the current state."


class OrderNotAwaitingPayment(PaymentConflict):
    default_message = "This order is not awaiting payment."


class OrderAlreadyPaid(PaymentConflict):
    default_message = "This order has already been paid."


class OrderPaymentAlreadyFailed(PaymentConflict):
    default_message = "A payment for this order was declined; the order cannot be paid again."


class PaymentInProgress(PaymentConflict):
    """The order's payment is recorded but its outcome is not: another request
    is charging the card now, or one died while doing so (staff reconcile it
    with the processor)."""

    default_message = "A payment for this order is already being processed."


class IdempotencyKeyReused(PaymentConflict):
    default_message = "This Idempotency-Key was already used for another order."


class NothingToRefund(PaymentConflict):
    default_message = "Nothing is left to refund on this payment."


class PaymentDeclined(PaymentError):
    """The processor refused the card. `code` is the processor's reason."""

    default_message = "The card was declined."

    def __init__(self, message: str | None = None, *, code: str = "card_declined"):
        super().__init__(message)
        self.code = code
