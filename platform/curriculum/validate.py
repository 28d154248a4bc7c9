"""Proves the content through the real grader: every reference solution and alternative passes, every
mutant fails, and no starter passes. Used by `manage.py content validate` and by CI.

A run's verdict depends only on the check bundle, the code graded and the grader, so verdicts are
kept in a cache file keyed by those three: a change re-grades only what it touched. CI proves
everything again with an empty cache.
"""

import hashlib
import importlib.metadata
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from curriculum import mutant_specs
from curriculum.content import ExerciseSpec
from grader import preimport
from grader.backends import get_backend
from grader.protocol import Job

GRADER_DIR = Path(__file__).resolve().parents[2] / "grader"
CACHED_STATUSES = ("passed", "failed", "matches", "differs")  # a timeout or a crash may not repeat: grade again


@dataclass
class Outcome:
    exercise: ExerciseSpec
    label: str  # "solution", "starter", "alternatives/<name>" or "mutants/<name>"
    want: str  # "passed", "not passed", or "matches" (the example gives example_expected)
    status: str
    message: str
    seconds: float
    cached: bool = False

    @property
    def ok(self) -> bool:
        if self.want in ("passed", "matches"):
            return self.status == self.want
        return self.status == "failed"


def job_for(exercise: ExerciseSpec, code: str, mode: str = "grade") -> Job:
    return Job(
        code=code,
        bundle=exercise.bundle(),
        entry_points=exercise.entry_points,
        mode=mode,
        example=exercise.example,
        banned=exercise.banned,
        limits=exercise.grader_limits(),
        bundle_hash=exercise.bundle_hash(),
    )


def runs_for(exercise: ExerciseSpec) -> list:
    runs = [("solution", "passed", exercise.solution), ("starter", "not passed", exercise.starter)]
    runs += [(f"alternatives/{name}", "passed", src) for name, src in exercise.alternatives.items()]
    runs += [(f"mutants/{name}", "not passed", src) for name, src in exercise.mutants.items()]
    if exercise.example_expected:  # the reference's example must give the value the statement promises
        runs.append(("example", "matches", exercise.solution))
    return runs


def example_outcome(result) -> tuple:
    """A Run of the reference's example as (status, message): "matches" or "differs" the expected value,
    or the run's own status (an error, a timeout) when it did not get that far."""
    verdict = (result.value or {}).get("expected") if result.status == "ran" else None
    if not isinstance(verdict, dict):
        return result.status, result.message or "the example ran, but nothing compared it with example_expected"
    if verdict.get("matches"):
        return "matches", ""
    return "differs", f"{verdict.get('message')} Expected: {verdict.get('expected')}"


class Cache:
    """Verdicts by (bundle hash, code hash, grader version), in one JSON file; path None keeps nothing."""

    def __init__(self, path, backend):
        self.path = Path(path) if path else None
        self.version = grader_version(backend)
        self.entries = self._read()

    def key(self, exercise: ExerciseSpec, code: str, mode: str = "grade") -> str:
        parts: tuple[str, ...] = (exercise.bundle_hash(), hashlib.sha256(code.encode()).hexdigest(), self.version)
        if mode != "grade":  # a Run of the same code is another verdict (grade keys stay as they were)
            parts += (mode, hashlib.sha256(exercise.example.encode()).hexdigest())
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def get(self, key: str):
        return self.entries.get(key)

    def put(self, key: str, status: str, message: str, seconds: float) -> None:
        if status in CACHED_STATUSES:  # one dict store: safe from the worker threads
            self.entries[key] = {"status": status, "message": message, "seconds": seconds}

    def save(self) -> None:
        if not self.path:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        scratch = self.path.with_suffix(f".{os.getpid()}.tmp")
        entries = {**self._read(), **self.entries}  # keep what another run saved meanwhile
        scratch.write_text(json.dumps(entries, sort_keys=True))
        scratch.replace(self.path)  # atomic: a run stopped half-way leaves the old cache whole

    def _read(self) -> dict:
        if not self.path or not self.path.is_file():
            return {}
        try:
            entries = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}  # a damaged cache only costs a full run
        return entries if isinstance(entries, dict) else {}


