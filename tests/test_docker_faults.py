"""A sandbox container killed mid-job (OOM killer, an operator, docker restarting) is the grader's
failure, not the learner's: the result says so (grader_fault), so the worker retries it without
counting an attempt; and the next job is graded normally."""

import pytest

from grader.protocol import Job, Limits

pytestmark = pytest.mark.docker

CHECK = """
from grader.checks import test, learner, expect_equal

@test("answers 42")
def answer():
    expect_equal(learner.answer(), 42)
"""
SLOW = "import time\ndef answer():\n    time.sleep(4)\n    return 42\n"
FAST = "def answer():\n    return 42\n"


def test_a_sandbox_killed_mid_job_is_a_grader_fault_and_the_next_job_passes(docker_image):
    from grader.backends.docker import DockerBackend

    backend = DockerBackend(pool_mode="fresh", pool_size=1)
    pool, taken = backend.pools[False], []
    take = pool.take

    def take_and_note():  # which sandbox took the job: that one is killed, not the warm one behind it
        taken.append(take())
        return taken[-1]

    pool.take = take_and_note
    try:
        assert backend.run(Job(code=FAST, bundle={"check.py": CHECK}, entry_points=["answer"])).status == "passed"

        killed_boxes = []

        def kill_once_running(progress):  # the sandbox reports a test starting: the job is in it, mid-way
            if not killed_boxes:
                killed_boxes.append(taken[-1])
                taken[-1].container.kill()

        killed = backend.run(
            Job(code=SLOW, bundle={"check.py": CHECK}, entry_points=["answer"], limits=Limits(wall_s=10)),
            on_progress=kill_once_running,
        )
        assert killed.status == "crashed" and killed.grader_fault and "not your fault" in killed.message
        again = backend.run(Job(code=FAST, bundle={"check.py": CHECK}, entry_points=["answer"]))
        assert again.status == "passed" and not again.grader_fault
    finally:
        backend.close()


def test_a_learners_own_crash_is_not_a_grader_fault(docker_image):
    from grader.backends.docker import DockerBackend

    backend = DockerBackend(pool_mode="fresh", pool_size=1)
    try:
        code = "import os\ndef answer():\n    os._exit(3)\n"
        result = backend.run(Job(code=code, bundle={"check.py": CHECK}, entry_points=["answer"]))
        assert not result.grader_fault and result.status != "passed"
    finally:
        backend.close()
