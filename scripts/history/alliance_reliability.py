#!/usr/bin/env python3
"""The model's honour rates against the record of alliance commitments in
war (issue 11): Berkemeier & Fuhrmann (2018), "Reassessing the fulfillment
of alliance commitments in war", Research & Politics 5(2), 576
alliance-war observations with their codings of honoured and violated
commitments and those of Leeds, Long & Mitchell (2000), "Reevaluating
Alliance Reliability", JCR 44(5).

    scripts/history/alliance_reliability.py [--program build/guarantor] [--data CSV] [--json]

Writes a markdown report (docs/alliance-reliability.md is its output) or,
with --json, the same figures as JSON. Deterministic: the model's rates
come from a fixed-seed Monte Carlo over the priors of data/parameters.yaml
(read through `guarantor show --json`). Standard library only.

Sample rule (reproducing the published figures): an observation counts when
it is coded honoured (`honorBF` = 1) or violated (`violateBF` = 1), and the
rate is honoured / (honoured + violated); the same with `honorLLM` and
`violateLLM` for the other coding. The era is the year in `warname`; the
two world wars, named without one, take their Correlates of War start
years (World War I 1914, World War II 1939; Sarkees & Wayman 2010, Resort to
War, CQ Press). The ATOP obligation types are the columns defense, offense,
neutral, nonagg and consul (an observation may have several).
"""
import argparse
import csv
import json
import math
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data", "berkemeier-fuhrmann-2018",
                    "BerkemeierFuhrmannRAP2018_0303.csv")
WARS = {"WorldWarI": 1914, "WorldWarII": 1939}
ERAS = [("1816-2003", lambda y: True), ("1816-1944", lambda y: y < 1945), ("1945-2003", lambda y: y >= 1945)]
TYPES = [("any", None), ("defence", "defense"), ("offence", "offense"), ("neutrality", "neutral"),
         ("non-aggression", "nonagg"), ("consultation", "consul")]
PUBLISHED = {  # Berkemeier & Fuhrmann (2018), their coding.
    ("1816-2003", "any"): 0.50, ("1816-1944", "any"): 0.66, ("1945-2003", "any"): 0.22, ("1816-2003", "defence"): 0.41,
}
Z = 1.959964


def wilson(k, n):
    if n == 0:
        return (math.nan, math.nan, math.nan)
    p = k / n
    c = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    h = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return (p, max(0.0, c - h), min(1.0, c + h))


def year(row):
    if row["warname"] in WARS:
        return WARS[row["warname"]]
    return int(re.search(r"(1[89]\d\d|20\d\d)", row["warname"]).group(1))


def observed(rows):
    out = []
    for coding in ("BF", "LLM"):
        for era, in_era in ERAS:
            for tname, col in TYPES:
                sel = [r for r in rows if in_era(year(r)) and (col is None or r[col] == "1")]
                k = sum(r["honor" + coding] == "1" for r in sel)
                n = k + sum(r["violate" + coding] == "1" for r in sel)
                p, lo, hi = wilson(k, n)
                out.append({"coding": coding, "era": era, "type": tname, "honoured": k, "n": n,
                            "rate": p, "lo": lo, "hi": hi})
    return out


def draw(p, rng):
    d = p["distribution"]
    if d == "fixed":
        return p["value"]
    if d == "beta":
        return rng.betavariate(p["a"], p["b"])
    if d == "normal":
        return rng.gauss(p["mean"], p["sd"])
    if d == "lognormal":
        return math.exp(rng.gauss(p["mu"], p["sigma"]))
    if d == "uniform":
        return rng.uniform(p["min"], p["max"])
    if d == "triangular":
        return rng.triangular(p["min"], p["max"], p["mode"])
    raise SystemExit(f"unknown distribution {d}")


