"""The sandbox's long-lived process: `python -m grader.zygote --jobs N`.

It imports torch once and warms it up, then serves up to N jobs over framed messages on stdin and
stdout (grader.wire): first it announces {"ready": ...}; then, for each job, a freshly forked job
process (the checker) forks the learner's process, reads one {"job": ...} frame and answers one
{"result": ...} frame. When it stops early, it says {"bye": ...}: a job already sent was not read. The zygote itself never reads a job, so nothing of one job is in the memory
that the next job's processes are forked from.

In a container (GRADER_LEARNER_UID_BASE set, running as root with only SETUID, SETGID and KILL),
each job's learner runs under its own throwaway uid; afterwards every process of that uid is
killed and its files removed. After anything odd (a timeout, a crash, a leftover process) the
zygote stops, so the container is recycled.
"""
import os

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # before torch starts its pools: forking after that can hang

import argparse  # noqa: E402
import gc  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402

from grader import harness, wire  # noqa: E402  (imports torch)
from grader.learner_process import LearnerProcess  # noqa: E402
from grader.protocol import Job, Result  # noqa: E402

UID_BASE = int(os.environ.get("GRADER_LEARNER_UID_BASE", "0"))  # 0: no uid switching (process backend)
SCRATCH_DIRS = ("/tmp", "/dev/shm")
NORMAL, ODD = 0, 3


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1)
    jobs = parser.parse_args(argv).jobs
    warm_up()
    # Children inherit the heap copy-on-write; keep the collector from touching (and so copying) it.
    gc.collect()
    gc.freeze()
    wire.send(1, {"ready": {"grader_id": harness.grader_id(), "pid": os.getpid()}})
    for index in range(jobs):
        uid = UID_BASE + index if UID_BASE else None
        scratch = f"/tmp/job-{uid}" if uid else os.path.join(os.getcwd(), f"job-{index}")
        pid = os.fork()
        if pid == 0:
            code = ODD
            try:
                code = serve_one(scratch, uid)
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        clean = clean_up(uid) if uid else not shutil.rmtree(scratch, ignore_errors=True)
        if status != 0 or not clean:
            if index + 1 < jobs:  # a job may already be waiting on stdin: the backend sends it elsewhere
                wire.send(1, {"bye": "recycling after something odd"})
            break


def serve_one(scratch: str, uid) -> int:
    learner = LearnerProcess(scratch=scratch, uid=uid)
    try:
        message = wire.recv(0)
    except EOFError:
        learner.stop()
        return ODD
    result: Result = harness.grade_job(Job.from_dict(message["job"]), learner)
    wire.send(1, {"result": result.to_dict()})
    return NORMAL if result.status in ("passed", "failed", "error", "ran") else ODD


def warm_up() -> None:
    """The first einsum, comparison and random draw in a process are slow; pay for them here."""
    import hypothesis  # noqa: F401  (checks may use it)
    import torch

    a, b = torch.randn(2, 3, 4, dtype=torch.float64), torch.randn(2, 4, 5, dtype=torch.float64)
    torch.testing.assert_close(torch.einsum("bik,bkj->bij", a, b), a @ b)
    torch.isclose(a, a).all()


def clean_up(uid: int) -> bool:
    """Kill every process of the job's uid and remove its files; False if anything was left running.

    Done here, without forking this large process: CAP_KILL reaches the processes, and for the files
    the zygote takes the job's uid as its effective uid only (the saved uid stays 0 to come back).
    """
    leftovers = pids = _pids_of(uid)
    for _ in range(50):  # a fork bomb may still be forking while it is killed
        if not pids:
            break
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _reap()
        pids = _pids_of(uid)
    os.setresgid(-1, uid, -1)
    os.setresuid(-1, uid, -1)
    try:
        for top in SCRATCH_DIRS:
            _remove_owned(top, uid)
    finally:
        os.setresuid(-1, 0, -1)
        os.setresgid(-1, 0, -1)
    return not leftovers and not pids


def _pids_of(uid: int) -> list:
    pids = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/status") as f:
                    fields = dict(line.split(":", 1) for line in f if ":" in line)
                if int(fields["Uid"].split()[0]) == uid and not fields["State"].strip().startswith("Z"):
                    pids.append(int(name))
            except (OSError, KeyError, ValueError):
                continue
    return pids


def _remove_owned(top: str, uid: int) -> None:
    for root, dirs, files in os.walk(top, topdown=False):
        for name in files + dirs:
            path = os.path.join(root, name)
            try:
                if os.lstat(path).st_uid == uid:
                    os.rmdir(path) if name in dirs and not os.path.islink(path) else os.unlink(path)
            except OSError:
                continue


def _reap() -> None:
    """As PID 1 of the container, the zygote inherits orphans: collect the dead ones."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


if __name__ == "__main__":
    sys.exit(main())
