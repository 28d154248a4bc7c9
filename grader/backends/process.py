"""The `process` backend: the harness in a local subprocess with rlimits.

NOT a security boundary: the learner's code runs as this user and can read what this user can.
It exists for laptops without Docker and for fast tests; deployments use the docker backend.
"""
import os
import signal
import subprocess
import sys
import tempfile
import time

from grader.protocol import Job, Result

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STARTUP_GRACE_S = 30  # importing torch and running the checker's own code, beyond the learner's wall time


class ProcessBackend:
    name = "process"

    def run(self, job: Job) -> Result:
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="grader-") as scratch:
            proc = subprocess.Popen([sys.executable, "-m", "grader.harness"], cwd=scratch, env=_env(scratch),
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    start_new_session=True, text=True)
            try:
                out, err = proc.communicate(job.to_json(), timeout=job.limits.wall_s + STARTUP_GRACE_S)
            except subprocess.TimeoutExpired:
                _kill_session(proc.pid)
                proc.communicate()
                return Result("timeout", message=f"Stopped after {job.limits.wall_s:g} s (the grader gave up "
                              "waiting).", bundle_hash=job.bundle_hash, grader_id="process")
            finally:
                _kill_session(proc.pid)
        try:
            result = Result.from_json(out)
        except ValueError:
            return Result("crashed", message="The grader stopped unexpectedly; this is not your fault. "
                          "Try again, and report it if it happens twice.", stderr=err[-4000:],
                          bundle_hash=job.bundle_hash, grader_id="process")
        result.grader_id = f"process ({result.grader_id})"
        result.timings["start"] = round(time.monotonic() - started - result.timings.get("run", 0), 4)
        return result


def _env(scratch: str) -> dict:
    """A minimal environment: the worker's own variables (database URLs, secrets) stay out."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": scratch, "LANG": "C.UTF-8",
           "PYTHONPATH": REPO_ROOT, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"}
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        env[var] = "1"
    return env


def _kill_session(sid: int) -> None:
    """Kill every process in the harness's session, including any the learner's code left behind."""
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
