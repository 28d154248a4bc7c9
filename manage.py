#!/usr/bin/env python
"""Django's command-line utility. platform/ goes on sys.path (it is a folder, never a package:
a package named `platform` would shadow the standard library's)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    # The embedded SQLite database lives in VAR_DIR: the folder is made here, not when settings are imported.
    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
    execute_from_command_line(sys.argv)
