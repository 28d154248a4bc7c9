#!/usr/bin/env python3
"""Writes docker/grader-seccomp.json, the seccomp profile of every grader container.

Start: the system calls Docker's default profile allows to a container without extra capabilities
(moby's profiles/seccomp/default.json, https://github.com/moby/moby/tree/master/profiles/seccomp;
listed below from its documented allow-list, since it is not at hand offline). Then:
- take out what grading never needs and what has a history of kernel exploits (REMOVED);
- the isolated pool mode's zygote needs unshare and mount once per job (grader/isolation.py): allow
  unshare only with CLONE_NEWNS | CLONE_NEWIPC, and mount/umount2 (the kernel still asks for
  CAP_SYS_ADMIN, which the learner never holds: it drops every capability with root);
- clone only without namespace flags, and clone3 answers ENOSYS (its flags sit behind a pointer
  seccomp cannot read; the C library then falls back to clone), as Docker does: so no process in
  the container, the zygote included, can make a user namespace and get capabilities back in it.
Usage: python3 docker/make-seccomp-profile.py [--check]  (--check: fail if the file is stale)
"""

import json
import sys
from pathlib import Path

OUT = Path(__file__).with_name("grader-seccomp.json")

# Docker's default allow-list (no capability needed), grouped by what the calls are for.
DOCKER_DEFAULT = """
accept accept4 bind connect getpeername getsockname getsockopt listen recv recvfrom recvmmsg recvmmsg_time64
recvmsg send sendmmsg sendmsg sendto setsockopt shutdown socketcall socketpair
access chdir chmod chown chown32 close close_range copy_file_range creat dup dup2 dup3 faccessat faccessat2
fadvise64 fadvise64_64 fallocate fchdir fchmod fchmodat fchown fchown32 fchownat fcntl fcntl64 fdatasync flock
fstat fstat64 fstatat64 fstatfs fstatfs64 fsync ftruncate ftruncate64 futimesat getcwd getdents getdents64
lchown lchown32 link linkat _llseek lseek lstat lstat64 mkdir mkdirat mknod mknodat newfstatat open openat
openat2 pread64 preadv preadv2 pwrite64 pwritev pwritev2 read readahead readlink readlinkat readv rename
renameat renameat2 rmdir sendfile sendfile64 splice stat stat64 statfs statfs64 statx symlink symlinkat sync
sync_file_range syncfs tee truncate truncate64 umask unlink unlinkat utime utimensat utimensat_time64 utimes
vmsplice write writev
fgetxattr flistxattr fremovexattr fsetxattr getxattr lgetxattr listxattr llistxattr lremovexattr lsetxattr
removexattr setxattr
fanotify_mark inotify_add_watch inotify_init inotify_init1 inotify_rm_watch name_to_handle_at
epoll_create epoll_create1 epoll_ctl epoll_ctl_old epoll_pwait epoll_pwait2 epoll_wait epoll_wait_old eventfd
eventfd2 _newselect pause poll ppoll ppoll_time64 pselect6 pselect6_time64 select signalfd signalfd4
timerfd_create timerfd_gettime timerfd_gettime64 timerfd_settime timerfd_settime64
io_cancel io_destroy io_getevents io_pgetevents io_pgetevents_time64 io_setup io_submit
io_uring_enter io_uring_register io_uring_setup
brk madvise membarrier memfd_create memfd_secret mincore mlock mlock2 mlockall mmap mmap2 mprotect mremap msync
munlock munlockall munmap pkey_alloc pkey_free pkey_mprotect remap_file_pages
ipc mq_getsetattr mq_notify mq_open mq_timedreceive mq_timedreceive_time64 mq_timedsend mq_timedsend_time64
mq_unlink msgctl msgget msgrcv msgsnd semctl semget semop semtimedop semtimedop_time64 shmat shmctl shmdt shmget
pipe pipe2 execve execveat exit exit_group fork vfork wait4 waitid waitpid kill tgkill tkill pidfd_open
pidfd_send_signal
rt_sigaction rt_sigpending rt_sigprocmask rt_sigqueueinfo rt_sigreturn rt_sigsuspend rt_sigtimedwait
rt_sigtimedwait_time64 rt_tgsigqueueinfo sigaltstack sigprocmask sigreturn restart_syscall
capget capset getegid getegid32 geteuid geteuid32 getgid getgid32 getgroups getgroups32 getresgid getresgid32
getresuid getresuid32 getuid getuid32 setfsgid setfsgid32 setfsuid setfsuid32 setgid setgid32 setgroups
setgroups32 setregid setregid32 setresgid setresgid32 setresuid setresuid32 setreuid setreuid32 setuid setuid32
getpgid getpgrp getpid getppid getsid gettid setpgid setsid set_tid_address get_robust_list set_robust_list
get_thread_area set_thread_area rseq futex futex_time64 futex_waitv
getitimer setitimer alarm nanosleep clock_nanosleep clock_nanosleep_time64 clock_getres clock_getres_time64
clock_gettime clock_gettime64 clock_adjtime clock_adjtime64 adjtimex gettimeofday time times timer_create
timer_delete timer_getoverrun timer_gettime timer_gettime64 timer_settime timer_settime64
getcpu getpriority setpriority getrandom getrlimit setrlimit prlimit64 ugetrlimit getrusage sysinfo uname
ioprio_get ioprio_set sched_getaffinity sched_getattr sched_getparam sched_get_priority_max
sched_get_priority_min sched_getscheduler sched_rr_get_interval sched_rr_get_interval_time64 sched_setaffinity
sched_setattr sched_setparam sched_setscheduler sched_yield
ioctl prctl seccomp process_mrelease landlock_add_rule landlock_create_ruleset landlock_restrict_self
"""

