from django.urls import path

from curriculum import views

urlpatterns = [
    path("", views.home, name="home"),
    path("map/", views.learner_map_page, name="map"),
    path("goal/", views.set_goal, name="set_goal"),
    path("topics/<str:topic_id>/", views.topic, name="topic"),
]
