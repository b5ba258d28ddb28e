from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from frameworks.models import Framework
from frameworks.selectors import framework_catalogue, framework_overview


def framework_list(request: HttpRequest) -> HttpResponse:
    return render(request, "frameworks/list.html", {"frameworks": framework_overview()})


def framework_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        framework, sections = framework_catalogue(code=code)
    except Framework.DoesNotExist:
        raise Http404("No such framework") from None
    return render(request, "frameworks/detail.html", {"framework": framework, "sections": sections})
