#!/usr/bin/env python3
"""The Huth table reads as its README says before the backtest relies on it:
deterrence succeeded in 34 of 58 cases, and a plain probit of `deter` on
ibf, sbf, lbf, nuclear, milallia, milarm, fortrade, pastdet, firmflex and
tft reaches a log-likelihood of about -18.9 (../shared/data/README.md).
The backtest's Huth cases (data/history/huth.yaml) carry the same outcomes
and covariates, case for case. Exit 77 (skipped) when the table is absent.

    tests/history/test_huth_table.py [SOURCE_DIR]
"""
import csv
import math
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
table = os.path.join(os.path.dirname(root), "shared", "data", "huth1988", "huth.csv")
if not os.path.exists(table):
    print(f"skipped: {table} is not here")
    sys.exit(77)
rows = list(csv.DictReader(open(table, newline="")))
VARS = ["ibf", "sbf", "lbf", "nuclear", "milallia", "milarm", "fortrade", "pastdet", "firmflex", "tft"]
failures = 0


def expect(what, ok):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    failures += not ok


expect("58 cases, deterrence succeeded in 34", len(rows) == 58 and sum(int(r["deter"]) for r in rows) == 34)

# A probit by Newton's method (exact Hessian of the probit log-likelihood).
X = [[1.0] + [float(r[v]) for v in VARS] for r in rows]
y = [int(r["deter"]) for r in rows]
k = len(X[0])


def phi(z):
    return math.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)


def Phi(z):
    return 0.5 * math.erfc(-z / math.sqrt(2))


def loglik(b):
    s = 0.0
    for xi, yi in zip(X, y):
        z = sum(a * c for a, c in zip(b, xi))
        p = min(max(Phi(z), 1e-300), 1 - 1e-16)
        s += math.log(p) if yi else math.log(1 - p)
    return s


def solve(A, g):
    n = len(g)
    M = [row[:] + [g[i]] for i, row in enumerate(A)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(M[r][c]))
        M[c], M[p] = M[p], M[c]
        for r in range(n):
            if r != c and M[c][c] != 0:
                f = M[r][c] / M[c][c]
                M[r] = [a - f * b for a, b in zip(M[r], M[c])]
    return [M[i][n] / M[i][i] for i in range(n)]


b = [0.0] * k
ll = loglik(b)
for _ in range(100):
    g = [0.0] * k
    H = [[0.0] * k for _ in range(k)]
    for xi, yi in zip(X, y):
        z = sum(a * c for a, c in zip(b, xi))
        q = 2 * yi - 1
        lam = q * phi(q * z) / max(Phi(q * z), 1e-300)
        w = lam * (lam + z)
        for i in range(k):
            g[i] += lam * xi[i]
            for j in range(k):
                H[i][j] += w * xi[i] * xi[j]
    step = solve(H, g)
    t = 1.0
    while t > 1e-8 and loglik([a + t * s for a, s in zip(b, step)]) < ll:
        t /= 2
    b = [a + t * s for a, s in zip(b, step)]
    new = loglik(b)
    if abs(new - ll) < 1e-10:
        ll = new
        break
    ll = new
expect(f"the plain probit's log-likelihood is about -18.9 (got {ll:.2f})", abs(ll + 18.9) < 0.1)

# The generated cases agree with the table.
text = open(os.path.join(root, "data", "history", "huth.yaml"), encoding="utf-8").read()
cases = re.split(r"\n  - id: (huth-\d\d)[^\n]*\n", "\n" + text.split("\ncases:\n", 1)[1])[1:]
seen = 0
for cid, body in zip(cases[0::2], cases[1::2]):
    n = int(cid.split("-")[1])
    r = rows[n - 1]
    result = re.search(r"\n    outcome:\n      result: (\w+)", body).group(1)
    ok = (result == "deterred") == (r["deter"] == "1")
    for v in VARS:
        m = re.search(r"\{name: %s, value: ([-0-9.e]+)\}" % v, body)
        ok = ok and m is not None and abs(float(m.group(1)) - float(r[v])) < 1e-6
    if not ok:
        expect(f"case {n} has the table's outcome and covariates", False)
    seen += 1
expect(f"every Huth case of data/history/huth.yaml has the table's outcome and covariates ({seen} cases)", seen == 58)
sys.exit(1 if failures else 0)
