# Helpers for scripts/test: a throwaway Postgres and Redis under var/test-services.
services_dir="$PWD/var/test-services"
pg_port=${TEST_PG_PORT:-54329}
redis_port=${TEST_REDIS_PORT:-63799}

need_system_packages() {
  local missing=()
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v chromium >/dev/null || missing+=(chromium)
  [ -x /usr/lib/chromium/chromium-headless-shell ] || missing+=(chromium-headless-shell)
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v dot >/dev/null || missing+=(graphviz)
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> Installing ${missing[*]} (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "error: the tests need ${missing[*]}: run  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
}

as_pg_user() {  # Postgres refuses to run as root
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi  # cd: it may not enter ours
}

start_test_services() {
  if [ -n "${DATABASE_URL:-}" ] && [ -n "${CELERY_BROKER_URL:-}" ]; then
    echo "==> Using DATABASE_URL and CELERY_BROKER_URL from the environment"; return
  fi
  local bin; bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
  rm -rf "$services_dir"; mkdir -p "$services_dir"
  # As root, Postgres runs as its own user, which may not reach into this checkout (a clone in a
  # private folder such as mktemp -d makes): its data and socket get a folder of their own.
  pg_dir=$services_dir
  if [ "$(id -u)" = 0 ]; then
    pg_dir=$(mktemp -d /tmp/groundwork-test-pg.XXXXXX)
    echo "$pg_dir" >"$services_dir/pg-dir"
    chmod 755 "$pg_dir"
  fi
  mkdir -p "$pg_dir/pg" "$pg_dir/sock"
  [ "$(id -u)" = 0 ] && chown -R postgres "$pg_dir/pg" "$pg_dir/sock"
  echo "==> Starting Postgres on 127.0.0.1:$pg_port and Redis on 127.0.0.1:$redis_port"
  as_pg_user "$bin/initdb" -D "$pg_dir/pg" -U postgres --auth=trust -E UTF8 >/dev/null
  as_pg_user "$bin/pg_ctl" -D "$pg_dir/pg" -l "$pg_dir/pg/log" -w start \
    -o "-p $pg_port -k $pg_dir/sock -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null
  as_pg_user "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres platform
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$services_dir/redis.pid" --logfile "$services_dir/redis.log"
  export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/platform"
  export CELERY_BROKER_URL="redis://127.0.0.1:$redis_port/0"
  export PG_BIN="$bin"
}

start_docker() {  # the grader's sandbox tests need an engine; start one if none answers
  if docker info >/dev/null 2>&1; then return; fi
  if [ "$(id -u)" != 0 ]; then
    echo "error: no Docker engine answers: start dockerd, or add yourself to the docker group" >&2; exit 1
  fi
  echo "==> Starting dockerd"
  mkdir -p "$services_dir"
  dockerd >"$services_dir/dockerd.log" 2>&1 &
  echo $! >"$services_dir/dockerd.pid"
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && return; sleep 1; done
  echo "error: dockerd did not start; see $services_dir/dockerd.log" >&2; exit 1
}

stop_test_services() {
  local pg_dir; pg_dir=$(cat "$services_dir/pg-dir" 2>/dev/null || echo "$services_dir")
  [ -d "$pg_dir/pg" ] && as_pg_user "$PG_BIN/pg_ctl" -D "$pg_dir/pg" -m immediate stop >/dev/null 2>&1 || true
  [ "$pg_dir" != "$services_dir" ] && rm -rf "$pg_dir"
  [ -f "$services_dir/redis.pid" ] && kill "$(cat "$services_dir/redis.pid")" 2>/dev/null || true
  [ -f "$services_dir/dockerd.pid" ] && kill "$(cat "$services_dir/dockerd.pid")" 2>/dev/null || true
}
