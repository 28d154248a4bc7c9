from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from curriculum import selectors
from curriculum.models import Topic


@login_required
def home(request):
    return render(request, "curriculum/topic_list.html", {
        "topics": selectors.topics_with_progress(request.user), "resume": selectors.resume_exercise(request.user)})


@login_required
def topic(request, topic_id):
    topic = get_object_or_404(Topic, id=topic_id)
    passed = selectors.passed_exercise_ids(request.user)
    exercises = list(topic.exercises.filter(retired=False))
    for exercise in exercises:
        exercise.passed = exercise.id in passed
    return render(request, "curriculum/topic.html", {
        "topic": topic, "exercises": exercises, "prerequisites": topic.prerequisites.all(),
        "questions": selectors.questions_with_last_attempt(topic, request.user),
    })
