from django.contrib import admin

from curriculum.models import Exercise, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "skill", "minutes", "order", "retired"]


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "title", "device", "required", "retired", "bundle_hash"]
