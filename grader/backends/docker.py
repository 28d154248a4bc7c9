"""The `docker` backend: each job runs in a sandbox container that is already warm.

Every container: no network, read-only root with a small tmpfs scratch, all capabilities dropped
but SETUID, SETGID and KILL (which the zygote needs to give each job's learner its own throwaway
uid), no-new-privileges, the seccomp profile docker/grader-seccomp.json, limits on processes,
memory (no swap) and CPU; the harness adds rlimits, the wall-time limit and the output cap. Each
container holds a slot (its name, unique on the Docker host) and its learners take uids from that
slot's own range, so no two concurrent jobs on the host share a uid (the kernel counts processes
per uid across containers). Pool modes (docs/grader-isolation.md):
- isolated (the default): a container serves up to GRADER_REUSE_JOBS jobs (1000); each job's
  learner gets its own mount and IPC namespaces with a fresh tmpfs /tmp and /dev/shm, so nothing
  it leaves outlives it. The zygote keeps CAP_SYS_ADMIN for that; the learner drops it with root.
  After every job the container is checked (no process of the job left, free space, memory, no
  IPC object) and recycled otherwise;
- fresh: every job gets its own pre-started container, thrown away after the job;
- reuse: as isolated but without namespaces (learners share the container's /tmp and IPC; clean-up
  removes what it can and recycles the container when anything is left). GRADER_REUSE_JOBS: 50.
The pool refills in the background and shrinks to one warm container after GRADER_POOL_IDLE_S.
"""

import atexit
import functools
import json
import os
import queue
import random
import select
import socket
import struct
import threading
import time
from dataclasses import replace
from pathlib import Path

import docker
from docker.types import DeviceRequest, Ulimit

from grader import config as grader_config
from grader import framing
from grader.backends.common import hand_over
from grader.config import ConfigError, GraderConfig, SandboxConfig
from grader.protocol import Job, Result

START_GRACE_S = 60  # a cold container: start, import torch, warm up
SLOTS = 4096  # container names groundwork-grader-<slot>; slot n's learners take uids UID_FLOOR + 64 n ...
UID_FLOOR, UIDS_PER_SLOT = 100_000, 64  # ... (grader.zygote.UIDS_PER_ZYGOTE); below 2**31, above system uids


@functools.cache
def seccomp_json(path: str) -> str:
    """The seccomp profile as the engine takes it, read once a process."""
    try:
        return json.dumps(json.loads(Path(path).read_text()))
    except (OSError, ValueError) as e:
        raise ConfigError(
            f"GRADER_SECCOMP_PROFILE={path}: not a readable seccomp profile ({e}); "
            "make it with python3 docker/make-seccomp-profile.py"
        ) from e


def container_kwargs(config: GraderConfig, gpu: bool, slot: int) -> dict:
    threads = str(max(1, int(config.container_cpus)))  # torch's pools sized to the CPU quota
    isolated = config.pool_mode == "isolated"
    sandbox = SandboxConfig(learner_uid_base=UID_FLOOR + slot * UIDS_PER_SLOT, isolated=isolated)
    environment = {
        "OMP_NUM_THREADS": threads,
        "MKL_NUM_THREADS": threads,
        "OPENBLAS_NUM_THREADS": threads,
        **sandbox.environment(),
    }
    kwargs = dict(
        name=f"groundwork-grader-{slot}",
        command=["--jobs", str(config.container_jobs)],
        stdin_open=True,
        tty=False,
        network_mode="none",
        read_only=True,
        tmpfs={"/tmp": "size=64m,mode=1777"},
        shm_size="16m",
        # SYS_ADMIN: the isolated zygote's unshare and mount, once per job, in the learner's process
        # before it drops root (and every capability with it).
        cap_drop=["ALL"],
        cap_add=["SETUID", "SETGID", "KILL"] + (["SYS_ADMIN"] if isolated else []),
        security_opt=["no-new-privileges", f"seccomp={seccomp_json(config.seccomp_profile)}"],
        pids_limit=128,
        mem_limit=f"{config.container_memory_mb}m",
        memswap_limit=f"{config.container_memory_mb}m",
        nano_cpus=int(config.container_cpus * 1e9),
        ulimits=[Ulimit(name="core", soft=0, hard=0)],
        environment=environment,
        labels=labels(config),
        log_config={"type": "none"},
    )
    if config.cpuset:  # cores kept for grading, so a busy site does not slow it (docs/operations.md)
        kwargs["cpuset_cpus"] = config.cpuset
    if config.runtime:
        kwargs["runtime"] = config.runtime
    if gpu:
        kwargs["device_requests"] = [DeviceRequest(count=1, capabilities=[["gpu"]])]
    return kwargs


