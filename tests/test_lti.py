"""LTI 1.3 end to end against a platform emulator (tests/lti_platform.py): launch, deep linking and
grade passback, and every way a launch must be refused."""

import json
import time
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from django.contrib.auth.models import User
from jwt.algorithms import RSAAlgorithm
from lti_platform import CLAIM, Platform, rsa_key
from pylti1p3.contrib.django import DjangoDbToolConf
from pylti1p3.contrib.django.lti1p3_tool_config.models import LtiTool

from cohorts.models import Membership
from conftest import solution_of, wait_until_done
from learning.models import Submission
from lti import grades
from lti.management.commands.lti import new_key
from lti.models import GradeTarget


@pytest.fixture
def lms():
    platform = Platform()
    yield platform
    platform.close()


@pytest.fixture
def tool(synced, lms):
    tool = LtiTool.objects.create(
        title="Test LMS",
        issuer=lms.issuer,
        client_id=lms.client_id,
        auth_login_url=f"{lms.url}/auth",
        auth_token_url=f"{lms.url}/token",
        key_set_url=f"{lms.url}/jwks",
        tool_key=new_key("tool key 1"),
        deployment_ids=json.dumps([lms.deployment_id]),
    )
    lms.tool_jwks = DjangoDbToolConf().get_jwks()  # what the LMS admin registers for the tool
    return tool


