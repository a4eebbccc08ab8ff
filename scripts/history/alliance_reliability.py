#!/usr/bin/env python3
"""The model's honour rates against the record of alliance commitments in
war: Berkemeier & Fuhrmann (2018), "Reassessing the fulfillment of alliance
commitments in war", Research & Politics 5(2), 576 alliance-war
observations, 1816-2003.

    scripts/history/alliance_reliability.py [--program build/guarantor] [--data CSV]
                                            [--draws N] [--seed S] [--json]

Prints a markdown report (docs/alliance-reliability.md is its output) or,
with --json, the same figures as JSON. The model's honour rate depends on
the era (honour_post_1945_shift for a case dated 1945 or later), so each
promise's rate is computed for both eras on the same draws and set against
the record's rate and Wilson interval of the same era and type, with a
plain answer to issue 12's check: is the model's mean inside the interval?
honour_base and honour_post_1945_shift are set from this data's defence-pact
counts, so for the reference obligation that is an in-sample check; the
report says so, and whether data/parameters.yaml still has those values.

Deterministic: the observed rates are counts, and the model's rates come
from a fixed-seed Monte Carlo over the priors of data/parameters.yaml, read
through `guarantor show --json`.
Standard library only (numpy is not installed where the tests run; the
draws use random.Random(seed), so the output is the same byte for byte on
any Python 3).

The sample rule (the authors' do-file, "Replication 2018-0305.do", in
their replication archive, as redistributed in github.com/joshuaalley/
treaty-depth, data/leeds-anac-replication/):

- an observation is an alliance performance opportunity when `dnaLLM` is
  not 1 (dna: "not a case of alliance performance in war": a
  non-aggression pact whose members did not fight each other, a pure
  consultation pact, or a casus foederis not met); every such row is coded
  `honorLLM` = 1 or `violateLLM` = 1, never both; the rate is honoured /
  opportunities. The `*LLM` columns are the authors' primary coding (their
  codebook: "based on the primary coding in which we replicate LLM's
  procedures as closely as possible"); the `*BF` columns are their
  alternative scheme from the supplemental appendix. Neither is Leeds, Long
  & Mitchell's own data.
- the era is the column `sample` (1: 1816-1944, 204 rows; 0: 1945-2003, 372
  rows). Derived independently: the war's start year (the year in
  `warname`; World War I and World War II, named without one, take their
  Correlates of War start years 1914 and 1939) is 1945 or later, or the
  alliance was signed in 1945 or later (ATOP numbers alliances from 3000 on
  from 1945: ids 3005, 3010, 3020 and 3030 are the four World War II rows
  the authors count after 1945). The script checks that this rule and
  `sample` agree on all 576 rows.
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
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REL = os.path.join("shared", "data", "berkemeier-fuhrmann-2018", "BerkemeierFuhrmannRAP2018_0303.csv")


def default_data():
    """../shared beside the repository, or ../../shared from a worktree."""
    for up in (os.path.dirname(ROOT), os.path.dirname(os.path.dirname(ROOT))):
        path = os.path.join(up, REL)
        if os.path.exists(path):
            return path
    return os.path.join(os.path.dirname(ROOT), REL)


# Correlates of War inter-state war list v4.0 (Sarkees & Wayman 2010): the
# start years of the two wars whose IWD name carries none (COW war numbers
# 106 and 139, the file's `cowwarid`).
COW_START = {"WorldWarI": (106, 1914), "WorldWarII": (139, 1939)}
ATOP_1945 = 3000  # ATOP ids >= 3000: alliances signed in 1945 or later
ERAS = ["1816-2003", "1816-1944", "1945-2003"]
TYPES = [("any", None), ("defence", "defense"), ("offence", "offense"), ("neutrality", "neutral"),
         ("non-aggression", "nonagg"), ("consultation", "consul")]
CODINGS = [("primary", "LLM"), ("alternative", "BF")]

# The published figures (abstract and text of Berkemeier & Fuhrmann 2018)
# and the counts the authors' do-file gives for each (its comments).
PUBLISHED = [
    # label, published %, era, type, (honoured, opportunities) in the do-file
    ("honoured overall, 1816-2003", 50, "1816-2003", "any", (73, 146)),
    ("honoured 1816-1944", 66, "1816-1944", "any", (61, 92)),
    ("honoured 1945-2003", 22, "1945-2003", "any", (12, 54)),
    ("defence pacts", 41, "1816-2003", "defence", (42, 102)),
    ("offensive pacts", 74, "1816-2003", "offence", (31, 42)),
    ("neutrality pacts", 78, "1816-2003", "neutrality", (35, 45)),
    ("non-aggression pacts", 37, "1816-2003", "non-aggression", (18, 49)),
    ("defence pacts, 1816-1944 (do-file only)", None, "1816-1944", "defence", (36, 59)),
    ("defence pacts, 1945-2003 (do-file only)", None, "1945-2003", "defence", (6, 43)),
]

# Wars of the 1945-2003 opportunities: whether a state with nuclear weapons
# (first tests: USA 1945, USSR 1949, UK 1952, France 1960, China 1964,
# India 1974, Pakistan 1998) fought in the war. "?" where it is unclear:
# Israel's arsenal is undeclared; in World War II the USA has the bomb only
# from July 1945. An upper bound on where the model's nuclear shift (a
# nuclear-armed *aggressor*) could apply; the file does not say which side
# each commitment was invoked against.
NUCLEAR_BELLIGERENT = {
    "WorldWarII": "?", "Korean_1950-53": "yes", "OffShoreIslands_1954-55": "no", "Sinai1956": "yes",
    "Soviet-Hungarian1956": "yes", "TaiwanStraits_1958": "no", "Bizerte1961": "yes", "Sino-Indian1962": "no",
    "Malaysia_1963-1966": "yes", "SixDay_1967": "?", "Football_1969": "no", "Bangladesh1971": "no",
    "YomKippur1973": "?", "SecondOgaden1977-1978": "no", "Ugandan-Tanzanian1978-79": "no", "Lebanon1982": "?",
    "AouzouStrip1986-87": "no", "GulfWar1991": "yes", "Azeri-Armenian_1993-94": "no", "Badme_1998-2001": "no",
    "Kosovo1999": "yes", "Kargil1999": "yes", "Iraq2003": "yes",
}

Z = 1.959963984540054


def wilson(k, n):
    if n == 0:
        return (None, None, None)
    p = k / n
    c = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    h = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return (p, max(0.0, c - h), min(1.0, c + h))


def war_year(row):
    if row["warname"] in COW_START:
        return COW_START[row["warname"]][1]
    m = re.search(r"(18\d\d|19\d\d|20\d\d)", row["warname"])
    if not m:
        raise SystemExit(f"no year in war name {row['warname']!r}")
    return int(m.group(1))


def era_derived(row):
    post = war_year(row) >= 1945 or int(row["atopid"]) >= ATOP_1945
    return "1945-2003" if post else "1816-1944"


def era_authors(row):
    return {"1": "1816-1944", "0": "1945-2003"}[row["sample"]]


def load(path):
    rows = list(csv.DictReader(open(path, newline="", encoding="utf-8")))
    for r in rows:
        for _, c in CODINGS:
            rel, h, v = r["dna" + c] != "1", r["honor" + c] == "1", r["violate" + c] == "1"
            if rel != (h or v) or (h and v):
                raise SystemExit(f"{path}: row {r['warname']} {r['atopid']}: dna{c}/honor{c}/violate{c} disagree")
    return rows


def rate(rows, coding, era, col, era_of=era_authors):
    sel = [r for r in rows if r["dna" + coding] != "1" and (era == "1816-2003" or era_of(r) == era)
           and (col is None or r[col] == "1")]
    k = sum(r["honor" + coding] == "1" for r in sel)
    p, lo, hi = wilson(k, len(sel))
    return {"honoured": k, "n": len(sel), "rate": p, "lo": lo, "hi": hi}


def observed(rows):
    out = []
    for cname, c in CODINGS:
        for era in ERAS:
            for tname, col in TYPES:
                out.append(dict(coding=cname, era=era, type=tname, **rate(rows, c, era, col)))
    return out


def find(obs, era, t, coding="primary"):
    return next(x for x in obs if x["coding"] == coding and x["era"] == era and x["type"] == t)


def reproduction(rows, obs):
    out = []
    for label, pub, era, t, doc in PUBLISHED:
        o = find(obs, era, t)
        out.append({"figure": label, "published": pub, "era": era, "type": t, "do_file": list(doc),
                    "honoured": o["honoured"], "n": o["n"], "rate": o["rate"],
                    "reproduced": (o["honoured"], o["n"]) == doc
                    and (pub is None or round(100 * o["rate"]) == pub)})
    return out


def era_check(rows):
    """The derived era against the authors' `sample`, and what the war's
    start year alone would give."""
    mismatch = [r["warname"] + "/" + r["atopid"] for r in rows if era_derived(r) != era_authors(r)]
    by_war = lambda r: "1945-2003" if war_year(r) >= 1945 else "1816-1944"
    moved = sorted({r["atopid"] for r in rows if by_war(r) != era_authors(r)})
    alt = {era: rate(rows, "LLM", era, None, by_war) for era in ERAS[1:]}
    return {"rows": len(rows), "mismatch": mismatch, "moved_by_start_year_alone": moved,
            "start_year_alone": alt}


def nuclear_split(rows):
    out = {}
    for flag in ("yes", "no", "?"):
        for tname, col in (("any", None), ("defence", "defense")):
            sel = [r for r in rows if r["dnaLLM"] != "1" and era_authors(r) == "1945-2003"
                   and NUCLEAR_BELLIGERENT[r["warname"]] == flag and (col is None or r[col] == "1")]
            k = sum(r["honorLLM"] == "1" for r in sel)
            p, lo, hi = wilson(k, len(sel))
            out[f"{flag}/{tname}"] = {"honoured": k, "n": len(sel), "rate": p, "lo": lo, "hi": hi}
    return out


def nuclear_wars(rows):
    wars = {r["warname"] for r in rows if r["dnaLLM"] != "1" and era_authors(r) == "1945-2003"}
    return {flag: sum(NUCLEAR_BELLIGERENT[w] == flag for w in wars) for flag in ("yes", "no", "?")}


def nuclear_by_war(rows):
    out = {}
    for r in sorted(rows, key=lambda r: (war_year(r), r["warname"])):
        if r["dnaLLM"] != "1" and era_authors(r) == "1945-2003":
            f, k, n = out.get(r["warname"], (NUCLEAR_BELLIGERENT[r["warname"]], 0, 0))
            out[r["warname"]] = (f, k + (r["honorLLM"] == "1"), n + 1)
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


# The model's analogue of each ATOP type (docs/model.md, "Honour"; src/lib/mc/model.c,
# gr__honour_base_logit and gr__honour_logit):
#   eta = logit(honour_base) - cost_combat_shift + c[kind] + the listed shifts
#         (+ honour_post_1945_shift for a case dated 1945 or later).
# name, ATOP type, what, kind shift, other shifts, eras it exists in.
PRE, POST, ALL = ERAS[1], ERAS[2], ERAS[0]
ANALOGUES = [
    ("reference", "defence",
     "firm, automatic, combat kind, ratified treaty, no nuclear-armed aggressor, no stated refusal "
     "(the reference obligation)", "cost_combat_shift", [], (PRE, POST)),
    ("nuclear", "defence",
     "the reference obligation against a nuclear-armed aggressor", "cost_combat_shift", ["nuclear_shift"],
     (POST,)),
    ("declaration", "defence",
     "firm, discretionary, combat kind, political declaration (how the backtest codes a public deterrent "
     "threat without a treaty)", "cost_combat_shift", ["legal_political_declaration", "act_discretionary"],
     (PRE, POST)),
    ("consultation", "consultation",
     "firm, consultation kind, activation after consultation, ratified treaty",
     "cost_consultation_shift", ["act_after_consultation"], (PRE, POST)),
]
NOT_COMPARABLE = {
    "offence": "the model's obligations all defend a state that is attacked; a promise to join an attack "
               "has no analogue",
    "neutrality": "a promise to stay out gives the protected state no help: no analogue",
    "non-aggression": "a promise not to attack gives no help: no analogue",
}
# The ATOP types each model promise is set against in the era tables.
COMPARED = {"any": "reference", "defence": "reference", "consultation": "consultation"}


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


def summary(vals):
    vals = sorted(vals)
    n = len(vals)
    return {"mean": sum(vals) / n, "lo": vals[int(0.025 * n)], "hi": vals[int(0.975 * n) - 1]}


def model_draws(params, draws, seed):
    """σ(η) per draw for each promise, before 1945 and from 1945, on the
    same draws of every prior (the era shift is the only difference)."""
    byid = {p["id"]: p for p in params}
    rng = random.Random(seed)
    out = {}
    for name, _, _, kind, shifts, _ in ANALOGUES:
        pre, post = [], []
        for _ in range(draws):
            hb = min(max(draw(byid["honour_base"], rng), 1e-12), 1 - 1e-12)
            combat = draw(byid["cost_combat_shift"], rng)
            eta = math.log(hb / (1 - hb)) - combat  # gr__honour_base_logit, before 1945
            eta += combat if kind == "cost_combat_shift" else draw(byid[kind], rng)
            for s in shifts:
                eta += draw(byid[s], rng)
            era = draw(byid["honour_post_1945_shift"], rng)
            pre.append(sigmoid(eta))
            post.append(sigmoid(eta + era))
        out[name] = (pre, post)
    return out


def model_rates(raw):
    out = {}
    for name, _, what, _, _, eras in ANALOGUES:
        pre, post = raw[name]
        out[name] = {"what": what, PRE: summary(pre) if PRE in eras else None, POST: summary(post)}
    return out


def pooled(raw, name, n_pre, n_post):
    """The model's rate over both eras, each draw weighted by the data's
    mix of eras in the row it is compared with."""
    pre, post = raw[name]
    w = n_pre / (n_pre + n_post)
    return summary([w * a + (1 - w) * b for a, b in zip(pre, post)])


def table_model(raw, model, obs):
    """The model's rate for each (era, ATOP type) row of the observed table."""
    out = {}
    for t, name in COMPARED.items():
        out[f"{PRE}/{t}"] = model[name][PRE]
        out[f"{POST}/{t}"] = model[name][POST]
        out[f"{ALL}/{t}"] = pooled(raw, name, find(obs, PRE, t)["n"], find(obs, POST, t)["n"])
    return out


