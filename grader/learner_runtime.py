"""What runs in the learner's process: load the learner's code, then answer the checker's calls.

Everything here runs beside untrusted code, so nothing it sends is trusted by the checker; it is
only a convenient, honest default (errors described with the learner's own line numbers).
"""

import ast
import hashlib
import linecache
import math
import os
import resource
import signal
import sys
import time
import traceback
import types

import torch

from grader import wire
from grader.banned import RuntimeBlock

LEARNER_FILE = "solution.py"  # the name learners see in their tracebacks
GRADER_DIR = os.path.dirname(os.path.abspath(__file__))
MEMORY_WORDS = ("can't allocate memory", "out of memory", "not enough memory")


def serve(rfd: int, wfd: int, where_fd: int) -> None:
    global _reply_fd
    _reply_fd = wfd
    load = wire.recv(rfd)
    if load.get("op") == "prepare":  # heavy imports, before the limits and the learner's clock start
        wire.send(wfd, _prepare(load["modules"]))
        load = wire.recv(rfd)
    apply_limits(load["limits"])
    signal.signal(signal.SIGUSR1, lambda *_: _report_where(where_fd))
    namespace = {"__name__": "__main__", "__file__": LEARNER_FILE}
    if load.get("banned"):  # the second layer; the checker's static scan decides the verdict
        RuntimeBlock(load["banned"], LEARNER_FILE).__enter__()
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
        reply = handler(namespace, message)
        flush_curves()
        wire.send(wfd, reply)


# Live training curves (grader.curves): a check's @remote driver calls curve_point each step; the points
# go to the checker ahead of the call's reply, at most every CURVE_GAP_S, the rest when the call returns.
CURVE_GAP_S = 0.2
_reply_fd = -1
_curve_points: dict = {}  # curve name -> points not sent yet
_curve_sent = [0.0]


def curve_point(name: str, value) -> None:
    """One point of the curve `name` (a loss, say) for the learner's page; display only."""
    try:
        value = float(value)  # a Python float or a one-element tensor; the checker makes NaN a gap
    except Exception:
        value = None
    _curve_points.setdefault(str(name)[:40], []).append(value)
    if time.monotonic() - _curve_sent[0] >= CURVE_GAP_S:
        flush_curves()


def flush_curves() -> None:
    _curve_sent[0] = time.monotonic()
    points = dict(_curve_points)
    _curve_points.clear()
    if _reply_fd < 0:  # outside the grader (a calibration script runs a driver itself): nowhere to send
        return
    for name, values in points.items():
        wire.send(_reply_fd, {"curve": {"name": name, "points": values}})


def _prepare(modules: list) -> dict:
    import importlib

    imported = []
    for name in modules:
        try:
            importlib.import_module(name)
            imported.append(name)
        except Exception:  # not installed: the learner's own import will say so, on its own line
            pass
    used = resource.getrusage(resource.RUSAGE_SELF)
    return {"ok": True, "imported": imported, "cpu_s": used.ru_utime + used.ru_stime}


def apply_limits(limits: dict) -> None:
    """rlimits for this process and its children; the sandbox adds its own outer limits. Like the
    memory limit, the CPU limit is on top of what the process already used: RLIMIT_CPU counts a
    process's whole life, and preparing heavy imports can take seconds of it on a busy machine."""
    vm_bytes = _current_vm_bytes()
    extra = limits["memory_mb"] * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (vm_bytes + extra, vm_bytes + extra))
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu = math.ceil(used.ru_utime + used.ru_stime) + limits["cpu_s"]
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
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


# Bound before any learner code runs: a learner who replaces torch.equal, wire.encode or
# torch.is_grad_enabled in this process changes nothing below. (Nothing here is trusted anyway:
# the checker judges changed inputs against its own copies, which this process never held.)
_encode, _fingerprint, _sha256 = wire.encode, wire.fingerprint, hashlib.sha256
_grad_enabled, _default_dtype, _rng_state = torch.is_grad_enabled, torch.get_default_dtype, torch.get_rng_state


