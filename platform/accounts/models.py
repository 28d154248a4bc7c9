from django.conf import settings
from django.db import models


class Profile(models.Model):
    """What a learner chose for themselves; created when first needed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    goal = models.ForeignKey("curriculum.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self):
        return f"{self.user} -> {self.goal_id}"
