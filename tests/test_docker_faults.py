"""A sandbox container killed mid-job (OOM killer, an operator, docker restarting) is the grader's
failure, not the learner's: the result says so (grader_fault), so the worker retries it without
counting an attempt; and the next job is graded normally."""
import os
import threading
import time

import pytest

from grader.protocol import Job, Limits

pytestmark = pytest.mark.docker

CHECK = '''
from grader.checks import test, learner, expect_equal

@test("answers 42")
def answer():
    expect_equal(learner.answer(), 42)
'''
SLOW = "import time\ndef answer():\n    time.sleep(4)\n    return 42\n"
FAST = "def answer():\n    return 42\n"


def test_a_sandbox_killed_mid_job_is_a_grader_fault_and_the_next_job_passes(docker_image):
    import docker

    from grader.backends.docker import DockerBackend

    backend = DockerBackend(mode="fresh", pool_size=1)
    client = docker.from_env()
    try:
        assert backend.run(Job(code=FAST, bundle={"check.py": CHECK}, entry_points=["answer"])).status == "passed"

        def kill_soon():
            time.sleep(1.5)
            for container in client.containers.list(filters={"label": f"groundwork.grader={os.getpid()}"}):
                container.kill()

        threading.Thread(target=kill_soon).start()
        killed = backend.run(Job(code=SLOW, bundle={"check.py": CHECK}, entry_points=["answer"],
                                 limits=Limits(wall_s=10)))
        assert killed.status == "crashed" and killed.grader_fault and "not your fault" in killed.message
        again = backend.run(Job(code=FAST, bundle={"check.py": CHECK}, entry_points=["answer"]))
        assert again.status == "passed" and not again.grader_fault
    finally:
        backend.close()


def test_a_learners_own_crash_is_not_a_grader_fault(docker_image):
    from grader.backends.docker import DockerBackend

    backend = DockerBackend(mode="fresh", pool_size=1)
    try:
        code = "import os\ndef answer():\n    os._exit(3)\n"
        result = backend.run(Job(code=code, bundle={"check.py": CHECK}, entry_points=["answer"]))
        assert not result.grader_fault and result.status != "passed"
    finally:
        backend.close()
