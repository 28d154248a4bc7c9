"""The Celery app shared by the web process (which enqueues) and the grader workers."""

import os
from pathlib import Path

from config import paths  # noqa: F401  (platform/ and the repo root on sys.path)
from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("platform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def make_broker_folders(sender, **kwargs):
    """The embedded filesystem broker's folders, made when Celery first reads its configuration (in
    the web process before it sends a task, in the worker at start), not when settings are imported."""
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if key in options:
            Path(options[key]).mkdir(parents=True, exist_ok=True)
