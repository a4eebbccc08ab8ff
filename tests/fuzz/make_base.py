#!/usr/bin/env python3
"""Write the base and the seeds of the engines harness (fuzz_engines.c)
from the built-in catalog, as the program shows it:

- tests/fuzz/engines_base.json: the actors, events, scenarios, positions and fact rules, and the
  regions the arrangements and events name (each with its last three
  control snapshots), trimmed to what the engines read: aliases, notes
  and quotes dropped, every source an assumption. Loading it costs a
  fraction of the built-in catalog, and the ids, memberships, figures and
  dates are the same, so inputs written against the built-in catalog load
  on it.
- tests/fuzz/fuzz_engines/<id>.json: each built-in arrangement, trimmed
  the same way (its sources cite documents the base does not hold).

Regenerate both after changing data/ (the harness aborts at start when
the base no longer validates):

    python3 tests/fuzz/make_base.py build/guarantor
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = {"assumption": "fuzzing base: trimmed from the built-in catalog"}


def trim(v):
    if isinstance(v, dict):
        if "doc" in v or "ref" in v or "assumption" in v:
            return SOURCE
        return {k: trim(x) for k, x in v.items() if k not in ("aliases", "note")}
    if isinstance(v, list):
        return [trim(x) for x in v]
    return v


def record(rec):
    rec = trim(rec)
    if "sources" in rec:
        rec["sources"] = [SOURCE]
    if "summary" in rec:
        rec["summary"] = "trimmed"
    if "control" in rec:
        rec["control"] = rec["control"][-3:]
    return rec


def main():
    prog = sys.argv[1] if len(sys.argv) > 1 else "build/guarantor"
    out = subprocess.run([prog, "show", "--json"], check=True, capture_output=True, text=True).stdout
    catalog = json.loads(out)
    named = set(re.findall(r"UA-[0-9]{2}", json.dumps([catalog["events"], catalog["arrangements"]])))
    # A position that names arrangements would need them in the base: the
    # base keeps what it says of every arrangement, not of named ones.
    for p in catalog["positions"]:
        p["match"].pop("arrangements", None)
    catalog["positions"] = [p for p in catalog["positions"] if p["match"]]
    base = {kind: [record(r) for r in catalog[kind] if kind != "regions" or r["id"] in named]
            for kind in ("actors", "regions", "events", "positions", "scenarios", "fact_rules")}
    with open(os.path.join(HERE, "engines_base.json"), "w") as f:
        f.write("{" + ",\n".join(json.dumps(k) + ": " + json.dumps(v, separators=(",", ":"))
                                 for k, v in base.items()) + "}\n")
    for a in catalog["arrangements"]:
        with open(os.path.join(HERE, "fuzz_engines", a["id"] + ".json"), "w") as f:
            f.write(json.dumps({"arrangements": [record(a)]}, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
