"""Each page a learner or an admin opens often has a ceiling on its database queries. A page over its
ceiling fails here, whatever else changed: an N+1 (a query per topic, per exercise, per learner) shows up
as dozens more, well past the small margin each ceiling leaves for a new feature."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cohorts.models import Cohort, Membership
from curriculum.models import Exercise
from learning.models import Submission

pytestmark = pytest.mark.django_db

CEILINGS = {  # measured 2026-12-02: home 15, map 14, topic 20, exercise 5, dashboard 17
    "home": 18,
    "map": 18,
    "topic": 24,
    "exercise": 12,
    "dashboard": 20,
    # measured 2026-12-03: placement 18, a diagnostic's question 7, its result 6, an answer (a POST) 21
    "placement": 22,
    "diagnostic": 10,
    "diagnostic result": 10,
    "diagnostic answer": 26,
}


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


@pytest.fixture
def busy_learner(client, synced):
    """A learner with work on every exercise, in a cohort with a few others like them."""
    user = User.objects.create_user("ada")
    exercises = list(Exercise.objects.all())
    Submission.objects.bulk_create(
        Submission(
            user=user,
            exercise=exercises[i % len(exercises)],
            code="x",
            state="done",
            status=("passed", "failed")[i % 2],
        )
        for i in range(400)
    )
    client.force_login(user)
    client.get("/map/")  # the map's layout is computed once per graph
    return user


@pytest.mark.parametrize(
    "page, url",
    [("home", "/"), ("map", "/map/"), ("topic", "/topics/EI2/"), ("exercise", "/topics/EI2/einsum-basics/")],
)
def test_a_learners_pages_stay_under_their_query_ceiling(client, busy_learner, page, url):
    count = queries(client, url)
    assert count <= CEILINGS[page], f"{url} made {count} queries; its ceiling is {CEILINGS[page]}"


def test_the_cohort_dashboard_stays_under_its_query_ceiling(client, synced):
    admin = User.objects.create_user("alice")
    cohort = Cohort.objects.create(name="Reading group", goal_id="EI2")
    Membership.objects.create(cohort=cohort, user=admin, role=Membership.ADMIN)
    exercises = list(Exercise.objects.all())
    for n in range(8):
        learner = User.objects.create_user(f"learner{n}")
        Membership.objects.create(cohort=cohort, user=learner, role=Membership.LEARNER)
        Submission.objects.bulk_create(
            Submission(
                user=learner, exercise=exercises[(n * 7 + i) % len(exercises)], code="x", state="done", status="passed"
            )
            for i in range(30)
        )
    client.force_login(admin)
    count = queries(client, f"/cohorts/{cohort.pk}/")
    assert count <= CEILINGS["dashboard"], f"the dashboard made {count} queries; its ceiling is {CEILINGS['dashboard']}"


def test_the_placement_diagnostic_stays_under_its_query_ceilings(client, busy_learner):
    from learning import placement

    assert queries(client, "/placement/") <= CEILINGS["placement"]
    d = placement.start(busy_learner)
    count = queries(client, "/placement/diagnostic/")
    assert count <= CEILINGS["diagnostic"], f"the diagnostic's question made {count} queries"
    with CaptureQueriesContext(connection) as ctx:
        response = client.post("/placement/diagnostic/answer/", {"question": d.question_id, "answer": "0"})
    assert response.status_code == 302
    assert len(ctx.captured_queries) <= CEILINGS["diagnostic answer"], f"an answer made {len(ctx.captured_queries)}"
    placement.finish(d)
    count = queries(client, f"/placement/diagnostic/{d.pk}/")
    assert count <= CEILINGS["diagnostic result"], f"the diagnostic's result made {count} queries"