def fit_check(obs, params, tolerance=0.01):
    """What honour_base and honour_post_1945_shift are if set from the
    defence-pact counts of each era (primary coding), and whether
    data/parameters.yaml has them (exactly at two decimals, or within
    `tolerance` logit)."""
    byid = {p["id"]: p for p in params}
    pre, post = find(obs, PRE, "defence"), find(obs, POST, "defence")
    k0, n0, k1, n1 = pre["honoured"], pre["n"], post["honoured"], post["n"]
    data = {"a": 1 + k0, "b": 1 + n0 - k0,
            "mean": logit(k1 / n1) - logit(k0 / n0),
            "sd": math.sqrt(1 / k0 + 1 / (n0 - k0) + 1 / k1 + 1 / (n1 - k1))}
    hb = {k: byid["honour_base"].get(k) for k in ("distribution", "a", "b")}
    sh = {k: byid["honour_post_1945_shift"].get(k) for k in ("distribution", "mean", "sd")}
    form = hb["distribution"] == "beta" and (hb["a"], hb["b"]) == (data["a"], data["b"]) \
        and sh["distribution"] == "normal"
    same = form and round(sh["mean"], 2) == round(data["mean"], 2) and round(sh["sd"], 2) == round(data["sd"], 2)
    close = form and abs(sh["mean"] - data["mean"]) <= tolerance and abs(sh["sd"] - data["sd"]) <= tolerance
    return {"data": data, "parameters": {"honour_base": hb, "honour_post_1945_shift": sh},
            "same": same, "close": close, "tolerance": tolerance}


