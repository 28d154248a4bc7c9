"""Grades one job inside the sandbox. This process is the checker (trusted).

The learner's process was forked by the zygote, which never reads a job, so check code never
exists in the learner's memory; the checker sends the learner only its code, runs check.py here,
and returns the Result, which leaves on a channel the learner's process does not hold. The
checker serves many jobs: forget_job undoes what one job's checks changed.
"""

import os

# Thread pools must be sized before torch starts them: forking after they start can hang the child.
for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import ast  # noqa: E402
import contextlib  # noqa: E402
import importlib  # noqa: E402
import importlib.abc  # noqa: E402
import importlib.util  # noqa: E402
import linecache  # noqa: E402
import random  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

import torch  # noqa: E402

from grader import banned as banned_module  # noqa: E402
from grader import checks, config, example_expected, preimport  # noqa: E402
from grader.learner_process import LearnerError, LearnerProcess, LearnerStopped  # noqa: E402
from grader.protocol import CaseResult, Job, Result, cut_text  # noqa: E402

torch.set_num_threads(int(os.environ["OMP_NUM_THREADS"]))
DEFAULTS: dict[str, Any] = {
    "dtype": torch.get_default_dtype(),
    "grad": torch.is_grad_enabled(),
    "threads": torch.get_num_threads(),
    "deterministic": torch.are_deterministic_algorithms_enabled(),
}
# The checker's own work on a job ends this long after the learner's wall time, whatever the learner
# returned; the backend waits a little longer still (backends.common.CHECKER_GRACE_S) and then kills it.
CHECKER_OVERTIME_S = 3.0
# Check tracebacks go to the worker's log (the zygote sends them beside the result), never into a result.
check_log: list = []
# What checks, mutants and content/shared import, imported by the zygote before any learner code
# runs. A module imported later (transformer_lens: a minute to import here, so not in every
# zygote) is still found only on the fixed sys.path (grader.trusted_path), never where a
# learner can write; shared check modules come from the job's bundle (load_checks), not from files.
CHECK_IMPORTS = (
    "math",
    "random",
    "dataclasses",
    "collections",
    "itertools",
    "warnings",
    "types",
    "re",
    "io",
    "numpy",
    "einops",
    "hypothesis",
    "hypothesis.strategies",
    "torch.nn.functional",
    "torch.utils.data",
    "torch.autograd.functional",
    "torch.testing",
)


class CheckerOvertime(BaseException):
    """The checker ran past the learner's wall time plus CHECKER_OVERTIME_S (a BaseException, so
    that no check's `except Exception` can swallow it)."""


def import_check_modules() -> None:
    for name in CHECK_IMPORTS:
        importlib.import_module(name)


def become_checker() -> None:
    """The checker's cwd is "/" (not a folder a learner can write), and hypothesis keeps no example
    database, which it would otherwise read from, and write to, the cwd."""
    import hypothesis

    os.chdir("/")
    hypothesis.settings.register_profile("grader", database=None)
    hypothesis.settings.load_profile("grader")


def grade_job(job: Job, learner: LearnerProcess) -> Result:
    started = time.monotonic()
    try:
        result = prepare(job, learner)
        if result is None:
            with overtime_alarm(job.limits.wall_s + CHECKER_OVERTIME_S) as alarm:
                learner.on_extend = alarm.extend  # the learner's CPU wait is the checker's too
                result = run(job, learner)
    except CheckerOvertime:
        result = Result("timeout", message=overtime_message(job.limits.wall_s))
    finally:
        learner.stop()
    result.stdout, result.stderr = learner.stdout.text(), learner.stderr.text()
    result.curves = checks.job_state().curves.snapshot()  # a run stopped half way keeps the points it sent
    result.timings["run"] = round(time.monotonic() - started, 4)
    result.device, result.bundle_hash, result.seed = device_name(job), job.bundle_hash, job.seed
    result.grader_id = grader_id()
    return result


def prepare(job: Job, learner: LearnerProcess):
    """Import the job's heavy libraries here and in the learner's process before its clock starts
    (grader.preimport); the backend's deadline has room for it. A Result only if that failed."""
    modules = preimport.heavy_imports(job.code, job.bundle)
    if not modules:
        return None
    for name in modules:  # from the fixed sys.path only (grader.trusted_path)
        with contextlib.suppress(ImportError):  # not in this image: the check's own import says so
            importlib.import_module(name)
    try:  # no learner code has run in that process yet: a failure here is the grader's
        learner.prepare(modules, preimport.PREPARE_S, job.limits.output_bytes)
    except LearnerStopped as stop:
        return Result(
            "crashed",
            message=f"The grader could not prepare this exercise's libraries ({stop.message}); "
            "not your code. Please submit again.",
        )
    return None


