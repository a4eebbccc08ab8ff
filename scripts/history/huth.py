#!/usr/bin/env python3
"""Generate data/history/huth.yaml from Huth's replication table and the
project's research table.

    scripts/history/huth.py [HUTH_CSV] [--cases data/history/huth-cases.csv]
                            [--out data/history/huth.yaml]

HUTH_CSV is the 58-case table as distributed with Crisman-Cox, Gasparyan &
Signorino (2022) (shared/data/huth1988/huth.csv); by default it is looked
for in shared/ beside the repository (../shared/..., or ../../shared/...
from a worktree). The research table (data/history/huth-cases.csv) gives
what Huth's table does not: the protege, the crisis, the cut-off, the
outcome date, the defender's response, intent, confidence and alternative
codings. The output is deterministic: same inputs, same bytes.
"""

import argparse
import csv
import json
import os
import re
import sys

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

# COW codes of the catalog's states (data/actors.yaml has no 'cow' key yet).
CATALOG_COW = {"USA": 2, "CAN": 20, "GBR": 200, "NLD": 210, "FRA": 220, "DEU": 255,
               "POL": 290, "ITA": 325, "UKR": 369, "RUS": 365, "TUR": 640, "CHN": 710}

COVARIATES = ["ibf", "sbf", "lbf", "nuclear", "milallia", "milarm", "fortrade",
              "firmflex", "tft", "pastdet"]

HUTH_BOOK = ("Huth, P. K. (1988). Extended Deterrence and the Prevention of War. "
             "New Haven: Yale University Press (the 58 cases of extended-immediate deterrence, 1885-1983)")
HUTH_APSR = ("Huth, P. K. (1988). Extended Deterrence and the Outbreak of War. "
             "American Political Science Review 82(2): 423-443")
REPL = ("huth.csv, case {n}: Huth's cases as used by Signorino & Tarar (2006), AJPS 50(3), "
        "distributed with the replication archive of Crisman-Cox, Gasparyan & Signorino (2022), "
        "Detecting and Correcting for Separation in Strategic Choice Models")
TABLE = ("data/history/huth-cases.csv, case {n}: protege, cut-off and outcome identified for this "
         "project from huth.csv's covariates (contiguity, alliance, trade, regime, nuclear) and the historical record")
HIST = ("dates and events from the general historical record, not verified against a stored copy "
        "when this file was made")

IBF_MEASURE = ("Huth's immediate balance of forces (ibf): the defender's and protege's forces "
               "available at the outset of the crisis relative to the potential attacker's "
               "(Huth 1988, APSR 82(2)); values in huth.csv are capped near 5")

OUTCOME_CODES = ("huth.csv outcome: 1 deterrence success; 3 the challenger attacked or got its way "
                 "and the defender did not go to war; 4 war between defender and challenger "
                 "(the table's 'defender' column is 1 exactly when outcome is 4)")


def q(s):
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def src(**kw):
    return "{" + ", ".join(f"{k}: {q(v)}" for k, v in kw.items()) + "}"


def num(x):
    v = float(x)
    r = round(v, 4)
    if r == int(r):
        return str(int(r))
    return repr(r)


def default_huth_csv():
    for rel in ("..", os.path.join("..", "..")):
        p = os.path.normpath(os.path.join(REPO, rel, "shared", "data", "huth1988", "huth.csv"))
        if os.path.exists(p):
            return p
    return os.path.normpath(os.path.join(REPO, "..", "shared", "data", "huth1988", "huth.csv"))


def read_actors(path):
    """id -> (name, cow or None) from a catalog actors file, by simple parsing."""
    out = {}
    cur = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*- id:\s*(\S+)", line)
            if m:
                cur = m.group(1)
                out[cur] = [None, None]
                continue
            if cur is None:
                continue
            m = re.match(r"\s+name:\s*\"(.*)\"\s*$", line)
            if m and out[cur][0] is None:
                out[cur][0] = m.group(1)
            m = re.match(r"\s+cow:\s*(\d+)", line)
            if m:
                out[cur][1] = int(m.group(1))
    return out


