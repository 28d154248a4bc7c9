"""grader.config: every GRADER_* setting read once, checked, and handed to the backends."""

import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from grader import config
from grader.config import ConfigError, GraderConfig, SandboxConfig

ROOT = Path(__file__).resolve().parents[1]


def test_an_empty_environment_gives_the_documented_defaults():
    got = GraderConfig.from_env({})
    assert got == GraderConfig()
    assert (got.backend, got.stuck_after_s, got.max_attempts, got.image, got.pool_mode, got.pool_size) == (
        "process",
        120,
        3,
        "groundwork/grader:cpu",
        "isolated",
        2,
    )
    assert (got.pool_idle_s, got.container_cpus, got.container_memory_mb, got.gpus, got.runtime, got.cpuset) == (
        300.0,
        1.0,
        2048,
        False,
        "",
        "",
    )
    assert (got.process_reuse_jobs, got.preload, got.node, got.boot) == (50, (), "", "")
    assert got.seccomp_profile == str(ROOT / "docker" / "grader-seccomp.json")


def test_every_variable_is_read_and_parsed():
    got = GraderConfig.from_env(
        {
            "GRADER_BACKEND": "docker",
            "GRADER_STUCK_AFTER_S": "60",
            "GRADER_MAX_ATTEMPTS": "5",
            "GRADER_IMAGE": "mine:1",
            "GRADER_POOL_MODE": "reuse",
            "GRADER_POOL_SIZE": "4",
            "GRADER_REUSE_JOBS": "9",
            "GRADER_SECCOMP_PROFILE": "/p.json",
            "GRADER_POOL_IDLE_S": "1.5",
            "GRADER_CONTAINER_CPUS": "2.5",
            "GRADER_CONTAINER_MEMORY_MB": "512",
            "GRADER_GPUS": "True",
            "GRADER_RUNTIME": "runsc",
            "GRADER_CPUSET": "1, 3-4",
            "GRADER_PROCESS_REUSE_JOBS": "7",
            "GRADER_PRELOAD": " transformer_lens, ,einops ",
            "GRADER_NODE": "ignored",
            "GRADER_BOOT": "ignored",  # the worker passes its identity in code
        }
    )
    assert got == GraderConfig(
        backend="docker",
        stuck_after_s=60,
        max_attempts=5,
        image="mine:1",
        pool_mode="reuse",
        pool_size=4,
        reuse_jobs=9,
        seccomp_profile="/p.json",
        pool_idle_s=1.5,
        container_cpus=2.5,
        container_memory_mb=512,
        gpus=True,
        runtime="runsc",
        cpuset="1,3-4",
        process_reuse_jobs=7,
        preload=("transformer_lens", "einops"),
    )


@pytest.mark.parametrize(
    "mode, reuse_jobs, jobs",
    [("isolated", None, 1000), ("reuse", None, 50), ("fresh", None, 1), ("isolated", 20, 20), ("fresh", 20, 1)],
)
def test_a_container_serves_as_many_jobs_as_its_mode_allows(mode, reuse_jobs, jobs):
    assert GraderConfig(pool_mode=mode, reuse_jobs=reuse_jobs).container_jobs == jobs


@pytest.mark.parametrize(
    "variable, value, allowed",
    [
        ("GRADER_BACKEND", "kubernetes", "use one of process, docker"),
        ("GRADER_POOL_MODE", "shared", "use one of isolated, fresh, reuse"),
        ("GRADER_POOL_SIZE", "two", "use a whole number"),
        ("GRADER_POOL_SIZE", "-1", "at least 0"),
        ("GRADER_REUSE_JOBS", "0", "at least 1"),
        ("GRADER_MAX_ATTEMPTS", "0", "at least 1"),
        ("GRADER_STUCK_AFTER_S", "1.5", "use a whole number"),
        ("GRADER_PROCESS_REUSE_JOBS", "0", "at least 1"),
        ("GRADER_CONTAINER_MEMORY_MB", "2g", "use a whole number"),
        ("GRADER_CONTAINER_CPUS", "0", "above 0"),
        ("GRADER_POOL_IDLE_S", "soon", "use a number"),
        ("GRADER_GPUS", "maybe", "use true or false"),
        ("GRADER_IMAGE", "", "name the sandbox image"),
        ("GRADER_CPUSET", "1;2", "core numbers and ranges"),
    ],
)
def test_a_bad_value_names_its_variable_and_what_it_may_be(variable, value, allowed):
    with pytest.raises(ConfigError) as caught:
        GraderConfig.from_env({variable: value})
    assert variable in str(caught.value) and allowed in str(caught.value)


