/*
 * The assess engine: each rule type met and violated, `unless`, groups,
 * locations, troops, legal forms, superseding positions, and the expected
 * results on the catalog stated in issue 3; then issue 10: parties,
 * positions on named arrangements, locations read and never inferred,
 * promised versus instrument form, numbered conditions, and the date the
 * positions are read at.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "guarantor/assess.h"

/* Positions of a made-up actor group XA.. on two test arrangements. */
static const char *const TEST_YAML =
    "actors:\n"
    "  - {id: XA, name: Tester A, type: state, sources: [{assumption: t}]}\n"
    "  - {id: XB, name: Tester B, type: state, sources: [{assumption: t}]}\n"
    "arrangements:\n"
    "  - id: t-force\n"
    "    title: A force\n"
    "    protects: UKR\n"
    "    date: 2025-06-01\n"
    "    status: proposed\n"
    "    legal_form: executive_agreement\n"
    "    legal_forms: [{guarantor: USA, legal_form: political_declaration}]\n"
    "    protected_conditions: [neutrality]\n"
    "    sources: [{assumption: t}]\n"
    "    obligations:\n"
    "      - {guarantor: FRA, kind: reassurance_force, troops: 8000, activation: automatic,\n"
    "         location: {regions: [UA-32]}, sources: [{assumption: t}]}\n"
    "      - {guarantor: USA, kind: intelligence_sharing, activation: automatic, sources: [{assumption: t}]}\n"
    "      - {guarantor: USA, kind: air_cover, activation: discretionary, location: {based_in: POL},\n"
    "         sources: [{assumption: t}]}\n"
    "      - {guarantor: POL, kind: reassurance_force, troops: 0, commitment: declined, activation: automatic,\n"
    "         sources: [{assumption: t}]}\n"
    "positions:\n"
    /* XA: one rule of each type, each violated on t-force. */
    "  - {id: xa-forbid, actor: XA, topic: a, date: 2025-01-01, rule: forbid, confidence: high, summary: s,\n"
    "     match: {kinds: [reassurance_force], guarantors: [NATO], location: in_protected_state}, source: {assumption: t}}\n"
    "  - {id: xa-require, actor: XA, topic: b, date: 2025-01-01, rule: require, confidence: high, summary: s,\n"
    "     match: {legal_form_min: treaty_ratified}, source: {assumption: t}}\n"
    "  - {id: xa-prefer, actor: XA, topic: c, date: 2025-01-01, rule: prefer, confidence: low, summary: s,\n"
    "     match: {accession: EU}, source: {assumption: t}}\n"
    "  - {id: xa-oppose, actor: XA, topic: d, date: 2025-01-01, rule: oppose, confidence: medium, summary: s,\n"
    "     match: {protected_conditions: [neutrality]}, source: {assumption: t}}\n"
    /* XB: the same types, each met on t-force; one lapses through `unless`. */
    "  - {id: xb-forbid, actor: XB, topic: a, date: 2025-01-01, rule: forbid, confidence: high, summary: s,\n"
    "     match: {kinds: [reassurance_force], guarantors: [POL]}, source: {assumption: t}}\n"
    "  - {id: xb-require, actor: XB, topic: b, date: 2025-01-01, rule: require, confidence: high, summary: s,\n"
    "     match: {kinds: [reassurance_force], min_troops: 5000}, source: {assumption: t}}\n"
    "  - {id: xb-prefer, actor: XB, topic: c, date: 2025-01-01, rule: prefer, confidence: high, summary: s,\n"
    "     match: {guarantors: [P5], legal_form_max: political_declaration}, source: {assumption: t}}\n"
    "  - {id: xb-oppose, actor: XB, topic: d, date: 2025-01-01, rule: oppose, confidence: high, summary: s,\n"
    "     match: {kinds: [air_cover], location: in_protected_state}, source: {assumption: t}}\n"
    "  - {id: xb-unless, actor: XB, topic: e, date: 2025-01-01, rule: forbid, confidence: high, summary: s,\n"
    "     match: {kinds: [reassurance_force]}, unless: [ceasefire_in_force], source: {assumption: t}}\n"
    /* XB changes its mind on topic a later: the later position supersedes. */
    "  - {id: xb-forbid-later, actor: XB, topic: a, date: 2025-09-01, rule: forbid, confidence: high, summary: s,\n"
    "     match: {guarantors: [FRA]}, source: {assumption: t}}\n";

/* Issue 10: made-up actors X?.. and arrangements t-... written for one
 * point each, in files of their own (each literal short enough for C). */
static const char *const ISSUE10_ACTORS =
    "actors:\n"
    "  - {id: XR, name: Proposer, type: state, sources: [{assumption: t}]}\n"
    "  - {id: XS, name: Signatory, type: state, sources: [{assumption: t}]}\n"
    "  - {id: XT, name: Endorser, type: state, sources: [{assumption: t}]}\n"
    "  - {id: XU, name: Late signatory, type: state, sources: [{assumption: t}]}\n"
    "  - {id: XV, name: Onlooker, type: state, sources: [{assumption: t}]}\n"
    "  - {id: XL, name: No troops here, type: state, sources: [{assumption: t}]}\n"
    "  - {id: XF, name: Form keeper, type: state, sources: [{assumption: t}]}\n"
    "  - {id: XC, name: Cap keeper, type: state, sources: [{assumption: t}]}\n";

static const char *const ISSUE10_PLANS =
    "arrangements:\n"
    /* Point 1: a plan with its proposer, a signatory, an endorser and a
     * signatory that signs only in December. */
    "  - id: t-plan\n"
    "    title: A plan\n"
    "    protects: UKR\n"
    "    date: 2025-04-12\n"
    "    status: proposed\n"
    "    legal_form: political_declaration\n"
    "    sources: [{assumption: t}]\n"
    "    parties:\n"
    "      - {actor: XR, role: proposer, date: 2025-04-12, source: {ref: \"the plan, art. 1\"}}\n"
    "      - {actor: XS, role: signatory, date: 2025-05-01, source: {ref: the signed text}}\n"
    "      - {actor: XT, role: endorser, source: {assumption: said to endorse it}}\n"
    "      - {actor: XU, role: signatory, date: 2025-12-01, source: {assumption: t}}\n"
    "    obligations:\n"
    "      - {guarantor: GBR, kind: reassurance_force, troops: 5000, activation: automatic,\n"
    "         location: {regions: [UA-32]}, sources: [{assumption: t}]}\n"
    "  - id: t-other\n"
    "    title: Another plan\n"
    "    protects: UKR\n"
    "    date: 2025-04-12\n"
    "    status: proposed\n"
    "    legal_form: political_declaration\n"
    "    sources: [{assumption: t}]\n"
    "    obligations:\n"
    "      - {guarantor: GBR, kind: sanctions, activation: automatic, sources: [{assumption: t}]}\n";

