"""One job's own kernel view, made in the freshly forked learner process before it drops root.

In the docker backend's `isolated` mode the zygote keeps CAP_SYS_ADMIN (with SETUID, SETGID and
KILL). Each learner process, right after the fork and before any learner code:
1. leaves the container's mount and IPC namespaces (unshare CLONE_NEWNS | CLONE_NEWIPC),
2. makes every mount private, so nothing it mounts is seen by the container, and mounts a fresh,
   small tmpfs on /tmp and /dev/shm and a fresh mqueue on /dev/mqueue,
3. then becomes the job's uid (learner_process._become_learner), which clears all its capabilities:
   from then on mount and unshare fail with EPERM, and the seccomp profile refuses user namespaces.
Whatever the job writes or creates (files with any permissions, a full disk, SysV shared memory,
message queues, semaphores, POSIX queues) lives in those namespaces, which the kernel frees when the
job's last process is killed: there is nothing to clean up and nothing for the next job to find.
"""

import ctypes
import os

from grader import config

CLONE_NEWNS, CLONE_NEWIPC = 0x00020000, 0x08000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 0x2, 0x4, 0x8, 0x4000, 0x40000
UNSHARE_FLAGS = CLONE_NEWNS | CLONE_NEWIPC  # docker/grader-seccomp.json allows unshare with exactly these

# Each job's writable places. The tmpfs pages count against the container's memory limit and are
# freed with the job's mount namespace.
JOB_MOUNTS = (
    ("/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=64m,mode=1777"),
    ("/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=64m,mode=1777"),
    ("/dev/mqueue", "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, ""),
)

_libc = ctypes.CDLL(None, use_errno=True)


def enabled() -> bool:
    return config.sandbox().isolated  # GRADER_ISOLATION=namespaces, from the docker backend


def isolate_job() -> None:
    """Called as root in the new learner process (never in the zygote or the checker)."""
    _check(_libc.unshare(UNSHARE_FLAGS), "unshare")
    if _libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0 and _propagating_mounts():
        _check(-1, "make mounts private")
    for target, fstype, flags, options in JOB_MOUNTS:
        if fstype == "mqueue" and not os.path.isdir(target):
            continue  # gVisor has no /dev/mqueue: POSIX queues still belong to the new IPC namespace
        _check(
            _libc.mount(fstype.encode(), target.encode(), fstype.encode(), flags, options.encode() or None),
            f"mount {target}",
        )


def _propagating_mounts() -> bool:
    """Whether any mount still shares events with a peer. gVisor (runsc) refuses a propagation change
    with EINVAL; its mounts are private already, which mountinfo shows (no "shared:" tag)."""
    with open("/proc/self/mountinfo") as f:
        return any(" shared:" in line.split(" - ")[0] for line in f)


def _check(code: int, what: str) -> None:
    if code != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"job isolation: {what}: {os.strerror(errno)}")
