"""Mentoring: comment threads on submissions. The learner and the admins of a cohort the learner
learns in write in them; nobody else sees them (404, as for a submission that is not yours)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from cohorts.forms import CommentForm
from cohorts.models import Comment, Membership
from learning.models import Submission


def mentors_of(learner_id: int):
    """The admins of every cohort the learner learns in."""
    cohorts = Membership.objects.filter(user_id=learner_id, role=Membership.LEARNER).values("cohort_id")
    return Membership.objects.filter(cohort_id__in=cohorts, role=Membership.ADMIN).select_related("user")


def _visible_submission(request, pk) -> Submission:
    submission = get_object_or_404(Submission.objects.select_related("exercise__topic", "user"), pk=pk)
    user = request.user
    if submission.user_id == user.id or user.is_superuser:
        return submission
    if mentors_of(submission.user_id).filter(user=user).exists():
        return submission
    raise Http404("No such submission.")


@login_required
def thread(request, pk):
    submission = _visible_submission(request, pk)
    lines = submission.code.splitlines() or [""]
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        line = form.cleaned_data["line"]
        if line and line > len(lines):
            form.add_error("line", f"The code has {len(lines)} lines.")
        else:
            comment = Comment.objects.create(
                submission=submission,
                author=request.user,
                line=line,
                body=form.cleaned_data["body"],
                seen_by_learner_at=timezone.now() if request.user == submission.user else None,
            )
            _notify(request, comment)
            messages.success(request, "Comment added.")
            return redirect(f"{reverse('submission_thread', args=[pk])}#c{comment.pk}")
    comments = list(submission.comments.select_related("author"))
    if request.user == submission.user:
        submission.comments.filter(seen_by_learner_at__isnull=True).update(seen_by_learner_at=timezone.now())
    by_line: dict = {}  # line -> its comments
    for c in comments:
        by_line.setdefault(c.line, []).append(c)
    return render(
        request,
        "cohorts/thread.html",
        {
            "submission": submission,
            "form": form,
            "whole": by_line.get(None, []),
            "lines": [(n, text, by_line.get(n, [])) for n, text in enumerate(lines, 1)],
            "is_learner": request.user == submission.user,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def my_threads(request):
    """The learner's submissions with comments, the unread first."""
    rows = (
        Submission.objects.filter(user=request.user, comments__isnull=False)
        .select_related("exercise__topic")
        .annotate(
            total=Count("comments"),
            unread=Count("comments", filter=Q(comments__seen_by_learner_at__isnull=True)),
            latest=Max("comments__created_at"),
        )
        .order_by("-unread", "-latest")
    )
    return render(request, "cohorts/my_threads.html", {"rows": rows})


def unread_count(user) -> int:
    return Comment.objects.filter(submission__user=user, seen_by_learner_at__isnull=True).count()


def _notify(request, comment: Comment) -> None:
    submission = comment.submission
    if comment.author_id == submission.user_id:
        recipients = [m.user.email for m in mentors_of(submission.user_id) if m.user.email]
    else:
        recipients = [submission.user.email] if submission.user.email else []
    if not recipients:  # settings chose the backend: SMTP with EMAIL_HOST, else the console
        return
    url = request.build_absolute_uri(reverse("submission_thread", args=[submission.pk]))
    where = f" on line {comment.line}" if comment.line else ""
    send_mail(
        f"New comment on your {submission.exercise.topic_id} submission"
        if comment.author_id != submission.user_id
        else f"{comment.author.username} replied on {submission.exercise.topic_id}",
        f"{comment.author.username} wrote{where}:\n\n{comment.body}\n\nThe thread: {url}\n",
        None,
        recipients,
        fail_silently=True,
    )
