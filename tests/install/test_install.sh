#!/usr/bin/env bash
# The library as a user gets it: install the build into a temporary
# prefix, then build and run the examples against the installed copy, with
# pkg-config and with CMake's find_package (shared and static), and run the
# Python example through ctypes. Each must print what
# `guarantor trigger coalition-2025 offensive-zaporizhzhia --json` prints,
# but for the program's "provenance" (the library has none to give).
#
#   tests/install/test_install.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1
build=$2
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log" >&2; fail "cmake --install"; }
libdir=$(dirname "$(find "$prefix" -name 'libguarantor.so.2' | head -n 1)")
[ -n "$libdir" ] && [ -d "$libdir" ] || fail "no libguarantor.so.2 installed"
for f in include/guarantor/guarantor.h include/guarantor/common.h; do
  [ -f "$prefix/$f" ] || fail "$f not installed"
done
[ -f "$libdir/libguarantor.a" ] || fail "libguarantor.a not installed"
[ -f "$libdir/pkgconfig/guarantor.pc" ] || fail "guarantor.pc not installed"
[ -f "$libdir/cmake/guarantor/guarantorConfig.cmake" ] || fail "the CMake package is not installed"
echo "ok   installed into a temporary prefix"

"$build/guarantor" trigger coalition-2025 offensive-zaporizhzhia --json >"$tmp/expected.json"
python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert d.pop("provenance")["command"] == "trigger"
json.dump(d, open(sys.argv[2], "w"), indent=1, sort_keys=True)' "$tmp/expected.json" "$tmp/expected.norm" ||
  fail "'guarantor trigger --json' has no provenance"
same() { # NAME FILE
  python3 -c 'import json, sys; json.dump(json.load(open(sys.argv[1])), open(sys.argv[2], "w"), indent=1, sort_keys=True)' \
    "$2" "$2.norm" || fail "$1 prints no JSON"
  cmp -s "$tmp/expected.norm" "$2.norm" || { diff "$tmp/expected.norm" "$2.norm" | head -20 >&2; fail "$1 prints something else"; }
  echo "ok   $1 prints what 'guarantor trigger --json' prints"
}

# The installed program runs from its prefix (RPATH $ORIGIN/../lib...).
"$prefix/bin/guarantor" --version >/dev/null || fail "the installed program does not run"
echo "ok   the installed program runs"

# pkg-config
export PKG_CONFIG_PATH=$libdir/pkgconfig
[ "$(pkg-config --modversion guarantor)" = "$("$build/guarantor" --version | cut -d' ' -f2)" ] ||
  fail "pkg-config's version is not the program's"
# shellcheck disable=SC2046
"$cc" -std=c17 -Wall -Wextra -Werror "$src/examples/trigger.c" $(pkg-config --cflags --libs guarantor) \
  -Wl,-rpath,"$libdir" -o "$tmp/trigger_pkgconfig"
"$tmp/trigger_pkgconfig" >"$tmp/pkgconfig.json"
same "examples/trigger.c built with pkg-config" "$tmp/pkgconfig.json"

# CMake: find_package(guarantor), shared and static.
cmake -S "$src/examples" -B "$tmp/examples" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_BUILD_RPATH="$libdir" >"$tmp/cmake.log" 2>&1 || { cat "$tmp/cmake.log" >&2; fail "find_package(guarantor)"; }
cmake --build "$tmp/examples" >>"$tmp/cmake.log" 2>&1 || { cat "$tmp/cmake.log" >&2; fail "building the examples"; }
"$tmp/examples/trigger" >"$tmp/cmake.json"
same "examples/trigger.c built with find_package (guarantor::guarantor)" "$tmp/cmake.json"
if readelf -d "$tmp/examples/trigger_static" | grep -q 'libguarantor'; then fail "trigger_static links the shared library"; fi
"$tmp/examples/trigger_static" >"$tmp/static.json"
same "examples/trigger.c linked statically (guarantor::guarantor_static)" "$tmp/static.json"

# Python, through ctypes on the installed shared library.
python3 "$src/examples/trigger.py" --lib "$libdir/libguarantor.so.2" >"$tmp/python.json"
same "examples/trigger.py (ctypes)" "$tmp/python.json"
python3 "$src/examples/trigger.py" no-such-arrangement offensive-zaporizhzhia --lib "$libdir/libguarantor.so.2" \
  >/dev/null 2>"$tmp/python.err" && fail "trigger.py succeeded on an unknown arrangement"
grep -q "no arrangement 'no-such-arrangement'" "$tmp/python.err" || fail "trigger.py's error: $(cat "$tmp/python.err")"
echo "ok   examples/trigger.py reports an unknown id"
