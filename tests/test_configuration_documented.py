"""Every environment variable the code, compose, the scripts, CI and the client read is in
docs/configuration.md; every one compose reads is in .env.example."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON_READS = re.compile(
    r"""(?:environ\.get|environ\.setdefault|getenv|environ\[|env_bool|env_secret|env_int|env_list|env\.\w+)"""
    r"""\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
    r"""|\benvvar\s*=\s*["']([A-Z][A-Z0-9_]+)["']"""
)  # click's option from the environment
# Compose interpolates ${NAME} and ${NAME:-default} from the environment and .env; $$NAME is left to the
# container's shell (a healthcheck's), so it is no read of ours.
COMPOSE_READS = re.compile(r"(?<!\$)\$\{([A-Z][A-Z0-9_]+)(?::?-([^}]*))?\}")
SHELL_USES = re.compile(r"\$\{?([A-Z_][A-Z0-9_]*)(:?[-=?])?")
SHELL_ASSIGNS = re.compile(r"^\s*(?:export\s+|local\s+|readonly\s+)?([A-Z_][A-Z0-9_]*)=", re.M)
COMPOSE_FILES = ("docker-compose.yml", "docker-compose.secrets.yml")
# Read, but not settings of ours, each with why (a test keeps this list to names the scan finds).
NOT_SETTINGS = {
    "PWD",
    "OLDPWD",  # the shell's own
    "PGDATA",  # set by docker/postgres.Dockerfile for docker/postgres-entrypoint.sh
}


def shell_reads(text: str) -> set:
    """$NAME and ${NAME...} a script reads from its environment: any with a default (${NAME:-x}), and the
    others unless the script sets them itself."""
    assigned = set(SHELL_ASSIGNS.findall(text))
    return {name for name, default in SHELL_USES.findall(text) if default or name not in assigned}


def is_python(path: Path) -> bool:
    return path.suffix == ".py" or "python" in path.read_text().split("\n", 1)[0]


def variables_read(including_not_settings: bool = False) -> dict:
    found: dict = {}
    scripts = [path for path in [*ROOT.glob("scripts/*"), ROOT / ".ci/run"] if path.is_file()]
    python = [
        *ROOT.glob("platform/**/*.py"),
        *ROOT.glob("grader/**/*.py"),
        *ROOT.glob("client/groundwork/**/*.py"),
        *[path for path in scripts if is_python(path)],
    ]
    for path in python:
        for match in PYTHON_READS.finditer(path.read_text()):
            found.setdefault(match.group(1) or match.group(2), path.relative_to(ROOT))
    for path in [*ROOT.glob("docker/*.sh"), *[path for path in scripts if not is_python(path)]]:
        for name in shell_reads(path.read_text()):
            found.setdefault(name, path.relative_to(ROOT))
    for name, where in compose_reads().items():
        found.setdefault(name, where)
    return {name: where for name, where in found.items() if including_not_settings or name not in NOT_SETTINGS}


def compose_reads() -> dict:
    return {name: Path(file) for file in COMPOSE_FILES for name, _ in COMPOSE_READS.findall((ROOT / file).read_text())}


def compose_defaults() -> dict:
    return {
        name: default for file in COMPOSE_FILES for name, default in COMPOSE_READS.findall((ROOT / file).read_text())
    }


def env_example() -> tuple:
    """.env.example's settings: those set, and those commented out (`# NAME=default`)."""
    lines = (ROOT / ".env.example").read_text().splitlines()
    active = dict(line.split("=", 1) for line in lines if line and not line.startswith("#") and "=" in line)
    commented: dict = {}
    for line in lines:  # a set variable's name may start a line of prose as well ("# WEB_BIND=0.0.0.0 (...)")
        if (m := re.fullmatch(r"# ([A-Z][A-Z0-9_]+)=(.*)", line)) and m[1] not in active:
            commented.setdefault(m[1], m[2])
    return active, commented


def test_every_variable_the_code_reads_is_in_the_configuration_table():
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", (ROOT / "docs/configuration.md").read_text()))
    missing = {name: str(where) for name, where in variables_read().items() if name not in documented}
    assert not missing, f"document these in docs/configuration.md: {missing}"


def test_the_scan_finds_the_variables_it_is_meant_to():  # a scan that finds nothing would pass the test above
    found = variables_read()
    assert {"DATABASE_URL", "GRADER_POOL_SIZE", "DJANGO_DEBUG", "WEB_PORT"} <= set(found)
    assert {"GW_TEST_WORKERS", "TEST_PG_PORT", "STACK_PORT", "PYTHON", "SECRETS_DIR"} <= set(found)  # scripts
    assert {"GROUNDWORK_URL", "GROUNDWORK_TOKEN", "GROUNDWORK_CONFIG", "XDG_CONFIG_HOME"} <= set(found)  # client
    assert "CELERY_NODE" not in found and "DEBIAN_FRONTEND" not in found  # set where they are used


def test_the_list_of_names_that_are_no_settings_holds_only_names_read():
    assert set(variables_read(including_not_settings=True)) >= NOT_SETTINGS


def test_every_variable_compose_reads_is_in_the_env_example():
    """docker/init-env.sh copies .env.example to .env: an operator finds every knob there, set or
    commented out; a commented one shows compose's own default."""
    active, commented = env_example()
    missing = sorted(set(compose_reads()) - set(active) - set(commented))
    assert not missing, f"add these to .env.example (commented out with their default if optional): {missing}"
    defaults = compose_defaults()
    wrong = {
        name: (value, defaults[name])
        for name, value in commented.items()
        if name in defaults and value != defaults[name]
    }
    assert not wrong, f"a commented-out line in .env.example shows another default than compose's: {wrong}"


def test_the_env_example_runs_the_grader_in_its_default_mode():
    """compose reads .env (docker/init-env.sh copies this file): it once shipped `fresh`, so every
    deployment graded at about 1 job/s instead of in the default isolated mode."""
    from grader.config import GraderConfig

    active, _ = env_example()
    assert active["GRADER_POOL_MODE"] == GraderConfig.from_env({}).pool_mode == "isolated"
