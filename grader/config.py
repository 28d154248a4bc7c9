"""The grader's settings: every GRADER_* variable, read from the environment once and checked.

Two sides of one channel:
- GraderConfig: what an operator sets for the worker (and the platform's grading settings), plus who
  this worker is (its node and boot id, given by the worker in code, never through the environment).
  The backends take one, or read current(); nothing else in grader/ reads these variables.
- SandboxConfig: what a backend tells a sandbox (a zygote) through its environment, the only way into
  a container; the backend writes it with environment(), the sandbox reads it with sandbox().

A bad value stops the start with a ConfigError that names the variable and says what it may be.
Standard library only: the zygote imports this before torch, and grader/ imports no Django.
"""

import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

BACKENDS = ("process", "docker")
POOL_MODES = ("isolated", "fresh", "reuse")
SECCOMP_PROFILE = Path(__file__).resolve().parents[1] / "docker" / "grader-seccomp.json"
TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
PER_ZYGOTE, NAMESPACES = "per-zygote", "namespaces"  # GRADER_LEARNER_UIDS, GRADER_ISOLATION


class ConfigError(ValueError):
    """A GRADER_* variable (or the same setting given in code) has a value the grader cannot use."""


@dataclass(frozen=True)
class GraderConfig:
    """Field by field, the variable it comes from; the defaults are the variables' defaults."""

    backend: str = "process"  # GRADER_BACKEND: process (not a security boundary) or docker
    stuck_after_s: int = 120  # GRADER_STUCK_AFTER_S: the sweep sends a submission again after this
    max_attempts: int = 3  # GRADER_MAX_ATTEMPTS: grader failures before a final "grader-failed" verdict
    image: str = "groundwork/grader:cpu"  # GRADER_IMAGE: the sandbox image
    pool_mode: str = "isolated"  # GRADER_POOL_MODE: one of POOL_MODES (docs/grader-isolation.md)
    pool_size: int = 2  # GRADER_POOL_SIZE: warm containers per worker process
    reuse_jobs: int | None = None  # GRADER_REUSE_JOBS: jobs per container; None: 1000 isolated, 50 reuse
    seccomp_profile: str = str(SECCOMP_PROFILE)  # GRADER_SECCOMP_PROFILE
    pool_idle_s: float = 300.0  # GRADER_POOL_IDLE_S: the pool shrinks to one container after this idle
    container_cpus: float = 1.0  # GRADER_CONTAINER_CPUS
    container_memory_mb: int = 2048  # GRADER_CONTAINER_MEMORY_MB
    gpus: bool = False  # GRADER_GPUS: gpu jobs get a GPU through Docker's device requests
    cpuset: str = ""  # GRADER_CPUSET: cores the sandboxes may use, as Docker's --cpuset-cpus ("": any)
    runtime: str = ""  # GRADER_RUNTIME: the containers' Docker runtime; "" is the engine's default (runc)
    process_reuse_jobs: int = 50  # GRADER_PROCESS_REUSE_JOBS: jobs per zygote of the process backend (<= 64)
    preload: tuple[str, ...] = ()  # GRADER_PRELOAD: modules a process-backend zygote imports before any job
    node: str = ""  # this worker's Celery node name: set by the worker, labels its sandbox containers
    boot: str = ""  # the id of this start of the worker: set by the worker, with node

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "GraderConfig":
        env = _Reader(environ)
        return cls(
            backend=env.text("GRADER_BACKEND", cls.backend),
            stuck_after_s=env.integer("GRADER_STUCK_AFTER_S", cls.stuck_after_s),
            max_attempts=env.integer("GRADER_MAX_ATTEMPTS", cls.max_attempts),
            image=env.text("GRADER_IMAGE", cls.image),
            pool_mode=env.text("GRADER_POOL_MODE", cls.pool_mode),
            pool_size=env.integer("GRADER_POOL_SIZE", cls.pool_size),
            reuse_jobs=env.integer("GRADER_REUSE_JOBS", None),
            seccomp_profile=env.text("GRADER_SECCOMP_PROFILE", cls.seccomp_profile),
            pool_idle_s=env.number("GRADER_POOL_IDLE_S", cls.pool_idle_s),
            container_cpus=env.number("GRADER_CONTAINER_CPUS", cls.container_cpus),
            container_memory_mb=env.integer("GRADER_CONTAINER_MEMORY_MB", cls.container_memory_mb),
            gpus=env.flag("GRADER_GPUS", cls.gpus),
            cpuset=env.text("GRADER_CPUSET", cls.cpuset).replace(" ", ""),
            runtime=env.text("GRADER_RUNTIME", cls.runtime),
            process_reuse_jobs=env.integer("GRADER_PROCESS_REUSE_JOBS", cls.process_reuse_jobs),
            preload=env.names("GRADER_PRELOAD"),
        )

    def __post_init__(self):  # values given in code (tests, the benchmark, dataclasses.replace) too
        _one_of("GRADER_BACKEND", self.backend, BACKENDS)
        _one_of("GRADER_POOL_MODE", self.pool_mode, POOL_MODES)
        _at_least("GRADER_STUCK_AFTER_S", self.stuck_after_s, 1)
        _at_least("GRADER_MAX_ATTEMPTS", self.max_attempts, 1)
        _at_least("GRADER_POOL_SIZE", self.pool_size, 0)
        if self.reuse_jobs is not None:
            _at_least("GRADER_REUSE_JOBS", self.reuse_jobs, 1)
        _at_least("GRADER_CONTAINER_MEMORY_MB", self.container_memory_mb, 1)
        _at_least("GRADER_PROCESS_REUSE_JOBS", self.process_reuse_jobs, 1)
        _positive("GRADER_POOL_IDLE_S", self.pool_idle_s)
        _positive("GRADER_CONTAINER_CPUS", self.container_cpus)
        if self.cpuset and not re.fullmatch(r"\d+(-\d+)?(,\d+(-\d+)?)*", self.cpuset):
            raise ConfigError(f"GRADER_CPUSET={self.cpuset!r}: use core numbers and ranges, as in 1 or 2-3 or 0,2")
        if not self.image:
            raise ConfigError("GRADER_IMAGE is empty: name the sandbox image (groundwork/grader:cpu by default)")

    @property
    def container_jobs(self) -> int:
        """Jobs a sandbox container serves before it is replaced: one in fresh mode."""
        if self.pool_mode == "fresh":
            return 1
        if self.reuse_jobs is not None:
            return self.reuse_jobs
        return 1000 if self.pool_mode == "isolated" else 50


