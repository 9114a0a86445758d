"""Views that exercise the shared mechanisms the way a service uses them."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from shop_common.errors import Conflict
from shop_common.http_client import ServiceClient
from shop_common.permissions import IsAdminRole, IsService, IsServiceCaller, IsUser
from shop_common.service_tokens import ServiceTokenAuthentication
from shop_common.urls import urlpatterns as shared_urlpatterns


class WhoAmI(APIView):
    permission_classes = [IsUser]

    def get(self, request):
        user = request.user
        return Response({"id": user.id, "email": user.email, "role": user.role})


class AdminOnly(APIView):
    permission_classes = [IsAdminRole]

    def post(self, request):
        return Response({"ok": True})


class Internal(APIView):
    authentication_classes = [ServiceTokenAuthentication]
    permission_classes = [IsService]

    def post(self, request):
        return Response({"caller": request.user.name})


class InternalForOrder(APIView):
    authentication_classes = [ServiceTokenAuthentication]
    permission_classes = [IsServiceCaller]
    service_callers = ("order",)

    def get(self, request):
        return Response({"caller": request.user.name})


class Echo(APIView):
    permission_classes = [AllowAny]

    class InputSerializer(serializers.Serializer):
        quantity = serializers.IntegerField(min_value=1)

    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data)


class Failing(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        kind = request.query_params.get("kind")
        if kind == "django-validation":
            raise DjangoValidationError("“abc” is not a valid UUID.")
        if kind == "conflict":
            raise Conflict("Already there.")
        return Response({"ok": True})


class CallsCatalog(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        client = ServiceClient("catalog")
        response = client.get("/products", as_service=True)
        return Response({"upstream_status": response.status_code})


urlpatterns = [
    *shared_urlpatterns,
    path("whoami", WhoAmI.as_view()),
    path("admin-only", AdminOnly.as_view()),
    path("internal/thing", Internal.as_view()),
    path("internal/for-order", InternalForOrder.as_view()),
    path("echo", Echo.as_view()),
    path("failing", Failing.as_view()),
    path("calls-catalog", CallsCatalog.as_view()),
    path("items/<uuid:item_id>", Failing.as_view()),
]

handler400 = "shop_common.errors.bad_request"
handler403 = "shop_common.errors.permission_denied"
handler404 = "shop_common.errors.not_found"
handler500 = "shop_common.errors.server_error"
