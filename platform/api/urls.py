from django.urls import path

from api import views
from api.endpoints import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("accounts/tokens/", views.tokens, name="api_tokens"),
    path("accounts/tokens/<int:pk>/revoke/", views.revoke, name="api_token_revoke"),
    path("topics/<str:topic_id>/notebook.ipynb", views.topic_notebook, name="topic_notebook"),
    path("client/groundwork-client.tar.gz", views.client_tarball, name="client_tarball"),
]
