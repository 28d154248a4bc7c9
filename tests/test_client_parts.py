"""The client's parts that need no platform: the exercise folder for every exercise in content/ (example.py
parses and prints the example's last value as the site's Run shows it; each reference solution passes the checks
made before sending), and following a verdict: through the event stream, again after a dropped stream, by polling
on a server without the stream, through the API's rate limit. Real HTTP servers on this machine stand in for the
platform where a fault is needed that the platform would not make on demand."""

import ast
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from groundwork import workspace


def test_every_exercise_gets_an_example_script_that_parses(content_topics):
    for topic in content_topics.values():
        for e in topic.exercises:
            script = workspace.example_script(e.example, workspace.module_name(e.id))
            ast.parse(script, f"{topic.id}/{e.id}/example.py")
            assert f"from {workspace.module_name(e.id)} import *" in script


def test_the_last_expression_is_printed_and_its_comment_kept():
    script = workspace.example_script("x = 2\nsquare(\n    x)  # 4\n", "ex")
    assert script.endswith("x = 2\nprint(repr(square(\n    x)))  # 4\n")
    assert workspace.example_script("print(f(1))\n", "ex").splitlines()[-1] == "print(f(1))"


def test_reference_solutions_pass_the_checks_made_before_sending(content_topics):
    for topic in content_topics.values():
        for e in topic.exercises:
            assert workspace.problem_with(e.solution, e.entry_points, "f.py") is None, f"{topic.id}/{e.id}"


def test_a_missing_entry_point_or_a_syntax_error_is_found_before_sending():
    entry_points = ["f", "g"]
    assert "does not define g" in workspace.problem_with("def f(): pass\n", entry_points, "f.py")
    assert workspace.problem_with("from m import f\ng = f\n", entry_points, "f.py") is None
    assert "f.py, line 1" in workspace.problem_with("def f(:\n", entry_points, "f.py")


@pytest.fixture
def serve():
    """serve(do_GET) runs a real HTTP server on this machine with that handler; yields its URL."""
    servers = []

    def start(do_get):
        handler = type("Handler", (BaseHTTPRequestHandler,), {"do_GET": do_get, "log_message": lambda *a: None})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server in servers:
        server.shutdown()


def frame(state: str, headline: str) -> bytes:
    return f"event: state\ndata: {json.dumps({'id': 7, 'state': state, 'headline': headline})}\n\n".encode()


RUNNING = "Submission #7: Running your code… test 2 of 3: shapes"
PASSED = "Submission #7: Passed, all tests ✓"


def test_a_dropped_stream_is_opened_once_more_and_starts_where_the_submission_is(serve):
    """The first stream breaks off mid-body (its length promised more); the second starts with the current state."""
    from groundwork import api

    opened = []

    def do_get(self):
        opened.append((self.path, self.headers["Authorization"], self.headers["Accept"]))
        body = (
            frame("queued", "Submission #7: Queued, waiting for a grader…")
            if len(opened) == 1
            else b": ping\n\n" + frame("running", RUNNING) + frame("done", PASSED)
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Content-Length", str(len(body) + (1000 if len(opened) == 1 else 0)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    seen = []
    with api.Client(serve(do_get), "gw_t") as client:
        done = client.follow(7, lambda s: seen.append(s["headline"]))
    assert done["headline"] == PASSED and seen == ["Submission #7: Queued, waiting for a grader…", RUNNING, PASSED]
    assert opened == [("/api/v1/submissions/7/events", "Bearer gw_t", "text/event-stream")] * 2


def test_a_stream_dropped_twice_falls_back_to_reading_the_submission(serve):
    from groundwork import api

    paths = []

    def do_get(self):
        paths.append(self.path)
        streaming = self.path.endswith("/events")
        body = (
            frame("running", RUNNING)
            if streaming
            else json.dumps({"id": 7, "state": "done", "headline": PASSED}).encode()
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream" if streaming else "application/json")
        self.send_header("Content-Length", str(len(body) + (1000 if streaming else 0)))
        self.end_headers()
        self.wfile.write(body)

    with api.Client(serve(do_get), "gw_t") as client:
        assert client.follow(7)["headline"] == PASSED
    assert paths == ["/api/v1/submissions/7/events"] * 2 + ["/api/v1/submissions/7"]


def test_following_a_verdict_on_a_server_without_the_stream_polls_through_the_rate_limit(serve, monkeypatch):
    """An older server: no event stream (404); the submission is read until its verdict, waiting out a 429."""
    from groundwork import api

    answers = [
        (404, {"detail": "Not Found"}, {}),
        (429, {"detail": "Too many requests"}, {"Retry-After": "1"}),
        (200, {"id": 7, "state": "running", "headline": "Submission #7: Running your code…"}, {}),
        (200, {"id": 7, "state": "done", "headline": "Submission #7: Passed, all tests ✓"}, {}),
    ]
    paths = []

    def do_get(self):
        paths.append((self.path, self.headers["Authorization"]))
        status, body, headers = answers.pop(0)
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(json.dumps(body).encode())

    monkeypatch.setattr(api, "POLL_S", 0.01)
    seen = []
    with api.Client(serve(do_get), "gw_t") as client:
        done = client.follow(7, lambda s: seen.append(s["state"]))
    assert done["headline"] == "Submission #7: Passed, all tests ✓" and seen == ["running", "done"]
    assert paths == [("/api/v1/submissions/7/events", "Bearer gw_t")] + [("/api/v1/submissions/7", "Bearer gw_t")] * 3


def test_both_readmes_show_every_command_the_client_has():
    from pathlib import Path

    from groundwork.cli import main

    root = Path(__file__).parents[1]
    for readme in (root / "README.md", root / "client" / "README.md"):
        text = readme.read_text()
        missing = [name for name in main.commands if f"groundwork {name}" not in text]
        assert not missing, f"{readme} does not show: {missing}"


def test_a_run_whose_example_differs_is_yellow_with_both_values_and_one_that_matches_is_not_green():
    from rich.console import Console

    from groundwork import feedback

    differs = {
        "state": "done",
        "status": "ran",
        "url": "u",
        "headline": "Run #1: Ran the example: it differs from the statement's expected value",
        "result": {
            "status": "ran",
            "value": {
                "type": "Tensor",
                "repr": "tensor([1., 2.])",
                "shape": [2],
                "dtype": "float32",
                "device": "cpu",
                "expected": {
                    "matches": False,
                    "expected": "tensor([1., 3.])",
                    "message": "1 of 2 entries of `f(x)` differ; the largest error is 1 at [1]",
                },
            },
        },
    }
    assert feedback.colour(differs) == "yellow"
    console = Console(record=True, width=120)
    console.print(feedback.render(differs))
    text = console.export_text()
    assert "the statement expects:\ntensor([1., 3.])\n1 of 2 entries of `f(x)` differ" in text
    assert "the statement expects" in feedback.to_html(differs) and "#9a6700" in feedback.to_html(differs)
    matches = dict(
        differs,
        result={"status": "ran", "value": {"type": "int", "repr": "3", "expected": {"matches": True, "expected": "3"}}},
    )
    assert feedback.colour(matches) != "green" and feedback.colour(dict(matches, result={})) != "green"
    assert "Your example gives the value the statement expects" in "\n".join(
        feedback.value_lines(matches["result"]["value"])
    )
