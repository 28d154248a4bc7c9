"""What one job can leave for the next, or take from a concurrent one, in a warm container.

The attacks of issue 13 (escapes 2, 3, 4, 5 and 9), each against real containers: in the isolated
mode (the default: every job has its own mount and IPC namespaces and a fresh tmpfs) and, where a
reused container could carry something over, in the reuse mode too (clean-up, then a health check
that recycles the container when anything is left). Each probe returns "safe" or the evidence.
"""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.test_docker_hostile import grade_then_normal, job, messages, probe_code

pytestmark = pytest.mark.docker


@pytest.fixture(params=["isolated", "reuse"])
def backend(request, sandboxes):
    return sandboxes(request.param)


@pytest.fixture
def isolated(sandboxes):
    return sandboxes("isolated")


def graded(backend, code, wall_s=3.0):
    result = backend.run(job(code, wall_s=wall_s))
    assert result.tests and result.tests[0].status == "passed", messages(result)
    return result


# Escape 2: a folder whose owner took its own permissions away survived the clean-up, and the module
# planted in it ran in the next learner's job.
LOCKED_FOLDER = probe_code("""
os.makedirs('/tmp/trap/inner')
open('/tmp/trap/inner/planted.py', 'w').write('print("planted")')
os.makedirs('/dev/shm/trap')
for path in ('/tmp/trap/inner', '/tmp/trap', '/dev/shm/trap'):
    os.chmod(path, 0)
return 'safe'
""")

# Escape 3: the scratch tmpfs left full, and the next jobs' scratch folders made by this job's uid.
FULL_DISK_AND_PLANTED_SCRATCH = probe_code("""
me = os.getuid()
for uid in range(me + 1, me + 64):
    os.makedirs(f'/tmp/job-{uid}', exist_ok=True)
    open(f'/tmp/job-{uid}/planted.py', 'w').write('x')
    os.chmod(f'/tmp/job-{uid}', 0o777)
os.makedirs('/tmp/hold')
try:
    for i in range(20):
        with open(f'/tmp/hold/fill-{i}', 'wb') as f:
            for _ in range(8):
                f.write(b'x' * 1_000_000)
    return 'the scratch tmpfs never filled up'
except OSError:
    pass
os.chmod('/tmp/hold', 0)
return 'safe'
""")

# What the next job needs: its own empty scratch folder, and room for 20 MB in it.
ROOMY_SCRATCH = probe_code("""
here = os.getcwd()
if os.stat(here).st_uid != os.getuid() or os.listdir(here):
    return f'scratch {here} is not ours or not empty: {os.listdir(here)}'
for name in ('big-1', 'big-2'):  # each under the job's 16 MB file-size limit
    with open(name, 'wb') as f:
        for _ in range(10):
            f.write(b'x' * 1_000_000)
return 'safe'
""")

# Escape 4: System V shared memory and a message queue outlived the job (and charged its memory).
IPC_LEFT_BEHIND = probe_code("""
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
shm = libc.shmget(0x5EC, 200_000_000, 0o1666)
if shm < 0:
    return f'shmget failed: {ctypes.get_errno()}'
ctypes.memset(libc.shmat(shm, None, 0), 1, 200_000_000)  # charged to the container's memory
queue = libc.msgget(0x5ED, 0o1666)
class Message(ctypes.Structure):
    _fields_ = [('kind', ctypes.c_long), ('text', ctypes.c_char * 64)]
if queue < 0 or libc.msgsnd(queue, ctypes.byref(Message(1, b'left for the next job')), 64, 0) != 0:
    return f'msgget or msgsnd failed: {ctypes.get_errno()}'
return 'safe'
""")

IPC_FOUND = probe_code("""
libc = ctypes.CDLL(None, use_errno=True)
ipc = ['/proc/sysvipc/' + kind for kind in ('shm', 'msg', 'sem')]  # gVisor has no /proc/sysvipc
found = [path for path in ipc if os.path.exists(path) and len(open(path).readlines()) > 1]
if libc.shmget(0x5EC, 0, 0) >= 0 or libc.msgget(0x5ED, 0) >= 0:
    found.append('opened by key')
return 'safe' if not found else found
""")


