"""A learner in Chromium: sign up, open the einsum topic, solve an exercise, see it pass; break it, see why."""

import os
import re
import tempfile
import time

import pytest
from playwright.sync_api import expect, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Debian's build of the old headless shell (Playwright's own default for headless runs): the same Blink
# without the browser around it, which took a third more CPU on the page sweeps.
CHROMIUM = "/usr/lib/chromium/chromium-headless-shell"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture
def page(live_server):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the ORM is used beside Playwright's event loop
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        page = context.new_page()
        page.set_default_timeout(30_000)
        blocked = []  # the Content-Security-Policy must let the editor, KaTeX and htmx work
        page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
        yield page
        context.close()
        assert not blocked, blocked


def type_into_editor(page, code: str):
    editor = page.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)


def test_a_learner_signs_up_solves_an_einsum_exercise_and_reads_the_feedback(
    live_server, page, synced, content_topics, celery_worker_process
):
    spec = next(e for e in content_topics["EI2"].exercises)
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password", exact=True).fill("a-long-pass-phrase")
    page.get_by_label("Password confirmation").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Sign up").click()

    page.get_by_role("link", name="EI2").first.click()
    expect(page.locator(".lesson .katex").first).to_be_visible()  # maths typeset by KaTeX
    page.get_by_role("link", name=spec.title).click()
    expect(page.locator(".cm-editor")).to_be_visible()

    type_into_editor(page, spec.solution)
    page.keyboard.press("Control+Enter")
    expect(page.locator("#result .verdict")).to_contain_text("Passed", timeout=60_000)
    expect(page.locator("#submissions")).to_contain_text("passed")

    wrong = next(iter(spec.mutants.values()))
    type_into_editor(page, wrong)
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#result .verdict")).to_contain_text("Failed", timeout=60_000)
    expect(page.locator("#result .test-failed .test-message").first).not_to_be_empty()

    expect(page.locator("[data-draft-status]")).to_have_text("Draft saved", timeout=10_000)
    page.reload()  # the draft survives a reload
    expect(page.locator(".cm-content")).to_contain_text(wrong.strip().splitlines()[-1].strip())


def test_a_new_learner_tests_out_of_python_in_placement_and_sees_the_map_change(
    live_server, page, synced, content_topics, celery_worker_process
):
    from curriculum.models import Topic
    from learning.progress import test_out_exercise

    hardest = test_out_exercise(Topic.objects.get(id="PY2"))
    solution = next(e for e in content_topics["PY2"].exercises if e.id == hardest.slug).solution
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Password", exact=True).fill("a-long-pass-phrase")
    page.get_by_label("Password confirmation").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Sign up").click()

    page.get_by_role("link", name="Take the placement check").click()
    page.get_by_role("button", name="Test out of PY2").click()
    expect(page.locator(".messages")).to_contain_text("Test-out started")
    type_into_editor(page, solution)
    page.keyboard.press("Control+Enter")
    expect(page.locator("#result .verdict")).to_contain_text("Passed", timeout=60_000)

    page.goto(f"{live_server.url}/map/")
    expect(page.locator("#topic_PY2")).to_have_class(re.compile(r"\bstate-mastered\b"))
    expect(page.locator("#topic_PY1")).to_have_class(re.compile(r"\bstate-mastered\b"))
    expect(page.locator("#topic_NP1")).to_have_class(re.compile(r"\bstate-available\b"))


def ada_signed_in_on_a_gpu_exercise(live_server, page):
    """An EI2 exercise no worker here takes (it waits for a GPU): the test records its verdict itself."""
    from django.contrib.auth.models import User

    from curriculum.models import Exercise

    exercise = Exercise.objects.filter(topic_id="EI2").first()
    exercise.device = "gpu-required"
    exercise.save()
    User.objects.create_user("ada", password="a-long-pass-phrase")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Log in").click()
    return exercise


def test_a_waiting_page_locks_submit_and_run_and_gets_its_verdict_pushed(live_server, page, synced):
    """No worker grades the "gpu" queue here: the submission waits until the test records a verdict,
    which reaches the open page through its event stream, with no poll and no reload."""

    from grader.protocol import Result
    from learning import services
    from learning.models import Submission

    exercise = ada_signed_in_on_a_gpu_exercise(live_server, page)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server.url}{exercise.get_absolute_url()}")
    type_into_editor(page, "x = 1\n")
    submit, run = page.get_by_role("button", name="Submit"), page.get_by_role("button", name="Run example")
    submit.click()
    expect(page.locator("#result .verdict")).to_contain_text("Queued")
    expect(submit).to_be_disabled()
    expect(run).to_be_disabled()
    submission = Submission.objects.get()
    services.claim(submission.pk)
    expect(page.locator("#result .verdict")).to_contain_text("Running your code")
    services.record(submission.pk, Result("failed", score=0.5, message="pushed, not polled"))
    expect(page.locator("#result .verdict")).to_contain_text("Failed (50% of points)")
    expect(submit).to_be_enabled()
    expect(run).to_be_enabled()
    assert any(url.endswith(f"/submissions/{submission.pk}/events/") for url in requests)
    assert not any("poll=1" in url for url in requests)
    assert Submission.objects.count() == 1


def test_a_page_whose_stream_and_reads_fail_with_server_errors_still_gets_its_verdict(live_server, page, synced):
    """As while Postgres restarts: the event stream and the next reads of the panel answer 500. The
    page keeps its pending panel (no error swapped over it), backs off, and shows the verdict."""

    from grader.protocol import Result
    from learning import services
    from learning.models import Submission

    exercise = ada_signed_in_on_a_gpu_exercise(live_server, page)
    page.goto(f"{live_server.url}{exercise.get_absolute_url()}")
    failing = {"events": 3, "poll": 2}  # requests still to answer with a 500

    def server_error(route, kind):
        if failing[kind] > 0:
            failing[kind] -= 1
            return route.fulfill(status=500, content_type="text/html", body="<p class='error'>server error</p>")
        return route.continue_()

    page.route("**/events/", lambda route: server_error(route, "events"))
    page.route("**/submissions/*/?poll=1", lambda route: server_error(route, "poll"))
    type_into_editor(page, "x = 1\n")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#result .verdict")).to_contain_text("Queued")
    deadline = time.monotonic() + 30
    while any(failing.values()):  # the page meets every fault, each time trying again
        assert time.monotonic() < deadline, failing
        page.wait_for_timeout(100)
    expect(page.locator("#result .verdict")).to_contain_text("Queued")  # no error swapped over it
    submission = Submission.objects.get()
    services.claim(submission.pk)
    services.record(submission.pk, Result("failed", score=0.5, message="recorded after the server failed"))
    expect(page.locator("#result .verdict")).to_contain_text("Failed (50% of points)", timeout=30_000)
    expect(page.locator("#result")).not_to_contain_text("server error")
