from django.http import JsonResponse


def proxy(request, path):
    return JsonResponse({"detail": "Not found."}, status=404)
