#!/usr/bin/env bash
# Write every catalog output of the program into one directory, a file per
# command line, so that two builds can be compared byte for byte:
#
#   scripts/outputs.sh PROGRAM DIR
#   diff -r DIR-before DIR-after
#
# Covers show (every id, text and JSON, the vocabularies), check of the
# documented examples, trigger of every arrangement on every event, assess
# of every arrangement (latest and at two dates), simulate of every
# arrangement at a fixed seed (text and JSON, one with --sensitivity), and
# compare in all three formats. Exit statuses are recorded beside outputs.
set -uo pipefail
prog=${1:?usage: scripts/outputs.sh PROGRAM DIR}
out=${2:?usage: scripts/outputs.sh PROGRAM DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
cd "$here"

n=0
run() {
  local name=$1; shift
  n=$((n + 1))
  "$prog" "$@" >"$out/$name.out" 2>"$out/$name.err"
  echo $? >"$out/$name.rc"
}

ids() { "$prog" show --json | python3 -c "
import json,sys
c=json.load(sys.stdin)
for r in c.get('$1',[]): print(r['id'])"; }

run show show
run show-json show --json
run kinds show --kinds
run kinds-json show --kinds --json
for kind in arrangements events positions actors regions parameters documents; do
  for id in $(ids "$kind"); do
    run "show-$id" show "$id"
    run "show-json-$id" show "$id" --json
  done
done
for f in docs/examples/*.yaml; do
  run "check-$(basename "$f")" check --verbose "$f"
done
arrs=$(ids arrangements)
evs=$(ids events)
for a in $arrs; do
  for e in $evs; do
    run "trigger-$a-$e" trigger "$a" "$e"
    run "trigger-json-$a-$e" trigger "$a" "$e" --json
  done
  run "trigger-facts-$a" trigger "$a" offensive-zaporizhzhia --facts un_mandate=true
  run "assess-$a" assess "$a"
  run "assess-json-$a" assess "$a" --json
  run "assess-2022-$a" assess "$a" --as-of 2022-01-01
  run "assess-2025-$a" assess "$a" --as-of 2025-09-01 --actors RUS,USA,FRA
  run "simulate-$a" simulate "$a" -n 20000 --seed 7 --threads 2
  run "simulate-json-$a" simulate "$a" -n 20000 --seed 7 --threads 2 --json
done
run simulate-strike simulate coalition-2025 strike-kyiv -n 20000 --seed 3
run simulate-sens simulate coalition-2025 -n 20000 --sensitivity --samples 1024 --threads 2
run simulate-sens-json simulate nato-lite-2025 -n 20000 --sensitivity --samples 1024 --json
run simulate-precision simulate budapest-1994 --precision 0.01 --seed 5
run compare compare -n 50000 --seed 11 --threads 2
run compare-json compare -n 50000 --seed 11 --json
run compare-csv compare -n 50000 --seed 11 --csv
run compare-some compare coalition-2025 nato-lite-2025 --event strike-kyiv -n 30000
echo "scripts/outputs.sh: $n command lines written to $out" >&2