/* Point 3: one obligation stationed, one next door, one nowhere said, one
 * at sea, one with only a note. */
static const char *const ISSUE10_PLACES =
    "arrangements:\n"
    "  - id: t-stationed\n"
    "    title: Stationed\n"
    "    protects: UKR\n"
    "    date: 2025-06-01\n"
    "    status: proposed\n"
    "    legal_form: treaty_signed\n"
    "    sources: [{assumption: t}]\n"
    "    obligations:\n"
    "      - {guarantor: FRA, kind: military_intervention, activation: automatic, location: {regions: [UA-32]},\n"
    "         sources: [{assumption: t}]}\n"
    "  - id: t-neighbour\n"
    "    title: Next door\n"
    "    protects: UKR\n"
    "    date: 2025-06-01\n"
    "    status: proposed\n"
    "    legal_form: treaty_signed\n"
    "    sources: [{assumption: t}]\n"
    "    obligations:\n"
    "      - {guarantor: FRA, kind: military_intervention, activation: automatic, location: {based_in: POL},\n"
    "         sources: [{assumption: t}]}\n"
    "  - id: t-nowhere\n"
    "    title: Nowhere said\n"
    "    protects: UKR\n"
    "    date: 2025-06-01\n"
    "    status: proposed\n"
    "    legal_form: treaty_signed\n"
    "    sources: [{assumption: t}]\n"
    "    obligations:\n"
    "      - {guarantor: FRA, kind: military_intervention, activation: automatic, sources: [{assumption: t}]}\n"
    "      - {guarantor: DEU, kind: military_intervention, activation: automatic,\n"
    "         sources: [{assumption: t}]}\n"
    "      - {guarantor: FRA, kind: air_cover, activation: automatic, sources: [{assumption: t}]}\n"
    "  - id: t-offshore\n"
    "    title: At sea and in the air\n"
    "    protects: UKR\n"
    "    date: 2025-06-01\n"
    "    status: proposed\n"
    "    legal_form: treaty_signed\n"
    "    sources: [{assumption: t}]\n"
    "    obligations:\n"
    "      - {guarantor: FRA, kind: military_intervention, activation: automatic, location: {basing: offshore},\n"
    "         sources: [{assumption: t}]}\n"
    "      - {guarantor: GBR, kind: air_cover, activation: automatic, location: {basing: air_only},\n"
    "         sources: [{assumption: t}]}\n";

/* Point 4: a declaration promising a ratified treaty, and a memorandum
 * promising nothing else. Point 5: caps of 600,000 and 800,000, and the
 * other conditions said by structured keys only. */
static const char *const ISSUE10_FORMS_CAPS =
    "arrangements:\n"
    "  - id: t-declaration\n"
    "    title: Declaration of intent\n"
    "    protects: UKR\n"
    "    date: 2025-06-01\n"
    "    status: proposed\n"
    "    legal_form: political_declaration\n"
    "    promised_form: treaty_ratified\n"
    "    sources: [{assumption: t}]\n"
    "    obligations:\n"
    "      - {guarantor: GBR, kind: consultation, activation: automatic, sources: [{assumption: t}]}\n"
    "  - id: t-memo\n"
    "    title: Memorandum\n"
    "    protects: UKR\n"
    "    date: 2025-06-01\n"
    "    status: proposed\n"
    "    legal_form: memorandum\n"
    "    sources: [{assumption: t}]\n"
    "    obligations:\n"
    "      - {guarantor: GBR, kind: consultation, activation: automatic, sources: [{assumption: t}]}\n"
    "  - id: t-cap600\n"
    "    title: Cap 600000\n"
    "    protects: UKR\n"
    "    date: 2025-06-01\n"
    "    status: proposed\n"
    "    legal_form: political_declaration\n"
    "    force_cap: {value: 600000, source: {assumption: t}}\n"
    "    sources: [{assumption: t}]\n"
    "    obligations:\n"
    "      - {guarantor: GBR, kind: consultation, activation: automatic, sources: [{assumption: t}]}\n"
    "  - id: t-cap800\n"
    "    title: Cap 800000\n"
    "    protects: UKR\n"
    "    date: 2025-06-01\n"
    "    status: proposed\n"
    "    legal_form: political_declaration\n"
    "    force_cap: {value: 800000, source: {assumption: t}}\n"
    "    sources: [{assumption: t}]\n"
    "    obligations:\n"
    "      - {guarantor: GBR, kind: consultation, activation: automatic, sources: [{assumption: t}]}\n"
    "  - id: t-bars\n"
    "    title: Bars and territory\n"
    "    protects: UKR\n"
    "    date: 2025-06-01\n"
    "    status: proposed\n"
    "    legal_form: political_declaration\n"
    "    alliance_bar: {organisation: NATO, source: {assumption: t}}\n"
    "    troop_bar: {from: NATO, peacetime_only: true, source: {assumption: t}}\n"
    "    territory: [{regions: [UA-14], status: held_de_facto, source: {assumption: t}}]\n"
    "    sources: [{assumption: t}]\n"
    "    obligations:\n"
    "      - {guarantor: GBR, kind: consultation, activation: automatic, sources: [{assumption: t}]}\n"
    "  - id: t-eu-bar\n"
    "    title: EU bar and a frozen line\n"
    "    protects: UKR\n"
    "    date: 2025-06-01\n"
    "    status: proposed\n"
    "    legal_form: political_declaration\n"
    "    alliance_bar: {organisation: EU, source: {assumption: t}}\n"
    "    territory: [{regions: [UA-14], status: frozen_line, source: {assumption: t}}]\n"
    "    sources: [{assumption: t}]\n"
    "    obligations:\n"
    "      - {guarantor: GBR, kind: consultation, activation: automatic, sources: [{assumption: t}]}\n";

