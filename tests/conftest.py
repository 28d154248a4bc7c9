import functools
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent


def pytest_configure(config):
    """Under pytest-xdist (scripts/test runs it so), each worker gets a Redis database of its own, as
    pytest-django gives it a test database of its own: its Celery worker must never take another's tasks.
    Settings are read already (pytest-django loads them first), so they are changed here as well."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1"...
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not worker or not url.startswith("redis://"):
        return
    parts = urlsplit(url)
    own = urlunsplit(parts._replace(path=f"/{(int(parts.path.strip('/') or 0) + 1 + int(worker[2:])) % 16}"))
    os.environ["CELERY_BROKER_URL"] = own
    from django.conf import settings

    settings.CELERY_BROKER_URL = own
    from config.celery import app

    app.conf.broker_url = own


@pytest.hookimpl(trylast=True)  # after pytest-django's own order (tests without the database first)
def pytest_collection_modifyitems(items):
    """The longest tests go first, so that pytest-xdist's other workers share out the rest around them."""
    items.sort(key=lambda item: item.get_closest_marker("longest") is None)  # a stable sort: the rest keep their order


def pytest_sessionfinish(session, exitstatus):
    """Every test must run here: a skip is a failure (there is no optional service)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter and reporter.stats.get("skipped") and session.exitstatus == 0:
        session.exitstatus = 1


def database_url_for_other_processes() -> str:
    """The test database, as a URL other processes (the Celery worker) can use."""
    from django.db import connection

    s = connection.settings_dict
    assert "postgresql" in s["ENGINE"], "integration tests need Postgres: run them with scripts/test"
    return f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


@functools.cache
def shipped_topics() -> dict:
    """content/, loaded once a process: by the fixture below, and where tests are parametrized by topic."""
    from curriculum import content

    return content.load(ROOT / "content")


@pytest.fixture(scope="session")
def content_topics():
    return shipped_topics()


@pytest.fixture(scope="session", autouse=True)
def fast_password_hasher():
    """Production's PBKDF2 costs about half a second a password; tests only need a hasher that works."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def static_root():
    """collectstatic's folder, as config/wsgi.py makes it: whitenoise warns on every test client without it."""
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, content_topics) -> dict:
    """The curriculum is loaded once per session: each test's transaction rolls back to it. Its tables
    are also kept as COPY data, for `synced` after a transactional test (which ends by emptying every
    table): copying them back takes milliseconds, where a sync renders the whole curriculum again (6 s)."""
    from django.db import connection

    from curriculum.sync import sync

    with django_db_blocker.unblock():
        sync(content_topics)
        rows = {}
        with connection.cursor() as cursor:
            for table in [model._meta.db_table for model in curriculum_models(include_auto_created=True)]:
                with cursor.cursor.copy(f"COPY {table} TO STDOUT") as copy:
                    rows[table] = b"".join(bytes(chunk) for chunk in copy)
        return rows


@pytest.fixture
def synced(db, content_topics, django_db_setup):
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from curriculum.models import Exercise

    if not Exercise.objects.exists():  # a transactional test before this one emptied the tables
        with transaction.atomic(), connection.cursor() as cursor:  # foreign keys are checked at its end
            for table, rows in django_db_setup.items():
                with cursor.cursor.copy(f"COPY {table} FROM STDIN") as copy:
                    copy.write(rows)
            for statement in connection.ops.sequence_reset_sql(no_style(), curriculum_models()):
                cursor.execute(statement)
    return content_topics


def curriculum_models(include_auto_created=False) -> list:
    from django.apps import apps

    return list(apps.get_app_config("curriculum").get_models(include_auto_created=include_auto_created))


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A real Celery worker process on the real broker and the test database."""
    assert os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"), "needs Redis: run scripts/test"
    with django_db_blocker.unblock():
        env = dict(
            os.environ, DATABASE_URL=database_url_for_other_processes(), PYTHONPATH=f"{ROOT / 'platform'}:{ROOT}"
        )
    worker = subprocess.Popen(
        [
            str(VENV_BIN / "celery"),
            "-A",
            "config",
            "worker",
            "-Q",
            "cpu",
            "--concurrency",
            "2",
            "--loglevel",
            "WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
    )
    from config.celery import app

    deadline = time.monotonic() + 60
    while not app.control.ping(timeout=0.5):
        assert worker.poll() is None, "the Celery worker exited at start-up"
        assert time.monotonic() < deadline, "the Celery worker did not answer a ping within 60 s"
    yield worker
    worker.terminate()
    worker.wait(timeout=20)
    with django_db_blocker.unblock():  # its pool processes may linger a moment; the test database must drop
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


def wait_until_done(submission, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        submission.refresh_from_db()
        if submission.state == "done":
            return submission
        time.sleep(0.2)
    raise AssertionError(f"submission {submission.pk} still {submission.state} after {timeout} s")


def solution_of(topics, topic_id, exercise_id):
    return next(e for e in topics[topic_id].exercises if e.id == exercise_id)


@pytest.fixture(scope="session")
def docker_image():
    """The grader image, built by docker/build-images.sh (scripts/test and CI run it)."""
    import docker

    client = docker.from_env()
    image = os.environ.get("GRADER_IMAGE", "groundwork/grader:cpu")
    client.images.get(image)  # raises ImageNotFound with the name: build it with docker/build-images.sh
    return image


@pytest.fixture(scope="session")
def sandboxes(docker_image):
    """Docker backends by mode, started once a worker (pytest-xdist hands a worker tests of many modules in
    turn, so a module's own backend was started again and again). A hostile job must leave a backend fit
    for the next one anyway: that is what these tests prove."""
    from grader.backends.docker import DockerBackend

    started = {}

    def backend(mode: str):
        if mode not in started:
            started[mode] = DockerBackend(image=docker_image, pool_mode=mode, pool_size=2, reuse_jobs=20)
        return started[mode]

    yield backend
    for each in started.values():
        each.close()
