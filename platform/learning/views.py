"""The exercise page and the submission flow: draft, submit or run, poll for the verdict."""
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from curriculum.models import Exercise, QuizQuestion
from learning import events, services
from learning.models import Draft, QuizAttempt, Submission

RECENT = 20


def login_required_for_fetch(view):
    """Like login_required, but background requests (htmx, autosave) get a 401 with a message
    instead of a redirect, so the code in the editor is kept and the learner is told why."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.htmx or request.method == "POST":
            return render(request, "learning/_notice.html", {"kind": "error", "message":
                          "You are logged out. Log in again in another tab, then try again: "
                          "your code is still here in the editor."}, status=401)
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
    submissions = exercise.submissions.filter(user=request.user)[:RECENT]
    shown = None
    if request.GET.get("submission", "").isdigit():
        shown = Submission.objects.filter(user=request.user, exercise=exercise,
                                           pk=int(request.GET["submission"])).first()
    return render(request, "learning/exercise.html", {
        "exercise": exercise, "topic": exercise.topic, "code": draft.code if draft else exercise.starter,
        "submissions": submissions, "shown": shown,
    })


@login_required_for_fetch
@require_POST
def save_draft(request, topic_id, slug):
    try:
        services.save_draft(request.user, _exercise(topic_id, slug), request.POST.get("code", ""))
    except services.Refused as e:  # too big, or control characters: the editor shows this text
        return HttpResponse(str(e), status=400, content_type="text/plain")
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
    response = StreamingHttpResponse(events.stream(submission.pk, request.user.pk, request),
                                     content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # a proxy in front (nginx) must pass each event on at once
    return response


@login_required_for_fetch
@require_GET
def submission_list(request, topic_id, slug):
    exercise = _exercise(topic_id, slug)
    return render(request, "learning/_submission_list.html", {
        "exercise": exercise, "submissions": exercise.submissions.filter(user=request.user)[:RECENT]})


@login_required_for_fetch
@require_POST
def answer_question(request, topic_id, slug):
    question = get_object_or_404(QuizQuestion, topic_id=topic_id, slug=slug)
    given = request.POST.get("answer", "").strip()[:64]
    try:
        correct = question.mark(given)
    except ValueError:
        hint = "Enter a number, for example 2.5." if question.is_numeric else "Choose one of the answers."
        return render(request, "learning/_question.html", {"question": question, "error": hint, "given": given},
                      status=400)
    attempt = QuizAttempt.objects.create(user=request.user, question=question, given=given, correct=correct)
    return render(request, "learning/_question.html", {"question": question, "attempt": attempt, "given": given})
