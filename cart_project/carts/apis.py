"""The cart's HTTP API (DESIGN.md, Cart). Every endpoint acts on the caller's
own cart, identified by the token's user id, never by the URL or body."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from carts.models import MAX_LINE_QUANTITY
from carts.selectors import cart_get
from carts.serializers import (
    CartOutputSerializer,
    ErrorOutputSerializer,
    StrictIntegerField,
)
from carts.services import cart_clear, cart_item_add, cart_item_remove
from shop_common.fields import StrictUUIDField
from shop_common.permissions import IsUser

_ERRORS = {
    401: OpenApiResponse(ErrorOutputSerializer, description="No or bad user token."),
    503: OpenApiResponse(
        ErrorOutputSerializer, description="Redis or the catalog is unreachable or too slow."
    ),
}


class CartApiBase(APIView):
    """A user's token only: a service credential is not a shopper."""

    permission_classes = [IsUser]

    def handle_exception(self, exc):
        # A body of a type the cart does not read is bad input like any
        # other: 400 with a JSON detail (DRF alone would say 415).
        if isinstance(exc, exceptions.UnsupportedMediaType):
            exc = exceptions.ParseError(exc.detail)
        return super().handle_exception(exc)


class CartApi(CartApiBase):
    """`GET /cart` and `DELETE /cart`: the two operations on the cart as a whole."""

    OutputSerializer = CartOutputSerializer

    @extend_schema(
        operation_id="cart_get",
        summary="The caller's cart, priced with the catalog's current prices",
        responses={200: OutputSerializer, **_ERRORS},
    )
    def get(self, request):
        cart = cart_get(user_id=str(request.user.id))
        return Response(self.OutputSerializer(cart).data)

    @extend_schema(
        operation_id="cart_clear",
        summary="Empty the caller's cart",
        responses={204: OpenApiResponse(description="The cart is empty."), **_ERRORS},
    )
    def delete(self, request):
        cart_clear(user_id=str(request.user.id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CartItemAddApi(CartApiBase):
    @extend_schema_serializer(component_name="CartItemAddInput")
    class InputSerializer(serializers.Serializer):
        product_id = StrictUUIDField()
        quantity = StrictIntegerField(min_value=1, max_value=MAX_LINE_QUANTITY, default=1)

    OutputSerializer = CartOutputSerializer

    @extend_schema(
        operation_id="cart_item_add",
        summary="Add a product to the caller's cart",
        request=InputSerializer,
        responses={
            200: OutputSerializer,
            400: OpenApiResponse(
                description="Bad input, or the line would hold more than 99 "
                "(field-keyed errors, or `detail` for an unreadable body)."
            ),
            404: OpenApiResponse(ErrorOutputSerializer, description="Unknown or inactive product."),
            409: OpenApiResponse(
                ErrorOutputSerializer,
                description="More than in stock, or the cart holds 100 different products.",
            ),
            **_ERRORS,
        },
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cart = cart_item_add(
            user_id=str(request.user.id),
            product_id=str(serializer.validated_data["product_id"]),
            quantity=serializer.validated_data["quantity"],
        )
        return Response(self.OutputSerializer(cart).data)


class CartItemRemoveApi(CartApiBase):
    @extend_schema_serializer(component_name="CartItemRemoveInput")
    class InputSerializer(serializers.Serializer):
        product_id = StrictUUIDField()
        quantity = StrictIntegerField(
            min_value=1,
            max_value=MAX_LINE_QUANTITY,
            required=False,
            help_text="How many to take away; without it the whole line goes.",
        )

    OutputSerializer = CartOutputSerializer

    @extend_schema(
        operation_id="cart_item_remove",
        summary="Take a product, or some of it, out of the caller's cart",
        request=InputSerializer,
        responses={
            200: OutputSerializer,
            400: OpenApiResponse(description="Bad input (field-keyed errors)."),
            404: OpenApiResponse(
                ErrorOutputSerializer, description="The product is not in the cart."
            ),
            **_ERRORS,
        },
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cart = cart_item_remove(
            user_id=str(request.user.id),
            product_id=str(serializer.validated_data["product_id"]),
            quantity=serializer.validated_data.get("quantity"),
        )
        return Response(self.OutputSerializer(cart).data)
