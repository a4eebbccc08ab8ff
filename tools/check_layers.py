#!/usr/bin/env python3
"""The library's layering, checked: every folder of src/lib/ is a module,
and a module may use only the modules below it.

    base  <-  model  <-  catalog  <-  engine  <-  mc  <-  backtest

(news/, backtest/ and design/ join when they exist: see LAYERS.) Two views
of the same rule are checked:

  includes   every #include "..." of src/lib/**/*.{c,h} and of the public
             headers include/guarantor/*.h names a header of its own module
             or of a module it may use;
  symbols    (with --objects DIR) every symbol an object file of the
             library leaves undefined and another of its objects defines
             belongs to its own module or to one it may use (nm).

A dependency that breaks the rule is printed with the offending pair, e.g.

    src/lib/catalog/store.c includes "engine/trigger.h": catalog may not
    depend on engine (catalog may use: base, model)

and any cycle among modules is printed as one. Exit status: 0 when the
layering holds, 1 when it does not, 2 on bad usage.

    tools/check_layers.py [--root DIR] [--objects DIR]
"""
import argparse
import os
import re
import subprocess
import sys

# Each module and the modules it uses directly; a module may also use what
# those use (the transitive closure). Keep in order, lowest first.
LAYERS = {
    "base": [],
    "model": ["base"],
    "catalog": ["model"],
    "engine": ["catalog"],
    "mc": ["engine"],
    "backtest": ["mc"],
}

# The public headers belong to the module that implements them.
PUBLIC = {
    "common.h": "base",
    "json.h": "base",
    "model.h": "model",
    "catalog.h": "catalog",
    "whatif.h": "catalog",
    "facts.h": "engine",
    "trigger.h": "engine",
    "assess.h": "engine",
    "sim.h": "mc",
    "discovery.h": "mc",
    "backtest.h": "backtest",
    # The umbrella header includes everything: no module may include it.
    "guarantor.h": None,
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def closure(layers):
    """Every module each module may use, directly or through others."""
    allowed = {}
    for m in layers:
        seen, todo = set(), list(layers[m])
        while todo:
            d = todo.pop()
            if d in seen:
                continue
            seen.add(d)
            todo.extend(layers.get(d, []))
        allowed[m] = seen
    return allowed


def cycles(edges):
    """The cycles among modules (Tarjan's strongly connected components of
    more than one module, or a module that uses itself through others)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]
    nodes = sorted({a for a, _ in edges} | {b for _, b in edges})
    succ = {n: sorted({b for a, b in edges if a == n and b != n}) for n in nodes}

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in succ[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(path_around(sorted(comp)))

    def path_around(comp):
        """One cycle through the component, from its first module back to
        it, as the modules met on the way."""
        start, inside = comp[0], set(comp)

        def walk(v, path):
            for w in succ[v]:
                if w == start:
                    return path
                if w in inside and w not in path:
                    found = walk(w, path + [w])
                    if found:
                        return found
            return None

        return walk(start, [start]) or comp

    for n in nodes:
        if n not in index:
            visit(n)
    return out


def module_of_header(name):
    """The module a quoted include names, or None when it is not the
    library's (a system or third-party header)."""
    if name.startswith("guarantor/"):
        base = name.split("/", 1)[1]
        return PUBLIC.get(base, "?" + base), True
    first = name.split("/", 1)[0]
    if "/" in name and first in LAYERS:
        return first, False
    return None, False


def check_includes(root, allowed, problems, edges):
    lib = os.path.join(root, "src", "lib")
    files = []
    for d, _, names in os.walk(lib):
        for n in sorted(names):
            if n.endswith((".c", ".h")):
                files.append(os.path.join(d, n))
    pub = os.path.join(root, "include", "guarantor")
    if os.path.isdir(pub):
        files += [os.path.join(pub, n) for n in sorted(os.listdir(pub)) if n.endswith(".h")]
    for path in sorted(files):
        rel = os.path.relpath(path, root)
        parts = rel.split(os.sep)
        if parts[0] == "include":
            mod = PUBLIC.get(parts[-1], "?" + parts[-1])
            if mod is None:
                continue  # The umbrella header.
        else:
            if len(parts) < 4:
                problems.append(f"{rel}: a library file outside any module folder (src/lib/MODULE/...)")
                continue
            mod = parts[2]
        if mod not in LAYERS:
            problems.append(f"{rel}: module '{mod}' is not in the layering table of tools/check_layers.py")
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for m in INCLUDE.finditer(text):
            name = m.group(1)
            if parts[0] == "include" and "/" not in name:
                name = "guarantor/" + name  # Public headers include each other by bare name.
            dep, public = module_of_header(name)
            if dep is None:
                continue
            if dep.startswith("?"):
                problems.append(f'{rel} includes "{name}": no such public header is assigned to a module')
                continue
            if dep is None or dep == mod:
                continue
            edges.add((mod, dep))
            if dep not in allowed[mod]:
                problems.append(
                    f'{rel} includes "{name}": {mod} may not depend on {dep} '
                    f'({mod} may use: {", ".join(sorted(allowed[mod])) or "nothing"})')
    return files


def check_symbols(objdir, allowed, problems, edges):
    objs = []
    for d, _, names in os.walk(objdir):
        for n in names:
            if n.endswith(".o"):
                p = os.path.join(d, n)
                m = re.search(r"src/lib/([^/]+)/", p.replace(os.sep, "/"))
                if m:
                    objs.append((m.group(1), p))
    if not objs:
        problems.append(f"{objdir}: no object files of src/lib found")
        return
    defined, undefined = {}, []
    for mod, p in sorted(objs):
        out = subprocess.run(["nm", "-P", p], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            f = line.split()
            if len(f) < 2:
                continue
            sym, kind = f[0], f[1]
            if kind == "U":
                undefined.append((mod, p, sym))
            elif kind.isupper():
                defined[sym] = (mod, p)
    for mod, p, sym in undefined:
        if sym not in defined:
            continue  # libc, libfyaml, GSL, ...
        dep, where = defined[sym]
        if dep == mod:
            continue
        edges.add((mod, dep))
        if dep not in allowed.get(mod, set()):
            problems.append(
                f"{os.path.basename(p)} ({mod}) uses {sym} of {os.path.basename(where)} ({dep}): "
                f"{mod} may not depend on {dep} ({mod} may use: {', '.join(sorted(allowed.get(mod, set()))) or 'nothing'})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    help="the source tree (default: this script's)")
    ap.add_argument("--objects", help="a build directory holding the library's object files")
    args = ap.parse_args()
    problems, edges = [], set()
    table_cycles = cycles({(a, b) for a in LAYERS for b in LAYERS[a]})
    for c in table_cycles:
        problems.append("the layering table itself is circular: " + " -> ".join(c + [c[0]]))
    allowed = closure(LAYERS)
    files = check_includes(args.root, allowed, problems, edges)
    if args.objects:
        check_symbols(args.objects, allowed, problems, edges)
    for c in cycles(edges):
        problems.append("circular dependency between modules: " + " -> ".join(c + [c[0]]))
    for p in problems:
        print("layering: " + p, file=sys.stderr)
    if problems:
        print(f"layering: {len(problems)} problem(s); the modules and their order: tools/check_layers.py",
              file=sys.stderr)
        return 1
    print(f"layering: ok ({len(files)} files; {', '.join(LAYERS)}"
          f"{'; symbols of the objects checked' if args.objects else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
