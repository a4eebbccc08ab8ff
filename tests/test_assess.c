/*
 * The assess engine: each rule type met and violated, `unless`, groups,
 * locations, troops, legal forms, superseding positions, and the expected
 * results on the catalog stated in issue 3.
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
    "      - {guarantor: FRA, kind: reassurance_force, troops: 8000, activation: automatic, sources: [{assumption: t}]}\n"
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

static gr_catalog *cat;

static int setup(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  cat = gr_catalog_new();
  if (gr_catalog_load_builtin(cat, &err) != GR_OK) return -1;
  gr_catalog_load_buffer(cat, "t.yaml", TEST_YAML, strlen(TEST_YAML), &err);
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

static const gr_actor_assessment *actor(const gr_assessment *as, const char *id) {
  for (size_t i = 0; i < as->nactors; i++)
    if (!strcmp(as->actors[i].actor->id, id)) return &as->actors[i];
  fail_msg("actor %s not assessed", id);
  return NULL;
}

static const gr_rule_result *rule(const gr_actor_assessment *aa, const char *pos) {
  for (size_t i = 0; i < aa->nrules; i++)
    if (!strcmp(aa->rules[i].position->id, pos)) return &aa->rules[i];
  return NULL;
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
  assert_non_null(strstr(r->reason, "the arrangement has it (FRA reassurance_force with troops)"));
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
  gr_assessment *as = run("t-force", 0, "XB", "ceasefire_in_force=false");
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
  gr_assessment *as = run("coalition-2025", 0, NULL, NULL);
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
  assert_int_equal(gr_assessment_new(c, gr_catalog_arrangement(c, "coalition-2025"), NULL, 0, usa, 1, &as, &err), GR_OK);
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
  gr_assessment *as = run("coalition-2025", 0, "ITA", NULL);
  const gr_actor_assessment *ita = actor(as, "ITA");
  assert_int_equal(ita->verdict, GR_VERDICT_ACCEPTS);
  assert_int_equal(rule(ita, "ita-2025-un-framework")->state, GR_RULE_MET);
  gr_assessment_free(as);
  as = run("coalition-2025", 0, "ITA", "un_mandate=true");
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
  as = run("nato-membership", 0, "RUS", NULL);
  rus = actor(as, "RUS");
  assert_int_equal(rus->verdict, GR_VERDICT_VETOES);
  assert_int_equal(rule(rus, "rus-2025-nato-accession")->state, GR_RULE_VIOLATED);
  assert_null(rule(rus, "rus-2021-nato-accession"));
  gr_assessment_free(as);
}

static void test_ukraine_no_new_budapest(void **state) {
  (void)state;
  gr_assessment *as = run("budapest-1994", 20221231, "UKR", NULL);
  const gr_actor_assessment *ukr = actor(as, "UKR");
  assert_int_equal(ukr->verdict, GR_VERDICT_VETOES);
  assert_int_equal(rule(ukr, "ukr-2022-no-budapest")->state, GR_RULE_VIOLATED);
  gr_assessment_free(as);
  /* Before Ukraine said so, nothing of it applies. */
  as = run("budapest-1994", 20211231, "UKR", NULL);
  assert_int_equal(actor(as, "UKR")->nrules, 0);
  gr_assessment_free(as);
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
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