def test_a_folder_made_unremovable_does_not_survive_the_job(backend):
    graded(backend, LOCKED_FOLDER)
    grade_then_normal(backend, probe_code("return 'safe'"))  # NORMAL lists /tmp and /dev/shm


def test_a_full_disk_and_planted_scratch_folders_do_not_reach_the_next_job(backend):
    graded(backend, FULL_DISK_AND_PLANTED_SCRATCH, wall_s=10)
    for _ in range(2):  # whichever container takes them
        graded(backend, ROOMY_SCRATCH)


def test_ipc_objects_do_not_outlive_the_job(backend):
    graded(backend, IPC_LEFT_BEHIND, wall_s=10)
    for _ in range(2):
        graded(backend, IPC_FOUND)


# Escape 5: the kernel counts processes per uid across containers. One job holds 55 processes while
# a concurrent job, in the other warm container, starts 20: both fit their limit (64) only if the
# two jobs have different uids.
HOLDER = probe_code("""
for _ in range(55):
    if os.fork() == 0:
        time.sleep(14)
        os._exit(0)
time.sleep(12)
return 'safe'
""")
STARTER = probe_code("""
pids = []
try:
    for _ in range(20):
        pid = os.fork()
        if pid == 0:
            time.sleep(0.5)
            os._exit(0)
        pids.append(pid)
except OSError as e:
    return f'could start only {len(pids)} of 20 processes: {e}'
for pid in pids:
    os.waitpid(pid, 0)
return 'safe'
""")


@pytest.mark.parametrize("mode", ["isolated", "fresh"])
def test_a_job_holding_many_processes_does_not_starve_a_concurrent_job(mode, docker_image):
    from grader.backends.docker import DockerBackend

    backend = DockerBackend(image=docker_image, pool_mode=mode, pool_size=2, reuse_jobs=20)
    try:
        pool = backend.pools[False]
        deadline = time.monotonic() + 120
        while pool.warm.qsize() < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        with ThreadPoolExecutor(2) as threads:
            holder = threads.submit(backend.run, job(HOLDER, wall_s=20))
            time.sleep(5)  # the holder's processes are running (forking 55 takes a while on a busy host)
            starter = backend.run(job(STARTER, wall_s=20))
            assert starter.tests[0].status == "passed", messages(starter)
            assert holder.result().tests[0].status == "passed", messages(holder.result())
    finally:
        backend.close()


# Escape 9, and what isolation leaves the learner: no capability, no mount, no namespace of its own.
KERNEL_PROBES = [
    (
        "io_uring_setup is refused",
        """
libc = ctypes.CDLL(None, use_errno=True)
fd = libc.syscall(425, 8, ctypes.create_string_buffer(120))
return 'safe' if fd < 0 and ctypes.get_errno() in (1, 38) else f'io_uring_setup: {fd}, errno {ctypes.get_errno()}'
""",
    ),
    (
        "no capabilities",
        """
caps = {l.split(':')[0]: l.split()[1] for l in open('/proc/self/status') if l.startswith('Cap')}
return 'safe' if int(caps['CapEff'], 16) == 0 and int(caps['CapPrm'], 16) == 0 else caps
""",
    ),
    (
        "no mount, unshare or user namespace",
        """
libc = ctypes.CDLL(None, use_errno=True)
done = []
if libc.mount(b'tmpfs', b'/tmp', b'tmpfs', 0, None) == 0:
    done.append('mount')
for name, flags in (('mount ns', 0x20000), ('ipc ns', 0x08000000), ('both', 0x08020000), ('user ns', 0x10000000),
                    ('user and mount ns', 0x10020000)):
    if libc.unshare(flags) == 0:
        done.append(name)
return 'safe' if not done else done
""",
    ),
]


@pytest.mark.parametrize("case, body", KERNEL_PROBES, ids=[p[0] for p in KERNEL_PROBES])
def test_the_learner_cannot_reach_the_kernel_past_its_sandbox(isolated, case, body):
    graded(isolated, probe_code(body))
