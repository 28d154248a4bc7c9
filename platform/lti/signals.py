"""A pass or a right quiz answer may complete a linked topic: look, after the commit, in a task (the
LMS may be slow; the grader worker and the web request must not wait for it)."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from learning.models import QuizAttempt, Submission
from lti.models import GradeTarget
from lti.tasks import pass_back_grades


def _check_later(user_id: int) -> None:
    if GradeTarget.objects.filter(user_id=user_id, sent_at__isnull=True).exists():
        transaction.on_commit(lambda: pass_back_grades.delay(user_id))


@receiver(post_save, sender=Submission, dispatch_uid="lti-submission")
def submission_saved(sender, instance, **kwargs):
    if instance.status == "passed" and instance.mode == Submission.GRADE:
        _check_later(instance.user_id)


@receiver(post_save, sender=QuizAttempt, dispatch_uid="lti-quiz")
def quiz_answered(sender, instance, created, **kwargs):
    if created and instance.correct:
        _check_later(instance.user_id)
