"""The learner's JSON API, version 1, at /api/v1/ (OpenAPI schema at /api/v1/openapi.json, browsable
at /api/v1/docs). Everything is scoped to the token's owner; a cohort admin also reads the graded
submissions of their cohorts' learners, as the admin pages show them."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import NinjaAPI
from ninja.errors import HttpError

from api import schemas
from api.auth import RateLimited, TokenAuth
from cohorts.models import Membership
from curriculum.models import Exercise, Topic
from learning import broker, events, hints, progress, services
from learning.models import ExerciseSummary, Submission

api = NinjaAPI(
    title="Groundwork learner API",
    version="1",
    urls_namespace="api-v1",
    auth=TokenAuth(),
    description="Fetch exercises, submit code and follow its verdict, read your progress. "
    "Authenticate with a personal token: 'Authorization: Bearer gw_…'.",
)
RECENT = 20


@api.exception_handler(RateLimited)
def rate_limited(request, exc: RateLimited):
    response = api.create_response(request, {"detail": str(exc)}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(services.Refused)
def refused(request, exc: services.Refused):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.get("/me", response=schemas.Me)
def me(request):
    standing = progress.standing(request.user)
    return {
        "username": request.user.username,
        "goal": standing.goal.id if standing.goal else None,
        "next_up": [t.id for t in standing.next_up],
        "minutes_left": standing.minutes_left,
        "topics_mastered": sum(t.state == "mastered" for t in standing.topics),
        "topics": len(standing.topics),
    }


@api.get("/topics", response=list[schemas.TopicOut])
def topics(request):
    return [_topic_out(request, t) for t in progress.standing(request.user).topics]


@api.get("/topics/{topic_id}", response=schemas.TopicDetail)
def topic(request, topic_id: str):
    view = next((t for t in progress.standing(request.user).topics if t.id == topic_id), None)
    if view is None:
        raise HttpError(404, f"There is no topic {topic_id!r}; GET /api/v1/topics lists them.")
    exercises = Exercise.objects.filter(topic_id=topic_id, retired=False)
    summaries = {s.exercise_id: s for s in ExerciseSummary.objects.filter(user=request.user, exercise__in=exercises)}
    briefs = [
        {
            "slug": e.slug,
            "title": e.title,
            "required": e.required,
            "url": _url(request, e),
            "attempts": getattr(summaries.get(e.id), "attempts", 0),
            "passed": getattr(summaries.get(e.id), "passes", 0) > 0,
        }
        for e in exercises
    ]
    topic_row = Topic.objects.get(id=topic_id)
    return {
        **_topic_out(request, view),
        "lesson": topic_row.lesson,
        "exercises": briefs,
        "notebook_url": request.build_absolute_uri(reverse("topic_notebook", args=[topic_id])),
    }


@api.get("/topics/{topic_id}/exercises/{slug}", response=schemas.ExerciseOut)
def exercise(request, topic_id: str, slug: str):
    e = _exercise(topic_id, slug)
    passed = ExerciseSummary.objects.filter(user=request.user, exercise=e, passes__gt=0).exists()
    return {
        "topic": e.topic_id,
        "slug": e.slug,
        "title": e.title,
        "statement": e.statement,
        "statement_html": e.statement_html,
        "starter": e.starter,
        "example": e.example,
        "entry_points": e.entry_points,
        "device": e.device,
        "limits": e.limits,
        "banned": e.banned,
        "hints": _hints_out(e, hints.revealed(request.user, e)),
        "passed": passed,
        "url": _url(request, e),
    }


@api.post("/topics/{topic_id}/exercises/{slug}/hints", response=schemas.HintsOut)
def reveal_hint(request, topic_id: str, slug: str):
    """Open the next hint, as opening it on the exercise page does: one at a time, in order. 400 when all are
    open already (or the exercise has none)."""
    e = _exercise(topic_id, slug)
    return _hints_out(e, hints.reveal(request.user, e))


def _hints_out(e: Exercise, revealed: int) -> dict:
    markdown = e.hints if len(e.hints) == len(e.hints_html) else e.hints_html  # synced before hints kept Markdown
    return {
        "total": len(e.hints_html),
        "revealed": [{"number": n + 1, "markdown": markdown[n], "html": e.hints_html[n]} for n in range(revealed)],
    }


@api.post("/topics/{topic_id}/exercises/{slug}/submissions", response={201: schemas.SubmissionOut})
def submit(request, topic_id: str, slug: str, body: schemas.SubmissionIn):
    if body.mode not in (Submission.GRADE, Submission.RUN):
        raise HttpError(
            422, f"mode must be 'grade' (submit for a verdict) or 'run' (run the example), not {body.mode!r}."
        )
    submission = services.submit(request.user, _exercise(topic_id, slug), body.code, body.mode)
    return 201, _submission_out(request, submission)


@api.get("/topics/{topic_id}/exercises/{slug}/submissions", response=list[schemas.SubmissionOut])
def submission_list(request, topic_id: str, slug: str):
    e = _exercise(topic_id, slug)
    return [_submission_out(request, s) for s in e.submissions.filter(user=request.user)[:RECENT]]


@api.get("/submissions/{pk}", response=schemas.SubmissionOut)
def submission(request, pk: int):
    return _submission_out(request, get_object_or_404(_readable_submissions(request.user), pk=pk))


@api.get(
    "/submissions/{pk}/events",
    response={200: None},
    openapi_extra={
        "responses": {
            200: {
                "description": "Server-sent events (text/event-stream), the channel the exercise page follows: an "
                "`event: state` frame with the submission as GET /submissions/{pk} gives it (with `progress` while "
                "it runs) at once and on each change, until the verdict; `event: gone` if it is deleted. The stream "
                "may end before the verdict (after about 5 minutes): open it again, it starts with the current state.",
                "content": {"text/event-stream": {"schema": {"type": "string"}}},
            }
        }
    },
)
def submission_events(request, pk: int):
    """Follow your own submission as it is queued, runs (test 3 of 8) and gets its verdict. Your own only, as on
    the exercise page: a cohort admin reads a learner's verdict with GET /submissions/{pk}."""
    submission = get_object_or_404(Submission, pk=pk, user=request.user)  # the page's rule: one's own only

    def frame():
        s = Submission.objects.select_related("exercise").filter(pk=submission.pk, user=request.user).first()
        return None if s is None else _submission_out(request, s)

    return events.response(events.stream(submission.pk, frame))