class overtime_alarm:
    """SIGALRM after `seconds`, raising CheckerOvertime wherever the checker is: decoding a huge
    value, comparing deeply nested data. Work stuck in C code outlasts it; the backend's own
    deadline covers that."""

    def __init__(self, seconds: float):
        self.seconds = seconds

    def __enter__(self):
        self.previous = signal.signal(signal.SIGALRM, _overtime)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def extend(self, seconds: float) -> None:
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        if left > 0:
            signal.setitimer(signal.ITIMER_REAL, left + seconds)

    def __exit__(self, *exc):
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)


def _overtime(*_):
    raise CheckerOvertime


def overtime_message(wall_s: float) -> str:
    return (
        f"Stopped after {wall_s:g} s: checking what your code returned or printed took the grader past "
        "the time limit. Look for a very large or deeply nested return value, or output without end."
    )


def grader_id() -> str:
    return config.sandbox().image_id or f"python {sys.version.split()[0]}, torch {torch.__version__}"


def run(job: Job, learner: LearnerProcess) -> Result:
    try:
        ast.parse(job.code, "solution.py")
    except SyntaxError as e:
        return Result(
            "error",
            message=f"SyntaxError at line {e.lineno}: {e.msg}." + (f" The line: `{e.text.strip()}`" if e.text else ""),
        )
    try:
        loaded = learner.load(job.code, job.entry_points, job.limits, banned=job.banned)
    except LearnerStopped as stop:
        return Result(stop.status, message=stop.message)
    if not loaded["ok"]:
        return Result("error", message=learner_error_message(loaded["error"], "while your file was loading"))
    if loaded["missing"]:
        names = ", ".join(f"`{n}`" for n in loaded["missing"])
        return Result(
            "error",
            message=f"Your code does not define {names}; the exercise asks for "
            f"{'it' if len(loaded['missing']) == 1 else 'them'} by that name.",
        )
    if job.mode == "run":
        return run_example(job, learner)
    return grade(job, learner)


VALUE_FIELDS = ("type", "repr", "shape", "dtype", "device")  # learner_runtime.describe_value's


def run_example(job: Job, learner: LearnerProcess) -> Result:
    if not job.example.strip():
        return Result("ran", message="Your code loaded without errors. (This exercise has no example call.)")
    expected = example_expected.from_bundle(job.bundle)
    try:
        reply = learner.example(job.example, want_value=expected is not None)
    except LearnerStopped as stop:
        return Result(stop.status, message=stop.message)
    if not reply["ok"]:
        return Result(
            "error",
            message=learner_error_message(reply["error"], "while running the example"),
            value={"traceback": reply["error"]["traceback"]},
        )
    # Only the description's own fields: an "expected" verdict is the checker's to write, never the learner's.
    described = reply["value"] if isinstance(reply.get("value"), dict) else {}
    value = {k: v for k, v in described.items() if k in VALUE_FIELDS}
    if expected is not None:  # judged here, in the checker: the learner's process only sent its value
        value = dict(value, expected=example_expected.judge(job.example, reply.get("encoded"), expected))
    return Result("ran", value=value)


def grade(job: Job, learner: LearnerProcess) -> Result:
    try:
        load_checks(job, learner)
    except (LearnerError, LearnerStopped):
        raise
    except Exception as e:  # the exercise's own code failed (its author's mistake): say what, for the author
        return Result(
            "crashed",
            message=f"This exercise's checks could not be loaded ({type(e).__name__}: {cut_text(str(e), 300)}). "
            "This is not your fault; tell your cohort's admin.",
            grader_fault=True,
        )
    tests, stopped = [], None
    # A gate worth no points: breaking the exercise's rules makes the whole score 0.
    plan = [("uses only allowed functions", 0, lambda: check_banned(job))] if job.banned else []
    plan += checks.job_state().tests
    for index, (name, points, fn) in enumerate(plan):
        if stopped:
            tests.append(CaseResult(name, "not run", "Not run: your code had been stopped.", points))
            continue
        report_progress(index, len(plan), name)
        outcome = run_test(job.seed + index, name, points, fn)
        tests.append(outcome)
        if outcome.details.get("stopped"):
            stopped = outcome.details["stopped"]
    return summarise(tests, stopped)


# Set by the zygote for a job whose worker asked for progress: called before each test, it sends a
# {"progress": ...} frame on the result channel ahead of the result. A courtesy to the waiting page.
progress_hook: Callable[[Any], None] | None = None