static const char *const ISSUE10_POSITIONS =
    "positions:\n"
    /* XR's general position would veto its own plan. */
    "  - {id: xr-troops, actor: XR, topic: troops, date: 2025-01-01, rule: forbid, confidence: high, summary: s,\n"
    "     match: {kinds: [reassurance_force], location: in_protected_state}, source: {assumption: t}}\n"
    /* XS rejected the plan before signing (superseded), then again after
     * signing (read: a veto). */
    "  - {id: xs-before, actor: XS, topic: plan-early, date: 2025-04-20, rule: forbid, confidence: high, summary: s,\n"
    "     match: {arrangements: [t-plan]}, source: {assumption: t}}\n"
    "  - {id: xs-after, actor: XS, topic: plan, date: 2025-06-01, rule: forbid, confidence: high, summary: s,\n"
    "     match: {arrangements: [t-plan]}, source: {assumption: t}}\n"
    "  - {id: xs-general, actor: XS, topic: troops, date: 2025-06-01, rule: forbid, confidence: high, summary: s,\n"
    "     match: {kinds: [reassurance_force]}, source: {assumption: t}}\n"
    /* XU signs only in December; before, its general position applies. */
    "  - {id: xu-troops, actor: XU, topic: troops, date: 2025-01-01, rule: forbid, confidence: high, summary: s,\n"
    "     match: {kinds: [reassurance_force]}, source: {assumption: t}}\n"
    /* XV, no party: endorses t-plan by name, rejects t-other's sanctions
     * by name; a general position on the same topic comes before both. */
    "  - {id: xv-general, actor: XV, topic: plans, date: 2025-01-01, rule: oppose, confidence: high, summary: s,\n"
    "     match: {kinds: [sanctions]}, source: {assumption: t}}\n"
    "  - {id: xv-endorse, actor: XV, topic: plans, date: 2025-05-01, rule: require, confidence: high, summary: s,\n"
    "     match: {arrangements: [t-plan]}, source: {assumption: t}}\n"
    "  - {id: xv-reject, actor: XV, topic: other, date: 2025-05-01, rule: forbid, confidence: high, summary: s,\n"
    "     match: {arrangements: [t-other], kinds: [reassurance_force]}, source: {assumption: t}}\n"
    /* XL: no troops in Ukraine, and (weaker) none from outside either. */
    "  - {id: xl-in, actor: XL, topic: in, date: 2025-01-01, rule: forbid, confidence: high, summary: s,\n"
    "     match: {kinds: [military_intervention, air_cover], location: in_protected_state}, source: {assumption: t}}\n"
    "  - {id: xl-out, actor: XL, topic: out, date: 2025-01-01, rule: oppose, confidence: high, summary: s,\n"
    "     match: {kinds: [military_intervention], location: outside_protected_state}, source: {assumption: t}}\n"
    "  - {id: xl-any, actor: XL, topic: any, date: 2025-01-01, rule: prefer, confidence: high, summary: s,\n"
    "     match: {kinds: [military_intervention], location: any}, source: {assumption: t}}\n"
    /* XF wants a ratified treaty promised, and no memorandum as the text. */
    "  - {id: xf-promised, actor: XF, topic: promised, date: 2025-01-01, rule: require, confidence: high, summary: s,\n"
    "     match: {promised_form_min: treaty_signed}, source: {assumption: t}}\n"
    "  - {id: xf-instrument, actor: XF, topic: instrument, date: 2025-01-01, rule: oppose, confidence: high,\n"
    "     summary: s, match: {legal_form_max: memorandum}, source: {assumption: t}}\n"
    /* XC accepts a cap of 800,000, not less; and wants the conditions. */
    "  - {id: xc-cap, actor: XC, topic: cap, date: 2025-01-01, rule: forbid, confidence: high, summary: s,\n"
    "     match: {force_cap_below: 800000}, source: {assumption: t}}\n"
    "  - {id: xc-conditions, actor: XC, topic: conditions, date: 2025-01-01, rule: prefer, confidence: high,\n"
    "     summary: s, match: {protected_conditions: [no_nato_membership, no_foreign_troops, territorial_concession]},\n"
    "     source: {assumption: t}}\n";

static gr_catalog *cat;

static int setup(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  cat = gr_catalog_new();
  if (gr_catalog_load_builtin(cat, &err) != GR_OK) return -1;
  gr_catalog_load_buffer(cat, "t.yaml", TEST_YAML, strlen(TEST_YAML), &err);
  const char *const issue10[] = {ISSUE10_ACTORS, ISSUE10_PLANS, ISSUE10_PLACES, ISSUE10_FORMS_CAPS, ISSUE10_POSITIONS};
  for (size_t i = 0; i < sizeof issue10 / sizeof issue10[0]; i++)
    if (gr_catalog_load_buffer(cat, "issue10.yaml", issue10[i], strlen(issue10[i]), &err) != GR_OK) {
      fprintf(stderr, "%s:%d:%d: %s\n", err.file, err.line, err.column, err.message);
      return -1;
    }
  if (gr_catalog_validate(cat, &err) != GR_OK) {
    fprintf(stderr, "%s:%d:%d: %s\n", err.file, err.line, err.column, err.message);
    return -1;
  }
  gr_error_clear(&err);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  gr_catalog_free(cat);
  return 0;
}

static gr_assessment *run(const char *arr, gr_date as_of, const char *only_csv, const char *facts) {
  gr_error err = GR_ERROR_INIT;
  const gr_arrangement *a = gr_catalog_arrangement(cat, arr);
  assert_non_null(a);
  gr_facts *f = NULL;
  assert_int_equal(gr_facts_new(cat, a, &f, &err), GR_OK);
  if (facts) assert_int_equal(gr_facts_parse(f, facts, &err), GR_OK);
  const char *ids[8];
  size_t n = 0;
  char buf[64] = "";
  if (only_csv) {
    snprintf(buf, sizeof buf, "%s", only_csv);
    for (char *t = strtok(buf, ","); t && n < 8; t = strtok(NULL, ",")) ids[n++] = t;
  }
  gr_assessment *as = NULL;
  assert_int_equal(gr_assessment_new(cat, a, f, as_of, ids, n, &as, &err), GR_OK);
  gr_facts_free(f);
  gr_error_clear(&err);
  return as;
}

static const gr_actor_assessment *find_actor(const gr_assessment *as, const char *id) {
  for (size_t i = 0; i < as->nactors; i++)
    if (!strcmp(as->actors[i].actor->id, id)) return &as->actors[i];
  return NULL;
}

static const gr_actor_assessment *actor(const gr_assessment *as, const char *id) {
  const gr_actor_assessment *aa = find_actor(as, id);
  if (aa == NULL) fail_msg("actor %s not assessed", id);
  return aa;
}

/* The rule of position `pos` (a party's rule has none), or NULL. */
static const gr_rule_result *rule(const gr_actor_assessment *aa, const char *pos) {
  for (size_t i = 0; i < aa->nrules; i++)
    if (aa->rules[i].position && !strcmp(aa->rules[i].position->id, pos)) return &aa->rules[i];
  return NULL;
}

/* The rule of position `pos`, which must be in `state` and, when `reason`
 * is not NULL, give a reason that contains it. */
static const gr_rule_result *expect(const gr_actor_assessment *aa, const char *pos, gr_rule_state state,
                                    const char *reason) {
  const gr_rule_result *r = rule(aa, pos);
  if (r == NULL) fail_msg("no rule for %s", pos);
  if (r->state != state)
    fail_msg("%s is %s, not %s: %s", pos, gr_rule_state_name(r->state), gr_rule_state_name(state), r->reason);
  if (reason && strstr(r->reason, reason) == NULL)
    fail_msg("the reason of %s, '%s', lacks '%s'", pos, r->reason, reason);
  return r;
}

