"""Reads the curriculum folder into plain dataclasses and checks it. No database here.

content/topics/<topic-id>/topic.yaml, lesson.md
content/topics/<topic-id>/exercises/<exercise-id>/exercise.yaml, starter.py, solution.py,
    check.py, mutants.yaml and/or mutants/*.py, alternatives/*.py, explanation.md, data/*
content/shared/<name>.py    check code that exercises list under `shared:`
"""

import base64
import hashlib
import re
from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import yaml

from curriculum import mutant_specs
from grader import example_expected
from grader.protocol import Limits

ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
DEVICES = ("cpu", "gpu-optional", "gpu-required")
LIMIT_FIELDS = set(Limits.__dataclass_fields__)
MAX_DATA_BYTES = 2_000_000  # per exercise: data travels with every job
HINTS = (2, 3)  # progressive hints per exercise: fewest, most


class ContentError(Exception):
    def __init__(self, problems: list):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ExerciseSpec:
    id: str
    topic_id: str
    path: Path
    title: str
    statement: str
    entry_points: list
    starter: str
    solution: str
    check: str
    mutants: dict  # file name -> source, built from mutants.yaml or read from mutants/*.py
    order: int = 0
    required: bool = True
    device: str = "cpu"
    banned: list = field(default_factory=list)
    example: str = ""
    example_expected: dict | None = None  # {"value": expression, "atol", "rtol"}: grader.example_expected
    limits: dict = field(default_factory=dict)
    config_text: str = ""
    shared: dict = field(default_factory=dict)  # module name -> source, from content/shared/
    data: dict = field(default_factory=dict)  # file name -> base64 text, from data/
    alternatives: dict = field(default_factory=dict)  # file name -> source: other correct solutions
    hints: list = field(default_factory=list)  # Markdown, from the first nudge to the last
    explanation: str = ""  # Markdown: why the reference solution works, shown after a pass

    def bundle(self) -> dict:
        """What the grader needs to check a submission; the solution stays out."""
        files = {"exercise.yaml": self.config_text, "check.py": self.check}
        files.update({f"mutants/{name}": src for name, src in self.mutants.items()})
        files.update({f"shared/{name}.py": src for name, src in self.shared.items()})
        files.update({f"data/{name}": text for name, text in self.data.items()})
        if self.example_expected:
            files[example_expected.BUNDLE_FILE] = example_expected.to_bundle(self.example_expected)
        return files

    def bundle_hash(self) -> str:
        digest = hashlib.sha256()
        for name, text in sorted(self.bundle().items()):
            digest.update(name.encode() + b"\0" + text.encode() + b"\0")
        return digest.hexdigest()

    def grader_limits(self) -> Limits:
        return Limits(**self.limits)


@dataclass
class QuestionSpec:
    id: str
    prompt: str
    answer: object  # a choice's index, or a number
    explanation: str = ""
    choices: list = field(default_factory=list)  # empty: a numeric question
    tolerance: float = 0.0


@dataclass
class TopicSpec:
    id: str
    path: Path
    title: str
    skill: str
    prerequisites: list
    minutes: int
    order: int
    lesson: str
    exercises: list
    quiz: list = field(default_factory=list)


# A bare name (any part of a path, or an attribute), a dotted path (that object and what is in it), or "@".
BANNED_ENTRY = re.compile(r"^(@|[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)$")


def load(root: Path) -> dict:
    """All topics by id, in topological order; ContentError lists every problem found."""
    problems: list[str] = []
    topics = {}
    topics_dir = Path(root) / "topics"
    if not topics_dir.is_dir():
        raise ContentError([f"{topics_dir}: no such folder"])
    for path in sorted(p for p in topics_dir.iterdir() if p.is_dir()):
        topic = _load_topic(path, problems)
        if topic:
            topics[topic.id] = topic
    order = check_graph(topics, problems)
    if problems:
        raise ContentError(problems)
    return {tid: topics[tid] for tid in order}


def check_graph(topics: dict, problems: list) -> list:
    for topic in topics.values():
        for prereq in topic.prerequisites:
            if prereq not in topics:
                problems.append(f"{topic.path / 'topic.yaml'}: prerequisite {prereq!r} is not a topic")
    graph = {tid: [p for p in t.prerequisites if p in topics] for tid, t in topics.items()}
    try:
        return list(TopologicalSorter(graph).static_order())
    except CycleError as e:
        problems.append(f"prerequisites form a cycle: {' -> '.join(e.args[1])}")
        return list(topics)


