"""The `groundwork` command end to end, as a learner runs it: a real process against a live test server (and,
for grading, the real Celery worker). Sign in, list topics, fetch, run the example, submit a wrong then a right
answer, follow each through the server's event stream (progress "test 3 of 8") and read the feedback; a bad or
revoked token, a server that is down, a file missing an entry point, and a submit that could not be sent and is
sent again."""

import json
import os
import socket
import stat
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.signals import request_started
from django.utils import timezone

from api.models import ApiToken
from conftest import solution_of
from learning.models import HintsRevealed, Submission

pytestmark = pytest.mark.django_db(transaction=True)
GROUNDWORK = Path(sys.executable).parent / "groundwork"
EXERCISE = "EI2/einsum-basics"


class Cli:
    """Runs `groundwork` in a folder of its own, with its config file there too (never the tester's own)."""

    def __init__(self, home: Path):
        self.home = home
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("GROUNDWORK_")}
        self.env.update(GROUNDWORK_CONFIG=str(home / "config.json"), NO_COLOR="1", COLUMNS="200")

    def __call__(self, *args, cwd=None, env=None, input=None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(GROUNDWORK), *args],
            cwd=cwd or self.home,
            env={**self.env, **(env or {})},
            input=input,
            capture_output=True,
            text=True,
            timeout=120,
        )


@pytest.fixture
def cli(tmp_path):
    return Cli(tmp_path)


@pytest.fixture
def grace(synced):
    user = User.objects.create_user("grace")
    return user, ApiToken.issue(user, "laptop")[1]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once it is closed


def signed_in(cli, live_server, token):
    done = cli("login", live_server.url, "--token", token)
    assert done.returncode == 0, done.stderr
    return done


def test_login_checks_the_token_and_keeps_it_readable_by_its_owner_only(cli, live_server, grace):
    done = cli("login", live_server.url, input=grace[1] + "\n")  # asked for, as a learner pastes it
    assert done.returncode == 0 and "as grace" in done.stdout
    saved = cli.home / "config.json"
    assert json.loads(saved.read_text()) == {"url": live_server.url, "token": grace[1]}
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600


def test_a_wrong_token_is_refused_at_login_and_nothing_is_saved(cli, live_server, grace):
    done = cli("login", live_server.url, "--token", "gw_copied-wrong")
    assert done.returncode == 1 and "not known here" in done.stderr and "groundwork login" in done.stderr
    assert "Traceback" not in done.stderr and not (cli.home / "config.json").exists()


def test_a_revoked_token_says_so_and_how_to_sign_in_again(cli, live_server, grace):
    signed_in(cli, live_server, grace[1])
    ApiToken.objects.filter(user=grace[0]).update(revoked_at=timezone.now())
    done = cli("topics")
    assert done.returncode == 1 and "revoked" in done.stderr and f"groundwork login {live_server.url}" in done.stderr


def test_a_server_that_is_down_gets_a_clear_message(cli, grace):
    url = f"http://127.0.0.1:{closed_port()}"
    done = cli("login", url, "--token", grace[1])
    assert done.returncode == 1 and f"Cannot reach the server at {url}" in done.stderr
    assert "Traceback" not in done.stderr


def test_commands_before_login_say_how_to_sign_in(cli):
    done = cli("topics")
    assert done.returncode == 1 and "Not signed in" in done.stderr and "groundwork login URL" in done.stderr


def test_topics_lists_each_topic_with_the_learners_state(cli, live_server, grace):
    signed_in(cli, live_server, grace[1])
    done = cli("topics")
    assert done.returncode == 0
    lines = {line.split()[0]: line for line in done.stdout.splitlines() if line.strip()}
    assert "available" in lines["PY1"] and "locked" in lines["TF8"] and "Next up: " in done.stdout
    listed = cli("fetch", "EI2")
    assert listed.returncode == 0 and "EI2/einsum-basics" in listed.stdout and "EI2/attn-scores" in listed.stdout
    where = cli("status")  # outside an exercise folder: where the learner stands
    assert where.returncode == 0 and f"Signed in to {live_server.url} as grace. Mastered 0 of" in where.stdout


