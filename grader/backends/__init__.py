"""Where the harness runs. A backend takes a Job and returns a Result; it never raises for
anything the learner's code does. One backend per process: the docker backend holds a warm pool."""

from grader.config import GraderConfig

_backends: dict = {}


def get_backend(name: str, config: GraderConfig | None = None):
    """This process's backend of that name, made on the first call with config (grader.config.current()
    by default); later calls return it whatever config they pass."""
    if name not in _backends:
        _backends[name] = _make(name, config)
    return _backends[name]


def close_all() -> None:
    """Close this process's backends: the docker backend stops its warm containers."""
    for backend in list(_backends.values()):
        if hasattr(backend, "close"):
            backend.close()


def _make(name: str, config: GraderConfig | None):
    if name == "process":
        from grader.backends.process import ProcessBackend

        return ProcessBackend(config=config)
    if name == "docker":
        from grader.backends.docker import DockerBackend

        return DockerBackend(config)
    raise ValueError(f"unknown grader backend {name!r}; choose 'process' or 'docker'")
