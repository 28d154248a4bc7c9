"""Assignment and Grade Services: a learner's score goes to the LMS gradebook once the linked topic
is mastered (or the linked exercise passed). Sent once per column; a failure is kept on the row and
logged, and the next verdict of that learner tries again."""

import logging

from django.utils import timezone
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.contrib.django import DjangoDbToolConf
from pylti1p3.grade import Grade
from pylti1p3.service_connector import ServiceConnector

from learning import path, progress
from learning.models import Submission
from lti.models import GradeTarget

log = logging.getLogger(__name__)


def pending(user_id: int):
    return GradeTarget.objects.select_related("tool", "user").filter(user_id=user_id, sent_at__isnull=True)


def pass_back(user_id: int) -> int:
    """Send the scores this learner has earned and the LMS does not have yet; how many were sent."""
    targets = list(pending(user_id))
    if not targets:
        return 0
    standing = progress.standing(targets[0].user) if any(t.kind == GradeTarget.TOPIC for t in targets) else None
    sent = 0
    for target in targets:
        if done(target, standing):
            sent += send(target, 1.0)
    return sent


def done(target: GradeTarget, standing) -> bool:
    if target.kind == GradeTarget.TOPIC:
        return standing.state_of(target.target) in path.DONE
    topic_id, _, slug = target.target.partition("/")
    return Submission.objects.filter(
        user_id=target.user_id, exercise__topic_id=topic_id, exercise__slug=slug, mode=Submission.GRADE, status="passed"
    ).exists()


def send(target: GradeTarget, score: float) -> bool:
    registration = DjangoDbToolConf().find_registration_by_params(target.tool.issuer, target.tool.client_id)
    ags = AssignmentsGradesService(
        ServiceConnector(registration), {"scope": target.scopes, "lineitem": target.lineitem}
    )
    grade = (
        Grade()
        .set_score_given(score)
        .set_score_maximum(1.0)
        .set_user_id(target.subject)
        .set_timestamp(timezone.now().isoformat())
        .set_activity_progress("Completed")
        .set_grading_progress("FullyGraded")
    )
    try:
        ags.put_grade(grade)
    except Exception as e:  # the LMS down, a token refused: keep the score for the next try
        GradeTarget.objects.filter(pk=target.pk).update(last_error=f"{type(e).__name__}: {e}"[:2000])
        log.warning("LTI grade passback to %s for user %s failed: %s", target.lineitem, target.user_id, e)
        return False
    GradeTarget.objects.filter(pk=target.pk).update(sent_score=score, sent_at=timezone.now(), last_error="")
    log.info("LTI grade passback: user %s scored %s on %s", target.user_id, score, target.lineitem)
    return True
