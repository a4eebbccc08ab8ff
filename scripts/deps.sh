#!/usr/bin/env bash
# Install what guarantor needs to build and test, when it is missing:
# Debian packages, then the report's npm packages (pinned by
# report/package-lock.json). Idempotent and quiet when everything is there;
# uses sudo when not root; says clearly what to do on a system without apt.
#
#   scripts/deps.sh        the build, the tests and the report
#   scripts/deps.sh mpi    also what the MPI build needs
#   scripts/deps.sh clang  also clang, its OpenMP and libFuzzer (the clang
#                          build and make fuzz)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  build-essential cmake pkg-config python3
  libfyaml-dev libutf8proc-dev libcmocka-dev libgsl-dev librandom123-dev nettle-dev
)
# Node and npm for the report, unless a node is already there.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
case "${1:-}" in
mpi) packages+=(libopenmpi-dev openmpi-bin) ;;
clang) packages+=(clang libomp-dev libclang-rt-dev) ;;
"") ;;
*)
  echo "scripts/deps.sh: unknown argument '$1' (expected mpi or clang)" >&2
  exit 2
  ;;
esac
# Wanted but not required: the report's browser test says it was skipped
# when chromium cannot be had.
optional=(chromium)

not_installed() {
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}
mapfile -t missing < <(not_installed "${packages[@]}")
mapfile -t optional_missing < <(not_installed "${optional[@]}")

if ((${#missing[@]} + ${#optional_missing[@]} > 0)); then
  sudo=()
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "scripts/deps.sh: this is not a Debian-like system (no apt-get)." >&2
    echo "Install these packages (or their equivalents) by hand: ${missing[*]} ${optional_missing[*]}" >&2
    ((${#missing[@]} == 0)) || exit 1
  elif [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "scripts/deps.sh: need root (or sudo) to install: ${missing[*]} ${optional_missing[*]}" >&2
    ((${#missing[@]} == 0)) || exit 1
  else
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    echo "scripts/deps.sh: installing ${missing[*]} ${optional_missing[*]}" >&2
    "${sudo[@]}" apt-get update -qq >&2
    if ((${#missing[@]} > 0)); then
      "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
    fi
    if ((${#optional_missing[@]} > 0)); then
      "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${optional_missing[@]}" >&2 ||
        echo "scripts/deps.sh: could not install ${optional_missing[*]}: the browser test will be skipped" >&2
    fi
  fi
fi

# The report's charting libraries and the browser test's driver.
if ! command -v npm >/dev/null 2>&1; then
  echo "scripts/deps.sh: npm not found: the HTML report needs it (apt-get install npm)" >&2
  exit 1
fi
if [ ! -f "$here/report/node_modules/.package-lock.json" ] ||
   [ "$here/report/package-lock.json" -nt "$here/report/node_modules/.package-lock.json" ]; then
  echo "scripts/deps.sh: installing the report's npm packages (npm ci in report/)" >&2
  (cd "$here/report" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
