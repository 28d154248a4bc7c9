"""The learner API (/api/v1/): who a token lets read what, the messages a bad token gets, the rate
limit, and the whole path from fetching an exercise to reading its verdict through a real worker."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from api.models import ApiToken
from cohorts.models import Cohort, Membership
from conftest import wait_until_done
from curriculum.models import Exercise
from learning import broker
from learning.models import Submission

pytestmark = pytest.mark.django_db


def bearer(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def people(synced):
    """ada learns in alice's cohort; bob learns alone; each has a token."""
    ada, bob, alice = (User.objects.create_user(n) for n in ("ada", "bob", "alice"))
    cohort = Cohort.objects.create(name="Reading group")
    Membership.objects.create(cohort=cohort, user=alice, role=Membership.ADMIN)
    Membership.objects.create(cohort=cohort, user=ada, role=Membership.LEARNER)
    tokens = {u.username: ApiToken.issue(u, "laptop")[1] for u in (ada, bob, alice)}
    exercise = Exercise.objects.get(topic_id="EI2", slug="einsum-basics")
    subs = {
        name: Submission.objects.create(user=u, exercise=exercise, code="x", mode=mode)
        for name, u, mode in (("ada", ada, "grade"), ("ada-run", ada, "run"), ("bob", bob, "grade"))
    }
    return {"tokens": tokens, "subs": subs, "users": {"ada": ada, "bob": bob, "alice": alice}}


@pytest.mark.parametrize(
    "reader, sub, visible",
    [
        ("ada", "ada", True),
        ("ada", "ada-run", True),
        ("ada", "bob", False),
        ("bob", "ada", False),
        ("bob", "bob", True),
        ("alice", "ada", True),  # her cohort's learner's graded submission, as the admin pages show it
        ("alice", "ada-run", False),  # a Run is not shown to admins on the pages either
        ("alice", "bob", False),  # not in her cohort
    ],
)
def test_a_token_reads_its_owners_submissions_and_an_admin_her_learners_graded_ones(people, reader, sub, visible):
    response = bearer(people["tokens"][reader]).get(f"/api/v1/submissions/{people['subs'][sub].pk}")
    assert response.status_code == (200 if visible else 404)
    if visible:
        assert response.json()["id"] == people["subs"][sub].pk


@pytest.mark.parametrize(
    "header, says",
    [
        (None, "Send your API token"),
        ("Bearer gw_not-a-real-token", "not known here"),
        ("Basic YWRhOnB3", "Send your API token"),
    ],
)
def test_a_missing_or_unknown_token_gets_a_401_that_says_what_to_do(people, header, says):
    client = Client(HTTP_AUTHORIZATION=header) if header else Client()
    response = client.get("/api/v1/topics")
    assert response.status_code == 401 and says in response.json()["detail"]


def test_a_revoked_token_stops_working_at_once_and_says_so(client, people):
    token = people["tokens"]["ada"]
    assert bearer(token).get("/api/v1/me").status_code == 200
    client.force_login(people["users"]["ada"])
    row = ApiToken.objects.get(user=people["users"]["ada"])
    assert client.post(f"/accounts/tokens/{row.pk}/revoke/").status_code == 302
    response = bearer(token).get("/api/v1/me")
    assert response.status_code == 401 and "revoked" in response.json()["detail"]


def test_only_the_owner_can_revoke_a_token(client, people):
    client.force_login(people["users"]["bob"])
    row = ApiToken.objects.get(user=people["users"]["ada"])
    assert client.post(f"/accounts/tokens/{row.pk}/revoke/").status_code == 404
    assert bearer(people["tokens"]["ada"]).get("/api/v1/me").status_code == 200


