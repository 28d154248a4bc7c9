"""One test (or a few) per cause of issue 15: each fact a check relies on reaches it, each rule is
judged where the learner cannot undo it, and each message says what really differs."""

import pytest
import torch

from grader import compare, wire
from grader.backends import get_backend
from grader.protocol import Job, Limits


# Cause 1: the wire keeps the facts checks rely on.
def test_requires_grad_survives_the_wire_for_leaves_and_results():
    leaf = torch.ones(3, dtype=torch.float64, requires_grad=True)
    assert wire.decode(wire.encode(leaf)).requires_grad
    assert wire.decode(wire.encode(leaf * 2)).requires_grad
    assert not wire.decode(wire.encode(torch.ones(3))).requires_grad


def test_views_keep_their_storage_offset_and_strides():
    base = torch.arange(20.0).reshape(4, 5)
    for view in (base[2], base[1:, 2:], base[1:, 2:].T, base.T[3]):
        got = wire.decode(wire.encode(view))
        assert torch.equal(got, view)
        assert (got.storage_offset(), got.stride()) == (view.storage_offset(), view.stride())


def test_a_huge_storage_offset_is_not_padded_without_bound():
    fields = wire.encode(torch.arange(3.0))["__tensor__"]
    fields.update(stride=[1], offset=10**12)
    got = wire.decode({"__tensor__": fields})
    assert torch.equal(got, torch.arange(3.0)) and got.storage_offset() == 0


# Cause 7: float messages show the difference and name float32 rounding.
def test_close_numbers_are_shown_with_enough_digits_to_differ():
    expected = torch.tensor([-2.69920001234], dtype=torch.float64)
    message, _ = compare.tensors(expected + 3e-9, expected, name="f")
    got_text, expected_text = message.split("(got ")[1].split(")")[0].split(", expected ")
    assert got_text != expected_text


def test_a_float32_computation_is_named_and_accepted_at_float32_precision():
    expected = torch.tensor([-2.69920001234, 1.0 / 3], dtype=torch.float64)
    got = expected.float().double()
    message, details = compare.tensors(got, expected, name="f")
    assert "float32 rounding" in message and details["float32_rounding"]
    assert compare.tensors(got, expected, name="f", precision="float32") is None
    wrong = compare.tensors(expected * 1.001, expected, name="f", precision="float32")
    assert wrong is not None and "float32 rounding" not in wrong[0]


# Cause 2: input changes and global-state leaks are judged in the checker, against its own copies.
STATE_CHECK = """
import torch
from grader.checks import test, learner, expect, expect_tensor, rules

@test("scale")
def scale():
    expect_tensor(learner.scale(torch.ones(3, dtype=torch.float64)), 2 * torch.ones(3, dtype=torch.float64))

@test("tally")
def tally():
    expect(learner.tally({"a": 1}, ["x", "y"]) == {"a": 1, "n": 2}, "wrong tally")
"""
GOOD_STATE = """import torch
def scale(x):
    return x * 2
def tally(counts, items):
    return {**counts, "n": len(items)}
"""


def grade_state(code, check=STATE_CHECK):
    job = Job(code=code, bundle={"check.py": check}, entry_points=["scale", "tally"], limits=Limits(wall_s=5), seed=1)
    return get_backend("process").run(job)


def first_failure(result):
    return next(t.message for t in result.tests if t.status != "passed")


def test_a_correct_answer_passes_every_state_rule():
    assert grade_state(GOOD_STATE).status == "passed"


@pytest.mark.parametrize(
    "scale, tally, message",
    [
        # escape 8 of issue 13: torch.equal replaced in the learner's process no longer hides the change
        ("torch.equal = lambda *a: True\n    x.mul_(2)\n    return x.clone()", None, "changed its input `x` in place"),
        (None, "counts['n'] = len(items)\n    return dict(counts)", "`counts`, which it was given: the key 'n' added"),
        (None, "n = len(items)\n    items.clear()\n    return {**counts, 'n': n}", "has 0 after the call (emptied)"),
        (None, "counts['n'] = len(items)\n    return counts", "`counts`"),
        (None, "c = dict(counts); c['n'] = len(items); items.append(1)\n    return c", "(grown)"),
        ("torch.set_grad_enabled(False)\n    return x * 2", None, "left gradient tracking switched off"),
        ("torch.set_default_dtype(torch.float64)\n    return x * 2", None, "changed torch's default dtype"),
    ],
)
def test_changed_inputs_and_leaked_global_state_fail_with_what_changed(scale, tally, message):
    code = GOOD_STATE
    if scale:
        code = code.replace("return x * 2", scale)
    if tally:
        code = code.replace('return {**counts, "n": len(items)}', tally)
    result = grade_state(code)
    assert result.status == "failed" and message in first_failure(result), result.tests


