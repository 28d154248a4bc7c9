import os
from pathlib import Path

from config import paths  # noqa: F401
from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# whitenoise warns at start-up when the static folder is missing (collectstatic has not run yet)
Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
application = get_wsgi_application()
