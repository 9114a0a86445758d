"""The auth API (DESIGN.md §5): one view per operation, each validating its
input, calling a service and serializing the result."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from shop_common.fields import StrictCharField
from shop_common.permissions import IsServiceCaller
from shop_common.service_tokens import ServiceTokenAuthentication
from users import selectors, services
from users.models import EMAIL_MAX_LENGTH, User
from users.serializers import (
    PASSWORD_MAX_LENGTH,
    DetailSerializer,
    NormalizedEmailField,
    UserSerializer,
    password_field,
)

TAG = "auth"

_VALIDATION_ERROR = OpenApiResponse(description="Validation errors keyed by field.")
_UNAUTHORIZED = OpenApiResponse(DetailSerializer, description="Missing, invalid or expired token.")


class PublicAPIView(APIView):
    """A view reached without an access token: the credential is in the body.

    No authentication class runs, so a stale Authorization header does not get
    in the way of logging in again; the Bearer challenge is still named so a
    refused credential is a 401, not DRF's fallback 403."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    def get_authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class RegisterApi(PublicAPIView):
    class InputSerializer(serializers.Serializer):
        email = NormalizedEmailField()
        password = password_field()

        class Meta:
            ref_name = "RegisterInput"

    @extend_schema(
        tags=[TAG],
        summary="Register a customer",
        request=InputSerializer,
        responses={
            201: UserSerializer,
            400: _VALIDATION_ERROR,
            409: OpenApiResponse(DetailSerializer, description="The email is already registered."),
        },
    )
    def post(self, request):
        """Returns the new user (201). A `role` in the body is ignored."""
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_register(**serializer.validated_data)
        return Response(UserSerializer(user).data, status=status.HTTP_201_CREATED)


class LoginApi(PublicAPIView):
    class InputSerializer(serializers.Serializer):
        # Not an EmailField: a malformed email is just a wrong credential.
        email = StrictCharField(max_length=EMAIL_MAX_LENGTH)
        password = StrictCharField(
            write_only=True, trim_whitespace=False, max_length=PASSWORD_MAX_LENGTH
        )

        class Meta:
            ref_name = "LoginInput"

    class OutputSerializer(TokenPairSerializer):
        token_type = serializers.CharField()
        expires_in = serializers.IntegerField(help_text="Seconds the access token lives.")

        class Meta:
            ref_name = "LoginOutput"

    @extend_schema(
        tags=[TAG],
        summary="Log in with email and password",
        request=InputSerializer,
        responses={
            200: OutputSerializer,
            400: _VALIDATION_ERROR,
            401: OpenApiResponse(DetailSerializer, description="Wrong credentials or inactive."),
            429: OpenApiResponse(DetailSerializer, description="Too many failed attempts."),
        },
    )
    def post(self, request):
        """Returns an access and a refresh token (200)."""
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        pair = services.user_login(**serializer.validated_data, request=request)
        output = {
            "access": pair.access,
            "refresh": pair.refresh,
            "token_type": "Bearer",
            "expires_in": pair.expires_in,
        }
        return Response(self.OutputSerializer(output).data)


class RefreshInputSerializer(serializers.Serializer):
    refresh = StrictCharField()


class RefreshApi(PublicAPIView):
    @extend_schema(
        tags=[TAG],
        summary="Exchange a refresh token for a new pair",
        request=RefreshInputSerializer,
        responses={
            200: TokenPairSerializer,
            400: _VALIDATION_ERROR,
            401: OpenApiResponse(DetailSerializer, description="Used, blacklisted or expired."),
        },
    )
    def post(self, request):
        """Returns a new access and refresh token (200); the one sent is spent."""
        serializer = RefreshInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        pair = services.token_refresh(refresh=serializer.validated_data["refresh"])
        return Response(TokenPairSerializer(pair).data)


class LogoutApi(PublicAPIView):
    """The refresh token is the credential: an expired access token must not
    keep a client from ending its session."""

    @extend_schema(
        tags=[TAG],
        summary="Log out (blacklist a refresh token)",
        request=RefreshInputSerializer,
        responses={
            204: None,
            400: _VALIDATION_ERROR,
            401: OpenApiResponse(DetailSerializer, description="Invalid or already revoked."),
        },
    )
    def post(self, request):
        """Returns 204; the refresh token no longer works."""
        serializer = RefreshInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.token_revoke(refresh=serializer.validated_data["refresh"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=[TAG],
        summary="The current user",
        responses={200: UserSerializer, 401: _UNAUTHORIZED},
    )
    def get(self, request):
        """Returns the user the access token belongs to, as stored now."""
        return Response(UserSerializer(request.user).data)


class ChangePasswordApi(APIView):
    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        old_password = password_field()
        new_password = password_field()

        class Meta:
            ref_name = "ChangePasswordInput"

    @extend_schema(
        tags=[TAG],
        summary="Change the current user's password",
        request=InputSerializer,
        responses={
            204: None,
            400: _VALIDATION_ERROR,
            401: _UNAUTHORIZED,
            429: OpenApiResponse(DetailSerializer, description="Too many wrong old passwords."),
        },
    )
    def post(self, request):
        """Returns 204; every refresh token of the user stops working."""
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.user_password_change(
            user=request.user, **serializer.validated_data, request=request
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class InternalUserApi(APIView):
    """`GET /internal/users/<id>`: the staff rights of a person as stored now,
    for the services whose Django admins re-check them (shop_common.admin_access).
    Only a service credential minted by one of `service_callers` with its own
    key for auth passes; a user's token (even an admin's) or the credential of
    a service auth holds no key for (cart, gateway) is 401."""

    authentication_classes = [ServiceTokenAuthentication]
    permission_classes = [IsServiceCaller]
    service_callers = ("catalog", "order", "payment")

    class OutputSerializer(serializers.ModelSerializer):
        class Meta:
            model = User
            fields = ["id", "email", "role", "is_active"]
            read_only_fields = fields
            ref_name = "InternalUser"

    @extend_schema(
        tags=["internal"],
        operation_id="internal_users_retrieve",
        summary="A user's role and active flag (services only)",
        responses={
            200: OutputSerializer,
            401: OpenApiResponse(DetailSerializer, description="No valid service credential."),
            403: OpenApiResponse(DetailSerializer, description="A service not allowed here."),
            404: OpenApiResponse(DetailSerializer, description="No such user."),
        },
    )
    def get(self, request, user_id):
        """Returns the user's id, email, role and active flag (200)."""
        user = selectors.user_get(user_id=user_id)
        if user is None:
            raise NotFound("No such user.")
        return Response(self.OutputSerializer(user).data)
