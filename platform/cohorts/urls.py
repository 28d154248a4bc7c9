from django.urls import path

from cohorts import mentoring, views

urlpatterns = [
    path("cohorts/", views.cohort_list, name="cohort_list"),
    path("cohorts/new/", views.cohort_create, name="cohort_create"),
    path("cohorts/<int:pk>/", views.cohort_dashboard, name="cohort_dashboard"),
    path("cohorts/<int:pk>/settings/", views.cohort_settings, name="cohort_settings"),
    path("cohorts/<int:pk>/deadlines/", views.cohort_deadlines, name="cohort_deadlines"),
    path("cohorts/<int:pk>/leave/", views.cohort_leave, name="cohort_leave"),
    path("cohorts/<int:pk>/archive/", views.cohort_archive, name="cohort_archive"),
    path("cohorts/<int:pk>/invites/", views.invite_create, name="invite_create"),
    path("cohorts/<int:pk>/invites/<int:invite_id>/revoke/", views.invite_revoke, name="invite_revoke"),
    path("cohorts/<int:pk>/exercises/", views.cohort_exercises, name="cohort_exercises"),
    path("cohorts/<int:pk>/learners/<int:user_id>/", views.cohort_learner, name="cohort_learner"),
    path("cohorts/<int:pk>/export/grid.csv", views.export_grid, name="cohort_export_grid"),
    path("cohorts/<int:pk>/export/exercises.csv", views.export_exercises, name="cohort_export_exercises"),
    path("join/<str:code>/", views.join, name="join"),
    path("cohorts/<int:pk>/schedule/", views.learner_schedule, name="cohort_schedule"),
    path("submissions/<int:pk>/comments/", mentoring.thread, name="submission_thread"),
    path("comments/", mentoring.my_threads, name="my_threads"),
]
