"""The sandbox's long-lived processes: `python -m grader.zygote --jobs N`.

The zygote imports torch once and warms it up, announces {"ready": ...} on stdout, then forks
two kinds of process, and never reads a job itself, so nothing of any job is in the memory that
learners are forked from:
- one checker (trusted), which serves up to N jobs over framed messages on stdin and stdout
  (grader.wire): it reads a {"job": ...} frame, grades it, and answers one {"result": ...} frame.
  When it stops early, it says {"bye": ...}: a job already sent was not read.
- for each job, a fresh learner process, on the checker's request over a private socket; the
  checker receives the learner's pipes over it (SCM_RIGHTS) and drives the learner through them.
One checker for all jobs, rather than one per job, halves the forks of this large process, which
are most of a small job's cost; harness.forget_job clears what one job's checks leave behind.

In a container (GRADER_LEARNER_UID_BASE set, running as root with only SETUID, SETGID and KILL),
each job's learner runs under its own throwaway uid; afterwards every process of that uid is
killed and its files removed. After anything odd (a timeout, a crash, a leftover process) the
checker stops, and the zygote with it, so the container is recycled.
"""

import os
import sys

from grader.trusted_path import trusted_sys_path  # standard library only: before torch

trusted_sys_path()

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # before torch starts its pools: forking after that can hang

import argparse  # noqa: E402
import contextlib  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import time  # noqa: E402

from grader import config as grader_config  # noqa: E402
from grader import harness, isolation, learner_process, scratch, stdlib_preload, wire  # noqa: E402  (imports torch)
from grader.learner_process import LearnerProcess  # noqa: E402
from grader.protocol import SANDBOX_REUSABLE_AFTER, Job  # noqa: E402

UIDS_PER_ZYGOTE = 64  # a process-backend zygote's learners take uids base + (job index % this)
UID_FLOOR = 0x40000000  # process backend: the first learner uid (backends.process cleans up the same range)


def learner_uid_base() -> int:
    """0: no uid switching (the process backend when not root). In a container the image sets the
    base; the process backend, started as root, asks for a range of uids of this zygote's own,
    from its pid, so that concurrent zygotes on one host never share a uid."""
    if grader_config.sandbox().per_zygote_uids:
        return UID_FLOOR + os.getpid() * UIDS_PER_ZYGOTE  # pids < 2**22: stays below 2**31
    return grader_config.sandbox().learner_uid_base


UID_BASE = learner_uid_base()
# A sandbox container's zygote (not the process backend's, which shares the host's /tmp, IPC and memory
# with everything else on it): the container is checked after every job.
IN_CONTAINER = bool(UID_BASE) and not grader_config.sandbox().per_zygote_uids
SCRATCH_DIRS = ("/tmp", "/dev/shm")
# Exit codes: served every job (or its input ended); stopped early after something odd (a verdict
# that leaves the sandbox unfit, a learner's leftovers, a broken start), to be replaced.
EXIT_DONE, EXIT_RECYCLE = 0, 3


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1)
    jobs = parser.parse_args(argv).jobs
    if isolation.enabled():
        check_isolation()
    warm_up()
    # Children inherit the heap copy-on-write; keep the collector from touching (and so copying) it.
    gc.collect()
    gc.freeze()
    wire.send(1, {"ready": {"grader_id": harness.grader_id(), "pid": os.getpid()}})
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    checker = os.fork()
    if checker == 0:
        code = EXIT_RECYCLE
        try:
            ours.close()
            harness.become_checker()
            code = check_jobs(Learners(theirs), jobs)
        finally:
            os._exit(code)
    theirs.close()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1):  # the job channel is the checker's alone
        os.dup2(devnull, fd)
    serve_learners(ours)
    try:
        _, status = os.waitpid(checker, 0)
    except ChildProcessError:  # reaped with the orphans
        return EXIT_RECYCLE
    return os.waitstatus_to_exitcode(status)


