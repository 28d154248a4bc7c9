"""The learner's process: forked by the zygote (spawn), then driven by the checker through the
pipes the zygote hands it (LearnerProcess: call into it, stop it).

The zygote never reads a job, so the check code and the reference never exist in the learner's
memory. Its stdout and stderr are pipes the checker reads; the verdict leaves through the
checker's own stdout, which the learner process does not hold.
"""

import glob
import os
import select
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

from grader import isolation, learner_runtime, wire
from grader.protocol import CPU_WAIT_ALLOWANCE, cut_text

RUNTIME_BROKEN = 17  # the learner process's exit status when our own code there failed


class LearnerError(Exception):
    """The learner's code raised; `info` is learner_runtime.describe_exception's dict."""

    def __init__(self, info: dict):
        super().__init__(info.get("message", ""))
        self.info = info


class LearnerStopped(Exception):
    """The learner's process is gone: a timeout, the memory limit, or a crash."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status, self.message = status, message


class OutputCollector(threading.Thread):
    """Keeps the first `cap` bytes of a stream and counts the rest."""

    def __init__(self, fd: int, cap: int):
        super().__init__(daemon=True)
        self.fd, self.cap, self.kept, self.dropped = fd, cap, bytearray(), 0

    def run(self):
        while chunk := _read_or_empty(self.fd):
            room = self.cap - len(self.kept)
            self.kept += chunk[: max(room, 0)]
            self.dropped += max(len(chunk) - max(room, 0), 0)
        self.close()  # here, not by another thread: the number must not be reused while this reads

    def close(self) -> None:
        fd, self.fd = self.fd, -1
        if fd >= 0:
            try:
                os.close(fd)
            except OSError:
                pass

    def text(self) -> str:
        out = self.kept.decode("utf-8", errors="replace")
        if self.dropped:
            out += f"\n… (cut: {_human_bytes(self.dropped)} more)"
        return out


def spawn(scratch: str, uid: int | None = None) -> tuple:
    """Fork a learner's process (the zygote calls this). Returns its pid and the other ends of its
    pipes, for the checker: [to it, from it, where it is, its stdout, its stderr]."""
    to_child, from_child, where = os.pipe(), os.pipe(), os.pipe()
    out, err = os.pipe(), os.pipe()
    pid = os.fork()
    if pid == 0:  # the learner's process
        keep = (to_child[0], from_child[1], where[1])
        code = RUNTIME_BROKEN
        try:
            _become_learner(scratch, out[1], err[1], keep, uid)
            learner_runtime.serve(*keep)
            code = 0
        finally:
            os._exit(code)
    for fd in (to_child[0], from_child[1], where[1], out[1], err[1]):
        os.close(fd)
    return pid, [to_child[1], from_child[0], where[0], out[0], err[0]]


class LearnerProcess:
    def __init__(self, pid: int, fds: list, wait):
        """fds: spawn's pipes. wait(timeout=None): returns (wait status, killed, CPU seconds used)
        once the process has ended (only its parent, the zygote, can reap it); after `timeout`
        seconds the zygote kills it, and says so."""
        self.pid, self._wait = pid, wait
        self.wfd, self.rfd, self.where_fd, out, err = fds
        self.stdout, self.stderr = OutputCollector(out, 0), OutputCollector(err, 0)
        self.deadline = 0.0  # time.monotonic() by which the learner must answer; set by _start_clock
        self.wall_s = 0.0
        self.waited_s = 0.0  # added to the deadline: time spent waiting for a CPU (_extend)
        self._wait_base: float | None = None
        self.cpu_s: float | None = None  # the learner's CPU budget, once its code is loaded
        self.cpu_base = 0.0  # CPU seconds its process used before that budget started
        self.alive = True
        # Set by the harness: called with each live curve frame, and with None after a call.
        self.on_curve: Callable[[Any], None] | None = None
        # Set by the harness: called with the seconds added to the deadline, to move its own alarm too.
        self.on_extend: Callable[[float], None] | None = None

    def prepare(self, modules: list, seconds: float, output_bytes: int) -> dict:
        """Have the learner's process import `modules` before its code is loaded and its clock starts."""
        self._start_clock(seconds)
        self._collect_output(output_bytes)  # an import's warnings must not fill the pipe and block it
        reply = self._ask({"op": "prepare", "modules": list(modules)})
        used = reply.get("cpu_s")  # the CPU limit starts on top of it (learner_runtime.apply_limits)
        self.cpu_base = float(used) if isinstance(used, (int, float)) and not isinstance(used, bool) else 0.0
        return reply

    def _start_clock(self, seconds: float) -> None:
        self.wall_s, self.deadline = seconds, time.monotonic() + seconds
        self.waited_s, self._wait_base = 0.0, cpu_wait_s(self.pid)

    def _recv(self) -> dict:
        """The learner process's next message, by the deadline (TimeoutError). When the deadline comes
        with no message begun, the time spent waiting for a CPU since the clock started is added to it."""
        while not select.select([self.rfd], [], [], max(self.deadline - time.monotonic(), 0))[0]:
            if not self._extend():
                raise TimeoutError
        return wire.recv(self.rfd, self.deadline)

    def _extend(self) -> bool:
        """Move the deadline by the CPU wait not yet granted, up to CPU_WAIT_ALLOWANCE times wall_s."""
        now = cpu_wait_s(self.pid)
        if now is None or self._wait_base is None:
            return False
        extra = min(now - self._wait_base, self.wall_s * CPU_WAIT_ALLOWANCE) - self.waited_s
        if extra < 0.05:
            return False
        self.waited_s += extra
        self.deadline += extra
        if self.on_extend is not None:
            self.on_extend(extra)
        return True

    def _collect_output(self, cap: int) -> None:
        for collector in (self.stdout, self.stderr):
            collector.cap = cap
            if collector.ident is None:
                collector.start()

    def load(self, code: str, entry_points: list, limits, banned=()) -> dict:
        self.cpu_s = limits.cpu_s
        self._start_clock(limits.wall_s)
        self._collect_output(limits.output_bytes)
        limits_dict = {k: getattr(limits, k) for k in ("memory_mb", "cpu_s", "file_bytes", "processes")}
        return self._ask(
            {"op": "load", "code": code, "entry_points": entry_points, "limits": limits_dict, "banned": list(banned)}
        )

    def call(self, name: str, args: tuple, kwargs: dict, function=None, full_args: bool = False) -> dict:
        """Call the learner's `name`, or a check's @remote `function` run in the learner's namespace. The reply
        has the arguments as the call left them: their values with full_args, else tensors as digests."""
        reply = self._ask(
            {
                "op": "call",
                "name": name,
                "args": wire.encode(list(args)),
                "kwargs": wire.encode(kwargs),
                "function": wire.encode(function) if function is not None else None,
                "full_args": full_args,
            }
        )
        if not reply["ok"]:
            raise LearnerError(reply["error"])
        return reply

    def example(self, code: str, want_value: bool = False) -> dict:
        """Run the example; with want_value the reply also carries the value itself (wire-encoded)."""
        return self._ask({"op": "example", "code": code, "want_value": want_value})

    def _ask(self, message: dict) -> dict:
        if not self.alive:
            raise LearnerStopped("crashed", "Your code's process had already stopped.")
        try:
            wire.send(self.wfd, message)
        except (BrokenPipeError, OSError):
            raise self._death() from None
        try:
            reply = self._recv()
            while isinstance(reply, dict) and "curve" in reply and "ok" not in reply:  # live points, then the reply
                self._curve_frame(reply["curve"])
                reply = self._recv()
            self._curve_frame(None)
        except TimeoutError:
            raise self._timeout() from None
        except (EOFError, OSError, ValueError):
            raise self._death() from None
        except (RecursionError, MemoryError) as e:
            self.stop()
            raise LearnerStopped("failed", unreadable_message(e)) from None
        if not isinstance(reply, dict) or not isinstance(reply.get("error", {}), dict):
            self.stop()
            raise LearnerStopped(
                "crashed",
                "Your code's process sent the grader something that is not an answer; "
                "leave the grader's pipes and modules in your process alone.",
            )
        if not reply.get("ok", True):
            reply["error"] = bounded_error(reply["error"])
            if reply["error"]["memory"]:
                self.stop()
                raise LearnerStopped("memory", _memory_message(self.wall_s))
        return reply

    def _curve_frame(self, frame) -> None:
        """Points a check's driver sent while it trains (learner_runtime.curve_point), or None once the
        call is over: display-only, so nothing here can fail the call."""
        if self.on_curve is not None:
            try:
                self.on_curve(frame)
            except Exception:
                pass

    def _timeout(self) -> LearnerStopped:
        """Stop the learner's process, with a message saying where its code was."""
        where = self._where()
        self.stop()
        message = f"Stopped after {self.wall_s:g} s."
        if where:
            top = bounded_error(where[0])  # what the learner's process says is as untrusted as the rest
            message += (
                f" When stopped, your code was at line {top['line']}"
                f" (`{top['source']}`) in `{top['function']}`; it may never end, or it does far more "
                "work than the exercise needs (a loop is fine; one over millions of steps is not)."
            )
        if self.waited_s >= 0.5:  # less is the ordinary jitter of a quiet machine, not worth a learner's attention
            message += (
                f" (The grader was busy: your code also waited {self.waited_s:.1f} s for a CPU, which did "
                f"not count against its {self.wall_s:g} s.)"
            )
        return LearnerStopped("timeout", message)

    def _where(self) -> list:
        """Ask the learner process which of its lines is running (answers only between bytecodes)."""
        try:
            os.kill(self.pid, signal.SIGUSR1)
            where = wire.recv(self.where_fd, time.monotonic() + 0.3)["where"]
            return where if isinstance(where, list) else []
        except (OSError, EOFError, ValueError, KeyError, TypeError, TimeoutError, RecursionError, MemoryError):
            return []

    def _death(self) -> LearnerStopped:
        # The pipes closed. Usually the process has ended; it may also have closed them and run on.
        left = max(self.deadline - time.monotonic(), 0)
        status, killed, cpu_used = self._wait(left + 0.5)
        self.alive = False
        self.stop()
        if killed:
            return LearnerStopped(
                "timeout",
                f"Stopped after {self.wall_s:g} s: your code closed the grader's "
                "pipes to its process and kept running.",
            )
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            # SIGKILL is also the CPU limit's last word, to a process that ignored SIGXCPU.
            spent = self.cpu_s is not None and cpu_used >= self.cpu_base + self.cpu_s
            if sig == signal.SIGXCPU or (sig == signal.SIGKILL and spent):
                return LearnerStopped("timeout", "Stopped: your code used up its CPU time limit.")
            if sig == signal.SIGKILL:
                return LearnerStopped("memory", _memory_message(self.wall_s))
            return LearnerStopped("crashed", f"Your code's process crashed ({signal.Signals(sig).name}).")
        if os.WEXITSTATUS(status) == RUNTIME_BROKEN:
            return LearnerStopped(
                "crashed",
                "Your code changed something the grader relies on in your process "
                "(a built-in such as isinstance, or a torch function), so it could not "
                "be checked. Leave built-ins and library functions as they are.",
            )
        return LearnerStopped(
            "crashed",
            f"Your code's process exited early (exit status {os.WEXITSTATUS(status)}); "
            "do not call exit() or os._exit() in a solution.",
        )

    def stop(self) -> None:
        """Kill the learner's process and everything it started."""
        kill_group(self.pid)
        if self.alive:
            self._wait()
            self.alive = False
        for fd in (self.wfd, self.rfd, self.where_fd):  # the checker serves many jobs: no fd may pile up
            try:
                os.close(fd)
            except OSError:
                pass
        self.wfd = self.rfd = self.where_fd = -1
        for collector in (self.stdout, self.stderr):
            if collector.ident is None:  # never started (the code never loaded)
                collector.close()
            else:
                collector.join(timeout=1)


