from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; the icon is an SVG among the static files."""
    return redirect(static("favicon.svg"), permanent=True)


urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("", include("api.urls")),
    path("", include("learning.urls")),
    path("", include("cohorts.urls")),
    path("", include("lti.urls")),
]
