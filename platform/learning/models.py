from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from curriculum.models import Exercise, QuizQuestion, Topic
from learning import diagnostic


class Draft(models.Model):
    """The learner's latest editor contents for an exercise, saved as they type."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE)
    code = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "exercise"], name="one_draft_per_exercise")]


class Submission(models.Model):
    """One Submit (graded) or Run (example only). Postgres is the source of truth: the row exists
    before the task is enqueued, so a lost task is found again by the sweep."""

    QUEUED, RUNNING, DONE = "queued", "running", "done"
    STATES = [(QUEUED, "Queued"), (RUNNING, "Running"), (DONE, "Done")]
    GRADE, RUN = "grade", "run"
    # The final verdict when the grader itself failed GRADER_MAX_ATTEMPTS times (crashed, lost its worker,
    # stalled): the learner is told, and it is not counted as their attempt (the summary triggers skip it).
    GRADER_FAILED = "grader-failed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="submissions")
    code = models.TextField()
    mode = models.CharField(max_length=8, choices=[(GRADE, "Submit"), (RUN, "Run")], default=GRADE)
    state = models.CharField(max_length=8, choices=STATES, default=QUEUED)
    status = models.CharField(max_length=16, blank=True)  # the verdict, once done
    score = models.FloatField(null=True)
    result = models.JSONField(null=True)
    bundle_hash = models.CharField(max_length=64, blank=True)  # the check bundle it was graded with
    created_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)
    attempts = models.PositiveIntegerField(default=0)  # grading tries: claims by a worker
    task_id = models.CharField(max_length=64, blank=True, default="")  # the Celery task that claimed it last
    grader = models.CharField(max_length=255, blank=True, default="")  # "<celery node> <boot id>" of that worker

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "enqueued_at"]),
            models.Index(fields=["user", "exercise", "-created_at"]),
        ]

    def __str__(self):
        return f"#{self.pk} {self.exercise} {self.state} {self.status}"

    def get_absolute_url(self):
        return reverse("submission", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.state != self.DONE

    @property
    def waiting_for_gpu(self) -> bool:
        return self.state == self.QUEUED and self.exercise.device == "gpu-required" and not GraderWorker.gpu_online()

    @property
    def example_check(self) -> dict | None:
        """For a Run of an exercise that declares the example's expected value: the checker's comparison,
        {"matches", "message", "expected"} (grader.example_expected). None when nothing was compared."""
        value = (self.result or {}).get("value") if self.status == "ran" else None
        check = value.get("expected") if isinstance(value, dict) else None
        return check if isinstance(check, dict) else None

    @property
    def ran_headline(self) -> str:
        """What a Run's header says, on the page and in the API alike. Never a pass: a run grades nothing."""
        check = self.example_check
        if check is None:
            return "Ran the example (not graded: compare the value with the statement, then submit)"
        if check.get("matches") is True:
            return "Ran the example: it matches the statement's expected value (not graded: submit for the tests)"
        return "Ran the example: it differs from the statement's expected value"


class FailedTest(models.Model):
    """One failed test of a graded submission: an index into Submission.result, so a cohort
    dashboard can count "most of the group fails this test" without reading every result."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="failed_tests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    hint = models.CharField(max_length=300, blank=True)  # the known mistake, when a mutant matched
    message = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["exercise", "name"])]

    @classmethod
    def from_result(cls, submission, result: dict) -> list:
        return [
            cls(
                submission=submission,
                user_id=submission.user_id,
                exercise_id=submission.exercise_id,
                name=t["name"][:200],
                hint=(t.get("details") or {}).get("hint", "")[:300],
                message=t.get("message", "")[:300],
            )
            for t in result.get("tests", [])
            if t.get("status") in ("failed", "error")
        ]


class QuizAttempt(models.Model):
    """One answer to a quiz question, marked when given."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    question = models.ForeignKey(QuizQuestion, on_delete=models.PROTECT, related_name="attempts")
    given = models.CharField(max_length=64)
    correct = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]


