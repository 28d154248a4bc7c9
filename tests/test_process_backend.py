"""The process backend and the harness, end to end, with a small einsum exercise."""

import os
import subprocess
import sys
import time

import pytest

from grader.backends import get_backend
from grader.protocol import Job, Limits

CHECK = """
import torch
from grader.checks import test, learner, expect_tensor, rand

@test("matches a @ b on random inputs")
def random_inputs():
    a, b = rand(2, 3, 4), rand(2, 4, 5)
    expect_tensor(learner.bmm(a, b), a @ b, dims="(batch, n, m)")

@test("works on another batch size")
def other_batch():
    a, b = rand(3, 3, 4), rand(3, 4, 5)
    expect_tensor(learner.bmm(a, b), a @ b, dims="(batch, n, m)")
"""
MUTANT = '''"""The batch index is summed away: keep `b` in the output ("bik,bkj->bij")."""
import torch
def bmm(a, b):
    return torch.einsum("bik,bkj->ij", a, b)
'''
GOOD = "import torch\ndef bmm(a, b):\n    return torch.einsum('bik,bkj->bij', a, b)\n"


def grade(code, mode="grade", wall_s=3.0, banned=(), example="", **limits):
    job = Job(
        code=code,
        bundle={"check.py": CHECK, "mutants/sum_batch.py": MUTANT},
        entry_points=["bmm"],
        mode=mode,
        banned=list(banned),
        example=example,
        limits=Limits(wall_s=wall_s, **limits),
        seed=1,
    )
    return get_backend("process").run(job)


def test_a_correct_solution_passes_every_test():
    result = grade(GOOD)
    assert result.status == "passed" and result.score == 1.0
    assert [t.status for t in result.tests] == ["passed", "passed"]
    assert result.device == "cpu" and "torch" in result.grader_id and result.timings["run"] > 0


def test_progress_is_reported_before_each_test_when_asked_for():
    job = Job(code=GOOD, bundle={"check.py": CHECK}, entry_points=["bmm"], limits=Limits(wall_s=3.0), seed=1)
    seen = []
    result = get_backend("process").run(job, on_progress=seen.append)
    assert result.status == "passed"
    assert seen == [
        {"done": 0, "total": 2, "name": "matches a @ b on random inputs"},
        {"done": 1, "total": 2, "name": "works on another batch size"},
    ]
    assert get_backend("process").run(job).status == "passed"  # not asked for: the same verdict, no frames


def test_a_wrong_answer_fails_with_the_shape_and_the_known_mistake():
    result = grade(MUTANT)
    assert result.status == "failed" and result.score == 0
    message = result.tests[0].message
    assert "`bmm` returned shape (3, 5); expected (2, 3, 5), that is (batch, n, m)." in message
    assert "Inputs: a (2, 3, 4) float64, b (2, 4, 5) float64." in message
    assert "The batch index is summed away" in message


def test_a_partly_right_answer_gets_partial_credit():
    code = "import torch\ndef bmm(a, b):\n    return a @ b if a.shape[0] == 2 else a @ b + 1\n"
    result = grade(code)
    assert result.status == "failed" and result.score == 0.5
    assert "15 of 45 entries" not in result.tests[1].message  # every entry is off by one
    assert result.tests[1].message.startswith("45 of 45 entries of `bmm` differ")


def test_an_exception_points_at_the_learners_own_line():
    result = grade("def bmm(a, b):\n    xs = [1, 2]\n    return xs[5]\n")
    assert result.tests[0].message == (
        "Your code raised IndexError at line 3 (`return xs[5]`): list index out of "
        "range, while called with a (2, 3, 4) float64, b (2, 4, 5) float64."
    )


def test_a_syntax_error_gives_line_and_message():
    result = grade("def bmm(a, b)\n    return a\n")
    assert result.status == "error" and result.message.startswith("SyntaxError at line 1: expected ':'")


def test_an_infinite_loop_times_out_and_says_where_it_was():
    result = grade("def bmm(a, b):\n    n = 0\n    while True:\n        n += 1\n", wall_s=1.5)
    assert result.status == "timeout"
    assert "Stopped after 1.5 s. When stopped, your code was at line" in result.message
    assert "in `bmm`; it may never end, or it does far more work" in result.message
    assert [t.status for t in result.tests] == ["failed", "not run"]


