from django.contrib import admin

from api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "shown", "created_at", "last_used_at", "revoked_at")
    search_fields = ("user__username", "name")
    readonly_fields = ("digest", "shown", "created_at", "last_used_at")
