#!/usr/bin/env bash
# The shared library exports the public API and nothing else: every
# exported symbol is a gr_ name (none of the internal gr__ ones), every
# function the headers declare GR_EXTERN is exported, and the SONAME is
# the ABI's.
#
#   tests/install/test_exports.sh SOURCE_DIR LIBRARY SONAME
set -euo pipefail
src=$1
lib=$2
soname=$3
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
exported=$(nm -D --defined-only "$lib" | awk '{print $3}' | sort -u)
# The linker's own markers are not the library's.
bad=$(echo "$exported" | grep -v -E '^(gr_[a-z0-9_]+|_init|_fini|_edata|_end|__bss_start)$' || true)
bad+=$(echo "$exported" | grep -E '^gr__' || true)
[ -z "$bad" ] || fail "exported but not public: $(echo "$bad" | tr '\n' ' ')"
echo "ok   $(echo "$exported" | grep -c '^gr_') symbols exported, all gr_"
declared=$(sed -n 's/.*GR_EXTERN[^(]*[ *]\(gr_[a-z0-9_]*\)(.*/\1/p' "$src"/include/guarantor/*.h | sort -u)
missing=$(comm -23 <(echo "$declared") <(echo "$exported"))
[ -z "$missing" ] || fail "declared GR_EXTERN but not exported: $(echo "$missing" | tr '\n' ' ')"
extra=$(comm -13 <(echo "$declared") <(echo "$exported" | grep '^gr_'))
[ -z "$extra" ] || fail "exported but declared in no header: $(echo "$extra" | tr '\n' ' ')"
echo "ok   every GR_EXTERN function of the headers is exported ($(echo "$declared" | wc -l))"
got=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')
[ "$got" = "$soname" ] || fail "SONAME is '$got', not '$soname'"
echo "ok   SONAME $got"