def test_a_huge_allocation_is_a_memory_verdict():
    result = grade("import torch\ndef bmm(a, b):\n    return torch.ones(2**36)\n", memory_mb=512)
    assert result.status == "memory" and "memory limit" in result.message


@pytest.mark.parametrize("ignores_sigxcpu", [False, True])
def test_spending_the_cpu_limit_is_a_time_verdict_even_past_sigxcpu(ignores_sigxcpu):
    # A process that ignores SIGXCPU is SIGKILLed at the hard limit, the signal memory kills also send.
    ignore = "import signal\nsignal.signal(signal.SIGXCPU, signal.SIG_IGN)\n" if ignores_sigxcpu else ""
    result = grade(ignore + "def bmm(a, b):\n    while True:\n        pass\n", wall_s=15, cpu_s=1)
    assert result.status == "timeout" and "CPU time limit" in result.message, result.message


def test_time_spent_waiting_for_a_busy_cpu_is_not_charged_to_the_learners_code():
    # Three busy loops, each in its own session (the kernel shares a CPU between sessions first),
    # share the learner's CPU: 0.8 s of its work takes about 3.2 s, past its 2 s, but inside the 2 s
    # plus the time it waited (up to 4 s more).
    cpu = min(os.sched_getaffinity(0))
    spin = f"import os\nos.setsid()\nos.sched_setaffinity(0, {{{cpu}}})\nwhile True:\n    pass\n"
    hogs = [subprocess.Popen([sys.executable, "-c", spin]) for _ in range(3)]
    work = (
        f"import os, time\nos.sched_setaffinity(0, {{{cpu}}})\nstarted = time.monotonic()\n"
        "spent = time.process_time()\nwhile time.process_time() - spent < 0.8:\n    pass\n"
        "print(f'took {time.monotonic() - started:.2f}')\n" + GOOD
    )
    try:
        result = grade(work, wall_s=2.0)
    finally:
        for hog in hogs:
            hog.kill()
    assert result.status == "passed", result.message
    assert float(result.stdout.split()[1]) > 2.0  # it did need more than its wall time


def test_a_sleeping_learner_earns_no_extra_time():
    started = time.monotonic()
    result = grade("import time\ntime.sleep(30)\n" + GOOD, wall_s=1.0)
    assert result.status == "timeout" and "The grader was busy" not in result.message
    assert time.monotonic() - started < 15  # long before the sleep ends, even with a zygote to start


def test_printing_megabytes_is_cut_with_a_notice():
    result = grade(
        "import torch\ndef bmm(a, b):\n    print('x' * 3_000_000)\n    return torch.einsum('bik,bkj->bij', a, b)\n",
        output_bytes=1000,
    )
    assert result.status == "passed"
    assert result.stdout.startswith("x" * 1000) and "(cut: 6.0 MB more)" in result.stdout


def test_changing_an_input_in_place_fails_with_its_name():
    result = grade("def bmm(a, b):\n    a *= 2\n    return (a / 2) @ b\n")
    assert result.tests[0].message == (
        "Your function `bmm` changed its input `a` in place; work on a copy (for example `a.clone()`)."
    )


def test_a_missing_entry_point_is_named():
    result = grade("def batched_mm(a, b):\n    return a @ b\n")
    assert result.status == "error" and "does not define `bmm`" in result.message


def test_exiting_the_process_is_a_crash_verdict_not_a_grader_failure():
    result = grade("import os\ndef bmm(a, b):\n    os._exit(3)\n")
    assert result.status == "crashed" and "exit status 3" in result.message


def test_banned_names_and_the_matmul_operator_are_enforced():
    result = grade("import torch\ndef bmm(a, b):\n    return torch.matmul(a, b)\n", banned=["matmul", "@"])
    assert result.tests[0].name == "uses only allowed functions" and result.tests[0].status == "failed"
    assert "`torch.matmul` (line 3)" in result.tests[0].message
    result = grade("def bmm(a, b):\n    return a @ b\n", banned=["matmul", "@"])
    assert "`@` (line 2)" in result.tests[0].message
    hidden = grade("import torch\ndef bmm(a, b):\n    return getattr(torch, 'mat' + 'mul')(a, b)\n", banned=["matmul"])
    assert "`getattr` (line 3)" in hidden.tests[0].message


