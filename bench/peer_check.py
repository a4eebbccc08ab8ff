#!/usr/bin/env python3
"""The NumPy peer against the C engine on many cases, not only run.py's one.

bench/run.py's default case (coalition-2025 against offensive-zaporizhzhia)
has no obligation acting on any option, so its agreement check exercises
only the decision and the battle. This runs every catalog arrangement
against events and scenarios where obligations act, are stationed where the
attack falls, or are triggered by strikes and blockades, and compares every
figure both programs count: P(attack), P(an attack succeeds), each option's
share, P(holds | attack), P(some help | attack), the two paired gains over
no guarantee, and each obligation's and guarantor's honour rate. Each
difference is given in standard errors of the difference (z). With some
two thousand comparisons, many |z| above 2 and a few above 3 are expected;
they are not independent (every case of a program runs on the same seed,
so cases that share their no-guarantee twin share its noise, and several
cases compile to the same model), so a |z| near 3 should be rerun with
other seeds (`guarantor simulate ... --seed S`, `peer_numpy.py --seed S`)
before it is taken for a difference.

Before that, draw for draw: `gr_bench weigh` prints the engine's own
parameter vectors and decision errors for the first --replay draws, with
the value of every open option and the choice it made, for the case and
for its no-guarantee twin; the peer weighs the same vectors
(peer_numpy.replay) and must find the same values (to a relative 1e-9) and
the same choices. That checks the decision exactly; the statistical
comparison then checks the sampling and the fight.

    make && python3 bench/peer_check.py [--draws 400000] [--replay 5000] [--cases a,b,...] [--arrangements x,y,...]

Exit status 0 when every replayed draw agrees and every |z| is at most
--max-z (default 4.5), 1 when not, 2 when something is missing. It
measures no time.
"""
import argparse
import json
import math
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "build", "bench", "gr_bench")
PEER = os.path.join(ROOT, "bench", "peer_numpy.py")
OPTIONS = ("probe", "strike", "blockade", "offensive", "invasion")
Z95 = 1.959964

CASES = ("offensive-zaporizhzhia", "strike-kyiv", "incursion-kharkiv", "blockade-odesa", "violation-donetsk",
         "after-ceasefire-offensive-zaporizhzhia", "un-mandate-offensive-zaporizhzhia", "after-ceasefire-strike-kyiv",
         "after-ceasefire-attack-reassurance-force", "after-ceasefire-blockade-odesa", "ukr-strikes-first")


# Cases the built-in catalog lacks, for the branches of the model it never
# takes: (arrangement, case, gr_bench's catalog options, what it exercises).
FORCE_CAP = "tests/cases/model-force-cap.yaml"
EXTRA = (
    ("g-bel-1914-london-1839", "g-bel-1914-sc", ["--history"], "before 1945, an invasion and its lesser options"),
    ("g-pol-1939-guarantees", "g-pol-1939-sc", ["--history"], "before 1945"),
    ("g-grc-1940-guarantee", "g-grc-1940-sc", ["--history"], "before 1945"),
    ("g-berlin-1948-garrisons", "g-berlin-1948-sc", ["--history"], "a territory with no forces of its own"),
    ("g-flk-1982-garrison", "g-flk-1982-sc", ["--history"], "a territory with no forces of its own"),
    ("g-kor-1950-us-posture", "g-kor-1950-sc", ["--history"], "help delivered before the attack"),
    ("g-rvn-1973-paris", "g-rvn-1975-sc", ["--history"], "help delivered before the attack"),
    ("g-twn-tra", "g-twn-2022-sc", ["--history"], "help delivered before the attack"),
    ("g-est-2022-nato", "g-est-2022-sc", ["--history"], "a tripwire force"),
    ("mc-capped", "offensive-zaporizhzhia", ["-f", "FORCE_CAP"], "a force cap (the twin is uncapped)"),
)


def z_prop(k1, n1, k2, n2):
    """The difference of two independent proportions in standard errors."""
    if n1 == 0 or n2 == 0:
        return 0.0
    p1, p2 = k1 / n1, k2 / n2
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    return 0.0 if se == 0 else (p1 - p2) / se


def z_diff(a, b, key):
    """The difference of two paired-difference estimates in standard errors,
    each one's from the half-width of its 95% interval."""
    sa = (a[f"{key}_hi"] - a[f"{key}_lo"]) / (2 * Z95)
    sb = (b[f"{key}_hi"] - b[f"{key}_lo"]) / (2 * Z95)
    se = math.hypot(sa, sb)
    return 0.0 if se == 0 else (a[key] - b[key]) / se


