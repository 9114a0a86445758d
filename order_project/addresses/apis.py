"""The address book API (DESIGN.md §5, Order): the user's own saved addresses.

Two paths, so each class is one path and each method one operation, with that
operation's own nested serializers. Every endpoint needs a user token (401
without) and sees only the caller's own book: another user's address is 404,
for an admin too, because an address book is private.
"""

import uuid

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from orders.apis import DETAIL
from orders.serializers import ShippingAddressSerializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from addresses import selectors, services
from addresses.serializers import AddressOutputSerializer
from shop_common.pagination import paginated_response, paginated_schema
from shop_common.permissions import IsUser

VALIDATION_ERROR = OpenApiResponse(description="Validation errors keyed by field.")


class AddressWriteInputSerializer(ShippingAddressSerializer):
    """The rules of an order's shipping address, plus the default flag."""

    is_default = serializers.BooleanField(
        required=False,
        help_text="Make this the default address. A user's first address always is; "
        "the default is moved, never unset.",
    )


class AddressesApi(APIView):
    """`GET /addresses` lists the user's book, `POST /addresses` saves an address."""

    permission_classes = [IsUser]

    class AddressCreateInputSerializer(AddressWriteInputSerializer):
        pass

    @extend_schema(
        operation_id="address_list",
        parameters=[
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int, description="At most 100."),
        ],
        responses={200: paginated_schema(AddressOutputSerializer), 401: DETAIL, 404: DETAIL},
    )
    def get(self, request: Request) -> Response:
        """Returns a page of the user's addresses, the default first, then newest first."""
        return paginated_response(
            queryset=selectors.address_list(user_id=request.user.id),
            serializer_class=AddressOutputSerializer,
            request=request,
            view=self,
        )

    @extend_schema(
        operation_id="address_create",
        request=AddressCreateInputSerializer,
        responses={
            201: AddressOutputSerializer,
            400: VALIDATION_ERROR,
            401: DETAIL,
            409: OpenApiResponse(DETAIL, description="The book already holds 20 addresses."),
        },
    )
    def post(self, request: Request) -> Response:
        """Returns 201 and the saved address (the default when it is the user's first)."""
        serializer = self.AddressCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        address = services.address_create(user_id=request.user.id, **serializer.validated_data)
        return Response(AddressOutputSerializer(address).data, status=status.HTTP_201_CREATED)


class AddressApi(APIView):
    """`GET`, `PATCH` and `DELETE /addresses/{id}`, the owner's only."""

    permission_classes = [IsUser]

    class AddressUpdateInputSerializer(AddressWriteInputSerializer):
        pass

    @extend_schema(
        operation_id="address_get",
        responses={200: AddressOutputSerializer, 401: DETAIL, 404: DETAIL},
    )
    def get(self, request: Request, address_id: uuid.UUID) -> Response:
        """Returns the user's address."""
        address = selectors.address_get(address_id=address_id, user_id=request.user.id)
        return Response(AddressOutputSerializer(address).data)

    @extend_schema(
        operation_id="address_update",
        request=AddressUpdateInputSerializer(partial=True),
        responses={
            200: AddressOutputSerializer,
            400: VALIDATION_ERROR,
            401: DETAIL,
            404: DETAIL,
        },
    )
    def patch(self, request: Request, address_id: uuid.UUID) -> Response:
        """Returns the address with the given fields set; `{}` changes nothing."""
        serializer = self.AddressUpdateInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        address = services.address_update(
            address_id=address_id, user_id=request.user.id, data=serializer.validated_data
        )
        return Response(AddressOutputSerializer(address).data)

    @extend_schema(
        operation_id="address_delete",
        responses={204: None, 401: DETAIL, 404: DETAIL},
    )
    def delete(self, request: Request, address_id: uuid.UUID) -> Response:
        """Returns 204; when the default goes, the newest remaining address becomes it."""
        services.address_delete(address_id=address_id, user_id=request.user.id)
        return Response(status=status.HTTP_204_NO_CONTENT)
