#!/usr/bin/env python3
"""Derive data/history/capabilities.yaml from the Correlates of War National
Material Capabilities table (v6.0), for the actors and years the backtest
reads.

    scripts/history/capabilities.py [--nmc PATH] [--out PATH] [--check]

Which rows: for every actor with a `cow` code in data/actors.yaml and
data/history/ (any depth), the years before each case's cut-off year (the
model reads the latest year *before* a date's year: a year's figures are
known once it is over) — one row per actor and year the COW table has, for
the set of years {cut-off year − 1, cut-off year} over all cases (the
cut-off year itself is read only for a state with no earlier year, new to
the table). Personnel is converted
from thousands to persons; expenditure kept in the table's unit
(thousands of current US dollars; before 1914 the codebook's pounds
sterling conversion applies, see the note); cinc as given. A value the
table codes as missing (−9, NA) is left out.

Source: Singer, J. David, Stuart Bremer & John Stuckey (1972), "Capability
Distribution, Uncertainty, and Major Power War, 1820–1965", in Russett (ed.),
Peace, War, and Numbers; National Material Capabilities v6.0 (Greig &
Enterline), as distributed in the R package peacesciencer (Miller); see
../shared/data/README.md.

A year another capabilities file of data/history/ gives for the same actor
(a figure quoted from a yearbook) is left out, so the two never overlap.
The table as stored runs to 2022, though its README calls it v6
(1816–2016): rows after 2016 are used as given.

--check compares the output with the committed file instead of writing it
(exit 1 when they differ): the test suite runs it when the table is there.
"""
import argparse
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_NMC = os.path.join(os.path.dirname(ROOT), "shared", "data", "cow-nmc-v6", "cow_nmc.csv")
OUT = os.path.join(ROOT, "data", "history", "capabilities.yaml")
# The built-in catalog's states, from Ukraine's independence on: in the
# built-in catalog itself, so that --as-of reads sourced figures.
CATALOG_OUT = os.path.join(ROOT, "data", "capabilities.yaml")
CATALOG_FROM = 1991
SOURCE = ("Correlates of War Project, National Material Capabilities v6.0 (Singer, Bremer & Stuckey 1972, "
          "\\\"Capability Distribution, Uncertainty, and Major Power War, 1820-1965\\\", in Russett (ed.), "
          "Peace, War, and Numbers; v6.0 by Greig & Enterline), as distributed in the R package peacesciencer "
          "(Miller); derived by scripts/history/capabilities.py")


def yaml_files():
    yield os.path.join(ROOT, "data", "actors.yaml")
    hist = os.path.join(ROOT, "data", "history")
    for dirpath, _, files in sorted(os.walk(hist)):
        for f in sorted(files):
            if f.endswith(".yaml") and os.path.join(dirpath, f) not in (OUT, CATALOG_OUT):
                yield os.path.join(dirpath, f)


def scan():
    """Actors with a COW code, the cut-off years of the cases, and the
    (actor, year) pairs other capabilities files give, read with patterns
    (the files follow the project's style: one key per line)."""
    actors, years, given = {}, set(), set()
    for path in yaml_files():
        current = None
        cap_actor = None
        with open(path, encoding="utf-8") as fp:
            for line in fp:
                m = re.match(r"\s*actor:\s*([A-Za-z0-9_.-]+)\s*$", line)
                if m:
                    cap_actor = m.group(1)
                m = re.match(r"\s*-\s*\{\s*year:\s*(\d{4})\b", line)
                if m and cap_actor:
                    given.add((cap_actor, int(m.group(1))))
                m = re.match(r"\s*-\s+id:\s*([A-Za-z0-9_.-]+)\s*$", line)
                if m:
                    current = m.group(1)
                    continue
                m = re.match(r"\s*cow:\s*(\d+)\s*$", line)
                if m and current:
                    code = int(m.group(1))
                    if actors.get(current, code) != code:
                        sys.exit(f"{path}: actor {current} has two COW codes")
                    actors[current] = code
                m = re.match(r"\s*cutoff:\s*(\d{4})-\d\d-\d\d\s*$", line)
                if m:
                    # The year before (what the model reads) and the year
                    # itself (read only for a state with no earlier year).
                    years.update((int(m.group(1)) - 1, int(m.group(1))))
    return actors, years, given


def value(text):
    """A number of the table, or None when it is missing (NA, empty, or
    the COW code -9)."""
    if text in ("", "NA"):
        return None
    v = float(text)
    return None if v < 0 else v