static void test_each_rule_violated(void **state) {
  (void)state;
  gr_assessment *as = run("t-force", 0, "XA", NULL);
  const gr_actor_assessment *xa = actor(as, "XA");
  assert_int_equal(xa->verdict, GR_VERDICT_VETOES);
  assert_int_equal(xa->nrules, 4);
  const gr_rule_result *r = rule(xa, "xa-forbid");
  assert_int_equal(r->state, GR_RULE_VIOLATED);
  assert_string_equal(r->matched->guarantor, "FRA"); /* FRA is in NATO. */
  assert_non_null(strstr(r->reason, "the arrangement has it (FRA reassurance_force with troops, stationed)"));
  r = rule(xa, "xa-require");
  assert_int_equal(r->state, GR_RULE_VIOLATED);
  assert_non_null(strstr(r->reason, "its legal form is executive_agreement"));
  assert_int_equal(rule(xa, "xa-prefer")->state, GR_RULE_VIOLATED);
  assert_int_equal(rule(xa, "xa-oppose")->state, GR_RULE_VIOLATED);
  gr_assessment_free(as);
}

static void test_each_rule_met(void **state) {
  (void)state;
  gr_assessment *as = run("t-force", 20250601, "XB", NULL);
  const gr_actor_assessment *xb = actor(as, "XB");
  assert_int_equal(xb->nrules, 5); /* xb-forbid-later is not yet said. */
  /* Poland declined: its force is not on offer, so it does not match. */
  assert_int_equal(rule(xb, "xb-forbid")->state, GR_RULE_MET);
  assert_int_equal(rule(xb, "xb-require")->state, GR_RULE_MET); /* FRA: 8000 >= 5000 */
  /* USA is in P5 and its own legal form is a political declaration. */
  assert_int_equal(rule(xb, "xb-prefer")->state, GR_RULE_MET);
  assert_string_equal(rule(xb, "xb-prefer")->matched->guarantor, "USA");
  /* US air cover is based in Poland: outside the protected state. */
  assert_int_equal(rule(xb, "xb-oppose")->state, GR_RULE_MET);
  /* No scenario states a ceasefire (a force on offer no longer implies
   * one): the rule stands, and the French force violates it. */
  const gr_rule_result *u = rule(xb, "xb-unless");
  assert_int_equal(u->state, GR_RULE_VIOLATED);
  assert_int_equal(u->unless_fact, -1);
  assert_int_equal(xb->verdict, GR_VERDICT_VETOES);
  gr_assessment_free(as);
}

static void test_unless_and_supersession(void **state) {
  (void)state;
  gr_assessment *as = run("t-force", 20250901, "XB", "ceasefire_in_force=false");
  const gr_actor_assessment *xb = actor(as, "XB");
  assert_int_equal(rule(xb, "xb-unless")->state, GR_RULE_VIOLATED);
  /* The later position on topic a replaced the earlier one. */
  assert_null(rule(xb, "xb-forbid"));
  assert_int_equal(rule(xb, "xb-forbid-later")->state, GR_RULE_VIOLATED);
  assert_int_equal(xb->verdict, GR_VERDICT_VETOES);
  gr_assessment_free(as);
}

static void test_unknown_actor(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  const char *ids[] = {"NOPE"};
  gr_assessment *as = NULL;
  assert_int_equal(gr_assessment_new(cat, gr_catalog_arrangement(cat, "t-force"), NULL, 0, ids, 1, &as, &err),
                   GR_E_NOT_FOUND);
  assert_null(as);
  assert_string_equal(err.message, "no actor 'NOPE'");
  gr_assessment_free(NULL);
  assert_string_equal(gr_verdict_name(GR_VERDICT_VETOES), "vetoes");
  assert_string_equal(gr_rule_state_name(GR_RULE_LAPSED), "lapsed");
  gr_error_clear(&err);
}

/* ---- Issue 3's expected results on the catalog ----------------------- */

static void test_coalition(void **state) {
  (void)state;
  gr_assessment *as = run("coalition-2025", 20250901, NULL, NULL);
  const gr_actor_assessment *rus = actor(as, "RUS");
  assert_int_equal(rus->verdict, GR_VERDICT_VETOES);
  const gr_rule_result *troops = rule(rus, "rus-2025-no-foreign-intervention");
  assert_non_null(troops);
  assert_int_equal(troops->state, GR_RULE_VIOLATED);
  const gr_actor_assessment *usa = actor(as, "USA");
  assert_int_equal(usa->verdict, GR_VERDICT_ACCEPTS);
  const gr_rule_result *no_troops = rule(usa, "usa-2025-no-troops");
  assert_non_null(no_troops);
  assert_int_equal(no_troops->state, GR_RULE_MET);
  gr_assessment_free(as);
}

/* "The USA accepts only as long as no US troops are in it": add some. */
static void test_coalition_with_us_troops(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  gr_catalog *c = gr_catalog_new();
  assert_int_equal(gr_catalog_load_builtin(c, &err), GR_OK);
  const gr_arrangement *base = gr_catalog_arrangement(c, "coalition-2025");
  char *json = gr_record_to_json(GR_REC_ARRANGEMENT, base, 0);
  /* Turn the arrangement into one with a US contingent. */
  const char *needle = "\"obligations\": [";
  char *at = strstr(json, needle);
  assert_non_null(at);
  const char *extra =
      "{\"guarantor\": \"USA\", \"kind\": \"reassurance_force\", \"troops\": 2000, \"activation\": \"automatic\","
      " \"sources\": [{\"assumption\": \"test\"}]},";
  size_t len = strlen(json) + strlen(extra) + 1;
  char *mod = malloc(len);
  size_t head = (size_t)(at - json) + strlen(needle);
  memcpy(mod, json, head);
  strcpy(mod + head, extra);
  strcat(mod, json + head);
  assert_int_equal(gr_catalog_load_buffer(c, "mod.json", mod, strlen(mod), &err), GR_OK);
  assert_int_equal(gr_catalog_validate(c, &err), GR_OK);
  const char *usa[] = {"USA"};
  gr_assessment *as = NULL;
  assert_int_equal(gr_assessment_new(c, gr_catalog_arrangement(c, "coalition-2025"), NULL, 20250901, usa, 1, &as, &err),
                   GR_OK);
  assert_int_equal(as->actors[0].verdict, GR_VERDICT_VETOES);
  gr_assessment_free(as);
  gr_free(json);
  free(mod);
  gr_catalog_free(c);
  gr_error_clear(&err);
}

/* Italy's own force in coalition-2025 is conditional on a UN mandate, which
 * is what Italy asks: its rule is not broken by a force not on offer. */
