from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("", include("api.urls")),
    path("", include("curriculum.urls")),
    path("", include("learning.urls")),
    path("", include("cohorts.urls")),
    path("", include("lti.urls")),
]
