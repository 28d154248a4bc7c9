"""The learner's path pages: home, map, goal, placement and a topic's page, all read from learning's progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.models import Profile
from curriculum.models import Topic
from learning import path, progress, selectors
from learning.map_svg import MapUnavailable, learner_map
from learning.models import TopicTestOut


@login_required
def home(request):
    standing = progress.standing(request.user)
    return render(
        request,
        "learning/topic_list.html",
        {
            "topics": standing.topics,
            "standing": standing,
            "resume": selectors.resume_exercise(request.user, standing),
            "mastery_rule": path.MASTERY_RULE,
        },
    )


@login_required
def learner_map_page(request):
    standing = progress.standing(request.user)
    goal_path = standing.goal_path
    try:
        svg = learner_map(standing, goal_path)
    except MapUnavailable:
        svg = None
    return render(request, "learning/map.html", {"standing": standing, "svg": svg, "goal_path": goal_path})


@login_required
@require_POST
def set_goal(request):
    goal = Topic.objects.filter(id=request.POST.get("goal", ""), retired=False).first()
    if goal is None:
        messages.error(request, "Choose a goal from the list of topics.")
    else:
        Profile.objects.update_or_create(user=request.user, defaults={"goal": goal})
        messages.success(request, f"Your goal is now {goal.id} {goal.title}.")
    return redirect(request.POST.get("next") or "home")


@login_required
def topic(request, topic_id):
    topic = get_object_or_404(Topic, id=topic_id)
    passed = selectors.passed_exercise_ids(request.user)
    exercises = list(topic.exercises.filter(retired=False))
    for exercise in exercises:
        exercise.passed = exercise.id in passed
    standing = progress.standing(request.user)
    mine = next((t for t in standing.topics if t.id == topic.id), None)
    return render(
        request,
        "learning/topic.html",
        {
            "topic": topic,
            "exercises": exercises,
            "prerequisites": topic.prerequisites.all(),
            "state": mine.state if mine else None,
            "missing": Topic.objects.filter(id__in=mine.missing if mine else []),
            "mine": mine,
            "mastery_rule": path.MASTERY_RULE,
            "questions": selectors.questions_with_last_attempt(topic, request.user),
        },
    )


@login_required
@require_POST
def start_test_out(request, topic_id):
    topic = get_object_or_404(Topic, id=topic_id, retired=False)
    exercise = progress.test_out_exercise(topic)
    if exercise is None:
        messages.error(request, f"{topic.id} has no exercise to test out with.")
        return redirect(topic)
    TopicTestOut.objects.create(user=request.user, topic=topic, exercise=exercise)
    messages.success(
        request,
        f"Test-out started: pass this exercise within {TopicTestOut.MINUTES} minutes and "
        f"{topic.id} {topic.title}, with everything it builds on, counts as mastered.",
    )
    return redirect(exercise)


@login_required
def placement(request):
    from learning import diagnostic, placement
    from learning.models import Diagnostic

    running = placement.running(request.user)  # finished here if its time ran out while away
    standing = progress.standing(request.user)
    return render(
        request,
        "learning/placement.html",
        {
            "standing": standing,
            "checkpoints": progress.placement_checkpoints(standing),
            "credited": progress.credited_by_test_outs(request.user, standing),
            "running": running,
            "last": None if running else Diagnostic.objects.filter(user=request.user).first(),
            "max_items": diagnostic.MAX_ITEMS,
            "minutes": diagnostic.MINUTES,
        },
    )