def test_values_given_in_code_are_checked_too():
    with pytest.raises(ConfigError, match="GRADER_POOL_MODE='nope'"):
        replace(GraderConfig(), pool_mode="nope")


def test_the_current_settings_are_read_once():
    config.current.cache_clear()
    try:
        first = config.current()
        assert config.current() is first
    finally:
        config.current.cache_clear()


def test_what_a_backend_tells_a_sandbox_reads_back_the_same():
    for told in (
        SandboxConfig(),
        SandboxConfig(learner_uid_base=100_064, isolated=True),
        SandboxConfig(per_zygote_uids=True, preload=("transformer_lens", "einops")),
    ):
        assert SandboxConfig.from_env(told.environment()) == told
    assert SandboxConfig(learner_uid_base=100_064, isolated=True).environment() == {
        "GRADER_LEARNER_UID_BASE": "100064",
        "GRADER_ISOLATION": "namespaces",
    }
    assert SandboxConfig.from_env({"GRADER_IMAGE_ID": "grader 1"}).image_id == "grader 1"


def test_the_process_backend_takes_its_settings_from_the_config():
    from grader.backends.process import ProcessBackend, _env

    backend = ProcessBackend(config=GraderConfig(process_reuse_jobs=7, preload=("einops",)))
    assert (backend.reuse_jobs, backend.preload) == (7, ("einops",))
    assert ProcessBackend(config=GraderConfig(process_reuse_jobs=500)).reuse_jobs == 64  # its uids: 64 a zygote
    assert _env("/scratch", ("einops",))["GRADER_PRELOAD"] == "einops" and "GRADER_PRELOAD" not in _env("/s")


def test_a_sandbox_container_carries_the_workers_identity_from_the_config():
    from grader.backends.docker import BOOT_LABEL, NODE_LABEL, container_kwargs

    kwargs = container_kwargs(GraderConfig(node="cpu@here", boot="b1", pool_mode="reuse", reuse_jobs=20), False, 3)
    assert kwargs["labels"][NODE_LABEL] == "cpu@here" and kwargs["labels"][BOOT_LABEL] == "b1"
    assert kwargs["command"] == ["--jobs", "20"] and "GRADER_ISOLATION" not in kwargs["environment"]
    assert kwargs["environment"]["GRADER_LEARNER_UID_BASE"] == str(100_000 + 3 * 64)


def test_sandboxes_are_kept_to_the_cores_the_operator_gives_them():
    from grader.backends.docker import container_kwargs

    assert container_kwargs(GraderConfig(cpuset="1"), False, 0)["cpuset_cpus"] == "1"
    assert "cpuset_cpus" not in container_kwargs(GraderConfig(), False, 0)  # any core, the engine's default


def test_cores_the_engine_does_not_have_are_refused_at_the_start():
    from grader.backends.docker import check_cpuset

    check_cpuset("0-1", 2)
    with pytest.raises(ConfigError, match="GRADER_CPUSET='1,7': the Docker engine has cores 0 to 1 only"):
        check_cpuset("1,7", 2)


def test_a_bad_seccomp_profile_is_refused_with_its_variable():
    from grader.backends.docker import container_kwargs

    with pytest.raises(ConfigError, match="GRADER_SECCOMP_PROFILE=/nowhere.json"):
        container_kwargs(GraderConfig(seccomp_profile="/nowhere.json"), False, 0)


def test_only_grader_config_reads_grader_variables_from_the_environment():
    reads = re.compile(r"""(?:environ\.get|environ\[|getenv|environ\.setdefault)\(?\s*["'](GRADER_\w+)""")
    offenders = {
        str(path.relative_to(ROOT)): reads.findall(path.read_text())
        for path in (ROOT / "grader").rglob("*.py")
        if path.name != "config.py"
    }
    assert not {path: names for path, names in offenders.items() if names}


def test_the_platform_refuses_to_start_on_a_bad_grader_setting():
    env = dict(os.environ, GRADER_POOL_SIZE="lots", PYTHONPATH=f"{ROOT / 'platform'}:{ROOT}")
    run = subprocess.run(
        [sys.executable, "-c", "import config.settings"], env=env, capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert run.returncode != 0
    assert "ImproperlyConfigured: GRADER_POOL_SIZE='lots': use a whole number" in run.stderr