# Issue 12's check: each era's model rate against the record of the same era
# and type. era, promise, observed row ("type" or "nuclear:flag/type"), note.
CHECKS = [
    (PRE, "reference", "defence", "in sample: `honour_base` is set from these counts"),
    (PRE, "reference", "any", "partly in sample: includes the defence rows"),
    (PRE, "declaration", None, "the record holds treaties only"),
    (PRE, "consultation", "consultation", "not comparable: see the mapping"),
    (POST, "reference", "defence", "in sample: `honour_post_1945_shift` is set from these counts"),
    (POST, "reference", "any", "partly in sample: includes the defence rows"),
    (POST, "reference", "nuclear:no/defence", "partly in sample: these rows are among the fitted ones"),
    (POST, "nuclear", "nuclear:yes/defence",
     "an upper bound on a nuclear-armed aggressor; partly in sample, as above"),
    (POST, "declaration", None, "the record holds treaties only"),
    (POST, "consultation", "consultation", "not comparable: see the mapping"),
    (ALL, "reference", "defence", "model weighted by the row's mix of eras"),
    (ALL, "reference", "any", "model weighted by the row's mix of eras"),
]


def by_era(raw, model, obs, nuc):
    out = []
    for era, name, row, note in CHECKS:
        if era == ALL:
            m = pooled(raw, name, find(obs, PRE, row)["n"], find(obs, POST, row)["n"])
        else:
            m = model[name][era]
        c = {"era": era, "promise": name, "row": row, "note": note, "model": m}
        if row is None:
            c.update(primary=None, alternative=None, verdict=None, verdict_alternative=None)
        elif row.startswith("nuclear:"):
            o = nuc[row.split(":", 1)[1]]
            c.update(primary=o, alternative=None, verdict=side(m["mean"], o), verdict_alternative=None)
        else:
            o, a = find(obs, era, row), find(obs, era, row, "alternative")
            c.update(primary=o, alternative=a, verdict=side(m["mean"], o), verdict_alternative=side(m["mean"], a))
        c["comparable"] = row is not None and name != "consultation"
        out.append(c)
    return out


