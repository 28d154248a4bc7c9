"""The `process` backend: zygotes in local subprocesses, each serving several jobs.

NOT a security boundary: it exists for laptops without Docker, for content validation and for
fast tests; deployments use the docker backend. Started by a normal user, learner code runs as that
user and can read and write what that user can. Started as root, each job's learner code runs under
an unprivileged uid of its zygote's own (so it cannot write the project, the virtualenv or another
job's files, nor read any process's environment), but it can still read world-readable files,
the content folder included. Every zygote is Python in isolated mode with a fixed, minimal
environment. Each job runs in freshly forked processes with rlimits, in its own scratch folder;
a zygote is replaced after GRADER_PROCESS_REUSE_JOBS jobs (at most 64) or anything odd.
"""

import os
import queue
import signal
import subprocess
import sys
import tempfile
import time

from grader import config as grader_config
from grader import scratch, wire
from grader.backends.common import START_GRACE_S, hand_over
from grader.config import GraderConfig, SandboxConfig
from grader.protocol import Job, Result

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UID_FLOOR, UIDS_PER_ZYGOTE = 0x40000000, 64  # as grader.zygote.learner_uid_base (not imported here: torch)
SCRATCH_TOPS = ("/tmp", "/var/tmp", "/dev/shm")


class Zygote:
    def __init__(self, jobs: int, preload: tuple = ()):
        self.scratch = tempfile.TemporaryDirectory(prefix="grader-", ignore_cleanup_errors=True)
        self.proc = subprocess.Popen(
            zygote_command(jobs),
            cwd=self.scratch.name,
            env=_env(self.scratch.name, preload),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.jobs_left = jobs
        self.ready: dict | None = None  # the zygote's first message, once it has come

    def wait_ready(self, deadline: float) -> None:
        if self.ready is None:
            self.ready = self.recv(deadline)["ready"]

    def send(self, message: dict) -> None:
        assert self.proc.stdin is not None  # started with stdin=PIPE
        wire.send(self.proc.stdin.fileno(), message)

    def recv(self, deadline: float) -> dict:
        assert self.proc.stdout is not None  # started with stdout=PIPE
        return wire.recv(self.proc.stdout.fileno(), deadline)

    def close(self) -> None:
        _kill_session(self.proc.pid)
        self.proc.wait()
        if os.geteuid() == 0:  # the zygote may have gone before cleaning up after its last job
            _clean_uids(
                range(UID_FLOOR + self.proc.pid * UIDS_PER_ZYGOTE, UID_FLOOR + (self.proc.pid + 1) * UIDS_PER_ZYGOTE)
            )
        self.scratch.cleanup()


def private_folder(path: str) -> str | None:
    """The first folder on the way to `path` that a uid other than its owner's cannot enter, or None."""
    path = os.path.abspath(path)
    blocked = None
    while True:
        if os.path.exists(path) and not os.stat(path).st_mode & 0o001:  # no "x" for others
            blocked = path
        parent = os.path.dirname(path)
        if parent == path:
            return blocked
        path = parent


def learners_cannot_import() -> str:
    """Started as root, learners run as other uids. If they cannot reach this checkout or the
    environment's packages (a clone under /root or in a mode-700 `mktemp -d`), `import einops` in a
    correct answer fails and it is marked wrong: refuse to start, saying why. "" when all is well."""
    import sysconfig

    if os.geteuid() != 0:
        return ""
    paths = (REPO_ROOT, sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"])
    blocked = sorted({folder for folder in map(private_folder, paths) if folder})
    if not blocked:
        return ""
    return (
        f"The process grader runs learners' code as other uids, which cannot enter {', '.join(blocked)} "
        f"(no access for others): their imports from {REPO_ROOT} and its environment would fail, and "
        "correct answers would be marked wrong. Put the checkout where others can enter (for example "
        f"chmod o+x {blocked[0]}, or clone outside /root), start it as a normal user, or grade with the "
        "docker backend (GRADER_BACKEND=docker)."
    )


class ProcessBackend:
    name = "process"

    def __init__(self, reuse_jobs: int | None = None, preload: tuple = (), config: GraderConfig | None = None):
        """reuse_jobs and preload (modules each zygote imports once for all its jobs) default to the
        config's (GRADER_PROCESS_REUSE_JOBS, GRADER_PRELOAD); config to current()."""
        if problem := learners_cannot_import():
            raise RuntimeError(problem)
        config = config or grader_config.current()
        # At most 64: a zygote's learners cycle through 64 uids of its own (zygote.UIDS_PER_ZYGOTE).
        self.reuse_jobs = min(reuse_jobs or config.process_reuse_jobs, 64)
        self.idle: queue.LifoQueue = queue.LifoQueue()
        self.preload = tuple(preload) or config.preload

    def run(self, job: Job, on_progress=None) -> Result:
        """on_progress(dict), if given, is called before each test with {"done", "total", "name"}."""
        return hand_over(job, self._take, self._give_back, _grader_id, on_progress)

    def _take(self) -> Zygote:
        while True:  # an idle zygote that has exited (killed, out of memory) is dropped, not handed a job
            try:
                zygote = self.idle.get_nowait()
            except queue.Empty:
                zygote = Zygote(self.reuse_jobs, self.preload)
                break
            if zygote.proc.poll() is None:
                break
            zygote.close()
        try:
            zygote.wait_ready(time.monotonic() + START_GRACE_S)
        except BaseException:
            self._give_back(zygote, reusable=False)
            raise
        return zygote

    def _give_back(self, zygote: Zygote, reusable: bool) -> None:
        zygote.jobs_left -= 1
        if reusable and zygote.jobs_left > 0:
            self.idle.put(zygote)
        else:
            zygote.close()

    def close(self) -> None:
        while not self.idle.empty():
            self.idle.get_nowait().close()


def _grader_id(zygote: Zygote | None) -> str:
    return f"process ({zygote.ready.get('grader_id', '?')})" if zygote and zygote.ready else "process"


def zygote_command(jobs: int) -> list:
    """Python in isolated mode (-I: no PYTHON* variables, no user site-packages, not even the current
    folder on sys.path), given the project root, and nothing else, to find the grader."""
    start = (
        f"import sys; sys.path.insert(0, {REPO_ROOT!r}); import runpy; runpy.run_module('grader.zygote', "
        "run_name='__main__', alter_sys=True)"
    )
    return [sys.executable, "-I", "-u", "-B", "-c", start, "--jobs", str(jobs)]  # -I ignores PYTHON* variables


def _env(scratch: str, preload: tuple = ()) -> dict:
    """A minimal, fixed environment: the worker's own variables (database URLs, secrets) stay out.
    Started as root, learners run under uids of the zygote's own (zygote.learner_uid_base)."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": scratch,
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONUNBUFFERED": "1",
    }
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        env[var] = "1"
    # Modules every zygote imports once (grader.preimport); as root, learner uids of its own.
    env.update(SandboxConfig(per_zygote_uids=os.geteuid() == 0, preload=tuple(preload)).environment())
    return env


def _clean_uids(uids: range) -> None:
    """Kill every process of the zygote's learner uids (one that left the session too), then remove
    their files. Killed first, so no learner process is left to swap a folder for a link meanwhile."""
    for pid in _pids(lambda fields: int(fields["Uid"].split()[0]) in uids):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    for top in SCRATCH_TOPS:
        scratch.remove_owned(top, uids)


def _pids(wanted) -> list:
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/status") as f:
                    if wanted(dict(line.split(":", 1) for line in f if ":" in line)):
                        found.append(int(name))
            except (OSError, KeyError, ValueError):
                continue
    return found


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
