#!/usr/bin/env bash
# Builds every image of the compose stack with no image registry (air-gapped sites, CI):
#   groundwork/grader:cpu   the sandbox (docker/build-images.sh: a debootstrap Debian base + wheels)
#   groundwork/web:latest   Django + Celery (docker/web.Dockerfile)
#   groundwork/postgres:15  groundwork/redis:7   from Debian's packages
# Python wheels and npm packages are fetched on this host (pip download, npm ci into a cache) and
# copied into the builds; apt inside the builds uses the Debian mirror. Each image is also tagged
# with a hash of what it is built from, and a build whose inputs did not change is skipped.
# Usage: docker/build-stack.sh [--gpu] [--public-bases]
#   --gpu            also groundwork/grader:cuda, for a GPU worker
#   --public-bases   start from the public python/postgres/redis images instead (needs a registry)
set -euo pipefail
cd "$(dirname "$0")/.."
gpu=false public=false
for arg in "$@"; do
  case $arg in
    --gpu) gpu=true ;;
    --public-bases) public=true ;;
    *) sed -n '2,12p' "$0" >&2; exit 2 ;;
  esac
done
started=$(date +%s)

docker/build-images.sh cpu  # also makes the Debian base, groundwork/debian-base:bookworm
if $gpu; then docker/build-images.sh cuda; fi

local_base=groundwork/debian-base:bookworm
if $public; then
  python_base=python:3.11-slim-bookworm postgres_base=postgres:15-bookworm redis_base=redis:7-bookworm
else
  python_base=$local_base postgres_base=$local_base redis_base=$local_base
fi

base_id() { docker image inspect -f '{{.Id}}' "$1" 2>/dev/null || echo "$1"; }

files_hash() {  # the content of these files and folders, as the build context sends them
  find "$@" -type f -not -path '*/__pycache__/*' -not -path 'platform/static/build/*' \
    -not -path 'platform/control/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12
}

# build NAME:TAG DOCKERFILE BASE HASH: docker build unless NAME:TAG-HASH exists; tags both.
build() {
  local image=$1 dockerfile=$2 base=$3 hash=$4 name=${1%%:*} tag=${1##*:} t0
  local hashed="$name:$tag-$hash"
  [ "$tag" = latest ] && hashed="$name:$hash"
  if docker image inspect "$hashed" >/dev/null 2>&1; then
    docker tag "$hashed" "$image"
    echo "==> $image is up to date ($hashed)"; return 0
  fi
  echo "==> docker build $image from $base"
  t0=$(date +%s)
  nice docker build --quiet --file "$dockerfile" --build-arg BASE="$base" --tag "$hashed" --tag "$image" . >/dev/null
  echo "==> Built $image ($hashed) in $(( $(date +%s) - t0 )) s, $(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}')"
  # Earlier hash tags of this image: untag them (an image still used by a container stays).
  docker images "$name" --format '{{.Repository}}:{{.Tag}}' | grep -vxF -e "$image" -e "$hashed" \
    | grep -E ":(${tag}-)?[0-9a-f]{12}$" | xargs -r docker rmi >/dev/null 2>&1 || true
}

# Postgres and Redis.
build groundwork/postgres:15 docker/postgres.Dockerfile "$postgres_base" \
  "$( { files_hash docker/postgres.Dockerfile docker/postgres-entrypoint.sh; base_id "$postgres_base"; } | sha256sum | cut -c1-12)"
build groundwork/redis:7 docker/redis.Dockerfile "$redis_base" \
  "$( { files_hash docker/redis.Dockerfile docker/redis-entrypoint.sh; base_id "$redis_base"; } | sha256sum | cut -c1-12)"

# The web image: its wheelhouse is requirements.txt without what only the grader image needs
# (nothing the web server or the worker imports uses torch).
wheels=var/docker/wheels-web npm_cache=var/docker/npm-cache
mkdir -p "$wheels" "$npm_cache"
grep -vE '^(torch|einops|numpy|hypothesis|transformer_lens|transformers)==' requirements.txt \
  | sed 's/ *#.*//' | grep -v '^$' > "$wheels/requirements.txt"
web_hash=$( { files_hash docker/web.Dockerfile docker/entrypoint.sh "$wheels/requirements.txt" package.json \
                package-lock.json manage.py grader platform content; base_id "$python_base"; } | sha256sum | cut -c1-12)
if ! docker image inspect "groundwork/web:$web_hash" >/dev/null 2>&1; then
  echo "==> Wheelhouse $wheels and npm cache $npm_cache"
  python3 -m pip download --quiet --disable-pip-version-check --dest "$wheels" --python-version 3.11 \
    --only-binary=:all: -r "$wheels/requirements.txt"
  # Lines with an environment marker may be false here and true in the image (Debian's Python is
  # 3.11.2): fetch those too.
  grep ';' "$wheels/requirements.txt" | sed 's/ *;.*//' | xargs -r python3 -m pip download --quiet \
    --disable-pip-version-check --no-deps --dest "$wheels" --python-version 3.11 --only-binary=:all:
  scratch=$(mktemp -d)  # npm ci in a scratch copy: the working tree's node_modules stays as it is
  cp package.json package-lock.json "$scratch/"
  (cd "$scratch" && npm ci --cache "$OLDPWD/$npm_cache" --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  rm -rf "$scratch"
fi
build groundwork/web:latest docker/web.Dockerfile "$python_base" "$web_hash"

echo "==> Stack images ready in $(( $(date +%s) - started )) s:"
docker images --format '    {{.Repository}}:{{.Tag}}  {{.Size}}' \
  | grep -E 'groundwork/(web:latest|postgres:15 |redis:7 |grader:cpu |grader:cuda )' || true