def logit(p):
    return math.log(p / (1 - p))


def side(x, o):
    return "below" if x < o["lo"] else "above" if x > o["hi"] else "inside"


def pct(x):
    return "—" if x is None else f"{100 * x:.0f} %"


def ci(o):
    return "—" if not o["n"] else f"{pct(o['rate'])} [{pct(o['lo'])}, {pct(o['hi'])}] ({o['honoured']}/{o['n']})"


def mci(m):
    return f"{pct(m['mean'])} [{pct(m['lo'])}, {pct(m['hi'])}]"


def markdown(res):
    obs, model, rep, ec, nuc = res["observed"], res["model"], res["reproduction"], res["era_check"], res["nuclear"]
    draws, seed = res["draws"], res["seed"]
    L = ["# Alliance reliability: the model's honour rates against the record",
         "",
         "Generated by `scripts/history/alliance_reliability.py`; do not edit. To regenerate",
         "(after changing the priors in `data/parameters.yaml`, or the script):",
         "",
         "```",
         "cmake -B build -S . && cmake --build build -j2",
         "python3 scripts/history/alliance_reliability.py --program build/guarantor > docs/alliance-reliability.md",
         "python3 tests/history/test_alliance_reliability.py     # pins the reproduced figures",
         "```",
         "",
         "It reads `../shared/data/berkemeier-fuhrmann-2018/BerkemeierFuhrmannRAP2018_0303.csv` and the",
         f"model's priors (parameters hash `{res['parameters']}`). `--json` gives the same figures as JSON.",
         "",
         "## Sources",
         "",
         "- Berkemeier, M. & Fuhrmann, M. (2018). Reassessing the fulfillment of alliance commitments",
         "  in war. *Research & Politics* 5(2). Data (576 alliance–war observations), codebook",
         "  (26 March 2018) and do-file (`Replication 2018-0305.do`) from their replication archive, as",
         "  redistributed in github.com/joshuaalley/treaty-depth, `data/leeds-anac-replication/`.",
         "- Leeds, B. A., Long, A. G. & Mitchell, S. M. (2000). Reevaluating alliance reliability:",
         "  specific threats, specific promises. *Journal of Conflict Resolution* 44(5): 686–699. Their",
         "  procedures define the primary coding; their own data (1816–1944, 74.5 % honoured) are not",
         "  in this file.",
         "- Correlates of War inter-state war list, v4.0: Sarkees, M. R. & Wayman, F. (2010). *Resort to",
         "  War: 1816–2007*. CQ Press. Start years of World War I (COW war 106: 1914) and World War II",
         "  (139: 1939); the other wars carry their start year in `warname` (names and `warid` from the",
         "  Interstate War Data v1.1: Reiter, Stam & Horowitz 2016, *Research & Politics*,",
         "  doi:10.1177/2053168016683840).",
         "- Leeds, B. A. et al. (2002). Alliance Treaty Obligations and Provisions, 1815–1944.",
         "  *International Interactions* 28(3): 237–260 (ATOP): the obligation types and the alliance ids.",
         "",
         "## The sample and the published figures",
         "",
         "**Which columns.** The file has two codings. The `*LLM` columns are Berkemeier & Fuhrmann's",
         "*primary* coding (codebook: \"based on the primary coding in which we replicate LLM's",
         "procedures as closely as possible\"); every published figure comes from them. The `*BF`",
         "columns are their *alternative* scheme (supplemental appendix). Neither is Leeds, Long &",
         "Mitchell's own coding, whatever the suffix suggests. Below, **primary** = `*LLM`,",
         "**alternative** = `*BF`.",
         "",
         "**Which rows.** An observation counts when `dnaLLM` ≠ 1 (\"dna\": not a case of alliance",
         "performance: a non-aggression pact whose members did not fight each other, a pure",
         "consultation pact, or a casus foederis not met); each such row is honoured (`honorLLM` = 1)",
         f"or violated (`violateLLM` = 1). Rate = honoured ÷ counted rows. {find(obs, '1816-2003', 'any')['n']} of the {ec['rows']} rows count.",
         "",
         "**Which era.** The authors' column `sample` (1 = 1816–1944, 204 rows; 0 = 1945–2003, 372",
         "rows). It is not the war's start year alone: it equals \"the war began in 1945 or later, *or*",
         "the alliance was signed in 1945 or later\" (ATOP ids ≥ 3000), which agrees with `sample` on",
         f"{ec['rows'] - len(ec['mismatch'])} of {ec['rows']} rows. The difference is four World War II rows, alliances of 1945 (ATOP",
         f"{', '.join(ec['moved_by_start_year_alone'])}: Yalta, Chapultepec, USSR–Yugoslavia, USSR–China), which the authors count",
         "after 1945.",
         "",
         "| published figure | published | do-file | this file, primary coding | |",
         "|---|---|---|---|---|"]
    for r in rep:
        pub = "—" if r["published"] is None else f"{r['published']} %"
        doc = f"{r['do_file'][0]}/{r['do_file'][1]}"
        L.append(f"| {r['figure']} | {pub} | {doc} | {100 * r['rate']:.1f} % ({r['honoured']}/{r['n']}) | "
                 f"{'reproduced' if r['reproduced'] else '**not reproduced**'} |")
    sa = ec["start_year_alone"]
    L += ["",
          ("All reproduce exactly." if all(r["reproduced"] for r in rep) else "**Not all reproduce.**") +
          " With the era by the war's start year alone, the four 1945 alliances",
          f"move before 1945 and the figures read {pct(sa['1816-1944']['rate'])} ({sa['1816-1944']['honoured']}/{sa['1816-1944']['n']}) "
          f"and {pct(sa['1945-2003']['rate'])} ({sa['1945-2003']['honoured']}/{sa['1945-2003']['n']}) instead of 66 % and 22 %.",
          "With the alternative coding the overall and defence figures are "
          f"{pct(find(obs, '1816-2003', 'any', 'alternative')['rate'])} and "
          f"{pct(find(obs, '1816-2003', 'defence', 'alternative')['rate'])}, the eras "
          f"{pct(find(obs, '1816-1944', 'any', 'alternative')['rate'])} and "
          f"{pct(find(obs, '1945-2003', 'any', 'alternative')['rate'])}.",
          "The published percentages are those of the paper's abstract (50, 66, 22, 41, 74, 78 and",
          "37 %), as given by DOAJ and the Texas A&M scholarly repository; the do-file's comments give",
          "the counts behind them and two more (defence pacts by era). The full text was not consulted.",
          ""]
    L += by_era_section(res)
    L += observed_section(res)
    L += promises_section(res)
    L += disagree_section(res)
    L += ["## Uncertain",
          "",
          "- The era rule (`sample`) is the authors'; the 1945 alliances in World War II are read",
          "  after 1945 because the do-file's `sample` says so, not from a stated rule. The model",
          "  dates a case by its forces date (1945 or later, or undated, is from 1945:",
          "  `src/lib/mc/compile.c`), the date of the crisis, not of the alliance.",
          "- The model's era is a step at 1945; this script does not test whether the record's fall",
          "  is a step or a trend within the eras.",
          "- The nuclear-belligerent column is this script's reading of who fought (first-test dates",
          "  as listed in the script), not a coded variable; it does not know which side each",
          "  commitment was invoked against.",
          "- The type rows overlap (alliances with several obligations), as in the paper.",
          ""]
    return "\n".join(L)