# How much of each field of an error (or a "where") the learner's process reports is kept: its
# runtime shares the process with learner code, so the sizes it promises are not trusted.
ERROR_FIELD_CHARS = {"type": 200, "message": 2000, "source": 300, "function": 200, "traceback": 8000}


def bounded_error(info) -> dict:
    """The learner process's description of an exception, each field of the expected type and cut."""
    info = info if isinstance(info, dict) else {}
    bounded: dict = {name: cut_text(str(info.get(name) or ""), limit) for name, limit in ERROR_FIELD_CHARS.items()}
    line = info.get("line")
    bounded["line"] = line if isinstance(line, int) and not isinstance(line, bool) else None
    bounded["memory"] = info.get("memory") is True
    return bounded


def unreadable_message(e: BaseException) -> str:
    what = "nested too deeply" if isinstance(e, RecursionError) else "too large"
    return f"Your code sent back data the grader could not read ({what}); return plain values such as tensors."


def kill_group(pid: int) -> None:
    """SIGKILL a learner's process group, or the process alone if it had no time to make one."""
    for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            target()
        except OSError:
            pass


def _become_learner(scratch: str, out_fd: int, err_fd: int, keep: tuple, uid: int | None) -> None:
    os.setpgid(0, 0)  # its own process group, so stop() reaches everything it forks
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(out_fd, 1)
    os.dup2(err_fd, 2)
    for fd in _open_fds():
        if fd > 2 and fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass
    if uid is not None and isolation.enabled():  # its own /tmp, /dev/shm and IPC, gone with the job
        isolation.isolate_job()
    if uid is not None:  # a throwaway uid: it cannot signal, trace or read the checker, or another job
        # (and, root no more, it holds no capability: it cannot mount or unshare in turn)
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
    os.makedirs(scratch, mode=0o700, exist_ok=True)
    os.chdir(scratch)
    os.environ["HOME"] = scratch


def _open_fds() -> list:
    return [int(name) for name in os.listdir("/proc/self/fd")]


def _read_or_empty(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:
        return b""


def cpu_wait_s(pid: int) -> float | None:
    """Seconds the learner process's threads, and the checker's calling thread, have spent ready to run
    but waiting for a CPU (the kernel's schedstat run_delay); None where the kernel does not say."""
    waited_ns = 0
    for path in glob.glob(f"/proc/{pid}/task/*/schedstat") + ["/proc/thread-self/schedstat"]:
        try:
            with open(path) as f:
                waited_ns += int(f.read().split()[1])
        except FileNotFoundError:  # a thread that has just ended
            continue
        except (OSError, ValueError, IndexError):
            return None
    return waited_ns / 1e9


def _memory_message(wall_s) -> str:
    return (
        "Stopped: your code went over the memory limit. Look for a tensor far larger than the "
        "inputs (an outer product or a broadcast you did not mean) or a list that grows without end."
    )


def _human_bytes(n: float) -> str:
    for unit in ("bytes", "KB", "MB"):
        if n < 1000:
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"
