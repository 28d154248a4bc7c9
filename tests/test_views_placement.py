"""Placement that explains itself: a countdown while a test-out runs, and what each test-out credited."""
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from learning.models import Submission, TestOut

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client):
    user = User.objects.create_user("ada")
    client.force_login(user)
    return user


def test_a_running_test_out_shows_its_deadline_on_the_exercise_and_an_old_one_does_not(client, learner, synced):
    response = client.post(reverse("test_out", args=["NP2"]), follow=True)
    attempt = TestOut.objects.get()
    html = response.content.decode()
    assert "Test-out of NP2" in html and f'data-deadline="{attempt.deadline.isoformat()}"' in html
    TestOut.objects.filter(pk=attempt.pk).update(started_at=attempt.started_at - timedelta(minutes=TestOut.MINUTES))
    assert "Test-out of NP2" not in client.get(attempt.exercise.get_absolute_url()).content.decode()


def test_placement_says_what_a_passed_test_out_credited(client, learner, synced):
    assert "Credited so far" not in client.get(reverse("placement")).content.decode()
    client.post(reverse("test_out", args=["NP2"]))
    attempt = TestOut.objects.get()
    Submission.objects.create(user=learner, exercise=attempt.exercise, code="x", state="done", status="passed")
    html = client.get(reverse("placement")).content.decode()
    assert "You tested out of" in html and "NP2" in html
    assert "3 topics count as mastered" in html and "(PY1, NP1, NP2)" in html
