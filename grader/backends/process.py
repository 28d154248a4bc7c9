"""The `process` backend: the zygote in a local subprocess, one job each, with rlimits.

NOT a security boundary: the learner's code runs as this user and can read what this user can.
It exists for laptops without Docker and for fast tests; deployments use the docker backend.
"""
import os
import select
import signal
import subprocess
import sys
import tempfile
import time

from grader import wire
from grader.backends.common import grader_failure, timed_out
from grader.protocol import Job, Result

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STARTUP_GRACE_S = 30  # importing torch and running the checker's own code, beyond the learner's wall time


class ProcessBackend:
    name = "process"

    def run(self, job: Job) -> Result:
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="grader-") as scratch:
            proc = subprocess.Popen([sys.executable, "-m", "grader.zygote", "--jobs", "1"], cwd=scratch,
                                    env=_env(scratch), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, start_new_session=True)
            try:
                return self._exchange(proc, job, started)
            finally:
                _kill_session(proc.pid)
                proc.wait()

    def _exchange(self, proc, job: Job, started: float) -> Result:
        deadline = started + job.limits.wall_s + STARTUP_GRACE_S
        out = proc.stdout.fileno()
        try:
            ready = _recv_before(out, deadline)["ready"]
            job_sent = time.monotonic()
            wire.send(proc.stdin.fileno(), {"job": job.to_dict()})
            result = Result.from_dict(_recv_before(out, deadline)["result"])
        except TimeoutError:
            return timed_out(job, "process")
        except (EOFError, OSError, ValueError, KeyError):
            return grader_failure(job, "process")
        result.grader_id = f"process ({ready['grader_id']})"
        result.timings["start"] = round(job_sent - started, 4)
        return result


def _recv_before(fd: int, deadline: float) -> dict:
    if not select.select([fd], [], [], max(deadline - time.monotonic(), 0))[0]:
        raise TimeoutError
    return wire.recv(fd)


def _env(scratch: str) -> dict:
    """A minimal environment: the worker's own variables (database URLs, secrets) stay out."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": scratch, "LANG": "C.UTF-8",
           "PYTHONPATH": REPO_ROOT, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"}
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        env[var] = "1"
    return env


def _kill_session(sid: int) -> None:
    """Kill every process in the zygote's session, including any the learner's code left behind."""
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[3]) == sid:  # field 6 of stat: the session id
                os.kill(int(name), signal.SIGKILL)
        except (OSError, ValueError, IndexError):
            continue