def check(arr, case, load, args, py, peer_numpy, tally):
    """Compare the engine and the peer on one case; print a line and add to
    tally. load: gr_bench's catalog options for this case."""
    bench = [BENCH] + load
    model = subprocess.run(bench + ["model", arr, case], capture_output=True, text=True)
    if model.returncode != 0 or model.stdout.strip() == "null":
        return  # The model refuses this case (no attack on the protected state, or no sub-model).
    path = os.path.join(ROOT, "build", "bench", f"check-{arr}-{case}.json")
    with open(path, "w") as fp:
        fp.write(model.stdout)
    js = json.loads(model.stdout)
    replayed = ""
    if args.replay and peer_numpy:
        w = json.loads(subprocess.run(bench + ["weigh", arr, case, str(args.replay)],
                                      capture_output=True, text=True, check=True).stdout)
        rel, nd = peer_numpy.replay(js, w)
        tally["rel"], tally["differ"] = max(tally["rel"], rel), tally["differ"] + nd
        replayed = f"   {rel:.1e} {nd}"
    c = json.loads(subprocess.run(bench + ["engine", arr, case, str(args.draws), str(args.threads)],
                                  capture_output=True, text=True, check=True).stdout)
    p = json.loads(subprocess.run([py, PEER, path, "--draws", str(args.draws)],
                                  capture_output=True, text=True, check=True).stdout)
    n = c["draws"]
    zs = {
        "attack": z_prop(c["attacks"], n, p["attacks"], n),
        "succeeds": z_prop(c["succeeds"], n, p["succeeds"], n),
        "holds|attack": z_prop(c["holds"], c["attacks"], p["holds"], p["attacks"]),
        "no help|attack": z_prop(c["no_help"], c["attacks"], p["attacks"] - p["helped"], p["attacks"]),
        "fewer_attacks": z_diff(c, p, "fewer_attacks"),
        "fewer_successes": z_diff(c, p, "fewer_successes"),
    }
    for o in OPTIONS:
        zs[f"chose {o}"] = z_prop(c["chosen"][o], n, p["chosen"][o], n)
    for i, (k, of) in enumerate(c["honoured"]):  # Among the attacks in which it acted.
        if of or p["acted"][i]:
            zs[f"honoured #{js['obligations'][i]['index']} {js['obligations'][i]['kind']}"] = \
                z_prop(k, of, p["honoured"][i], p["acted"][i])
        zs[f"acted #{js['obligations'][i]['index']}"] = z_prop(of, n, p["acted"][i], n)
    for g, (k, of) in enumerate(c["honours_any"]):
        zs[f"guarantor {g} gives help"] = z_prop(k, of, p["honours_any"][g], p["attacks"])
    other = max((k for k in zs if k not in ("attack", "succeeds")), key=lambda k: abs(zs[k]))
    tally["worst"] = max(tally["worst"], max(abs(v) for v in zs.values()))
    tally["rows"] += len(zs)
    print(f"{arr:24} {case:40} {p['attacks'] / n:7.4f} {zs['attack']:+5.1f} {p['succeeds'] / n:7.4f} "
          f"{zs['succeeds']:+5.1f}  {other} {zs[other]:+.1f}{replayed}", flush=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--draws", type=int, default=400000, help="draws of each program per case (default 400000)")
    ap.add_argument("--threads", type=int, default=2, help="threads of the engine (default 2)")
    ap.add_argument("--cases", help="comma-separated events or scenarios (default: a set of eleven)")
    ap.add_argument("--arrangements", help="comma-separated arrangements (default: every catalog arrangement)")
    ap.add_argument("--no-extra", action="store_true",
                    help="leave out the historical and force-cap cases (EXTRA)")
    ap.add_argument("--replay", type=int, default=5000,
                    help="draws weighed draw for draw on the engine's own vectors (default 5000; 0: none)")
    ap.add_argument("--max-z", type=float, default=4.5, help="largest |z| accepted (default 4.5)")
    args = ap.parse_args(argv)
    if not os.access(BENCH, os.X_OK):
        print("peer_check.py: build/bench/gr_bench is missing: build first (make)", file=sys.stderr)
        return 2
    py = sys.executable
    if subprocess.run([py, "-c", "import numpy"], capture_output=True).returncode != 0:
        py = "/usr/bin/python3"
    cases = args.cases.split(",") if args.cases else list(CASES)
    if args.arrangements:
        arrs = args.arrangements.split(",")
    else:
        show = subprocess.run([os.path.join(ROOT, "build", "guarantor"), "show"], capture_output=True, text=True)
        lines = show.stdout.split("\n")
        start = next(i for i, line in enumerate(lines) if line.startswith("Arrangements"))
        arrs = []
        for line in lines[start + 1:]:
            if not line.startswith("  "):
                break
            arrs.append(line.split()[0])

    sys.path.insert(0, os.path.dirname(PEER))
    try:
        import peer_numpy
    except ImportError:  # This Python has no NumPy: no replay.
        peer_numpy = None
        if args.replay:
            print("peer_check.py: no NumPy in this Python: the draw-for-draw replay is skipped (run it with "
                  "/usr/bin/python3)", file=sys.stderr)
    tally = {"worst": 0.0, "rows": 0, "rel": 0.0, "differ": 0}
    print(f"{'arrangement':24} {'case':40} {'attack':>7} {'z':>5} {'succ.':>7} {'z':>5}  worst other figure"
          + ("   replay: max rel. diff., choices differing" if args.replay and peer_numpy else ""))
    for arr in arrs:
        for case in cases:
            check(arr, case, [], args, py, peer_numpy, tally)
    if not args.no_extra and not args.arrangements and not args.cases:
        for arr, case, load, _ in EXTRA:
            check(arr, case, [a if a != "FORCE_CAP" else os.path.join(ROOT, FORCE_CAP) for a in load], args, py,
                  peer_numpy, tally)
    print(f"\n{tally['rows']} comparisons; largest |z| {tally['worst']:.2f} (accepted up to {args.max_z:g})")
    if args.replay and peer_numpy:
        print(f"replay of {args.replay} draws a case: largest relative difference of an option's value "
              f"{tally['rel']:.1e}, {tally['differ']} choices differing")
    return 0 if tally["worst"] <= args.max_z and tally["rel"] <= 1e-9 and tally["differ"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
