"""Topics and exercises, as loaded from content/ by `manage.py content sync`.

Content rows are never deleted by a sync (learners' submissions point at them); a topic or
exercise that leaves the content folder is marked retired instead.
"""

from django.db import models
from django.urls import reverse


class Topic(models.Model):
    id = models.CharField(primary_key=True, max_length=32)  # e.g. "EI2", as in content/topics/EI2
    title = models.CharField(max_length=200)
    skill = models.CharField(max_length=8)
    minutes = models.PositiveIntegerField(default=30)
    order = models.IntegerField(default=0)
    lesson = models.TextField(blank=True)  # the Markdown as written, for the API and notebooks
    lesson_html = models.TextField(blank=True)
    prerequisites = models.ManyToManyField("self", symmetrical=False, related_name="unlocks", blank=True)
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.id} {self.title}"

    def get_absolute_url(self):
        return reverse("topic", args=[self.id])


class Exercise(models.Model):
    DEVICES = [("cpu", "CPU"), ("gpu-optional", "GPU if available"), ("gpu-required", "GPU required")]

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="exercises")
    slug = models.SlugField(max_length=100)
    title = models.CharField(max_length=200)
    order = models.IntegerField(default=0)
    required = models.BooleanField(default=True)
    statement = models.TextField(blank=True)  # the Markdown as written, for the API and the CLI
    statement_html = models.TextField(blank=True)
    starter = models.TextField(blank=True)
    entry_points = models.JSONField(default=list)
    banned = models.JSONField(default=list)
    example = models.TextField(blank=True)
    limits = models.JSONField(default=dict)
    device = models.CharField(max_length=16, choices=DEVICES, default="cpu")
    bundle = models.JSONField(default=dict)  # check.py, exercise.yaml, mutants: what the grader needs
    bundle_hash = models.CharField(max_length=64)
    hints = models.JSONField(default=list)  # 2-3 progressive hints, Markdown as written, for the API and the CLI
    hints_html = models.JSONField(default=list)  # the same, rendered; the last is near the answer
    explanation_html = models.TextField(blank=True)  # why the reference solution works, shown after a pass
    solution_html = models.TextField(blank=True)  # the reference solution, highlighted: shown after a pass only
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["topic__order", "order", "slug"]
        constraints = [models.UniqueConstraint(fields=["topic", "slug"], name="unique_exercise_per_topic")]

    def __str__(self):
        return f"{self.topic_id}/{self.slug}"

    def get_absolute_url(self):
        return reverse("exercise", args=[self.topic_id, self.slug])


class QuizQuestion(models.Model):
    """A concept question from a topic's quiz.yaml: multiple choice, or a number within a tolerance."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="questions")
    slug = models.SlugField(max_length=100)
    order = models.IntegerField(default=0)
    prompt_html = models.TextField()
    choices = models.JSONField(default=list)  # rendered HTML of each choice; empty for a numeric question
    answer = models.FloatField()  # the correct choice's index, or the number
    tolerance = models.FloatField(default=0)
    explanation_html = models.TextField(blank=True)
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["topic", "order"]
        constraints = [models.UniqueConstraint(fields=["topic", "slug"], name="unique_question_per_topic")]

    def __str__(self):
        return f"{self.topic_id}/{self.slug}"

    @property
    def is_numeric(self) -> bool:
        return not self.choices

    def mark(self, given: str) -> bool:
        """True if `given` (a choice index, or a number as typed) is right; ValueError if unreadable."""
        value = float(given.strip().replace(",", "."))
        if self.is_numeric:
            return abs(value - self.answer) <= self.tolerance + 1e-12 * abs(self.answer)
        return int(value) == int(self.answer)