def test_fetch_makes_a_folder_and_keeps_the_learners_file_when_fetched_again(cli, live_server, grace, synced):
    signed_in(cli, live_server, grace[1])
    done = cli("fetch", EXERCISE)
    assert done.returncode == 0, done.stderr
    folder = cli.home / "EI2" / "einsum-basics"
    spec = solution_of(synced, "EI2", "einsum-basics")
    assert (folder / "einsum_basics.py").read_text() == spec.starter
    assert spec.statement.splitlines()[0] in (folder / "README.md").read_text()
    assert "from einsum_basics import *" in (folder / "example.py").read_text()
    (folder / "einsum_basics.py").write_text("# my work\n")
    again = cli("fetch", EXERCISE)
    assert "kept as it was" in again.stdout and (folder / "einsum_basics.py").read_text() == "# my work\n"
    unknown = cli("fetch", "EI2/no-such-exercise")
    assert unknown.returncode == 1 and "has no exercise 'no-such-exercise'" in unknown.stderr


def test_run_calls_the_example_on_the_learners_machine(cli, live_server, grace, synced):
    signed_in(cli, live_server, grace[1])
    cli("fetch", EXERCISE)
    folder = cli.home / "EI2" / "einsum-basics"
    starter = cli("run", cwd=folder)
    assert starter.returncode == 1 and "NotImplementedError" in starter.stderr
    (folder / "einsum_basics.py").write_text(solution_of(synced, "EI2", "einsum-basics").solution)
    solved = cli("run", cwd=folder)
    assert solved.returncode == 0, solved.stderr
    assert "trace: tensor(12.)" in solved.stdout and "[  2.,  20., 200.]" in solved.stdout
    assert "tensor([[[" in solved.stdout  # the example's last line, batched_mm(a, b), is printed as on the site


def test_a_file_missing_an_entry_point_is_not_sent(cli, live_server, grace):
    signed_in(cli, live_server, grace[1])
    cli("fetch", EXERCISE)
    folder = cli.home / "EI2" / "einsum-basics"
    (folder / "einsum_basics.py").write_text("def batched_mm(a, b):\n    return a\n\ndef trace(m):\n    return m\n")
    done = cli("submit", cwd=folder)
    assert done.returncode == 1 and "does not define outer" in done.stderr and "Nothing was sent" in done.stderr
    (folder / "einsum_basics.py").write_text("def outer(u, v:\n")
    broken = cli("submit", cwd=folder)
    assert broken.returncode == 1 and "einsum_basics.py, line 1" in broken.stderr
    assert not Submission.objects.exists()


