from django.urls import path

from learning import views

urlpatterns = [
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
