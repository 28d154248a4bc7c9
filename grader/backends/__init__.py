"""Where the harness runs. A backend takes a Job and returns a Result; it never raises for
anything the learner's code does. One backend per process: the docker backend holds a warm pool."""
_backends: dict = {}


def get_backend(name: str):
    if name not in _backends:
        _backends[name] = _make(name)
    return _backends[name]


def _make(name: str):
    if name == "process":
        from grader.backends.process import ProcessBackend
        return ProcessBackend()
    if name == "docker":
        from grader.backends.docker import DockerBackend
        return DockerBackend()
    raise ValueError(f"unknown grader backend {name!r}; choose 'process' or 'docker'")
