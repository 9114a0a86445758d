"""HTTP API of the payment service: thin views that validate, call a service
or a selector, and serialize."""

import re
from typing import NoReturn

from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, Throttled, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from payments import selectors, services
from payments.cards import Card, card_expired, card_number_luhn_valid
from payments.exceptions import OrderNotFound, PaymentConflict, PaymentError, PaymentNotFound
from payments.serializers import (
    PaymentSerializer,
    PaymentTransactionSerializer,
)
from payments.throttles import DeclinedPaymentsThrottle
from shop_common.authentication import bearer_token_of
from shop_common.errors import Conflict
from shop_common.fields import StrictUUIDField
from shop_common.pagination import paginated_response, paginated_schema
from shop_common.permissions import IsAdminRole, IsUser

IDEMPOTENCY_HEADER = "Idempotency-Key"
_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")

_ERRORS = {
    400: OpenApiResponse(description="Invalid input, keyed by field."),
    401: OpenApiResponse(description="No or bad token."),
    404: OpenApiResponse(description="Unknown, or not the caller's."),
}


class _TextOnly:
    """Takes text only. DRF's CharField would also read a JSON number as its
    digits, losing a leading zero (a CVC of 012) or, past 2**53, the digits a
    JavaScript client rounded; such input is 400 "Not a valid string." here."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class _TextField(_TextOnly, serializers.CharField):
    pass


class _TextRegexField(_TextOnly, serializers.RegexField):
    pass


def _raise_api_error(exc: PaymentError) -> NoReturn:
    """Raises the HTTP answer for a domain error (see payments.exceptions)."""
    if isinstance(exc, OrderNotFound | PaymentNotFound):
        raise NotFound(exc.message) from exc
    if isinstance(exc, PaymentConflict):
        raise Conflict(exc.message) from exc
    raise exc


@method_decorator(sensitive_post_parameters("card_number", "cvc"), name="dispatch")
class PaymentPayApi(APIView):
    """Pays an order by card; the amount is the order's total."""

    permission_classes = [IsUser]
    # Card testing: after PAYMENT_DECLINES_PER_HOUR declines in an hour, 429.
    throttle_classes = [DeclinedPaymentsThrottle]

    @extend_schema_serializer(component_name="PaymentPayInput")
    class InputSerializer(serializers.Serializer):
        order_id = StrictUUIDField()
        card_number = _TextField(max_length=32)
        exp_month = serializers.IntegerField(min_value=1, max_value=12)
        exp_year = serializers.IntegerField(min_value=1000, max_value=9999)
        cvc = _TextRegexField(
            r"^[0-9]{3,4}$", error_messages={"invalid": "Enter the 3 or 4 digit security code."}
        )

        def validate_card_number(self, value: str) -> str:
            # Customers type card numbers in groups; nothing else is allowed.
            number = value.replace(" ", "")
            if not (number.isascii() and number.isdigit() and 12 <= len(number) <= 19):
                raise ValidationError("Enter the card number: 12 to 19 digits.")
            if not card_number_luhn_valid(number=number):
                raise ValidationError("This card number is not valid.")
            return number

        def validate(self, attrs: dict) -> dict:
            if card_expired(
                exp_month=attrs["exp_month"],
                exp_year=attrs["exp_year"],
                today=timezone.now().date(),
            ):
                raise ValidationError({"exp_year": ["The card has expired."]})
            return attrs

    @extend_schema(
        operation_id="payment_pay",
        request=InputSerializer,
        parameters=[
            OpenApiParameter(
                IDEMPOTENCY_HEADER,
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="The same key again returns the same payment.",
            )
        ],
        responses={
            201: PaymentSerializer,
            **_ERRORS,
            409: OpenApiResponse(description="The order is not awaiting payment, or is paid."),
            429: OpenApiResponse(
                description="Too many declined payments in the last hour; see Retry-After."
            ),
            503: OpenApiResponse(description="The order service is unreachable."),
        },
    )
    def post(self, request):
        """Returns 201 with the payment, `succeeded` or `failed` (declined)."""
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        idempotency_key = request.headers.get(IDEMPOTENCY_HEADER) or None
        if idempotency_key is not None and not _IDEMPOTENCY_KEY.match(idempotency_key):
            raise ValidationError({IDEMPOTENCY_HEADER: ["Use 1 to 255 visible ASCII characters."]})
        card = Card(
            number=data["card_number"],
            exp_month=data["exp_month"],
            exp_year=data["exp_year"],
            cvc=data["cvc"],
        )
        try:
            payment = services.payment_pay(
                user_id=request.user.id,
                token=bearer_token_of(request),
                order_id=data["order_id"],
                card=card,
                idempotency_key=idempotency_key,
            )
        except PaymentError as exc:
            _raise_api_error(exc)
        return Response(PaymentSerializer(payment).data, status=status.HTTP_201_CREATED)

    def throttled(self, request, wait):
        """Raises the 429 of DeclinedPaymentsThrottle; `wait` becomes Retry-After."""
        raise Throttled(wait=wait, detail="Too many declined payments in the last hour.")