def split_alternatives(s):
    if not s:
        return []
    parts = re.split(r"; (?=(?:deterred|attacked|coerced|protege):)", s)
    return [p.split(": ", 1) for p in parts]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("huth_csv", nargs="?", default=default_huth_csv())
    ap.add_argument("--cases", default=os.path.join(REPO, "data", "history", "huth-cases.csv"))
    ap.add_argument("--out", default=os.path.join(REPO, "data", "history", "huth.yaml"))
    a = ap.parse_args()

    with open(a.huth_csv, newline="", encoding="utf-8") as f:
        huth = {int(r["case"]): r for r in csv.DictReader(f)}
    with open(a.cases, newline="", encoding="utf-8") as f:
        cases = [r for r in csv.DictReader(f)]
    if sorted(huth) != list(range(1, 59)) or [int(c["case"]) for c in cases] != list(range(1, 59)):
        sys.exit("huth.py: expected cases 1..58 in both tables")

    actors = read_actors(os.path.join(REPO, "data", "actors.yaml"))
    actors.update(read_actors(os.path.join(REPO, "data", "history", "actors.yaml")))

    def name(i):
        if i not in actors:
            sys.exit(f"huth.py: actor {i} is defined neither in data/actors.yaml nor in data/history/actors.yaml")
        return actors[i][0]

    def cow(i):
        return actors[i][1] if actors[i][1] is not None else CATALOG_COW.get(i)

    ev, sc, ar, cs = [], [], [], []
    for c in cases:
        n = int(c["case"])
        h = huth[n]
        nn = f"{n:02d}"
        d, ch, p = c["defender"], c["challenger"], c["protege"]
        for i in (d, ch, p):
            name(i)
        # the research table's reading of ccode1/ccode2 must agree with huth.csv
        c1, c2 = int(h["ccode1"]), int(h["ccode2"])
        want = {"as_csv": (cow(d), cow(ch)), "reversed": (cow(ch), cow(d))}.get(c["csv_codes"])
        if want is not None and want != (c1, c2):
            sys.exit(f"huth.py: case {n}: csv_codes {c['csv_codes']} but huth.csv has {c1},{c2}")
        if c["csv_codes"] == "challenger_changed" and cow(d) != c1:
            sys.exit(f"huth.py: case {n}: defender {d} is not ccode1 {c1}")
        deter, outcome = int(h["deter"]), int(h["outcome"])
        if outcome != int(c["huth_outcome"]) or (deter == 1) != (c["outcome"] == "deterred" and outcome == 1):
            # our primary outcome follows Huth's success/failure
            sys.exit(f"huth.py: case {n}: outcome disagrees with huth.csv (deter {deter}, outcome {outcome})")

        year = h["year"]
        crisis = c["crisis"]
        window = c["window_days"] or "365"
        crisis = c["crisis"]
        window = c["window_days"] or "365"
        cut = c["cutoff"]
        slug = re.sub(r"[^a-z0-9]+", "-", crisis.lower()).strip("-")
        if len(slug) > 40:
            slug = slug[:41].rsplit("-", 1)[0]
        cid = f"huth-{nn}-{slug}-{year}"
        eid, sid, aid = f"huth-{nn}-attack", f"huth-{nn}-threat", f"huth-{nn}-arrangement"
        base = [src(ref=HUTH_BOOK), src(ref=REPL.format(n=n)), src(ref=TABLE.format(n=n))]

        # the threatened attack
        ev.append("\n".join([
            f"  - id: {eid}",
            f"    title: {q(f'{name(ch)} attacks {name(p)} (Huth case {n}: {crisis})')}",
            "    kind: armed_attack",
            f"    aggressor: {ch}",
            f"    target: {p}",
            "    targets: [military]",
            f"    scale: {c['scale']}",
            "    assumed:",
            f"      - {{key: scale, reason: {q('the scale of the attack the defender meant to deter, by the encoder: ' + c['scale'])}}}",
            "    sources:",
            f"      - {base[0]}",
            f"      - {base[2]}",
            f"      - {src(assumption='the attack Huth takes the challenger to have threatened; an armed attack on the protege')}",
        ]))

        sc.append("\n".join([
            f"  - id: {sid}",
            f"    title: {q(f'Huth case {n}: the threatened attack of {name(ch)} on {name(p)}, as of {cut}')}",
            f"    date: {cut}",
            f"    events: [{eid}]",
            "    sources:",
            f"      - {base[2]}",
        ] + ([
            "    assumed:",
            f"      - {{key: date, reason: {q('cut-off ' + c['cutoff_assumed'] + ' assumed; Huth gives the year ' + year)}}}",
        ] if c["cutoff_assumed"] else [])))

        allied = h["milallia"] == "1"
        td = c["treaty_date"]
        adate = td if (td and td <= cut) else cut
        summ = (f"What {name(d)} had promised {name(p)} at the cut-off, coded from Huth's milallia = {h['milallia']}: "
                + ("a military alliance, encoded as a ratified treaty with automatic activation"
                   if allied else "no alliance, encoded as a political declaration with discretionary activation")
                + ". " + (f"Treaty or agreement date in the research table: {td}. " if td else "")
                + ("The research table's note: " + c["note"] if c["note"] and allied else ""))
        ar.append("\n".join([
            f"  - id: {aid}",
            f"    title: {q(f'{name(d)} for {name(p)} ({crisis}, Huth case {n})')}",
            f"    protects: {p}",
            f"    date: {adate}",
            "    status: in_force",
            f"    legal_form: {'treaty_ratified' if allied else 'political_declaration'}",
            "    assumed:",
            f"      - {{key: legal_form, reason: {q('from Huth milallia = ' + h['milallia'] + ' by the rule of the Huth encoding, not from the instrument')}}}",
            f"    summary: {q(summ.strip())}",
            "    sources:",
            f"      - {base[0]}",
            f"      - {src(ref=REPL.format(n=n), quote='milallia ' + h['milallia'])}",
            f"      - {base[2]}",
            "    obligations:",
            f"      - guarantor: {d}",
            "        kind: military_intervention",
            "        triggers: [armed_attack]",
            f"        activation: {'automatic' if allied else 'discretionary'}",
            "        sources:",
            f"          - {src(ref=HUTH_APSR, assumption='Huth codes an immediate deterrent threat of force by the defender in every case')}",
        ]))

        # the case
        L = [
            f"  - id: {cid}",
            f"    title: {q(f'{crisis} ({year}): {name(ch)}, {name(p)}; {name(d)} defends')}",
            "    set: huth",
            f"    question: {q(f'Does {name(ch)} use force against {name(p)}, or obtain its demand under threat, within {window} days of {cut}?')}",
            f"    cutoff: {cut}",
            f"    window_days: {c['window_days'] or 365}",
            f"    protected: {p}",
            f"    challengers: [{ch}]",
            f"    arrangement: {aid}",
            f"    scenario: {sid}",
            "    balance:",
            f"      value: {num(h['ibf'])}",
            f"      measure: {q(IBF_MEASURE)}",
            f"      source: {src(ref=REPL.format(n=n), quote='ibf ' + num(h['ibf']))}",
            "    covariates:",
        ]
        L += [f"      - {{name: {v}, value: {num(h[v])}}}" for v in COVARIATES]
        res = c["outcome"]
        osrc = src(ref=REPL.format(n=n), quote=f"deter {deter}, outcome {outcome}")
        L += ["    outcome:", f"      result: {res}"]
        if res != "deterred":
            L.append(f"      date: {c['outcome_date']}")
            if res == "attacked":
                L.append(f"      defence_held: {c['defence_held']}")
            g = f"{{actor: {d}, action: {c['defender_action']}"
            if c["help_days"]:
                g += f", days: {c['help_days']}"
            g += f", source: {src(ref=REPL.format(n=n), quote='outcome ' + str(outcome))}}}"
            L += ["      guarantors:", f"        - {g}"]
        L.append(f"      source: {osrc}")
        if res == "deterred":
            L += ["    intent:", f"      level: {c['intent_level']}",
                  f"      evidence: {q(c['intent_evidence'])}",
                  f"      source: {src(ref=TABLE.format(n=n), assumption=HIST)}"]
        rank = {"high": 2, "medium": 1, "low": 0}
        conf = min(c["confidence"], c["protege_confidence"], key=rank.get)
        L.append(f"    confidence: {conf}")
        alts = split_alternatives(c["alternatives"])
        if alts:
            L.append("    alternatives:")
            for kind, text in alts:
                r = res if kind == "protege" else kind
                t = ("another protege: " + text) if kind == "protege" else text
                L.append(f"      - {{result: {r}, note: {q(t)}, source: {src(ref=TABLE.format(n=n), assumption=HIST)}}}")
        L += ["    sources:", f"      - {src(ref=HUTH_BOOK)}", f"      - {src(ref=HUTH_APSR)}",
              f"      - {src(ref=REPL.format(n=n))}", f"      - {src(ref=TABLE.format(n=n))}",
              f"      - {src(assumption=HIST)}"]
        note = [f"Huth: deter {deter}, outcome {outcome} ({['', 'success', '', 'failure without war by the defender', 'failure, war'][outcome]})."]
        note.append(f"Protege identified with {c['protege_confidence']} confidence (not read from Huth's printed case list).")
        if c["cutoff_assumed"]:
            note.append(f"Cut-off {c['cutoff_assumed']} assumed.")
        if c["note"]:
            note.append(c["note"])
        L.append(f"    note: {q(' '.join(note))}")
        cs.append("\n".join(L))

    hdr = f"""# GENERATED by scripts/history/huth.py from huth.csv (Huth's 58 cases, as
# distributed with Crisman-Cox, Gasparyan & Signorino 2022) and
# data/history/huth-cases.csv. Do not edit by hand: edit the research table
# and run the script again.
#
# Huth, P. K. (1988), Extended Deterrence and the Prevention of War (Yale UP)
# and "Extended Deterrence and the Outbreak of War", APSR 82(2). Per case: the
# threatened attack (events), a scenario of that one event dated at the
# cut-off, the defender's commitment (arrangements) and the case record
# (cases, docs/backtest.md). {OUTCOME_CODES}.
# The primary outcome follows Huth's success or failure; where the
# challenger used some force that Huth does not count (Panjdeh 1885,
# Venezuela 1902, Jordan 1970, Chad 1983, ...) an alternative records it.
"""
    out = [hdr, "events:", "\n\n".join(ev), "", "scenarios:", "\n\n".join(sc), "",
           "arrangements:", "\n\n".join(ar), "", "cases:", "\n\n".join(cs), ""]
    text = "\n".join(out)
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"huth.py: wrote {len(cases)} cases to {os.path.relpath(a.out, REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