# Never needed to grade an exercise. io_uring: its own path into the kernel, outside most seccomp and
# LSM checks, and the source of many escapes. The rest: tracing and reading other processes, kernel
# keyrings, file handles that bypass paths, asynchronous and page-remapping calls no check uses.
REMOVED = {
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "process_madvise",
    "kcmp",
    "pidfd_getfd",
    "add_key",
    "keyctl",
    "request_key",
    "bpf",
    "perf_event_open",
    "userfaultfd",
    "name_to_handle_at",
    "open_by_handle_at",
    "fanotify_init",
    "fanotify_mark",
    "io_setup",
    "io_submit",
    "io_cancel",
    "io_destroy",
    "io_getevents",
    "io_pgetevents",
    "io_pgetevents_time64",
    "remap_file_pages",
    "vmsplice",
    "memfd_secret",
    "landlock_add_rule",
    "landlock_create_ruleset",
    "landlock_restrict_self",
    "epoll_ctl_old",
    "epoll_wait_old",
}

CLONE_NEWNS, CLONE_NEWIPC = 0x00020000, 0x08000000
NAMESPACE_FLAGS = 0x7E020000  # CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET


def profile() -> dict:
    allowed = sorted(set(DOCKER_DEFAULT.split()) - REMOVED)
    return {
        "defaultAction": "SCMP_ACT_ERRNO",
        "defaultErrnoRet": 1,  # EPERM
        "archMap": [
            {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
            {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]},
        ],
        "syscalls": [
            {"names": allowed, "action": "SCMP_ACT_ALLOW"},
            {"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [arg(0, 40, "SCMP_CMP_NE")]},  # no AF_VSOCK
            *(
                {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [arg(0, value, "SCMP_CMP_EQ")]}
                for value in (0, 8, 0x20000, 0x20008, 0xFFFFFFFF)
            ),  # the harmless personalities, as Docker
            {
                "names": ["arch_prctl", "modify_ldt"],
                "action": "SCMP_ACT_ALLOW",
                "includes": {"arches": ["amd64", "x32"]},
            },
            {"names": ["clone"], "action": "SCMP_ACT_ALLOW", "args": [arg(0, NAMESPACE_FLAGS, "SCMP_CMP_MASKED_EQ")]},
            {"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38},  # ENOSYS: fall back to clone
            {
                "names": ["unshare"],
                "action": "SCMP_ACT_ALLOW",
                "args": [arg(0, CLONE_NEWNS | CLONE_NEWIPC, "SCMP_CMP_EQ")],
            },
            {"names": ["mount"], "action": "SCMP_ACT_ALLOW"},
        ],
    }


def arg(index: int, value: int, op: str) -> dict:
    entry = {"index": index, "value": value, "op": op}
    if op == "SCMP_CMP_MASKED_EQ":
        entry["valueTwo"] = 0  # (arg & value) == 0
    return entry


def main() -> int:
    text = json.dumps(profile(), indent=1) + "\n"
    if "--check" in sys.argv:
        if OUT.read_text() != text:
            print(f"{OUT} is stale: run python3 docker/make-seccomp-profile.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text)
    print(f"wrote {OUT} ({len(profile()['syscalls'][0]['names'])} calls allowed outright)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
