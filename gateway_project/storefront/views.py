from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("not built yet", status=501)


home = product = cart = checkout = orders = order = _todo
