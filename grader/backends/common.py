"""What both backends share: how long the checker may take, handing a job to a sandbox (retrying
when the sandbox was gone before reading it), the verdicts a backend gives when the sandbox itself
stops answering, and the checker's notes for the worker's log."""

import logging
import time

from grader import preimport
from grader.protocol import CPU_WAIT_ALLOWANCE, SANDBOX_REUSABLE_AFTER, Job, Limits, Result

log = logging.getLogger("grader")

# After the job is handed over, the checker answers within the learner's wall time plus this, or the
# backend stops waiting and kills the sandbox: a learner cannot hold the checker longer, whatever its
# code returns or prints (the checker stops itself a little earlier: harness.CHECKER_OVERTIME_S).
CHECKER_GRACE_S = 5.0
START_GRACE_S = 60  # a cold sandbox: start, import torch, warm up (before any job is handed over)
TRIES = 5  # sandboxes that may turn out to have gone before one reads the job


def job_deadline(job: Job, handed: float) -> float:
    # Heavy imports (TransformerLens) are prepared before the learner's clock starts: not charged to it.
    return handed + longest_run_s(job.limits) + preimport.allowance(job)


def longest_run_s(limits: Limits) -> float:
    """The learner's wall time, what waiting for a busy CPU may add to it, and the checks' grace."""
    return limits.wall_s * (1 + CPU_WAIT_ALLOWANCE) + CHECKER_GRACE_S


def timed_out(job: Job, grader_id: str) -> Result:
    return Result(
        "timeout",
        message=f"Stopped after {longest_run_s(job.limits):g} s: your code, or "
        f"checking what it returned, ran past the time limit ({job.limits.wall_s:g} s, plus "
        f"{CHECKER_GRACE_S:g} s for the checks and any time spent waiting for a busy CPU). Look for "
        "a loop that never ends, or a very large or deeply nested return value.",
        bundle_hash=job.bundle_hash,
        grader_id=grader_id,
        seed=job.seed,
    )


def grader_failure(job: Job, grader_id: str, detail: str = "") -> Result:
    return Result(
        "crashed",
        message="The grader stopped unexpectedly; this is not your fault. "
        "Try again, and report it if it happens twice.",
        stderr=detail[-4000:],
        bundle_hash=job.bundle_hash,
        grader_id=grader_id,
        seed=job.seed,
        grader_fault=True,
    )


def log_check_notes(reply: dict, job: Job) -> None:
    """Check tracebacks stay out of results (they quote check.py); the operator finds them here."""
    notes = reply.get("log") if isinstance(reply, dict) else None
    for note in notes if isinstance(notes, list) else []:
        log.warning("a check raised (bundle %s, seed %s): %s", job.bundle_hash[:12], job.seed, str(note)[-8000:])


def receive(recv, on_progress=None) -> dict:
    """The sandbox's answer to a job: progress frames ({"progress": ...}, sent before each test when
    the job asked for them) go to on_progress; the first other frame (result or bye) is returned."""
    while True:
        reply = recv()
        if not (isinstance(reply, dict) and "progress" in reply):
            return reply
        if on_progress is not None and isinstance(reply["progress"], dict):
            try:
                on_progress(reply["progress"])
            except Exception:
                log.exception("a progress callback failed")


def hand_over(job: Job, take, give_back, grader_id, on_progress=None, stderr=None) -> Result:
    """Run the job in a sandbox and return its verdict; never raises for what the learner's code does.
    take(): a sandbox that said it is ready (with send(message) and recv(deadline)); give_back(sandbox,
    reusable): whether it may serve another job. A sandbox that stopped before reading the job (it
    said bye, or its input is closed) is given back and the job goes to the next, up to TRIES times.
    grader_id(sandbox or None) names who graded; stderr(sandbox) is kept with a grader failure."""
    started = time.monotonic()
    for _ in range(TRIES):
        try:
            box = take()
        except Exception as e:
            return grader_failure(job, grader_id(None), f"no sandbox: {e}")
        handed, reusable = time.monotonic(), False
        try:
            try:
                box.send({"job": job.to_dict(), "progress": on_progress is not None})
            except BrokenPipeError:
                continue  # it went while idle: the job was never read
            deadline = job_deadline(job, handed)
            reply = receive(lambda box=box, deadline=deadline: box.recv(deadline), on_progress)
            if "bye" in reply:  # it recycled itself after its last job and never read this one
                continue
            log_check_notes(reply, job)
            result = Result.from_dict(reply["result"])
            reusable = result.status in SANDBOX_REUSABLE_AFTER
        except TimeoutError:
            result = timed_out(job, grader_id(box))
        except (EOFError, OSError, ValueError, KeyError):
            result = grader_failure(job, grader_id(box), stderr(box) if stderr else "")
        finally:
            give_back(box, reusable)
        result.grader_id = grader_id(box)
        result.timings["start"] = round(handed - started, 4)
        return result
    return grader_failure(job, grader_id(None), f"no sandbox took the job in {TRIES} tries")