def catalog_actors():
    """The ids of data/actors.yaml."""
    with open(os.path.join(ROOT, "data", "actors.yaml"), encoding="utf-8") as fp:
        return set(re.findall(r"^\s+-\s+id:\s*([A-Za-z0-9_.-]+)\s*$", fp.read(), re.M))


def fmt(x):
    s = repr(float(x))
    return s[:-2] if s.endswith(".0") else s


def render_catalog(nmc_path):
    """data/capabilities.yaml: the built-in catalog's states, every year of
    the table from CATALOG_FROM on."""
    actors, _, given = scan()
    table = read_table(nmc_path)
    catalog = catalog_actors()
    last = max(y for _, y in table)
    out = ["# Generated by scripts/history/capabilities.py from the Correlates of War",
           "# National Material Capabilities table: do not edit. The built-in catalog's",
           f"# states, every year from {CATALOG_FROM} the table has, so that a dated case",
           "# (--as-of, a dated scenario) reads sourced figures. Personnel in persons,",
           "# expenditure in thousands of current US dollars, cinc the composite index.",
           "capabilities:"]
    for actor in sorted(a for a in actors if a in catalog):
        out += block(actor, actors[actor], table, range(CATALOG_FROM, last + 1), given)
    if out[-1] == "capabilities:":
        out[-1] = "capabilities: []"
    return "\n".join(out) + "\n"


def read_table(nmc_path):
    table = {}
    with open(nmc_path, newline="", encoding="utf-8") as fp:
        for r in csv.DictReader(fp):
            table[(int(r["ccode"]), int(r["year"]))] = r
    return table


def block(actor, code, table, years, given, rid=None):
    rows = []
    for y in sorted(years):
        r = table.get((code, y))
        # A figure another file gives (with its own quoted source) is that
        # file's: the table's row for the year is left out.
        if r is None or (actor, y) in given:
            continue
        keys = [f"year: {y}"]
        if value(r["milper"]) is not None:
            keys.append(f"personnel: {fmt(value(r['milper']) * 1000)}")
        if value(r["milex"]) is not None:
            keys.append(f"expenditure: {fmt(value(r['milex']))}")
        if value(r["cinc"]) is not None:
            keys.append(f"cinc: {fmt(value(r['cinc']))}")
        if len(keys) > 1:
            rows.append("      - {" + ", ".join(keys) + "}")
    if not rows:
        return []
    return [f"  - id: {rid or 'cow-nmc-' + actor}",
            f"    actor: {actor}",
            f"    source: {{ref: \"{SOURCE}; state code {code}\"}}",
            "    years:"] + rows


def render(nmc_path):
    actors, years, given = scan()
    # What the built-in catalog gives is not repeated here.
    given = given | {(a, y) for a in catalog_actors() for y in range(CATALOG_FROM, 2200)}
    table = read_table(nmc_path)
    out = ["# Generated by scripts/history/capabilities.py from the Correlates of War",
           "# National Material Capabilities table v6.0: do not edit. Personnel in persons",
           "# (the table's thousands x 1000), expenditure in the table's unit (thousands of",
           "# current US dollars), cinc the composite index. One row per actor for each case's",
           f"# cut-off year and the year before it that the table has (the built-in catalog's",
           f"# states from {CATALOG_FROM} on are in data/capabilities.yaml).",
           "capabilities:"]
    catalog = catalog_actors()
    for actor in sorted(actors):
        # The catalog's states have their record from 1991 in the built-in
        # catalog; their earlier years here take another id.
        rid = f"cow-nmc-{actor}-before-{CATALOG_FROM}" if actor in catalog else None
        out += block(actor, actors[actor], table, years, given, rid)
    if out[-1] == "capabilities:":
        out[-1] = "capabilities: []"
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nmc", default=DEFAULT_NMC, help="the COW NMC v6 CSV (default: %(default)s)")
    ap.add_argument("--out", default=OUT, help="where to write (default: %(default)s)")
    ap.add_argument("--check", action="store_true", help="compare with the committed file; exit 1 if it differs")
    a = ap.parse_args()
    if not os.path.exists(a.nmc):
        print(f"{a.nmc}: the COW table is not here; nothing to derive (skipped)", file=sys.stderr)
        return 77
    outputs = [(a.out, render(a.nmc)), (CATALOG_OUT, render_catalog(a.nmc))]
    if a.check:
        stale = 0
        for path, text in outputs:
            try:
                with open(path, encoding="utf-8") as fp:
                    old = fp.read()
            except FileNotFoundError:
                old = ""
            if old != text:
                print(f"{path} is stale: run scripts/history/capabilities.py", file=sys.stderr)
                stale = 1
        return stale
    for path, text in outputs:
        with open(path, "w", encoding="utf-8") as fp:
            fp.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
