from django.contrib import admin

from learning.models import Draft, HintsRevealed, SolutionView, Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "exercise", "mode", "state", "status", "score", "created_at"]
    list_filter = ["state", "status", "mode"]
    search_fields = ["user__username", "exercise__slug"]


admin.site.register(Draft)
admin.site.register(SolutionView)
admin.site.register(HintsRevealed)
