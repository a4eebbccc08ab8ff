#!/usr/bin/env python3
"""Benchmark of the C Monte Carlo engine against its NumPy peer, its random-
number floor, two threads, the ten-arrangement comparison, the sensitivity
analysis, and memory, in one run (docs/performance.md).

    make && python3 bench/run.py            (or: make bench)
    python3 bench/run.py --help             the options

It builds nothing: it runs build/bench/gr_bench and build/guarantor, and the
NumPy peer bench/peer_numpy.py with the first Python that has NumPy (this
one, else /usr/bin/python3, Debian's python3-numpy).

Every timing is the best of --repeat runs, taken in interleaved rounds so
that a noisy moment of the (shared) machine hits every measurement alike;
each ratio is formed from figures of this one run. The engine, floor and
compare timings are those gr_bench prints (the simulation only); the NumPy
peer's is its own (the simulation only, not Python's start-up); the
sensitivity run is timed wall clock, as a user sees it.

The agreement check is on the model's headlines, which are free of
selection: P(attack) (= 1 - P(deterred)) and P(an attack is made and
succeeds), over all draws. P(holds | attack) and the paired "fewer attacks
than with no guarantee" are printed beside them, not checked; on more
cases, and on every figure, bench/peer_check.py compares the two.

Exit status: 0 when the C engine and the NumPy peer agree (their 95%
intervals of P(attack) and of P(attack succeeds) overlap) and the engine
gives the same counts on 1 and 2 threads; 1 when not (or, with --strict,
when any performance target fails); 2 when something is missing.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "build", "bench", "gr_bench")
GUARANTOR = os.path.join(ROOT, "build", "guarantor")
PEER = os.path.join(ROOT, "bench", "peer_numpy.py")
OPTIONS = ("probe", "strike", "blockade", "offensive", "invasion")  # gr_attack_option order.

# The targets (the issue): name -> text shown in the table.
TARGET_NUMPY = 10.0  # C draws/s on one core >= 10x the NumPy peer's.
TARGET_FLOOR = 5.0  # Engine within 5x of the random-number floor.
TARGET_THREADS = 1.8  # Speed-up on 2 threads.
TARGET_COMPARE = 5.0  # Seconds for the ten arrangements at 1,000,000 draws.
TARGET_SENS = 30.0  # Seconds for simulate ARR --sensitivity at default settings.
TARGET_MEMORY = 1.10  # Peak memory at 4x the draws, at most 10% higher.


def run(cmd, env=None):
    """Run cmd; return (stdout, wall seconds, peak RSS in KiB). The peak is
    that child's own (os.wait4), not the maximum over all children."""
    with tempfile.TemporaryFile(mode="w+") as errf:  # A file: a full stderr pipe cannot block the child.
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errf, env=env, text=True)
        out = p.stdout.read()
        p.stdout.close()
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)  # Tell Popen it is reaped.
        if p.returncode != 0:
            errf.seek(0)
            print(f"run.py: {shlex.join(cmd)} failed (exit {p.returncode}):\n{errf.read().strip()}",
                  file=sys.stderr)
            sys.exit(2)
    return out, wall, usage.ru_maxrss


def peak_rss(cmd):
    """The peak RSS (KiB) of cmd alone, and whether it is exact.

    A child's ru_maxrss counts the pages it had before exec, i.e. this
    Python's, so for a small program wait4() gives this script's size. GNU
    time (/usr/bin/time, Debian package `time`) forks from a small process
    and so reports the program's own peak; without it the figure is an
    upper bound."""
    if os.access("/usr/bin/time", os.X_OK):
        with tempfile.NamedTemporaryFile(mode="r") as f:
            run(["/usr/bin/time", "-f", "%M", "-o", f.name] + cmd)
            return int(f.read().split()[-1]), True
    return run(cmd)[2], False


def run_json(cmd, env=None):
    """Run cmd, which prints one JSON object; return (object, peak RSS KiB)."""
    out, _, rss = run(cmd, env)
    return json.loads(out), rss