def test_returning_a_dict_argument_itself_fails_even_unchanged():
    code = GOOD_STATE.replace(
        'return {**counts, "n": len(items)}', 'return counts if len(items) > 5 else {**counts, "n": len(items)}'
    )
    assert grade_state(code).status == "passed"
    check = STATE_CHECK.replace(
        'learner.tally({"a": 1}, ["x", "y"]) == {"a": 1, "n": 2}', 'learner.tally({"a": 1}, list(range(6))) == {"a": 1}'
    )
    result = grade_state(code, check)
    assert "returned its input `counts` itself as the result, not a new dict" in first_failure(result)


def test_the_global_rng_rule_applies_only_where_the_exercise_sets_it():
    code = GOOD_STATE.replace("return x * 2", "torch.manual_seed(0)\n    return x * 2")
    assert grade_state(code).status == "passed"
    strict = STATE_CHECK.replace('@test("scale")', 'rules(keep_global_rng=True)\n\n@test("scale")')
    assert "torch's global random generator" in first_failure(grade_state(code, strict))
    assert grade_state(GOOD_STATE, strict).status == "passed"


# Cause 10: a mutant's hint is matched at the check's tolerance, only where the mutant is wrong, once.
HINT_CHECK = """
import torch
from grader.checks import test, learner, expect_tensor

@test("positive inputs")
def positive():
    x = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
    expect_tensor(learner.f(x), x.abs() * 2)

@test("mixed inputs")
def mixed():
    x = torch.tensor([-1.0, 2.0, -3.0], dtype=torch.float64)
    expect_tensor(learner.f(x), x.abs() * 2)

@test("mixed inputs again")
def mixed_again():
    x = torch.tensor([-2.0, 1.0, -5.0], dtype=torch.float64)
    expect_tensor(learner.f(x), x.abs() * 2)
"""
NO_ABS = '"""HINT: the absolute value is missing."""\\ndef f(x):\\n    return x * 2\\n'


def grade_hint(body):
    job = Job(
        code=f"import torch\ndef f(x):\n    return {body}\n",
        entry_points=["f"],
        limits=Limits(wall_s=5),
        seed=1,
        bundle={"check.py": HINT_CHECK, "mutants/no_abs.py": NO_ABS.encode().decode("unicode_escape")},
    )
    return [t.message for t in get_backend("process").run(job).tests]


def test_a_hint_is_shown_once_where_the_mutant_is_wrong_and_at_the_checks_tolerance():
    messages = grade_hint("x * 2")  # the mutant itself: right on positive inputs, wrong on mixed ones
    assert messages[0] == "" and sum("HINT" in m for m in messages) == 1 and "HINT" in messages[1]
    assert not any("HINT" in m for m in grade_hint("x * 3"))  # wrong everywhere, another mistake
    # 1e-8 away from the mutant: within the old loose matching, outside the float64 check's tolerance
    assert not any("HINT" in m for m in grade_hint("x * 2 * (1 + 1e-8)"))


def test_a_hint_that_quotes_the_line_it_gets_wrong_is_a_content_error():
    from curriculum.mutant_specs import answer_in_hint

    solution = "def f(xs):\n    total = sum(x * x for x in xs)\n    return total\n"
    leaky = '"""Squares are missing: write total = sum(x * x for x in xs)."""\n' + solution.replace("x * x", "x")
    honest = '"""Squares are missing: square each item before adding."""\n' + solution.replace("x * x", "x")
    assert answer_in_hint(solution, leaky) == "total = sum(x * x for x in xs)"
    assert answer_in_hint(solution, honest) == ""


