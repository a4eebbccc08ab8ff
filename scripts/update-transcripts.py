#!/usr/bin/env python3
"""Rewrite the full (not excerpt) transcripts of the docs with what the
program prints now, so that a deliberate change of output is one command;
review the diff (git diff docs) before committing: a transcript that moved
is a claim that changed. Excerpts are left alone and reported when stale.

    update-transcripts.py SOURCE_DIR PROGRAM
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "docs"))
import test_transcripts as tt  # noqa: E402


def main():
    root, program = sys.argv[1], os.path.abspath(sys.argv[2])
    for path in tt.documents(root):
        if path.endswith("results.md"):
            continue
        lines = open(path, encoding="utf-8").read().split("\n")
        # Work from the last transcript up, so earlier line numbers hold.
        for no, cmd, excerpt, expected in reversed(tt.transcripts(path)):
            got = tt.run(root, program, cmd)
            if tt.check(list(expected), list(got), excerpt) is None:
                continue
            if excerpt:
                print(f"stale excerpt {os.path.relpath(path, root)}:{no}: $ {cmd}")
                continue
            while got and got[-1] == "":
                got.pop()
            n = len(expected)
            while n and expected[n - 1] == "":
                n -= 1
            lines[no:no + n] = got
            print(f"updated {os.path.relpath(path, root)}:{no}: $ {cmd}")
        open(path, "w", encoding="utf-8").write("\n".join(lines))


if __name__ == "__main__":
    main()