def test_run_mode_shows_the_examples_value_with_shape_and_dtype():
    example = (
        "import torch\nx = torch.ones(2, 3, 4, dtype=torch.float64)\nbmm(x, torch.ones(2, 4, 5, dtype=torch.float64))"
    )
    result = grade(
        "import torch\ndef bmm(a, b):\n    print('hello')\n    return torch.einsum('bik,bkj->bij', a, b)\n",
        mode="run",
        example=example,
    )
    assert result.status == "ran" and result.tests == []
    assert result.value["shape"] == [2, 3, 5] and result.value["dtype"] == "float64"
    assert result.stdout == "hello\n"


def test_run_mode_reports_an_exception_in_the_example():
    result = grade("def bmm(a, b):\n    return a.nope\n", mode="run", example="import torch\nbmm(torch.ones(1), 2)")
    assert result.status == "error" and "AttributeError at line 2 (`return a.nope`)" in result.message


@pytest.mark.parametrize(
    "secret_probe",
    [
        "import os\ndef bmm(a, b):\n"
        "    raise ValueError(sorted(k for k in os.environ if 'DATABASE' in k or 'SECRET' in k))\n",
        "import sys\ndef bmm(a, b):\n    raise ValueError(repr(sys.stdin.read()))\n",
    ],
)
def test_the_learner_process_sees_no_worker_secrets_and_not_the_job(secret_probe, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://secret")
    monkeypatch.setenv("DJANGO_SECRET_KEY", "secret")
    result = grade(secret_probe)
    message = result.tests[0].message
    assert "raised ValueError" in message
    assert "DATABASE_URL" not in message and "check.py" not in message and "rand(" not in message


def test_the_grader_keeps_serving_after_a_hostile_submission():
    result = grade("import os\ndef bmm(a, b):\n    os.kill(os.getppid(), 9)\n")
    if os.geteuid() == 0:  # the learner runs under a uid of its own: the zygote is out of its reach
        assert result.status == "failed" and "PermissionError" in result.tests[0].message
    else:
        assert result.status in ("crashed", "error")
    assert grade(GOOD).status == "passed"


def test_a_learner_may_call_its_own_function_that_shares_a_banned_name():
    code = (
        "import torch\ndef matmul(a, b):\n    return torch.einsum('bik,bkj->bij', a, b)\n"
        "def bmm(a, b):\n    return matmul(a, b)\n"
    )
    assert grade(code, banned=["matmul"]).status == "passed"
    assert grade("import torch\ndef bmm(a, b):\n    return torch.matmul(a, b)\n", banned=["matmul"]).status == "failed"


REMOTE_CHECK = """
import torch
from grader.checks import test, learner, expect_tensor, expect_equal, remote, rand

@remote
def cubic(x):
    return (x ** 3).sum()

@remote
def counter_ticks(n):
    c = Counter()
    return [c.tick() for _ in range(n)]

@test("the gradient of a remote function, computed with autograd in the learner's process")
def gradient():
    x = rand(4)
    expect_tensor(learner.grad_at(cubic, x), 3 * x ** 2)

@test("a driver uses the learner's class")
def driver():
    expect_equal(learner.run(counter_ticks, 3), [1, 2, 3])

@test("a transposed view arrives transposed")
def strided():
    x = rand(3, 4).t()
    expect_equal(learner.is_contiguous(x), False)
"""
REMOTE_MUTANT = '''"""The counter starts at 0: the first tick should return 1."""
def grad_at(f, x):
    import torch
    x = x.clone().requires_grad_(True)
    f(x).backward()
    return x.grad
class Counter:
    def __init__(self):
        self.n = -1
    def tick(self):
        self.n += 1
        return self.n
def is_contiguous(x):
    return x.is_contiguous()
'''
REMOTE_GOOD = REMOTE_MUTANT.replace("self.n = -1", "self.n = 0")


def grade_remote(code):
    job = Job(
        code=code,
        bundle={"check.py": REMOTE_CHECK, "mutants/zero.py": REMOTE_MUTANT},
        entry_points=["grad_at", "Counter", "is_contiguous"],
        limits=Limits(wall_s=5),
    )
    return get_backend("process").run(job)


def test_remote_functions_and_drivers_run_in_the_learners_process():
    result = grade_remote(REMOTE_GOOD)
    assert result.status == "passed", [t.message for t in result.tests]


def test_a_driver_failure_names_the_mistake_from_the_mutant():
    result = grade_remote(REMOTE_MUTANT)
    assert [t.status for t in result.tests] == ["passed", "failed", "passed"]
    assert "returned [0, 1, 2]; expected [1, 2, 3]" in result.tests[1].message
    assert "The counter starts at 0" in result.tests[1].message


def test_breaking_the_rules_scores_zero_even_when_the_values_are_right():
    # Python's own range is banned by the scan; the run-time block sees torch functions only
    result = grade(
        "import torch\ndef bmm(a, b):\n    return torch.stack([a[i] @ b[i] for i in range(len(a))])\n", banned=["range"]
    )
    assert [t.status for t in result.tests] == ["failed", "passed", "passed"]
    assert result.status == "failed" and result.score == 0.0


RAISES_CHECK = """
from grader.checks import test, expect_raises, fail, learner

@test("rejects k <= 0")
def rejects():
    expect_raises("ValueError", "windows", [1, 2, 3], 0)

@test("pairs")
def pairs():
    got = learner.windows([1, 2, 3], 2)
    if got != [[1, 2], [2, 3]]:
        fail("wrong windows", got=got)
"""
RAISES_MUTANT = '''"""You stop one window early: `range(len(xs) - k)` misses the last start."""
def windows(xs, k):
    if k <= 0:
        raise ValueError(k)
    return [xs[i:i + k] for i in range(len(xs) - k)]
'''


def grade_windows(code):
    job = Job(
        code=code,
        bundle={"check.py": RAISES_CHECK, "mutants/early.py": RAISES_MUTANT},
        entry_points=["windows"],
        limits=Limits(wall_s=5),
    )
    return get_backend("process").run(job)


def test_expect_raises_and_fail_with_a_hint():
    assert grade_windows(RAISES_MUTANT.replace("len(xs) - k)", "len(xs) - k + 1)")).status == "passed"
    result = grade_windows("def windows(xs, k):\n    return [xs[i:i + k] for i in range(len(xs) - k)]\n")
    assert result.tests[0].message == (
        "`windows` returned a list ([[], [], []]); it should raise ValueError. Inputs: xs = [1, 2, 3], k = 0."
    )
    assert "You stop one window early" in result.tests[1].message
    result = grade_windows("def windows(xs, k):\n    raise TypeError('no')\n")
    assert result.tests[0].message == "`windows` raised TypeError (no); it should raise ValueError."


def test_a_local_variable_or_parameter_named_like_a_banned_function_is_allowed():
    code = "import torch\ndef bmm(a, b, matmul=None):\n    var = torch.einsum('bik,bkj->bij', a, b)\n    return var\n"
    assert grade(code, banned=["matmul", "var"]).status == "passed"
    assert (
        grade("import torch\ndef bmm(a, b):\n    return a.var() + torch.einsum('bik,bkj->bij', a, b)\n", banned=["var"])
        .tests[0]
        .status
        == "failed"
    )


def test_a_zygote_that_ended_is_replaced_and_the_next_job_graded():
    backend = get_backend("process")
    assert grade("import os\ndef bmm(a, b):\n    os._exit(3)\n").status == "crashed"  # ends that zygote
    assert grade(GOOD).status == "passed"
    assert backend.idle.qsize() >= 1


def test_a_zygote_gone_while_idle_hands_the_job_to_the_next_one():
    from grader.backends import process

    backend = get_backend("process")
    assert grade(GOOD).status == "passed"  # leaves a warm zygote on top of the idle stack
    gone = backend.idle.get_nowait()
    process._kill_session(gone.proc.pid)  # the checker holds its input too
    gone.proc.wait()
    backend.idle.put(gone)
    result = grade(GOOD)
    assert result.status == "passed" and result.grader_id.startswith("process ("), result
    assert gone.proc.returncode is not None and gone not in list(backend.idle.queue)


CHANGED_INPUT_CHECK = """
import torch
from grader.checks import test, learner, expect_tensor, remote

@remote
def apply_layer(state, x):
    return Scale(state)(x)

@test("a driver's state dict and input stay as they were given")
def unchanged():
    state, x = {"w": torch.ones(3)}, torch.ones(2, 3)
    expect_tensor(learner.run(apply_layer, state, x), 2 * torch.ones(2, 3))

@test("a function's list argument stays as it was given")
def list_argument():
    expect_tensor(learner.total([torch.ones(2), torch.ones(2)]), 2 * torch.ones(2))
"""


@pytest.mark.parametrize(
    "body, total, message",
    [
        (
            "self.w = state['w']; self.w.mul_(2)",
            "return xs[0] + xs[1]",
            "changed a tensor it was given in place: `state['w']`",
        ),
        (
            "self.w = 2 * state['w']",
            "xs[0].add_(xs[1]); return xs[0]",
            "Your function `total` changed a tensor it was given in place: `xs[0]`",
        ),
        ("self.w = state['w'] * 2", "return xs[0] + xs[1]", None),
    ],
)
def test_a_tensor_changed_in_place_inside_a_dict_or_list_argument_fails_the_test(body, total, message):
    code = (
        f"import torch\nclass Scale:\n    def __init__(self, state):\n        {body}\n"
        f"    def __call__(self, x):\n        return x * self.w\n"
        f"def total(xs):\n    {total}\n"
    )
    job = Job(code=code, bundle={"check.py": CHANGED_INPUT_CHECK}, entry_points=["total"], limits=Limits(wall_s=5))
    result = get_backend("process").run(job)
    failed = [t.message for t in result.tests if t.status != "passed"]
    assert (failed and message in failed[0]) if message else result.status == "passed", failed


LEAKY_CHECK = """
import os, sys, torch
import leaky
from grader.checks import test

torch.set_default_dtype(torch.float64)
torch.set_grad_enabled(False)

@test(f"checker {os.getpid()} changes what it can")
def changes():
    leaky.note.append("seen")
"""
CLEAN_CHECK = """
import os, sys, torch
from grader.checks import test, fail

@test(f"checker {os.getpid()} starts as a fresh checker would")
def fresh():
    left = [name for name, changed in (("the default dtype", torch.get_default_dtype() != torch.float32),
                                        ("grad mode", not torch.is_grad_enabled()),
                                        ("the shared module", "leaky" in sys.modules)) if changed]
    if left:
        fail("left over from the previous job: " + ", ".join(left))
"""


def test_the_checker_serves_the_next_job_as_a_fresh_process_would():
    """One checker process serves many jobs: what one job's checks change must not reach the next."""
    backend = get_backend("process")
    code = "def f():\n    return 1\n"
    first = backend.run(
        Job(
            code=code,
            bundle={"check.py": LEAKY_CHECK, "shared/leaky.py": "note = []\n"},
            entry_points=["f"],
            limits=Limits(wall_s=3.0),
        )
    )
    assert first.status == "passed", first.message
    second = backend.run(
        Job(code=code, bundle={"check.py": CLEAN_CHECK}, entry_points=["f"], limits=Limits(wall_s=3.0))
    )
    assert second.status == "passed", [t.message for t in second.tests]
    assert first.tests[0].name.split()[1] == second.tests[0].name.split()[1]  # the same checker process


DRAWING_CHECK = """
import torch
from grader.checks import test

drawn = torch.randn(()).item()  # at the top level, before any test is seeded

@test(f"drew {drawn!r}")
def nothing():
    torch.randn(1000)  # moves the generator on
"""


def test_a_checks_top_level_draws_repeat_with_the_seed_whatever_ran_before():
    backend = get_backend("process")
    ran = [
        backend.run(
            Job(
                code="def f():\n    return 1\n",
                bundle={"check.py": DRAWING_CHECK},
                entry_points=["f"],
                limits=Limits(wall_s=3.0),
                seed=seed,
            )
        )
        for seed in (5, 6, 5)
    ]
    names = [r.tests[0].name for r in ran]
    assert names[0] == names[2] != names[1], names


def test_learner_code_can_import_any_standard_library_module_even_under_a_uid_of_its_own():
    # As root the learner runs under another uid; an interpreter under /root is unreadable to it,
    # so only what the zygote imported beforehand is there (grader/stdlib_preload.py).
    code = (
        "import statistics, http.cookiejar, cProfile, fractions\nimport torch\n"
        "def bmm(a, b):\n    assert statistics.mean([1, 3]) == 2\n    return a @ b\n"
    )
    result = grade(code)
    assert result.status == "passed", result.tests[0].message


EXPECTING = '{"value": "torch.tensor([[[4., 4.], [4., 4.]]], dtype=torch.float64)", "atol": 0.001, "rtol": null}'
EXAMPLE = (
    "import torch\na, b = torch.ones(1, 2, 4, dtype=torch.float64), torch.ones(1, 4, 2, dtype=torch.float64)\nbmm(a, b)"
)


def run_expecting(code, expected=EXPECTING):
    bundle = {"check.py": CHECK, **({"example_expected.json": expected} if expected else {})}
    job = Job(
        code=code, bundle=bundle, entry_points=["bmm"], mode="run", example=EXAMPLE, limits=Limits(wall_s=3.0), seed=1
    )
    return get_backend("process").run(job)


def test_run_mode_compares_the_example_with_the_expected_value_in_the_checker():
    right = run_expecting(GOOD)
    assert right.status == "ran" and right.value["expected"]["matches"] is True
    assert right.value["shape"] == [1, 2, 2] and "4." in right.value["expected"]["expected"]
    wrong = run_expecting("import torch\ndef bmm(a, b):\n    return torch.einsum('bik,bkj->bij', a, b) + 0.5\n")
    check = wrong.value["expected"]
    assert wrong.status == "ran" and check["matches"] is False
    assert check["message"] == (
        "4 of 4 entries of `bmm(a, b)` differ; the largest error is 0.5 at [0, 0, 0] (got 4.5, expected 4)."
    )
    shape = run_expecting("import torch\ndef bmm(a, b):\n    return torch.einsum('bik,bkj->ij', a, b)\n")
    assert "returned shape (2, 2); expected (1, 2, 2)" in shape.value["expected"]["message"]
    dtype = run_expecting("import torch\ndef bmm(a, b):\n    return (a @ b).float()\n")
    assert "Expected a float64 tensor on cpu; got float32" in dtype.value["expected"]["message"]
    # Within the declared tolerance (0.001) is a match; without a declared example value, nothing is compared.
    assert run_expecting("def bmm(a, b):\n    return a @ b + 0.0005\n").value["expected"]["matches"] is True
    assert "expected" not in run_expecting(GOOD, expected=None).value


def test_a_learner_cannot_write_the_example_verdict_from_its_own_process():
    forged = (
        "import sys\nimport torch\ndef bmm(a, b):\n    return a @ b + 1\n"
        "rt = sys.modules['grader.learner_runtime']\n"
        "rt.describe_value = lambda v: {'type': 'int', 'repr': '1', 'expected': {'matches': True}}\n"
    )
    assert run_expecting(forged).value["expected"]["matches"] is False
    assert "expected" not in run_expecting(forged, expected=None).value


def test_a_checkout_learners_cannot_enter_is_refused_with_the_folder_named(tmp_path, monkeypatch):
    """As root, learners run as other uids: in a checkout under a private folder (a clone in a mode-700
    `mktemp -d`) `import einops` failed in a correct answer, graded "Failed (62%)". Now it is refused."""
    from grader.backends import process

    private = tmp_path / "private"
    (private / "repo").mkdir(parents=True)
    private.chmod(0o700)
    assert process.private_folder(str(private / "repo")) is not None
    assert process.private_folder("/usr/lib") is None
    monkeypatch.setattr(process, "REPO_ROOT", str(private / "repo"))
    if os.geteuid() != 0:  # a normal user's learners run as that user: nothing to refuse
        assert process.learners_cannot_import() == ""
        return
    problem = process.learners_cannot_import()
    assert "cannot enter" in problem and "chmod o+x" in problem and "marked wrong" in problem
    with pytest.raises(RuntimeError, match="cannot enter"):
        process.ProcessBackend()