def _readable_submissions(user):
    """The token owner's own submissions; a cohort admin's also the graded ones of their learners."""
    if user.is_superuser:
        return Submission.objects.select_related("exercise")
    learners = Membership.objects.filter(
        role=Membership.LEARNER,
        cohort__memberships__user=user,
        cohort__memberships__role=Membership.ADMIN,
    ).values("user_id")
    return Submission.objects.select_related("exercise").filter(
        Q(user=user) | Q(user__in=learners, mode=Submission.GRADE)
    )


def _exercise(topic_id: str, slug: str) -> Exercise:
    e = Exercise.objects.filter(topic_id=topic_id, slug=slug, retired=False).select_related("topic").first()
    if e is None:
        known = Topic.objects.filter(id=topic_id).exists()
        raise HttpError(
            404,
            f"Topic {topic_id} has no exercise {slug!r}; GET /api/v1/topics/{topic_id} lists them."
            if known
            else f"There is no topic {topic_id!r}; GET /api/v1/topics lists them.",
        )
    return e


def _topic_out(request, t) -> dict:
    return {
        "id": t.id,
        "title": t.title,
        "state": t.state,
        "exercises_passed": t.passed_count,
        "exercises_required": t.required_count,
        "minutes": t.minutes,
        "prerequisites": t.prerequisite_ids,
        "url": request.build_absolute_uri(t.get_absolute_url()),
    }


def _submission_out(request, s: Submission) -> dict:
    waiting_for_gpu = s.waiting_for_gpu
    running = broker.progress(s.pk) if s.state == Submission.RUNNING else None
    return {
        "id": s.pk,
        "exercise": f"{s.exercise.topic_id}/{s.exercise.slug}",
        "mode": s.mode,
        "state": s.state,
        "status": s.status,
        "headline": headline(s, waiting_for_gpu, running),
        "progress": running,
        "waiting_for_gpu": waiting_for_gpu,
        "score": s.score,
        "created_at": s.created_at,
        "finished_at": s.finished_at,
        "result": s.result,
        "url": request.build_absolute_uri(f"{s.exercise.get_absolute_url()}?submission={s.pk}"),
    }


def headline(s: Submission, waiting_for_gpu: bool, running: dict | None = None) -> str:
    """The header the exercise page shows for a submission (learning/_result.html), in the same words, so the
    command-line client and notebooks say what the page says."""
    if s.state == Submission.QUEUED and waiting_for_gpu:
        text = (
            "Queued: this exercise needs a GPU, and no GPU grader is running right now. "
            "It will be graded as soon as one starts; your code is saved."
        )
    elif s.state == Submission.QUEUED:
        text = "Queued, waiting for a grader…"
    elif s.state == Submission.RUNNING:
        text = "Running your code…"
        if running and running.get("total"):
            text += f" test {running.get('done', 0) + 1} of {running['total']}"
            text += f": {running['name']}" if running.get("name") else ""
    elif s.status == "passed":
        text = "Passed, all tests ✓"
    elif s.status == "ran":
        text = s.ran_headline
    elif s.status == "grader-failed":
        text = "Not graded: the grader failed (not counted as an attempt)"
    else:
        text = s.status[:1].upper() + s.status[1:]
        if s.mode == Submission.GRADE and s.score is not None:
            text += f" ({round(s.score * 100)}% of points)"
    return f"{'Run' if s.mode == Submission.RUN else 'Submission'} #{s.pk}: {text}"


def _url(request, e: Exercise) -> str:
    return request.build_absolute_uri(e.get_absolute_url())
