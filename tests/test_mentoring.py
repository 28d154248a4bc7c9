"""Cohorts II: comment threads on submissions, co-admins, the learner's own schedule, and the
admin's grid and archive. alice runs the reading group, bob learns in it, charlie learns in dora's
bootcamp."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from test_cohorts import graded, join, make_user, pass_topic

from cohorts.models import Cohort, Comment, Invite, Membership, TopicDeadline
from cohorts.templatetags.cohort_tags import minutes_human
from curriculum.models import Exercise

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(synced):
    alice, bob, charlie, dora = (make_user(n) for n in ("alice", "bob", "charlie", "dora"))
    for user in (alice, bob, charlie, dora):
        user.email = f"{user.username}@example.org"
        user.save()
    group = Cohort.objects.create(name="Reading group", goal_id="EI2")
    camp = Cohort.objects.create(name="Bootcamp")
    join(group, alice, Membership.ADMIN)
    join(group, bob)
    join(group, charlie)  # also learns here: a fellow learner, who must not see bob's threads
    join(camp, dora, Membership.ADMIN)
    join(camp, charlie)
    submission = graded(bob, Exercise.objects.filter(topic_id="PY1").first(), "failed")
    return {
        "alice": alice,
        "bob": bob,
        "charlie": charlie,
        "dora": dora,
        "group": group,
        "camp": camp,
        "submission": submission,
        "root": User.objects.create_superuser("root"),
    }


@pytest.mark.parametrize(
    "who, sees", [("bob", True), ("alice", True), ("root", True), ("charlie", False), ("dora", False), (None, False)]
)
def test_a_thread_is_seen_only_by_its_learner_and_their_cohorts_admins(client, group, who, sees):
    if who:
        client.force_login(group[who])
    url = reverse("submission_thread", args=[group["submission"].pk])
    response = client.get(url)
    assert response.status_code == (200 if sees else 302 if who is None else 404)
    posted = client.post(url, {"body": "a note"})
    assert posted.status_code == (302 if sees else 302 if who is None else 404)
    assert Comment.objects.filter(body="a note").exists() == sees


def test_an_admin_comments_on_a_line_the_learner_is_told_and_replies(client, group):
    client.force_login(group["alice"])
    url = reverse("submission_thread", args=[group["submission"].pk])
    client.post(url, {"body": "Why split on spaces here?", "line": 1})
    assert [m.to for m in mail.outbox] == [["bob@example.org"]] and url in mail.outbox[0].body
    client.force_login(group["bob"])
    assert b"1 new comment" in client.get("/").content
    page = client.get(url)
    assert "Why split on spaces here?" in page.content.decode() and page.context["lines"][0][2]
    assert b"new comment" not in client.get("/").content  # read now
    client.post(url, {"body": "Because punctuation sticks to words."})
    assert mail.outbox[-1].to == ["alice@example.org"] and "bob replied" in mail.outbox[-1].subject
    assert client.get(reverse("my_threads")).context["rows"][0].total == 2


def test_a_bad_comment_is_refused_with_a_reason_and_nothing_is_saved(client, group):
    client.force_login(group["alice"])
    url = reverse("submission_thread", args=[group["submission"].pk])
    empty = client.post(url, {"body": "   "})
    assert empty.status_code == 400 and "empty" in empty.content.decode()
    far = client.post(url, {"body": "here", "line": 999})
    assert far.status_code == 400 and "lines" in far.content.decode()
    assert not Comment.objects.exists()


def test_an_admin_adds_a_co_admin_with_a_link(client, group):
    client.force_login(group["alice"])
    client.post(reverse("invite_create", args=[group["group"].pk]), {"role": "admin"})
    invite = Invite.objects.get(cohort=group["group"], role="admin")
    client.force_login(group["dora"])
    page = client.get(invite.get_absolute_url())
    assert b"co-admin link" in page.content
    assert client.post(invite.get_absolute_url()).status_code == 302
    assert Membership.objects.get(cohort=group["group"], user=group["dora"]).role == Membership.ADMIN
    assert client.get(reverse("cohort_dashboard", args=[group["group"].pk])).status_code == 200
    client.force_login(group["charlie"])  # a learner of the cohort made admin
    client.post(invite.get_absolute_url())
    assert Membership.objects.get(cohort=group["group"], user=group["charlie"]).role == Membership.ADMIN


def test_a_learner_link_never_makes_an_admin(client, group):
    client.force_login(group["alice"])
    client.post(reverse("invite_create", args=[group["group"].pk]), {})
    invite = Invite.objects.get(cohort=group["group"], role="learner")
    newcomer = make_user("eve")
    client.force_login(newcomer)
    client.post(invite.get_absolute_url())
    assert Membership.objects.get(user=newcomer).role == Membership.LEARNER


def test_archiving_asks_for_the_cohorts_name(client, group):
    client.force_login(group["alice"])
    url = reverse("cohort_archive", args=[group["group"].pk])
    client.post(url, {"archived": "1", "confirm": "oops"})
    group["group"].refresh_from_db()
    assert not group["group"].archived
    client.post(url, {"archived": "1", "confirm": "Reading group"})
    group["group"].refresh_from_db()
    assert group["group"].archived


def test_a_learner_sees_their_schedule_and_how_far_behind_they_are(client, group):
    cohort = group["group"]
    cohort.start_date, cohort.pace_days = timezone.localdate() - timedelta(days=10), 2
    cohort.save()
    Membership.objects.filter(cohort=cohort, user=group["bob"]).update(joined_at=timezone.now() - timedelta(days=10))
    pass_topic(group["bob"], "PY1")
    client.force_login(group["bob"])
    notice = client.get("/").content.decode()
    assert "Reading group" in notice and "behind by" in notice
    page = client.get(reverse("cohort_schedule", args=[cohort.pk]))
    plan = page.context["plan"]
    assert plan.done == 1 and plan.expected == 5 and plan.pace == "behind by 4 topics"
    the_map = client.get(reverse("map")).content.decode()
    assert "behind by 4 topics" in the_map and f"target {plan.rows[1][1]:%-d %b}" in the_map
    assert plan.rows[0][0].id == "PY1" and plan.rows[0][1] == cohort.start_date + timedelta(days=2)


def test_nobody_is_behind_on_the_day_they_join(client, group):
    cohort = group["group"]
    cohort.start_date, cohort.pace_days = timezone.localdate() - timedelta(days=30), 3
    cohort.save()
    TopicDeadline.objects.create(cohort=cohort, topic_id="EI2", due=timezone.localdate() + timedelta(days=90))
    client.force_login(group["bob"])  # joined today
    plan = client.get(reverse("cohort_schedule", args=[cohort.pk])).context["plan"]
    assert plan.expected == 0 and plan.pace == "on track"
    assert plan.rows[-1][1] == timezone.localdate() + timedelta(days=90)
    client.force_login(group["alice"])
    board = client.get(reverse("cohort_dashboard", args=[cohort.pk])).context["board"]
    assert {r.user.username: r.pace for r in board.rows}["bob"] == "on track"


def test_the_grid_shows_the_goals_path_unless_asked_for_every_topic(client, group):
    client.force_login(group["alice"])
    url = reverse("cohort_dashboard", args=[group["group"].pk])
    path = client.get(url).context["board"].goal_path
    default, every = client.get(url).content.decode(), client.get(url + "?topics=all").content.decode()
    assert default.count('class="topic-col') == len(path) < every.count('class="topic-col')
    assert "TF8" in every and ">TF8<" not in default.split('class="heatmap"')[1]


def test_durations_read_in_minutes_hours_or_days():
    assert [minutes_human(m) for m in (12, 1576, 4000, None)] == ["12 min", "26 h", "2.8 days", "—"]
