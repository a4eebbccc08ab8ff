#!/usr/bin/env python3
"""How check and assess scale with the size of a catalog: a file of N
generated positions (bench/many_positions.py) loaded on top of the
built-in catalog, timed as a user runs them (wall clock, best of
--repeat, interleaved).

    make && python3 bench/scale.py [--sizes 1000,5000,20000] [--repeat 5]

The target (issue 8): check and assess each well under a second with
20,000 positions. Prints a table; exit status 0 when the target holds at
the largest size, 1 when not, 2 when the program is missing.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GUARANTOR = os.path.join(ROOT, "build", "guarantor")
GEN = os.path.join(ROOT, "bench", "many_positions.py")
TARGET_SECONDS = 1.0


def timed(cmd):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    t = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"scale.py: {' '.join(cmd)} failed ({p.returncode}): {p.stderr.strip()}")
    return t


def main():
    global GUARANTOR
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,5000,20000", help="numbers of positions (default %(default)s)")
    ap.add_argument("--repeat", type=int, default=5, help="runs of each, the best is kept (default %(default)s)")
    ap.add_argument("--program", default=GUARANTOR, help="the program to time (default build/guarantor)")
    args = ap.parse_args()
    GUARANTOR = args.program
    if not os.access(GUARANTOR, os.X_OK):
        print(f"scale.py: {GUARANTOR} is missing: run make first", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'positions':>10}  {'check (s)':>10}  {'assess (s)':>11}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = os.path.join(tmp, f"positions-{n}.yaml")
            with open(path, "w") as f:
                subprocess.run([sys.executable, GEN, str(n)], stdout=f, check=True)
            best = {"check": float("inf"), "assess": float("inf")}
            for _ in range(args.repeat):
                best["check"] = min(best["check"], timed([GUARANTOR, "check", path]))
                best["assess"] = min(best["assess"], timed([GUARANTOR, "assess", "coalition-2025", "-f", path]))
            print(f"{n:>10}  {best['check']:>10.3f}  {best['assess']:>11.3f}")
            if n == max(sizes):
                worst = max(best.values())
    ok = worst < TARGET_SECONDS
    print(f"\ntarget: check and assess under {TARGET_SECONDS:.0f} s at {max(sizes)} positions: "
          f"{'met' if ok else 'NOT MET'} (slowest {worst:.3f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