class PaymentDetailApi(APIView):
    """One payment with its processor transactions: its owner's or, for an
    admin, anyone's."""

    permission_classes = [IsUser]

    @extend_schema(operation_id="payment_get", responses={200: PaymentSerializer, **_ERRORS})
    def get(self, request, payment_id):
        """Returns the payment, or 404 when it is not the caller's."""
        payment = selectors.payment_get_visible(
            payment_id=payment_id, user_id=request.user.id, is_admin=request.user.is_admin
        )
        if payment is None:
            raise NotFound("Payment not found.")
        return Response(PaymentSerializer(payment).data)


class PaymentListApi(APIView):
    """The caller's payments, newest first (admins: everyone's)."""

    permission_classes = [IsUser]

    class FilterSerializer(serializers.Serializer):
        order_id = StrictUUIDField(required=False)

    @extend_schema(
        operation_id="payment_list",
        parameters=[
            OpenApiParameter("order_id", OpenApiTypes.UUID, description="Only this order's."),
            OpenApiParameter("page", OpenApiTypes.INT),
            OpenApiParameter("page_size", OpenApiTypes.INT, description="At most 100."),
        ],
        responses={
            200: paginated_schema(PaymentSerializer),
            400: _ERRORS[400],
            401: _ERRORS[401],
            404: OpenApiResponse(description="A page that does not exist (Invalid page.)."),
        },
    )
    def get(self, request):
        """Returns a page `{count, next, previous, results}` of payments."""
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        payments = selectors.payment_list_visible(
            user_id=request.user.id,
            is_admin=request.user.is_admin,
            order_id=filters.validated_data.get("order_id"),
        )
        return paginated_response(
            queryset=payments, serializer_class=PaymentSerializer, request=request, view=self
        )


class PaymentRefundApi(APIView):
    """Refunds a succeeded payment in full (admins only); the order service
    hears of it by callback and moves the order to `refunded`."""

    permission_classes = [IsAdminRole]

    @extend_schema(
        operation_id="payment_refund",
        request=None,
        responses={
            201: PaymentTransactionSerializer,
            401: _ERRORS[401],
            403: OpenApiResponse(description="Not an admin."),
            404: _ERRORS[404],
            409: OpenApiResponse(description="Nothing is left to refund."),
        },
    )
    def post(self, request, payment_id):
        """Returns 201 with the refund transaction."""
        try:
            refund = services.payment_refund(payment_id=payment_id, actor=f"user:{request.user.id}")
        except PaymentError as exc:
            _raise_api_error(exc)
        return Response(PaymentTransactionSerializer(refund).data, status=status.HTTP_201_CREATED)


class PaymentSummaryApi(APIView):
    """The staff dashboard's payment counts (admins only)."""

    permission_classes = [IsAdminRole]

    @extend_schema_serializer(component_name="PaymentSummary")
    class OutputSerializer(serializers.Serializer):
        succeeded = serializers.IntegerField(
            min_value=0, help_text="Payments now succeeded (refunded ones are not counted)."
        )
        failed = serializers.IntegerField(min_value=0, help_text="Declined payments.")

    @extend_schema(
        operation_id="payment_summary",
        responses={
            200: OutputSerializer,
            401: _ERRORS[401],
            403: OpenApiResponse(description="Not an admin."),
        },
    )
    def get(self, request):
        """Returns `{succeeded, failed}`: payments by status, in one query."""
        return Response(self.OutputSerializer(selectors.payment_summary()).data)
