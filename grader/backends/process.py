"""The `process` backend: zygotes in local subprocesses, each serving several jobs.

NOT a security boundary: the learner's code runs as this user and can read what this user can.
It exists for laptops without Docker, for content validation and for fast tests; deployments use
the docker backend. Each job still runs in freshly forked processes with rlimits, in its own
scratch folder; a zygote is replaced after GRADER_PROCESS_REUSE_JOBS jobs or anything odd.
"""
import os
import queue
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


class Zygote:
    def __init__(self, jobs: int):
        self.scratch = tempfile.TemporaryDirectory(prefix="grader-", ignore_cleanup_errors=True)
        self.proc = subprocess.Popen([sys.executable, "-m", "grader.zygote", "--jobs", str(jobs)],
                                     cwd=self.scratch.name, env=_env(self.scratch.name), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
        self.jobs_left, self.ready = jobs, None

    def recv_before(self, deadline: float) -> dict:
        fd = self.proc.stdout.fileno()
        if not select.select([fd], [], [], max(deadline - time.monotonic(), 0))[0]:
            raise TimeoutError
        return wire.recv(fd)

    def close(self) -> None:
        _kill_session(self.proc.pid)
        self.proc.wait()
        self.scratch.cleanup()


class ProcessBackend:
    name = "process"

    def __init__(self, reuse_jobs: int | None = None):
        self.reuse_jobs = reuse_jobs or int(os.environ.get("GRADER_PROCESS_REUSE_JOBS", "50"))
        self.idle: queue.LifoQueue = queue.LifoQueue()

    def run(self, job: Job) -> Result:
        started = time.monotonic()
        for _ in range(5):
            zygote = self._take()
            healthy = False
            try:
                reply = self._exchange(zygote, job, started)
                if "bye" in reply:  # it stopped after its last job and never read this one
                    continue
                result = reply["result"]
                healthy = result.status in ("passed", "failed", "error", "ran")
                return result
            finally:
                zygote.jobs_left -= 1
                if healthy and zygote.jobs_left > 0:
                    self.idle.put(zygote)
                else:
                    zygote.close()
        return grader_failure(job, "process", "no zygote took the job")

    def _take(self) -> Zygote:
        try:
            return self.idle.get_nowait()
        except queue.Empty:
            return Zygote(self.reuse_jobs)

    def _exchange(self, zygote: Zygote, job: Job, started: float) -> dict:
        """{"result": Result} or {"bye": ...}."""
        deadline = started + job.limits.wall_s + STARTUP_GRACE_S
        try:
            if zygote.ready is None:
                zygote.ready = zygote.recv_before(deadline)["ready"]
            job_sent = time.monotonic()
            wire.send(zygote.proc.stdin.fileno(), {"job": job.to_dict()})
            reply = zygote.recv_before(deadline)
            if "bye" in reply:
                return reply
            result = Result.from_dict(reply["result"])
        except TimeoutError:
            return {"result": timed_out(job, "process")}
        except (EOFError, OSError, ValueError, KeyError):
            return {"result": grader_failure(job, "process")}
        result.grader_id = f"process ({zygote.ready['grader_id']})"
        result.timings["start"] = round(job_sent - started, 4)
        return {"result": result}

    def close(self) -> None:
        while not self.idle.empty():
            self.idle.get_nowait().close()


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