@dataclass(frozen=True)
class SandboxConfig:
    """What a sandbox is told by the backend that starts it (not for operators)."""

    learner_uid_base: int = 0  # GRADER_LEARNER_UID_BASE: the first uid of this container's learners (0: none)
    per_zygote_uids: bool = False  # GRADER_LEARNER_UIDS=per-zygote: the process backend, started as root
    isolated: bool = False  # GRADER_ISOLATION=namespaces: each job in its own namespaces (isolated pool mode)
    image_id: str = ""  # GRADER_IMAGE_ID: how the zygote names itself ("": its Python and torch versions)
    preload: tuple[str, ...] = ()  # GRADER_PRELOAD: modules the zygote imports once, before any job

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "SandboxConfig":
        env = _Reader(environ)
        return cls(
            learner_uid_base=env.integer("GRADER_LEARNER_UID_BASE", 0),
            per_zygote_uids=env.text("GRADER_LEARNER_UIDS", "") == PER_ZYGOTE,
            isolated=env.text("GRADER_ISOLATION", "") == NAMESPACES,
            image_id=env.text("GRADER_IMAGE_ID", ""),
            preload=env.names("GRADER_PRELOAD"),
        )

    def __post_init__(self):
        _at_least("GRADER_LEARNER_UID_BASE", self.learner_uid_base, 0)

    def environment(self) -> dict:
        """The variables that give a sandbox this configuration: those that differ from the default
        (an image that names itself sets GRADER_IMAGE_ID in its own environment)."""
        env = {}
        if self.learner_uid_base:
            env["GRADER_LEARNER_UID_BASE"] = str(self.learner_uid_base)
        if self.per_zygote_uids:
            env["GRADER_LEARNER_UIDS"] = PER_ZYGOTE
        if self.isolated:
            env["GRADER_ISOLATION"] = NAMESPACES
        if self.preload:
            env["GRADER_PRELOAD"] = ",".join(self.preload)
        return env


@functools.cache
def current() -> GraderConfig:
    """This process's settings, read once (current.cache_clear() reads the environment again)."""
    return GraderConfig.from_env()


@functools.cache
def sandbox() -> SandboxConfig:
    """Inside a sandbox: what its backend told it, read once."""
    return SandboxConfig.from_env()


class _Reader:
    """Typed reads of the environment; a value that does not parse names its variable."""

    def __init__(self, environ: Mapping[str, str]):
        self.environ = environ

    def text(self, name: str, default: str) -> str:
        return self.environ.get(name, default)

    def integer(self, name: str, default):
        value = self.environ.get(name)
        if value is None:
            return default
        try:
            return int(value)
        except ValueError:
            raise ConfigError(f"{name}={value!r}: use a whole number") from None

    def number(self, name: str, default: float) -> float:
        value = self.environ.get(name)
        if value is None:
            return default
        try:
            return float(value)
        except ValueError:
            raise ConfigError(f"{name}={value!r}: use a number (a decimal point is allowed)") from None

    def flag(self, name: str, default: bool) -> bool:
        value = self.environ.get(name)
        if value is None:
            return default
        if value.lower() in TRUE:
            return True
        if value.lower() in FALSE:
            return False
        raise ConfigError(f"{name}={value!r}: use true or false")

    def names(self, name: str) -> tuple[str, ...]:
        """A comma-separated list, blanks dropped."""
        return tuple(part.strip() for part in self.environ.get(name, "").split(",") if part.strip())


def _one_of(name: str, value: str, allowed: tuple) -> None:
    if value not in allowed:
        raise ConfigError(f"{name}={value!r}: use one of {', '.join(allowed)}")


def _at_least(name: str, value: int, minimum: int) -> None:
    if not isinstance(value, int) or value < minimum:
        raise ConfigError(f"{name}={value!r}: use a whole number, at least {minimum}")


def _positive(name: str, value: float) -> None:
    if not isinstance(value, int | float) or not value > 0:
        raise ConfigError(f"{name}={value!r}: use a number above 0")
