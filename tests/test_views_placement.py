"""Placement that explains itself: a countdown while a test-out runs, and what each test-out credited."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from learning.models import Submission, TopicTestOut

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client):
    user = User.objects.create_user("ada")
    client.force_login(user)
    return user


def test_a_running_test_out_shows_its_deadline_on_the_exercise_and_an_old_one_does_not(client, learner, synced):
    response = client.post(reverse("test_out", args=["NP2"]), follow=True)
    attempt = TopicTestOut.objects.get()
    html = response.content.decode()
    assert "Test-out of NP2" in html and f'data-deadline="{attempt.deadline.isoformat()}"' in html
    expired = attempt.started_at - timedelta(minutes=TopicTestOut.MINUTES)
    TopicTestOut.objects.filter(pk=attempt.pk).update(started_at=expired)
    assert "Test-out of NP2" not in client.get(attempt.exercise.get_absolute_url()).content.decode()


def test_placement_says_what_a_passed_test_out_credited(client, learner, synced):
    assert "Credited so far" not in client.get(reverse("placement")).content.decode()
    client.post(reverse("test_out", args=["NP2"]))
    attempt = TopicTestOut.objects.get()
    Submission.objects.create(user=learner, exercise=attempt.exercise, code="x", state="done", status="passed")
    html = client.get(reverse("placement")).content.decode()
    assert "You tested out of" in html and "NP2" in html
    assert "3 topics count as mastered" in html and "(PY1, NP1, NP2)" in html


# The placement diagnostic: adaptive quiz questions, marked on the server, credited as test-outs.


def current_question(learner):
    from learning.models import Diagnostic

    return Diagnostic.objects.get(user=learner, finished_at__isnull=True).question


def answer(client, question, right: bool):
    """Post the right answer, or a wrong one (another choice, or a number far off)."""
    if right:
        value = question.answer
    else:
        value = (question.answer + 1) % len(question.choices) if question.choices else question.answer + 1000
    return client.post(reverse("answer_diagnostic"), {"question": question.pk, "answer": f"{value:g}"})


def test_the_diagnostic_starts_halfway_resumes_after_a_reload_and_marks_answers_on_the_server(client, learner, synced):
    from learning.models import Diagnostic

    assert "Start the diagnostic" in client.get(reverse("placement")).content.decode()
    client.post(reverse("placement_diagnostic"))
    first = current_question(learner)
    assert first.topic_id == "CA2"  # halfway to TF8: as many of the goal's topics below it as it settles above
    page = client.get(reverse("placement_diagnostic")).content.decode()
    assert "Question 1 of at most 12" in page and "From CA2" in page and 'data-deadline="' in page
    client.post(reverse("placement_diagnostic"))  # "start" again mid-way resumes, it does not restart
    assert Diagnostic.objects.count() == 1 and current_question(learner) == first

    bad = client.post(reverse("answer_diagnostic"), {"question": first.pk, "answer": "lots"})
    assert bad.status_code == 400 and "I don’t know this yet" in bad.content.decode()
    assert Diagnostic.objects.get().answers == []  # an unreadable answer costs nothing
    answer(client, first, right=False)
    second = current_question(learner)
    assert Diagnostic.objects.get().answers == [[first.pk, "CA2", False]] and second.topic_id == "NP2"  # shallower
    assert answer(client, first, right=True).status_code == 302  # a stale tab's answer to the old question
    assert len(Diagnostic.objects.get().answers) == 1
    client.post(reverse("answer_diagnostic"), {"question": second.pk, "dont_know": "1"})
    d = Diagnostic.objects.get()
    assert d.finished_at and d.credited == [] and d.start_at == "PY1"
    page = client.get(reverse("placement_diagnostic")).content.decode()
    assert "You placed out of no topic" in page and "Start at" in page and "PY1" in page


def test_a_learner_who_knows_it_all_is_credited_the_goals_path_and_undo_keeps_what_they_earned(client, learner, synced):
    from cohorts.models import Cohort, Membership
    from curriculum.models import Exercise
    from learning import progress
    from learning.models import Diagnostic

    py1 = list(Exercise.objects.filter(topic_id="PY1", required=True, retired=False))
    for exercise in py1:  # PY1 earned the ordinary way, before the diagnostic
        Submission.objects.create(user=learner, exercise=exercise, code="x", state="done", status="passed")
    client.post(reverse("placement_diagnostic"))
    asked = 0
    while (d := Diagnostic.objects.get(user=learner)).running:
        answer(client, d.question, right=True)
        asked += 1
    assert asked <= 12
    assert "TF8" in d.credited and "TF7" in d.credited and "PY1" not in d.credited  # PY1 was earned already
    states = {t.id: t.state for t in progress.standing(learner).topics}
    assert all(states[t] == "mastered" for t in d.credited)
    page = client.get(reverse("placement_diagnostic")).content.decode()
    assert f"You placed out of {len(d.credited)} topics" in page and "Undo this placement" in page

    cohort = Cohort.objects.create(name="Group", goal_id="TF8")  # the cohort grid and its CSV agree
    Membership.objects.create(cohort=cohort, user=learner, role=Membership.LEARNER)
    admin = User.objects.create_user("alice")
    Membership.objects.create(cohort=cohort, user=admin, role=Membership.ADMIN)
    client.force_login(admin)
    header, row = client.get(f"/cohorts/{cohort.pk}/export/grid.csv").content.decode().splitlines()[:2]
    cells = dict(zip(header.split(","), row.split(",")))
    assert cells["TF7"] == "mastered" and cells["PY1"] == "mastered"

    client.force_login(learner)
    response = client.post(reverse("undo_diagnostic", args=[d.pk]), follow=True)
    assert f"the {len(d.credited)} topics it credited are no longer counted" in response.content.decode()
    states = {t.id: t.state for t in progress.standing(learner).topics}
    assert states["PY1"] == "mastered" and states["TF7"] != "mastered"  # earned progress stays
    assert client.post(reverse("undo_diagnostic", args=[d.pk])).status_code == 302  # twice: nothing more happens


def test_a_diagnostic_past_its_fifteen_minutes_finishes_with_what_was_answered(client, learner, synced):
    from learning.models import Diagnostic

    client.post(reverse("placement_diagnostic"))
    question = current_question(learner)
    answer(client, question, right=True)
    Diagnostic.objects.update(started_at=Diagnostic.objects.get().started_at - timedelta(minutes=16))
    answer(client, current_question(learner), right=True)  # too late: not counted, the diagnostic ends
    d = Diagnostic.objects.get()
    assert d.finished_at and len(d.answers) == 1 and d.credited == []  # one right answer of two places nothing


def test_a_learner_has_at_most_one_diagnostic_under_way(learner, synced):
    from django.db import IntegrityError, transaction

    from learning import placement
    from learning.models import Diagnostic

    first = placement.start(learner)
    assert placement.start(learner) == first
    with pytest.raises(IntegrityError), transaction.atomic():
        Diagnostic.objects.create(user=learner)  # what a double click's second request would do
    placement.finish(first)
    assert placement.start(learner) != first  # a finished one does not block the next


def test_stopping_early_credits_what_was_already_placed_and_the_page_says_where_to_start(client, learner, synced):
    from learning.models import Diagnostic

    client.post(reverse("placement_diagnostic"))
    for _ in range(2):  # both CA2 questions right: CA2 and everything it builds on are placed
        answer(client, current_question(learner), right=True)
    client.post(reverse("finish_diagnostic"))
    d = Diagnostic.objects.get()
    assert set(d.credited) == {"PY1", "NP1", "LA1", "CA1", "LA2", "CA2"}
    assert d.credited[0] == "PY1" and d.credited[-1] == "CA2"  # in learning order
    assert d.start_at and d.start_at not in d.credited
    html = client.get(reverse("placement")).content.decode()
    assert "Your last diagnostic placed you out of 6 topics" in html
    assert f'start at <a href="/topics/{d.start_at}/"' in html
