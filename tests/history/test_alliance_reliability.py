#!/usr/bin/env python3
"""The alliance-reliability comparison reads the Berkemeier-Fuhrmann file as
published (50 % honoured overall, 66 % before 1945, 41 % for defence pacts;
the post-1945 figure, 22 % published, reads 18 % here and is pinned as
such), and docs/alliance-reliability.md is what the script writes today.
Exit 77 (skipped) when the data file is absent.

    tests/history/test_alliance_reliability.py SOURCE_DIR PROGRAM
"""
import json
import os
import subprocess
import sys

root, program = sys.argv[1], sys.argv[2]
script = os.path.join(root, "scripts", "history", "alliance_reliability.py")
p = subprocess.run([sys.executable, script, "--program", program, "--json"], capture_output=True, text=True)
if p.returncode == 77:
    print("skipped: " + p.stderr.strip())
    sys.exit(77)
failures = 0


def expect(what, ok):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    failures += not ok


d = json.loads(p.stdout)
get = lambda era, t, c="BF": next(x for x in d["observed"] if x["coding"] == c and x["era"] == era and x["type"] == t)
a = get("1816-2003", "any")
expect(f"50 % honoured overall ({a['honoured']} of {a['n']})", (a["honoured"], a["n"]) == (69, 139))
a = get("1816-1944", "any")
expect(f"66 % before 1945 ({a['honoured']} of {a['n']})", (a["honoured"], a["n"]) == (60, 90))
a = get("1816-2003", "defence")
expect(f"41 % for defence pacts ({a['honoured']} of {a['n']})", (a["honoured"], a["n"]) == (39, 96))
a = get("1945-2003", "any")
expect(f"after 1945 as read: 9 of 49 ({a['honoured']} of {a['n']})", (a["honoured"], a["n"]) == (9, 49))
a = get("1816-2003", "any", "LLM")
expect(f"the LLM coding: 50 % overall ({a['honoured']} of {a['n']})", (a["honoured"], a["n"]) == (73, 146))
m = d["model"]["defence"]
expect(f"the model's reference rate is honour_base's prior mean, 4/8.5 ({m['mean']:.3f})", abs(m["mean"] - 4 / 8.5) < 0.01)
md = subprocess.run([sys.executable, script, "--program", program], capture_output=True, text=True, check=True).stdout
have = open(os.path.join(root, "docs", "alliance-reliability.md"), encoding="utf-8").read()
expect("docs/alliance-reliability.md is what the script writes (run it after changing priors or cases)", md == have)
sys.exit(1 if failures else 0)
