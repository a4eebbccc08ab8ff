#!/usr/bin/env python3
"""The model's honour rates against the record of alliance commitments in
war: Berkemeier & Fuhrmann (2018), "Reassessing the fulfillment of alliance
commitments in war", Research & Politics 5(2), 576 alliance-war
observations, 1816-2003.

    scripts/history/alliance_reliability.py [--program build/guarantor] [--data CSV]
                                            [--draws N] [--seed S] [--json]

Prints a markdown report (docs/alliance-reliability.md is its output) or,
with --json, the same figures as JSON. Deterministic: the observed rates
are counts, and the model's rates come from a fixed-seed Monte Carlo over
the priors of data/parameters.yaml, read through `guarantor show --json`.
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


# The model's analogue of each ATOP type (docs/model.md, section 2.2):
# eta = logit(honour_base) - cost_combat_shift + c[kind] + the listed shifts.
ANALOGUES = [
    ("reference", "defence",
     "firm, automatic, combat kind, ratified treaty, no nuclear-armed aggressor (the reference obligation): "
     "η = logit(honour_base)", "cost_combat_shift", []),
    ("nuclear", "defence",
     "the reference obligation against a nuclear-armed aggressor", "cost_combat_shift", ["nuclear_shift"]),
    ("declaration", "defence",
     "firm, discretionary, combat kind, political declaration (how the backtest codes a public deterrent "
     "threat without a treaty)", "cost_combat_shift", ["legal_political_declaration", "act_discretionary"]),
    ("consultation", "consultation",
     "firm, consultation kind, activation after consultation, ratified treaty",
     "cost_consultation_shift", ["act_after_consultation"]),
]
NOT_COMPARABLE = {
    "offence": "the model's obligations all defend a state that is attacked; a promise to join an attack "
               "has no analogue (the nearest, the reference combat obligation, is listed for scale only)",
    "neutrality": "a promise to stay out gives the protected state no help: no analogue",
    "non-aggression": "a promise not to attack gives no help: no analogue",
}


def model_rates(params, draws, seed):
    byid = {p["id"]: p for p in params}
    rng = random.Random(seed)
    out = {}
    for name, _, what, kind, shifts in ANALOGUES:
        vals = []
        for _ in range(draws):
            hb = min(max(draw(byid["honour_base"], rng), 1e-12), 1 - 1e-12)
            combat = draw(byid["cost_combat_shift"], rng)
            eta = math.log(hb / (1 - hb)) - combat  # b0
            eta += combat if kind == "cost_combat_shift" else draw(byid[kind], rng)
            for s in shifts:
                eta += draw(byid[s], rng)
            vals.append(1 / (1 + math.exp(-eta)))
        vals.sort()
        out[name] = {"what": what, "mean": sum(vals) / draws, "lo": vals[int(0.025 * draws)],
                     "hi": vals[int(0.975 * draws) - 1]}
    p = byid["nuclear_shift"]
    out["nuclear_shift"] = {"mean": p["mean"], "sd": p["sd"]}
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
          "",
          "## Observed honour rates and the model's",
          "",
          "Observed: honoured ÷ counted, 95 % Wilson interval, (honoured/counted). An observation has",
          "every ATOP type its alliance has, so the types overlap; the type rows count alliances that",
          "*include* the obligation, and honour is judged on the whole commitment. Model: mean and",
          f"central 95 % of σ(η) over the priors ({draws:,} draws, seed {seed}). The model has no era:",
          "its rate is the same in every row.",
          "",
          "| era | ATOP type | primary (`*LLM`) | alternative (`*BF`) | model |",
          "|---|---|---|---|---|"]
    for era in ERAS:
        for t, _ in TYPES:
            if t == "defence" or t == "any":
                m = mci(model["reference"]) + " (reference obligation)"
            elif t == "consultation":
                m = mci(model["consultation"]) + " (consultation, after consultation); not comparable, see below"
            else:
                m = "not comparable"
            L.append(f"| {era} | {t} | {ci(find(obs, era, t))} | {ci(find(obs, era, t, 'alternative'))} | {m} |")
    L += ["",
          "## The model's promises",
          "",
          "| promise | η | model σ(η) |",
          "|---|---|---|"]
    for name, _, what, kind, shifts in ANALOGUES:
        eta = "logit(honour_base)" + ("" if kind == "cost_combat_shift" else f" − cost_combat_shift + {kind}")
        eta += "".join(f" + {s}" for s in shifts)
        L.append(f"| {what} | {eta} | {mci(model[name])} |")
    for t, why in NOT_COMPARABLE.items():
        L.append(f"| ATOP {t} | — | not comparable: {why} |")
    L += ["",
          "Mapping. ATOP *defence* is the model's reference obligation: a promise to fight for an",
          "attacked ally, and the record's rate is conditional on the casus foederis arising, as the",
          "model's honour is conditional on the obligation acting (docs/model.md, sections 2.1–2.2).",
          "The \"any\" rows are compared with it too, since `honour_base` is calibrated to them",
          "(docs/literature.md). ATOP *consultation* maps to the consultation kind with activation",
          "after consultation, but the record cannot test it: pure consultation pacts are all \"dna\",",
          "and every counted row with a consultation clause also has a defence, offence, neutrality or",
          "non-aggression obligation, on which its honour is judged. *Offence*, *neutrality* and",
          "*non-aggression* are not comparable: no guarantor obligation in the model promises to",
          "attack, to stay out or not to attack (the eight counted pure non-aggression rows are all",
          "violations by construction: such a pact counts only when its members fought each other).",
          ""]
    ref, nuc_m = model["reference"], model["reference"]
    pre, post = find(obs, "1816-1944", "any"), find(obs, "1945-2003", "any")
    dpre, dpost = find(obs, "1816-1944", "defence"), find(obs, "1945-2003", "defence")
    dall, aall = find(obs, "1816-2003", "defence"), find(obs, "1816-2003", "any")
    need_any = logit(post["rate"]) - logit(pre["rate"])
    need_def = logit(dpost["rate"]) - logit(dpre["rate"])
    ns = model["nuclear_shift"]
    nw = res["nuclear_wars"]
    L += ["## Where the prior and the record disagree",
          "",
          f"- **Pooled, the prior fits.** The reference rate, {mci(ref)}, sits on the record's",
          f"  overall rate ({pct(aall['rate'])}) and its defence pacts ({pct(dall['rate'])}): `honour_base` ~ Beta(4, 4.5) was",
          "  chosen to span these figures and Leeds, Long & Mitchell's 74.5 %.",
          f"- **By era it fits neither.** The record falls from {ci(pre)} before 1945 to",
          f"  {ci(post)} after; for defence pacts from {ci(dpre)} to {ci(dpost)}.",
          "  The two eras' intervals " + ("do not overlap" if pre["lo"] > post["hi"] and dpre["lo"] > dpost["hi"] else "overlap") +
          ". The model has one constant rate for both eras: its",
          f"  mean ({pct(ref['mean'])}) is {side(ref['mean'], pre)} the pre-1945 interval (defence: {side(ref['mean'], dpre)}) and",
          f"  {side(ref['mean'], post)} the post-1945 interval (defence: {side(ref['mean'], dpost)}). The prior's wide interval covers both eras' rates,",
          "  but only as uncertainty about one rate, not as a difference between eras: every draw gives",
          "  the same honour probability to a 1914 and a 1991 commitment.",
          f"- **The nuclear shift does not explain the drop.** In logits the drop is {need_any:.2f}",
          f"  (all types) and {need_def:.2f} (defence pacts); `nuclear_shift` has prior mean {ns['mean']:+.1f}",
          f"  (sd {ns['sd']}), and gives the reference obligation {mci(model['nuclear'])} against a nuclear-armed",
          "  aggressor. Even if it applied to every post-1945 commitment, it would take the rate to",
          f"  about {pct(model['nuclear']['mean'])}, not to {pct(post['rate'])} ({pct(dpost['rate'])} for defence pacts). And it applies only",
          "  where the aggressor has nuclear weapons. The file does not record the aggressor, but in",
          f"  {nw['no']} of the {sum(nw.values())} post-1945 wars with counted commitments no nuclear-armed state fought at all",
          f"  ({nw['yes']} had one; {nw['?']} are unclear). Split by whether a nuclear-armed state fought in the war (an",
          "  upper bound on a nuclear aggressor; primary coding, 1945–2003):",
          "",
          "| a nuclear-armed belligerent | all types | defence pacts |",
          "|---|---|---|"]
    for flag, label in (("yes", "yes"), ("no", "no"), ("?", "unclear (Israel's wars; World War II in 1945)")):
        L.append(f"| {label} | {ci(nuc[flag + '/any'])} | {ci(nuc[flag + '/defence'])} |")
    ny, nn = nuc["yes/any"], nuc["no/any"]
    L += ["", "  The wars, in order of start (honoured/counted, primary coding):", ""]
    for flag in ("yes", "no", "?"):
        ws = [f"{w} {k}/{n}" for w, (f, k, n) in res["nuclear_by_war"].items() if f == flag]
        L.append(f"  - {flag}: " + ", ".join(ws))
    L += ["",
          f"  Honoured in the wars with no nuclear-armed belligerent: {nn['honoured']} of {nn['n']} ({pct(nn['rate'])}); in those",
          f"  with one: {ny['honoured']} of {ny['n']} ({pct(ny['rate'])}). The drop is "
          + ("at least as deep" if nn["rate"] <= ny["rate"] else "there too") + " where no nuclear power fought,",
          "  so it is not a nuclear effect that the model's term, which applies only against a",
          "  nuclear-armed aggressor, could carry. (Small counts: the intervals are wide.)",
          f"- **Consultation.** The model's consultation is honoured {pct(model['consultation']['mean'])} of the time; the",
          "  record has no measure of consultation itself (see the mapping above), so this is neither",
          "  confirmed nor contradicted.",
          f"- **Declarations.** A public threat coded as a political declaration with discretionary",
          f"  activation gets {mci(model['declaration'])}, against {pct(dpost['rate'])} for post-1945 defence treaties.",
          "  The record holds only treaties, so it cannot say whether declarations are",
          "  honoured less; the backtest (docs/backtest.md) suggests the prior is too low.",
          "",
          "## Uncertain",
          "",
          "- The era rule (`sample`) is the authors'; the 1945 alliances in World War II are read",
          "  after 1945 because the do-file's `sample` says so, not from a stated rule.",
          "- The nuclear-belligerent column is this script's reading of who fought (first-test dates",
          "  as listed in the script), not a coded variable; it does not know which side each",
          "  commitment was invoked against.",
          "- The type rows overlap (alliances with several obligations), as in the paper.",
          ""]
    return "\n".join(L)


def params_hash(program):
    out = subprocess.run([program, "simulate", "budapest-1994", "-n", "1", "--json"], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["result"].get("params_hash", "?")


def analyse(data, program, draws=100000, seed=20180305):
    rows = load(data)
    obs = observed(rows)
    show = json.loads(subprocess.run([program, "show", "--json"], check=True, capture_output=True,
                                     text=True).stdout)
    return {"data": os.path.basename(data), "rows": len(rows), "draws": draws, "seed": seed,
            "parameters": params_hash(program), "observed": obs, "reproduction": reproduction(rows, obs),
            "era_check": era_check(rows), "nuclear": nuclear_split(rows), "nuclear_wars": nuclear_wars(rows),
            "nuclear_by_war": nuclear_by_war(rows),
            "model": model_rates(show["parameters"], draws, seed)}


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
