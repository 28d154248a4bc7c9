"""Which Celery queue grades a submission, and on which device.

cpu exercises go to the "cpu" queue. gpu-optional ones go to "gpu" when a GPU worker has reported
in recently, else to "cpu". gpu-required ones always go to "gpu" and wait there for a GPU worker.
"""

from django.utils import timezone

from learning.models import GraderWorker

gpu_online = GraderWorker.gpu_online


def route(exercise) -> tuple:
    """(queue, device) for grading this exercise now."""
    if exercise.device == "gpu-required" or (exercise.device == "gpu-optional" and gpu_online()):
        return "gpu", "cuda"
    return "cpu", "cpu"


def report_alive(hostname: str, queues: list) -> None:
    GraderWorker.objects.update_or_create(
        hostname=hostname, defaults={"queues": sorted(queues), "last_seen": timezone.now()}
    )
