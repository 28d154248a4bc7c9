"""LTI 1.3: who an LMS user is here, which cohort stands for a course, and where grades go back.

The platforms themselves (issuer, client id, their JWKS and endpoints) and this tool's keys are
pylti1p3's models (LtiTool, LtiToolKey), edited in the Django admin.
"""

from django.conf import settings
from django.db import models
from pylti1p3.contrib.django.lti1p3_tool_config.models import LtiTool

from cohorts.models import Cohort


class Identity(models.Model):
    """An LMS user (the platform's issuer and `sub`) and the account it signs in as."""

    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_identities")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="lti_identity_once")]
        verbose_name_plural = "identities"

    def __str__(self):
        return f"{self.subject} at {self.issuer} -> {self.user}"


class Course(models.Model):
    """An LMS course (its context) and the cohort its learners join at their first launch."""

    issuer = models.CharField(max_length=255)
    context_id = models.CharField(max_length=255)
    title = models.CharField(max_length=255, blank=True)
    cohort = models.OneToOneField(Cohort, on_delete=models.CASCADE, related_name="lti_course")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "context_id"], name="lti_course_once")]

    def __str__(self):
        return f"{self.title or self.context_id} at {self.issuer}"


class GradeTarget(models.Model):
    """A gradebook column of one learner: where the score goes when the linked work is done."""

    TOPIC, EXERCISE = "topic", "exercise"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_grade_targets")
    tool = models.ForeignKey(LtiTool, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=255)  # the LMS's id of the learner, which the score names
    lineitem = models.URLField(max_length=1024)
    scopes = models.JSONField(default=list)
    kind = models.CharField(max_length=8, choices=[(TOPIC, "Topic mastered"), (EXERCISE, "Exercise passed")])
    target = models.CharField(max_length=200)  # "EI2", or "EI2/einsum-basics"
    sent_score = models.FloatField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "lineitem"], name="lti_grade_target_once")]

    def __str__(self):
        return f"{self.user} {self.kind} {self.target} -> {self.lineitem}"


class UsedNonce(models.Model):
    """Every id_token nonce accepted: a second launch with the same one is a replay and is refused."""

    issuer = models.CharField(max_length=255)
    nonce = models.CharField(max_length=255)
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "nonce"], name="lti_nonce_once")]