def test_a_submit_that_cannot_be_sent_is_kept_and_resent(cli, live_server, grace, synced):
    signed_in(cli, live_server, grace[1])
    cli("fetch", EXERCISE)
    folder = cli.home / "EI2" / "einsum-basics"
    code = solution_of(synced, "EI2", "einsum-basics").solution
    (folder / "einsum_basics.py").write_text(code)
    down = cli("submit", cwd=folder, env={"GROUNDWORK_URL": f"http://127.0.0.1:{closed_port()}"})
    assert down.returncode == 1 and "was not sent" in down.stderr and "groundwork submit --resend" in down.stderr
    assert json.loads((folder / ".groundwork-pending.json").read_text())["code"] == code
    (folder / "einsum_basics.py").write_text("# started over\n")  # the learner's file moves on; the kept one waits
    assert "waiting to be sent" in cli("status", cwd=folder).stdout
    resent = cli("submit", "--resend", cwd=folder, env={"GROUNDWORK_URL": "http://127.0.0.1:9"})  # down again
    assert resent.returncode == 1 and (folder / ".groundwork-pending.json").exists()
    Submission.objects.all().delete()
    cli.env["GROUNDWORK_URL"] = live_server.url
    sent = subprocess.Popen(
        [str(GROUNDWORK), "submit", "--resend"],
        cwd=folder,
        env=cli.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_until(lambda: not (folder / ".groundwork-pending.json").exists())  # the server took it
    sent.kill()  # no worker in this test: the verdict would never come; what counts is that it arrived
    sent.communicate()
    assert Submission.objects.get().code == code


def test_hint_opens_the_next_hint_one_at_a_time_as_the_page_does(cli, live_server, grace, synced):
    signed_in(cli, live_server, grace[1])
    cli("fetch", EXERCISE)
    folder = cli.home / "EI2" / "einsum-basics"
    hints = solution_of(synced, "EI2", "einsum-basics").hints
    none = cli("hint", "--shown", cwd=folder)
    assert none.returncode == 0 and f"No hint of {EXERCISE} is open yet ({len(hints)} in all)" in none.stdout
    first = cli("hint", cwd=folder)
    assert first.returncode == 0 and f"Hint 1 of {len(hints)}" in first.stdout and "Hint 2" not in first.stdout
    assert "Name every axis of every input with a letter" in " ".join(first.stdout.split())  # rich wraps lines
    assert HintsRevealed.objects.get(user=grace[0]).count == 1  # the page shows the same one open
    for number in range(2, len(hints) + 1):  # by name, from anywhere
        assert f"Hint {number} of {len(hints)}" in cli("hint", EXERCISE).stdout
    more = cli("hint", cwd=folder)
    assert more.returncode == 0 and f"All {len(hints)} hints of this exercise are shown already" in more.stdout
    shown = cli("hint", "--shown", cwd=folder).stdout
    assert all(f"Hint {n} of {len(hints)}" in shown for n in range(1, len(hints) + 1))


@contextmanager
def requests_seen():
    """The requests the live server (a thread of this process) takes meanwhile, as (method, path)."""
    seen = []

    def note(sender, environ, **kwargs):
        seen.append((environ["REQUEST_METHOD"], environ["PATH_INFO"]))

    request_started.connect(note)
    try:
        yield seen
    finally:
        request_started.disconnect(note)


def _wait_until(condition, timeout_s=30):
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "the re-sent submission never arrived"
        time.sleep(0.1)


@pytest.mark.integration
def test_submit_a_wrong_then_a_right_answer_and_read_the_feedback(
    cli, live_server, grace, synced, celery_worker_process
):
    signed_in(cli, live_server, grace[1])
    cli("fetch", EXERCISE)
    folder = cli.home / "EI2" / "einsum-basics"
    spec = solution_of(synced, "EI2", "einsum-basics")
    # Loading takes 4 s before the first test: a busy box's worker must not finish before the client follows it
    # (with 2 s, a CI box running the proof and the browsers beside it once connected too late).
    (folder / "einsum_basics.py").write_text(next(iter(spec.mutants.values())) + "\nimport time\ntime.sleep(4)\n")
    with requests_seen() as seen:
        wrong = cli("submit", cwd=folder)
    stored = Submission.objects.get()
    assert wrong.returncode == 1 and stored.status == "failed", wrong.stderr
    # followed through the page's push channel, one request, no polling; each change on its own line (piped)
    assert seen == [
        ("POST", "/api/v1/topics/EI2/exercises/einsum-basics/submissions"),
        ("GET", f"/api/v1/submissions/{stored.pk}/events"),
    ]
    total = len(stored.result["tests"])
    steps = [
        line
        for line in wrong.stderr.splitlines()
        if line.startswith(f"Submission #{stored.pk}: Running your code… test ")
    ]
    assert steps and all(f" of {total}: " in line for line in steps), wrong.stderr
    assert f"Submission #{stored.pk}: Failed (" in wrong.stdout
    for test in stored.result["tests"]:  # each test with its mark and the page's own message
        assert f"{'✓' if test['status'] == 'passed' else '✗'} {test['name']}" in wrong.stdout
        assert not test["message"] or test["message"].splitlines()[0] in wrong.stdout
    assert any(t["status"] == "failed" and t["message"] for t in stored.result["tests"])

    (folder / "einsum_basics.py").write_text(spec.solution)
    right = cli("submit", cwd=folder)
    assert right.returncode == 0, right.stdout + right.stderr
    passed = Submission.objects.latest("pk")
    assert passed.status == "passed" and f"Submission #{passed.pk}: Passed, all tests ✓" in right.stdout
    status = cli("status", cwd=folder)
    assert f"Submission #{passed.pk}: Passed, all tests ✓" in status.stdout