# The model's analogue of each ATOP type (docs/model.md, section 2.2): the
# shifts added to logit(honour_base). None: no analogue.
ANALOGUES = {
    "defence": ("a firm, automatic military intervention in a ratified treaty (the reference obligation)", []),
    "defence, nuclear-armed aggressor": ("the same against a nuclear-armed aggressor", ["nuclear_shift"]),
    "defence, political declaration": ("a firm, discretionary military intervention in a political declaration "
                                       "(how a public deterrent threat without a treaty is coded)",
                                       ["legal_political_declaration", "act_discretionary"]),
    "consultation": ("a firm, automatic consultation in a ratified treaty", []),
}
NO_ANALOGUE = {
    "offence": "the model has no offensive obligations",
    "neutrality": "a promise to stay out promises no help: the model has no analogue",
    "non-aggression": "a promise not to attack promises no help: the model has no analogue",
}


def model_rates(params, draws=100000, seed=20181):
    byid = {p["id"]: p for p in params}
    rng = random.Random(seed)
    out = {}
    for name, (what, shifts) in ANALOGUES.items():
        vals = []
        for _ in range(draws):
            hb = min(max(draw(byid["honour_base"], rng), 1e-12), 1 - 1e-12)
            # b0 = logit(honour_base) - cost_combat_shift; a combat kind adds
            # cost_combat_shift back (the same draw), a consultation its own.
            combat = draw(byid["cost_combat_shift"], rng)
            eta = math.log(hb / (1 - hb)) - combat
            eta += draw(byid["cost_consultation_shift"], rng) if name == "consultation" else combat
            for s in shifts:
                eta += draw(byid[s], rng)
            vals.append(1 / (1 + math.exp(-eta)))
        vals.sort()
        out[name] = {"what": what, "mean": sum(vals) / len(vals), "lo": vals[int(0.025 * len(vals))],
                     "hi": vals[int(0.975 * len(vals))]}
    return out


def pct(x):
    return "n/a" if x != x else f"{100 * x:.0f} %"


def responses(program):
    """Of the backtest's attacked cases, the responses of guarantors the model
    weighs: how many, and how many fought or sent arms."""
    bt = json.loads(subprocess.run([program, "backtest", "--json", "--threads", "2"], check=True,
                                   capture_output=True, text=True).stdout)
    rs = [g for c in bt["cases"] if c["scored"] for g in c.get("guarantors", [])
          if g["p_helps_if_attacked"] is not None]
    return len(rs), sum(g["helped"] for g in rs)


