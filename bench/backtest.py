#!/usr/bin/env python3
"""How long `guarantor backtest` takes over every built-in case at the
default number of draws, on two threads (issue 11: under a minute on two
cores). A measurement, not a test: the machines are shared and noisy, so
it reports the median of a few runs with the spread, the number of cases
and draws, and the time per case; it fails nobody.

    bench/backtest.py [--program build/guarantor] [--runs 3] [--threads 2]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--program", default=os.path.join(ROOT, "build", "guarantor"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    cmd = [a.program, "backtest", "--threads", str(a.threads), "--json"]
    times, out = [], None
    for _ in range(a.runs):
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if p.returncode != 0:
            print(p.stderr, file=sys.stderr)
            return 1
        out = json.loads(p.stdout)
    cases = len(out["cases"])
    scored = sum(1 for c in out["cases"] if c["scored"])
    med = statistics.median(times)
    print(f"backtest: {cases} cases ({scored} scored), {out['draws_per_case']} draws a case, "
          f"{out['bootstrap']} bootstrap resamples, {a.threads} threads")
    print(f"  wall time: median {med:.2f} s over {a.runs} runs (min {min(times):.2f}, max {max(times):.2f}); "
          f"{1000 * med / max(cases, 1):.1f} ms a case; budget 60 s: {'within' if med < 60 else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