# Cause 11: a broken mutant costs its own hint, never the reference's verdict or another mutant's hint.
def test_a_mutant_with_a_syntax_error_or_an_exit_is_skipped_in_grading():
    bundle = {
        "check.py": HINT_CHECK,
        "mutants/broken.py": "def f(x)\n    return x\n",
        "mutants/exits.py": '"""Exits."""\nraise SystemExit(3)\n',
        "mutants/no_abs.py": NO_ABS.encode().decode("unicode_escape"),
    }
    backend = get_backend("process")
    for code, status in (
        ("import torch\ndef f(x):\n    return x.abs() * 2\n", "passed"),
        ("def f(x):\n    return x * 2\n", "failed"),
    ):
        result = backend.run(Job(code=code, bundle=bundle, entry_points=["f"], limits=Limits(wall_s=5), seed=1))
        assert result.status == status, result.message
    assert "HINT" in result.tests[1].message


def test_a_float32_answer_of_the_right_shape_to_rotate_qk_fails_clearly(content_topics):
    from curriculum.validate import job_for

    exercise = next(e for e in content_topics["LA4"].exercises if e.id == "rotate-qk")
    code = "import torch\ndef rotate_qk(W_Q, W_K, R):\n    return (R.T @ W_Q).float(), (R.T @ W_K).float()\n"
    result = get_backend("process").run(job_for(exercise, code))
    assert result.status == "failed", (result.message, result.stderr)
    assert all(t.status == "passed" or t.message.startswith("Expected a float64 tensor") for t in result.tests)


# Cause 9: banned names resolved through imports; a run-time block as a second layer.
AUTOGRAD_BANS = ["autograd", "backward", "jacobian", "vjp", "requires_grad_", "torch.autograd.functional"]


@pytest.mark.parametrize(
    "code, banned, shown",
    [
        ("import torch.nn.functional as F\ndef f(x):\n    return F.relu(x) + F.softmax(x, -1)\n", AUTOGRAD_BANS, None),
        ("from torch import nn\ndef f(x):\n    return nn.functional.gelu(x)\n", AUTOGRAD_BANS, None),
        (
            "from torch.autograd import grad\ndef f(y, x):\n    return grad(y, x)\n",
            AUTOGRAD_BANS,
            "torch.autograd.grad",
        ),
        ("from torch.autograd.functional import jacobian as J\n", AUTOGRAD_BANS, "torch.autograd.functional.jacobian"),
        (
            "import torch.nn.functional as F\ndef f(q, k, v):\n    return F.scaled_dot_product_attention(q, k, v)\n",
            ["torch.nn.functional.scaled_dot_product_attention"],
            "torch.nn.functional.scaled_dot_product_attention",
        ),
        (
            "import torch\ndef f(x):\n    return torch.softmax(x, -1)\n",
            ["torch.nn.functional.scaled_dot_product_attention"],
            None,
        ),
        ("def f(a, b):\n    return a.__matmul__(b)\n", ["@"], "a.__matmul__"),
        ("import operator\ndef f(a, b):\n    return operator.matmul(a, b)\n", ["@"], "operator.matmul"),
        (
            "import operator\ndef f(a, b):\n    return operator.methodcaller('mat' + 'mul', b)(a)\n",
            ["matmul"],
            "methodcaller",
        ),
        ("import operator\ndef f(t):\n    return operator.attrgetter('linalg.solve')(t)\n", ["solve"], "attrgetter"),
        ("def f(a):\n    return getattr(a, 'shape')\n", ["solve"], None),
        ("import sys\ndef f(a):\n    return sys.modules['torch'].linalg.solve\n", ["solve"], "sys.modules"),
        ("def f(a):\n    g = getattr\n    return g(a, 'x')\n", ["x"], "getattr"),
    ],
)
def test_the_static_scan_resolves_imports_and_catches_dynamic_routes(code, banned, shown):
    from grader.banned import static_uses

    uses = [text for text, _ in static_uses(code, banned)]
    assert (shown in uses[0]) if shown else uses == [], uses


BMM_CHECK = """
import torch
from grader.checks import test, learner, expect_tensor, rand

@test("matches a @ b")
def random_inputs():
    a, b = rand(2, 3, 4), rand(2, 4, 5)
    expect_tensor(learner.bmm(a, b), a @ b)
"""


