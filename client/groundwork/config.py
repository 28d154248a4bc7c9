"""Where the client keeps the server's address and the learner's token: one JSON file, readable by its owner
only, at $GROUNDWORK_CONFIG or ~/.config/groundwork/config.json."""

import json
import os
from dataclasses import dataclass
from pathlib import Path


class NotSignedIn(Exception):
    pass


@dataclass
class Config:
    url: str
    token: str


def path() -> Path:
    if os.environ.get("GROUNDWORK_CONFIG"):
        return Path(os.environ["GROUNDWORK_CONFIG"]).expanduser()
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "groundwork" / "config.json"


def load() -> Config:
    """The saved sign-in; GROUNDWORK_URL and GROUNDWORK_TOKEN, when set, take precedence (CI, notebooks)."""
    saved = {}
    if path().exists():
        try:
            saved = json.loads(path().read_text())
        except (OSError, ValueError) as e:
            raise NotSignedIn(f"Cannot read {path()} ({e}); sign in again with `groundwork login URL`.") from e
    url = os.environ.get("GROUNDWORK_URL") or saved.get("url")
    token = os.environ.get("GROUNDWORK_TOKEN") or saved.get("token")
    if not url or not token:
        raise NotSignedIn(
            "Not signed in: run `groundwork login URL` with your server's address "
            "(it asks for a personal token, made on your account page)."
        )
    return Config(url=url, token=token)


def save(config: Config) -> Path:
    target = path()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # the token is a password
    with os.fdopen(fd, "w") as f:
        json.dump({"url": config.url, "token": config.token}, f, indent=2)
    os.chmod(target, 0o600)
    return target
