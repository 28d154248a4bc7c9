"""Verdicts a backend gives when the sandbox itself, not the learner's code, stops answering."""
from grader.protocol import Job, Result


def timed_out(job: Job, grader_id: str) -> Result:
    return Result("timeout", message=f"Stopped after {job.limits.wall_s:g} s (the grader gave up waiting).",
                  bundle_hash=job.bundle_hash, grader_id=grader_id, seed=job.seed)


def grader_failure(job: Job, grader_id: str, detail: str = "") -> Result:
    return Result("crashed", message="The grader stopped unexpectedly; this is not your fault. "
                  "Try again, and report it if it happens twice.", stderr=detail[-4000:],
                  bundle_hash=job.bundle_hash, grader_id=grader_id, seed=job.seed)
