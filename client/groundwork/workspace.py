"""An exercise's folder on the learner's machine: TOPIC/slug/ with the learner's file (the starter at first),
README.md (the statement), example.py (the exercise's example, run locally) and .groundwork.json (which
exercise this is). A submit that could not be sent waits in .groundwork-pending.json until it is."""

import ast
import json
import keyword
import time
from dataclasses import asdict, dataclass
from pathlib import Path

META = ".groundwork.json"
PENDING = ".groundwork-pending.json"


class WorkspaceError(Exception):
    pass


@dataclass
class Workspace:
    folder: Path
    exercise: str  # TOPIC/slug
    file: str  # the learner's file, relative to the folder
    entry_points: list
    url: str  # the exercise's page on the site
    last_submission: int | None = None

    def save(self) -> None:
        meta = {k: v for k, v in asdict(self).items() if k != "folder"}
        (self.folder / META).write_text(json.dumps(meta, indent=2) + "\n")

    @property
    def path(self) -> Path:
        return self.folder / self.file


def module_name(slug: str) -> str:
    name = slug.replace("-", "_").replace(".", "_")
    return name if name.isidentifier() and not keyword.iskeyword(name) else f"exercise_{name}"


def create(parent: Path, exercise: dict, force: bool = False) -> tuple[Workspace, bool]:
    """Write the exercise's folder under parent; (workspace, whether the learner's file was kept as it was)."""
    folder = parent / exercise["topic"] / exercise["slug"]
    folder.mkdir(parents=True, exist_ok=True)
    module = module_name(exercise["slug"])
    ws = Workspace(
        folder=folder,
        exercise=f"{exercise['topic']}/{exercise['slug']}",
        file=f"{module}.py",
        entry_points=list(exercise["entry_points"]),
        url=exercise["url"],
    )
    if (folder / META).exists():
        ws.last_submission = json.loads((folder / META).read_text()).get("last_submission")
    kept = ws.path.exists() and not force
    if not kept:
        ws.path.write_text(exercise["starter"])
    (folder / "README.md").write_text(readme(exercise, ws.file))
    (folder / "example.py").write_text(example_script(exercise["example"], module))
    ws.save()
    return ws, kept


def readme(exercise: dict, file: str) -> str:
    names = ", ".join(f"`{name}`" for name in exercise["entry_points"])
    return (
        f"# {exercise['title']}\n\n{exercise['statement'].rstrip()}\n\n---\n\n"
        f"Write {names} in `{file}`. `groundwork run` runs `example.py`, which calls them on your machine; "
        f"`groundwork submit` grades `{file}` on the server and shows the feedback. "
        f"This exercise on the site: {exercise['url']}\n"
    )


def example_script(example: str, module: str) -> str:
    """example.py: imports the learner's file, then runs the example; its last expression is printed, as the
    site's Run button shows the value of the last line."""
    head = (
        f'"""The exercise\'s example: `groundwork run` (or `python example.py`) runs it on your machine."""\n'
        f"from {module} import *  # noqa: F401,F403  (your functions)\n\n"
    )
    if not example.strip():
        return head + 'print("Your code loaded without errors. (This exercise has no example call.)")\n'
    lines = example.rstrip().splitlines()
    try:
        last = ast.parse(example).body[-1]
    except (SyntaxError, IndexError):
        return head + "\n".join(lines) + "\n"
    is_print = (
        isinstance(last, ast.Expr)
        and isinstance(last.value, ast.Call)
        and getattr(last.value.func, "id", None) == "print"
    )
    if isinstance(last, ast.Expr) and not is_print:
        expression = ast.get_source_segment(example, last.value)
        assert last.end_lineno is not None and last.end_col_offset is not None  # ast.parse sets every position
        trailing = lines[last.end_lineno - 1].encode()[last.end_col_offset :].decode()  # a comment, say
        lines[last.lineno - 1 : last.end_lineno] = [f"print(repr({expression})){trailing}"]
    return head + "\n".join(lines) + "\n"


def find(start: Path) -> Workspace:
    """The exercise folder holding start (a folder or a file in it), looking upwards."""
    start = start.resolve()
    for folder in [start, *start.parents] if start.is_dir() else list(start.parents):
        if (folder / META).is_file():
            try:
                meta = json.loads((folder / META).read_text())
                return Workspace(folder=folder, **meta)
            except (ValueError, TypeError) as e:
                raise WorkspaceError(
                    f"{folder / META} is damaged ({e}); fetch the exercise again with "
                    f"`groundwork fetch TOPIC/EXERCISE` (your file is kept)."
                ) from e
    raise WorkspaceError(
        f"{start} is not in an exercise folder. Fetch one with `groundwork fetch TOPIC/EXERCISE` "
        f"(for example EI2/einsum-basics) and run this inside the folder it makes."
    )


def problem_with(code: str, entry_points: list, filename: str) -> str | None:
    """Why this code cannot be graded, found before sending it: a syntax error or a missing entry point."""
    try:
        tree = ast.parse(code, filename)
    except SyntaxError as e:
        return f"{filename}, line {e.lineno}: {e.msg}. Fix it and submit again (nothing was sent)."
    defined = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            defined |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            defined |= {(a.asname or a.name).split(".")[0] for a in node.names}
    missing = [name for name in entry_points if name not in defined]
    if missing:
        return (
            f"{filename} does not define {', '.join(missing)}: the grader calls "
            f"{', '.join(entry_points)}. Nothing was sent."
        )
    return None


def save_pending(ws: Workspace, code: str, file: str) -> Path:
    target = ws.folder / PENDING
    target.write_text(
        json.dumps(
            {"exercise": ws.exercise, "file": file, "code": code, "saved_at": time.strftime("%Y-%m-%d %H:%M:%S")},
            indent=2,
        )
        + "\n"
    )
    return target


def load_pending(ws: Workspace) -> dict | None:
    target = ws.folder / PENDING
    return json.loads(target.read_text()) if target.exists() else None


def clear_pending(ws: Workspace) -> None:
    (ws.folder / PENDING).unlink(missing_ok=True)
