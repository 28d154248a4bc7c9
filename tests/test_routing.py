"""Routing: GPU work goes to a GPU worker only when one has reported in."""

from datetime import timedelta

import pytest
from django.utils import timezone

from curriculum.models import Exercise, Topic
from learning import routing
from learning.models import GraderWorker

pytestmark = pytest.mark.django_db


def exercise(device):
    topic, _ = Topic.objects.get_or_create(id="PT3", defaults={"title": "Linreg", "skill": "PT"})
    return Exercise(topic=topic, slug=f"ex-{device}", title="x", device=device)


def test_cpu_exercises_always_go_to_the_cpu_queue():
    routing.report_alive("gpu@host", ["gpu"])
    assert routing.route(exercise("cpu")) == ("cpu", "cpu")


def test_gpu_optional_goes_to_a_gpu_worker_only_while_one_reports():
    assert routing.route(exercise("gpu-optional")) == ("cpu", "cpu")
    routing.report_alive("cpu@host", ["cpu"])
    assert routing.route(exercise("gpu-optional")) == ("cpu", "cpu")
    routing.report_alive("gpu@host", ["gpu", "cpu"])
    assert routing.route(exercise("gpu-optional")) == ("gpu", "cuda")
    GraderWorker.objects.filter(hostname="gpu@host").update(last_seen=timezone.now() - timedelta(minutes=5))
    assert routing.route(exercise("gpu-optional")) == ("cpu", "cpu")


def test_gpu_required_waits_for_a_gpu_worker():
    assert routing.route(exercise("gpu-required")) == ("gpu", "cuda")
    assert not routing.gpu_online()


def test_a_learner_waiting_for_a_gpu_is_told_so(client):
    from django.contrib.auth.models import User
    from django.urls import reverse

    from learning.models import Submission

    user = User.objects.create_user("ada")
    client.force_login(user)
    ex = exercise("gpu-required")
    ex.save()
    s = Submission.objects.create(user=user, exercise=ex, code="x")
    response = client.get(reverse("submission", args=[s.pk]), HTTP_HX_REQUEST="true")
    assert b"no GPU grader is running right now" in response.content
    routing.report_alive("gpu@host", ["gpu"])
    response = client.get(reverse("submission", args=[s.pk]), HTTP_HX_REQUEST="true")
    assert b"Queued, waiting for a grader" in response.content