def check_jobs(learners: "Learners", jobs: int) -> int:
    """The checker's life: each job gets a learner forked before the job is read."""
    for index in range(jobs):
        learner = learners.spawn(index)
        try:
            message = wire.recv(0)
        except EOFError:
            learner.stop()
            learners.clean(index)
            return EXIT_DONE
        # A worker that wants progress says so beside the job (older workers never do, and never get any).
        wants = message.get("progress")
        harness.progress_hook = (lambda progress: wire.send(1, {"progress": progress})) if wants else None
        result = harness.grade_job(Job.from_dict(message["job"]), learner)
        wire.send(1, {"result": result.to_dict(), "log": [text[-8000:] for text in harness.check_log[-5:]]})
        harness.forget_job()
        clean = learners.clean(index)
        if result.status not in SANDBOX_REUSABLE_AFTER or not clean:
            if index + 1 < jobs:  # a job may already be waiting on stdin: the backend sends it elsewhere
                wire.send(1, {"bye": "recycling after something odd"})
            return EXIT_RECYCLE
    return EXIT_DONE


class Learners:
    """The checker's end of the socket to the zygote, which forks, reaps and cleans up learners."""

    def __init__(self, channel: socket.socket):
        self.channel = channel

    def spawn(self, index: int) -> LearnerProcess:
        self.channel.send(json.dumps({"op": "spawn", "index": index}).encode())
        data, fds, _, _ = socket.recv_fds(self.channel, 4096, 8)
        return LearnerProcess(json.loads(data)["pid"], fds, lambda timeout=None: self._ask("wait", index, timeout))

    def clean(self, index: int) -> bool:
        return self._ask("clean", index)

    def _ask(self, op: str, index: int, timeout: float | None = None):
        self.channel.send(json.dumps({"op": op, "index": index, "timeout": timeout}).encode())
        data = self.channel.recv(4096)
        if not data:
            raise EOFError("the zygote is gone")
        return json.loads(data)["answer"]


def serve_learners(channel: socket.socket) -> None:
    """The zygote's side: fork a learner, reap it, clean up after it, as the checker asks; until
    the checker exits."""
    learners = {}  # job index -> {"pid", "uid", "scratch", "status"}
    while data := channel.recv(4096):
        request = json.loads(data)
        index = request["index"]
        if request["op"] == "spawn":
            uid = UID_BASE + index % UIDS_PER_ZYGOTE if UID_BASE else None
            job_dir = f"/tmp/job-{uid}" if uid else os.path.join(os.getcwd(), f"job-{index}")
            pid, fds = learner_process.spawn(job_dir, uid)
            learners[index] = {"pid": pid, "uid": uid, "scratch": job_dir, "status": None, "cpu_s": 0.0}
            socket.send_fds(channel, [json.dumps({"pid": pid}).encode()], fds)
            for fd in fds:
                os.close(fd)
        elif request["op"] == "wait":
            _answer(channel, _wait(learners[index], request["timeout"]))
        elif request["op"] == "clean":
            learner = learners.pop(index)
            learner_process.kill_group(learner["pid"])
            _wait(learner)
            uid = learner["uid"]
            if uid:
                _answer(channel, clean_up(uid) and (not IN_CONTAINER or sandbox_healthy()))
            else:
                shutil.rmtree(learner["scratch"], ignore_errors=True)
                _answer(channel, True)


def _answer(channel: socket.socket, answer) -> None:
    channel.send(json.dumps({"answer": answer}).encode())


def _wait(learner: dict, timeout: float | None = None) -> tuple:
    """(wait status, killed, CPU seconds it used): killed when it still ran after `timeout` seconds
    and was killed."""
    killed, deadline = False, None if timeout is None else time.monotonic() + timeout
    while learner["status"] is None:
        pid, status, usage = os.wait4(learner["pid"], 0 if deadline is None else os.WNOHANG)
        if pid:
            learner["status"], learner["cpu_s"] = status, usage.ru_utime + usage.ru_stime
        elif deadline is not None and time.monotonic() > deadline:
            learner_process.kill_group(learner["pid"])
            killed, deadline = True, None
        else:
            time.sleep(0.005)
    return learner["status"], killed, learner["cpu_s"]


