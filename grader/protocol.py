"""The job and result protocol between a grader worker and a sandbox, as JSON.

A Job carries everything the sandbox needs (learner code, the check bundle, limits, a seed,
the device wanted); a Result carries everything needed to show and to reproduce a verdict.

Much of a Result is text the learner's code chose (printed output, exception names and messages,
reprs, dict keys), so Result.to_dict makes every result storable and bounded, whoever built it:
NUL and lone surrogates (which Postgres's jsonb refuses) become U+FFFD, and the whole result is at
most RESULT_MAX_BYTES serialized, long strings and lists cut with a visible "… (cut: N more …)".
"""

import json
import math
import re
from dataclasses import asdict, dataclass, field, fields

# Bumped when a field changes meaning. Both sides parse tolerantly (unknown fields are ignored, an
# unknown status becomes "crashed" with a message), so a worker and a sandbox image of neighbouring
# versions still understand each other during an upgrade.
PROTOCOL_VERSION = 1

# Verdicts of a graded submission; "ran" is the outcome of a Run (no grading).
STATUSES = ("passed", "failed", "error", "timeout", "memory", "crashed", "ran")
# The verdicts after which a sandbox may serve another job (the zygote and both backends); after any
# other (a timeout, memory, a crash) it is replaced.
SANDBOX_REUSABLE_AFTER = ("passed", "failed", "error", "ran")
# A learner's code may run up to this many times its wall_s longer, for time that it and its checker
# spent waiting for a CPU (a busy grader: a whole class submitting at once). A correct loop must not
# time out because others submitted too. Time asleep earns nothing; the cap bounds what a process
# crowding its own threads can earn.
CPU_WAIT_ALLOWANCE = 2.0
TEST_STATUSES = ("passed", "failed", "error", "not run")
RESULT_MAX_BYTES = 256 * 1024  # the whole Result as JSON; a verdict weighs no more in the database or a page
# Per-field caps tried in turn until the result fits: (characters per string, items per list or dict).
_CUTS = ((64_000, 1000), (16_000, 200), (4_000, 50), (1_000, 20), (200, 10))
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL, and surrogates (in a str, always lone)


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
        return {"protocol": PROTOCOL_VERSION, **asdict(self)}

    def to_json(self) -> str:
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, text: str) -> "Job":
        return cls.from_dict(json.loads(text))

    @classmethod
    def from_dict(cls, data: dict) -> "Job":
        data = known_fields(cls, data)
        return cls(**dict(data, limits=Limits(**known_fields(Limits, data.get("limits") or {}))))


@dataclass
class CaseResult:
    """The verdict of one @test of a check bundle (a Result holds one per test, under "tests")."""

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
    tests: list = field(default_factory=list)  # of CaseResult
    stdout: str = ""
    stderr: str = ""
    value: dict | None = None  # Run mode: a description of the example's value
    timings: dict = field(default_factory=dict)  # seconds by phase: queued, start, run
    device: str = "cpu"
    grader_id: str = ""
    bundle_hash: str = ""
    seed: int = 0
    grader_fault: bool = False  # the sandbox or grader failed, not the learner's code: the worker retries
    curves: list = field(default_factory=list)  # training curves to draw (grader.curves): display only

    def __post_init__(self):
        assert self.status in STATUSES, self.status
        self.tests = [t if isinstance(t, CaseResult) else CaseResult(**t) for t in self.tests]

    def to_dict(self) -> dict:
        return storable({"protocol": PROTOCOL_VERSION, **asdict(self)})

    def to_json(self) -> str:
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, text: str) -> "Result":
        return cls.from_dict(json.loads(text))

    @classmethod
    def from_dict(cls, data: dict) -> "Result":
        """The one parser of results: what a sandbox of another version sends still makes a verdict."""
        data = known_fields(cls, data)
        if data.get("status") not in STATUSES:
            status = str(data.get("status"))[:40]
            note = f"The grader answered with an unknown status {status!r}; not your code's fault."
            data = dict(data, status="crashed", message=" ".join(filter(None, [note, data.get("message")])))
        tests = [known_fields(CaseResult, t) for t in data.get("tests") or [] if isinstance(t, dict)]
        tests = [dict(t, status=t.get("status") if t.get("status") in TEST_STATUSES else "error") for t in tests]
        return cls(**dict(data, tests=[t for t in tests if "name" in t]))


def known_fields(cls, data: dict) -> dict:
    """`data` without the keys `cls` does not have (a field added by a newer version)."""
    names = {f.name for f in fields(cls)}
    return {key: value for key, value in data.items() if key in names}


def storable(data: dict) -> dict:
    """A result dict as strict JSON and Postgres's jsonb accept it, at most RESULT_MAX_BYTES."""
    return bounded(_json_safe(data))


def _json_safe(value):
    """NaN and infinities (a largest error of nan, say) as text, and text without NUL or lone
    surrogates: strict JSON, and Postgres's jsonb, reject them, and the verdict must still be stored."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {_json_key(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return value


def _json_key(key):
    return key if isinstance(key, (int, float, bool)) or key is None else clean_text(str(key))


def clean_text(text: str) -> str:
    return _UNSTORABLE.sub("\ufffd", text)


def cut_text(text: str, limit: int) -> str:
    """At most about `limit` characters, saying how many were left out."""
    if len(text) <= limit:
        return text
    return text[:limit] + f"… (cut: {len(text) - limit} more characters)"


def bounded(data: dict, max_bytes: int = RESULT_MAX_BYTES) -> dict:
    """A JSON-safe result dict cut until it serializes to at most `max_bytes`: every string and
    list is cut with tighter caps in turn; if even the tightest is too big, a result without its
    tests, stdout or stderr, which says so."""
    for chars, items in _CUTS:
        cut = _cut(dict(data, tests=[]), chars, items)
        cut["tests"] = _cut_tests(data.get("tests", []), chars, items)
        if _size(cut) <= max_bytes:
            return cut
    keep = ("status", "score", "timings", "device", "grader_id", "bundle_hash", "seed")
    small = {k: _cut(data[k], 200, 10) for k in keep if k in data}
    small.update(
        tests=[],
        stdout="",
        stderr="",
        value=None,
        message=cut_text(str(data.get("message", "")), 1000)
        + f" (The full result was over {max_bytes // 1024} KB; its details were dropped.)",
    )
    return small


def _cut_tests(tests: list, chars: int, items: int) -> list:
    kept = [_cut(t, chars, items) for t in tests[:items]]
    if len(tests) > items:  # still shaped like a test, so every reader of a result can read it
        kept.append(
            {
                "name": f"… (cut: {len(tests) - items} more tests)",
                "status": "not run",
                "message": "",
                "points": 0,
                "details": {},
                "duration_s": 0.0,
            }
        )
    return kept


def _cut(value, chars: int, items: int):
    if isinstance(value, str):
        return cut_text(value, chars)
    if isinstance(value, list):
        kept = [_cut(v, chars, items) for v in value[:items]]
        return kept + ([f"… (cut: {len(value) - items} more items)"] if len(value) > items else [])
    if isinstance(value, dict):
        pairs = list(value.items())
        cut = {(cut_text(k, 200) if isinstance(k, str) else k): _cut(v, chars, items) for k, v in pairs[:items]}
        if len(pairs) > items:
            cut["…"] = f"(cut: {len(pairs) - items} more entries)"
        return cut
    return value


def _size(data: dict) -> int:
    return len(json.dumps(data).encode())
