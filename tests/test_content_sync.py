"""`manage.py content sync`: idempotent, keeps learner data, records check changes."""

import dataclasses

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from curriculum.models import Exercise, Topic
from curriculum.sync import sync
from learning.models import Submission

pytestmark = pytest.mark.django_db


def test_sync_loads_topics_exercises_prerequisites_and_rendered_lessons(synced):
    assert set(Topic.objects.values_list("id", flat=True)) >= {"EI1", "EI2"}
    assert set(Topic.objects.get(id="EI2").prerequisites.values_list("id", flat=True)) == {"EI1", "LA2"}
    lesson = Topic.objects.get(id="EI2").lesson_html
    assert '<span class="math inline">' in lesson and "<pre><code" in lesson
    assert not lesson.lstrip().startswith("<h1>")  # the page shows the title once, from topic.yaml
    exercise = Exercise.objects.filter(topic_id="EI2").first()
    assert exercise.bundle["check.py"] and "solution.py" not in exercise.bundle and len(exercise.bundle_hash) == 64


def test_sync_twice_changes_nothing_and_keeps_submissions(synced):
    user = User.objects.create_user("ada")
    exercise = Exercise.objects.first()
    Submission.objects.create(
        user=user, exercise=exercise, code="x", status="passed", state="done", bundle_hash=exercise.bundle_hash
    )
    counts = sync(synced)
    assert counts["changed_checks"] == 0 and counts["retired"] == 0
    assert Submission.objects.get().exercise_id == exercise.id


def test_a_changed_check_gets_a_new_hash_and_old_verdicts_keep_theirs(synced):
    user = User.objects.create_user("ada")
    exercise = Exercise.objects.get(topic_id="EI2", slug=synced["EI2"].exercises[0].id)
    old_hash = exercise.bundle_hash
    Submission.objects.create(
        user=user, exercise=exercise, code="x", status="passed", state="done", bundle_hash=old_hash
    )
    changed = dict(synced)
    topic = dataclasses.replace(synced["EI2"], exercises=list(synced["EI2"].exercises))
    topic.exercises[0] = dataclasses.replace(topic.exercises[0], check=topic.exercises[0].check + "\n# stricter\n")
    changed["EI2"] = topic
    assert sync(changed)["changed_checks"] == 1
    exercise.refresh_from_db()
    assert exercise.bundle_hash != old_hash
    assert Submission.objects.get().bundle_hash == old_hash


def test_a_topic_removed_from_content_is_retired_not_deleted(synced):
    remaining = {k: v for k, v in synced.items() if k != "EI2"}
    remaining["EI1"] = dataclasses.replace(synced["EI1"])
    sync(remaining)
    assert Topic.objects.get(id="EI2").retired is True
    assert Exercise.objects.filter(topic_id="EI2").exists()


def test_the_command_reports_problems_and_exits_non_zero(tmp_path):
    (tmp_path / "topics" / "X1").mkdir(parents=True)
    with pytest.raises(CommandError, match=r"(?s)2 problem\(s\) in .*X1/topic.yaml: missing"):
        call_command("content", "sync", "--dir", str(tmp_path))


def test_sync_stores_rendered_hints_and_explanation(synced):
    changed = dict(synced)
    topic = dataclasses.replace(synced["EI2"], exercises=list(synced["EI2"].exercises))
    topic.exercises[0] = dataclasses.replace(
        topic.exercises[0],
        hints=["Look at `b`.", "Keep $b$ in the output."],
        explanation="# Why\n\nOne `einsum` call.\n",
    )
    changed["EI2"] = topic
    sync(changed)
    exercise = Exercise.objects.get(topic_id="EI2", slug=topic.exercises[0].id)
    assert exercise.hints_html == [
        "<p>Look at <code>b</code>.</p>\n",
        '<p>Keep <span class="math inline">b</span> in the output.</p>\n',
    ]
    assert exercise.explanation_html == "<p>One <code>einsum</code> call.</p>\n"  # its own "# Why" title dropped