def test_the_account_page_shows_a_new_token_once_and_stores_only_its_digest(client, people):
    client.force_login(people["users"]["bob"])
    page = client.post("/accounts/tokens/", {"name": "Colab"}).content.decode()
    token = page.split('id="new-token">')[1].split("<")[0]
    assert token.startswith("gw_") and bearer(token).get("/api/v1/me").json()["username"] == "bob"
    assert not ApiToken.objects.filter(digest=token).exists()
    assert token not in client.get("/accounts/tokens/").content.decode()
    assert client.post("/accounts/tokens/", {"name": "  "}).status_code == 400


def test_a_token_over_its_rate_gets_429_with_retry_after(people, settings):
    settings.API_RATE_PER_MINUTE = 3
    client = bearer(people["tokens"]["bob"])
    codes = [client.get("/api/v1/me").status_code for _ in range(4)]
    if codes[-1] == 200:  # the minute turned between two requests: the window restarted; try once more
        codes = [client.get("/api/v1/me").status_code for _ in range(4)]
    assert codes[:3] == [200, 200, 200] and codes[3] == 429
    response = client.get("/api/v1/me")
    assert 0 < int(response["Retry-After"]) <= 60 and "at most 3 a minute" in response.json()["detail"]


def test_topics_and_an_exercise_carry_the_learners_state_and_what_the_cli_needs(people):
    client = bearer(people["tokens"]["bob"])
    topics = {t["id"]: t for t in client.get("/api/v1/topics").json()}
    assert topics["PY1"]["state"] == "available" and topics["TF8"]["state"] == "locked"
    assert "LA2" in topics["EI2"]["prerequisites"]
    detail = client.get("/api/v1/topics/EI2").json()
    assert [e["slug"] for e in detail["exercises"]][:1] == ["einsum-basics"]
    ex = client.get("/api/v1/topics/EI2/exercises/einsum-basics").json()
    assert ex["entry_points"] == ["batched_mm", "trace", "outer"] and "einsum" in ex["statement"]
    assert ex["starter"] and ex["example"] and "$" in ex["statement"]  # Markdown with maths, as written
    missing = client.get("/api/v1/topics/EI2/exercises/no-such-thing")
    assert missing.status_code == 404 and "GET /api/v1/topics/EI2" in missing.json()["detail"]


def test_a_submission_is_refused_with_the_reason_and_nothing_is_stored(people):
    client = bearer(people["tokens"]["bob"])
    url = "/api/v1/topics/EI2/exercises/einsum-basics/submissions"
    before = Submission.objects.count()
    empty = client.post(url, {"code": "   "}, content_type="application/json")
    assert empty.status_code == 400 and "empty" in empty.json()["detail"]
    bad_mode = client.post(url, {"code": "x = 1", "mode": "eval"}, content_type="application/json")
    assert bad_mode.status_code == 422 and "mode must be" in bad_mode.json()["detail"]
    assert Submission.objects.count() == before


def test_the_openapi_schema_describes_the_versioned_api(people):
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["info"]["version"] == "1"
    assert "/api/v1/topics/{topic_id}/exercises/{slug}/submissions" in schema["paths"]
    stream = schema["paths"]["/api/v1/submissions/{pk}/events"]["get"]["responses"]["200"]
    assert "text/event-stream" in stream["content"] and "event: state" in stream["description"]


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_wrong_then_a_right_answer_through_the_api_get_their_verdicts(synced, content_topics, celery_worker_process):
    spec = next(e for e in content_topics["EI2"].exercises if e.id == "einsum-basics")
    user = User.objects.create_user("grace")
    client = bearer(ApiToken.issue(user, "cli")[1])
    url = "/api/v1/topics/EI2/exercises/einsum-basics/submissions"
    verdicts = []
    for code in (next(iter(spec.mutants.values())), spec.solution):
        made = client.post(url, {"code": code}, content_type="application/json")
        assert made.status_code == 201 and made.json()["state"] == "queued"
        wait_until_done(Submission.objects.get(pk=made.json()["id"]))
        verdicts.append(client.get(f"/api/v1/submissions/{made.json()['id']}").json())
    assert verdicts[0]["status"] == "failed" and any(t["status"] == "failed" for t in verdicts[0]["result"]["tests"])
    assert verdicts[1]["status"] == "passed" and verdicts[1]["score"] == 1.0
    assert client.get("/api/v1/topics/EI2").json()["exercises"][0]["passed"] is True