static void test_italy_conditional_force(void **state) {
  (void)state;
  gr_assessment *as = run("coalition-2025", 20250901, "ITA", NULL);
  const gr_actor_assessment *ita = actor(as, "ITA");
  assert_int_equal(ita->verdict, GR_VERDICT_ACCEPTS);
  assert_int_equal(rule(ita, "ita-2025-un-framework")->state, GR_RULE_MET);
  gr_assessment_free(as);
  as = run("coalition-2025", 20250901, "ITA", "un_mandate=true");
  assert_int_equal(rule(actor(as, "ITA"), "ita-2025-un-framework")->state, GR_RULE_LAPSED);
  gr_assessment_free(as);
}

static void test_nato_membership_russia(void **state) {
  (void)state;
  /* 2021: "Ukraine must never join NATO". */
  gr_assessment *as = run("nato-membership", 20220101, "RUS", NULL);
  const gr_actor_assessment *rus = actor(as, "RUS");
  assert_int_equal(rus->verdict, GR_VERDICT_VETOES);
  assert_int_equal(rule(rus, "rus-2021-nato-accession")->state, GR_RULE_VIOLATED);
  assert_null(rule(rus, "rus-2025-nato-accession"));
  gr_assessment_free(as);
  /* 2025: the Anchorage demands supersede it. */
  as = run("nato-membership", 20250901, "RUS", NULL);
  rus = actor(as, "RUS");
  assert_int_equal(rus->verdict, GR_VERDICT_VETOES);
  assert_int_equal(rule(rus, "rus-2025-nato-accession")->state, GR_RULE_VIOLATED);
  assert_null(rule(rus, "rus-2021-nato-accession"));
  gr_assessment_free(as);
}

static void test_ukraine_no_new_budapest(void **state) {
  (void)state;
  /* Ukraine signed it: its general 2022 position on legal form is
   * superseded by its signature, and only what it said of this very
   * memorandum afterwards counts: an objection ("meaningless and
   * harmful"). */
  gr_assessment *as = run("budapest-1994", 20221231, "UKR", NULL);
  const gr_actor_assessment *ukr = actor(as, "UKR");
  assert_int_equal(ukr->verdict, GR_VERDICT_OBJECTS);
  assert_int_equal(ukr->party_role, GR_ROLE_SIGNATORY);
  assert_int_equal(rule(ukr, "ukr-2022-budapest-harmful")->state, GR_RULE_VIOLATED);
  assert_int_equal(rule(ukr, "ukr-2022-no-budapest")->state, GR_RULE_LAPSED);
  gr_assessment_free(as);
  /* Before Ukraine said so, its signature alone speaks: it accepts. */
  as = run("budapest-1994", 20211231, "UKR", NULL);
  assert_int_equal(actor(as, "UKR")->verdict, GR_VERDICT_ACCEPTS);
  gr_assessment_free(as);
}


/* ---- Issue 10 --------------------------------------------------------- */

/* Point 1: the proposer accepts its own plan; its general position, which
 * vetoed it before, is listed as superseded. */
static void test_proposer_accepts(void **state) {
  (void)state;
  gr_assessment *as = run("t-plan", 20250701, NULL, NULL);
  const gr_actor_assessment *xr = actor(as, "XR");
  assert_int_equal(xr->verdict, GR_VERDICT_ACCEPTS);
  assert_int_equal(xr->party_role, GR_ROLE_PROPOSER);
  assert_non_null(xr->party);
  assert_string_equal(xr->party->actor, "XR");
  assert_int_equal(xr->nrules, 2);
  const gr_rule_result *p = &xr->rules[0];
  assert_int_equal(p->state, GR_RULE_PARTY);
  assert_null(p->position);
  assert_ptr_equal(p->party, xr->party);
  assert_string_equal(p->reason, "XR proposed it (2025-04-12; source: the plan, art. 1)");
  const gr_rule_result *r = rule(xr, "xr-troops");
  assert_int_equal(r->state, GR_RULE_LAPSED);
  assert_int_equal(r->unless_fact, -1);
  assert_null(r->matched);
  assert_ptr_equal(r->party, xr->party);
  assert_string_equal(r->reason, "superseded: XR is the arrangement's proposer");
  /* The position itself still matches the plan's force (matching knows
   * nothing of parties): only XR's part in the plan sets it aside. */
  const gr_position *pos = r->position;
  const gr_obligation *which = NULL;
  assert_true(gr_position_matches(cat, pos, gr_catalog_arrangement(cat, "t-plan"), as->facts, &which));
  assert_string_equal(which->guarantor, "GBR");
  /* An endorser with no position at all is listed: it accepts. */
  const gr_actor_assessment *xt = actor(as, "XT");
  assert_int_equal(xt->verdict, GR_VERDICT_ACCEPTS);
  assert_int_equal(xt->party_role, GR_ROLE_ENDORSER);
  assert_int_equal(xt->nrules, 1);
  assert_string_equal(xt->rules[0].reason, "XT endorsed it (undated; source: assumption: said to endorse it)");
  /* Not a party: no party, role -1, and no party on its rules. */
  const gr_actor_assessment *xv = actor(as, "XV");
  assert_null(xv->party);
  assert_int_equal(xv->party_role, -1);
  assert_null(xv->rules[0].party);
  char *json = gr_assessment_to_json(as, 0);
  assert_non_null(strstr(json, "\"state\": \"party\""));
  assert_non_null(strstr(json, "\"role\": \"proposer\""));
  assert_non_null(strstr(json, "\"party\": \"proposer\""));
  assert_non_null(strstr(json, "\"position\": null"));
  gr_free(json);
  gr_assessment_free(as);
}

/* Point 1: a signatory accepts what it signed unless a later position of
 * its own on that very arrangement says otherwise; its earlier one on it,
 * and its general ones, are superseded by the signature. */
