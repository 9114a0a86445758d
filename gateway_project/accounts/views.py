from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("not built yet", status=501)


register = login = logout = account = _todo