PROMISE = {"reference": "reference obligation", "nuclear": "reference obligation, nuclear-armed aggressor",
           "declaration": "political declaration, discretionary", "consultation": "consultation"}
VERDICT = {"inside": "**yes**", "above": "no: above", "below": "no: below"}


def verdict(c):
    if c["primary"] is None:
        return "— (no record of this type)"
    if not c["comparable"]:
        return f"not comparable (mean {c['verdict']})"
    return VERDICT[c["verdict"]]


def fit_sentence(fc):
    d, p = fc["data"], fc["parameters"]
    hb, sh = p["honour_base"], p["honour_post_1945_shift"]
    s = (f"`honour_base` ~ Beta({d['a']}, {d['b']}) is the posterior of {d['a'] - 1} defence pacts honoured in "
         f"{d['a'] + d['b'] - 2} before 1945 under a uniform prior, and `honour_post_1945_shift` ~ "
         f"normal({d['mean']:.3f}, {d['sd']:.3f}) is the difference of the two eras' defence-pact logits with "
         "their standard errors combined (the source lines of `data/parameters.yaml` say so). ")
    have = (f"Beta({hb['a']}, {hb['b']})" if hb["distribution"] == "beta" else hb["distribution"]) + " and " + \
        (f"normal({sh['mean']}, {sh['sd']})" if sh["distribution"] == "normal" else sh["distribution"])
    if fc["same"]:
        return s + f"`data/parameters.yaml` has {have}: the same, to the two decimals it gives."
    if fc["close"]:
        return s + f"`data/parameters.yaml` has {have}: the same to within {fc['tolerance']} logit."
    return s + f"**`data/parameters.yaml` now has {have} instead**: the model's rates below are no longer the data's own."


