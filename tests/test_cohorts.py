"""Cohorts: who sees what (alice runs a cohort, bob learns in it, charlie learns in dora's), the
dashboard's numbers, invites, and the demo cohort."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cohorts import stats
from cohorts.models import Cohort, Invite, Membership
from curriculum.models import Exercise, Topic
from grader.protocol import CaseResult, Result
from learning import services
from learning.models import Submission

pytestmark = pytest.mark.django_db


def make_user(name, can_create=False):
    user = User.objects.create_user(name, password="pw-" + name)
    if can_create:
        user.user_permissions.add(Permission.objects.get(codename="add_cohort"))
    return user


def join(cohort, user, role=Membership.LEARNER, days_ago=0):
    return Membership.objects.create(
        cohort=cohort, user=user, role=role, joined_at=timezone.now() - timedelta(days=days_ago)
    )


def graded(user, exercise, status, days_ago=0.0, hint=""):
    sub = Submission.objects.create(user=user, exercise=exercise, code=f"# {status}")
    tests = [
        CaseResult("shapes", "passed"),
        CaseResult(
            "values on random inputs",
            "passed" if status == "passed" else "failed",
            message="12 of 30 values differ",
            details={"hint": hint} if hint else {},
        ),
    ]
    services.record(sub.pk, Result(status, score=1.0 if status == "passed" else 0.5, tests=tests))
    Submission.objects.filter(pk=sub.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return sub


def pass_topic(user, topic_id, days_ago=0.0):
    for exercise in Exercise.objects.filter(topic_id=topic_id, required=True, retired=False):
        graded(user, exercise, "passed", days_ago)


@pytest.fixture
def people(synced):
    alice, bob = make_user("alice", True), make_user("bob")
    charlie, dora = make_user("charlie"), make_user("dora", True)
    root = User.objects.create_superuser("root", password="pw-root")
    group = Cohort.objects.create(name="Reading group", goal_id="EI2")
    camp = Cohort.objects.create(name="Bootcamp")
    join(group, alice, Membership.ADMIN)
    join(group, bob, days_ago=20)
    join(camp, dora, Membership.ADMIN)
    join(camp, charlie)
    invite = Invite.create_for(group, alice, days=None)
    bob_sub = graded(bob, Exercise.objects.filter(topic_id="PY1").first(), "failed")
    return dict(
        alice=alice,
        bob=bob,
        charlie=charlie,
        dora=dora,
        root=root,
        group=group,
        camp=camp,
        invite=invite,
        bob_sub=bob_sub,
    )


def admin_urls(p):
    g = p["group"].pk
    return [
        f"/cohorts/{g}/",
        f"/cohorts/{g}/settings/",
        f"/cohorts/{g}/exercises/",
        f"/cohorts/{g}/learners/{p['bob'].pk}/",
        f"/cohorts/{g}/export/grid.csv",
        f"/cohorts/{g}/export/exercises.csv",
    ]


def admin_posts(p):
    g = p["group"].pk
    return [
        (f"/cohorts/{g}/archive/", {"archived": "0"}),
        (f"/cohorts/{g}/invites/", {"days": "3"}),
        (f"/cohorts/{g}/invites/{p['invite'].pk}/revoke/", {}),
    ]


@pytest.mark.parametrize(
    "who, status", [("alice", 200), ("root", 200), ("bob", 404), ("charlie", 404), ("dora", 404), (None, 302)]
)
def test_only_the_cohorts_admins_and_site_admins_see_its_pages_and_exports(client, people, who, status):
    if who:
        client.force_login(people[who])
    for url in admin_urls(people):
        response = client.get(url)
        assert response.status_code == status, (who, url)
        if who is None:
            assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "who, allowed", [("alice", True), ("bob", False), ("charlie", False), ("dora", False), (None, False)]
)
def test_only_the_cohorts_admins_can_change_it(client, people, who, allowed):
    if who:
        client.force_login(people[who])
    for url, data in admin_posts(people):
        response = client.post(url, data)
        assert response.status_code == (302 if allowed or who is None else 404), (who, url)
    invite = Invite.objects.get(pk=people["invite"].pk)
    assert (invite.revoked_at is not None) == allowed
    assert people["group"].invites.count() == (2 if allowed else 1)


@pytest.mark.parametrize("who, visible", [("bob", True), ("charlie", False), ("alice", False), ("dora", False)])
def test_a_learners_code_and_feedback_reach_only_them_through_the_learner_pages(client, people, who, visible):
    """A cohort admin sees bob's code on the cohort's drill-down page, never through his own pages."""
    client.force_login(people[who])
    response = client.get(f"/submissions/{people['bob_sub'].pk}/", HTTP_HX_REQUEST="true")
    assert response.status_code == (200 if visible else 404)


def test_another_cohorts_admin_cannot_drill_down_to_a_learner_who_is_not_theirs(client, people):
    client.force_login(people["dora"])
    assert client.get(f"/cohorts/{people['camp'].pk}/learners/{people['bob'].pk}/").status_code == 404
    assert client.get(f"/cohorts/{people['camp'].pk}/learners/{people['charlie'].pk}/").status_code == 200


def test_the_cohort_list_shows_each_user_only_their_own_cohorts(client, people):
    client.force_login(people["charlie"])
    page = client.get("/cohorts/").content.decode()
    assert "Bootcamp" in page and "Reading group" not in page and "New cohort" not in page
    client.force_login(people["alice"])
    page = client.get("/cohorts/").content.decode()
    assert "Reading group" in page and "Bootcamp" not in page and "New cohort" in page


def test_creating_a_cohort_needs_the_right_and_makes_its_creator_admin_with_an_invite(client, people):
    client.force_login(people["bob"])
    assert client.post("/cohorts/new/", {"name": "Mine", "stuck_days": 7, "stuck_failures": 5}).status_code == 403
    client.force_login(people["alice"])
    response = client.post(
        "/cohorts/new/", {"name": "Autumn course", "goal": "EI2", "stuck_days": 7, "stuck_failures": 5}
    )
    cohort = Cohort.objects.get(name="Autumn course")
    assert response["Location"] == f"/cohorts/{cohort.pk}/settings/"
    assert cohort.memberships.get().user == people["alice"] and cohort.invites.count() == 1


def test_a_schedule_needs_both_a_start_and_a_pace_and_a_bad_form_loses_nothing(client, people):
    client.force_login(people["alice"])
    response = client.post(
        f"/cohorts/{people['group'].pk}/settings/",
        {"name": "Renamed", "goal": "EI2", "start_date": "2026-01-05", "stuck_days": 7, "stuck_failures": 5},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "needs both a start date and a pace" in page and 'value="Renamed"' in page
    assert Cohort.objects.get(pk=people["group"].pk).name == "Reading group"


def test_a_bad_pace_is_named_alone_and_the_heading_keeps_the_saved_name(client, people):
    client.force_login(people["alice"])
    response = client.post(
        f"/cohorts/{people['group'].pk}/settings/",
        {
            "name": "Renamed",
            "goal": "EI2",
            "start_date": "2026-01-05",
            "pace_days": -3,
            "stuck_days": 7,
            "stuck_failures": 5,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "greater than or equal to 0" in page
    assert "needs both a start date and a pace" not in page  # the pace's own message is the whole story
    assert "<h1>Reading group" in page and 'value="Renamed"' in page  # typed input kept, not shown as saved
    assert Cohort.objects.get(pk=people["group"].pk).pace_days is None


def test_joining_from_an_invite_tells_what_the_admin_sees_and_adds_the_learner(client, people):
    eve = make_user("eve")
    url = people["invite"].get_absolute_url()
    page = client.get(url).content.decode()
    assert "Sign up to join" in page and f"next={url}" in page
    client.force_login(eve)
    page = client.get(url).content.decode()
    assert "What the cohort's admins will see" in page and "your code and the feedback" in page and "alice" in page
    assert client.post(url)["Location"] == "/"
    assert Membership.objects.filter(cohort=people["group"], user=eve, role=Membership.LEARNER).exists()
    assert Invite.objects.get(pk=people["invite"].pk).uses == 1
    client.post(url)  # twice is harmless
    assert Membership.objects.filter(user=eve).count() == 1


def test_signing_up_from_an_invite_comes_back_to_it(client, people):
    url = people["invite"].get_absolute_url()
    response = client.post(
        f"/accounts/signup/?next={url}",
        {"username": "frank", "password1": "a-long-passphrase-9", "password2": "a-long-passphrase-9", "next": url},
    )
    assert response["Location"] == url


@pytest.mark.parametrize(
    "change, message",
    [({"revoked_at": timezone.now()}, "revoked"), ({"expires_at": timezone.now() - timedelta(hours=1)}, "expired")],
)
def test_a_revoked_or_expired_invite_says_so_and_adds_nobody(client, people, change, message):
    Invite.objects.filter(pk=people["invite"].pk).update(**change)
    eve = make_user("eve")
    client.force_login(eve)
    response = client.post(people["invite"].get_absolute_url())
    assert response.status_code == 410 and message in response.content.decode()
    assert not Membership.objects.filter(user=eve).exists()


def test_an_unknown_invite_code_is_a_clear_404(client, people):
    response = client.get("/join/not-a-code/")
    assert response.status_code == 404 and "not valid" in response.content.decode()


def test_the_cohorts_goal_is_its_members_goal_unless_they_chose_one(client, people):
    client.force_login(people["bob"])
    assert client.get("/").context["standing"].goal.id == "EI2"
    client.post("/goal/", {"goal": "TF3"})
    assert client.get("/").context["standing"].goal.id == "TF3"
    client.force_login(people["charlie"])  # his cohort has no goal: the site's default
    assert client.get("/").context["standing"].goal.id == settings.DEFAULT_GOAL_TOPIC != "EI2"


def test_dashboard_grid_pace_and_stuck_reasons(people):
    group, bob = people["group"], people["bob"]
    eve = make_user("eve")
    join(group, eve, days_ago=7)  # both joined by the start: the cohort's dates are theirs
    group.start_date, group.pace_days = timezone.localdate() - timedelta(days=7), 2
    group.save()
    pass_topic(eve, "PY1", days_ago=1)
    pass_topic(eve, "NP1", days_ago=1)
    first = Exercise.objects.filter(topic_id="PY2", required=True).first()
    for _ in range(5):
        graded(bob, first, "failed", days_ago=0.5)
    board = stats.dashboard(group)
    rows = {r.user.username: r for r in board.rows}
    assert board.goal_path[0] == "PY1" and board.goal_path[-1] == "EI2"
    assert rows["eve"].standing.state_of("PY1") == "mastered" and rows["bob"].standing.state_of("PY1") == "in progress"
    assert rows["bob"].expected == rows["eve"].expected == 3  # topics due on days 2, 4 and 6 of 7
    assert rows["bob"].pace == "behind" and rows["eve"].done == 2
    assert any("5 failed submissions on PY2" in r for r in rows["bob"].stuck)
    assert any("passed nothing for 20 days" in r for r in rows["bob"].stuck)
    assert rows["eve"].stuck == []


def test_exercise_statistics_name_the_test_most_fail_and_the_usual_mistake(people):
    group, bob = people["group"], people["bob"]
    eve = make_user("eve")
    join(group, eve)
    exercise = Exercise.objects.filter(topic_id="PY2", required=True).first()
    for user, tries in ((bob, 3), (eve, 1)):
        for _ in range(tries):
            graded(user, exercise, "failed", days_ago=2, hint="You swapped the output axes.")
        graded(user, exercise, "passed", days_ago=1)
    row = next(s for s in stats.exercise_stats(group) if s.exercise == exercise)
    assert (row.attempts, row.learners, row.passed_learners, row.passes) == (6, 2, 2, 2)
    assert row.median_attempts == 3  # 4 for bob, 2 for eve
    assert row.failing[0] == ("values on random inputs", 4, 2, "You swapped the output axes.")


def test_the_csv_exports_hold_the_grid_and_the_statistics(client, people):
    client.force_login(people["alice"])
    g = people["group"].pk
    grid = client.get(f"/cohorts/{g}/export/grid.csv")
    assert grid["Content-Type"].startswith("text/csv")
    header, bob = grid.content.decode().splitlines()[:2]
    assert header.startswith("learner,last_activity,goal_topics_mastered") and "PY1" in header.split(",")
    assert bob.startswith("bob,") and "in progress" in bob
    lines = client.get(f"/cohorts/{g}/export/exercises.csv").content.decode().splitlines()
    assert lines[0].startswith("topic,exercise,attempts") and lines[1].startswith("PY1,")


def test_the_dashboards_query_count_does_not_grow_with_the_cohort(client, people):
    client.force_login(people["alice"])
    url = f"/cohorts/{people['group'].pk}/"

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for n in range(6):
        user = make_user(f"extra{n}")
        join(people["group"], user)
        pass_topic(user, "PY1")
    assert queries() == few


def test_the_demo_cohort_has_learners_at_different_stages_with_real_verdicts(people):
    call_command("demo_cohort", learners=3, topics=1)
    cohort = Cohort.objects.get(name="Demo cohort")
    board = stats.dashboard(cohort)
    assert len(board.rows) == 3
    assert {r.done for r in board.rows} != {0}  # someone got somewhere
    demo_subs = Submission.objects.filter(user__username__startswith="demo-")
    assert demo_subs.filter(status="passed").exists() and demo_subs.filter(status="failed").exists()
    assert any(s.failing for s in stats.exercise_stats(cohort))
    assert Topic.objects.filter(pk=cohort.goal_id).exists()


def test_deadlines_per_topic_win_over_the_pace_and_a_bad_date_saves_nothing(client, people):
    group = people["group"]
    group.start_date, group.pace_days = timezone.localdate() - timedelta(days=30), 10
    group.save()
    first, second = stats.dashboard(group).goal_path[:2]
    client.force_login(people["alice"])
    response = client.post(
        f"/cohorts/{group.pk}/deadlines/", {f"due_{first}": "2026-13-01", f"due_{second}": "2026-01-01"}
    )
    assert response.status_code == 302 and not group.deadlines.exists()
    assert "not a date" in client.get(response["Location"]).content.decode()
    client.post(f"/cohorts/{group.pk}/deadlines/", {f"due_{second}": timezone.localdate().isoformat()})
    due = stats.schedule(group, stats.dashboard(group).goal_path)
    assert due[second] == timezone.localdate() and due[first] == group.start_date + timedelta(days=10)
    client.post(f"/cohorts/{group.pk}/deadlines/", {f"due_{second}": ""})
    assert not group.deadlines.exists()
    client.force_login(people["dora"])
    assert client.post(f"/cohorts/{group.pk}/deadlines/", {"due_PY1": "2026-01-01"}).status_code == 404


def test_a_learner_who_leaves_disappears_from_the_admins_view_and_keeps_their_work(client, people):
    group, bob = people["group"], people["bob"]
    client.force_login(people["charlie"])
    assert client.post(f"/cohorts/{group.pk}/leave/").status_code == 404  # not a member: nothing to leave
    client.force_login(bob)
    assert client.post(f"/cohorts/{group.pk}/leave/")["Location"] == "/cohorts/"
    assert not Membership.objects.filter(cohort=group, user=bob).exists()
    assert Submission.objects.filter(pk=people["bob_sub"].pk).exists()
    client.force_login(people["alice"])
    assert client.get(f"/cohorts/{group.pk}/learners/{bob.pk}/").status_code == 404
    assert "bob" not in [r.user.username for r in stats.dashboard(group).rows]


def test_a_cohort_with_no_learners_yet_says_how_to_invite_them(client, people):
    empty = Cohort.objects.create(name="Spring")
    join(empty, people["alice"], Membership.ADMIN)
    client.force_login(people["alice"])
    for url in (f"/cohorts/{empty.pk}/", f"/cohorts/{empty.pk}/exercises/", f"/cohorts/{empty.pk}/export/grid.csv"):
        assert client.get(url).status_code == 200, url
    assert "No learners yet" in client.get(f"/cohorts/{empty.pk}/").content.decode()