_progress: dict = {}  # the last test announced, repeated in each frame that carries curves


def report_progress(done: int, total: int, name: str) -> None:
    _progress.update(done=done, total=total, name=str(name)[:200])
    send_progress()


def send_progress() -> None:
    """The progress frame: the test running now and, once a check has any, its curves (grader.curves)."""
    if progress_hook is not None:
        frame = dict(_progress)
        if checks.job_state().curves.curves:
            frame["curves"] = checks.job_state().curves.snapshot()
        with contextlib.suppress(Exception):  # progress never changes a verdict
            progress_hook(frame)


def watch_curves(learner: LearnerProcess) -> None:
    """Live curve points from the learner's process, and curves a check reports, reach the page at
    most every curves.FRAME_GAP_S; a frame held back goes when the call that sent it ends."""
    state, pending = checks.job_state(), [False]

    def push(force: bool = False) -> None:
        pending[0] = True
        if force or state.curves.due():
            pending[0] = False
            send_progress()

    def on_frame(frame) -> None:
        if frame is not None:
            state.curves.add_frame(frame)
            push()
        elif pending[0]:
            push(force=True)

    state.on_curve, learner.on_curve = push, on_frame


def seed(value: int) -> None:
    # torch.manual_seed also walks every accelerator backend; the CPU generator (and CUDA once in use) is enough.
    torch.default_generator.manual_seed(value)
    random.seed(value)
    if torch.cuda.is_initialized():
        torch.cuda.manual_seed_all(value)


def run_test(seed_value: int, name: str, points: float, fn) -> CaseResult:
    seed(seed_value)
    checks.learner.last_call = None
    start = time.monotonic()
    result = CaseResult(name, "passed", points=points)
    try:
        try:
            fn()
        except BaseExceptionGroup as group:  # hypothesis reports several distinct failures as a group
            raise group.exceptions[0] from None
    except checks.CheckFailed as e:
        result.status, result.message, result.details = "failed", e.message, e.details
    except LearnerError as e:
        result.status, result.details = "failed", {"traceback": e.info["traceback"]}
        result.message = learner_error_message(e.info, inputs=checks.learner.describe_inputs())
    except LearnerStopped as e:
        result.status, result.message, result.details = "failed", e.message, {"stopped": e.status}
    except Exception as e:
        check_log.append(f"test {name!r}: " + traceback.format_exc()[-8000:])
        result.status, result.message = check_failure(e)
    result.duration_s = round(time.monotonic() - start, 4)
    return result


def check_failure(e: Exception) -> tuple:
    """(status, message) for an exception in check code: never its source or traceback.

    Content validation proves that the reference solution passes every test, so a check that raises
    after the learner's code was called in the test was handed something the reference never gives
    (a value of an odd type, data nested too deeply, more than fits in memory): that is the
    learner's. Only an exception before any call into the learner's code, in check code with its
    own plain data, is a bug in the exercise."""
    call = checks.learner.last_call
    if call is None:
        return "error", "The check itself failed: a bug in this exercise, not in your code. Please report it."
    what = {RecursionError: "data nested too deeply", MemoryError: "more data than the grader can hold"}
    reason = next((text for kind, text in what.items() if isinstance(e, kind)), None)
    returned = f"`{call.name}` returned {_brief(call.value)}" if call.value is not None else f"`{call.name}` ran"
    reason = reason or cut_text(f"{type(e).__name__}: {e}", 300)
    return "failed", (
        f"The check could not work with what your code gave it ({reason}): {returned}, not what the exercise asks for."
    )


def _brief(value) -> str:
    try:
        return cut_text(checks.brief(value).removeprefix("= "), 80)
    except Exception:  # RecursionError on deeply nested data, say
        return f"a {type(value).__name__}"


def summarise(tests: list, stopped: str | None) -> Result:
    total = sum(t.points for t in tests) or 1
    score = round(sum(t.points for t in tests if t.status == "passed") / total, 4)
    if any(t.points == 0 and t.status != "passed" for t in tests):
        score = 0.0
    if stopped:
        message = next(t.message for t in tests if t.details.get("stopped"))
        return Result(stopped, score=score, tests=tests, message=message)
    if any(t.status == "error" for t in tests):
        return Result(
            "error",
            score=score,
            tests=tests,
            message="A check failed to run: a bug in this exercise, not in your code.",
        )
    failed = sum(t.status != "passed" for t in tests)
    if failed:
        return Result("failed", score=score, tests=tests, message=f"{failed} of {len(tests)} tests failed.")
    return Result("passed", score=1.0, tests=tests, message=f"All {len(tests)} tests passed.")


