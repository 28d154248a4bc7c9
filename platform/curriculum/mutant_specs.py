"""Builds mutants from `mutants.yaml`: each entry is a likely mistake (its hint) written as exact
replace/with edits on solution.py, so a mutant stays a few lines however long the solution is, and
follows the solution when an unrelated line of it changes.

    - name: bmm_sums_batch
      hint: "`batched_mm` sums over the batch axis ..."
      edits:
        - replace: 'exact text in solution.py'
          with: 'replacement text'

The built source is the edited solution with the hint as its module docstring, which is where the
grader looks for a whole-file mutant's hint; so the grader sees mutants/<name>.py either way.
"""

import ast
import re
import warnings

import yaml

NAME = re.compile(r"^[A-Za-z0-9_]+$")


def load_yaml(text: str):
    """yaml.safe_load through libyaml where PyYAML was built with it: the same documents, five times
    faster; the curriculum's 218 files took 1.3 s, in every process that loads it."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def occurrences(text: str, anchor: str) -> int:
    """How many places `anchor` starts at, overlapping ones included (str.count skips those)."""
    count, start = 0, text.find(anchor)
    while start != -1:
        count += 1
        start = text.find(anchor, start + 1)
    return count


def with_hint(hint: str, body: str) -> str:
    """`body` with `hint` as its module docstring."""
    if '"""' in hint or "\\" in hint or hint.endswith('"'):
        return repr(hint) + "\n" + body
    return f'"""{hint}"""\n' + body


ANSWER_LINE_CHARS = 16  # a removed solution line this long, quoted in a hint, gives the answer away


def answer_in_hint(solution: str, mutant: str) -> str:
    """A line of the solution that the mutant removes and its hint (module docstring) quotes whole, or ''.
    A hint names the mistake and the rule that fixes it; it never pastes the line that fixes it."""
    try:
        hint = ast.get_docstring(ast.parse(mutant)) or ""
    except SyntaxError:
        return ""
    removed = {line.strip() for line in solution.splitlines()} - {line.strip() for line in mutant.splitlines()}
    # A block header (`with torch.no_grad():`) names a construct, not the computation: not an answer.
    return next(
        (
            line
            for line in sorted(removed)
            if len(line) >= ANSWER_LINE_CHARS and not line.endswith(":") and line in hint
        ),
        "",
    )


def apply_edits(solution: str, edits: list, where: str) -> tuple:
    """(text, problem): the solution after each edit in turn, or the first anchor that is not unique."""
    text = solution
    for n, edit in enumerate(edits, start=1):
        found = occurrences(text, edit["replace"])
        if found != 1:
            where_found = "does not occur" if not found else f"occurs {found} times"
            return None, (
                f"{where}: edit {n}: the text to replace {where_found} in solution.py"
                f"{' after the earlier edits' if n > 1 else ''}; it must occur exactly once: "
                f"{_shorten(edit['replace'])}"
            )
        text = text.replace(edit["replace"], edit["with"], 1)
    return text, None


def build(path, solution: str, problems: list) -> dict:
    """name.py -> source for every entry in the mutants.yaml at `path`; what is wrong goes to `problems`."""
    try:
        entries = load_yaml(path.read_text())
    except yaml.YAMLError as e:
        problems.append(f"{path}: not valid YAML: {e}")
        return {}
    if entries is None:
        return {}
    if not isinstance(entries, list):
        problems.append(f"{path}: expected a list of mutants (- name: ..., hint: ..., edits: [...])")
        return {}
    built = {}
    for n, entry in enumerate(entries, start=1):
        name, source = _build_entry(path, n, entry, solution, problems)
        if name is None:
            continue
        if f"{name}.py" in built:
            problems.append(f"{path}: mutant {name!r} is named twice")
        elif source is not None:
            built[f"{name}.py"] = source
    return built


def _build_entry(path, n: int, entry, solution: str, problems: list) -> tuple:
    """(name, source); name None when the entry has no usable name, source None when it is broken."""
    if not isinstance(entry, dict) or not NAME.match(str(entry.get("name", ""))):
        problems.append(f"{path}: entry {n}: needs a name of letters, digits and _ (then hint and edits)")
        return None, None
    name = str(entry["name"])
    where = f"{path}: mutant {name!r}"
    unknown = set(entry) - {"name", "hint", "edits"}
    if unknown:
        problems.append(f"{where}: unknown fields {sorted(unknown)}; known: name, hint, edits")
        return name, None
    hint = entry.get("hint")
    if not isinstance(hint, str) or not hint.strip():
        problems.append(f"{where}: needs a hint: the mistake, as the learner should read it")
        return name, None
    edits = entry.get("edits")
    if not isinstance(edits, list) or not edits or not all(_is_edit(e) for e in edits):
        problems.append(
            f"{where}: edits must be a non-empty list of {{replace: TEXT, with: TEXT}}, each replace non-empty"
        )
        return name, None
    body, problem = apply_edits(solution, edits, where)
    if problem:
        problems.append(problem)
        return name, None
    if body == solution:
        problems.append(f"{where}: the edits leave solution.py unchanged")
        return name, None
    source = with_hint(hint.strip(), body)
    return name, source if compiles(source, where, problems) else None


def compiles(source: str, where: str, problems: list) -> bool:
    try:
        with warnings.catch_warnings():  # an invalid escape in a hint is harmless; only errors count
            warnings.simplefilter("ignore", SyntaxWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            compile(source, where, "exec")
    except (SyntaxError, ValueError) as e:
        line = f" line {lineno}" if (lineno := getattr(e, "lineno", None)) else ""
        problems.append(f"{where}: not valid Python{line}: {getattr(e, 'msg', e)}")
        return False
    return True


def _is_edit(edit) -> bool:
    return (
        isinstance(edit, dict)
        and set(edit) == {"replace", "with"}
        and isinstance(edit["replace"], str)
        and edit["replace"] != ""
        and isinstance(edit["with"], str)
    )


def _shorten(text: str, limit: int = 80) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")