def markdown(obs, model, hashv, helped):
    L = ["# Alliance reliability: the model's honour rates against the record",
         "",
         "Generated by `scripts/history/alliance_reliability.py` (do not edit; run it",
         "again after changing the priors): the record of alliance commitments in war",
         "(Berkemeier & Fuhrmann 2018, *Research & Politics* 5(2); their coding **BF**, and",
         "Leeds, Long & Mitchell 2000, *JCR* 44(5), **LLM**, as the same file gives it),",
         "against the honour probabilities the model's priors imply (parameters",
         f"`{hashv}`). Rates are honoured ÷ (honoured + violated), with 95 % Wilson intervals;",
         "eras by the war's start year (the world wars by their Correlates of War start",
         "years, Sarkees & Wayman 2010).",
         "",
         "## The published figures, reproduced",
         "",
         "| figure | published (BF) | this file | |",
         "|---|---|---|---|"]
    for (era, t), pub in PUBLISHED.items():
        o = next(x for x in obs if x["coding"] == "BF" and x["era"] == era and x["type"] == t)
        ok = abs(o["rate"] - pub) <= 0.015
        verdict = "reproduced" if ok else ("**not reproduced**: the authors' sample or era rule differs from this "
                                           "reading; the tables below use the file as read")
        L.append(f"| {t} commitments, {era} | {pct(pub)} | {pct(o['rate'])} ({o['honoured']} of {o['n']}) | {verdict} |")
    L += ["",
          "## Observed honour rates",
          "",
          "| era | type | BF | LLM |",
          "|---|---|---|---|"]
    for era, _ in ERAS:
        for t, _ in TYPES:
            b = next(x for x in obs if x["coding"] == "BF" and x["era"] == era and x["type"] == t)
            l = next(x for x in obs if x["coding"] == "LLM" and x["era"] == era and x["type"] == t)
            f = lambda o: "—" if o["n"] == 0 else f"{pct(o['rate'])} [{pct(o['lo'])}, {pct(o['hi'])}] (n {o['n']})"
            L.append(f"| {era} | {t} | {f(b)} | {f(l)} |")
    L += ["",
          "## The model's honour probabilities for the same kinds of promise",
          "",
          "Mean and central 95 % of σ(η) over the priors (100,000 draws, fixed seed):",
          "",
          "| promise | model |",
          "|---|---|"]
    for name, m in model.items():
        L.append(f"| {name}: {m['what']} | {pct(m['mean'])} [{pct(m['lo'])}, {pct(m['hi'])}] |")
    for t, why in NO_ANALOGUE.items():
        L.append(f"| {t} | not comparable: {why} |")
    d = model["defence"]
    post = next(x for x in obs if x["coding"] == "BF" and x["era"] == "1945-2003" and x["type"] == "any")
    pre = next(x for x in obs if x["coding"] == "BF" and x["era"] == "1816-1944" and x["type"] == "any")
    dnuc = model["defence, nuclear-armed aggressor"]
    dpre = next(x for x in obs if x["coding"] == "BF" and x["era"] == "1816-1944" and x["type"] == "defence")
    dpost = next(x for x in obs if x["coding"] == "BF" and x["era"] == "1945-2003" and x["type"] == "defence")
    L += ["",
          "## Reading",
          "",
          f"- The model's reference honour rate ({pct(d['mean'])}, prior interval {pct(d['lo'])}–{pct(d['hi'])}) matches",
          "  the record's overall rate (about 50 %) and its defence pacts (about 41 %), as its prior",
          "  was chosen to (docs/literature.md). By era it matches neither: defence pacts were",
          f"  honoured {pct(dpre['rate'])} of the time before 1945 and {pct(dpost['rate'])} after.",
          f"- It has **no era**: the record falls from {pct(pre['rate'])} before 1945 to {pct(post['rate'])} after,",
          "  and the model's prior is the same in both. Its only post-war term is the nuclear",
          f"  shift, which applies when the aggressor is nuclear-armed ({pct(dnuc['mean'])}); it cannot produce",
          "  the post-1945 drop for the many non-nuclear wars after 1945. A model judged by",
          "  this record needs a term for the era or for what changed in it.",
          f"- A deterrent threat coded as a political declaration with discretionary activation",
          f"  gets {pct(model['defence, political declaration']['mean'])}: this is how the backtest's non-allied defenders",
          f"  are coded, and in its attacked cases {helped[1]} of {helped[0]} guarantors' responses were to fight",
          "  or send arms (docs/backtest.md, section 5). The legal-form and activation",
          "  shifts push a public threat far below what those defenders did.",
          "- Consultation pacts: the model's consultation is nearly always honoured",
          f"  ({pct(model['consultation']['mean'])}); the record's consultation pacts are honoured about 39 % of the",
          "  time, but BF code the whole alliance, not the consultation clause alone.",
          ""]
    return "\n".join(L)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--program", default=os.path.join(ROOT, "build", "guarantor"))
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not os.path.exists(a.data):
        print(f"{a.data}: not here (skipped)", file=sys.stderr)
        return 77
    rows = list(csv.DictReader(open(a.data, newline="", encoding="utf-8")))
    obs = observed(rows)
    show = json.loads(subprocess.run([a.program, "show", "--json"], check=True, capture_output=True,
                                     text=True).stdout)
    hashv = subprocess.run([a.program, "simulate", "budapest-1994", "-n", "1", "--json"], check=True,
                           capture_output=True, text=True).stdout
    hashv = json.loads(hashv)["result"]["params_hash"] if '"params_hash"' in hashv else "?"
    model = model_rates(show["parameters"])
    if a.json:
        json.dump({"observed": obs, "model": model, "parameters": hashv}, sys.stdout, indent=1)
        print()
    else:
        print(markdown(obs, model, hashv, responses(a.program)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