def load_checks(job: Job, learner: LearnerProcess) -> None:
    seed(job.seed)  # random draws at a check's top level repeat, whatever jobs this checker served before
    state = checks.job_state()
    state.tests, state.process, state.entry_points = [], learner, list(job.entry_points)
    state.params = checks.function_params(job.code)
    state.device = torch.device(device_kind(job))
    state.mutants = {}
    for path, source in sorted(job.bundle.items()):
        if path.startswith("mutants/") and path.endswith(".py"):
            namespace = {"__name__": f"mutant_{len(state.mutants)}"}
            try:  # a mutant only names a likely mistake: a broken one costs its hint, never the verdict
                exec(compile(source, path, "exec"), namespace)
            except (Exception, SystemExit):  # content validate names the file (curriculum.content)
                continue
            state.mutants[path] = namespace
    state.bundle = job.bundle
    watch_curves(learner)
    shared = SharedModules(job.bundle)
    sys.meta_path.insert(0, shared)  # removed again by forget_job, with the modules
    for name in sorted(shared.sources):
        importlib.import_module(name)
    _exec_source("check.py", job.bundle["check.py"], {"__name__": "check", "__file__": "check.py"})


class SharedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """The job's content/shared modules, importable by their names: a shared module may import another,
    whatever the order of their names (executed one after another, a module that imported one later in
    the alphabet failed to load, and the job crashed)."""

    def __init__(self, bundle: dict):
        self.sources = {
            path[len("shared/") : -len(".py")]: (path, source)
            for path, source in bundle.items()
            if path.startswith("shared/") and path.endswith(".py")
        }

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.sources:
            return None
        return importlib.util.spec_from_loader(fullname, self, origin=self.sources[fullname][0])

    def create_module(self, spec):
        return None  # the default module

    def exec_module(self, module) -> None:
        path, source = self.sources[module.__name__]
        module.__file__ = path
        _exec_source(path, source, module.__dict__)


def forget_job() -> None:
    """Undo what a job's checks may have changed, so the next job is graded as if by a fresh
    process: the shared modules it registered, torch's defaults, the check state."""
    for finder in [f for f in sys.meta_path if isinstance(f, SharedModules)]:
        for name in finder.sources:
            sys.modules.pop(name, None)
        sys.meta_path.remove(finder)
    # Only what changed: setting the deterministic flag, even to its value, makes torch write to /tmp.
    if torch.get_default_dtype() != DEFAULTS["dtype"]:
        torch.set_default_dtype(DEFAULTS["dtype"])
    if torch.is_grad_enabled() != DEFAULTS["grad"]:
        torch.set_grad_enabled(DEFAULTS["grad"])
    if torch.get_num_threads() != DEFAULTS["threads"]:
        torch.set_num_threads(DEFAULTS["threads"])
    if torch.are_deterministic_algorithms_enabled() != DEFAULTS["deterministic"]:
        torch.use_deterministic_algorithms(DEFAULTS["deterministic"])
    checks.new_job_state()
    check_log.clear()
    _progress.clear()


def _exec_source(path: str, source: str, namespace: dict) -> None:
    # Registered so that @remote can read the source of the check's functions.
    linecache.cache[path] = (len(source), None, source.splitlines(True), path)
    exec(compile(source, path, "exec"), namespace)


def check_banned(job: Job) -> None:
    uses = banned_uses(job.code, set(job.banned))
    if uses:
        shown = ", ".join(f"`{text}` (line {line})" for text, line in uses[:5])
        allowed = ", ".join(f"`{b}`" for b in job.banned)
        checks.fail(
            f"This exercise asks you not to use {allowed}; your code uses {shown}.", uses=[list(u) for u in uses]
        )


def banned_uses(code: str, banned: set) -> list:
    """Uses of banned names in the learner's code (grader.banned.static_uses: the rule that decides)."""
    return banned_module.static_uses(code, banned)


def learner_error_message(info: dict, when: str = "", inputs: str = "") -> str:
    message = f"Your code raised {info['type']}"
    if info.get("line"):
        message += f" at line {info['line']}"
        if info.get("source"):
            message += f" (`{info['source']}`)"
    message += f": {info['message']}" if info.get("message") else ""
    if inputs:
        message += f", while called with {inputs}"
    elif when:
        message += f", {when}"
    return message + "."


def device_kind(job: Job) -> str:
    return "cuda" if job.device == "cuda" and torch.cuda.is_available() else "cpu"


def device_name(job: Job) -> str:
    if device_kind(job) == "cuda":
        return f"cuda:0 ({torch.cuda.get_device_name(0)})"
    return "cpu"