# Every sandbox says which worker started it: its Celery node and the id of that start of the worker
# (the worker puts both in its GraderConfig), so the next start of the same node, or of any worker on
# the same Docker engine, can find and remove what a dead worker left behind.
NODE_LABEL, BOOT_LABEL = "groundwork.grader.node", "groundwork.grader.boot"


def labels(config: GraderConfig) -> dict:
    return {"groundwork.grader": str(os.getpid()), NODE_LABEL: config.node, BOOT_LABEL: config.boot}


def remove_leftovers(node: str, boot: str, dead_nodes: set, client=None, min_age_s: float = 120) -> int:
    """Remove the sandbox containers of dead workers: this node's earlier starts (another boot id), and
    those of dead_nodes (workers of this site that stopped reporting) older than min_age_s. Containers
    of nodes this site does not know (another site on the same engine) are left alone. Returns how many."""
    client = client or docker.from_env()
    removed = 0
    for container in client.containers.list(all=True, filters={"label": NODE_LABEL}):
        their_node, their_boot = container.labels.get(NODE_LABEL, ""), container.labels.get(BOOT_LABEL, "")
        dead = (their_node == node and their_boot != boot) or (
            their_node in dead_nodes and their_node != node and _age_s(container.attrs.get("Created", "")) > min_age_s
        )
        if their_node and dead:  # no node: started outside a worker (a test, the benchmark), not ours to judge
            try:
                container.remove(force=True)
                removed += 1
            except docker.errors.APIError:
                pass  # already going
    return removed


def _age_s(created: str) -> float:
    """Seconds since Docker's "Created" time (RFC 3339 with nanoseconds)."""
    from datetime import UTC, datetime

    try:  # Python 3.11 reads at most microseconds: cut the nanoseconds
        when = datetime.fromisoformat(created[:26] + "+00:00" if "." in created else created)
    except ValueError:
        return 0.0
    return (datetime.now(UTC) - when).total_seconds()


def check_cpuset(cpuset: str, cores: int) -> None:
    """Docker refuses a container on cores the engine does not have, which would fail every job."""
    highest = max((int(n) for n in cpuset.replace("-", ",").split(",") if n), default=-1)
    if highest >= cores > 0:
        raise grader_config.ConfigError(f"GRADER_CPUSET={cpuset!r}: the Docker engine has cores 0 to {cores - 1} only")


class SandboxContainer:
    """One started container and the framed-message channel on its attached stdin/stdout."""

    def __init__(self, client, config: GraderConfig, gpu: bool):
        self.container = create_in_free_slot(client, config, gpu)
        self.sock = client.api.attach_socket(
            self.container.id, params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1}
        )
        self.raw: socket.socket = self.sock._sock
        self.container.start()
        self.out, self.err = bytearray(), bytearray()
        self.jobs_left = config.container_jobs
        self.ready = None

    def wait_ready(self, deadline: float) -> None:
        if self.ready is None:
            self.ready = self.recv(deadline)["ready"]

    def send(self, message: dict) -> None:
        self.raw.sendall(framing.frame(message))

    def recv(self, deadline: float) -> dict:
        while (message := framing.take_frame(self.out)) is None:
            self._read_frame(deadline)
        return message

    def _read_frame(self, deadline: float) -> None:
        """Docker multiplexes the container's stdout and stderr: 8-byte headers, then the payload."""
        header = self._read_exact(8, deadline)
        stream, size = header[0], struct.unpack(">I", header[4:])[0]
        payload = self._read_exact(size, deadline)
        (self.out if stream == 1 else self.err).extend(payload)
        del self.err[:-8000]

    def _read_exact(self, n: int, deadline: float) -> bytes:
        chunks = bytearray()
        while len(chunks) < n:
            if not select.select([self.raw], [], [], max(deadline - time.monotonic(), 0))[0]:
                raise TimeoutError
            chunk = self.raw.recv(n - len(chunks))
            if not chunk:
                raise EOFError("the container closed its output")
            chunks.extend(chunk)
        return bytes(chunks)

    def destroy(self) -> None:
        try:
            self.sock.close()
            self.container.remove(force=True)
        except docker.errors.APIError:
            pass


def create_in_free_slot(client, config: GraderConfig, gpu: bool):
    """Create a container named after the first free slot from a random start: Docker refuses a
    second container of one name (409), so a slot, and its uid range, is held by one container on
    the host at a time, whichever worker process made it, until that container is removed."""
    start = random.randrange(SLOTS)
    for step in range(SLOTS):
        slot = (start + step) % SLOTS
        try:
            return client.containers.create(config.image, **container_kwargs(config, gpu, slot))
        except docker.errors.APIError as e:
            if e.status_code != 409:
                raise
    raise RuntimeError(f"all {SLOTS} grader container slots are taken")


