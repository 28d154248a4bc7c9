"""Every environment variable the code, compose or the scripts read is in docs/configuration.md."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON_READS = re.compile(
    r"""(?:environ\.get|environ\.setdefault|getenv|environ\[|env_bool|env_secret|env_int|env_list)\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
    r"""|\bget\(\s*"\w+",\s*"([A-Z][A-Z0-9_]+)\"""")
SHELL_READS = re.compile(r"\$\{([A-Z][A-Z0-9_]+)")
NOT_SETTINGS = {"PATH", "PWD", "SECRETS_DIR", "COMPOSE_PROJECT_NAME", "COMPOSE_FILE", "COMPOSE_PROFILES"}


def variables_read() -> dict:
    found = {}
    for path in [*ROOT.glob("platform/**/*.py"), *ROOT.glob("grader/**/*.py")]:
        for match in PYTHON_READS.finditer(path.read_text()):
            found.setdefault(match.group(1) or match.group(2), path.relative_to(ROOT))
    for path in [ROOT / "docker-compose.yml", *ROOT.glob("docker/*.sh"), ROOT / "scripts/start"]:
        for name in SHELL_READS.findall(path.read_text()):
            found.setdefault(name, path.relative_to(ROOT))
    return {name: where for name, where in found.items() if name not in NOT_SETTINGS}


def test_every_variable_the_code_reads_is_in_the_configuration_table():
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", (ROOT / "docs/configuration.md").read_text()))
    missing = {name: str(where) for name, where in variables_read().items() if name not in documented}
    assert not missing, f"document these in docs/configuration.md: {missing}"


def test_the_scan_finds_the_variables_it_is_meant_to():  # a scan that finds nothing would pass the test above
    found = variables_read()
    assert {"DATABASE_URL", "GRADER_POOL_SIZE", "DJANGO_DEBUG", "WEB_PORT"} <= set(found)


def test_the_env_example_runs_the_grader_in_its_default_mode():
    """compose reads .env (docker/init-env.sh copies this file): it once shipped `fresh`, so every
    deployment graded at about 1 job/s instead of in the default isolated mode."""
    from grader.config import GraderConfig

    example = dict(line.split("=", 1) for line in (ROOT / ".env.example").read_text().splitlines()
                   if line and not line.startswith("#") and "=" in line)
    assert example["GRADER_POOL_MODE"] == GraderConfig.from_env({}).pool_mode == "isolated"
