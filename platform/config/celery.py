"""The Celery app shared by the web process (which enqueues) and the grader workers."""
import os

from config import paths  # noqa: F401  (platform/ and the repo root on sys.path)
from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("platform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
