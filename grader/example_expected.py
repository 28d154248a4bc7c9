"""The value an exercise's example should produce, and the checker's comparison with it.

An exercise may declare, in exercise.yaml, what its example (the Run button) should give:

    example_expected:
      value: "torch.tensor([[1.0, 0.8944], [0.8944, 1.0]], dtype=torch.float64)"
      atol: 0.0001          # optional; rtol too. Without them, the grader's default for the dtype

`value` is a Python expression (torch and math in scope), evaluated by the checker: content is as
trusted as check.py, and the learner's value is judged here, never in the learner's process. The
parsed field travels in the check bundle (BUNDLE_FILE), so the bundle hash covers it.
parse() needs no torch: the content loader uses it to report a bad field by its path.
"""

import ast
import json
import math

KEYS = {"value", "atol", "rtol"}


def parse(config: dict, where: str, problems: list) -> dict | None:
    """The field as {"value": expression, "atol": float | None, "rtol": float | None}, or None when absent
    or wrong (each problem appended to `problems`, naming `where`)."""
    spec = config.get("example_expected")
    if spec is None:
        return None
    if isinstance(spec, str):
        spec = {"value": spec}
    if not isinstance(spec, dict) or not isinstance(spec.get("value"), str) or not spec["value"].strip():
        problems.append(
            f"{where}: example_expected must be a Python expression in quotes, or a mapping with "
            "`value` (that expression) and optional `atol` and `rtol`"
        )
        return None
    parsed, ok = {"value": spec["value"].strip()}, True
    unknown = set(spec) - KEYS
    if unknown:
        problems.append(f"{where}: example_expected has unknown keys {sorted(unknown)}; known: {sorted(KEYS)}")
        ok = False
    try:
        ast.parse(parsed["value"], "example_expected", mode="eval")
    except SyntaxError as e:
        problems.append(f"{where}: example_expected value is not a Python expression ({e.msg}): {parsed['value']!r}")
        ok = False
    for key in ("atol", "rtol"):
        parsed[key] = _tolerance(spec.get(key), f"{where}: example_expected {key}", problems)
        ok = ok and parsed[key] != -1.0
    if not str(config.get("example") or "").strip():
        problems.append(f"{where}: example_expected needs an `example` whose last line is the value to compare")
        ok = False
    return parsed if ok else None


def _tolerance(raw, where: str, problems: list):
    """None (the dtype's default), a non-negative float, or -1.0 after reporting a problem."""
    if raw is None:
        return None
    try:  # YAML 1.1 reads 1e-4 (no dot) as a string; accept it as the number it plainly is
        value = float(raw) if not isinstance(raw, bool) else math.nan
    except (TypeError, ValueError):
        value = math.nan
    if not math.isfinite(value) or value < 0:
        problems.append(f"{where} must be a number >= 0, not {raw!r}")
        return -1.0
    return value


BUNDLE_FILE = "example_expected.json"  # the parsed field, as the content loader puts it in the check bundle


def to_bundle(spec: dict) -> str:
    return json.dumps(spec, sort_keys=True)


def from_bundle(bundle: dict) -> dict | None:
    """The parsed field from the job's bundle (None when there is none, or it is malformed). JSON, not YAML:
    the checker reads it with the standard library only."""
    try:
        spec = json.loads(bundle.get(BUNDLE_FILE) or "null")
    except ValueError:
        return None
    if not isinstance(spec, dict) or not isinstance(spec.get("value"), str):
        return None
    return spec


def judge(example: str, encoded, spec: dict) -> dict:
    """Compare the learner's example value (as it crossed the wire) with the expected one, here in the
    checker. Returns {"matches", "message", "expected"} for the page, in the voice of grader.compare."""
    import torch

    from grader import wire

    name = _last_expression(example)
    try:
        expected = eval(compile(spec["value"], "example_expected", "eval"), {"torch": torch, "math": math})
    except Exception as e:  # the exercise's own mistake; `manage.py content validate` catches it first
        return {
            "matches": False,
            "expected": "",
            "message": "This exercise's expected value could not be built "
            f"({type(e).__name__}: {e}); a bug in the exercise, not your code.",
        }
    shown = {"expected": wire.short_repr(expected, limit=4000)}
    try:
        got = wire.decode(encoded)
    except (KeyError, TypeError, ValueError, IndexError, RuntimeError):
        return dict(shown, matches=False, message=f"`{name}` gave a value the grader could not read back.")
    try:
        problem = _compare(got, expected, name, spec)
    except Exception as e:  # values of odd types (a tensor inside a dict, say): never a false "matches"
        problem = (f"`{name}` gave a value that could not be compared with the expected one ({type(e).__name__}).",)
    return dict(shown, matches=problem is None, message=problem[0] if problem else "")


def _compare(got, expected, name: str, spec: dict):
    """None, or (message, details): tensors and floats within the tolerance, tuples and lists item by
    item, anything else exactly (grader.compare's messages)."""
    import torch

    from grader import compare

    if isinstance(expected, torch.Tensor):
        return compare.tensors(got, expected, name=name, rtol=spec.get("rtol"), atol=spec.get("atol"))
    if isinstance(expected, float) and _number(got):
        return _numbers(got, expected, name, spec)
    if isinstance(expected, (tuple, list)) and type(got) is type(expected) and len(got) == len(expected):
        for i, (g, e) in enumerate(zip(got, expected)):
            problem = _compare(g, e, f"{name}[{i}]", spec)
            if problem:
                return problem
        return None
    return compare.values(got, expected, name=name)


def _numbers(got, expected: float, name: str, spec: dict):
    from grader import compare

    atol = 1e-12 if spec.get("atol") is None else spec["atol"]
    rtol = 1e-9 if spec.get("rtol") is None else spec["rtol"]
    if math.isclose(got, expected, rel_tol=rtol, abs_tol=atol):
        return None
    return (
        f"`{name}` gave {compare.pair_text(float(got), expected)}; the difference is "
        f"{compare.number_text(abs(got - expected))} "
        f"(allowed: {compare.number_text(max(atol, rtol * abs(expected)))}).",
        {},
    )


def _number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _last_expression(example: str) -> str:
    """The example's last line as the learner reads it: `cos_sim_matrix(X)`."""
    try:
        tree = ast.parse(example)
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            text = ast.get_source_segment(example, tree.body[-1].value) or ""
            if text and len(text) <= 80 and "\n" not in text:
                return text
    except SyntaxError:
        pass
    return "your example"