static void test_signatory_later_position(void **state) {
  (void)state;
  /* On 2025-05-15 it has signed, and said nothing since. */
  gr_assessment *as = run("t-plan", 20250515, "XS", NULL);
  const gr_actor_assessment *xs = actor(as, "XS");
  assert_int_equal(xs->verdict, GR_VERDICT_ACCEPTS);
  assert_int_equal(xs->party_role, GR_ROLE_SIGNATORY);
  assert_string_equal(xs->rules[0].reason, "XS signed it (2025-05-01; source: the signed text)");
  assert_string_equal(rule(xs, "xs-before")->reason, "superseded: XS is the arrangement's signatory");
  gr_assessment_free(as);
  /* On 2025-07-01 its position of June on the plan is read: a veto. Its
   * general position of the same day is not. */
  as = run("t-plan", 20250701, "XS", NULL);
  xs = actor(as, "XS");
  assert_int_equal(xs->verdict, GR_VERDICT_VETOES);
  assert_int_equal(xs->party_role, GR_ROLE_SIGNATORY);
  assert_int_equal(xs->rules[0].state, GR_RULE_PARTY);
  const gr_rule_result *r = rule(xs, "xs-after");
  assert_int_equal(r->state, GR_RULE_VIOLATED);
  assert_null(r->party);
  assert_string_equal(r->reason, "forbid arrangement t-plan: it matches (it is t-plan)");
  expect(xs, "xs-before", GR_RULE_LAPSED, NULL);
  expect(xs, "xs-general", GR_RULE_LAPSED, NULL);
  gr_assessment_free(as);
  /* XU signs only on 2025-12-01: before, it is no party and its general
   * position vetoes the plan's troops; after, it accepts. */
  as = run("t-plan", 20250701, "XU", NULL);
  const gr_actor_assessment *xu = actor(as, "XU");
  assert_int_equal(xu->verdict, GR_VERDICT_VETOES);
  assert_null(xu->party);
  assert_int_equal(xu->nrules, 1);
  gr_assessment_free(as);
  as = run("t-plan", 20251201, "XU", NULL);
  xu = actor(as, "XU");
  assert_int_equal(xu->verdict, GR_VERDICT_ACCEPTS);
  assert_int_equal(xu->party_role, GR_ROLE_SIGNATORY);
  expect(xu, "xu-troops", GR_RULE_LAPSED, NULL);
  gr_assessment_free(as);
}

/* Point 2: a position that names arrangements applies to those only, and
 * then its other criteria must hold too; one about another arrangement
 * neither applies nor supersedes. */
static void test_named_arrangements(void **state) {
  (void)state;
  const gr_arrangement *plan = gr_catalog_arrangement(cat, "t-plan"), *other = gr_catalog_arrangement(cat, "t-other");
  const gr_position *endorse = gr_catalog_position(cat, "xv-endorse"), *reject = gr_catalog_position(cat, "xv-reject");
  assert_true(gr_position_matches(cat, endorse, plan, NULL, NULL));
  assert_false(gr_position_matches(cat, endorse, other, NULL, NULL));
  /* xv-reject names t-other, but t-other has no reassurance force. */
  assert_false(gr_position_matches(cat, reject, other, NULL, NULL));
  assert_false(gr_position_matches(cat, reject, plan, NULL, NULL));
  gr_assessment *as = run("t-plan", 20250701, "XV", NULL);
  const gr_actor_assessment *xv = actor(as, "XV");
  /* The endorsement is met; the rejection of t-other is not read. */
  assert_int_equal(xv->verdict, GR_VERDICT_ACCEPTS);
  assert_int_equal(xv->nrules, 1);
  expect(xv, "xv-endorse", GR_RULE_MET, "require arrangement t-plan: it matches (it is t-plan)");
  gr_assessment_free(as);
  /* On t-other the endorsement of t-plan does not apply, so the general
   * position it superseded on t-plan is in force there: an objection to
   * t-other's sanctions. xv-reject is met (no force in t-other). */
  as = run("t-other", 20250701, "XV", NULL);
  xv = actor(as, "XV");
  assert_int_equal(xv->nrules, 2);
  assert_null(rule(xv, "xv-endorse"));
  expect(xv, "xv-general", GR_RULE_VIOLATED, NULL);
  expect(xv, "xv-reject", GR_RULE_MET,
         "forbid reassurance_force, arrangement t-other: the arrangement has none (it is t-other)");
  assert_int_equal(xv->verdict, GR_VERDICT_OBJECTS);
  gr_assessment_free(as);
}

/* Point 3: where an obligation's forces act is read from its location,
 * never inferred from its kind; an obligation that says nothing about
 * where matches no in- or outside criterion. */
static void test_locations(void **state) {
  (void)state;
  gr_assessment *as = run("t-stationed", 0, "XL", NULL);
  const gr_actor_assessment *xl = actor(as, "XL");
  assert_int_equal(xl->verdict, GR_VERDICT_VETOES);
  assert_string_equal(rule(xl, "xl-in")->reason,
                      "forbid military_intervention or air_cover, in the protected state: the arrangement has it "
                      "(FRA military_intervention, stationed)");
  expect(xl, "xl-out", GR_RULE_MET, NULL);
  gr_assessment_free(as);

  as = run("t-neighbour", 0, "XL", NULL);
  xl = actor(as, "XL");
  expect(xl, "xl-in", GR_RULE_MET, NULL);
  expect(xl, "xl-out", GR_RULE_VIOLATED, "(FRA military_intervention, based in POL)");
  assert_int_equal(xl->verdict, GR_VERDICT_OBJECTS);
  gr_assessment_free(as);

  as = run("t-offshore", 0, "XL", NULL);
  xl = actor(as, "XL");
  expect(xl, "xl-in", GR_RULE_MET, NULL);
  expect(xl, "xl-out", GR_RULE_VIOLATED, "(FRA military_intervention, offshore)");
  gr_assessment_free(as);

  /* No location, or a note only: unknown, in neither place; `any` still
   * matches. */
  as = run("t-nowhere", 0, "XL", NULL);
  xl = actor(as, "XL");
  assert_int_equal(xl->verdict, GR_VERDICT_ACCEPTS);
  const gr_rule_result *in = rule(xl, "xl-in");
  assert_int_equal(in->state, GR_RULE_MET);
  assert_null(in->matched);
  assert_string_equal(in->reason,
                      "forbid military_intervention or air_cover, in the protected state: the arrangement has none; "
                      "FRA's and DEU's obligations say nothing about where: unknown");
  expect(xl, "xl-out", GR_RULE_MET, "the arrangement has none; FRA's and DEU's obligations say");
  expect(xl, "xl-any", GR_RULE_MET, NULL);
  assert_string_equal(rule(xl, "xl-any")->matched->guarantor, "FRA");
  gr_assessment_free(as);
}

/* Point 4: promised_form_min/max read the form the arrangement promises
 * (its own legal form when it promises no other); legal_form_min/max read
 * the instrument's. */
static void test_promised_form(void **state) {
  (void)state;
  gr_assessment *as = run("t-declaration", 0, "XF", NULL);
  const gr_actor_assessment *xf = actor(as, "XF");
  expect(xf, "xf-promised", GR_RULE_MET,
         "require promised form at least treaty_signed: it matches (the form it promises is treaty_ratified)");
  expect(xf, "xf-instrument", GR_RULE_VIOLATED,
         "oppose legal form at most memorandum: it matches (its legal form is political_declaration)");
  assert_int_equal(xf->verdict, GR_VERDICT_OBJECTS);
  gr_assessment_free(as);
  as = run("t-memo", 0, "XF", NULL);
  xf = actor(as, "XF");
  expect(xf, "xf-promised", GR_RULE_VIOLATED,
         "require promised form at least treaty_signed: it does not match (it promises no other form "
         "than its own legal form, memorandum)");
  assert_int_equal(xf->verdict, GR_VERDICT_VETOES);
  gr_assessment_free(as);
}