def test_the_runtime_block_stops_the_learners_banned_calls_and_names_the_rule():
    from grader.banned import BannedFunction, RuntimeBlock

    scope = {}
    exec(
        compile(
            "import torch\ndef bmm(a, b):\n    return a @ b\ndef mine(a, b):\n    return torch.einsum("
            "'bij,bjk->bik', a, b)\n",
            "solution.py",
            "exec",
        ),
        scope,
    )
    a = torch.ones(2, 3, 4)
    with RuntimeBlock(["@", "bmm"], "solution.py"):
        with pytest.raises(BannedFunction, match=r"`Tensor.matmul` is not allowed in this exercise \(banned: `@`\)"):
            scope["bmm"](a, a.transpose(1, 2))
        assert scope["mine"](a, a.transpose(1, 2)).shape == (2, 3, 3)
        assert torch.bmm(a, a.transpose(1, 2)).shape == (2, 3, 3)  # check code (another file) may use it


def test_a_banned_call_fails_every_test_it_reaches_with_the_rule_named():
    job = Job(
        code="def bmm(a, b):\n    return a @ b\n",
        bundle={"check.py": BMM_CHECK},
        entry_points=["bmm"],
        banned=["@"],
        limits=Limits(wall_s=5),
        seed=1,
    )
    result = get_backend("process").run(job)
    assert result.status == "failed" and "`@` (line 2)" in result.tests[0].message
    assert "(banned: `@`)" in result.tests[1].message


# Cause 8: heavy imports are prepared before the learner's clock starts.
def test_heavy_imports_are_found_in_the_code_and_the_bundle_and_widen_the_deadline():
    from grader import preimport
    from grader.backends.common import job_deadline

    driver = "def run(cfg):\n    from transformer_lens import HookedTransformer\n"
    assert preimport.heavy_imports("import torch\n", {"check.py": driver, "data/x.bin": "aW1wb3J0"}) == [
        "transformer_lens"
    ]
    assert preimport.heavy_imports("import transformers_extra\n# import transformer_lens\n", {}) == []
    light = Job(code="import torch\n", bundle={}, entry_points=["f"])
    heavy = Job(code="import transformer_lens as tl\n", bundle={}, entry_points=["f"])
    assert job_deadline(heavy, 0) - job_deadline(light, 0) == preimport.PREPARE_S


def test_importing_transformer_lens_is_not_charged_to_a_short_time_limit():
    code = "import transformer_lens\ndef f(x):\n    return transformer_lens.__name__\n"
    check = (
        "from grader.checks import test, learner, expect_equal\n@test('name')\ndef name():\n"
        "    expect_equal(learner.f(1), 'transformer_lens')\n"
    )
    job = Job(code=code, bundle={"check.py": check}, entry_points=["f"], limits=Limits(wall_s=1, cpu_s=2), seed=1)
    result = get_backend("process").run(job)
    assert result.status == "passed", result.message


# Causes 4 and 6: the shared module runner runs in eval() mode; gradients and training are checked.
def grade_attention(content_topics, edit):
    from curriculum.validate import job_for

    exercise = next(e for e in content_topics["TF4"].exercises if e.id == "attention")
    code = edit(exercise.solution)
    assert code != exercise.solution
    return get_backend("process").run(job_for(exercise, code))


def test_a_correct_module_with_dropout_passes(content_topics):
    result = grade_attention(
        content_topics,
        lambda s: s.replace(
            "        self.b_O = nn.Parameter(torch.zeros(E))\n",
            "        self.b_O = nn.Parameter(torch.zeros(E))\n        self.drop = nn.Dropout(0.5)\n",
        ).replace("softmax(dim=-1)\n", "softmax(dim=-1)\n        pattern = self.drop(pattern)\n"),
    )
    assert result.status == "passed", [t.message for t in result.tests if t.status != "passed"]


def test_a_module_that_cuts_a_weight_from_the_graph_fails_the_gradient_and_training_tests(content_topics):
    result = grade_attention(content_topics, lambda s: s.replace("x, self.W_Q, ", "x, self.W_Q.data, "))
    failed = {t.name.split(":")[0]: t.message for t in result.tests if t.status != "passed"}
    assert list(failed) == ["gradients flow", "training"], failed
    assert "No gradient reaches `W_Q`" in failed["gradients flow"]


