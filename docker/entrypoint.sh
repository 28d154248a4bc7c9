#!/bin/sh
# Entrypoint of the groundwork/web image.
#   web     wait for the database, migrate, load content/ (learner data is kept), then gunicorn
#   worker  a Celery grader worker; started as root only to join the Docker socket's group,
#           then runs as the unprivileged user `groundwork`
#   other   run as given, e.g. `python manage.py createsuperuser`
set -eu
cd /app

wait_for_database() {  # settings errors (a missing secret...) stop here at once, with their message
  python -c 'import django; django.setup()'
  tries=${DB_WAIT_S:-60}
  until python -c 'import django; django.setup(); from django.db import connection; connection.ensure_connection()' 2>/dev/null; do
    tries=$((tries - 1))
    if [ "$tries" -le 0 ]; then
      echo "groundwork: the database did not answer within ${DB_WAIT_S:-60} s:" >&2
      exec python -c 'import django; django.setup(); from django.db import connection; connection.ensure_connection()'
    fi
    sleep 1
  done
}

case "${1:-web}" in
  web)
    shift || true
    wait_for_database
    python manage.py migrate --no-input
    python manage.py content sync
    # gthread: a page waiting for its verdict holds an event stream open; with threads, such a stream
    # holds one thread, never a whole worker, and pages keep being served beside the streams.
    exec gunicorn config.wsgi --chdir /app/platform --bind 0.0.0.0:8000 \
      --worker-class gthread --workers "${WEB_WORKERS:-3}" --threads "${WEB_THREADS:-32}" \
      --timeout "${WEB_TIMEOUT_S:-60}" --no-control-socket \
      --access-logfile - --log-level "${WEB_LOG_LEVEL:-info}" "$@"
    ;;
  worker)
    shift
    if [ "$(id -u)" = 0 ]; then
      socket=${DOCKER_HOST:-unix:///var/run/docker.sock}; socket=${socket#unix://}
      [ -S "$socket" ] || { echo "groundwork: the worker needs the Docker socket at $socket" >&2; exit 1; }
      exec setpriv --reuid=groundwork --regid=groundwork --groups="$(stat -c %g "$socket")" \
        --inh-caps=-all --bounding-set=-all --no-new-privs -- /usr/local/bin/groundwork worker "$@"
    fi
    exec celery -A config worker --loglevel "${WORKER_LOG_LEVEL:-INFO}" "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
