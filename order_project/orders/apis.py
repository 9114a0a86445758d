"""The order API: one view per operation; each validates, calls a service or
selector, and serializes."""

from addresses.serializers import AddressIdField
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from orders import selectors, services
from orders.exceptions import WebhookSignatureInvalid
from orders.fields import StrictChoiceField
from orders.serializers import OrderOutputSerializer, ShippingAddressSerializer
from orders.status import OrderStatus
from shop_common.authentication import bearer_token_of
from shop_common.fields import StrictCharField, StrictUUIDField
from shop_common.pagination import paginated_response, paginated_schema
from shop_common.permissions import IsAdminRole, IsUser
from shop_common.webhooks import SIGNATURE_HEADER, TIMESTAMP_HEADER, webhook_signature_verify

IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY_MAX_LENGTH = 255

DETAIL = inline_serializer("Detail", fields={"detail": serializers.CharField()})
_CREATE_CONFLICT = inline_serializer(
    "OrderCreateConflict",
    fields={
        "detail": serializers.CharField(),
        "unavailable": serializers.ListField(
            child=serializers.UUIDField(),
            required=False,
            help_text="The products short of stock, gone or inactive (stock conflicts only).",
        ),
    },
)


def _actor(user) -> str:
    return f"{'admin' if user.is_admin else 'customer'}:{user.id}"


def _idempotency_key(request) -> str | None:
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None:
        return None
    key = key.strip()
    if not key or len(key) > IDEMPOTENCY_KEY_MAX_LENGTH or not key.isprintable():
        raise ValidationError(
            {IDEMPOTENCY_HEADER: [f"Send 1 to {IDEMPOTENCY_KEY_MAX_LENGTH} printable characters."]}
        )
    return key


class OrderCreateApi(APIView):
    permission_classes = [IsUser]

    @extend_schema_serializer(component_name="OrderCreateInput")
    class InputSerializer(serializers.Serializer):
        """Exactly one of `shipping_address` and `address_id`."""

        shipping_address = ShippingAddressSerializer(required=False)
        address_id = AddressIdField(
            required=False,
            help_text="One of the user's saved addresses (GET /addresses), in place of "
            "shipping_address; the order keeps a copy of it.",
        )

        def validate(self, data: dict) -> dict:
            if ("shipping_address" in data) == ("address_id" in data):
                raise serializers.ValidationError(
                    "Send exactly one of shipping_address and address_id."
                )
            return data

    @extend_schema(
        operation_id="order_create",
        request=InputSerializer,
        parameters=[
            OpenApiParameter(
                IDEMPOTENCY_HEADER,
                str,
                OpenApiParameter.HEADER,
                description="The same key from the same user returns the first order "
                "(201, same body) and reserves nothing more.",
            )
        ],
        responses={
            201: OrderOutputSerializer,
            400: OpenApiResponse(
                description="Invalid address or key, both or neither of shipping_address "
                "and address_id, or an empty cart."
            ),
            401: DETAIL,
            404: OpenApiResponse(DETAIL, description="address_id is not one of the user's."),
            409: OpenApiResponse(
                _CREATE_CONFLICT,
                description="Insufficient stock (listed in `unavailable`), or the user "
                "already holds 5 orders awaiting payment (nothing is reserved).",
            ),
            503: DETAIL,
        },
    )
    def post(self, request):
        """Returns 201 and the new order built from the user's cart, shipped to the
        address given or to a copy of the saved address `address_id`."""
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        key = _idempotency_key(request)
        order, _created = services.order_create(
            user_id=request.user.id,
            email=request.user.email,
            actor=_actor(request.user),
            user_token=bearer_token_of(request),
            shipping_address=serializer.validated_data.get("shipping_address"),
            address_id=serializer.validated_data.get("address_id"),
            idempotency_key=key,
        )
        order = selectors.order_get(order_id=order.id, user=request.user)
        return Response(OrderOutputSerializer(order).data, status=status.HTTP_201_CREATED)


class OrderDetailApi(APIView):
    permission_classes = [IsUser]

    @extend_schema(
        operation_id="order_get", responses={200: OrderOutputSerializer, 401: DETAIL, 404: DETAIL}
    )
    def get(self, request, order_id):
        """Returns the order, its lines and its history, to its owner or an admin."""
        order = selectors.order_get(order_id=order_id, user=request.user)
        return Response(OrderOutputSerializer(order).data)


class OrderListApi(APIView):
    permission_classes = [IsUser]

    @extend_schema(
        operation_id="order_list",
        parameters=[
            OpenApiParameter("status", str, enum=OrderStatus.values),
            OpenApiParameter("email", str, description="Exact, case-insensitive."),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int, description="At most 100."),
        ],
        responses={
            200: paginated_schema(OrderOutputSerializer),
            400: OpenApiResponse(description="A filter value that is not allowed, keyed by it."),
            401: DETAIL,
            404: OpenApiResponse(DETAIL, description="A page past the last."),
        },
    )
    def get(self, request):
        """Returns a page of the user's orders (an admin's: everyone's), newest first."""
        orders = selectors.order_list(user=request.user, filters=request.query_params)
        return paginated_response(
            queryset=orders, serializer_class=OrderOutputSerializer, request=request, view=self
        )


class OrderCancelApi(APIView):
    permission_classes = [IsUser]

    @extend_schema(
        operation_id="order_cancel",
        request=None,
        responses={200: OrderOutputSerializer, 401: DETAIL, 404: DETAIL, 409: DETAIL, 503: DETAIL},
    )
    def post(self, request, order_id):
        """Returns the cancelled order; its reserved stock is back in the catalog."""
        order = selectors.order_get(order_id=order_id, user=request.user)
        services.order_cancel(order=order, actor=_actor(request.user))
        order = selectors.order_get(order_id=order_id, user=request.user)
        return Response(OrderOutputSerializer(order).data)


