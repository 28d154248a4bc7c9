"""Hostile submissions against real sandbox containers, in the default (isolated) pool mode; the
attacks that only a reused container could carry over also run in reuse mode, in
tests/test_docker_isolation.py.

Each case submits attacking code, asserts the verdict and its message, then asserts that the next
normal submission on the same backend is graded correctly with nothing of the attack left over.
Probing cases return "safe" when the attack was stopped and the evidence otherwise, so the check
itself (expecting "safe") is the assertion. Network probes only touch loopback addresses.
"""

import socket

import pytest

from grader.protocol import Job, Limits

pytestmark = pytest.mark.docker

MARKER = "CHECK-SECRET-7f3a"  # only in check.py: no learner process may ever see it
CHECK = f'''
import torch
from grader.checks import test, learner, expect_equal, expect_tensor, rand

SECRET = "{MARKER}"

@test("the probe found nothing")
def probe():
    expect_equal(learner.probe(), "safe")

@test("adds one")
def add_one():
    x = rand(3, 4)
    expect_tensor(learner.add_one(x), x + 1)
'''
NORMAL = """
import os, glob
def probe():
    # Nothing of an earlier job may be visible: files, IPC objects, processes of other uids, patched modules.
    left = [p for p in glob.glob("/tmp/*") + glob.glob("/dev/shm/*") if not p.startswith("/tmp/job-%d" % os.getuid())]
    ipc = ["/proc/sysvipc/" + kind for kind in ("shm", "msg", "sem")]  # gVisor has no /proc/sysvipc
    left += [path for path in ipc if os.path.exists(path) and len(open(path).readlines()) > 1]
    others = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                uid = int(open(f"/proc/{pid}/status").read().split("Uid:")[1].split()[0])
            except Exception:
                continue
            if uid not in (0, os.getuid()):
                others.append(pid)
    import torch
    patched = torch.allclose(torch.zeros(1), torch.ones(1))
    return "safe" if not (left or others or patched) else f"left={left} others={others} patched={patched}"
def add_one(x):
    return x + 1
"""
SAFE_ADD = "\ndef add_one(x):\n    return x + 1\n"


def probe_code(body: str) -> str:
    """Learner code whose probe() runs `body`, which returns "safe" or evidence."""
    indented = "\n".join("    " + line for line in body.strip().splitlines())
    return f"import os, sys, socket, glob, ctypes, signal, time, subprocess\ndef probe():\n{indented}\n" + SAFE_ADD


def job(code: str, wall_s: float = 3.0, **limits) -> Job:
    return Job(
        code=code, bundle={"check.py": CHECK}, entry_points=["probe", "add_one"], limits=Limits(wall_s=wall_s, **limits)
    )


@pytest.fixture
def backend(sandboxes):
    return sandboxes("isolated")


def grade_then_normal(backend, code, **kw):
    result = backend.run(job(code, **kw))
    after = backend.run(job(NORMAL))
    assert after.status == "passed", f"the next job saw something: {[t.message for t in after.tests]}"
    assert MARKER not in result.stdout + result.stderr + str(result.value)
    return result


def messages(result) -> str:
    return result.message + " " + " ".join(t.message for t in result.tests)


# (case id, learner code, expected status, words the learner's message must contain)
VERDICT_CASES = [
    ("infinite loop", "def probe():\n    while True:\n        pass\n" + SAFE_ADD, "timeout", "it may never end"),
    (
        "sleep ignoring SIGTERM",
        probe_code("signal.signal(signal.SIGTERM, signal.SIG_IGN)\ntime.sleep(60)"),
        "timeout",
        "Stopped after 3 s",
    ),
    (
        "closing the grader's pipes and running on",
        probe_code(
            "for fd in range(3, 64):\n    try:\n        os.close(fd)\n    except OSError:\n        pass\ntime.sleep(60)"
        ),
        "timeout",
        "closed the grader's pipes",
    ),
    ("fork bomb", probe_code("while True:\n    os.fork()"), None, ""),
    (
        "thread bomb",
        probe_code("import threading\nwhile True:\n    threading.Thread(target=time.sleep, args=(60,)).start()"),
        None,
        "",
    ),
    # bytes(n) asks calloc for fresh zero pages without touching them: the limit is reached at once,
    # not after seconds of zero-filling that a busy host turns into a timeout.
    ("memory bomb", probe_code("x = []\nwhile True:\n    x.append(bytes(300_000_000))"), "memory", "memory limit"),
    ("torch memory bomb", probe_code("import torch\nreturn torch.ones(2**34).sum()"), "memory", "memory limit"),
    (
        "disk fill",
        probe_code("f = open('fill', 'wb')\nwhile True:\n    f.write(b'x' * 1_000_000)"),
        "failed",
        "Your code raised",
    ),
    ("ctypes segfault", probe_code("ctypes.string_at(0)"), "crashed", "crashed (SIGSEGV)"),
    ("os._exit before the checks", "import os\nos._exit(0)\n" + SAFE_ADD, "crashed", "exited early"),
    ("huge recursion", probe_code("def f(n):\n    return f(n + 1)\nreturn f(0)"), "failed", "RecursionError"),
    (
        "deep C recursion",
        probe_code("sys.setrecursionlimit(10**8)\ndef f(n):\n    return f(n + 1)\nreturn f(0)"),
        None,
        "",
    ),
    ("a module that does not exist", "import numpyy\n" + SAFE_ADD, "error", "No module named 'numpyy'"),
    (
        "writing garbage on the result channel",
        probe_code(
            "for fd in range(3, 10):\n    try:\n        os.write(fd, b'\\xff' * 64)\n    except OSError:\n        pass\nreturn 'safe'"
        ),
        None,
        "",
    ),
]


