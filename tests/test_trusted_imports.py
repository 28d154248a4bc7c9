"""The trusted side never imports from a place learner code can write (process backend, as root).

A learner's job writes a module named like every import the check side makes into every place it
can write; that job and the next ones in the same zygote import them all from check code, and a
planted module that runs in the checker leaves a mark. None may run.
"""

import os
import stat
from pathlib import Path

import pytest

from grader.backends.process import ProcessBackend
from grader.harness import CHECK_IMPORTS
from grader.protocol import Job, Limits

# Planted in the host's shared /tmp, /var/tmp and /dev/shm only under names nobody else imports, for
# the seconds the test runs; the docker test plants every name there (a container's own /tmp).
GRADER_ONLY = ["gpt", "tf", "tf_modules", "transformer_lens"]
# Everything check code, mutants, content/shared and the harness import, and names of shared check
# modules (gpt, tf_modules) an exercise may import without listing them.
PLANTED = sorted(
    {name.split(".")[0] for name in CHECK_IMPORTS}
    | {
        "torch",
        "einops",
        "hypothesis",
        "transformer_lens",
        "gpt",
        "tf",
        "tf_modules",
        "grader",
        "decimal",
        "fractions",
        "statistics",
        "difflib",
        "json",
        "base64",
        "struct",
    }
)
PLANT = """
import os, sys
MARK = {mark!r}
BODY = ("import os, sys\\n"
        "_c = sys.modules.get('grader.checks')\\n"
        "if _c is not None and _c._state.process is not None:\\n"
        "    open(os.path.join(%r, __name__ + '-' + str(os.getpid())), 'w').close()\\n") % MARK
places = {{os.getcwd(), os.path.dirname(os.getcwd()), os.environ.get("HOME", "")}} | {{p for p in sys.path if p}}
shared = ["/tmp", "/var/tmp", "/dev/shm"]  # the host's own: other people's Python may start there
planted = []
for place in sorted(p for p in places | set(shared) if p):
    for name in ({names!r} if place not in shared else {grader_only!r}):
        for path in (os.path.join(place, name + ".py"), os.path.join(place, name, "__init__.py")):
            try:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w") as f:
                    f.write(BODY)
                planted.append(path)
            except OSError:
                pass
print("planted in", sorted({{os.path.dirname(p) for p in planted}}))
{solution}
"""
SOLUTION = "def bmm(a, b):\n    return a @ b\n"
CHECK = """
import importlib
from grader.checks import test, learner, expect_tensor, rand

@test("imports everything a check may import, after the learner's code ran")
def imports():
    a, b = rand(2, 3, 4), rand(2, 4, 5)
    expect_tensor(learner.bmm(a, b), a @ b)
    for name in {names!r}:
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # not installed, or a shared module this exercise does not list: never a planted one
"""


@pytest.fixture
def mark_dir(tmp_path):
    mark = tmp_path / "marks"
    mark.mkdir()
    os.chmod(mark, stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)  # the learner's uid could write here too
    yield mark


def test_modules_planted_by_learner_code_never_run_in_the_checker(mark_dir):
    assert os.geteuid() == 0, "learners get uids of their own only when the grader runs as root"
    names = [n for n in PLANTED if n != "transformer_lens"]  # a minute to import here; planted all the same
    check = CHECK.format(names=names)
    backend = ProcessBackend(reuse_jobs=3)
    try:
        hostile = PLANT.format(mark=str(mark_dir), names=PLANTED, grader_only=GRADER_ONLY, solution=SOLUTION)
        for _ in range(3):  # the planting job, then later jobs in the same zygote
            result = backend.run(
                Job(code=hostile, bundle={"check.py": check}, entry_points=["bmm"], limits=Limits(wall_s=20), seed=1)
            )
            assert result.status == "passed", result
            assert "/tmp" in result.stdout and "/dev/shm" in result.stdout  # it did plant, where it could
            assert os.listdir(mark_dir) == []
    finally:
        backend.close()
    assert not [p for p in os.listdir("/tmp") if p in [n + ".py" for n in GRADER_ONLY]]  # its uids' files went


def test_the_zygote_runs_with_a_fixed_sys_path_and_environment():
    probe = (
        "import os, sys, json\n"
        "print(json.dumps({'path': sys.path, 'env': sorted(os.environ), 'uid': os.getuid(),\n"
        "                  'flags': [sys.flags.isolated, sys.flags.no_user_site]}))\n" + SOLUTION
    )
    check = (
        "from grader.checks import test, learner, rand\n"
        "@test('runs')\ndef runs():\n    learner.bmm(rand(1, 1), rand(1, 1))\n"
    )
    backend = ProcessBackend(reuse_jobs=1)
    try:
        result = backend.run(Job(code=probe, bundle={"check.py": check}, entry_points=["bmm"], seed=1))
    finally:
        backend.close()
    import json

    seen = json.loads(result.stdout)
    # Nothing in the shared temporary folders but this checkout itself, when it was cloned there (it is
    # root's, mode 755: no learner can write into it).
    repo = str(Path(__file__).resolve().parents[1])
    assert "" not in seen["path"] and not [
        p for p in seen["path"] if p.startswith(("/tmp", "/dev/shm", "/var/tmp")) and not p.startswith(repo)
    ]
    assert seen["flags"] == [1, 1]
    assert set(seen["env"]) <= {
        "PATH",
        "HOME",
        "LANG",
        "PYTHONDONTWRITEBYTECODE",
        "PYTHONUNBUFFERED",
        "OMP_NUM_THREADS",
        "MKL_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "GRADER_LEARNER_UIDS",
    }
    if os.geteuid() == 0:
        assert seen["uid"] >= 0x40000000


def test_a_folder_a_learner_could_write_into_is_not_trusted(tmp_path):
    from grader.trusted_path import writable_by_others

    mine = tmp_path / "checkout"  # under the sticky, world-writable /tmp, but ours and 755
    (mine / "pkg").mkdir(parents=True)
    os.chmod(mine, 0o755)
    os.chmod(mine / "pkg", 0o755)
    os.chmod(tmp_path, 0o755)
    assert not writable_by_others(str(mine / "pkg"))
    assert writable_by_others("/tmp") and writable_by_others("/tmp/not-made-yet")
    os.chmod(mine, 0o777)  # a learner could now swap pkg for a folder of its own
    assert writable_by_others(str(mine / "pkg"))
    os.chmod(mine, 0o755)
    os.chmod(mine / "pkg", 0o775)
    assert writable_by_others(str(mine / "pkg"))