def by_era_section(res):
    obs, checks, fc = res["observed"], res["by_era"], res["fit_check"]
    L = ["## Honour rates by era: is the model inside the record's intervals?",
         "",
         "Issue 12 judges the model by its \"honour rates by era within the intervals of the",
         "Berkemeier–Fuhrmann data\". **For the reference obligation this is an in-sample check, not a",
         "test**: `honour_base` and `honour_post_1945_shift` were set from this very data, from the",
         "defence-pact counts of each era (primary coding)."]
    L += textwrap.wrap(fit_sentence(fc), 95, break_on_hyphens=False)
    L += ["The model's rate for a ratified defence commitment therefore matches the record's of each",
          "era by construction; what the check can catch is an error in the engine, the parameter file",
          "or this script, not a wrong model. The other shifts (legal form, activation, kind, a",
          "nuclear-armed aggressor, what the guarantor said) are not set from this data: they are priors",
          "from other sources or stated assumptions, and the record has no observations of their type",
          "except the rough nuclear split below.",
          "",
          "Model: mean and central 95 % of σ(η) over the priors; \"in the interval?\" asks whether the",
          "model's mean lies inside the record's 95 % Wilson interval (primary coding; the last column",
          "asks the same of the alternative coding).",
          "",
          "| era | model: promise | model | record: counted commitments | record, primary coding "
          "| model mean in the interval? | alternative coding |",
          "|---|---|---|---|---|---|---|"]
    for c in checks:
        row = c["row"]
        what = ("none" if row is None else
                "defence pacts, wars " + {"nuclear:no/defence": "in which no nuclear-armed state fought",
                                          "nuclear:yes/defence": "in which a nuclear-armed state fought"}[row]
                if row.startswith("nuclear:") else "all types" if row == "any" else row + " pacts")
        alt = "—" if c["alternative"] is None else (VERDICT[c["verdict_alternative"]] if c["comparable"]
                                                    else "not comparable")
        L.append(f"| {c['era']} | {PROMISE[c['promise']]} | {mci(c['model'])} | {what}; {c['note']} | "
                 f"{'—' if c['primary'] is None else ci(c['primary'])} | {verdict(c)} | {alt} |")
    get = lambda era, name, row: next(c for c in checks if (c["era"], c["promise"], c["row"]) == (era, name, row))
    L += ["", "Plainly, era by era (the reference obligation against the record's defence pacts and all", "types):", ""]
    for era, label in ((PRE, "Before 1945"), (POST, "From 1945"), (ALL, "Both eras pooled")):
        d, a = get(era, "reference", "defence"), get(era, "reference", "any")
        ok = d["verdict"] == "inside" and a["verdict"] == "inside"
        means = (f"the model's mean, {pct(d['model']['mean'])}, is" if d["model"] == a["model"] else
                 f"the model's means, {pct(d['model']['mean'])} and {pct(a['model']['mean'])}, are")
        L.append(f"- **{label}** ({era}): {means} {d['verdict']} the defence "
                 f"pacts' interval [{pct(d['primary']['lo'])}, {pct(d['primary']['hi'])}] and {a['verdict']} all "
                 f"types' [{pct(a['primary']['lo'])}, {pct(a['primary']['hi'])}]"
                 + ("" if era != ALL else " (the two eras mixed in the record's proportions: "
                    f"{find(obs, PRE, 'defence')['n']} : {find(obs, POST, 'defence')['n']} for defence pacts, "
                    f"{find(obs, PRE, 'any')['n']} : {find(obs, POST, 'any')['n']} for all types)")
                 + (": **within the intervals**." if ok else ": **not within both intervals**."))
    n = get(POST, "nuclear", "nuclear:yes/defence")
    L += [f"- **Against a nuclear-armed aggressor, from 1945**: {pct(n['model']['mean'])}, {n['verdict']} the interval of",
          "  defence pacts in wars a nuclear-armed state fought in; a rough check only (see below).",
          "- **Declarations** and **consultation** have no counterpart in the record (see the mapping",
          "  below): nothing to be inside or outside.",
          ""]
    return L