class GraderWorker(models.Model):
    """A running grader worker, as it last reported itself: routing sends GPU work only where one is."""

    FRESH_FOR = timedelta(seconds=45)  # workers report every 15 s

    hostname = models.CharField(max_length=255, unique=True)
    queues = models.JSONField(default=list)
    last_seen = models.DateTimeField()

    def __str__(self):
        return f"{self.hostname} {self.queues}"

    @classmethod
    def gpu_online(cls) -> bool:
        recent = cls.objects.filter(last_seen__gt=timezone.now() - cls.FRESH_FOR)
        return any("gpu" in w.queues for w in recent)


class Diagnostic(models.Model):
    """A placement diagnostic: a short adaptive run of quiz questions through the prerequisite graph
    (learning.diagnostic). Its answers live here, not as QuizAttempts: a wrong guess in a diagnostic
    must not mark a topic as started. What it credits are TopicTestOut rows pointing at it, so the map,
    the cohort grid and the CSV count them like any test-out, and undoing it deletes exactly those."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="diagnostics")
    goal = models.ForeignKey(Topic, on_delete=models.SET_NULL, null=True, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    answers = models.JSONField(default=list)  # [question id, topic id, right], in the order given
    question = models.ForeignKey(QuizQuestion, on_delete=models.SET_NULL, null=True, related_name="+")  # asked now
    finished_at = models.DateTimeField(null=True)
    credited = models.JSONField(default=list)  # topic ids it made mastered, in learning order (at finish)
    start_at = models.CharField(max_length=20, blank=True)  # the first topic of "next up" after it
    undone_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(finished_at__isnull=True), name="one_running_diagnostic_per_learner"
            )
        ]

    @property
    def deadline(self):
        return self.started_at + timedelta(minutes=diagnostic.MINUTES)

    @property
    def running(self) -> bool:
        return self.finished_at is None


class TopicTestOut(models.Model):
    """A timed attempt to skip a topic: passing its hardest exercise before the deadline masters
    the topic and everything it builds on. The verdict itself stays in the submissions. A row with
    a `diagnostic` and no exercise is that diagnostic's credit: it counts from `started_at`."""

    MINUTES = 20

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="test_outs")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, null=True, related_name="+")
    diagnostic = models.ForeignKey(Diagnostic, on_delete=models.CASCADE, null=True, related_name="credits")
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at"]

    @property
    def deadline(self):
        return self.started_at + timedelta(minutes=self.MINUTES)


class ExerciseSummary(models.Model):
    """One learner's record on one exercise, summed up from their submissions by database triggers
    (migration 0006), so it can never disagree with them, whatever writes the submissions. A cohort
    dashboard reads these few rows instead of grouping every submission of every member."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")
    attempts = models.PositiveIntegerField()  # graded verdicts
    passes = models.PositiveIntegerField()
    first_graded_at = models.DateTimeField(null=True)
    first_passed_at = models.DateTimeField(null=True)
    last_at = models.DateTimeField()  # the latest submission, Run included

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "exercise"], name="one_summary_per_exercise")]


class SolutionView(models.Model):
    """A learner opened an exercise's reference solution before passing it (after failed attempts,
    warned first). Kept so a mastery or cohort view can tell a pass made after reading the answer."""

    AFTER_FAILURES = 3  # failed graded attempts before the solution can be asked for

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="solution_views")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")
    failures = models.PositiveIntegerField()  # failed graded attempts when it was opened
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "exercise"], name="one_solution_view_per_exercise")]


class HintsRevealed(models.Model):
    """How many of an exercise's hints a learner has opened. The hints open one at a time, in order (the page's
    rule, and the API's: `groundwork hint`), so a count says which: the first `count`. Kept on the server so the
    page, the command-line client and a notebook agree, and a help panel that refreshes keeps them open."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hints_revealed")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveSmallIntegerField(default=0)
    at = models.DateTimeField(auto_now=True)  # the latest one opened

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "exercise"], name="one_hints_revealed_per_exercise")]
