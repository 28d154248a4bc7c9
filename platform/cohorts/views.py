"""Cohort pages. A cohort admin sees only their own cohorts; a learner sees only the cohorts they
joined and never another learner's work; a site admin (superuser) sees every cohort."""

import copy
import csv
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from cohorts import charts, schedule, stats
from cohorts.forms import CohortForm, InviteForm
from cohorts.models import Cohort, Invite, Membership, TopicDeadline
from learning import progress
from learning.map_svg import MapUnavailable, learner_map
from learning.models import Submission

SUBMISSIONS_SHOWN = 50


def _admin_cohort(request, pk) -> Cohort:
    """404 rather than 403 for someone else's cohort: its existence is not theirs to know."""
    cohorts = Cohort.objects.all()
    if not request.user.is_superuser:
        cohorts = cohorts.filter(memberships__user=request.user, memberships__role=Membership.ADMIN)
    return get_object_or_404(cohorts.select_related("goal"), pk=pk)


@login_required
@require_GET
def cohort_list(request):
    mine = Membership.objects.filter(user=request.user).select_related("cohort", "cohort__goal")
    admin = (
        Cohort.objects.all()
        if request.user.is_superuser
        else Cohort.objects.filter(memberships__user=request.user, memberships__role=Membership.ADMIN)
    )
    admin = admin.annotate(learners=Count("memberships", filter=Q(memberships__role=Membership.LEARNER)))
    return render(
        request,
        "cohorts/list.html",
        {
            "admin_cohorts": admin,
            "learner_memberships": [m for m in mine if m.role == Membership.LEARNER],
            "can_create": request.user.has_perm("cohorts.add_cohort"),
        },
    )


@login_required
def cohort_create(request):
    if not request.user.has_perm("cohorts.add_cohort"):
        raise PermissionDenied("Ask a site admin for the right to create cohorts.")
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            cohort = form.save()
            Membership.objects.create(cohort=cohort, user=request.user, role=Membership.ADMIN)
            Invite.create_for(cohort, request.user, days=None)
        messages.success(request, f"Cohort “{cohort.name}” created. Share its invite link with your learners.")
        return redirect("cohort_settings", cohort.pk)
    return render(request, "cohorts/form.html", {"form": form, "title": "New cohort"})


@login_required
def cohort_settings(request, pk):
    cohort = _admin_cohort(request, pk)
    # The form edits a copy: a rejected name must not become the page's heading.
    form = CohortForm(request.POST or None, instance=copy.copy(cohort))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved.")
        return redirect("cohort_settings", cohort.pk)
    return render(
        request,
        "cohorts/settings.html",
        {
            "cohort": cohort,
            "form": form,
            "invite_form": InviteForm(),
            "invites": cohort.invites.all(),
            "admins": cohort.memberships.filter(role=Membership.ADMIN).select_related("user"),
            "deadlines": _deadline_rows(cohort),
        },
    )


def _deadline_rows(cohort) -> list:
    """(topic, its explicit date or None, the date the pace gives) along the path to the goal."""
    graph = progress.load_graph()
    _, on_path = graph.goal(cohort.goal_id)
    explicit = dict(cohort.deadlines.values_list("topic_id", "due"))
    paced = stats.paced_dates(cohort, on_path)
    return [(graph.topics[t], explicit.get(t), paced.get(t)) for t in on_path]


@login_required
@require_POST
def cohort_deadlines(request, pk):
    """One date per topic on the goal's path; an empty field falls back to the pace."""
    cohort = _admin_cohort(request, pk)
    rows, bad = _deadline_rows(cohort), []
    with transaction.atomic():
        for topic, _, _ in rows:
            value = request.POST.get(f"due_{topic.id}", "").strip()
            if not value:
                cohort.deadlines.filter(topic=topic).delete()
                continue
            try:
                due = date.fromisoformat(value)
            except ValueError:
                bad.append(f"{topic.id}: {value!r} is not a date (YYYY-MM-DD)")
                continue
            TopicDeadline.objects.update_or_create(cohort=cohort, topic=topic, defaults={"due": due})
        if bad:
            transaction.set_rollback(True)
    if bad:
        messages.error(request, "Nothing was saved. " + "; ".join(bad))
    else:
        messages.success(request, "Deadlines saved.")
    return redirect("cohort_settings", cohort.pk)