# Every status as a key (the dashboard shows zeros too), built from the one list.
_OrderStatusCountsSerializer = extend_schema_serializer(component_name="OrderStatusCounts")(
    type(
        "OrderStatusCountsSerializer",
        (serializers.Serializer,),
        {value: serializers.IntegerField(min_value=0) for value in OrderStatus.values},
    )
)


@extend_schema_serializer(component_name="OrderDayRevenue")
class _DayRevenueSerializer(serializers.Serializer):
    date = serializers.DateField()
    total = serializers.DecimalField(
        max_digits=None, decimal_places=2, help_text='A decimal string, "0.00" when none.'
    )


@extend_schema_serializer(component_name="OrderProductSold")
class _ProductSoldSerializer(serializers.Serializer):
    product_id = serializers.UUIDField()
    sku = serializers.CharField()
    name = serializers.CharField()
    quantity = serializers.IntegerField(min_value=1)


class OrderSummaryApi(APIView):
    """The staff dashboard's order figures (admin role)."""

    permission_classes = [IsAdminRole]

    @extend_schema_serializer(component_name="OrderSummary")
    class OutputSerializer(serializers.Serializer):
        by_status = _OrderStatusCountsSerializer()
        revenue_last_7_days = _DayRevenueSerializer(
            many=True, help_text="7 days, oldest first, ending today (UTC)."
        )
        currency = serializers.CharField()
        top_products = _ProductSoldSerializer(many=True, help_text="At most 5, most sold first.")

    @extend_schema(
        operation_id="order_summary",
        responses={200: OutputSerializer, 401: DETAIL, 403: DETAIL},
    )
    def get(self, request):
        """Returns orders by status, the revenue of each of the last 7 days and
        the 5 products sold most (3 queries whatever the number of orders)."""
        return Response(self.OutputSerializer(selectors.order_summary()).data)


class OrderStatusApi(APIView):
    permission_classes = [IsAdminRole]

    @extend_schema_serializer(component_name="OrderStatusInput")
    class InputSerializer(serializers.Serializer):
        # Any status is read here; whether it is a legal staff move from the
        # order's current one is the status machine's answer (409 if not).
        status = StrictChoiceField(
            choices=OrderStatus.choices,
            help_text="Staff move shipped (from paid) or delivered (from shipped); "
            "any other status is 409.",
        )
        note = StrictCharField(max_length=1000, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="order_status_set",
        request=InputSerializer,
        responses={
            200: OrderOutputSerializer,
            400: OpenApiResponse(description="Not a status at all, or a bad note."),
            401: DETAIL,
            403: DETAIL,
            404: DETAIL,
            409: OpenApiResponse(
                DETAIL, description="Not a legal staff move from the order's current status."
            ),
        },
    )
    def post(self, request, order_id):
        """Returns the order after a staff move (paid -> shipped -> delivered);
        any other target, `paid` included, is 409."""
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = selectors.order_get(order_id=order_id, user=request.user)
        services.order_staff_status_set(
            order=order,
            to_status=serializer.validated_data["status"],
            actor=_actor(request.user),
            note=serializer.validated_data["note"],
        )
        order = selectors.order_get(order_id=order_id, user=request.user)
        return Response(OrderOutputSerializer(order).data)


class OrderPaymentCallbackApi(APIView):
    """The payment service's signed callback. No bearer credential: the HMAC
    signature over the method, this path (so this order) and the exact body
    bytes is the authentication, and it is accepted once."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema_serializer(component_name="OrderPaymentCallbackInput")
    class InputSerializer(serializers.Serializer):
        # Strict: DRF's UUIDField would also read `1` as a UUID and store it.
        payment_id = StrictUUIDField()
        status = StrictChoiceField(choices=services.PAYMENT_OUTCOME_VALUES)
        amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)

    @extend_schema_serializer(component_name="OrderPaymentCallbackOutput")
    class OutputSerializer(serializers.Serializer):
        order_id = serializers.UUIDField(source="id")
        status = serializers.CharField()

    @extend_schema(
        operation_id="order_payment_callback",
        request=InputSerializer,
        parameters=[
            OpenApiParameter(TIMESTAMP_HEADER, str, OpenApiParameter.HEADER, required=True),
            OpenApiParameter(
                SIGNATURE_HEADER,
                str,
                OpenApiParameter.HEADER,
                required=True,
                description="sha256=<hex HMAC-SHA256 of "
                "'<timestamp>\\n<METHOD>\\n<path>\\n<body>'>; accepted once.",
            ),
        ],
        responses={
            200: OutputSerializer,
            401: OpenApiResponse(
                DETAIL,
                description="Signature missing, malformed, forged, stale, made for another "
                "request or already used.",
            ),
            404: DETAIL,
            409: DETAIL,
        },
        auth=[],
    )
    def post(self, request, order_id):
        """Returns the order's id and status once the outcome is applied (or was)."""
        # The signature covers the raw bytes: check it before anything parses
        # them. The path is the one this request was routed by (never a URL
        # the client could name), so a signature fits this order only.
        signature = webhook_signature_verify(
            method=request.method,
            path=request.path,
            body=request.body,
            timestamp=request.headers.get(TIMESTAMP_HEADER),
            signature=request.headers.get(SIGNATURE_HEADER),
        )
        if signature is None:
            raise WebhookSignatureInvalid()
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = services.order_payment_callback_apply(
            signature=signature,
            order_id=order_id,
            payment_id=serializer.validated_data["payment_id"],
            outcome=serializer.validated_data["status"],
            amount=serializer.validated_data["amount"],
        )
        return Response(self.OutputSerializer(order).data)
