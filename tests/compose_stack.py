"""The compose stack end to end, against a stack that scripts/stack-check brought up (it sets
STACK_URL and STACK_COMPOSE, the docker-compose command with its project and env file).

Not collected by a plain `pytest` (its name does not start with test_): scripts/stack-check runs it
by name, after the images are built and the stack is healthy. The steps run in order and share the
stack: production settings and health; a learner signs up, submits, and a real grader container
grades it; a submission queued just before Redis and the web server restart is graded after; the
whole stack goes down and up again (an upgrade) and every submission is still there.
"""

import json
import os
import re
import shlex
import subprocess
import time
import urllib.request

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, type_into_editor

pytestmark = pytest.mark.compose
URL = os.environ.get("STACK_URL", "")
COMPOSE = shlex.split(os.environ.get("STACK_COMPOSE", ""))
PASSWORD = "a-long-pass-phrase"


def compose(*args, check=True, timeout=300) -> subprocess.CompletedProcess:
    assert COMPOSE, "run by scripts/stack-check, which sets STACK_COMPOSE and STACK_URL"
    done = subprocess.run([*COMPOSE, *args], capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def django(code: str):
    """Runs Python in the web container with Django set up; returns what it printed, as JSON."""
    out = compose("exec", "-T", "web", "python", "manage.py", "shell", "-c", code).stdout
    return json.loads(out.strip().splitlines()[-1])


def submissions(username: str) -> list:
    return django(
        "import json; from learning.models import Submission as S; print(json.dumps([dict(id=s.id, state=s.state, "
        f"status=s.status, grader=(s.result or {{}}).get('grader_id', '')) for s in "
        f"S.objects.filter(user__username='{username}', mode='grade').order_by('id')]))"
    )


def queued_in_redis(queue: str = "cpu") -> int:
    return int(compose("exec", "-T", "redis", "groundwork-redis", "cli", "llen", queue).stdout.strip())


def health(service: str) -> str:
    container = compose("ps", "-q", service).stdout.strip()
    if not container:
        return "absent"
    inspect = subprocess.run(
        ["docker", "inspect", "-f", "{{.State.Health.Status}}", container], capture_output=True, text=True
    )
    return inspect.stdout.strip() or "absent"


def wait_healthy(*services: str, timeout: float = 180) -> float:
    started = time.monotonic()
    while not all(health(s) == "healthy" for s in services):
        assert time.monotonic() - started < timeout, {s: health(s) for s in services}
        time.sleep(1)
    return time.monotonic() - started


def wait_graded(username: str, count: int, timeout: float = 120) -> list:
    deadline = time.monotonic() + timeout
    while True:
        subs = submissions(username)
        if len(subs) >= count and all(s["state"] == "done" for s in subs):
            return subs
        assert time.monotonic() < deadline, subs
        time.sleep(1)


def timing(name: str, seconds: float) -> None:
    print(f"STACK TIMING {name}: {seconds:.1f} s")


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_page(browser):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(30_000)
    return page


@pytest.fixture(scope="module")
def page(browser):
    return new_page(browser)


@pytest.fixture(scope="module")
def exercise(content_topics):
    return next(e for e in content_topics["EI2"].exercises)


def test_1_the_stack_is_healthy_and_production_settings_refuse_weak_secrets():
    with urllib.request.urlopen(f"{URL}/healthz", timeout=10) as response:
        assert response.status == 200 and json.load(response) == {"status": "ok", "database": "ok"}

    # Behind a TLS proxy (the settings .env.example ships), `check --deploy` has nothing to say.
    deploy = compose(
        "exec",
        "-T",
        "-e",
        "DJANGO_HTTPS=true",
        "-e",
        "DJANGO_BEHIND_PROXY=true",
        "web",
        "python",
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        check=False,
    )
    assert deploy.returncode == 0 and "no issues" in deploy.stdout, deploy.stdout + deploy.stderr

    # A placeholder secret stops the start-up with a message that says which one.
    for name, value in [
        ("DJANGO_SECRET_KEY", "change-me"),
        ("POSTGRES_PASSWORD", "postgres"),
        ("DJANGO_SECRET_KEY", ""),
    ]:
        bad = compose(
            "exec",
            "-T",
            "-e",
            f"{name}_FILE=",
            "-e",
            f"{name}={value}",
            "web",
            "python",
            "manage.py",
            "check",
            check=False,
        )
        assert bad.returncode != 0 and f"ImproperlyConfigured: {name}" in bad.stderr, (name, bad.stderr[-500:])
    # Postgres will not create a database without a password.
    no_password = subprocess.run(
        ["docker", "run", "--rm", "groundwork/postgres:15"], capture_output=True, text=True, timeout=60
    )
    assert no_password.returncode != 0 and "set POSTGRES_PASSWORD" in no_password.stderr

    # Only the worker holds the Docker socket, and neither it nor the web server runs as root.
    web_id = compose("exec", "-T", "web", "sh", "-c", "id -u; test -e /var/run/docker.sock && echo socket || true")
    assert web_id.stdout.split() == ["10001"], web_id.stdout
    worker_status = compose("exec", "-T", "worker", "cat", "/proc/1/status").stdout
    assert "Uid:\t10001\t10001\t10001\t10001" in worker_status and "CapEff:\t0000000000000000" in worker_status
    # The default grading mode, as the env file docker/init-env.sh wrote gives it (it once said fresh).
    assert compose("exec", "-T", "worker", "printenv", "GRADER_POOL_MODE").stdout.strip() == "isolated"


def test_2_a_learner_signs_up_submits_and_a_grader_container_grades_it(page, exercise):
    page.goto(f"{URL}/accounts/signup/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.get_by_role("link", name="EI2").first.click()
    expect(page.locator(".lesson .katex").first).to_be_visible()  # the bundled front end is served
    page.get_by_role("link", name=exercise.title).click()
    expect(page.locator(".cm-editor")).to_be_visible()

    type_into_editor(page, exercise.solution)
    started = time.monotonic()
    page.keyboard.press("Control+Enter")
    expect(page.locator("#result .verdict")).to_contain_text("Passed", timeout=90_000)
    timing("first submission graded (browser)", time.monotonic() - started)
    [graded] = submissions("ada")
    assert graded["status"] == "passed" and graded["grader"].startswith("docker groundwork/grader:cpu"), graded


def test_3_a_submission_queued_before_redis_and_web_restart_is_graded_after(page, exercise):
    compose("stop", "worker")  # so the submission waits in Redis's queue through the restart
    type_into_editor(page, exercise.solution)
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#result .verdict")).to_contain_text("Queued")
    assert [s["state"] for s in submissions("ada")] == ["done", "queued"]
    assert queued_in_redis() == 1

    started = time.monotonic()
    compose("restart", "redis", "web")
    timing("redis and web healthy again after restart", wait_healthy("redis", "web"))
    assert queued_in_redis() == 1, "the queued task did not survive the restart (append-only file)"

    compose("start", "worker")
    subs = wait_graded("ada", 2, timeout=100)  # well before the sweep would send it again (120 s)
    timing("queued submission graded after the restart", time.monotonic() - started)
    assert [s["status"] for s in subs] == ["passed", "passed"]
    page.reload()  # the session outlived the web server's restart
    expect(page.locator("#submissions li")).to_have_count(2)
    expect(page.locator("#submissions li").first).to_contain_text("passed")


def test_4_down_and_up_again_keeps_every_submission(page):
    started = time.monotonic()
    compose("down", timeout=180)  # no -v: the named volumes stay, as in an upgrade
    compose("up", "-d", timeout=400)
    wait_healthy("postgres", "redis", "web")
    timing("down, then up -d until healthy", time.monotonic() - started)
    assert [s["status"] for s in submissions("ada")] == ["passed", "passed"]
    page.reload()  # still signed in: sessions live in Postgres
    expect(page.locator("#submissions li")).to_have_count(2)
    expect(page.locator("#submissions")).to_contain_text("passed")


# ---- Faults with submissions in flight -------------------------------------------------------------
# Each fault strikes while a learner's jobs are in the sandbox (every answer sleeps first, so a job
# lasts a few seconds) and while the learner's exercise page is open. Afterwards every submission has
# the verdict its code deserves, each is counted once in the learner's summary, nothing ends as a
# grader failure, and the open page shows its verdict without a reload.
SLEEP = "import time\ntime.sleep(3)  # in flight while the fault strikes ({tag})\n"


def stack_sandboxes() -> list:
    """The running grader containers of this stack's CPU worker (labelled with its Celery node)."""
    node = "cpu@" + compose("exec", "-T", "worker", "hostname").stdout.strip()
    return subprocess.run(
        ["docker", "ps", "-q", "--filter", f"label=groundwork.grader.node={node}"], capture_output=True, text=True
    ).stdout.split()


def kill_a_sandbox():
    deadline = time.monotonic() + 30
    while not (boxes := stack_sandboxes()):
        assert time.monotonic() < deadline, "no sandbox container of the stack's worker is running"
        time.sleep(0.2)
    subprocess.run(["docker", "kill", *boxes], capture_output=True, timeout=60)


def kill_the_worker():
    compose("kill", "worker")
    compose("start", "worker")


FAULTS = {
    "restart redis": lambda: compose("restart", "redis"),
    "restart web": lambda: compose("restart", "web"),
    "kill the worker": kill_the_worker,
    "restart postgres": lambda: compose("restart", "postgres"),
    "kill a sandbox": kill_a_sandbox,
}


@pytest.fixture(scope="module")
def bea(browser):
    """A second learner in a browser context of her own, signed up through the page."""
    page = new_page(browser)
    page.goto(f"{URL}/accounts/signup/")
    page.get_by_label("Username").fill("bea")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(f"{URL}/")
    return page, []  # the page, and the status each of bea's submissions deserves, in order


def send(page, exercise, code: str) -> None:
    """A submission through the endpoint the page uses, with the page's session."""
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        f"{URL}/topics/{exercise.topic_id}/{exercise.id}/submit/",
        form={"code": code, "mode": "grade"},
        headers={"X-CSRFToken": csrf, "Referer": f"{URL}/"},
    )
    assert response.ok, (response.status, response.text()[:500])


def summary(username: str, exercise) -> dict:
    return django(
        "import json; from learning.models import ExerciseSummary as E; s = E.objects.get(user__username="
        f"'{username}', exercise__topic_id='{exercise.topic_id}', exercise__slug='{exercise.id}'); "
        "print(json.dumps(dict(attempts=s.attempts, passes=s.passes)))"
    )


@pytest.mark.parametrize("fault", list(FAULTS))
def test_5_a_fault_with_submissions_in_flight_costs_no_verdict_and_counts_none_twice(bea, exercise, fault):
    page, expected = bea
    wrong = sorted(exercise.mutants.values())[0]
    page.goto(f"{URL}/topics/{exercise.topic_id}/{exercise.id}/")
    type_into_editor(page, SLEEP.format(tag=f"{fault}, page") + exercise.solution)
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#result .verdict")).to_contain_text(re.compile("Queued|Running"))
    answers = [(wrong, "failed"), (exercise.solution, "passed")]  # with the page's: 3, a learner's most pending
    for i, (code, _) in enumerate(answers):
        send(page, exercise, SLEEP.format(tag=f"{fault}, {i}") + code)
    expected += ["passed"] + [status for _, status in answers]

    started = time.monotonic()
    FAULTS[fault]()
    wait_healthy("postgres", "redis", "web")
    subs = wait_graded("bea", len(expected), timeout=300)
    timing(f"{fault}: every submission graded after the fault", time.monotonic() - started)
    assert [s["status"] for s in subs] == expected, subs
    assert summary("bea", exercise) == {"attempts": len(expected), "passes": expected.count("passed")}
    expect(page.locator("#result .verdict")).to_contain_text("Passed", timeout=60_000)  # no reload


def test_6_the_groundwork_client_follows_a_submission_on_the_stack(exercise, tmp_path):
    """The learner's own tools against the deployment: the `groundwork` command (installed from
    client/, as CI installs it) signs in with a token, fetches, then submits a wrong answer and a right
    one, each followed through the stack's event stream to its verdict."""
    from tests.test_client_cli import Cli

    token = django(
        "import json; from django.contrib.auth.models import User; from api.models import ApiToken; "
        "u = User.objects.get(username='ada'); print(json.dumps(ApiToken.issue(u, 'stack')[1]))"
    )
    cli = Cli(tmp_path)
    assert cli("login", URL, "--token", token).returncode == 0
    name = f"{exercise.topic_id}/{exercise.id}"
    fetched = cli("fetch", name)
    assert fetched.returncode == 0, fetched.stderr
    folder = tmp_path / exercise.topic_id / exercise.id
    source = folder / (exercise.id.replace("-", "_") + ".py")
    assert source.exists(), sorted(p.name for p in folder.iterdir())
    source.write_text(sorted(exercise.mutants.values())[0])
    wrong = cli("submit", cwd=folder)
    assert wrong.returncode == 1 and "Failed" in wrong.stdout, wrong.stdout + wrong.stderr
    source.write_text(exercise.solution)
    right = cli("submit", cwd=folder)
    assert right.returncode == 0 and "Passed" in right.stdout, right.stdout + right.stderr
