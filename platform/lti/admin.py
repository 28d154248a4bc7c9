from django.contrib import admin

from lti.models import Course, GradeTarget, Identity


@admin.register(Identity)
class IdentityAdmin(admin.ModelAdmin):
    list_display = ("subject", "issuer", "user", "created_at")
    search_fields = ("subject", "user__username")


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "context_id", "issuer", "cohort")


@admin.register(GradeTarget)
class GradeTargetAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "target", "sent_score", "sent_at", "last_error")
    list_filter = ("kind",)
