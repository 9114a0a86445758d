"""The payment service: paying for an order with the emulated processor."""

from backends.client import GatewayClient

_payment = GatewayClient("payment")


def payment_pay(
    *,
    token: str,
    order_id: str,
    card_number: str,
    exp_month: int,
    exp_year: int,
    cvc: str,
    idempotency_key: str | None = None,
) -> dict:
    """Returns the payment `{id, order_id, amount, status, card_last4, ...}`:
    `status` is `succeeded` or `failed` (declined). Refused 400 (bad card),
    404, 409 (order not awaiting payment) or 429 (too many declines)."""
    headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
    response = _payment.post(
        "/payment/pay",
        user_token=token,
        headers=headers,
        json={
            "order_id": order_id,
            "card_number": card_number,
            "exp_month": exp_month,
            "exp_year": exp_year,
            "cvc": cvc,
        },
    )
    return _payment.body(response, ok=(201,))


def payments_summary(*, token: str) -> dict:
    """Returns `{succeeded, failed}`: how many payments went through and how
    many were declined (staff only: `token` must be an admin's); refused 401
    or 403."""
    return _payment.body(_payment.get("/payment/summary", user_token=token))