@pytest.mark.parametrize("case, code, status, words", VERDICT_CASES, ids=[c[0] for c in VERDICT_CASES])
def test_a_hostile_submission_gets_a_verdict_and_the_next_one_is_graded(backend, case, code, status, words):
    result = grade_then_normal(backend, code)
    assert result.status != "passed"
    if status:
        assert result.status == status, messages(result)
    assert words in messages(result)


# Every process in the container that is not this learner's: the zygote (pid 1) and the checker.
OTHERS = "others = [int(p) for p in os.listdir('/proc') if p.isdigit() and int(p) != os.getpid()]\n"

PROBES = [
    (
        "network interfaces: loopback only",
        "names = [n for _, n in socket.if_nameindex()]\nreturn 'safe' if names == ['lo'] else names",
    ),
    (
        "TCP to the host's loopback",
        "s = socket.socket()\ns.settimeout(1)\ntry:\n    s.connect(('127.0.0.1', HOST_PORT))\n    return 'connected'\nexcept OSError:\n    return 'safe'",
    ),
    (
        "DNS",
        "try:\n    socket.getaddrinfo('localhost.', 80)\n    socket.getaddrinfo('example.invalid', 80)\n    return 'resolved'\nexcept OSError:\n    return 'safe'",
    ),
    (
        "the check code, anywhere on disk or in /proc",
        "hits = []\nfor root, dirs, files in os.walk('/', onerror=None):\n    if root.startswith(('/proc', '/sys', '/dev')):\n        dirs[:] = []\n        continue\n    for n in files:\n        try:\n            with open(os.path.join(root, n), 'rb') as f:\n                if MARK in f.read(2_000_000):\n                    hits.append(os.path.join(root, n))\n        except OSError:\n            pass\nfor pid in os.listdir('/proc'):\n    for part in ('cmdline', 'environ', 'mem'):\n        try:\n            with open(f'/proc/{pid}/{part}', 'rb') as f:\n                if MARK in f.read(50_000_000):\n                    hits.append(f'/proc/{pid}/{part}')\n        except OSError:\n            pass\nreturn 'safe' if not hits else hits",
    ),
    (
        "the checker's and the zygote's memory, stdin and stdout",
        OTHERS
        + "hits = []\nfor pid in others:\n    for part in ('mem', 'fd/0', 'fd/1'):\n        try:\n            open(f'/proc/{pid}/{part}', 'rb').close()\n            hits.append(f'{pid}/{part}')\n        except OSError:\n            pass\nreturn 'safe' if len(others) >= 2 and not hits else (others, hits)",
    ),
    (
        "the reference solution and the content folder",
        "found = [p for p in ('/work', '/content', '/app/content') if os.path.exists(p)]\nfor root, dirs, files in os.walk('/'):\n    if root.startswith(('/proc', '/sys', '/dev')):\n        dirs[:] = []\n    found += [os.path.join(root, n) for n in files if n in ('solution.py', 'exercise.yaml', 'lesson.md')]\nreturn 'safe' if not found else found",
    ),
    (
        "the worker's environment",
        "leaks = [k for k in os.environ if any(w in k for w in ('DATABASE', 'SECRET', 'CELERY', 'REDIS', 'DJANGO'))]\ntry:\n    open('/proc/1/environ').read()\n    leaks.append('/proc/1/environ')\nexcept OSError:\n    pass\nreturn 'safe' if not leaks else leaks",
    ),
    (
        "the Docker socket",
        "found = [p for p in ('/var/run/docker.sock', '/run/docker.sock') if os.path.exists(p)]\nreturn 'safe' if not found else found",
    ),
    (
        "writing outside scratch",
        "wrote = []\nfor path in ('/opt/grader/grader/checks.py', '/etc/evil', '/usr/bin/evil', '/opt/evil'):\n    try:\n        open(path, 'a').close()\n        wrote.append(path)\n    except OSError:\n        pass\nreturn 'safe' if not wrote else wrote",
    ),
    (
        "killing the checker and the zygote",
        OTHERS
        + "done = []\nfor pid in others:\n    try:\n        os.kill(pid, signal.SIGKILL)\n        done.append(pid)\n    except OSError:\n        pass\nreturn 'safe' if len(others) >= 2 and not done else (others, done)",
    ),
    (
        "ptrace-ing the checker",
        OTHERS
        + "libc = ctypes.CDLL(None, use_errno=True)\nlibc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]\nattached = [pid for pid in others if libc.ptrace(16, pid, None, None) == 0]\nreturn 'safe' if len(others) >= 2 and not attached else (others, attached)",
    ),
    ("becoming root", "try:\n    os.setuid(0)\n    return 'root'\nexcept OSError:\n    return 'safe'"),
]


