#!/bin/sh
# Postgres for the compose stack, as the postgres user. On first start (an empty data volume) it
# creates the cluster with POSTGRES_USER as its superuser, the password from POSTGRES_PASSWORD or
# POSTGRES_PASSWORD_FILE (required: there is no default), and the database POSTGRES_DB. Clients
# log in with that password (scram-sha-256) from anywhere; inside the container, over the local
# socket, without one (the healthcheck, backups with `docker-compose exec postgres pg_dump`).
set -eu
user=${POSTGRES_USER:-groundwork}
db=${POSTGRES_DB:-groundwork}

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  password=${POSTGRES_PASSWORD:-}
  if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then password=$(cat "$POSTGRES_PASSWORD_FILE"); fi
  if [ -z "$password" ]; then
    echo "postgres: set POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE (docker/init-env.sh writes one into .env)" >&2
    exit 1
  fi
  echo "postgres: creating the database $db (owner $user) in $PGDATA"
  pwfile=$(mktemp)
  printf '%s\n' "$password" >"$pwfile"
  initdb --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  echo "CREATE DATABASE \"$db\" OWNER \"$user\";" | postgres --single -D "$PGDATA" -j postgres >/dev/null
fi

exec postgres -c listen_addresses='*' "$@"
