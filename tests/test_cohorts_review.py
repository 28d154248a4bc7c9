"""What a cohort admin must be able to tell: review due (not mastered) on the grid and in its CSV, and
which solutions a learner opened before passing."""

import pytest
from test_cohorts import join, make_user, pass_topic, people  # noqa: F401  (people: the fixture)

pytestmark = pytest.mark.django_db


def test_review_due_shows_on_the_cohort_grid_and_in_its_csv(client, people):  # noqa: F811
    eve = make_user("eve")
    join(people["group"], eve, days_ago=30)
    pass_topic(eve, "PY1", days_ago=10)  # the first review falls due a day after mastering
    client.force_login(people["alice"])
    g = people["group"].pk
    grid = client.get(f"/cohorts/{g}/").content.decode()
    assert 'class="cell state-review-due" title="PY1: review due">↻</td>' in grid
    lines = client.get(f"/cohorts/{g}/export/grid.csv").content.decode().splitlines()
    header, eve_row = lines[0].split(","), next(line for line in lines if line.startswith("eve,")).split(",")
    assert eve_row[header.index("PY1")] == "review due"
    assert eve_row[header.index("goal_topics_mastered")] != "0"  # still counts towards the goal


def test_the_learner_view_lists_solutions_opened_before_passing(client, people):  # noqa: F811
    from curriculum.models import Exercise
    from learning.models import SolutionView

    exercise = Exercise.objects.filter(topic_id="PY1").first()
    SolutionView.objects.create(user=people["bob"], exercise=exercise, failures=4)
    client.force_login(people["alice"])
    html = client.get(f"/cohorts/{people['group'].pk}/learners/{people['bob'].pk}/").content.decode()
    assert "Solutions opened before passing" in html and f"{exercise.title}: after 4 failed submissions" in html
