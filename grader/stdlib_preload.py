"""Import the whole standard library into a zygote whose learners could not import it themselves.

The process backend, started as root, runs learner code under uids of its own. When the interpreter
lives where those uids cannot read (pyenv under /root, mode 700), every standard-library module that
was not imported before the fork fails in the learner with ModuleNotFoundError: `import statistics`
in an answer, or a lazy import inside torch.optim (cProfile) or transformer_lens (http.cookiejar).
Importing the standard library once in the zygote (about 0.4 s, 600 modules) makes the learner's
view the same as on a readable install. Containers do not need this: their Python is world-readable.
"""

import importlib
import os
import pkgutil
import stat
import sys
import sysconfig

# Modules with side effects on import (a browser, a GUI, a test run) or for another platform.
SKIP = {
    "antigravity",
    "this",
    "idlelib",
    "tkinter",
    "turtle",
    "turtledemo",
    "test",
    "tests",
    "lib2to3",
    "ensurepip",
    "__main__",
    "__phello__",
    "pydoc_data",
    "msilib",
    "winreg",
    "winsound",
    "nt",
    "msvcrt",
    "curses",
    "readline",
    "_scproxy",
}


def readable_by_others(path: str) -> bool:
    """Whether a uid that is neither the owner nor in the group can list `path` and reach it."""
    path = os.path.abspath(path)
    while True:
        mode = os.stat(path).st_mode
        if not mode & stat.S_IXOTH:
            return False
        parent = os.path.dirname(path)
        if parent == path:
            return True
        path = parent


def preload_if_unreadable() -> int:
    """Import the standard library when other uids cannot read it; the number of modules imported."""
    if readable_by_others(sysconfig.get_paths()["stdlib"]):
        return 0
    return preload()


def preload() -> int:
    count = 0
    for name in sorted(sys.stdlib_module_names):
        module = _import(name)
        count += module is not None
        for info in pkgutil.walk_packages(getattr(module, "__path__", []), name + "."):
            count += _import(info.name) is not None
    return count


def _import(name: str):
    parts = name.split(".")
    if any(part in SKIP or part.startswith("_test") or "windows" in part or "win32" in part for part in parts):
        return None
    try:
        return importlib.import_module(name)
    except Exception:  # a module for another platform, or one whose C part this build lacks
        return None
