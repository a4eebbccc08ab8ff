#!/usr/bin/env python3
"""Mutation check: each change below breaks an equation or a rule of the
model on purpose, and at least one test must then fail. Run from the
source tree (make mutants); it works on a copy in a temporary directory,
rebuilding only what each mutation touches, and never changes the tree.

    tests/mutation/run.py [--keep]

Exit status 0 when every mutation is caught, 1 when one survives (its
name is printed), 2 when the copy cannot be built.
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# test_properties is left out to keep CI short: every mutation below is
# caught by these four (it also catches several of them).
TESTS = ["test_model", "test_trigger", "test_sim", "test_backtest"]

# (name, file, text, replacement): the text must occur exactly once.
MUTATIONS = [
    ("baseline: the draws where both attack counted without the arrangement's own choice",
     "src/lib/mc/run.c", "k->both_attack_bl += theirs && mine_attacks;", "k->both_attack_bl += theirs;"),
    ("prior spread: the 90th percentile read at the median",
     "src/lib/mc/run.c", "const double q[3] = {0.1, 0.5, 0.9};", "const double q[3] = {0.1, 0.5, 0.5};"),
    ("facts: the rules applied in one pass, not to a fixed point",
     "src/lib/engine/facts.c", "for (size_t pass = 0, changed = 1; changed && pass <= nrules; pass++) {",
     "for (size_t pass = 0, changed = 1; changed && pass < 1; pass++) {"),
    ("capabilities: a year's figures read during that year (look-ahead)",
     "src/lib/catalog/store.c", "int limit = date ? year_of(date) - 1 : INT_MAX;", "int limit = date ? year_of(date) : INT_MAX;"),
    ("nuclear status: nuclear_since ignored",
     "src/lib/catalog/store.c", "return date >= actor->nuclear_since;", "return true;"),
    ("backtest: the leave-one-out base rate keeps the case it predicts",
     "src/lib/backtest/backtest.c", "double rate = scored > 1 ? (total - y[i]) / (double)(scored - 1) : NAN;",
     "double rate = total / (double)scored;"),
    ("rule 3: an obligation not yet in force on the day it starts",
     "src/lib/engine/trigger.c", "if (start && start > when) {", "if (start && start >= when) {"),
    ("rule 3: a term lapsed on its last day",
     "src/lib/engine/trigger.c", "> years * 365.2425", ">= years * 365.2425"),
    ("rule 6: min_scale excludes its own scale",
     "src/lib/engine/trigger.c", "if (GR_GIVEN(t, GR_KEY_TRIGGER_MIN_SCALE) && ev->scale < t->min_scale) {",
     "if (GR_GIVEN(t, GR_KEY_TRIGGER_MIN_SCALE) && ev->scale <= t->min_scale) {"),
    ("revocation: an accidental act of the protected state voids like a deliberate one",
     "src/lib/engine/trigger.c", "if (strcmp(e->aggressor, arr->protects) != 0 || e->intent != GR_INTENT_DELIBERATE) continue;",
     "if (strcmp(e->aggressor, arr->protects) != 0) continue;"),
    ("scenario: help counted from day 0, not from the attack's day",
     "src/lib/engine/trigger.c", "if (a->day_from >= 0) a->day_from += tl->steps[k].day;", ""),
    ("scenario: an obligation answers only the first attack, not the first it responds to",
     "src/lib/engine/trigger.c", "if (!unanswered) answered = k;", "answered = k;"),
    ("honour: the tripwire shift dropped",
     "src/lib/mc/model.c", "if (b->tripwire) l += th[GR__P_TRIPWIRE];", ""),
    ("honour: the nuclear shift dropped",
     "src/lib/mc/model.c", "if (b->nuclear) l += th[GR__P_NUCLEAR];", ""),
    ("honour: the approval shift dropped",
     "src/lib/mc/model.c", "if (b->approval) l += th[GR__P_APPROVAL];", ""),
    ("punishment: the largest of a class made a sum",
     "src/lib/mc/model.c", "if (v > *slot) *slot = v;", "*slot += v;"),
    ("punishment: every guarantor's weight forced to 1",
     "src/lib/mc/compile.c", "b->weight = c->weight_by_cinc ? cinc[g] / cinc_a : personnel / c->aggressor;",
     "b->weight = 1;"),
    ("groups: a member's personnel replaces the sum instead of adding to it",
     "src/lib/mc/compile.c", "*out += v;\n    ++*members;", "*out = v;\n    ++*members;"),
    ("groups: the aggressor counted among a group's members",
     "src/lib/mc/compile.c", "!strcmp(m->id, aggressor) || !strcmp(m->id, protects) ||\n        !gr_catalog_actor_in(cat, m->id, id) || !gr_catalog_personnel(cat, m->id, date, &v, NULL, NULL) ||\n",
     "!strcmp(m->id, protects) ||\n        !gr_catalog_actor_in(cat, m->id, id) || !gr_catalog_personnel(cat, m->id, date, &v, NULL, NULL) ||\n"),
    ("force cap: applied only when above the protected state's personnel",
     "src/lib/mc/compile.c", "arr->force_cap.value < personnel", "arr->force_cap.value > personnel"),
    ("menu: read at its strongest means",
     "src/lib/mc/compile.c", "if (gr_obligation_kind_rank(o->means.items[i]) < gr_obligation_kind_rank(k))",
     "if (gr_obligation_kind_rank(o->means.items[i]) > gr_obligation_kind_rank(k))"),
    ("positions: read at their latest, not at the trigger engine's date",
     "src/lib/mc/compile.c", "gr_assessment_new(cat, arr, tl->facts, tl->as_of,",
     "gr_assessment_new(cat, arr, tl->facts, (gr_date)99991231,"),
    ("help: ceasefire monitors counted as help",
     "src/lib/mc/model.c", "if (b->kind == GR_OB_CONSULTATION || b->kind == GR_OB_CEASEFIRE_MONITORING) continue;",
     "if (b->kind == GR_OB_CONSULTATION) continue;"),
    # Issue 12's model.
    ("stationed forces: a force where the attack falls fights only if its government honours",
     "src/lib/mc/model.c", "static bool in_place(const gr__cob *b) { return b->standing || b->engaged; }",
     "static bool in_place(const gr__cob *b) { return b->standing; }"),
    ("deliveries: what was delivered before the attack is not the defender's own",
     "src/lib/mc/model.c", "static bool in_place(const gr__cob *b) { return b->standing || b->engaged; }",
     "static bool in_place(const gr__cob *b) { return b->engaged; }"),
    ("time: help expected however late it arrives",
     "src/lib/mc/model.c", "if (b->engaged || !expected_in_time(b, hold)) continue;", "if (b->engaged) continue;"),
    ("time: help counted in the battle however late it arrives",
     "src/lib/mc/model.c", "if (op->fight == GR__FIGHT_GROUND && t > hold) continue;", ""),
    ("options: the lesser ground options not open",
     "src/lib/mc/compile.c", "rank < gr__options[threat].rank) m |= 1u << o;", "rank < 0) m |= 1u << o;"),
    ("options: a hybrid attack weighed as a probe",
     "src/lib/mc/model.c", "  case GR_EV_CEASEFIRE_VIOLATION: return GR_OPTION_PROBE;",
     "  case GR_EV_CEASEFIRE_VIOLATION:\n  case GR_EV_HYBRID: return GR_OPTION_PROBE;"),
    ("honour: the post-1945 shift dropped",
     "src/lib/mc/model.c", "(c->post1945 ? th[GR__P_HONOUR_POST_1945] : 0)", "0"),
    ("honour: what the guarantor said ignored",
     "src/lib/mc/model.c", "if (b->said == 2) l += th[GR__P_SAID_REFUSES];", ""),
    ("punishment: a nuclear-armed guarantor counts as any other",
     "src/lib/mc/model.c", "(b->g_nuclear ? th[GR__P_NUCLEAR_PUNISHMENT] : 1.0)", "1.0"),
    ("decision: the logit probability of not attacking with the sign of the value turned",
     "src/lib/mc/model.c", "return 1 / (1 + exp(v / tau));", "return 1 / (1 + exp(-v / tau));"),
    ("baseline: the no-guarantee case keeps the force cap",
     "src/lib/mc/compile.c", "bare->protected_ = c->protected_uncapped;", ""),
    ("quantiles: the rank off by one",
     "src/lib/mc/stats.c", "double r = ceil(nn * q) - 1,", "double r = ceil(nn * q),"),
]


def run(cmd, cwd, quiet=True):
    return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE if quiet else None, stderr=subprocess.STDOUT,
                          text=True)


def main():
    keep = "--keep" in sys.argv
    tmp = tempfile.mkdtemp(prefix="guarantor-mutants-")
    try:
        for d in ["CMakeLists.txt", "cmake", "src", "include", "tests", "tools", "data", "bench", "report/template.html",
                  "docs/model.md"]:
            src, dst = os.path.join(ROOT, d), os.path.join(tmp, d)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            (shutil.copytree if os.path.isdir(src) else shutil.copy2)(src, dst)
        build = os.path.join(tmp, "build")
        p = run(["cmake", "-S", tmp, "-B", build, "-DCMAKE_BUILD_TYPE=Debug", "-DGUARANTOR_TESTS=ON"], tmp)
        if p.returncode != 0:
            print(p.stdout, file=sys.stderr)
            return 2

        def build_and_test():
            p = run(["cmake", "--build", build, "-j", str(os.cpu_count() or 2), "--target"] + TESTS, tmp)
            if p.returncode != 0:
                return None, p.stdout
            failed = [t for t in TESTS if run([os.path.join(build, "tests", t)], build).returncode != 0]
            return failed, ""

        failed, log = build_and_test()
        if failed is None or failed:
            print(f"mutants: the unmutated copy does not pass: {failed or log[-2000:]}", file=sys.stderr)
            return 2
        survivors = 0
        for name, path, text, repl in MUTATIONS:
            f = os.path.join(tmp, path)
            with open(f) as fh:
                orig = fh.read()
            if orig.count(text) != 1:
                print(f"mutants: '{text}' is not in {path} exactly once: update tests/mutation/run.py", file=sys.stderr)
                return 2
            with open(f, "w") as fh:
                fh.write(orig.replace(text, repl))
            failed, log = build_and_test()
            with open(f, "w") as fh:
                fh.write(orig)
            if failed is None:
                print(f"mutants: '{name}' does not compile:\n{log[-2000:]}", file=sys.stderr)
                return 2
            print(f"{'caught  ' if failed else 'SURVIVED'}  {name}" + (f"  (fails {', '.join(failed)})" if failed else ""))
            survivors += not failed
        print(f"\n{len(MUTATIONS) - survivors} of {len(MUTATIONS)} mutations caught")
        return 1 if survivors else 0
    finally:
        if keep:
            print(f"mutants: the copy is in {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