/* Point 5: a cap of 600,000 is below 800,000, a cap of 800,000 is not; the
 * structured keys say the conditions they stand for. */
static void test_force_cap_and_conditions(void **state) {
  (void)state;
  gr_assessment *as = run("t-cap600", 0, "XC", NULL);
  const gr_actor_assessment *xc = actor(as, "XC");
  assert_int_equal(xc->verdict, GR_VERDICT_VETOES);
  expect(xc, "xc-cap", GR_RULE_VIOLATED, "forbid a force cap below 800000: it matches (its force cap is 600000)");
  gr_assessment_free(as);
  as = run("t-cap800", 0, "XC", NULL);
  xc = actor(as, "XC");
  expect(xc, "xc-cap", GR_RULE_MET, "forbid a force cap below 800000: it does not match (its force cap is 800000)");
  /* It asks for other conditions too: an objection, not a veto. */
  assert_int_equal(xc->verdict, GR_VERDICT_OBJECTS);
  gr_assessment_free(as);
  as = run("t-bars", 0, "XC", NULL);
  xc = actor(as, "XC");
  expect(xc, "xc-cap", GR_RULE_MET, "(it sets no force cap)");
  expect(xc, "xc-conditions", GR_RULE_MET,
         "prefer with no_nato_membership and no_foreign_troops and territorial_concession: it matches "
         "(it asks of the protected state: no_nato_membership (alliance_bar: NATO), no_foreign_troops "
         "(troop_bar: from NATO, in peacetime), territorial_concession (territory: UA-14 held_de_facto))");
  assert_int_equal(xc->verdict, GR_VERDICT_ACCEPTS);
  gr_assessment_free(as);
  /* A bar on joining the EU is no bar on NATO; a frozen line concedes
   * nothing. */
  as = run("t-eu-bar", 0, "XC", NULL);
  xc = actor(as, "XC");
  expect(xc, "xc-conditions", GR_RULE_VIOLATED, "(it asks nothing of the protected state)");
  gr_assessment_free(as);
  /* A condition said by a structured key only names the key and its
   * value. */
  as = run("t-cap600", 0, "XC", NULL);
  expect(actor(as, "XC"), "xc-conditions", GR_RULE_VIOLATED,
         "(it asks of the protected state: force_cap (force_cap: 600000))");
  gr_assessment_free(as);
}

/* Point 5: a bar on joining an organisation NATO belongs to bars NATO. */
static void test_bar_on_a_group_with_nato(void **state) {
  (void)state;
  static const char yaml[] =
      "actors:\n"
      "  - {id: XG, name: A bloc, type: group, sources: [{assumption: t}]}\n"
      "  - {id: NATO, name: North Atlantic Treaty Organization, type: organisation, memberships: [XG],\n"
      "     sources: [{assumption: t}]}\n"
      "  - {id: XC, name: Cap keeper, type: state, sources: [{assumption: t}]}\n"
      "arrangements:\n"
      "  - id: t-bloc\n"
      "    title: No bloc\n"
      "    protects: UKR\n"
      "    date: 2025-06-01\n"
      "    status: proposed\n"
      "    legal_form: political_declaration\n"
      "    alliance_bar: {organisation: XG, source: {assumption: t}}\n"
      "    sources: [{assumption: t}]\n"
      "    obligations:\n"
      "      - {guarantor: GBR, kind: consultation, activation: automatic, sources: [{assumption: t}]}\n"
      "positions:\n"
      "  - {id: xc-nato, actor: XC, topic: nato, date: 2025-01-01, rule: require, confidence: high, summary: s,\n"
      "     match: {protected_conditions: [no_nato_membership]}, source: {assumption: t}}\n";
  gr_error err = GR_ERROR_INIT;
  gr_catalog *c = gr_catalog_new();
  assert_int_equal(gr_catalog_load_builtin(c, &err), GR_OK);
  assert_int_equal(gr_catalog_load_buffer(c, "g.yaml", yaml, strlen(yaml), &err), GR_OK);
  assert_int_equal(gr_catalog_validate(c, &err), GR_OK);
  gr_assessment *as = NULL;
  const char *xc[] = {"XC"};
  assert_int_equal(gr_assessment_new(c, gr_catalog_arrangement(c, "t-bloc"), NULL, 0, xc, 1, &as, &err), GR_OK);
  assert_int_equal(as->actors[0].verdict, GR_VERDICT_ACCEPTS);
  assert_non_null(strstr(as->actors[0].rules[0].reason, "no_nato_membership (alliance_bar: XG)"));
  gr_assessment_free(as);
  gr_catalog_free(c);
  gr_error_clear(&err);
}

/* Point 6: without a date, positions and parties are read at the
 * arrangement's own date, and the assessment says which date it used. */
static void test_as_of(void **state) {
  (void)state;
  gr_assessment *as = run("t-plan", 0, NULL, NULL);
  assert_int_equal(as->as_of, 20250412);
  assert_true(as->as_of_from_arrangement);
  /* On the day it was proposed XR is its proposer; XS and XU have not
   * signed yet, and XV's endorsement is not said yet. */
  assert_int_equal(actor(as, "XR")->party_role, GR_ROLE_PROPOSER);
  assert_null(find_actor(as, "XS"));
  assert_null(find_actor(as, "XU")->party);
  assert_null(rule(actor(as, "XV"), "xv-endorse"));
  char *json = gr_assessment_to_json(as, 0);
  assert_non_null(strstr(json, "\"as_of\": \"2025-04-12\""));
  assert_non_null(strstr(json, "\"as_of_from\": \"arrangement\""));
  gr_free(json);
  gr_assessment_free(as);
  as = run("t-plan", 20250701, NULL, NULL);
  assert_int_equal(as->as_of, 20250701);
  assert_false(as->as_of_from_arrangement);
  json = gr_assessment_to_json(as, 0);
  assert_non_null(strstr(json, "\"as_of_from\": \"given\""));
  gr_free(json);
  gr_assessment_free(as);
  /* Budapest 1994 is not judged by what was said in 2022 or 2025. */
  as = run("budapest-1994", 0, NULL, NULL);
  assert_int_equal(as->as_of, 19941205);
  for (size_t i = 0; i < as->nactors; i++)
    for (size_t j = 0; j < as->actors[i].nrules; j++)
      if (as->actors[i].rules[j].position) assert_true(as->actors[i].rules[j].position->date <= 19941205);
  gr_assessment_free(as);
}

