"""What runs in the learner's process: load the learner's code, then answer the checker's calls.

Everything here runs beside untrusted code, so nothing it sends is trusted by the checker; it is
only a convenient, honest default (errors described with the learner's own line numbers).
"""
import ast
import linecache
import os
import resource
import signal
import sys
import traceback

import torch

from grader import wire

LEARNER_FILE = "solution.py"  # the name learners see in their tracebacks
GRADER_DIR = os.path.dirname(os.path.abspath(__file__))
MEMORY_WORDS = ("can't allocate memory", "out of memory", "not enough memory")


def serve(rfd: int, wfd: int, where_fd: int) -> None:
    load = wire.recv(rfd)
    apply_limits(load["limits"])
    signal.signal(signal.SIGUSR1, lambda *_: _report_where(where_fd))
    namespace = {"__name__": "__main__", "__file__": LEARNER_FILE}
    try:
        _exec_learner(load["code"], namespace)
    except BaseException as e:  # SystemExit and KeyboardInterrupt too: any failure to load
        wire.send(wfd, {"ok": False, "error": describe_exception(e)})
        return
    missing = [name for name in load["entry_points"] if not callable(namespace.get(name))]
    wire.send(wfd, {"ok": True, "missing": missing})
    while True:
        try:
            message = wire.recv(rfd)
        except EOFError:
            return
        handler = {"call": _call, "example": _example}[message["op"]]
        wire.send(wfd, handler(namespace, message))


def apply_limits(limits: dict) -> None:
    """rlimits for this process and its children; the sandbox adds its own outer limits."""
    vm_bytes = _current_vm_bytes()
    extra = limits["memory_mb"] * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (vm_bytes + extra, vm_bytes + extra))
    resource.setrlimit(resource.RLIMIT_CPU, (limits["cpu_s"], limits["cpu_s"] + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_bytes"], limits["file_bytes"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if os.getuid() != 0:  # counts every process of the uid; only meaningful for a throwaway uid
        resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"], limits["processes"]))


def _current_vm_bytes() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _exec_learner(code: str, namespace: dict) -> None:
    # Register the source so tracebacks can quote the learner's own lines.
    linecache.cache[LEARNER_FILE] = (len(code), None, code.splitlines(True), LEARNER_FILE)
    exec(compile(code, LEARNER_FILE, "exec"), namespace)


def _call(namespace: dict, message: dict) -> dict:
    try:
        args = wire.decode(message["args"], functions=namespace)
        kwargs = wire.decode(message["kwargs"], functions=namespace)
        fn = wire.decode(message["function"], namespace) if message.get("function") else namespace[message["name"]]
    except BaseException as e:  # a @remote function that does not compile, say
        return {"ok": False, "error": describe_exception(e)}
    before = {i: a.detach().clone() for i, a in enumerate(args) if isinstance(a, torch.Tensor)}
    inside = {path: t.detach().clone() for path, t in _nested_tensors(args, kwargs)}
    try:
        value = fn(*args, **kwargs)
        mutated = {str(i): wire.encode(args[i]) for i, old in before.items() if _changed(old, args[i])}
        now = dict(_nested_tensors(args, kwargs))
        changed_inside = [path for path, old in inside.items() if path in now and _changed(old, now[path])]
        return {"ok": True, "value": wire.encode(value), "mutated": mutated, "changed_inside": changed_inside}
    except BaseException as e:
        return {"ok": False, "error": describe_exception(e)}


def _nested_tensors(args: tuple, kwargs: dict):
    """(path, tensor) for tensors inside list, tuple or dict arguments (a state dict, a batch list),
    as "argument 2['W_E']": the top-level ones are checked on their own."""
    tops = [(f"argument {i + 1}", a) for i, a in enumerate(args)] + [(k, v) for k, v in kwargs.items()]
    for name, value in tops:
        if isinstance(value, (list, tuple, dict)):
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(item, torch.Tensor):
                    yield f"{name}[{key!r}]", item


def _changed(old: torch.Tensor, new: torch.Tensor) -> bool:
    if old.shape != new.shape or old.dtype != new.dtype:
        return True
    # Bitwise comparison, so NaN == NaN and -0.0 != 0.0.
    a, b = old.contiguous().reshape(-1), new.detach().contiguous().reshape(-1)
    return not torch.equal(a.view(torch.uint8), b.view(torch.uint8))


def _example(namespace: dict, message: dict) -> dict:
    """Run the exercise's example as a notebook cell would: the last expression is the value."""
    try:
        tree = ast.parse(message["code"], "example.py")
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, "example.py", "exec"), namespace)
        value = eval(compile(ast.Expression(last.value), "example.py", "eval"), namespace) if last else None
    except BaseException as e:
        return {"ok": False, "error": describe_exception(e)}
    return {"ok": True, "value": describe_value(value)}


def describe_value(value) -> dict:
    described = {"type": type(value).__name__, "repr": wire._short_repr(value, limit=4000)}
    if isinstance(value, torch.Tensor):
        described.update(shape=list(value.shape), dtype=str(value.dtype).removeprefix("torch."),
                         device=str(value.device))
    return described


def describe_exception(e: BaseException) -> dict:
    frames = traceback.extract_tb(e.__traceback__)
    visible = [f for f in frames if not f.filename.startswith(GRADER_DIR)]
    learner = [f for f in visible if f.filename == LEARNER_FILE]
    where = learner[-1] if learner else None
    lines = traceback.format_list(visible) + traceback.format_exception_only(type(e), e)
    is_syntax = isinstance(e, SyntaxError) and e.filename == LEARNER_FILE
    return {
        "type": type(e).__name__,
        "message": str(e)[:2000],
        "line": e.lineno if is_syntax else (where.lineno if where else None),
        "source": (e.text or "").strip() if is_syntax else (where.line if where else ""),
        "function": where.name if where else "",
        "traceback": "".join(["Traceback (most recent call last):\n"] + lines)[-8000:],
        "memory": isinstance(e, MemoryError) or any(w in str(e) for w in MEMORY_WORDS),
    }


def _report_where(fd: int) -> None:
    """On the checker's signal before a timeout kill: say which learner line was running."""
    frame, stack = sys._getframe(1), []
    while frame is not None:
        if frame.f_code.co_filename == LEARNER_FILE:
            stack.append({"line": frame.f_lineno, "function": frame.f_code.co_name,
                          "source": linecache.getline(LEARNER_FILE, frame.f_lineno).strip()})
        frame = frame.f_back
    wire.send(fd, {"where": stack})
