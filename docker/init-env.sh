#!/usr/bin/env bash
# Writes .env for docker-compose from .env.example, with new random secrets. Never overwrites.
# Usage: [WEB_PORT=N] docker/init-env.sh HOSTNAME [--http] [--port N] [--env-file PATH] [--secrets-dir DIR]
#   HOSTNAME        the name learners type (learn.example.org); also allowed: localhost, 127.0.0.1
#   --http          a plain-HTTP site on a closed network: no TLS settings, listens on every address
#   --port          the port the web server is published on (default: $WEB_PORT, else 8000)
#   --env-file      where to write (default .env)
#   --secrets-dir   put the secrets in files there (docker-compose.secrets.yml) instead of in .env
set -euo pipefail
cd "$(dirname "$0")/.."
host="" http=false env_file=.env secrets_dir="" port=${WEB_PORT:-8000}
while [ $# -gt 0 ]; do
  case $1 in
    --http) http=true ;;
    --port) port=$2; shift ;;
    --env-file) env_file=$2; shift ;;
    --secrets-dir) secrets_dir=$2; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) host=$1 ;;
  esac
  shift
done
[ -n "$host" ] || { sed -n '2,9p' "$0" >&2; exit 2; }
case $port in ''|*[!0-9]*) echo "--port (or WEB_PORT) must be a port number, not '$port'" >&2; exit 2 ;; esac
if [ -e "$env_file" ]; then
  echo "$env_file exists; not touching it (delete it first to start over: the database keeps its password)" >&2
  exit 1
fi

random() { python3 -c "import secrets; print(secrets.token_urlsafe($1))"; }
secret_key=$(random 50) postgres_password=$(random 24) redis_password=$(random 24)
if $http; then
  origin="http://$host:$port" https=false behind_proxy=false bind=0.0.0.0
else
  origin="https://$host" https=true behind_proxy=true bind=127.0.0.1
fi

set_var() {  # set_var NAME VALUE: replace the line NAME=... (commented or not) in the env file
  python3 - "$env_file" "$1" "$2" <<'PY'
import re, sys
path, name, value = sys.argv[1:]
text = open(path).read()
pattern = re.compile(rf"^#? ?{re.escape(name)}=.*$", re.M)
text, n = pattern.subn(lambda m: f"{name}={value}", text, count=1)
if not n:
    text += f"{name}={value}\n"
open(path, "w").write(text)
PY
}

umask 077  # the env file holds secrets
mkdir -p "$(dirname "$env_file")"
cp .env.example "$env_file"
set_var DJANGO_ALLOWED_HOSTS "$host,localhost,127.0.0.1"
set_var DJANGO_CSRF_TRUSTED_ORIGINS "$origin"
set_var DJANGO_HTTPS "$https"
set_var DJANGO_BEHIND_PROXY "$behind_proxy"
set_var WEB_BIND "$bind"
set_var WEB_PORT "$port"
if [ -n "$secrets_dir" ]; then
  mkdir -p "$secrets_dir"; chmod 700 "$secrets_dir"
  secrets_dir=$(cd "$secrets_dir" && pwd)
  printf '%s' "$secret_key" >"$secrets_dir/django_secret_key"
  printf '%s' "$postgres_password" >"$secrets_dir/postgres_password"
  printf '%s' "$redis_password" >"$secrets_dir/redis_password"
  chmod 644 "$secrets_dir"/*  # read by the containers' users; the folder keeps everyone else out
  set_var COMPOSE_FILE "docker-compose.yml:docker-compose.secrets.yml"
  set_var SECRETS_DIR "$secrets_dir"
  echo "==> Wrote $env_file and the secrets in $secrets_dir"
else
  set_var DJANGO_SECRET_KEY "$secret_key"
  set_var POSTGRES_PASSWORD "$postgres_password"
  set_var REDIS_PASSWORD "$redis_password"
  echo "==> Wrote $env_file with new secrets (mode 600)"
fi