def check_isolation() -> None:
    """Fail at start, not on a learner's job, where the container cannot give jobs namespaces
    (no CAP_SYS_ADMIN, a seccomp or AppArmor profile that refuses unshare or mount)."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            isolation.isolate_job()
            code = 0
        except OSError as e:
            print(f"grader: isolated mode does not work in this container: {e}", file=sys.stderr, flush=True)
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(EXIT_RECYCLE)


def warm_up() -> None:
    """The first einsum, comparison and random draw in a process are slow; pay for them here.
    Also import, before any learner code runs, what checks import (harness.CHECK_IMPORTS)."""
    import torch

    harness.import_check_modules()
    for name in grader_config.sandbox().preload:  # GRADER_PRELOAD=transformer_lens: once, for every job
        with contextlib.suppress(ImportError):  # not in this image
            __import__(name)
    if UID_BASE:
        stdlib_preload.preload_if_unreadable()

    a, b = torch.randn(2, 3, 4, dtype=torch.float64), torch.randn(2, 4, 5, dtype=torch.float64)
    torch.testing.assert_close(torch.einsum("bik,bkj->bij", a, b), a @ b)
    torch.isclose(a, a).all()


def clean_up(uid: int) -> bool:
    """Kill every process of the job's uid and remove its files; False if anything was left running.

    Done here, without forking this large process: CAP_KILL reaches the processes, and for the files
    the zygote takes the job's uid as its effective uid only (the saved uid stays 0 to come back).
    """
    leftovers = _settle(uid, 0.1)  # the job's process group was just killed: let it die
    pids = leftovers
    for _ in range(50):  # a fork bomb may still be forking while it is killed
        if not pids:
            break
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        pids = _settle(uid, 0.01)
    undead = _settle(uid, 1.0, zombies=True)  # a zombie of the job's would still be seen by the next one
    os.setresgid(-1, uid, -1)
    os.setresuid(-1, uid, -1)
    try:
        removed = all([scratch.remove_owned(top, (uid,)) for top in SCRATCH_DIRS])
    finally:
        os.setresuid(-1, 0, -1)
        os.setresgid(-1, 0, -1)
    return not leftovers and not pids and not undead and removed


def sandbox_healthy() -> bool:
    """Checked after every job, before the container serves again (each check costs microseconds):
    the scratch tmpfs mostly free, no System V IPC object left in the container (in the isolated
    mode a job's own live and die in its IPC namespace), and memory far from the container's limit."""
    for top in SCRATCH_DIRS:
        st = os.statvfs(top)
        if st.f_bavail < 0.9 * st.f_blocks:
            return False
    for kind in ("shm", "msg", "sem"):
        try:
            with open(f"/proc/sysvipc/{kind}") as f:
                if len(f.readlines()) > 1:  # a header line, then one line per object
                    return False
        except OSError:
            pass
    used, limit = _container_memory()
    return not limit or used < 0.75 * limit


def _container_memory() -> tuple:
    """(resident + shared memory in use, limit) of the container's memory cgroup, v1 or v2; (0, 0)
    when unknown. Page cache is left out: the kernel drops it under pressure."""
    for stat, limit_file, keys in (
        (
            "/sys/fs/cgroup/memory/memory.stat",
            "/sys/fs/cgroup/memory/memory.limit_in_bytes",
            ("total_rss", "total_shmem"),
        ),
        ("/sys/fs/cgroup/memory.stat", "/sys/fs/cgroup/memory.max", ("anon", "shmem")),
    ):
        try:
            with open(stat) as f:
                fields = dict(line.split() for line in f if line.count(" ") == 1)
            with open(limit_file) as f:
                raw = f.read().strip()
        except OSError:
            continue
        limit = int(raw) if raw.isdigit() and int(raw) < 2**60 else 0
        return sum(int(fields.get(key, 0)) for key in keys), limit
    return 0, 0


def _settle(uid: int, seconds: float, zombies: bool = False) -> list:
    """Reap the uid's dead processes (orphans come to the zygote, PID 1) until none of its
    processes is left, or `seconds` have passed; the ones still there."""
    deadline = time.monotonic() + seconds
    while True:
        _reap()
        pids = _pids_of(uid, zombies)
        if not pids or time.monotonic() > deadline:
            return pids
        time.sleep(0.002)


def _pids_of(uid: int, zombies: bool = False) -> list:
    pids = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/status") as f:
                    fields = dict(line.split(":", 1) for line in f if ":" in line)
                if int(fields["Uid"].split()[0]) == uid and (zombies or not fields["State"].strip().startswith("Z")):
                    pids.append(int(name))
            except (OSError, KeyError, ValueError):
                continue
    return pids


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