@login_required
@require_POST
def cohort_archive(request, pk):
    cohort = _admin_cohort(request, pk)
    archive = request.POST.get("archived") == "1"
    if archive and request.POST.get("confirm") != cohort.name:
        messages.error(request, f"Not archived: type the cohort's name, “{cohort.name}”, to confirm.")
        return redirect("cohort_settings", cohort.pk)
    cohort.archived = archive
    cohort.save(update_fields=["archived"])
    messages.success(request, "Archived: invites stop working; the data stays." if cohort.archived else "Restored.")
    return redirect("cohort_settings", cohort.pk)


@login_required
@require_POST
def invite_create(request, pk):
    cohort = _admin_cohort(request, pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        role = form.cleaned_data["role"]
        Invite.create_for(cohort, request.user, form.cleaned_data["days"], role)
        messages.success(
            request,
            "New co-admin invite link created: share it only with people who may see every learner's work."
            if role == Membership.ADMIN
            else "New invite link created.",
        )
    else:
        messages.error(request, "; ".join(e for errors in form.errors.values() for e in errors))
    return redirect("cohort_settings", cohort.pk)


@login_required
@require_POST
def invite_revoke(request, pk, invite_id):
    cohort = _admin_cohort(request, pk)
    invite = get_object_or_404(cohort.invites, pk=invite_id)
    invite.revoked_at = invite.revoked_at or timezone.now()
    invite.save(update_fields=["revoked_at"])
    messages.success(request, f"Invite {invite.code} revoked: the link no longer works.")
    return redirect("cohort_settings", cohort.pk)


@login_required
@require_POST
def cohort_leave(request, pk):
    """A learner leaves: the cohort's admins stop seeing their work at once; the work itself stays theirs."""
    membership = get_object_or_404(Membership, cohort_id=pk, user=request.user, role=Membership.LEARNER)
    name = membership.cohort.name
    membership.delete()
    messages.success(request, f"You left “{name}”. Its admins no longer see your progress or your code.")
    return redirect("cohort_list")


@login_required
@require_GET
def cohort_dashboard(request, pk):
    cohort = _admin_cohort(request, pk)
    board = stats.dashboard(cohort)
    learner_url = reverse("cohort_learner", args=[cohort.pk, 0]).removesuffix("0/")
    all_topics = request.GET.get("topics") == "all"
    return render(
        request,
        "cohorts/dashboard.html",
        {
            "cohort": cohort,
            "board": board,
            "all_topics": all_topics,
            "grid": charts.heatmap(board, lambda uid: f"{learner_url}{uid}/", all_topics),
            "progress_chart": charts.progress_line(board.progress_series),
            "pass_rate_chart": charts.pass_rate_bars(board.topic_pass_rates),
        },
    )


@login_required
@require_GET
def cohort_exercises(request, pk):
    cohort = _admin_cohort(request, pk)
    return render(request, "cohorts/exercises.html", {"cohort": cohort, "rows": stats.exercise_stats(cohort)})


@login_required
@require_GET
def cohort_learner(request, pk, user_id):
    cohort = _admin_cohort(request, pk)
    member = get_object_or_404(cohort.memberships.select_related("user"), user_id=user_id, role=Membership.LEARNER)
    standing = progress.standing(member.user, cohort.goal_id)
    try:
        svg = learner_map(standing, standing.goal_path)
    except MapUnavailable:
        svg = None
    submissions = (
        Submission.objects.filter(user=member.user, mode=Submission.GRADE)
        .select_related("exercise__topic")
        .annotate(comment_count=Count("comments"))[:SUBMISSIONS_SHOWN]
    )
    solutions = member.user.solution_views.select_related("exercise__topic").order_by("at")
    return render(
        request,
        "cohorts/learner.html",
        {
            "cohort": cohort,
            "member": member,
            "standing": standing,
            "svg": svg,
            "goal_path": standing.goal_path,
            "submissions": submissions,
            "solutions": solutions,
        },
    )


@login_required
@require_GET
def export_grid(request, pk):
    cohort = _admin_cohort(request, pk)
    board = stats.dashboard(cohort)
    response = _csv_response(f"cohort-{cohort.pk}-grid.csv")
    writer = csv.writer(response)
    writer.writerow(
        ["learner", "last_activity", "goal_topics_mastered", "goal_topics", "pace", "stuck"]
        + [t.id for t in board.topics]
    )
    for row in board.rows:
        writer.writerow(
            [
                row.user.username,
                row.last_activity.isoformat() if row.last_activity else "",
                row.done,
                len(board.goal_path),
                row.pace or "",
                "; ".join(row.stuck),
            ]
            + row.states
        )
    return response


@login_required
@require_GET
def export_exercises(request, pk):
    cohort = _admin_cohort(request, pk)
    response = _csv_response(f"cohort-{cohort.pk}-exercises.csv")
    writer = csv.writer(response)
    writer.writerow(
        [
            "topic",
            "exercise",
            "attempts",
            "learners",
            "learners_passed",
            "pass_rate",
            "median_attempts_to_pass",
            "median_minutes_to_pass",
            "most_failed_test",
            "failures",
            "typical_mistake",
        ]
    )
    for s in stats.exercise_stats(cohort, top_tests=1):
        test, failures, _, typical = s.failing[0] if s.failing else ("", "", "", "")
        writer.writerow(
            [
                s.exercise.topic_id,
                s.exercise.slug,
                s.attempts,
                s.learners,
                s.passed_learners,
                f"{s.pass_rate:.3f}",
                s.median_attempts if s.median_attempts is not None else "",
                f"{s.median_minutes:.1f}" if s.median_minutes is not None else "",
                test,
                failures,
                typical,
            ]
        )
    return response


def _csv_response(filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def join(request, code):
    """The invite link. It says what the cohort's admins will see before anyone joins."""
    invite = Invite.objects.select_related("cohort", "cohort__goal").filter(code=code).first()
    if invite is None:
        return render(
            request,
            "cohorts/join.html",
            {
                "problem": "This invite link is not valid: check that it "
                "was copied whole, or ask the cohort's admin for a new one."
            },
            status=404,
        )
    cohort = invite.cohort
    member = request.user.is_authenticated and cohort.memberships.filter(user=request.user).exists()
    context = {
        "invite": invite,
        "cohort": cohort,
        "problem": invite.problem,
        "member": member,
        "admins": cohort.memberships.filter(role=Membership.ADMIN).select_related("user"),
    }
    if request.method == "POST" and request.user.is_authenticated and not invite.problem:
        if invite.role == Membership.ADMIN:
            return _join_as_admin(request, invite)
        if not member:
            Membership.objects.create(cohort=cohort, user=request.user, role=Membership.LEARNER)
            Invite.objects.filter(pk=invite.pk).update(uses=F("uses") + 1)
            messages.success(
                request,
                f"You joined “{cohort.name}”." + (f" The cohort works towards {cohort.goal}." if cohort.goal else ""),
            )
        return redirect("home")
    return render(request, "cohorts/join.html", context, status=410 if invite.problem else 200)


def _join_as_admin(request, invite):
    """A co-admin link: a new admin, or a learner of the cohort made admin (they stop being graded in it)."""
    membership, made = Membership.objects.get_or_create(
        cohort=invite.cohort, user=request.user, defaults={"role": Membership.ADMIN}
    )
    if not made and membership.role != Membership.ADMIN:
        Membership.objects.filter(pk=membership.pk).update(role=Membership.ADMIN)
    if made or membership.role != Membership.ADMIN:
        Invite.objects.filter(pk=invite.pk).update(uses=F("uses") + 1)
    messages.success(request, f"You are now an admin of “{invite.cohort.name}”.")
    return redirect("cohort_dashboard", invite.cohort.pk)


@login_required
@require_GET
def learner_schedule(request, pk):
    """A learner's own schedule in a paced cohort they learn in."""
    get_object_or_404(Membership, cohort_id=pk, user=request.user, role=Membership.LEARNER)
    plan = next((p for p in schedule.plans(request.user, progress.standing(request.user)) if p.cohort.pk == pk), None)
    if plan is None:
        messages.info(request, "This cohort has no schedule: its admins set no pace or deadlines.")
        return redirect("cohort_list")
    return render(request, "cohorts/schedule.html", {"plan": plan, "today": timezone.localdate()})
