"""A module's private names (a leading underscore) are its own: another module that reaches for one
(`checks._state`, `wire._short_repr`) breaks when the owner changes it, so the owner offers a public one."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_PARTY = {"grader", "config", "accounts", "curriculum", "learning", "cohorts", "api", "lti", "groundwork"}
SHARED = {path.stem for path in (ROOT / "content" / "shared").glob("*.py")}
SOURCES = ["grader", "platform", "client/groundwork", "content/shared"]


def our_modules_imported(tree: ast.Module) -> set:
    """The local names that stand for one of this project's modules in this file."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in FIRST_PARTY:
            names.update(alias.asname or alias.name for alias in node.names)  # may be modules or objects
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in FIRST_PARTY | SHARED:
                    names.add(alias.asname or alias.name.split(".")[0])
    return names


def private_reaches(path: Path) -> list:
    tree = ast.parse(path.read_text())
    ours = our_modules_imported(tree)
    return [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.value.id}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in ours
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        and node.attr != "_meta"  # a Django model's _meta is public API (the Model _meta API)
    ]


def test_no_module_reaches_for_another_modules_private_names():
    files = [p for top in SOURCES for p in (ROOT / top).rglob("*.py") if "migrations" not in p.parts]
    assert len(files) > 100, "the scan no longer finds the project's modules"
    found = [line for path in files for line in private_reaches(path)]
    assert not found, "use or add a public name instead:\n" + "\n".join(found)
