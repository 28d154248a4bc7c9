from django.urls import path

from lti import views

urlpatterns = [
    path("lti/login/", views.login, name="lti_login"),
    path("lti/launch/", views.launch, name="lti_launch"),
    path("lti/deep-link/", views.deep_link, name="lti_deep_link"),
    path("lti/jwks/", views.jwks, name="lti_jwks"),
]