def observed_section(res):
    obs, tm, draws, seed = res["observed"], res["table_model"], res["draws"], res["seed"]
    dpre, dpost = find(obs, PRE, "defence")["n"], find(obs, POST, "defence")["n"]
    L = ["## Observed honour rates and the model's, by era and type",
         "",
         "Observed: honoured ÷ counted, 95 % Wilson interval, (honoured/counted). An observation has",
         "every ATOP type its alliance has, so the types overlap; the type rows count alliances that",
         "*include* the obligation, and honour is judged on the whole commitment. Model: mean and",
         f"central 95 % of σ(η) over the priors ({draws:,} draws, seed {seed}; the same draws for both",
         "eras). The model has an era: a case dated 1945 or later adds `honour_post_1945_shift` to",
         "the log-odds (`gr__honour_base_logit` in `src/lib/mc/model.c`). The 1816–1944 rows give the",
         "model's rate before 1945, the 1945–2003 rows its rate from 1945, and the 1816–2003 rows the",
         "two mixed, draw by draw, in the proportion of the row's counted observations (for defence",
         f"pacts {dpre} : {dpost}).",
         "",
         "| era | ATOP type | primary (`*LLM`) | alternative (`*BF`) | model |",
         "|---|---|---|---|---|"]
    for era in ERAS:
        for t, _ in TYPES:
            if t in ("defence", "any"):
                m = mci(tm[f"{era}/{t}"]) + " (reference obligation)"
            elif t == "consultation":
                m = mci(tm[f"{era}/{t}"]) + " (consultation, after consultation); not comparable, see below"
            else:
                m = "not comparable"
            L.append(f"| {era} | {t} | {ci(find(obs, era, t))} | {ci(find(obs, era, t, 'alternative'))} | {m} |")
    return L + [""]


def promises_section(res):
    model = res["model"]
    L = ["## The model's promises",
         "",
         "η as in `gr__honour_logit` (`src/lib/mc/model.c`); from 1945 it also adds",
         "`honour_post_1945_shift`. `cost_combat_shift` is fixed at 0.",
         "",
         "| promise | η before 1945 | before 1945 | from 1945 |",
         "|---|---|---|---|"]
    for name, _, what, kind, shifts, eras in ANALOGUES:
        eta = "logit(honour_base)" + ("" if kind == "cost_combat_shift" else f" − cost_combat_shift + {kind}")
        eta += "".join(f" + {s}" for s in shifts)
        pre = mci(model[name][PRE]) if model[name][PRE] else "— (no nuclear-armed state before 1945)"
        L.append(f"| {what} | {eta} | {pre} | {mci(model[name][POST])} |")
    for t, why in NOT_COMPARABLE.items():
        L.append(f"| ATOP {t} | — | not comparable: {why} | |")
    L += ["",
          "Mapping. ATOP *defence* is the model's reference obligation: a promise to fight for an",
          "attacked ally, and the record's rate is conditional on the casus foederis arising, as the",
          "model's honour is conditional on the obligation acting (docs/model.md). `honour_base` and",
          "`honour_post_1945_shift` are set from the defence rows. The \"any\" rows are compared with",
          "the reference obligation too; they contain the defence rows, so that comparison is partly in",
          "sample as well. ATOP *consultation* maps to the consultation kind with activation after",
          "consultation, but the record cannot test it: pure consultation pacts are all \"dna\", and",
          "every counted row with a consultation clause also has a defence, offence, neutrality or",
          "non-aggression obligation, on which its honour is judged. *Offence*, *neutrality* and",
          "*non-aggression* are not comparable: no guarantor obligation in the model promises to",
          "attack, to stay out or not to attack (the eight counted pure non-aggression rows are all",
          "violations by construction: such a pact counts only when its members fought each other).",
          "What a guarantor said about delivering the kind of help (`said_refuses_shift`,",
          "`said_reluctant_shift`) has no counterpart either: the file does not record such statements,",
          "and every promise above assumes none was made.",
          ""]
    return L