@pytest.mark.parametrize(
    "state, status, score, mode",
    [
        ("queued", "", None, "grade"),
        ("running", "", None, "grade"),
        ("done", "passed", 1.0, "grade"),
        ("done", "failed", 0.625, "grade"),
        ("done", "timeout", 0.0, "grade"),
        ("done", "ran", None, "run"),
    ],
)
def test_a_submissions_headline_is_the_exercise_pages_header_word_for_word(client, people, state, status, score, mode):
    import re

    sub = people["subs"]["bob"]
    broker.client().delete(broker.PROGRESS_KEY.format(pk=sub.pk))  # another test's progress for the same pk
    Submission.objects.filter(pk=sub.pk).update(
        state=state, status=status, score=score, mode=mode, result={"tests": []} if state == "done" else None
    )
    client.force_login(people["users"]["bob"])
    page = client.get(f"/submissions/{sub.pk}/", HTTP_HX_REQUEST="true").content.decode()
    header = re.sub(r"<[^>]+>", "", page.split("<header", 1)[1].split(">", 1)[1].split("</header>")[0])
    api = bearer(people["tokens"]["bob"]).get(f"/api/v1/submissions/{sub.pk}").json()
    assert api["headline"] == " ".join(header.split())
    assert api["waiting_for_gpu"] is False


def test_a_topic_carries_its_lesson_markdown_and_its_notebook(people, synced):
    detail = bearer(people["tokens"]["bob"]).get("/api/v1/topics/EI2").json()
    assert detail["lesson"] == synced["EI2"].lesson
    assert detail["notebook_url"] == "http://testserver/topics/EI2/notebook.ipynb"


def test_hints_open_one_at_a_time_through_the_api_and_on_the_page_alike(client, people, content_topics):
    spec = next(e for e in content_topics["EI2"].exercises if e.id == "einsum-basics")
    total, url = len(spec.hints), "/api/v1/topics/EI2/exercises/einsum-basics"
    bob = bearer(people["tokens"]["bob"])
    assert total >= 2 and bob.get(url).json()["hints"] == {"total": total, "revealed": []}
    first = bob.post(f"{url}/hints")
    assert first.status_code == 200 and first.json()["total"] == total
    assert [(h["number"], h["markdown"]) for h in first.json()["revealed"]] == [(1, spec.hints[0])]

    client.force_login(people["users"]["bob"])  # the page shows it open, and records the next one opened there
    exercise = Exercise.objects.get(topic_id="EI2", slug="einsum-basics")
    page = client.get(exercise.get_absolute_url()).content.decode()
    assert f'<details class="hint" open><summary>Hint 1 of {total}</summary>' in page
    assert "'{\"hint\": 2}'" in page and "'{\"hint\": 1}'" not in page
    opened_there = reverse("reveal_hint", args=["EI2", "einsum-basics"])
    skipped = client.post(opened_there, {"hint": total + 1})
    assert skipped.status_code == 400 and f"there is no hint {total + 1}" in skipped.content.decode()
    assert client.post(opened_there, {"hint": 2}).status_code == 204
    assert [h["number"] for h in bob.get(url).json()["hints"]["revealed"]] == [1, 2]
    assert bearer(people["tokens"]["ada"]).get(url).json()["hints"]["revealed"] == []  # her own, not his

    for number in range(3, total + 1):
        assert len(bob.post(f"{url}/hints").json()["revealed"]) == number
    done = bob.post(f"{url}/hints")
    assert done.status_code == 400 and f"All {total} hints of this exercise are shown already" in done.json()["detail"]
    assert len(bob.get(url).json()["hints"]["revealed"]) == total