def _load_topic(path: Path, problems: list):
    config = _yaml(path / "topic.yaml", problems, required=("title", "skill"))
    lesson = _text(path / "lesson.md", problems)
    exercises = []
    ex_dir = path / "exercises"
    for ex_path in sorted(p for p in ex_dir.iterdir() if p.is_dir()) if ex_dir.is_dir() else []:
        exercise = _load_exercise(path.name, ex_path, problems, path.parent.parent / "shared")
        if exercise:
            exercises.append(exercise)
    quiz = _load_quiz(path / "quiz.yaml", problems) if (path / "quiz.yaml").exists() else []
    if config is None or lesson is None or not _valid_id(path, problems):
        return None
    prereqs = config.get("prerequisites") or []
    if not isinstance(prereqs, list):
        problems.append(f"{path / 'topic.yaml'}: prerequisites must be a list of topic ids")
        prereqs = []
    return TopicSpec(
        id=path.name,
        path=path,
        title=str(config["title"]),
        skill=str(config["skill"]),
        prerequisites=[str(p) for p in prereqs],
        minutes=int(config.get("minutes", 30)),
        order=int(config.get("order", 0)),
        lesson=lesson,
        exercises=sorted(exercises, key=lambda e: (e.order, e.id)),
        quiz=quiz,
    )


def _load_exercise(topic_id: str, path: Path, problems: list, shared_dir: Path):
    config_path = path / "exercise.yaml"
    config = _yaml(config_path, problems, required=("title", "statement", "entry_points"))
    files = {name: _text(path / name, problems) for name in ("starter.py", "solution.py", "check.py")}
    if config is None or None in files.values() or not _valid_id(path, problems):
        return None
    mutants = _mutants(path, files["solution.py"], problems)
    if len(mutants) < 3:
        problems.append(f"{path}: {len(mutants)} mutants in mutants.yaml and mutants/; every exercise needs at least 3")
    device = config.get("device", "cpu")
    if device not in DEVICES:
        problems.append(f"{config_path}: device {device!r} is not one of {', '.join(DEVICES)}")
    limits = config.get("limits") or {}
    unknown = set(limits) - LIMIT_FIELDS
    if unknown:
        problems.append(f"{config_path}: unknown limits {sorted(unknown)}; known: {sorted(LIMIT_FIELDS)}")
        limits = {k: v for k, v in limits.items() if k in LIMIT_FIELDS}
    entry_points = config["entry_points"]
    if not isinstance(entry_points, list) or not entry_points:
        problems.append(f"{config_path}: entry_points must be a non-empty list of function names")
        return None
    for entry in config.get("banned") or []:
        if not BANNED_ENTRY.match(str(entry)):
            problems.append(
                f"{config_path}: banned entry {entry!r} is not a name, a dotted path "
                '(torch.nn.functional.softmax) or "@"'
            )
    return ExerciseSpec(
        id=path.name,
        topic_id=topic_id,
        path=path,
        title=str(config["title"]),
        statement=str(config["statement"]),
        entry_points=[str(e) for e in entry_points],
        starter=files["starter.py"],
        solution=files["solution.py"],
        check=files["check.py"],
        mutants=mutants,
        order=int(config.get("order", 0)),
        required=bool(config.get("required", True)),
        device=device,
        banned=[str(b) for b in config.get("banned") or []],
        example=str(config.get("example") or ""),
        example_expected=example_expected.parse(config, str(config_path), problems),
        limits=limits,
        config_text=config_path.read_text(),
        shared=_shared_modules(config.get("shared") or [], shared_dir, config_path, problems),
        data=_data_files(path / "data", problems),
        alternatives=_python_files(path / "alternatives", problems),
        hints=_hints(config, config_path, problems),
        explanation=_text(path / "explanation.md", problems) if (path / "explanation.md").exists() else "",
    )


