"""The client's exercise folder, for every exercise in content/: example.py parses and prints the example's
last value as the site's Run shows it, and each reference solution passes the checks made before sending."""
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
