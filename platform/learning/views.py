"""The exercise page and the submission flow: draft, submit or run, poll for the verdict."""

from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from curriculum.models import Exercise, QuizQuestion, Topic
from learning import diagnostic, events, hints, path, placement, progress, services
from learning.models import Diagnostic, Draft, ExerciseSummary, QuizAttempt, SolutionView, Submission, TopicTestOut

RECENT = 20


def login_required_for_fetch(view):
    """Like login_required, but background requests (htmx, autosave) get a 401 with a message
    instead of a redirect, so the code in the editor is kept and the learner is told why."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.htmx or request.method == "POST":
            return render(
                request,
                "learning/_notice.html",
                {
                    "kind": "error",
                    "message": "You are logged out. Log in again in another tab, then try again: "
                    "your code is still here in the editor.",
                },
                status=401,
            )
        return redirect_to_login(request.get_full_path())

    return wrapper


def _exercise(topic_id, slug) -> Exercise:
    return get_object_or_404(Exercise.objects.select_related("topic"), topic_id=topic_id, slug=slug)


def _own_submission(request, pk) -> Submission:
    return get_object_or_404(Submission.objects.select_related("exercise__topic"), pk=pk, user=request.user)


@login_required
@require_GET
def exercise(request, topic_id, slug):
    exercise = _exercise(topic_id, slug)
    draft = Draft.objects.filter(user=request.user, exercise=exercise).first()
    submissions = list(exercise.submissions.filter(user=request.user)[:RECENT])
    shown = submissions[0] if submissions else None  # coming back, the learner sees where they were
    if request.GET.get("submission", "").isdigit():
        shown = Submission.objects.filter(
            user=request.user, exercise=exercise, pk=int(request.GET["submission"])
        ).first()
    return render(
        request,
        "learning/exercise.html",
        {
            "exercise": exercise,
            "topic": exercise.topic,
            "code": draft.code if draft else exercise.starter,
            "submissions": submissions,
            "shown": shown,
            **_help(request.user, exercise),
            "test_out": _running_test_out(request.user, exercise),
        },
    )


def _running_test_out(user, exercise):
    """The test-out this exercise is the test for, while its clock runs (the page shows a countdown)."""
    since = timezone.now() - timedelta(minutes=TopicTestOut.MINUTES)
    return (
        TopicTestOut.objects.filter(user=user, exercise=exercise, started_at__gt=since).select_related("topic").first()
    )


def _help(user, exercise) -> dict:
    """What the help panel needs: hints, whether the solution may be shown, the next exercise."""
    summary = ExerciseSummary.objects.filter(user=user, exercise=exercise).first()
    passed = bool(summary and summary.passes)
    failures = summary.attempts - summary.passes if summary and not passed else 0
    viewed = SolutionView.objects.filter(user=user, exercise=exercise).exists()
    siblings = exercise.topic.exercises.filter(retired=False).only("topic_id", "slug", "title", "order")
    following = sorted(
        (e for e in siblings if (e.order, e.slug) > (exercise.order, exercise.slug)), key=lambda e: (e.order, e.slug)
    )
    return {
        "passed": passed,
        "failures": failures,
        "solution_open": passed or viewed,
        "hints_revealed": hints.revealed(user, exercise),
        "may_reveal": failures >= SolutionView.AFTER_FAILURES,
        "after_failures": SolutionView.AFTER_FAILURES,
        "next_exercise": following[0] if following else None,
    }


@login_required_for_fetch
@require_GET
def help_panel(request, topic_id, slug):
    exercise = _exercise(topic_id, slug)
    return render(
        request, "learning/_help.html", {"exercise": exercise, "topic": exercise.topic, **_help(request.user, exercise)}
    )


@login_required_for_fetch
@require_POST
def reveal_solution(request, topic_id, slug):
    """The solution before a pass: only after enough failed attempts, and recorded."""
    exercise = _exercise(topic_id, slug)
    context = {"exercise": exercise, "topic": exercise.topic, **_help(request.user, exercise)}
    if not context["solution_open"]:
        if not context["may_reveal"]:
            return render(
                request,
                "learning/_notice.html",
                {
                    "kind": "error",
                    "message": f"The solution opens after you pass, or after {SolutionView.AFTER_FAILURES} failed "
                    f"submissions (you have {context['failures']}).",
                },
                status=403,
            )
        SolutionView.objects.get_or_create(
            user=request.user, exercise=exercise, defaults={"failures": context["failures"]}
        )
        context["solution_open"] = True
    if not request.htmx:
        return redirect(exercise)
    return render(request, "learning/_help.html", context)


@login_required_for_fetch
@require_POST
def reveal_hint(request, topic_id, slug):
    """The page opened a hint: kept, so it stays open when the help panel refreshes and the API knows it."""
    try:
        hints.reveal(request.user, _exercise(topic_id, slug), int(request.POST.get("hint", "")))
    except ValueError:
        return HttpResponse("Say which hint: hint=1 for the first.", status=400, content_type="text/plain")
    except services.Refused as e:
        return HttpResponse(str(e), status=400, content_type="text/plain")
    return HttpResponse(status=204)


@login_required_for_fetch
@require_POST
def save_draft(request, topic_id, slug):
    code = request.POST.get("code", "")
    try:
        services.save_draft(request.user, _exercise(topic_id, slug), code)
    except services.Refused as e:  # too big (the editor keeps it locally), or control characters: shown
        too_big = len(code.encode()) > settings.MAX_CODE_BYTES
        return HttpResponse(str(e), status=413 if too_big else 400, content_type="text/plain")
    return HttpResponse(status=204)


@login_required_for_fetch
@require_POST
def submit(request, topic_id, slug):
    exercise = _exercise(topic_id, slug)
    mode = Submission.RUN if request.POST.get("mode") == "run" else Submission.GRADE
    try:
        submission = services.submit(request.user, exercise, request.POST.get("code", ""), mode)
    except services.Refused as e:
        return render(request, "learning/_notice.html", {"kind": "error", "message": str(e)}, status=400)
    if not request.htmx:
        return redirect(f"{exercise.get_absolute_url()}?submission={submission.pk}")
    response = render(request, "learning/_result.html", {"submission": submission})
    response["HX-Trigger"] = "submissions-changed"
    return response


@login_required_for_fetch
@require_GET
def submission(request, pk):
    submission = _own_submission(request, pk)
    if not request.htmx:
        return redirect(f"{submission.exercise.get_absolute_url()}?submission={submission.pk}")
    response = render(request, "learning/_result.html", {"submission": submission})
    if not submission.is_pending and request.GET.get("poll"):
        response["HX-Trigger"] = "submissions-changed"  # the side list shows the new verdict
    return response


@login_required_for_fetch
@require_GET
def submission_events(request, pk):
    """Server-sent events: the submission's state, progress and verdict as they happen (learning.events)."""
    submission = _own_submission(request, pk)
    return events.response(
        events.stream(submission.pk, lambda: events.page_frame(submission.pk, request.user.pk, request))
    )