/* Point 6: adding a position dated after an arrangement does not move its
 * verdicts. */
static void test_later_position_changes_nothing(void **state) {
  (void)state;
  static const char later[] =
      "positions:\n"
      "  - {id: xl-2026, actor: XL, topic: all, date: 2026-01-01, rule: forbid, confidence: high, summary: s,\n"
      "     match: {kinds: [consultation, military_intervention]}, source: {assumption: t}}\n"
      "  - {id: ukr-2026, actor: UKR, topic: all, date: 2026-01-01, rule: forbid, confidence: high, summary: s,\n"
      "     match: {kinds: [military_intervention]}, source: {assumption: t}}\n";
  const char *const arrs[] = {"t-stationed", "t-nowhere", "istanbul-2022"};
  gr_verdict before[3][64];
  size_t n[3];
  for (int pass = 0; pass < 2; pass++) {
    gr_error err = GR_ERROR_INIT;
    gr_catalog *c = gr_catalog_new();
    assert_int_equal(gr_catalog_load_builtin(c, &err), GR_OK);
    const char *const files[] = {ISSUE10_ACTORS, ISSUE10_PLANS, ISSUE10_PLACES, ISSUE10_FORMS_CAPS, ISSUE10_POSITIONS,
                                 later};
    for (size_t i = 0; i < 5u + (size_t)pass; i++)
      assert_int_equal(gr_catalog_load_buffer(c, "f.yaml", files[i], strlen(files[i]), &err), GR_OK);
    assert_int_equal(gr_catalog_validate(c, &err), GR_OK);
    for (int a = 0; a < 3; a++) {
      gr_assessment *as = NULL;
      assert_int_equal(gr_assessment_new(c, gr_catalog_arrangement(c, arrs[a]), NULL, 0, NULL, 0, &as, &err), GR_OK);
      assert_true(as->nactors <= 64);
      if (pass == 0) n[a] = as->nactors;
      assert_int_equal(as->nactors, n[a]);
      for (size_t i = 0; i < as->nactors; i++) {
        if (pass == 0) before[a][i] = as->actors[i].verdict;
        assert_int_equal(as->actors[i].verdict, before[a][i]);
      }
      gr_assessment_free(as);
    }
    /* With a date after it, the 2026 position does apply. */
    if (pass == 1) {
      const char *ukr[] = {"UKR"};
      gr_assessment *as = NULL;
      assert_int_equal(gr_assessment_new(c, gr_catalog_arrangement(c, "t-nowhere"), NULL, 20260101, ukr, 1, &as, &err),
                       GR_OK);
      assert_int_equal(as->actors[0].verdict, GR_VERDICT_VETOES);
      gr_assessment_free(as);
    }
    gr_catalog_free(c);
    gr_error_clear(&err);
  }
}

/* Point 7: an obligation not on offer (declined, or a condition false)
 * never matches, whatever its location says. */
static void test_not_on_offer_never_matches(void **state) {
  (void)state;
  static const char extra[] =
      "arrangements:\n"
      "  - id: t-offer\n"
      "    title: Not on offer\n"
      "    protects: UKR\n"
      "    date: 2025-06-01\n"
      "    status: proposed\n"
      "    legal_form: treaty_signed\n"
      "    sources: [{assumption: t}]\n"
      "    obligations:\n"
      "      - {guarantor: FRA, kind: military_intervention, commitment: declined, activation: automatic,\n"
      "         location: {regions: [UA-32]}, sources: [{assumption: t}]}\n"
      "      - {guarantor: ITA, kind: military_intervention, conditions: [un_mandate], activation: automatic,\n"
      "         location: {regions: [UA-32]}, sources: [{assumption: t}]}\n";
  gr_error err = GR_ERROR_INIT;
  gr_catalog *c = gr_catalog_new();
  assert_int_equal(gr_catalog_load_builtin(c, &err), GR_OK);
  assert_int_equal(gr_catalog_load_buffer(c, "a.yaml", ISSUE10_ACTORS, strlen(ISSUE10_ACTORS), &err), GR_OK);
  assert_int_equal(gr_catalog_load_buffer(c, "p.yaml", ISSUE10_POSITIONS, strlen(ISSUE10_POSITIONS), &err), GR_OK);
  assert_int_equal(gr_catalog_load_buffer(c, "b.yaml", ISSUE10_PLANS, strlen(ISSUE10_PLANS), &err), GR_OK);
  assert_int_equal(gr_catalog_load_buffer(c, "o.yaml", extra, strlen(extra), &err), GR_OK);
  assert_int_equal(gr_catalog_validate(c, &err), GR_OK);
  const gr_arrangement *arr = gr_catalog_arrangement(c, "t-offer");
  const char *xl[] = {"XL"};
  gr_assessment *as = NULL;
  assert_int_equal(gr_assessment_new(c, arr, NULL, 0, xl, 1, &as, &err), GR_OK);
  assert_int_equal(rule(&as->actors[0], "xl-in")->state, GR_RULE_MET);
  assert_null(rule(&as->actors[0], "xl-any")->matched);
  gr_assessment_free(as);
  gr_facts *f = NULL;
  assert_int_equal(gr_facts_new(c, arr, &f, &err), GR_OK);
  assert_int_equal(gr_facts_parse(f, "un_mandate=true", &err), GR_OK);
  assert_int_equal(gr_assessment_new(c, arr, f, 0, xl, 1, &as, &err), GR_OK);
  assert_int_equal(as->actors[0].verdict, GR_VERDICT_VETOES);
  assert_string_equal(rule(&as->actors[0], "xl-in")->matched->guarantor, "ITA");
  gr_assessment_free(as);
  gr_facts_free(f);
  gr_catalog_free(c);
  gr_error_clear(&err);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_each_rule_violated),
      cmocka_unit_test(test_each_rule_met),
      cmocka_unit_test(test_unless_and_supersession),
      cmocka_unit_test(test_unknown_actor),
      cmocka_unit_test(test_coalition),
      cmocka_unit_test(test_coalition_with_us_troops),
      cmocka_unit_test(test_italy_conditional_force),
      cmocka_unit_test(test_nato_membership_russia),
      cmocka_unit_test(test_ukraine_no_new_budapest),
      cmocka_unit_test(test_proposer_accepts),
      cmocka_unit_test(test_signatory_later_position),
      cmocka_unit_test(test_named_arrangements),
      cmocka_unit_test(test_locations),
      cmocka_unit_test(test_promised_form),
      cmocka_unit_test(test_force_cap_and_conditions),
      cmocka_unit_test(test_bar_on_a_group_with_nato),
      cmocka_unit_test(test_as_of),
      cmocka_unit_test(test_later_position_changes_nothing),
      cmocka_unit_test(test_not_on_offer_never_matches),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
