"""Loads content specs into the database. Idempotent; never deletes what learners' data points at."""

from django.db import transaction

from curriculum import markdown
from curriculum.models import Exercise, QuizQuestion, Topic


@transaction.atomic
def sync(topics: dict) -> dict:
    counts = {"topics": 0, "exercises": 0, "changed_checks": 0, "retired": 0}
    for spec in topics.values():
        topic, _ = Topic.objects.update_or_create(
            id=spec.id,
            defaults=dict(
                title=spec.title,
                skill=spec.skill,
                minutes=spec.minutes,
                order=spec.order,
                lesson=spec.lesson,
                lesson_html=markdown.render_lesson(spec.lesson),
                retired=False,
            ),
        )
        counts["topics"] += 1
        seen = []
        for ex in spec.exercises:
            counts["changed_checks"] += _sync_exercise(topic, ex)
            counts["exercises"] += 1
            seen.append(ex.id)
        counts["retired"] += topic.exercises.exclude(slug__in=seen).filter(retired=False).update(retired=True)
        _sync_quiz(topic, spec.quiz)
    for spec in topics.values():
        Topic.objects.get(id=spec.id).prerequisites.set(spec.prerequisites)
    counts["retired"] += Topic.objects.exclude(id__in=list(topics)).filter(retired=False).update(retired=True)
    return counts


def _sync_exercise(topic: Topic, ex) -> int:
    new_hash = ex.bundle_hash()
    old_hash = Exercise.objects.filter(topic=topic, slug=ex.id).values_list("bundle_hash", flat=True).first()
    Exercise.objects.update_or_create(
        topic=topic,
        slug=ex.id,
        defaults=dict(
            title=ex.title,
            order=ex.order,
            required=ex.required,
            statement=ex.statement,
            statement_html=markdown.render(ex.statement),
            starter=ex.starter,
            entry_points=ex.entry_points,
            banned=ex.banned,
            example=ex.example,
            limits=ex.limits,
            device=ex.device,
            bundle=ex.bundle(),
            bundle_hash=new_hash,
            retired=False,
            hints=list(ex.hints),
            hints_html=[markdown.render(h) for h in ex.hints],
            explanation_html=markdown.render_lesson(ex.explanation),
            solution_html=markdown.render(f"```python\n{ex.solution.rstrip()}\n```"),
        ),
    )
    return int(old_hash is not None and old_hash != new_hash)


def _sync_quiz(topic: Topic, questions: list) -> None:
    for order, q in enumerate(questions):
        QuizQuestion.objects.update_or_create(
            topic=topic,
            slug=q.id,
            defaults=dict(
                order=order,
                prompt_html=markdown.render(q.prompt),
                answer=float(q.answer),
                tolerance=q.tolerance,
                choices=[markdown.render_inline(c) for c in q.choices],
                explanation_html=markdown.render(q.explanation),
                retired=False,
            ),
        )
    topic.questions.exclude(slug__in=[q.id for q in questions]).update(retired=True)