def numpy_python():
    """The first interpreter that imports NumPy, or None."""
    for py in (sys.executable, "/usr/bin/python3"):
        if py and os.path.exists(py):
            ok = subprocess.run([py, "-c", "import numpy"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL).returncode == 0
            if ok:
                return py
    return None


def peer_env():
    """The NumPy peer's environment: one thread for every BLAS/OpenMP
    runtime, and without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, which this
    workplace may set for old OpenBLAS builds and which slow a current one
    (for the peer's run only: nothing else is changed)."""
    env = dict(os.environ)
    for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        env.pop(k, None)
    for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
        env[k] = "1"
    return env


def overlap(a, b):
    """Do the intervals a = (lo, hi) and b = (lo, hi) overlap?"""
    return a[0] <= b[1] and b[0] <= a[1]


def verdict(ok):
    return "PASS" if ok else "FAIL"


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Benchmark the C engine against its NumPy peer, the random-number floor, 2 threads, "
                    "compare and --sensitivity, in one run (see docs/performance.md).")
    ap.add_argument("arrangement", nargs="?", default="coalition-2025", help="default coalition-2025")
    ap.add_argument("case", nargs="?", default="offensive-zaporizhzhia",
                    help="an event or a scenario; default offensive-zaporizhzhia")
    ap.add_argument("--draws", type=int, default=2000000,
                    help="draws of the C engine and of the floor (default 2000000)")
    ap.add_argument("--numpy-draws", type=int, default=500000,
                    help="draws of the NumPy peer (default 500000; it is the slower one)")
    ap.add_argument("--compare-draws", type=int, default=1000000,
                    help="draws per arrangement of `gr_bench compare` (default 1000000, the target's)")
    ap.add_argument("--memory-draws", type=int, nargs=2, default=[1000000, 4000000], metavar=("N1", "N2"),
                    help="the two draw counts of the memory check (default 1000000 4000000)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of each timing; the best is kept (default 3)")
    ap.add_argument("--strict", action="store_true", help="exit 1 when any performance target fails too")
    args = ap.parse_args(argv)
    if min(args.draws, args.numpy_draws, args.compare_draws, args.repeat, *args.memory_draws) <= 0:
        ap.error("draw counts and --repeat must be positive")

    # ---- What it needs ------------------------------------------------------
    for path in (BENCH, GUARANTOR):
        if not os.access(path, os.X_OK):
            print(f"run.py: {os.path.relpath(path, ROOT)} is missing: build it first with `make` "
                  f"(in {ROOT}), or run `make bench`.", file=sys.stderr)
            return 2
    py = numpy_python()
    if py is None:
        print("run.py: NumPy is missing, which the peer needs. On Debian: apt-get install -y python3-numpy "
              "(then this runs the peer with /usr/bin/python3); `make bench` installs it.", file=sys.stderr)
        return 2

    arr, ev = args.arrangement, args.case
    model_json, _, _ = run([BENCH, "model", arr, ev])
    model_path = os.path.join(ROOT, "build", "bench", f"model-{arr}-{ev}.json")
    with open(model_path, "w") as fp:
        fp.write(model_json)

    cmd = {
        "c1": [BENCH, "engine", arr, ev, str(args.draws), "1"],
        "c2": [BENCH, "engine", arr, ev, str(args.draws), "2"],
        "np": [py, PEER, model_path, "--draws", str(args.numpy_draws)],
        "npall": [py, PEER, model_path, "--draws", str(args.numpy_draws), "--draw-all"],
        "compare": [BENCH, "compare", str(args.compare_draws), "2"],
        "sens": [GUARANTOR, "simulate", arr, ev, "--sensitivity"],
    }
    env_np = peer_env()

    # ---- The measurements, in interleaved rounds ------------------------------
    best = {}  # name -> best seconds
    res = {}  # name -> the JSON of the first run (counts are the same every run)
    rss = {}  # name -> peak RSS KiB (the largest seen)

    def keep(name, seconds, obj=None, kib=0):
        best[name] = min(best.get(name, float("inf")), seconds)
        if obj is not None:
            res.setdefault(name, obj)
        rss[name] = max(rss.get(name, 0), kib)

    for r in range(args.repeat):
        print(f"run.py: round {r + 1}/{args.repeat} ...", file=sys.stderr, flush=True)
        j, k = run_json(cmd["c1"])
        keep("c1", j["seconds"], j, k)
        if "floor" not in cmd:
            # How often a draw opens the streams of an attack, from the
            # 1-thread run (the same every round): the case with no
            # guarantee attacked, then each option taken.
            n1 = res["c1"]["draws"]
            shares = [res["c1"]["base_attacks"] / n1] + [res["c1"]["chosen"][o] / n1 for o in OPTIONS]
            cmd["floor"] = [BENCH, "floor", arr, ev, str(args.draws), ",".join(f"{x:.6f}" for x in shares)]
        j, k = run_json(cmd["floor"])
        keep("floor", j["seconds"], j, k)
        j, k = run_json(cmd["c2"])
        keep("c2", j["seconds"], j, k)
        j, k = run_json(cmd["np"], env_np)
        keep("np", j["seconds"], j, k)
        j, k = run_json(cmd["npall"], env_np)
        keep("npall", j["seconds"], j, k)
        j, k = run_json(cmd["compare"])
        keep("compare", j["seconds"], j, k)
        _, wall, k = run(cmd["sens"])
        keep("sens", wall, None, k)

    # Memory: the engine's peak RSS at two draw counts (1 thread).
    mem, exact = [], True
    for n in args.memory_draws:
        k, ok = peak_rss([BENCH, "engine", arr, ev, str(n), "1"])
        mem.append(k)
        exact = exact and ok

    # ---- Figures ------------------------------------------------------------
    rate = lambda name, n: n / best[name]  # noqa: E731 (draws per second)
    c1, c2, npy, npall = rate("c1", args.draws), rate("c2", args.draws), \
        rate("np", args.numpy_draws), rate("npall", args.numpy_draws)
    floor = rate("floor", args.draws)
    r_numpy, r_numpy_all = c1 / npy, c1 / npall
    r_floor = floor / c1  # How many times slower than the floor the engine is.
    speedup = best["c1"] / best["c2"]
    mem_ratio = mem[1] / mem[0]

    c, p = res["c1"], res["np"]
    c_att, p_att = (c["attack_lo"], c["attack_hi"]), (p["attack_lo"], p["attack_hi"])
    c_suc, p_suc = (c["succeeds_lo"], c["succeeds_hi"]), (p["succeeds_lo"], p["succeeds_hi"])
    agree_att, agree_suc = overlap(c_att, p_att), overlap(c_suc, p_suc)
    # Printed, not checked: conditional on attacking, and the paired gain.
    c_holds = wilson(c["holds"], c["attacks"])
    p_holds = (p["holds_lo"], p["holds_hi"]) if p["attacks"] else (0.0, 1.0)
    c_few, p_few = (c["fewer_attacks_lo"], c["fewer_attacks_hi"]), (p["fewer_attacks_lo"], p["fewer_attacks_hi"])
    same_threads = all(res["c1"][k] == res["c2"][k] for k in
                       ("deterred", "attacks", "succeeds", "holds", "base_attacks", "base_succeeds", "chosen"))
    with open(model_path) as fp:
        model = json.load(fp)
    acting = sum(1 for o in model["obligations"] if any(x in o["acts"] for x in model["available"]))

    targets = [
        ("C vs NumPy, 1 core", f">= {TARGET_NUMPY:g}x", f"{r_numpy:.2f}x", r_numpy >= TARGET_NUMPY),
        ("engine / floor", f"<= {TARGET_FLOOR:g}x", f"{r_floor:.2f}x", r_floor <= TARGET_FLOOR),
        ("speed-up on 2 threads", f">= {TARGET_THREADS:g}x", f"{speedup:.2f}x", speedup >= TARGET_THREADS),
        (f"compare, 10 arr. x {args.compare_draws}", f"< {TARGET_COMPARE:g} s", f"{best['compare']:.2f} s",
         best["compare"] < TARGET_COMPARE),
        (f"simulate {arr} --sensitivity", f"< {TARGET_SENS:g} s", f"{best['sens']:.2f} s",
         best["sens"] < TARGET_SENS),
        ("memory flat in draws", f"<= {TARGET_MEMORY:g}x", f"{mem_ratio:.2f}x", mem_ratio <= TARGET_MEMORY),
    ]
    if args.compare_draws != 1000000:
        targets[3] = targets[3][:3] + (None,)  # The target is stated at 1,000,000 draws only.

    # ---- Report -------------------------------------------------------------
    w = 44
    print(f"guarantor benchmark: {arr} against {ev}; best of {args.repeat} runs per timing; "
          f"{os.cpu_count()} cores")
    print(f"  NumPy {p['numpy']} under {py}" + (f"; BLAS {p['blas']}" if p.get("blas") else ""))
    print()
    print(f"{'':{w}} {'draws':>10} {'seconds':>9} {'draws/s':>12}")
    print(f"{'C engine, 1 thread':{w}} {args.draws:>10} {best['c1']:>9.3f} {c1:>12,.0f}")
    print(f"{'C engine, 2 threads':{w}} {args.draws:>10} {best['c2']:>9.3f} {c2:>12,.0f}")
    print(f"{'NumPy peer, 1 thread (parameters it reads)':{w}} {args.numpy_draws:>10} {best['np']:>9.3f} "
          f"{npy:>12,.0f}")
    print(f"{'NumPy peer, 1 thread (every parameter, as C)':{w}} {args.numpy_draws:>10} {best['npall']:>9.3f} "
          f"{npall:>12,.0f}")
    print(f"{'floor (random numbers only, 1 thread)':{w}} {args.draws:>10} {best['floor']:>9.3f} {floor:>12,.0f}"
          f"   ({res['floor']['blocks_per_draw']:.3f} Philox blocks/draw)")
    print()
    print(f"{'C / NumPy (1 core)':{w}} {r_numpy:.2f}x   (NumPy drawing every parameter: {r_numpy_all:.2f}x)")
    print(f"{'C engine 2-thread speed-up':{w}} {speedup:.2f}x")
    print(f"{'C engine time / floor time':{w}} {r_floor:.2f}x")
    print(f"{'floor / NumPy (C at the floor would be this)':{w}} {floor / npy:.2f}x")
    print(f"{'compare, 10 arrangements, 2 threads':{w}} {best['compare']:.3f} s   "
          f"({res['compare']['arrangements']} x {args.compare_draws} draws)")
    print(f"{'simulate --sensitivity, defaults (wall)':{w}} {best['sens']:.3f} s")
    print(f"{'peak memory, C engine':{w}} {mem[0] / 1024:.1f} MiB at {args.memory_draws[0]} draws, "
          f"{mem[1] / 1024:.1f} MiB at {args.memory_draws[1]}" +
          ("" if exact else " (upper bounds: no /usr/bin/time here)"))
    print(f"{'peak memory, NumPy peer (its own run)':{w}} {rss['np'] / 1024:.1f} MiB at {args.numpy_draws} draws "
          f"(chunks of {p['chunk']})")
    print()
    print("Agreement (95% intervals must overlap on the first two; the others are shown, not checked):")

    def line(name, ce, ci, pe, pi, checked):
        said = ("agree" if overlap(ci, pi) else "DISAGREE") if checked else \
            ("(overlap)" if overlap(ci, pi) else "(no overlap)")
        print(f"  {name:22} C {ce:+.5f} [{ci[0]:+.5f}, {ci[1]:+.5f}]   "
              f"NumPy {pe:+.5f} [{pi[0]:+.5f}, {pi[1]:+.5f}]   {said}")

    line("P(attack)", c["attacks"] / c["draws"], c_att, p["attacks"] / p["draws"], p_att, True)
    line("P(attack succeeds)", c["succeeds"] / c["draws"], c_suc, p["succeeds"] / p["draws"], p_suc, True)
    line("P(holds | attack)", c["holds"] / max(c["attacks"], 1), c_holds, p["holds"] / max(p["attacks"], 1),
         p_holds, False)
    line("fewer attacks (paired)", c["fewer_attacks"], c_few, p["fewer_attacks"], p_few, False)
    print(f"  C counts on 1 and 2 threads: {'identical' if same_threads else 'DIFFER'}")
    print(f"  Obligations acting on an option open to the aggressor: {acting} of {len(model['obligations'])}" +
          ("" if acting else " (so this case checks the decision and the battle only: "
                             "bench/peer_check.py checks the obligations on other cases)"))
    print()
    print(f"{'target':{w}} {'wanted':>10} {'measured':>10}  verdict")
    for name, want, got, ok in targets:
        print(f"{name:{w}} {want:>10} {got:>10}  {'n/a (not at the target size)' if ok is None else verdict(ok)}")
    print()
    print("Commands (timings as printed by each):")
    for k in ("c1", "c2", "floor", "np", "npall", "compare", "sens"):
        print("  " + shlex.join(os.path.relpath(a, ROOT) if a.startswith(ROOT) else a for a in cmd[k]))
    for n in args.memory_draws:
        print("  " + shlex.join(["/usr/bin/time", "-f", "%M", "build/bench/gr_bench", "engine", arr, ev, str(n), "1"])
              + "   (peak RSS, KiB)")

    failed = [t[0] for t in targets if t[3] is False]
    if not (agree_att and agree_suc and same_threads):
        print("\nrun.py: the C engine and the NumPy peer DISAGREE (or the engine depends on threads)",
              file=sys.stderr)
        return 1
    if failed and args.strict:
        print(f"\nrun.py: targets not met: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def wilson(k, n, z=1.959964):
    """Wilson score interval (src/lib/stats.c); (0, 1) when n is 0."""
    if n == 0:
        return (0.0, 1.0)
    p, z2 = k / n, z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)) ** 0.5
    return (max(0.0, centre - half), min(1.0, centre + half))


if __name__ == "__main__":
    sys.exit(main())
