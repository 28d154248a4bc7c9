"""Production mode (DJANGO_DEBUG=false): secrets from the environment or from files, no weak or
example secret accepted, `check --deploy` clean behind a TLS proxy; and the /healthz endpoint."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STRONG_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP"
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": STRONG_KEY,
    "DATABASE_URL": "postgres://groundwork@db.invalid:5432/groundwork",
    "POSTGRES_PASSWORD": "a-strong-database-password",
    "DJANGO_ALLOWED_HOSTS": "learn.example.org",
}


def run_django(env: dict, code: str | None = "print('ok')", *args) -> subprocess.CompletedProcess:
    """A fresh interpreter with only these variables (settings are read once, at import)."""
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "POSTGRES_", "REDIS_", "DATABASE_", "CELERY_"))
    }
    base.update(
        PYTHONPATH=f"{ROOT / 'platform'}:{ROOT}",
        DJANGO_SETTINGS_MODULE="config.settings",
        PLATFORM_VAR_DIR=str(ROOT / "var"),
    )
    base.update(env)
    command = [sys.executable, *args] if args else [sys.executable, "-c", f"import django; django.setup(); {code}"]
    return subprocess.run(command, env=base, cwd=ROOT, capture_output=True, text=True, timeout=60)


def settings_value(env: dict, expression: str) -> str:
    done = run_django(env, f"from django.conf import settings; print({expression})")
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


@pytest.mark.parametrize(
    "name, value, says",
    [
        ("DJANGO_SECRET_KEY", "", "DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) must be set"),
        ("DJANGO_SECRET_KEY", "change-me", "DJANGO_SECRET_KEY is a placeholder or too weak"),
        ("DJANGO_SECRET_KEY", "short-but-random-Xy7", "DJANGO_SECRET_KEY is a placeholder or too weak"),
        ("POSTGRES_PASSWORD", "", "POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE) must be set"),
        ("POSTGRES_PASSWORD", "postgres", "POSTGRES_PASSWORD is a placeholder or too weak"),
    ],
)
def test_production_mode_refuses_to_start_on_a_missing_or_example_secret(name, value, says):
    done = run_django({**PRODUCTION, name: value})
    assert done.returncode != 0 and f"ImproperlyConfigured: {says}" in done.stderr, done.stderr[-1000:]


def test_the_same_settings_are_accepted_in_debug_mode_for_development():
    assert settings_value({"DJANGO_SECRET_KEY": "", "POSTGRES_PASSWORD": ""}, "settings.DEBUG") == "True"


def test_secrets_can_come_from_files(tmp_path):
    (tmp_path / "key").write_text(STRONG_KEY + "\n")  # a trailing newline, as editors write it
    (tmp_path / "db").write_text("a-strong-database-password")
    (tmp_path / "redis").write_text("redis pass/word")
    env = {
        **PRODUCTION,
        "DJANGO_SECRET_KEY": "",
        "DJANGO_SECRET_KEY_FILE": str(tmp_path / "key"),
        "POSTGRES_PASSWORD": "",
        "POSTGRES_PASSWORD_FILE": str(tmp_path / "db"),
        "REDIS_PASSWORD_FILE": str(tmp_path / "redis"),
        "CELERY_BROKER_URL": "redis://redis:6379/0",
    }
    out = settings_value(
        env, "settings.SECRET_KEY == " + repr(STRONG_KEY) + ", settings.DATABASES['default']['PASSWORD']"
    )
    assert out == "True a-strong-database-password"
    # The password reaches the connections Celery and learning.broker open, though the URL has none.
    done = run_django(
        env,
        "from config.celery import app; from learning import broker; "
        "print(repr(app.connection_for_write().password)); "
        "print(repr(broker.client().connection_pool.connection_kwargs['password']))",
    )
    assert done.stdout.split("\n")[:2] == ["'redis pass/word'", "'redis pass/word'"], done.stderr[-2000:]


def test_importing_settings_makes_no_folder_and_changes_no_variable(tmp_path):
    var = tmp_path / "var"
    env = {"PLATFORM_VAR_DIR": str(var), "REDIS_PASSWORD": "redis-pw", "CELERY_BROKER_URL": "redis://redis:6379/0"}
    code = "import os, django; before = dict(os.environ); django.setup(); print(before == dict(os.environ))"
    done = run_django(env, None, "-c", code)
    assert done.stdout.strip() == "True" and not var.exists(), done.stderr[-2000:]
    # The embedded broker's folders appear when Celery reads its configuration, ready for the first task.
    done = run_django({"PLATFORM_VAR_DIR": str(var)}, "from config.celery import app; app.conf.broker_url")
    assert done.returncode == 0, done.stderr[-2000:]
    assert sorted(p.name for p in (var / "broker").iterdir()) == ["control", "out", "processed"]


def test_a_secret_set_twice_or_an_unreadable_secret_file_is_an_error(tmp_path):
    (tmp_path / "key").write_text(STRONG_KEY)
    both = run_django({**PRODUCTION, "DJANGO_SECRET_KEY_FILE": str(tmp_path / "key")})
    assert "set DJANGO_SECRET_KEY or DJANGO_SECRET_KEY_FILE, not both" in both.stderr
    missing = run_django({**PRODUCTION, "DJANGO_SECRET_KEY": "", "DJANGO_SECRET_KEY_FILE": str(tmp_path / "nope")})
    assert "DJANGO_SECRET_KEY_FILE=" in missing.stderr and "No such file" in missing.stderr


def test_check_deploy_is_clean_in_production_mode_behind_a_tls_proxy():
    done = run_django(
        {**PRODUCTION, "DJANGO_BEHIND_PROXY": "true"}, None, "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )
    assert done.returncode == 0 and "no issues" in done.stdout, done.stdout + done.stderr
    assert (
        settings_value({**PRODUCTION, "DJANGO_BEHIND_PROXY": "true"}, "settings.SECURE_PROXY_SSL_HEADER")
        == "('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_plain_http_mode_turns_the_tls_settings_off_and_check_deploy_names_them():
    env = {**PRODUCTION, "DJANGO_HTTPS": "false"}
    assert (
        settings_value(
            env, "settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS"
        )
        == "False False 0"
    )
    done = run_django(env, None, "manage.py", "check", "--deploy")
    assert {"security.W004", "security.W008", "security.W012", "security.W016"} <= set(
        word.rstrip(")").strip("(:") for word in done.stderr.split() if word.startswith("(security.")
    )


@pytest.mark.django_db
def test_healthz_answers_before_the_host_check_and_sets_no_cookie(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")  # a name not in ALLOWED_HOSTS
    assert response.status_code == 200 and response.json() == {"status": "ok", "database": "ok"}
    assert not response.cookies
    assert client.post("/healthz").status_code != 200  # only GET and HEAD
