from django.contrib import admin

from cohorts.models import Cohort, Invite, Membership, TopicDeadline


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


class InviteInline(admin.TabularInline):
    model = Invite
    extra = 0
    readonly_fields = ["code", "uses", "created_at"]


class DeadlineInline(admin.TabularInline):
    model = TopicDeadline
    extra = 0


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "goal", "start_date", "pace_days", "archived"]
    list_filter = ["archived"]
    inlines = [MembershipInline, DeadlineInline, InviteInline]
