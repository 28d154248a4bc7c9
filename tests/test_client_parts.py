"""The client's parts that need no platform: the exercise folder for every exercise in content/ (example.py
parses and prints the example's last value as the site's Run shows it; each reference solution passes the checks
made before sending), and following a verdict through the API's rate limit."""
import ast

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


def test_following_a_verdict_waits_out_the_rate_limit(monkeypatch):
    """A real HTTP server that answers 429 once, as the API does over its rate, then the verdict."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from groundwork import api

    answers = [(429, {"detail": "Too many requests"}, {"Retry-After": "1"}),
               (200, {"id": 7, "state": "running", "headline": "Submission #7: Running your code…"}, {}),
               (200, {"id": 7, "state": "done", "headline": "Submission #7: Passed, all tests ✓"}, {})]
    paths = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            paths.append((self.path, self.headers["Authorization"]))
            status, body, headers = answers.pop(0)
            self.send_response(status)
            for name, value in {"Content-Type": "application/json", **headers}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(json.dumps(body).encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(api, "POLL_S", 0.01)
    seen = []
    try:
        with api.Client(f"http://127.0.0.1:{server.server_port}", "gw_t") as client:
            done = client.follow(7, lambda s: seen.append(s["state"]))
    finally:
        server.shutdown()
    assert done["headline"] == "Submission #7: Passed, all tests ✓" and seen == ["running", "done"]
    assert paths == [("/api/v1/submissions/7", "Bearer gw_t")] * 3


def test_a_run_whose_example_differs_is_yellow_with_both_values_and_one_that_matches_is_not_green():
    from rich.console import Console

    from groundwork import feedback

    differs = {"state": "done", "status": "ran", "url": "u", "headline": "Run #1: Ran the example: it differs from "
               "the statement's expected value", "result": {"status": "ran", "value": {
                   "type": "Tensor", "repr": "tensor([1., 2.])", "shape": [2], "dtype": "float32", "device": "cpu",
                   "expected": {"matches": False, "expected": "tensor([1., 3.])",
                                "message": "1 of 2 entries of `f(x)` differ; the largest error is 1 at [1]"}}}}
    assert feedback.colour(differs) == "yellow"
    console = Console(record=True, width=120)
    console.print(feedback.render(differs))
    text = console.export_text()
    assert "the statement expects:\ntensor([1., 3.])\n1 of 2 entries of `f(x)` differ" in text
    assert "the statement expects" in feedback.to_html(differs) and "#9a6700" in feedback.to_html(differs)
    matches = dict(differs, result={"status": "ran", "value": {"type": "int", "repr": "3",
                                                               "expected": {"matches": True, "expected": "3"}}})
    assert feedback.colour(matches) != "green" and feedback.colour(dict(matches, result={})) != "green"
    assert "Your example gives the value the statement expects" in "\n".join(
        feedback.value_lines(matches["result"]["value"]))