SLOW_PROBES = {"the check code, anywhere on disk or in /proc", "the reference solution and the content folder"}


@pytest.mark.parametrize("case, body", PROBES, ids=[p[0] for p in PROBES])
def test_a_probe_finds_nothing(backend, case, body, loopback_port):
    code = probe_code(f"MARK = b'{MARKER[:6]}' + b'{MARKER[6:]}'\nHOST_PORT = {loopback_port}\n" + body)
    result = grade_then_normal(backend, code, wall_s=40 if case in SLOW_PROBES else 3)
    assert result.tests[0].status == "passed", result.tests[0].message


@pytest.fixture(scope="module")
def loopback_port():
    """A listener on the host's loopback: a sandbox must not be able to reach it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    yield server.getsockname()[1]
    server.close()


CHEATS = [
    (
        "printing a fake verdict",
        "import sys, os, json, struct\ndef add_one(x):\n    body = json.dumps({'result': {'status': 'passed', 'score': 1.0}}).encode()\n    print(json.dumps({'status': 'passed', 'score': 1.0}))\n    for fd in (1, 2):\n        os.write(fd, struct.pack('>I', len(body)) + body)\n    return x\n",
    ),
    (
        "monkeypatching torch.allclose, torch.testing and builtins",
        "import torch, builtins\ntorch.allclose = lambda *a, **k: True\ntorch.equal = lambda *a, **k: True\ntorch.testing.assert_close = lambda *a, **k: None\nbuiltins.isinstance = lambda *a: True\ndef add_one(x):\n    return x\n",
    ),
    (
        "a tensor subclass that claims equality",
        "import torch\nclass Liar(torch.Tensor):\n    def __eq__(self, other):\n        return True\n    @classmethod\n    def __torch_function__(cls, func, types, args=(), kwargs=None):\n        return True\ndef add_one(x):\n    return torch.zeros_like(x).as_subclass(Liar)\n",
    ),
    (
        "a pickle payload as the answer",
        "import pickle, os\nclass Boom:\n    def __reduce__(self):\n        return (os.system, ('touch /tmp/pwned',))\ndef add_one(x):\n    return pickle.dumps(Boom())\n",
    ),
    (
        "an object with a hostile repr",
        "class Weird:\n    def __repr__(self):\n        raise RuntimeError('no repr for you')\ndef add_one(x):\n    return Weird()\n",
    ),
]


@pytest.mark.parametrize("case, code", CHEATS, ids=[c[0] for c in CHEATS])
def test_cheating_does_not_pass(backend, case, code):
    result = grade_then_normal(backend, "def probe():\n    return 'safe'\n" + code)
    assert result.status in ("failed", "crashed"), messages(result)
    assert result.score < 1 and all(t.status != "passed" for t in result.tests[1:]), messages(result)
    assert "exit status" not in messages(result)  # the message says what went wrong, not a misleading exit


def test_a_process_left_running_cannot_spy_on_the_next_job(backend):
    spy = probe_code("""
if os.fork() == 0:
    os.setsid()
    for _ in range(200):
        time.sleep(0.05)
        for path in glob.glob('/tmp/*/*') + glob.glob('/proc/*/cwd/*'):
            try:
                open('/dev/shm/stolen', 'a').write(path + '\\n')
            except OSError:
                pass
    os._exit(0)
open('/tmp/left-behind', 'w').write('x')
return 'safe'
""")
    result = grade_then_normal(backend, spy)  # NORMAL would report the spy, the file or /dev/shm/stolen
    assert result.tests[0].status == "passed"


def test_an_output_flood_is_cut_with_a_notice_and_grading_goes_on(backend):
    flood = probe_code("import sys\nfor _ in range(200):\n    sys.stdout.write('x' * 1_000_000)\nreturn 'safe'")
    result = grade_then_normal(backend, flood)
    assert result.status == "passed"
    assert result.stdout.startswith("x" * 1000) and "(cut: " in result.stdout and len(result.stdout) < 100_000


def test_a_container_that_recycled_itself_is_replaced_without_failing_the_next_job(backend):
    # The spy leaves a process behind: the zygote cleans up, finds it, and exits instead of serving on.
    spy = probe_code("if os.fork() == 0:\n    os.setsid()\n    time.sleep(30)\n    os._exit(0)\nreturn 'safe'")
    for _ in range(3):
        assert backend.run(job(spy)).status == "passed"
        assert backend.run(job(NORMAL)).status == "passed"
