"""ruff finds Python files by their extension: a Python script named as a command must be listed, or the
linter and the formatter never see it."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def python_scripts_without_extension() -> set:
    found = set()
    for path in (ROOT / "scripts").iterdir():
        if path.is_file() and not path.suffix and "python" in path.read_text(errors="replace").partition("\n")[0]:
            found.add(path.relative_to(ROOT).as_posix())
    return found


def test_every_python_script_is_linted_and_formatted():
    ruff = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]
    scripts = python_scripts_without_extension()
    assert scripts, "no Python script found under scripts/: this test no longer looks where it should"
    missing = scripts - set(ruff.get("extend-include", []))
    assert not missing, f"add {sorted(missing)} to [tool.ruff] extend-include in pyproject.toml"