def start_login(client, lms):
    """Step 1: the LMS's login initiation; the tool answers with a redirect to the LMS's auth URL."""
    response = client.post(
        "/lti/login/",
        {
            "iss": lms.issuer,
            "client_id": lms.client_id,
            "login_hint": "u1",
            "target_link_uri": "http://testserver/lti/launch/",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    query = parse_qs(urlparse(response["Location"]).query)
    assert response["Location"].startswith(f"{lms.url}/auth") and query["redirect_uri"] == [
        "http://testserver/lti/launch/"
    ]
    return query["state"][0], query["nonce"][0]


def launch(client, lms, **claims):
    state, nonce = start_login(client, lms)
    token = lms.id_token(nonce, **claims)
    return client.post("/lti/launch/", {"id_token": token, "state": state}), token, state


def test_a_launch_signs_the_learner_in_puts_them_in_the_course_cohort_and_opens_the_linked_topic(client, lms, tool):
    response, _, _ = launch(client, lms, **{CLAIM + "custom": {"target": "topic:EI2"}})
    assert response.status_code == 302 and response["Location"] == "/topics/EI2/"
    user = User.objects.get(lti_identities__subject="lms-user-1")
    assert client.get("/").context["user"] == user and not user.has_usable_password()
    membership = Membership.objects.get(user=user)
    assert membership.role == Membership.LEARNER and membership.cohort.name == "Interpretability 101 (LMS)"
    # A second launch of the same LMS user signs in the same account; a teacher joins as admin.
    launch(client, lms, **{CLAIM + "custom": {"target": "exercise:EI2/einsum-basics"}})
    assert User.objects.filter(lti_identities__isnull=False).count() == 1
    launch(client, lms, sub="teacher-1", roles=("Instructor",))
    assert Membership.objects.get(user__lti_identities__subject="teacher-1").role == Membership.ADMIN


@pytest.mark.parametrize(
    "case, claims, says",
    [
        ("expired", {"exp": int(time.time()) - 60, "iat": int(time.time()) - 400}, "expired"),
        ("wrong audience", {"aud": "another-tool"}, "client"),
        ("unknown deployment", {CLAIM + "deployment_id": "deployment-9"}, "deployment"),
        ("no nonce we issued", {"nonce": "made-up"}, "nonce"),
    ],
)
def test_a_launch_with_a_bad_token_is_refused_with_a_clear_message(client, lms, tool, case, claims, says):
    state, nonce = start_login(client, lms)
    token = lms.id_token(claims.pop("nonce", nonce), **claims)
    response = client.post("/lti/launch/", {"id_token": token, "state": state})
    assert response.status_code == 403, case
    assert says in response.context["reason"].lower(), response.context["reason"]
    assert not User.objects.filter(lti_identities__isnull=False).exists()


def test_a_token_signed_by_another_key_is_refused(client, lms, tool):
    state, nonce = start_login(client, lms)
    forged = lms.id_token(nonce, key=rsa_key())  # same kid, another private key
    response = client.post("/lti/launch/", {"id_token": forged, "state": state})
    assert response.status_code == 403 and "signature" in response.context["reason"].lower()


def test_a_replayed_launch_is_refused(client, lms, tool):
    first, token, state = launch(client, lms)
    assert first.status_code == 302
    again = client.post("/lti/launch/", {"id_token": token, "state": state})
    assert again.status_code == 403 and "already used" in again.context["reason"]


def test_a_login_from_an_unregistered_platform_is_refused(client, lms, tool):
    response = client.post(
        "/lti/login/",
        {"iss": "https://unknown.example", "login_hint": "u1", "target_link_uri": "http://testserver/lti/launch/"},
    )
    assert response.status_code == 400 and response.context["reason"]


def test_deep_linking_lets_a_teacher_pick_an_exercise_and_returns_a_signed_link(client, lms, tool):
    response, _, _ = launch(client, lms, sub="teacher-1", roles=("Instructor",), **lms.deep_linking_claim())
    assert response.status_code == 200 and b"Choose what this link opens" in response.content
    launch_id = response.context["launch_id"]
    back = client.post("/lti/deep-link/", {"launch_id": launch_id, "target": "exercise:EI2/einsum-basics"})
    assert back.status_code == 200 and back.context["return_url"] == f"{lms.url}/deep-link-return"
    jwk = next(k for k in DjangoDbToolConf().get_jwks()["keys"])
    claims = jwt.decode(
        back.context["token"], RSAAlgorithm.from_jwk(json.dumps(jwk)), algorithms=["RS256"], audience=[lms.issuer]
    )
    assert claims[CLAIM + "message_type"] == "LtiDeepLinkingResponse"
    [item] = claims["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]
    assert item["url"] == "http://testserver/lti/launch/" and item["custom"] == {"target": "exercise:EI2/einsum-basics"}
    assert claims["https://purl.imsglobal.org/spec/lti-dl/claim/data"] == "opaque-42"
    # The choice cannot be made twice, nor by a learner.
    assert client.post("/lti/deep-link/", {"launch_id": launch_id, "target": "topic:EI2"}).status_code == 403
    learner, _, _ = launch(client, lms, **lms.deep_linking_claim())
    assert learner.status_code == 403 and "teacher" in learner.context["reason"]


def test_a_link_to_something_this_site_lacks_is_explained(client, lms, tool):
    response, _, _ = launch(client, lms, **{CLAIM + "custom": {"target": "topic:NOPE"}})
    assert response.status_code == 403 and "NOPE" in response.context["reason"]


def test_a_mastered_topic_goes_to_the_gradebook_once(client, lms, tool, synced, django_capture_on_commit_callbacks):
    response, _, _ = launch(client, lms, **{CLAIM + "custom": {"target": "topic:PY1"}}, **lms.ags_claim("col-7"))
    user = User.objects.get(lti_identities__subject="lms-user-1")
    assert GradeTarget.objects.get(user=user).target == "PY1"
    assert grades.pass_back(user.id) == 0 and lms.scores == []  # nothing mastered yet
    from curriculum.models import Exercise, QuizQuestion
    from learning.models import QuizAttempt

    for exercise in synced["PY1"].exercises:
        Submission.objects.create(
            user=user,
            exercise=Exercise.objects.get(topic_id="PY1", slug=exercise.id),
            code="x",
            state="done",
            status="passed",
            score=1.0,
        )
    for question in QuizQuestion.objects.filter(topic_id="PY1"):
        QuizAttempt.objects.create(user=user, question=question, given=question.answer, correct=True)
    assert grades.pass_back(user.id) == 1
    [score] = lms.scores
    assert score["lineitem"] == "/lineitems/col-7" and score["userId"] == "lms-user-1"
    assert score["scoreGiven"] == 1.0 and score["activityProgress"] == "Completed"
    assert grades.pass_back(user.id) == 0 and len(lms.scores) == 1


def test_a_grade_the_lms_refuses_is_kept_for_the_next_try(client, lms, tool, synced):
    from curriculum.models import Exercise

    launch(client, lms, **{CLAIM + "custom": {"target": "exercise:PY1/word-counts"}}, **lms.ags_claim("col-8"))
    user = User.objects.get(lti_identities__subject="lms-user-1")
    exercise = Exercise.objects.get(topic_id="PY1", slug="word-counts")
    Submission.objects.create(user=user, exercise=exercise, code="x", state="done", status="passed")
    lms.tool_jwks = {"keys": []}  # the LMS no longer knows the tool's key: its token endpoint refuses
    assert grades.pass_back(user.id) == 0
    assert GradeTarget.objects.get(user=user).last_error and lms.scores == []
    lms.tool_jwks = DjangoDbToolConf().get_jwks()
    assert grades.pass_back(user.id) == 1 and lms.scores[0]["scoreGiven"] == 1.0


def test_a_rotated_key_is_published_beside_the_old_one_until_retired(client, tool):
    from django.core.management import call_command

    old_kid = client.get("/lti/jwks/").json()["keys"][0]["kid"]
    call_command("lti", "rotate", str(tool.pk))
    kids = {k["kid"] for k in client.get("/lti/jwks/").json()["keys"]}
    tool.refresh_from_db()
    assert old_kid in kids and len(kids) == 2 and tool.tool_key.public_jwk and old_kid not in tool.tool_key.public_jwk
    old = next(k for k in tool.tool_key.__class__.objects.exclude(pk=tool.tool_key.pk))
    call_command("lti", "retire", str(old.pk))
    assert {k["kid"] for k in client.get("/lti/jwks/").json()["keys"]} == kids - {old_kid}


@pytest.mark.django_db(transaction=True)
def test_a_pass_graded_by_the_worker_reaches_the_gradebook(client, lms, tool, celery_worker_process, content_topics):
    from curriculum.models import Exercise
    from learning import services

    response, _, _ = launch(
        client, lms, **{CLAIM + "custom": {"target": "exercise:PY1/word-counts"}}, **lms.ags_claim("col-9")
    )
    assert response["Location"] == "/topics/PY1/word-counts/"
    user = User.objects.get(lti_identities__subject="lms-user-1")
    row = Exercise.objects.get(topic_id="PY1", slug="word-counts")
    solution = solution_of(content_topics, "PY1", "word-counts").solution
    assert wait_until_done(services.submit(user, row, solution, "grade")).status == "passed"
    deadline = time.monotonic() + 30
    while not lms.scores and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [s["scoreGiven"] for s in lms.scores] == [1.0] and lms.scores[0]["userId"] == "lms-user-1"
    assert lms.scores[0]["lineitem"] == "/lineitems/col-9"
