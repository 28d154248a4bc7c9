#!/usr/bin/env python3
"""Turns whole-file mutants (mutants/*.py) into mutants.yaml entries: the docstring becomes the hint,
and the rest becomes the smallest exact replace/with edits on solution.py that rebuild it.

    scripts/convert_mutants.py [CONTENT_DIR] [--dry-run]

Each entry is proved before its file is deleted: the loader's build of the entry must give back the
mutant's code exactly, and its hint. A mutant of a tiny solution (at most TINY lines) that shares
little with it stays a whole file. Prints the line counts before and after.
"""

import ast
import difflib
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]

from curriculum import mutant_specs  # noqa: E402

TINY = 8  # solution lines (not blank) at or below which a drifted mutant may stay a whole file
DRIFTED = 0.5  # share of the solution's lines that the edits replace, above which a mutant has drifted


def split_hint(source: str) -> tuple:
    """(hint, body): the module docstring and the code after it."""
    module = ast.parse(source)
    first = module.body[0] if module.body else None
    if not (
        isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str)
    ):
        raise ValueError("no docstring: a mutant needs one, it is the learner's hint")
    lines = source.splitlines(keepends=True)
    return first.value.value, "".join(lines[first.end_lineno :])


def edits_for(solution: str, body: str) -> list:
    """replace/with pairs that turn `solution` into `body`, applied in order, each anchor unique."""
    old, new = solution.splitlines(keepends=True), body.splitlines(keepends=True)
    edits, current = [], list(old)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        # before this edit the text is new[:j1] + old[i1:]; the changed lines start at j1
        current = new[:j1] + old[i1:]
        edits.append(_edit(current, j1, i2 - i1, new[j1:j2]))
    return edits


def _edit(current: list, start: int, length: int, replacement: list) -> dict:
    """The smallest unique anchor around current[start:start + length], widened a line at a time."""
    text = "".join(current)
    for before in range(0, len(current) + 1):
        for after in (0, 1) if before == 0 else (before - 1, before):
            lo, hi = max(0, start - before), min(len(current), start + length + after)
            old = "".join(current[lo:hi])
            new = "".join(current[lo:start] + replacement + current[start + length : hi])
            for rep, wth in _trimmed(old, new):
                if rep and mutant_specs.occurrences(text, rep) == 1:
                    return {"replace": rep, "with": wth}
    raise AssertionError("no unique anchor: the whole text should always be one")


def _trimmed(old: str, new: str):
    """Candidate pairs, shortest first: common text cut off at word boundaries, then whole lines."""
    p = 0
    while p < min(len(old), len(new)) and old[p] == new[p]:
        p += 1
    s = 0
    while s < min(len(old), len(new)) - p and old[-1 - s] == new[-1 - s]:
        s += 1
    while p > 0 and not old[p - 1].isspace():
        p -= 1
    while s > 0 and not old[len(old) - s].isspace():
        s -= 1
    yield old[p : len(old) - s], new[p : len(new) - s]
    if old.endswith("\n") and new.endswith("\n"):
        yield old[:-1], new[:-1]
    yield old, new


def convert_exercise(path: Path, dry_run: bool) -> tuple:
    """(lines before, lines after, kept whole) for one exercise folder."""
    solution = (path / "solution.py").read_text()
    spec_path = path / "mutants.yaml"
    entries = yaml.safe_load(spec_path.read_text()) if spec_path.is_file() else []
    entries = entries or []
    files = sorted((path / "mutants").glob("*.py"))
    before = sum(len(f.read_text().splitlines()) for f in files) + _lines(spec_path)
    kept, converted = [], []
    for f in files:
        source = f.read_text()
        hint, body = split_hint(source)
        edits = edits_for(solution, body)
        if _drifted(solution, edits):
            kept.append(f)
            continue
        entry = {"name": f.stem, "hint": hint.strip(), "edits": edits}
        _prove(entry, solution, source, f)
        entries.append(entry)
        converted.append(f)
    if not dry_run and converted:
        spec_path.write_text(dump(entries))
        problems = []
        built = mutant_specs.build(spec_path, solution, problems)
        assert not problems, problems
        for f in converted:
            assert split_hint(built[f.name]) == (split_hint(f.read_text())[0].strip(), split_hint(f.read_text())[1])
            f.unlink()
        if not any((path / "mutants").iterdir()):
            (path / "mutants").rmdir()
    after = _lines(spec_path) + sum(len(f.read_text().splitlines()) for f in kept) if not dry_run else 0
    return before, after, kept


def _drifted(solution: str, edits: list) -> bool:
    code_lines = [line for line in solution.splitlines() if line.strip()]
    replaced = sum(len(e["replace"].splitlines()) for e in edits)
    return len(code_lines) <= TINY and replaced > DRIFTED * len(code_lines)


def _prove(entry: dict, solution: str, source: str, where: Path) -> None:
    body, problem = mutant_specs.apply_edits(solution, entry["edits"], str(where))
    assert problem is None, problem
    hint, original_body = split_hint(source)
    assert body == original_body, f"{where}: the edits do not rebuild the mutant"
    rebuilt = mutant_specs.with_hint(entry["hint"], body)
    assert split_hint(rebuilt) == (hint.strip(), original_body), f"{where}: the hint does not survive"


def _lines(path: Path) -> int:
    return len(path.read_text().splitlines()) if path.is_file() else 0


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, text):
    style = None if "\n" not in text else "|" if _block_safe(text) else '"'  # '"' shows a newline as \n
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _block_safe(text: str) -> bool:
    """A literal block keeps the text exactly only without trailing spaces, tabs or a leading blank."""
    return not any(line != line.rstrip() for line in text.split("\n")) and "\t" not in text and text[0] != " "


_Dumper.add_representer(str, _str)


def dump(entries: list) -> str:
    return yaml.dump(entries, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)


def main(argv: list) -> int:
    dry_run = "--dry-run" in argv
    args = [a for a in argv if a != "--dry-run"]
    root = Path(args[0]) if args else ROOT / "content"
    totals, kept = [0, 0], []
    for path in sorted(p.parent for p in root.glob("topics/*/exercises/*/mutants")):
        before, after, whole = convert_exercise(path, dry_run)
        totals[0] += before
        totals[1] += after
        kept += whole
    print(f"mutant lines: {totals[0]} before, {totals[1] if not dry_run else '?'} after")
    for f in kept:
        print(f"kept whole (tiny solution, drifted): {f.relative_to(root)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