@login_required_for_fetch
@require_GET
def submission_list(request, topic_id, slug):
    exercise = _exercise(topic_id, slug)
    return render(
        request,
        "learning/_submission_list.html",
        {"exercise": exercise, "submissions": exercise.submissions.filter(user=request.user)[:RECENT]},
    )


@login_required_for_fetch
@require_POST
def answer_question(request, topic_id, slug):
    question = get_object_or_404(QuizQuestion, topic_id=topic_id, slug=slug)
    given = request.POST.get("answer", "").strip()[:64]
    try:
        correct = question.mark(given)
    except ValueError:
        hint = "Enter a number, for example 2.5." if question.is_numeric else "Choose one of the answers."
        return render(
            request, "learning/_question.html", {"question": question, "error": hint, "given": given}, status=400
        )
    attempt = QuizAttempt.objects.create(user=request.user, question=question, given=given, correct=correct)
    response = render(request, "learning/_question.html", {"question": question, "attempt": attempt, "given": given})
    if request.htmx:  # the topic's progress line moves with the answer, no reload needed
        mine = next(t for t in progress.standing(request.user).topics if t.id == question.topic_id)
        response.content += render_to_string(
            "learning/_topic_progress.html", {"mine": mine, "mastery_rule": path.MASTERY_RULE, "oob": True}, request
        ).encode()
    return response


@login_required
def placement_diagnostic(request):
    """GET: the question being asked (a reload resumes it), else the latest diagnostic's result.
    POST: start one, or resume the one running."""
    if request.method == "POST":
        placement.start(request.user)
        return redirect("placement_diagnostic")
    d = placement.running(request.user) or Diagnostic.objects.filter(user=request.user).first()
    if d is None:
        return redirect("placement")
    return _diagnostic_page(request, d)


@login_required
@require_GET
def diagnostic_result(request, pk):
    """One diagnostic's result, this learner's own; a running one is the question page."""
    d = get_object_or_404(Diagnostic, pk=pk, user=request.user)
    if d.running and placement.running(request.user) is not None:
        return redirect("placement_diagnostic")
    d.refresh_from_db()
    return _diagnostic_page(request, d)


def _diagnostic_page(request, d: Diagnostic, error: str = "", given: str = "", status: int = 200):
    titles = dict(Topic.objects.values_list("id", "title"))
    probed: dict[str, bool] = {}
    for _qid, tid, right in d.answers:  # each topic's probe, in the order asked: placed out, or not
        probed[tid] = probed.get(tid, True) and right
    return render(
        request,
        "learning/diagnostic.html",
        {
            "d": d,
            "question": d.question if d.running else None,
            "error": error,
            "given": given,
            "asked": len(d.answers),
            "max_items": diagnostic.MAX_ITEMS,
            "minutes": diagnostic.MINUTES,
            "credited": [(tid, titles.get(tid, "")) for tid in d.credited],
            "probed": [(tid, titles.get(tid, ""), right) for tid, right in probed.items()],
            "start_title": titles.get(d.start_at, ""),
            "dont_know": placement.DONT_KNOW,
        },
        status=status,
    )


@login_required
@require_POST
def answer_diagnostic(request):
    d = placement.running(request.user)
    if d is None:
        return redirect("placement_diagnostic")
    given = request.POST.get("answer", "").strip()[:64]
    if "dont_know" in request.POST:
        given = placement.DONT_KNOW
    question_id = request.POST.get("question", "")
    error = placement.answer(d, int(question_id) if question_id.isdigit() else -1, given)
    if error:
        return _diagnostic_page(request, d, error, given, status=400)
    return redirect("placement_diagnostic")  # after a POST, a GET: a reload never answers twice


@login_required
@require_POST
def finish_diagnostic(request):
    d = placement.running(request.user)
    if d is not None:
        placement.finish(d)
    return redirect("placement_diagnostic")


@login_required
@require_POST
def undo_diagnostic(request, pk):
    d = get_object_or_404(Diagnostic, pk=pk, user=request.user)
    n = placement.undo(d)
    messages.success(
        request,
        f"Placement undone: the {n} topic{'s' if n != 1 else ''} it credited are no longer "
        "counted as mastered. Everything you passed or answered yourself still counts.",
    )
    return redirect("placement")
