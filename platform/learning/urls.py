from django.urls import path

from learning import path_views, views

# The path pages come first: "test-out" would otherwise match an exercise's <slug>.
urlpatterns = [
    path("", path_views.home, name="home"),
    path("map/", path_views.learner_map_page, name="map"),
    path("goal/", path_views.set_goal, name="set_goal"),
    path("placement/", path_views.placement, name="placement"),
    path("topics/<str:topic_id>/", path_views.topic, name="topic"),
    path("topics/<str:topic_id>/test-out/", path_views.start_test_out, name="test_out"),
    path("placement/diagnostic/", views.placement_diagnostic, name="placement_diagnostic"),
    path("placement/diagnostic/answer/", views.answer_diagnostic, name="answer_diagnostic"),
    path("placement/diagnostic/finish/", views.finish_diagnostic, name="finish_diagnostic"),
    path("placement/diagnostic/<int:pk>/", views.diagnostic_result, name="diagnostic_result"),
    path("placement/diagnostic/<int:pk>/undo/", views.undo_diagnostic, name="undo_diagnostic"),
    path("topics/<str:topic_id>/<slug:slug>/", views.exercise, name="exercise"),
    path("topics/<str:topic_id>/<slug:slug>/draft/", views.save_draft, name="save_draft"),
    path("topics/<str:topic_id>/<slug:slug>/submit/", views.submit, name="submit"),
    path("topics/<str:topic_id>/<slug:slug>/submissions/", views.submission_list, name="submission_list"),
    path("topics/<str:topic_id>/<slug:slug>/help/", views.help_panel, name="help_panel"),
    path("topics/<str:topic_id>/<slug:slug>/hints/", views.reveal_hint, name="reveal_hint"),
    path("topics/<str:topic_id>/<slug:slug>/solution/", views.reveal_solution, name="reveal_solution"),
    path("submissions/<int:pk>/", views.submission, name="submission"),
    path("submissions/<int:pk>/events/", views.submission_events, name="submission_events"),
    path("topics/<str:topic_id>/quiz/<slug:slug>/", views.answer_question, name="answer_question"),
]
