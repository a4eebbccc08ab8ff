#!/usr/bin/env python3
"""The documentation's transcripts are run and must match, so that no
example in docs/ can go stale (curl keeps its examples honest this way).

A transcript is a fenced code block holding lines that start with
"$ guarantor ": each such line is a command, run from the source tree with
the program under test, and the lines after it, up to the next "$ " line or
the end of the block, are what it prints (standard output and standard
error together). A command whose line ends with a note in parentheses after
two or more spaces, such as "(excerpt)" or "(facts left out)", shows an
excerpt: its lines must appear in the output in the same order (lines
"..." stand for lines left out); any other transcript must match the output
exactly, line for line.

docs/results.md is generated (scripts/results.sh; make results): its
commands are long runs and are not repeated here, but it must name the
program's current version and parameter hash, or it is stale.

    test_transcripts.py SOURCE_DIR PROGRAM
"""
import json
import os
import re
import shlex
import subprocess
import sys

ANNOTATION = re.compile(r"^(.*?\S)\s{2,}\(([^()]*)\)\s*$")


def transcripts(path):
    """(line number, command, excerpt?, expected lines) of every transcript."""
    out = []
    in_block = False
    current = None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for no, line in enumerate(lines, 1):
        if line.startswith("```"):
            if current:
                out.append(current)
                current = None
            in_block = not in_block
            continue
        if not in_block:
            continue
        if line.startswith("$ "):
            if current:
                out.append(current)
            cmd = line[2:]
            m = ANNOTATION.match(cmd)
            excerpt = m is not None
            if m:
                cmd = m.group(1)
            current = (no, cmd, excerpt, []) if cmd.startswith("guarantor ") else None
        elif current:
            current[3].append(line.rstrip())
    return out


def run(root, program, cmd):
    argv = shlex.split(cmd)
    argv[0] = program
    p = subprocess.run(argv, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
    return [l.rstrip() for l in p.stdout.split("\n")]


def check(expected, got, excerpt):
    """None when `got` matches, else a one-line reason."""
    while expected and expected[-1] == "":
        expected = expected[:-1]
    while got and got[-1] == "":
        got = got[:-1]
    if not excerpt:
        if expected == got:
            return None
        for i, (e, g) in enumerate(zip(expected, got)):
            if e != g:
                return f"output line {i + 1} differs:\n      want: {e!r}\n      got:  {g!r}"
        return f"the output has {len(got)} lines, the transcript {len(expected)}"
    at = 0
    for e in expected:
        if e.strip() == "...":
            continue
        while at < len(got) and got[at] != e:
            at += 1
        if at == len(got):
            return f"this line is not in the output (after the lines before it):\n      {e!r}"
        at += 1
    return None


def documents(root):
    """The files whose transcripts are run: README.md, docs/*.md and the
    end-to-end cases tests/cases/*.md."""
    return [os.path.join(root, "README.md")] + sorted(
        os.path.join(root, "docs", f) for f in os.listdir(os.path.join(root, "docs")) if f.endswith(".md")) + sorted(
        os.path.join(root, "tests", "cases", f) for f in os.listdir(os.path.join(root, "tests", "cases"))
        if f.endswith(".md"))


def main():
    root, program = sys.argv[1], os.path.abspath(sys.argv[2])
    docs = documents(root)
    failures = count = 0
    for path in docs:
        rel = os.path.relpath(path, root)
        if rel == os.path.join("docs", "results.md"):
            continue
        for no, cmd, excerpt, expected in transcripts(path):
            count += 1
            why = check(expected, run(root, program, cmd), excerpt)
            if why:
                failures += 1
                print(f"FAIL {rel}:{no}: $ {cmd}\n    {why}")
            else:
                print(f"ok   {rel}:{no}: $ {cmd}{'  (excerpt)' if excerpt else ''}")
    # The generated results name the current version and parameters.
    results = os.path.join(root, "docs", "results.md")
    if os.path.exists(results):
        text = open(results, encoding="utf-8").read()
        version = subprocess.run([program, "--version"], capture_output=True, text=True).stdout.split()[-1]
        sim = json.loads(subprocess.run([program, "simulate", "budapest-1994", "-n", "1", "--json", "--threads", "1"],
                                        capture_output=True, text=True, cwd=root).stdout)
        h = sim["result"]["params_hash"]
        for what, value in (("version", version), ("parameter hash", h)):
            if value not in text:
                failures += 1
                print(f"FAIL docs/results.md does not name the program's {what} {value}: it is stale; "
                      f"run make results")
        count += 1
    print(f"\n{count - failures} of {count} transcripts match")
    return 1 if failures or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