def _call(namespace: dict, message: dict) -> dict:
    try:
        args = wire.decode(message["args"], functions=namespace)
        kwargs = wire.decode(message["kwargs"], functions=namespace)
        fn = wire.decode(message["function"], namespace) if message.get("function") else namespace[message["name"]]
    except BaseException as e:  # a @remote function that does not compile, say
        return {"ok": False, "error": describe_exception(e)}
    try:
        before = _global_state()
        value = fn(*args, **kwargs)
        after = _global_state()
        # The arguments as the call left them, for the checker to compare with its own copies.
        after_args = _encode if message.get("full_args") else _fingerprint  # digests unless the values are wanted
        return {
            "ok": True,
            "value": _encode(value),
            "args_after": after_args(list(args)),
            "kwargs_after": after_args(kwargs),
            "aliases": _aliases(value, args, kwargs),
            "state": [before, after],
        }
    except BaseException as e:
        return {"ok": False, "error": describe_exception(e)}


def _global_state() -> dict:
    """What a function can change for every caller after it: grad mode, default dtype, the global RNG."""
    rng = _sha256(_rng_state().numpy().tobytes()).hexdigest()[:16]
    return {"grad": _grad_enabled(), "dtype": str(_default_dtype()).removeprefix("torch."), "rng": rng}


def _aliases(value, args: tuple, kwargs: dict) -> list:
    """[where in the result, which argument] for each list, dict or tensor returned that IS an argument
    (or an item of one): the caller's data and the result would then be one object."""
    given = [(f"argument {i + 1}", a) for i, a in enumerate(args)] + [(k, v) for k, v in kwargs.items()]
    given += [
        (f"{name}[{key!r}]", item)
        for name, arg in list(given)
        if isinstance(arg, (list, tuple, dict))
        for key, item in (arg.items() if isinstance(arg, dict) else enumerate(arg))
    ]
    returned = [("the result", value)]
    if isinstance(value, (list, tuple)):
        returned += [(f"item {i} of the result", v) for i, v in enumerate(value[:64])]
    mutable = (list, dict, torch.Tensor)
    return [
        [where, name, type(arg).__name__]
        for where, v in returned
        if isinstance(v, mutable)
        for name, arg in given
        if v is arg
    ]


def _example(namespace: dict, message: dict) -> dict:
    """Run the exercise's example as a notebook cell would: the last expression is the value."""
    try:
        tree = ast.parse(message["code"], "example.py")
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, "example.py", "exec"), namespace)
        value = eval(compile(ast.Expression(last.value), "example.py", "eval"), namespace) if last else None
    except BaseException as e:
        return {"ok": False, "error": describe_exception(e)}
    reply = {"ok": True, "value": describe_value(value)}
    if message.get("want_value"):  # for the checker to compare with the statement's expected value
        reply["encoded"] = _encode(value)
    return reply


def describe_value(value) -> dict:
    described: dict = {"type": type(value).__name__, "repr": wire.short_repr(value, limit=4000)}
    if isinstance(value, torch.Tensor):
        described.update(
            shape=list(value.shape), dtype=str(value.dtype).removeprefix("torch."), device=str(value.device)
        )
    return described


def describe_exception(e: BaseException) -> dict:
    frames = traceback.extract_tb(e.__traceback__)
    visible = [f for f in frames if not f.filename.startswith(GRADER_DIR)]
    learner = [f for f in visible if f.filename == LEARNER_FILE]
    where = learner[-1] if learner else None
    lines = traceback.format_list(visible) + traceback.format_exception_only(type(e), e)
    syntax = e if isinstance(e, SyntaxError) and e.filename == LEARNER_FILE else None
    return {
        "type": type(e).__name__,
        "message": str(e)[:2000],
        "line": syntax.lineno if syntax else (where.lineno if where else None),
        "source": (syntax.text or "").strip() if syntax else (where.line if where else ""),
        "function": where.name if where else "",
        "traceback": "".join(["Traceback (most recent call last):\n"] + lines)[-8000:],
        "memory": isinstance(e, MemoryError) or any(w in str(e) for w in MEMORY_WORDS),
    }


def _report_where(fd: int) -> None:
    """On the checker's signal before a timeout kill: say which learner line was running."""
    frame: types.FrameType | None = sys._getframe(1)
    stack = []
    while frame is not None:
        if frame.f_code.co_filename == LEARNER_FILE:
            stack.append(
                {
                    "line": frame.f_lineno,
                    "function": frame.f_code.co_name,
                    "source": linecache.getline(LEARNER_FILE, frame.f_lineno).strip(),
                }
            )
        frame = frame.f_back
    wire.send(fd, {"where": stack})
