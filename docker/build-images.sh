#!/usr/bin/env bash
# Builds the grader image with no image registry:
#   1. a Debian bookworm base made with debootstrap and `docker import` (once; about a minute),
#   2. a wheelhouse filled on this host with `pip download` (the pins from requirements.txt),
#   3. docker build with that base and wheelhouse.
# The image is tagged groundwork/grader:<variant> and groundwork/grader:<variant>-<content hash>;
# a build whose inputs have not changed is skipped. Usage: docker/build-images.sh [cpu|cuda]
set -euo pipefail
cd "$(dirname "$0")/.."
variant=${1:-cpu}
base=groundwork/debian-base:bookworm
image=${GRADER_IMAGE_REPO:-groundwork/grader}  # another name lets a second build sit beside the usual one

debian_mirror() {  # the mirror this host's apt already uses
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  { grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}'
    grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}'; } | grep -v security | head -n 1
}

if ! docker image inspect "$base" >/dev/null 2>&1; then
  echo "==> Debian base image (debootstrap)"
  rootfs=$(mktemp -d)
  debootstrap --variant=minbase --include=python3,python3-venv bookworm "$rootfs" "$(debian_mirror)" >/dev/null
  tar -C "$rootfs" -c . | docker import - "$base" >/dev/null
  rm -rf "$rootfs"
fi

wheels=var/docker/wheels-$variant
mkdir -p "$wheels"
grep -E '^(torch|einops|numpy|hypothesis|transformer_lens|transformers)==' requirements.txt | sed 's/ *#.*//' > "$wheels/requirements.txt"
if [ "$variant" = cuda ]; then
  # PyPI's default torch build for Linux is the CUDA one; skip the CPU file this host keeps on disk.
  download=(env PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= PIP_EXTRA_INDEX_URL= python3 -m pip download)
else
  download=(python3 -m pip download)
fi
hash=$( { cat docker/grader.Dockerfile "$wheels/requirements.txt"; echo "$variant";
          find grader -name '*.py' -print0 | sort -z | xargs -0 cat; } | sha256sum | cut -c1-12)
if docker image inspect "$image:$variant-$hash" >/dev/null 2>&1; then
  docker tag "$image:$variant-$hash" "$image:$variant"
  echo "==> $image:$variant-$hash is up to date"; exit 0
fi
echo "==> Wheelhouse $wheels"
# Two pure-Python dependencies of transformer_lens are published only as source: build their wheels here.
python3 -m pip wheel --quiet --disable-pip-version-check --no-deps --wheel-dir "$wheels" \
  transformers-stream-generator==0.0.5 better-abc==0.0.3
"${download[@]}" --quiet --disable-pip-version-check --dest "$wheels" --find-links "$wheels" --python-version 3.11 \
  --only-binary=:all: -r "$wheels/requirements.txt"
echo "==> docker build $image:$variant-$hash"
docker build --quiet --file docker/grader.Dockerfile --build-arg BASE="$base" --build-arg VARIANT="$variant" \
  --tag "$image:$variant-$hash" --tag "$image:$variant" . >/dev/null
echo "==> Built $image:$variant ($hash)"
