#!/usr/bin/env python3
"""The layering check holds on the tree and fails, naming the pair, when a
module includes one above it or a public header reaches upwards.

    test_layers.py SOURCE_DIR BUILD_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile

src, build = sys.argv[1], sys.argv[2]
check = os.path.join(src, "tools", "check_layers.py")
failures = 0


def run(root, objects=None):
    cmd = [sys.executable, check, "--root", root]
    if objects:
        cmd += ["--objects", objects]
    p = subprocess.run(cmd, capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def expect(what, ok, detail=""):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures += 1
        print(detail)


rc, out = run(src, build)
expect("the tree keeps its layering (includes and symbols)", rc == 0, out)

with tempfile.TemporaryDirectory() as tmp:
    for d in ("src", "include"):
        shutil.copytree(os.path.join(src, d), os.path.join(tmp, d))
    with open(os.path.join(tmp, "src", "lib", "catalog", "store.c"), "a") as f:
        f.write('\n#include "engine/trigger.h"\n')
    rc, out = run(tmp)
    expect("an upward include fails the check", rc == 1, out)
    expect("the message names the file, the header and both modules",
           'src/lib/catalog/store.c includes "engine/trigger.h": catalog may not depend on engine' in out, out)
    expect("the cycle it closes is named", "circular dependency between modules: catalog -> engine -> catalog" in out,
           out)

with tempfile.TemporaryDirectory() as tmp:
    for d in ("src", "include"):
        shutil.copytree(os.path.join(src, d), os.path.join(tmp, d))
    with open(os.path.join(tmp, "include", "guarantor", "common.h"), "a") as f:
        f.write('\n#include "catalog.h"\n')
    rc, out = run(tmp)
    expect("a public header of a lower module including a higher one fails", rc == 1 and
           'include/guarantor/common.h includes "guarantor/catalog.h": base may not depend on catalog' in out, out)

with tempfile.TemporaryDirectory() as tmp:
    for d in ("src", "include"):
        shutil.copytree(os.path.join(src, d), os.path.join(tmp, d))
    os.makedirs(os.path.join(tmp, "src", "lib", "extras"))
    with open(os.path.join(tmp, "src", "lib", "extras", "x.c"), "w") as f:
        f.write('#include "base/base.h"\n')
    rc, out = run(tmp)
    expect("a module missing from the table fails", rc == 1 and "module 'extras' is not in the layering table" in out,
           out)

sys.exit(1 if failures else 0)