def disagree_section(res):
    obs, model, nuc, nw = res["observed"], res["model"], res["nuclear"], res["nuclear_wars"]
    pre, post = find(obs, PRE, "any"), find(obs, POST, "any")
    dpre, dpost = find(obs, PRE, "defence"), find(obs, POST, "defence")
    need_any = logit(post["rate"]) - logit(pre["rate"])
    need_def = logit(dpost["rate"]) - logit(dpre["rate"])
    ns, ne = res["shifts"]["nuclear_shift"], res["shifts"]["honour_post_1945_shift"]
    ref, nucm, noera = model["reference"], model["nuclear"], res["nuclear_without_era"]
    ny, nn = nuc["yes/any"], nuc["no/any"]
    dy, dn = nuc["yes/defence"], nuc["no/defence"]
    reverse = dy["rate"] > dn["rate"]
    overlap = dy["lo"] <= dn["hi"] and dn["lo"] <= dy["hi"]
    dec, con = model["declaration"], model["consultation"]
    L = ["## Where the model and the record agree, and where they cannot be compared",
         "",
         f"- **The fall at 1945.** The record falls from {ci(pre)} before 1945 to",
         f"  {ci(post)} after; for defence pacts from {ci(dpre)} to {ci(dpost)}.",
         "  The two eras' intervals " + ("do not overlap" if pre["lo"] > post["hi"] and dpre["lo"] > dpost["hi"]
                                         else "overlap") + ". In logits the drop is "
         f"{need_any:.2f} (all types) and {need_def:.2f} (defence pacts).",
         f"  The model carries it as `honour_post_1945_shift` (mean {ne['mean']:+.2f}, sd {ne['sd']}), set from the",
         f"  defence pacts' drop: the reference rate goes from {mci(ref[PRE])} to {mci(ref[POST])}.",
         f"- **Why an era shift and not the nuclear shift.** `nuclear_shift` (mean {ns['mean']:+.1f}, sd {ns['sd']})",
         "  could not carry the drop: applied to every post-1945 commitment without the era shift it",
         f"  would take the reference rate to about {pct(noera['mean'])}, not to {pct(post['rate'])} "
         f"({pct(dpost['rate'])} for defence pacts). And the drop is",
         "  not confined to wars with nuclear weapons. The file does not record the aggressor, but in",
         f"  {nw['no']} of the {sum(nw.values())} post-1945 wars with counted commitments no nuclear-armed state fought at all",
         f"  ({nw['yes']} had one; {nw['?']} are unclear). Split by whether a nuclear-armed state fought in the war (an",
         "  upper bound on a nuclear aggressor; primary coding, 1945–2003):",
         "",
         "| a nuclear-armed belligerent | all types | defence pacts |",
         "|---|---|---|"]
    for flag, label in (("yes", "yes"), ("no", "no"), ("?", "unclear (Israel's wars; World War II in 1945)")):
        L.append(f"| {label} | {ci(nuc[flag + '/any'])} | {ci(nuc[flag + '/defence'])} |")
    L += ["", "  The wars, in order of start (honoured/counted, primary coding):", ""]
    for flag in ("yes", "no", "?"):
        ws = [f"{w} {k}/{n}" for w, (f, k, n) in res["nuclear_by_war"].items() if f == flag]
        L.append(f"  - {flag}: " + ", ".join(ws))
    L += ["",
          f"  Honoured in the wars with no nuclear-armed belligerent: {nn['honoured']} of {nn['n']} ({pct(nn['rate'])}); in those",
          f"  with one: {ny['honoured']} of {ny['n']} ({pct(ny['rate'])}). The drop is "
          + ("at least as deep" if nn["rate"] <= ny["rate"] else "there too") + " where no nuclear power fought,",
          "  so the model carries it by the case's date, not by the aggressor's arms.",
          f"- **Nuclear-armed aggressors, from 1945.** The model adds `nuclear_shift` on top of the era shift:",
          f"  the reference obligation gets {mci(nucm[POST])} against a nuclear-armed aggressor, {side(nucm[POST]['mean'], dy)}",
          f"  the interval of defence pacts in wars a nuclear-armed state fought ({ci(dy)}); without one",
          f"  {mci(ref[POST])}, {side(ref[POST]['mean'], dn)} the interval where none fought ({ci(dn)}).",
          "  The era shift was fitted on all post-1945 defence pacts, with and without a nuclear-armed",
          "  belligerent alike, and `nuclear_shift` is a prior from other sources, not fitted here. "
          + ("The record's order is the reverse of the model's (more honoured where a nuclear-armed state fought)"
             if reverse else "The record's order is the model's (less honoured where a nuclear-armed state fought)")
          + (", but with these counts the two intervals overlap: the data neither confirm nor refute the shift."
             if overlap else ", and the two intervals do not overlap."),
          f"- **Consultation.** The model's consultation is honoured {pct(con[PRE]['mean'])} of the time before 1945 and",
          f"  {pct(con[POST]['mean'])} from 1945; the record has no measure of consultation itself (see the mapping",
          "  above), so this is neither confirmed nor contradicted.",
          f"- **Declarations.** A public threat coded as a political declaration with discretionary",
          f"  activation gets {mci(dec[PRE])} before 1945 and {mci(dec[POST])} from 1945, "
          + ("below" if dec[PRE]["mean"] < dpre["rate"] and dec[POST]["mean"] < dpost["rate"] else "not below")
          + " the",
          f"  record's defence treaties of each era ({pct(dpre['rate'])} and {pct(dpost['rate'])}). The record holds only treaties, so it",
          "  cannot say whether declarations are honoured less. The backtest (docs/backtest.md) finds",
          "  the guarantors of its cases helping far more often than the model says, which suggests",
          "  these rates are too low, but it does not single out declarations.",
          ""]
    return L


def params_hash(program):
    out = subprocess.run([program, "simulate", "budapest-1994", "-n", "1", "--json"], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["result"].get("params_hash", "?")


def analyse(data, program, draws=100000, seed=20180305):
    rows = load(data)
    obs = observed(rows)
    show = json.loads(subprocess.run([program, "show", "--json"], check=True, capture_output=True,
                                     text=True).stdout)
    params = show["parameters"]
    byid = {p["id"]: p for p in params}
    raw = model_draws(params, draws, seed)
    model = model_rates(raw)
    nuc = nuclear_split(rows)
    return {"data": os.path.basename(data), "rows": len(rows), "draws": draws, "seed": seed,
            "parameters": params_hash(program), "observed": obs, "reproduction": reproduction(rows, obs),
            "era_check": era_check(rows), "nuclear": nuc, "nuclear_wars": nuclear_wars(rows),
            "nuclear_by_war": nuclear_by_war(rows),
            "model": model, "table_model": table_model(raw, model, obs),
            "nuclear_without_era": summary(raw["nuclear"][0]),
            "shifts": {k: {"mean": byid[k]["mean"], "sd": byid[k]["sd"]}
                       for k in ("nuclear_shift", "honour_post_1945_shift")},
            "fit_check": fit_check(obs, params), "by_era": by_era(raw, model, obs, nuc)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--program", default=os.path.join(ROOT, "build", "guarantor"))
    ap.add_argument("--data", default=default_data())
    ap.add_argument("--draws", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=20180305)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not os.path.exists(a.data):
        print(f"{a.data}: not here (skipped)", file=sys.stderr)
        return 77
    res = analyse(a.data, a.program, a.draws, a.seed)
    if a.json:
        json.dump(res, sys.stdout, indent=1, ensure_ascii=False)
        print()
    else:
        print(markdown(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
