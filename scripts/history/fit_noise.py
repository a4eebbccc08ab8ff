#!/usr/bin/env python3
"""Fit the one parameter the backtest is allowed to set, the scale of the
aggressor's decision error (`decision_noise`), leave-one-out, and report
the fit in and out of sample (docs/backtest.md, "Fitted parameter").

Every other prior of data/parameters.yaml is sourced or an assumption; the
decision noise has neither a source nor an intuitive size (it is the
scale of the logistic error on the aggressor's comparison of its best
option with not attacking, in units of the objective), so it is the
parameter the history is used to set. Its prior
is uniform(c/2, 3c/2) and the centre c is chosen on a grid:

  1. for each c of the grid, `guarantor backtest --csv` with a parameter
     file that sets decision_noise to uniform(c/2, 3c/2) gives every
     scored case's P(deterrence fails);
  2. in sample: the c with the lowest mean log loss over all scored cases;
  3. out of sample (leave-one-out): for each case, the c with the lowest
     mean log loss over the *other* cases, and that case's prediction at
     it; the scores of those predictions are the honest ones.

The same draws and seed are used for every c (common random numbers), so
the grid compares the noise, not the Monte Carlo error. Log loss is
clipped at 1e-3 as the backtest clips it.

    scripts/history/fit_noise.py [--program build/guarantor] [--draws N]
                                 [--grid 0.1,0.2,...] [--set huth|guarantee]

Prints a Markdown table (grid: in-sample log loss and Brier per c) and the
leave-one-out result, including how often each c was chosen. Exit 0.
"""
import argparse
import csv
import io
import math
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(program, c, draws, seed, threads):
    text = ("parameters:\n"
            "  - id: decision_noise\n"
            "    title: Scale of the aggressor's decision error (grid point of scripts/history/fit_noise.py)\n"
            "    unit: value\n"
            "    distribution: uniform\n"
            f"    min: {c / 2!r}\n"
            f"    max: {3 * c / 2!r}\n"
            "    sources: [{assumption: \"a grid point of the leave-one-out fit\"}]\n")
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write(text)
        path = f.name
    try:
        out = subprocess.run([program, "backtest", "--csv", "-n", str(draws), "--seed", str(seed), "--threads",
                              str(threads), "--params", path], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(path)
    rows = {}
    for r in csv.DictReader(io.StringIO(out)):
        if r["scored"] == "1":
            rows[r["case"]] = (float(r["model_p"]), int(r["failed"]), r["set"], r["cutoff"][:4])
    return rows


def loss(p, y):
    p = min(max(p, 1e-3), 1 - 1e-3)
    return -math.log(p if y else 1 - p)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--program", default=os.path.join(ROOT, "build", "guarantor"))
    ap.add_argument("--draws", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--grid", default="0.05,0.1,0.2,0.3,0.4,0.5,0.6,0.8,1.0,1.5")
    args = ap.parse_args()
    grid = [float(x) for x in args.grid.split(",")]
    preds = {c: run(args.program, c, args.draws, args.seed, args.threads) for c in grid}
    cases = sorted(set.intersection(*(set(p) for p in preds.values())))
    n = len(cases)

    def mean_loss(c, skip=None):
        v = [loss(preds[c][k][0], preds[c][k][1]) for k in cases if k != skip]
        return sum(v) / len(v)

    def brier(c):
        return sum((preds[c][k][0] - preds[c][k][1]) ** 2 for k in cases) / n

    print(f"Leave-one-out fit of decision_noise ~ uniform(c/2, 3c/2): {n} scored cases, "
          f"{args.draws:,} draws a case, seed {args.seed}\n")
    print("| c | in-sample log loss | in-sample Brier |")
    print("|---|---|---|")
    for c in grid:
        print(f"| {c:g} | {mean_loss(c):.3f} | {brier(c):.3f} |")
    best = min(grid, key=mean_loss)
    print(f"\nIn sample: c = {best:g} (log loss {mean_loss(best):.3f}, Brier {brier(best):.3f}).")
    chosen, ll, br = {}, [], []
    by_split = {}
    for k in cases:
        c = min(grid, key=lambda g: mean_loss(g, skip=k))
        chosen[c] = chosen.get(c, 0) + 1
        p, y, s, year = preds[c][k]
        ll.append(loss(p, y))
        br.append((p - y) ** 2)
        for split in ("all", s, "before 1945" if int(year) < 1945 else "1945 and after"):
            a = by_split.setdefault(split, [[], []])
            a[0].append(loss(p, y))
            a[1].append((p - y) ** 2)
    print(f"Leave-one-out: log loss {sum(ll) / n:.3f}, Brier {sum(br) / n:.3f}; "
          "c chosen " + ", ".join(f"{c:g} ({k} times)" for c, k in sorted(chosen.items())) + ".")
    print("\n| split | n | LOO log loss | LOO Brier |")
    print("|---|---|---|---|")
    for split, (l, b) in sorted(by_split.items()):
        print(f"| {split} | {len(l)} | {sum(l) / len(l):.3f} | {sum(b) / len(b):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
