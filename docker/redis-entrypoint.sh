#!/bin/sh
# Redis for the compose stack: append-only persistence in /data (a queued submission survives a
# restart) and a password from REDIS_PASSWORD or REDIS_PASSWORD_FILE (required: no default).
# `groundwork-redis ping` is the healthcheck; `groundwork-redis cli ARGS...` runs redis-cli, logged in.
set -eu
password=${REDIS_PASSWORD:-}
if [ -n "${REDIS_PASSWORD_FILE:-}" ]; then password=$(cat "$REDIS_PASSWORD_FILE"); fi
if [ -z "$password" ]; then
  echo "redis: set REDIS_PASSWORD or REDIS_PASSWORD_FILE (docker/init-env.sh writes one into .env)" >&2
  exit 1
fi

case "${1:-}" in
  ping) [ "$(REDISCLI_AUTH=$password redis-cli -h 127.0.0.1 ping)" = PONG ]; exit ;;
  cli) shift; REDISCLI_AUTH=$password exec redis-cli -h 127.0.0.1 "$@" ;;  # e.g. `cli llen cpu`
esac

conf=$(mktemp)  # the password goes in a file, not on the command line
chmod 600 "$conf"
cat >"$conf" <<CONF
bind * -::*
protected-mode no
port 6379
dir /data
appendonly yes
appendfsync everysec
save ""
requirepass "$password"
CONF
exec redis-server "$conf" "$@"