def proof_backend(topics: dict, name: str):
    """The grader a proof runs on. The process backend's zygotes import the heavy libraries the content
    uses once, not in each of its TransformerLens runs (6 s of CPU each): a verdict does not depend on
    it (the heavy-import tests grade without it). The caller closes it."""
    if name != "process":
        return get_backend(name)
    from grader.backends.process import ProcessBackend

    return ProcessBackend(preload=heavy_modules(topics))


def heavy_modules(topics: dict) -> tuple:
    """The grader.preimport libraries that these topics' references or checks import."""
    exercises = [ex for topic in topics.values() for ex in topic.exercises]
    return tuple(sorted({module for ex in exercises for module in preimport.heavy_imports(ex.solution, ex.bundle())}))


def grader_version(backend) -> str:
    """The grader's code, Python, the installed packages (torch, einops...) and the sandbox: a change to
    any of them may change a verdict."""
    digest = hashlib.sha256()
    for path in sorted(GRADER_DIR.rglob("*.py")):
        digest.update(str(path.relative_to(GRADER_DIR)).encode() + b"\0" + path.read_bytes() + b"\0")
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join([sys.version, *packages]).encode())
    sandbox = getattr(backend, "grader_id", None) or type(backend).__name__
    return f"{digest.hexdigest()[:16]} torch {importlib.metadata.version('torch')} {sandbox}"


def hint_leaks(topics: dict) -> list:
    """One line per mutant whose hint quotes the line of the solution it gets wrong (the answer)."""
    return [
        f"FAIL {ex.topic_id}/{ex.id} mutants/{name}: its hint quotes the answer `{line}`; name the mistake "
        "and the rule instead"
        for topic in topics.values()
        for ex in topic.exercises
        for name, source in ex.mutants.items()
        if (line := mutant_specs.answer_in_hint(ex.solution, source))
    ]


def validate(topics: dict, backend, workers: int = 2, report=print, cache_path=None) -> bool:
    leaks = hint_leaks(topics)
    for line in leaks:
        report(line)
    tasks = [
        (ex, label, want, code)
        for topic in topics.values()
        for ex in topic.exercises
        for label, want, code in runs_for(ex)
    ]
    cache = Cache(cache_path, backend)

    def run(task):
        ex, label, want, code = task
        mode = "run" if want == "matches" else "grade"
        key = cache.key(ex, code, mode)
        hit = cache.get(key)
        if hit:
            return Outcome(ex, label, want, hit["status"], hit["message"], hit["seconds"], cached=True)
        result = backend.run(job_for(ex, code, mode))
        seconds = sum(result.timings.values())
        if mode == "run":
            status, first_failure = example_outcome(result)
        else:
            status = result.status
            first_failure = next((t.message for t in result.tests if t.status != "passed"), result.message)
        cache.put(key, status, first_failure, seconds)
        return Outcome(ex, label, want, status, first_failure, seconds)

    outcomes = []
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for outcome in pool.map(run, tasks):  # in order, each as soon as it and those before it are done
                outcomes.append(outcome)
                report(_line(outcome))
                if len(outcomes) % 50 == 0:
                    cache.save()  # a run stopped half-way keeps what it graded
    finally:
        cache.save()
    _summary(topics, outcomes, report)
    return not leaks and not any(not o.ok for o in outcomes)


def _line(o: Outcome) -> str:
    return (
        f"{'ok  ' if o.ok else 'FAIL'} {o.exercise.topic_id}/{o.exercise.id} {o.label}: {o.status} "
        f"({'cached' if o.cached else f'{o.seconds:.1f} s'})"
        + ("" if o.ok and o.want in ("passed", "matches") else f" - {o.message[:300]}")
    )


def _summary(topics: dict, outcomes: list, report) -> None:
    bad = [o for o in outcomes if not o.ok]
    graded = [o for o in outcomes if not o.cached]
    slowest = max(graded, key=lambda o: o.seconds, default=None)
    report(
        f"\n{len(outcomes) - len(bad)} of {len(outcomes)} runs as expected across "
        f"{sum(len(t.exercises) for t in topics.values())} exercises ({len(outcomes) - len(graded)} from the cache)"
        + (
            f"; slowest {slowest.exercise.topic_id}/{slowest.exercise.id} {slowest.label} {slowest.seconds:.1f} s"
            if slowest
            else ""
        )
    )
    for o in bad:
        report(f"  expected {o.want}, got {o.status}: {o.exercise.path} {o.label}: {o.message}")