def _mutants(path: Path, solution: str, problems: list) -> dict:
    """Whole-file mutants from mutants/*.py and built ones from mutants.yaml, by file name."""
    mutants = _python_files(path / "mutants", problems)
    spec = path / "mutants.yaml"
    if spec.is_file():
        for name, source in mutant_specs.build(spec, solution, problems).items():
            if name in mutants:
                problems.append(f"{spec}: mutant {name[:-3]!r} is also the file {path / 'mutants' / name}; keep one")
            mutants[name] = source
    return mutants


def _python_files(folder: Path, problems: list) -> dict:
    """name.py -> source for each file in `folder`; one that is not valid Python is reported by its path."""
    files = {}
    for p in sorted(folder.glob("*.py")) if folder.is_dir() else []:
        source = p.read_text()
        if mutant_specs.compiles(source, str(p), problems):
            files[p.name] = source
    return files


def _hints(config: dict, config_path: Path, problems: list) -> list:
    hints = config.get("hints")
    if hints is None:
        return []
    if (
        not isinstance(hints, list)
        or not HINTS[0] <= len(hints) <= HINTS[1]
        or not all(isinstance(h, str) and h.strip() for h in hints)
    ):
        problems.append(
            f"{config_path}: hints must be a list of {HINTS[0]} to {HINTS[1]} non-empty texts, "
            f"from a nudge to the last step before the answer"
        )
        return []
    return [h.strip() for h in hints]


def _shared_modules(names: list, shared_dir: Path, config_path: Path, problems: list) -> dict:
    modules = {}
    for name in names:
        source = shared_dir / f"{name}.py"
        if not ID.match(str(name)) or not source.is_file():
            problems.append(f"{config_path}: shared module {name!r} is not a file {source}")
            continue
        modules[str(name)] = source.read_text()
    return modules


def _data_files(data_dir: Path, problems: list) -> dict:
    files = sorted(p for p in data_dir.iterdir() if p.is_file()) if data_dir.is_dir() else []
    size = sum(p.stat().st_size for p in files)
    if size > MAX_DATA_BYTES:
        problems.append(f"{data_dir}: {size} bytes of data; an exercise may carry at most {MAX_DATA_BYTES}")
        return {}
    return {p.name: base64.b64encode(p.read_bytes()).decode() for p in files}


def _load_quiz(path: Path, problems: list) -> list:
    config = _yaml(path, problems, required=("questions",))
    if config is None:
        return []
    questions, seen = [], set()
    for n, q in enumerate(config["questions"] or [], start=1):
        where = f"{path}: question {n}"
        if not isinstance(q, dict) or not {"id", "prompt", "answer"} <= set(q):
            problems.append(f"{where}: needs id, prompt and answer")
            continue
        if q["id"] in seen:
            problems.append(f"{where}: id {q['id']!r} is used twice")
        seen.add(q["id"])
        choices = q.get("choices") or []
        if choices and not (isinstance(q["answer"], int) and 0 <= q["answer"] < len(choices)):
            problems.append(f"{where}: answer must be the index (0 to {len(choices) - 1}) of a choice")
            continue
        if not choices and not isinstance(q["answer"], (int, float)):
            problems.append(f"{where}: a question without choices needs a numeric answer")
            continue
        questions.append(
            QuestionSpec(
                id=str(q["id"]),
                prompt=str(q["prompt"]),
                answer=q["answer"],
                explanation=str(q.get("explanation", "")),
                choices=[str(c) for c in choices],
                tolerance=float(q.get("tolerance", 0)),
            )
        )
    return questions


def _valid_id(path: Path, problems: list) -> bool:
    if ID.match(path.name):
        return True
    problems.append(f"{path}: {path.name!r} is not a valid id (letters, digits, - and _)")
    return False


def _text(path: Path, problems: list):
    if not path.is_file():
        problems.append(f"{path}: missing")
        return None
    return path.read_text()


def _yaml(path: Path, problems: list, required: tuple):
    text = _text(path, problems)
    if text is None:
        return None
    try:
        data = mutant_specs.load_yaml(text)
    except yaml.YAMLError as e:
        problems.append(f"{path}: not valid YAML: {e}")
        return None
    if not isinstance(data, dict):
        problems.append(f"{path}: expected a mapping of fields")
        return None
    missing = [key for key in required if key not in data]
    if missing:
        problems.append(f"{path}: missing {', '.join(missing)}")
        return None
    return data
