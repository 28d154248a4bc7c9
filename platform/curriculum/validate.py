"""Proves the content through the real grader: every reference solution passes, every mutant
fails, and no starter passes. Used by `manage.py content validate` and by CI."""
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from curriculum.content import ExerciseSpec
from grader.protocol import Job


@dataclass
class Outcome:
    exercise: ExerciseSpec
    label: str  # "solution", "starter" or "mutants/<name>"
    want: str  # "passed" or "not passed"
    status: str
    message: str
    seconds: float

    @property
    def ok(self) -> bool:
        return self.status == "passed" if self.want == "passed" else self.status == "failed"


def job_for(exercise: ExerciseSpec, code: str, mode: str = "grade") -> Job:
    return Job(code=code, bundle=exercise.bundle(), entry_points=exercise.entry_points, mode=mode,
               example=exercise.example, banned=exercise.banned, limits=exercise.grader_limits(),
               bundle_hash=exercise.bundle_hash())


def runs_for(exercise: ExerciseSpec) -> list:
    runs = [("solution", "passed", exercise.solution), ("starter", "not passed", exercise.starter)]
    runs += [(f"mutants/{name}", "not passed", src) for name, src in exercise.mutants.items()]
    return runs


def validate(topics: dict, backend, workers: int = 2, report=print) -> bool:
    tasks = [(ex, label, want, code) for topic in topics.values() for ex in topic.exercises
             for label, want, code in runs_for(ex)]

    def run(task):
        ex, label, want, code = task
        result = backend.run(job_for(ex, code))
        seconds = sum(result.timings.values())
        first_failure = next((t.message for t in result.tests if t.status != "passed"), result.message)
        return Outcome(ex, label, want, result.status, first_failure, seconds)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(run, tasks))
    for o in outcomes:
        mark = "ok  " if o.ok else "FAIL"
        report(f"{mark} {o.exercise.topic_id}/{o.exercise.id} {o.label}: {o.status} ({o.seconds:.1f} s)"
               + ("" if o.ok and o.want == "passed" else f" - {o.message[:160]}"))
    bad = [o for o in outcomes if not o.ok]
    slowest = max(outcomes, key=lambda o: o.seconds, default=None)
    report(f"\n{len(outcomes) - len(bad)} of {len(outcomes)} runs as expected across "
           f"{sum(len(t.exercises) for t in topics.values())} exercises"
           + (f"; slowest {slowest.exercise.topic_id}/{slowest.exercise.id} {slowest.label} "
              f"{slowest.seconds:.1f} s" if slowest else ""))
    for o in bad:
        report(f"  expected {o.want}, got {o.status}: {o.exercise.path} {o.label}: {o.message}")
    return not bad
