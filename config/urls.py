from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from accounts.views import ThrottledLoginView
from config import views

admin.site.site_header = "Certpath reference data"
admin.site.site_title = "Certpath admin"
admin.site.index_title = "Frameworks, controls, mappings and weights"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    # Browsers that ignore the page's SVG icon still ask for this path.
    path(
        "favicon.ico",
        RedirectView.as_view(url=settings.STATIC_URL + "img/favicon.svg", permanent=True),
    ),
    # The sign-in page answers 429 when its rate limit refuses an attempt; the rest is allauth's.
    path("accounts/login/", ThrottledLoginView.as_view(), name="account_login"),
    path("accounts/", include("allauth.urls")),
    path("frameworks/", include("frameworks.urls")),
    path("", include("assessments.urls")),
]

handler400 = "config.views.bad_request"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
handler403 = "config.views.permission_denied"
handler429 = "config.views.too_many_requests"  # allauth answers its 429s through this
