"""Where the harness runs. A backend takes a Job and returns a Result; it never raises for
anything the learner's code does."""


def get_backend(name: str):
    if name == "process":
        from grader.backends.process import ProcessBackend
        return ProcessBackend()
    raise ValueError(f"unknown grader backend {name!r}; choose 'process'")
