"""Cohorts: a group of learners with a goal and a pace, watched by its admins."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from curriculum.models import Topic


class Cohort(models.Model):
    name = models.CharField(max_length=120)
    goal = models.ForeignKey(
        Topic,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The topic the cohort works towards; members take it as their goal.",
    )
    start_date = models.DateField(null=True, blank=True, help_text="With a pace: when the first topic starts.")
    pace_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Days per topic along the path to the goal (empty: no schedule)."
    )
    stuck_days = models.PositiveSmallIntegerField(
        default=7, help_text="A learner with no progress for this many days is listed as stuck."
    )
    stuck_failures = models.PositiveSmallIntegerField(
        default=5, help_text="A learner with this many failed submissions on one exercise is listed as stuck."
    )
    archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["archived", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cohort_dashboard", args=[self.pk])


class Membership(models.Model):
    ADMIN, LEARNER = "admin", "learner"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=8, choices=[(ADMIN, "Cohort admin"), (LEARNER, "Learner")], default=LEARNER)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cohort", "user"], name="one_membership_per_cohort")]

    def __str__(self):
        return f"{self.user} in {self.cohort} ({self.role})"


class TopicDeadline(models.Model):
    """An explicit target date for one topic; it wins over the pace."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="deadlines")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    due = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cohort", "topic"], name="one_deadline_per_topic")]


def new_code() -> str:
    return secrets.token_urlsafe(9)


class Invite(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="invites")
    code = models.CharField(max_length=32, unique=True, default=new_code)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    uses = models.PositiveIntegerField(default=0)
    role = models.CharField(
        max_length=8,
        default=Membership.LEARNER,
        choices=[(Membership.ADMIN, "Co-admin"), (Membership.LEARNER, "Learner")],
        help_text="What joining with this link makes you: a learner, or a co-admin.",
    )

    class Meta:
        ordering = ["-created_at"]

    def get_absolute_url(self):
        return reverse("join", args=[self.code])

    @property
    def problem(self) -> str:
        """Why the invite cannot be used, or ""."""
        if self.revoked_at:
            return "This invite was revoked by the cohort's admin. Ask them for a new link."
        if self.expires_at and self.expires_at <= timezone.now():
            return "This invite has expired. Ask the cohort's admin for a new link."
        if self.cohort.archived:
            return "This cohort is archived and takes no new members."
        return ""

    @classmethod
    def create_for(cls, cohort, user, days: int | None, role: str = Membership.LEARNER):
        """A new link into `cohort`, valid for `days` (None: until revoked)."""
        expires = timezone.now() + timedelta(days=days) if days else None
        return cls.objects.create(cohort=cohort, created_by=user, expires_at=expires, role=role)


class Comment(models.Model):
    """Mentoring: a cohort admin's note on a learner's submission (on one line or on the whole), or
    the learner's reply. Seen only by that learner and the admins of a cohort they learn in."""

    submission = models.ForeignKey("learning.Submission", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    line = models.PositiveIntegerField(null=True, blank=True)  # 1-based line of the code; None: the whole
    body = models.TextField(max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    seen_by_learner_at = models.DateTimeField(null=True, blank=True)  # the learner's own comments: at once

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["submission", "created_at"])]

    def __str__(self):
        return f"{self.author} on #{self.submission_id}" + (f" line {self.line}" if self.line else "")


def cohort_goals(user_ids) -> dict:
    """user id -> the goal of the latest cohort each learner joined (archived cohorts and cohorts
    without a goal aside). learning.progress asks this through GOAL_SOURCES (see apps.py)."""
    goals = {}
    for uid, goal in (
        Membership.objects.filter(
            user_id__in=user_ids, role=Membership.LEARNER, cohort__archived=False, cohort__goal__isnull=False
        )
        .order_by("joined_at")
        .values_list("user_id", "cohort__goal_id")
    ):
        goals[uid] = goal
    return goals
