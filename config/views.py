"""Error pages in the site's own style. They must render even when the database is down."""

from django.http import HttpRequest, HttpResponse
from django.template import loader


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    body = loader.render_to_string("404.html", request=request)
    return HttpResponse(body, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    body = loader.render_to_string("500.html")
    return HttpResponse(body, status=500)
