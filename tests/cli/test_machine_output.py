#!/usr/bin/env python3
"""End-to-end tests of the machine outputs and the uniform command line
(issue 13): the trigger and assess tables in text, CSV and JSON, the
provenance of every JSON and CSV output (with the SHA-256 of each file
loaded, as sha256sum gives it), '-' for standard input, and the exact
text of each warning or error that says an input changes nothing.

    test_machine_output.py PROGRAM SOURCE_DIR
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

PROG, SRC = sys.argv[1], sys.argv[2]
failures = 0
PROVENANCE_COLUMNS = ["version", "command_line", "seed", "draws", "params_hash", "scenario", "as_of_given",
                      "facts_given", "inputs"]


def run(*args, stdin=None, status=0):
    p = subprocess.run([PROG, *args], input=stdin, capture_output=True, text=True, cwd=SRC)
    if p.returncode != status:
        raise AssertionError(f"{' '.join(args)}: exit {p.returncode}, expected {status}\n{p.stderr}")
    return p


def check(name, cond, detail=""):
    global failures
    if cond:
        print(f"ok   {name}")
    else:
        failures += 1
        print(f"FAIL {name} {detail}")


def sha256sum(path):
    out = subprocess.run(["sha256sum", path], capture_output=True, text=True, check=True).stdout
    return out.split()[0]


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def provenance_columns(name, text):
    header = next(csv.reader(io.StringIO(text)))
    check(f"{name}: CSV ends with the provenance columns", header[-len(PROVENANCE_COLUMNS):] == PROVENANCE_COLUMNS,
          str(header))
    check(f"{name}: CSV column names are unique", len(set(header)) == len(header))
    check(f"{name}: no comment lines", not text.startswith("#"))


def count(cat_kind):
    shown = json.loads(run("show", "--json").stdout)
    return len(shown[cat_kind])


narrs, nscen = count("arrangements"), count("scenarios")

# ---- trigger: one pair keeps its outputs, several make a table ----------
one = json.loads(run("trigger", "coalition-2025", "offensive-zaporizhzhia", "--json").stdout)
check("trigger ARR CASE --json keeps the timeline's keys", "timeline" in one and "arrangement" in one)
check("trigger --json: obligations numbered from 1 in 'number'",
      [t["number"] for t in one["timeline"]] == list(range(1, len(one["timeline"]) + 1)))
p = one["provenance"]
check("trigger --json: provenance keys",
      set(p) >= {"program", "version", "command", "command_line", "seed", "draws", "params_hash", "scenario",
                 "as_of", "facts", "inputs"}, str(p))
check("trigger --json: the command line as typed",
      p["command_line"] == ["guarantor", "trigger", "coalition-2025", "offensive-zaporizhzhia", "--json"],
      str(p["command_line"]))
check("trigger --json: the scenario", p["scenario"] == "offensive-zaporizhzhia")

text = run("trigger", "coalition-2025,budapest-1994", "offensive-zaporizhzhia,ukr-strikes-first").stdout
lines = [l for l in text.splitlines() if l.startswith(("coalition-2025 ", "budapest-1994 "))]
check("trigger A,B C,D: a text table of 4 rows", len(lines) == 4, text)
header = [l for l in text.splitlines() if l.startswith("arrangement")]
check("trigger table: a header with the outcomes", header and "obligations" in header[0], text)

out = run("trigger", "coalition-2025,budapest-1994", "offensive-zaporizhzhia,ukr-strikes-first", "--csv").stdout
r = rows(out)
per_pair = {a: len(json.loads(run("trigger", a, "offensive-zaporizhzhia", "--json").stdout)["timeline"])
            for a in ("coalition-2025", "budapest-1994")}
check("trigger --csv: one row per arrangement x case x obligation", len(r) == 2 * sum(per_pair.values()),
      f"{len(r)} rows")
check("trigger --csv: obligations from 1", min(int(x["obligation"]) for x in r) == 1)
check("trigger --csv: rule and reason filled", all(x["rule"] and x["reason"] for x in r))
provenance_columns("trigger", out)

d = json.loads(run("trigger", "--all", "--json").stdout)
check("trigger --all --json: every arrangement on every scenario",
      len(d["timelines"]) == narrs * nscen and len(d["arrangements"]) == narrs and len(d["cases"]) == nscen)
check("trigger --all --json: lists are arrays", isinstance(d["arrangements"], list) and isinstance(d["cases"], list))
r = rows(run("trigger", "--all", "ukr-strikes-first", "--csv").stdout)
check("trigger --all CASE --csv: every arrangement", len({x["arrangement"] for x in r}) == narrs)
run("trigger", "--all", "--json", "--csv", status=2)
e = run("trigger", "coalition-2025,", "ukr-strikes-first", status=2).stderr
check("trigger: an empty id is an error", "an empty arrangement id in 'coalition-2025,'" in e, e)

# ---- assess: several arrangements make an actor x arrangement table -----
text = run("assess", "--all").stdout
check("assess --all: a column per arrangement",
      all(a in text.splitlines()[4] for a in ("budapest-1994", "coalition-2025", "nato-membership")), text)
out = run("assess", "--all", "--csv").stdout
r = rows(out)
d = json.loads(run("assess", "--all", "--json").stdout)
nrows = sum(len(a["actors"]) for a in d["assessments"])
check("assess --all --csv: one row per actor x arrangement", len(r) == nrows, f"{len(r)} != {nrows}")
check("assess --csv: verdicts", {x["verdict"] for x in r} <= {"accepts", "objects", "vetoes", "no position"})
check("assess --csv: a vetoing actor's row names the broken rule and its source",
      all(x["rule_state"] == "violated" and x["rule"] and x["source"] for x in r if x["verdict"] == "vetoes"))
provenance_columns("assess", out)
check("assess --all --json: one assessment per arrangement", len(d["assessments"]) == narrs)
check("assess --all --json: provenance", d["provenance"]["command"] == "assess")
one = json.loads(run("assess", "coalition-2025", "--json").stdout)
check("assess ARR --json keeps its shape", "actors" in one and "provenance" in one)

# ---- provenance: hashes of the files, '-' for standard input ------------
example = "docs/examples/new-plan.yaml"
d = json.loads(run("trigger", "new-plan", "np-offensive", "-f", example, "--json").stdout)
check("-f FILE: its SHA-256 equals sha256sum's",
      d["provenance"]["inputs"] == [{"path": example, "sha256": sha256sum(os.path.join(SRC, example))}],
      str(d["provenance"]["inputs"]))
with open(os.path.join(SRC, example)) as f:
    body = f.read()
d = json.loads(run("trigger", "new-plan", "np-offensive", "-f", "-", "--json", stdin=body).stdout)
check("-f - reads standard input", d["arrangement"] == "new-plan", str(d.get("arrangement")))
check("-f -: the hash of what was read",
      d["provenance"]["inputs"] == [{"path": "-", "sha256": sha256sum(os.path.join(SRC, example))}])
e = run("trigger", "new-plan", "np-offensive", "-f", "-", "-f", "-", stdin=body, status=2).stderr
check("-f - twice is an error",
      "guarantor: '-' (standard input) is given 2 times; only one file can be read from standard input" in e, e)
with tempfile.TemporaryDirectory() as tmp:
    params = os.path.join(tmp, "p.yaml")
    with open(params, "w") as f:
        f.write("parameters:\n  - id: honour_base\n    title: x\n    unit: probability\n    distribution: beta\n"
                "    a: 30\n    b: 30\n    sources: [{assumption: x}]\n")
    out = run("backtest", "--set", "guarantee", "-n", "200", "--bootstrap", "10", "--csv", "--params", params).stdout
    r = rows(out)
    provenance_columns("backtest", out)
    check("backtest --csv: seed, draws, parameter hash and the file's hash on every row",
          all(x["seed"] == "1" and x["draws"] == "200" and len(x["params_hash"]) == 16 and
              x["inputs"] == f"{params}={sha256sum(params)}" for x in r))
    d = json.loads(run("backtest", "--set", "guarantee", "-n", "200", "--bootstrap", "10", "--json",
                       "--params", params).stdout)
    check("backtest --json: provenance", d["provenance"]["draws"] == 200 and d["provenance"]["seed"] == 1 and
          d["provenance"]["inputs"][0]["sha256"] == sha256sum(params))
    empty = os.path.join(tmp, "empty.yaml")
    with open(empty, "w") as f:
        f.write("parameters: []\n")
    e = run("backtest", "-n", "200", "--params", empty, status=2).stderr
    check("--params with no parameter is an error",
          f"guarantor backtest: --params {empty} holds no parameter: nothing would change" in e, e)
    e = run("backtest", "-n", "200", "--loo", "--csv", status=2).stderr
    check("backtest --loo with --csv is an error",
          "guarantor backtest: --loo changes only the text output; --csv has every leave-one-out prediction" in e, e)

# ---- show and check ---------------------------------------------------
d = json.loads(run("show", "coalition-2025", "--json").stdout)
check("show ID --json: provenance", d["provenance"]["command"] == "show")
e = run("show", "--kinds", "-f", example, status=2).stderr
check("show --kinds -f is an error", "guarantor show: --kinds reads no catalog: -f would change nothing" in e, e)
d = json.loads(run("check", "--json", example).stdout)
check("check --json: what the file holds", d["ok"] and d["files"][0]["records"]["arrangement"] == 1, str(d))
check("check --json: the file's hash", d["provenance"]["inputs"][0]["sha256"] == sha256sum(os.path.join(SRC, example)))
p = run("check", "--json", "-", stdin="arrangement:\n  id: x\n", status=2)
d = json.loads(p.stdout)
check("check --json -: diagnostics of standard input",
      not d["ok"] and d["errors"] > 0 and d["diagnostics"][0]["file"] == "<stdin>", str(d["diagnostics"][:1]))

# ---- facts nothing reads ------------------------------------------------
e = run("trigger", "budapest-1994", "offensive-zaporizhzhia", "--facts", "us_backstop=true").stderr
check("a fact nothing reads is named",
      "guarantor trigger: warning: fact us_backstop is read by nothing in budapest-1994" in e, e)
e = run("trigger", "budapest-1994,us-deterrence-2021", "offensive-zaporizhzhia", "--facts",
        "us_backstop=true").stderr
check("a fact nothing reads in several arrangements is named",
      "guarantor trigger: warning: fact us_backstop is read by nothing in the 2 arrangements" in e, e)

print(f"{'all ok' if failures == 0 else f'{failures} failed'}")
sys.exit(1 if failures else 0)
