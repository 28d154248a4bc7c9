"""The job and result protocol between a grader worker and a sandbox, as JSON.

A Job carries everything the sandbox needs (learner code, the check bundle, limits, a seed,
the device wanted); a Result carries everything needed to show and to reproduce a verdict.
"""
import json
import math
from dataclasses import asdict, dataclass, field

# Verdicts of a graded submission; "ran" is the outcome of a Run (no grading).
STATUSES = ("passed", "failed", "error", "timeout", "memory", "crashed", "ran")
TEST_STATUSES = ("passed", "failed", "error", "not run")


@dataclass
class Limits:
    wall_s: float = 10.0  # wall time for everything the learner's code does in one job
    memory_mb: int = 1024  # address space the learner process may add
    cpu_s: int = 20
    output_bytes: int = 64_000  # kept per stream (stdout, stderr); the rest is counted and cut
    file_bytes: int = 16_000_000
    processes: int = 64


@dataclass
class Job:
    code: str
    bundle: dict  # file name -> text: exercise.yaml, check.py, mutants/*.py
    entry_points: list
    mode: str = "grade"  # "grade" runs check.py; "run" runs the exercise's example
    example: str = ""
    banned: list = field(default_factory=list)
    limits: Limits = field(default_factory=Limits)
    seed: int = 0
    device: str = "cpu"  # "cpu" or "cuda"
    bundle_hash: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, text: str) -> "Job":
        return cls.from_dict(json.loads(text))

    @classmethod
    def from_dict(cls, data: dict) -> "Job":
        data = dict(data, limits=Limits(**data.get("limits", {})))
        return cls(**data)


@dataclass
class TestResult:
    __test__ = False  # not a pytest class
    name: str
    status: str  # one of TEST_STATUSES
    message: str = ""
    points: float = 1.0
    details: dict = field(default_factory=dict)
    duration_s: float = 0.0


@dataclass
class Result:
    status: str
    score: float = 0.0
    message: str = ""  # a verdict-level explanation (syntax error, timeout, crash)
    tests: list = field(default_factory=list)  # of TestResult
    stdout: str = ""
    stderr: str = ""
    value: dict | None = None  # Run mode: a description of the example's value
    timings: dict = field(default_factory=dict)  # seconds by phase: queued, start, run
    device: str = "cpu"
    grader_id: str = ""
    bundle_hash: str = ""
    seed: int = 0

    def __post_init__(self):
        assert self.status in STATUSES, self.status
        self.tests = [t if isinstance(t, TestResult) else TestResult(**t) for t in self.tests]

    def to_dict(self) -> dict:
        return _json_safe(asdict(self))

    def to_json(self) -> str:
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, text: str) -> "Result":
        return cls(**json.loads(text))

    @classmethod
    def from_dict(cls, data: dict) -> "Result":
        return cls(**data)


def _json_safe(value):
    """NaN and infinities (a largest error of nan, say) as text: strict JSON, and Postgres's jsonb,
    reject them, and the verdict must still be stored."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return value
