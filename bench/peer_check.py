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


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--draws", type=int, default=400000, help="draws of each program per case (default 400000)")
    ap.add_argument("--threads", type=int, default=2, help="threads of the engine (default 2)")
    ap.add_argument("--cases", help="comma-separated events or scenarios (default: a set of eleven)")
    ap.add_argument("--arrangements", help="comma-separated arrangements (default: every catalog arrangement)")
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
    worst, rows, rel_worst, differ = 0.0, 0, 0.0, 0
    print(f"{'arrangement':20} {'case':42} {'attack':>7} {'z':>5} {'succ.':>7} {'z':>5}  worst other figure"
          + ("   replay: max rel. diff., choices differing" if args.replay and peer_numpy else ""))
    for arr in arrs:
        for case in cases:
            model = subprocess.run([BENCH, "model", arr, case], capture_output=True, text=True)
            if model.returncode != 0 or model.stdout.strip() == "null":
                continue  # The model refuses this case (no attack on the protected state).
            path = os.path.join(ROOT, "build", "bench", f"check-{arr}-{case}.json")
            with open(path, "w") as fp:
                fp.write(model.stdout)
            js = json.loads(model.stdout)
            replayed = ""
            if args.replay and peer_numpy:
                w = json.loads(subprocess.run([BENCH, "weigh", arr, case, str(args.replay)],
                                              capture_output=True, text=True, check=True).stdout)
                rel, nd = peer_numpy.replay(js, w)
                rel_worst, differ = max(rel_worst, rel), differ + nd
                replayed = f"   {rel:.1e} {nd}"
            c = json.loads(subprocess.run([BENCH, "engine", arr, case, str(args.draws), str(args.threads)],
                                          capture_output=True, text=True, check=True).stdout)
            p = json.loads(subprocess.run([py, PEER, path, "--draws", str(args.draws)],
                                          capture_output=True, text=True, check=True).stdout)
            engine_ob = json.loads(subprocess.run(
                [os.path.join(ROOT, "build", "guarantor"), "simulate", arr, case, "--json", "-n",
                 str(args.draws), "--threads", str(args.threads)], capture_output=True, text=True).stdout or "null")
            n = c["draws"]
            zs = {
                "attack": z_prop(c["attacks"], n, p["attacks"], n),
                "succeeds": z_prop(c["succeeds"], n, p["succeeds"], n),
                "holds|attack": z_prop(c["holds"], c["attacks"], p["holds"], p["attacks"]),
                "fewer_attacks": z_diff(c, p, "fewer_attacks"),
                "fewer_successes": z_diff(c, p, "fewer_successes"),
            }
            for o in OPTIONS:
                zs[f"chose {o}"] = z_prop(c["chosen"][o], n, p["chosen"][o], n)
            if engine_ob:
                res = engine_ob["result"]
                zs["no help|attack"] = z_prop(res["no_help_given_attack"]["k"], res["no_help_given_attack"]["n"],
                                              p["attacks"] - p["helped"], p["attacks"])
                at = {o["index"]: i for i, o in enumerate(js["obligations"])}
                for ob in res.get("obligations", []):
                    h, i = ob.get("honoured"), at.get(ob["obligation"])
                    if i is not None and isinstance(h, dict) and h.get("n"):
                        zs[f"honoured #{ob['obligation']} {ob['kind']}"] = z_prop(h["k"], h["n"], p["honoured"][i],
                                                                                   p["attacks"])
                for g, gr in enumerate(res.get("guarantors", [])):
                    h = gr["honours_any"]
                    if h.get("n"):
                        zs[f"{gr['guarantor']} honours any"] = z_prop(h["k"], h["n"], p["honours_any"][g], p["attacks"])
            other = max((k for k in zs if k not in ("attack", "succeeds")), key=lambda k: abs(zs[k]))
            worst = max(worst, max(abs(v) for v in zs.values()))
            rows += len(zs)
            print(f"{arr:20} {case:42} {p['attacks'] / n:7.4f} {zs['attack']:+5.1f} {p['succeeds'] / n:7.4f} "
                  f"{zs['succeeds']:+5.1f}  {other} {zs[other]:+.1f}{replayed}", flush=True)
    print(f"\n{rows} comparisons; largest |z| {worst:.2f} (accepted up to {args.max_z:g})")
    if args.replay and peer_numpy:
        print(f"replay of {args.replay} draws a case: largest relative difference of an option's value "
              f"{rel_worst:.1e}, {differ} choices differing")
    return 0 if worst <= args.max_z and rel_worst <= 1e-9 and differ == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
