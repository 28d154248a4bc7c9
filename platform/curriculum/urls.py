from django.urls import path

from curriculum import views

urlpatterns = [
    path("", views.home, name="home"),
    path("map/", views.learner_map_page, name="map"),
    path("goal/", views.set_goal, name="set_goal"),
    path("placement/", views.placement, name="placement"),
    path("topics/<str:topic_id>/", views.topic, name="topic"),
    path("topics/<str:topic_id>/test-out/", views.start_test_out, name="test_out"),
]