class Pool:
    """Warm containers of one kind (CPU or GPU), refilled by a background thread."""

    def __init__(self, client, config: GraderConfig, gpu: bool):
        self.client, self.config, self.gpu = client, config, gpu
        self.warm: queue.Queue = queue.Queue()
        self.starting = 0
        self.busy = 0  # taken and not yet given back
        self.lock = threading.Lock()
        self.wanted = threading.Event()
        self.last_take = time.monotonic()
        self.live: set = set()
        self.closed = False
        threading.Thread(target=self._fill, daemon=True).start()
        self.wanted.set()

    def take(self) -> SandboxContainer:
        """A warm container. In the modes that reuse containers, when every container of the pool is
        busy, wait for one to come back: its next job starts in milliseconds, a cold container
        costs seconds of the same CPUs."""
        self.last_take = time.monotonic()
        try:
            box = self.warm.get_nowait()
        except queue.Empty:
            if self.config.pool_mode != "fresh" and self.busy >= self.config.pool_size:
                box = self.warm.get(timeout=START_GRACE_S)
            else:
                box = self._start()  # cold: nothing was warm
        with self.lock:
            self.busy += 1
        self.wanted.set()
        try:
            box.wait_ready(time.monotonic() + START_GRACE_S)
        except BaseException:
            self.give_back(box, healthy=False)
            raise
        return box

    def give_back(self, box: SandboxContainer, healthy: bool) -> None:
        with self.lock:
            self.busy -= 1
        box.jobs_left -= 1
        if healthy and box.jobs_left > 0:
            self.warm.put(box)
        else:
            self._discard(box)
        self.wanted.set()

    def _missing(self) -> int:
        """Containers to start: in fresh mode a busy container never comes back; in the others it
        does, and counts as part of the pool."""
        busy = 0 if self.config.pool_mode == "fresh" else self.busy
        return self._target() - self.warm.qsize() - busy

    def _target(self) -> int:
        idle = time.monotonic() - self.last_take > self.config.pool_idle_s
        return min(1, self.config.pool_size) if idle else self.config.pool_size

    def _fill(self) -> None:
        while not self.closed:
            self.wanted.wait(timeout=self.config.pool_idle_s / 4)
            self.wanted.clear()
            while self.warm.qsize() > self._target():  # shrink when idle
                try:
                    self._discard(self.warm.get_nowait())
                except queue.Empty:
                    break
            while self._missing() > 0 and not self.closed:
                try:
                    box = self._start()
                    box.wait_ready(time.monotonic() + START_GRACE_S)
                except Exception:
                    time.sleep(1)  # the engine is busy or gone; try again on the next wake-up
                    break
                self.warm.put(box)

    def _start(self) -> SandboxContainer:
        box = SandboxContainer(self.client, self.config, self.gpu)
        with self.lock:
            self.live.add(box)
            closed = self.closed
        if closed:  # started while the pool was closing
            self._discard(box)
            raise RuntimeError("the sandbox pool is closed")
        return box

    def _discard(self, box: SandboxContainer) -> None:
        with self.lock:
            self.live.discard(box)
        threading.Thread(target=box.destroy, daemon=True).start()

    def close(self) -> None:
        with self.lock:
            self.closed = True
            boxes = list(self.live)
        self.wanted.set()
        for box in boxes:
            box.destroy()


class DockerBackend:
    name = "docker"

    def __init__(self, config: GraderConfig | None = None, **overrides):
        """config: current() by default; keyword arguments replace its fields (tests, the benchmark),
        None leaving a field as it is."""
        changes = {name: value for name, value in overrides.items() if value is not None}
        self.config = replace(config or grader_config.current(), **changes)
        seccomp_json(self.config.seccomp_profile)  # a bad profile stops the start, not the first job
        self.client = docker.from_env()
        check_cpuset(self.config.cpuset, self.client.info().get("NCPU", 0))  # at the start, not every job
        self.image_id = self.client.images.get(self.config.image).id
        self.pools = {False: Pool(self.client, self.config, gpu=False)}
        if self.config.gpus:
            self.pools[True] = Pool(self.client, self.config, gpu=True)
        atexit.register(self.close)

    def run(self, job: Job, on_progress=None) -> Result:
        """on_progress(dict), if given, is called before each test with {"done", "total", "name"}."""
        pool = self.pools.get(job.device == "cuda" and self.config.gpus, self.pools[False])
        return hand_over(
            job,
            pool.take,
            pool.give_back,
            lambda box: self.grader_id,
            on_progress,
            stderr=lambda box: bytes(box.err).decode(errors="replace"),
        )

    @property
    def grader_id(self) -> str:
        return f"docker {self.config.image} ({self.image_id[:19]})"

    def close(self) -> None:
        for pool in self.pools.values():
            pool.close()
