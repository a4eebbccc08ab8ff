#!/usr/bin/env bash
# Install the Debian packages guarantor needs to build and test, when they
# are missing. Idempotent and quiet when everything is there; uses sudo when
# not root; says clearly what to do on a system without apt.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libfyaml-dev libutf8proc-dev libcmocka-dev libgsl-dev librandom123-dev
)

# `scripts/deps.sh mpi` adds what the MPI build needs.
if [ "${1:-}" = mpi ]; then
  packages+=(libopenmpi-dev openmpi-bin)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
((${#missing[@]} == 0)) && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "scripts/deps.sh: this is not a Debian-like system (no apt-get)." >&2
  echo "Install these packages (or their equivalents) by hand: ${missing[*]}" >&2
  exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "scripts/deps.sh: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "scripts/deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >&2
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