# Cause 3: optional arguments are varied, and one that is ignored is named.
@pytest.mark.parametrize(
    "edit, ignored",
    [
        (lambda s: s.replace("theta += lr * grad", "theta += 0.5 * grad"), "lr"),
        (lambda s: s.replace("for _ in range(steps):", "for _ in range(500):"), "steps"),
    ],
)
def test_an_ignored_optional_argument_is_named(content_topics, edit, ignored):
    from curriculum.validate import job_for

    exercise = next(e for e in content_topics["PR3"].exercises if e.id == "fit-categorical")
    result = get_backend("process").run(job_for(exercise, edit(exercise.solution)))
    failed = [t.message for t in result.tests if t.status != "passed"]
    assert any(f"it should depend on `{ignored}`" in m for m in failed), failed


# Cause 5: ties, zeros, exact thresholds, non-square layers, and init checks that look at the distribution.
def test_edge_inputs_have_the_ties_zeros_and_exact_values_they_promise():
    from grader import edges

    logits = edges.tied_logits(4, 6, 3)
    top = logits.sort(dim=1, descending=True).values
    assert torch.equal(top[:, 2], top[:, 3])
    assert (top[:, :3].diff(dim=1) < 0).all() and (top[:, 3:].diff(dim=1) < 0).all()
    probs = edges.probs_with_zeros(3, 7, 2)
    assert ((probs == 0).sum(dim=1) == 2).all() and torch.allclose(probs.sum(dim=1), torch.ones(3, dtype=torch.float64))
    assert edges.exactly(0.375, torch.float32) == 0.375
    with pytest.raises(AssertionError):
        edges.exactly(0.1, torch.float32)
    assert all(o != i for o, i in edges.layer_shapes()) and len({s for pair in edges.layer_shapes() for s in pair}) == 6


@pytest.mark.parametrize(
    "make, kind, wrong",
    [
        (lambda b: torch.empty(48, 64).uniform_(-b, b), "uniform", None),
        (lambda b: torch.empty(48, 64).uniform_(0, b), "uniform", "centred on 0"),
        (lambda b: torch.empty(48, 64).uniform_(-1 / 48**0.5, 1 / 48**0.5), "uniform", "standard deviation"),
        (lambda b: torch.randn(48, 64) * b / 3**0.5, "uniform", "uniform distribution"),
        (lambda b: torch.randn(48, 64) * b / 3**0.5, "normal", None),
    ],
)
def test_init_checks_judge_the_distribution_not_only_the_size(make, kind, wrong):
    from grader.checks import CheckFailed
    from grader.edges import expect_init

    torch.manual_seed(0)
    bound = 1 / 64**0.5  # nn.Linear(64, 48): fan_in 64, weight of shape (48, 64)
    try:
        expect_init(make(bound), name="W", std=bound / 3**0.5, kind=kind)
        message = None
    except CheckFailed as e:
        message = e.message
    assert (wrong in message) if wrong else message is None, message


def test_arguments_come_back_as_digests_unless_their_values_are_asked_for():
    x = torch.tensor([0.0, float("nan"), 2.0], dtype=torch.float64)
    digest = wire.decode(wire.fingerprint([x]))[0]
    assert isinstance(digest, wire.Digest) and digest.matches(x.clone())
    changed = x.clone()
    changed[0] = -0.0  # bitwise: -0.0 is a change, NaN stays NaN
    assert not digest.matches(changed)
    check = (
        "from grader.checks import test, learner, expect\nimport torch\n@test('sorts in place')\n"
        "def sorts():\n    x = torch.tensor([3.0, 1.0, 2.0])\n    value, (after,) = learner.call_inplace('f', x)\n"
        "    expect(torch.equal(after, torch.tensor([1.0, 2.0, 3.0])) and value is None, 'not sorted')\n"
    )
    job = Job(
        code="def f(x):\n    x.copy_(x.sort().values)\n",
        bundle={"check.py": check},
        entry_points=["f"],
        limits=Limits(wall_s=5),
        seed=1,
    )
    assert get_backend("process").run(job).status == "passed"
