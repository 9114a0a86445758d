"""Internal stock reservation endpoints for the order service.

Only the order service's credential passes (`Authorization: Service <jwt>`
signed with the order -> catalog key, see shop_common.service_tokens); a
user's token (even an admin's) or any other service's credential is 401.
"""

import uuid

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reservations import selectors, services
from reservations.models import Reservation, ReservationItem
from shop_common.fields import StrictUUIDField
from shop_common.permissions import IsServiceCaller
from shop_common.service_tokens import ServiceTokenAuthentication

# Larger quantities are not a checkout; the bound also keeps sums inside INTEGER.
QUANTITY_MAX = 10_000
ITEMS_MAX = 200

ERROR = OpenApiResponse(description='`{"detail": "..."}`')


class ReservationItemOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReservationItem
        fields = ["product_id", "quantity"]


class ReservationOutputSerializer(serializers.ModelSerializer):
    items = ReservationItemOutputSerializer(many=True, read_only=True)

    class Meta:
        model = Reservation
        fields = ["order_id", "status", "items", "created_at", "released_at"]


class ReservationCreateApi(APIView):
    """`POST /internal/reservations`: all or nothing, idempotent per order id."""

    authentication_classes = [ServiceTokenAuthentication]
    permission_classes = [IsServiceCaller]
    service_callers = ("order",)

    class ReservationCreateInputSerializer(serializers.Serializer):
        class ReservationItemInputSerializer(serializers.Serializer):
            product_id = StrictUUIDField()
            quantity = serializers.IntegerField(min_value=1, max_value=QUANTITY_MAX)

        order_id = StrictUUIDField()
        items = ReservationItemInputSerializer(many=True, allow_empty=False, max_length=ITEMS_MAX)

    @extend_schema(
        operation_id="internal_reservations_create",
        request=ReservationCreateInputSerializer,
        responses={
            201: ReservationOutputSerializer,
            400: OpenApiResponse(description="Validation errors keyed by field."),
            401: ERROR,
            409: inline_serializer(
                name="StockUnavailable",
                fields={
                    "detail": serializers.CharField(),
                    "unavailable": serializers.ListField(child=serializers.UUIDField()),
                },
            ),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = self.ReservationCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reservation, _ = services.reservation_create(**serializer.validated_data)
        reservation = selectors.reservation_get(order_id=reservation.order_id)
        # A repeat answers 201 too: the caller gets the same reservation either way.
        return Response(
            ReservationOutputSerializer(reservation).data, status=status.HTTP_201_CREATED
        )


class ReservationReleaseApi(APIView):
    """`POST /internal/reservations/{order_id}/release`: puts the stock back, once."""

    authentication_classes = [ServiceTokenAuthentication]
    permission_classes = [IsServiceCaller]
    service_callers = ("order",)

    @extend_schema(
        operation_id="internal_reservations_release",
        request=None,
        responses={200: ReservationOutputSerializer, 401: ERROR, 404: ERROR},
    )
    def post(self, request: Request, order_id: uuid.UUID) -> Response:
        services.reservation_release(order_id=order_id)
        reservation = selectors.reservation_get(order_id=order_id)
        return Response(ReservationOutputSerializer(reservation).data)
