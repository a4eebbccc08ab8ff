/*
 * The loader and validator on small inline inputs: what loads, what each
 * kind of problem reports, overrides, shorthand forms, JSON, and the
 * round trip of every built-in record through the JSON serialiser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "guarantor/catalog.h"

static gr_catalog *load(const char *name, const char *text) {
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  assert_non_null(cat);
  assert_int_equal(gr_catalog_load_builtin(cat, &err), GR_OK);
  gr_catalog_load_buffer(cat, name, text, strlen(text), &err);
  gr_catalog_validate(cat, &err);
  gr_error_clear(&err);
  return cat;
}

static const char *diag(const gr_catalog *cat, size_t i) {
  static char buf[2048];
  const gr_diag *d = gr_catalog_diag(cat, i);
  assert_non_null(d);
  gr_diag_format(d, buf, sizeof buf);
  return buf;
}

static void print_diags(const gr_catalog *cat) {
  for (size_t i = 0; i < gr_catalog_diag_count(cat); i++) fprintf(stderr, "  %s\n", diag(cat, i));
}

static void expect(const gr_catalog *cat, const char *const *lines, size_t n) {
  if (gr_catalog_diag_count(cat) != n) print_diags(cat);
  assert_int_equal(gr_catalog_diag_count(cat), n);
  for (size_t i = 0; i < n; i++) assert_string_equal(diag(cat, i), lines[i]);
}

static const char *const MINIMAL =
    "arrangement:\n"
    "  id: test-arr\n"
    "  title: A test\n"
    "  protects: UKR\n"
    "  date: 2025-01-02\n"
    "  status: proposed\n"
    "  legal_form: memorandum\n"
    "  sources: [{assumption: \"a test\"}]\n"
    "  obligations:\n"
    "    - guarantor: FRA\n"
    "      kind: reassurance_force\n"
    "      troops: {value: 1500, year: 2025, source: {assumption: \"a test\"}}\n"
    "      triggers: [armed_attack, {event: strike, min_scale: major}]\n"
    "      activation: after_consultation\n"
    "      deadline_days: 3\n"
    "      conditions: [un_mandate]\n"
    "      location: {regions: [UA-51]}\n"
    "      sources: [{doc: 002_3480e6c57a14e5b5.txt, quote: \"only France seems willing\"}]\n";

static void test_minimal_arrangement(void **state) {
  (void)state;
  gr_catalog *cat = load("t.yaml", MINIMAL);
  expect(cat, NULL, 0);
  const gr_arrangement *a = gr_catalog_arrangement(cat, "test-arr");
  assert_non_null(a);
  assert_string_equal(a->protects, "UKR");
  assert_int_equal(a->date, 20250102);
  assert_int_equal(a->legal_form, GR_LF_MEMORANDUM);
  assert_int_equal(a->obligations.n, 1);
  const gr_obligation *o = &a->obligations.items[0];
  assert_string_equal(o->guarantor, "FRA");
  assert_int_equal(o->kind, GR_OB_REASSURANCE_FORCE);
  assert_int_equal(o->commitment, GR_COMMIT_FIRM); /* The default. */
  assert_true(o->troops.value == 1500.0);
  assert_int_equal(o->troops.year, 2025);
  assert_string_equal(o->troops.source.assumption, "a test");
  assert_int_equal(o->triggers.n, 2);
  assert_int_equal(o->triggers.items[0].event, GR_EV_ARMED_ATTACK);
  assert_int_equal(o->triggers.items[0].given, 1); /* Shorthand: only the event. */
  assert_int_equal(o->triggers.items[1].event, GR_EV_STRIKE);
  assert_int_equal(o->triggers.items[1].min_scale, GR_SCALE_MAJOR);
  assert_int_equal(o->activation, GR_ACT_AFTER_CONSULTATION);
  assert_int_equal(o->deadline_days, 3);
  assert_int_equal(o->conditions.n, 1);
  assert_int_equal(o->conditions.items[0], GR_FACT_UN_MANDATE);
  assert_string_equal(o->location.regions.items[0], "UA-51");
  assert_int_equal(o->pos.line, 10);
  assert_int_equal(o->pos.column, 7);
  assert_string_equal(o->pos.file, "t.yaml");
  gr_catalog_free(cat);
}

static void test_json_is_accepted(void **state) {
  (void)state;
  const char *json =
      "{\"events\": [{\"id\": \"test-ev\", \"title\": \"T\", \"kind\": \"strike\", \"aggressor\": "
      "\"RUS\", \"target\": \"UKR\", \"locations\": [{\"region\": \"UA-30\", \"side\": "
      "\"government\"}], \"scale\": \"minor\", \"sources\": [{\"assumption\": \"x\"}]}]}";
  gr_catalog *cat = load("t.json", json);
  expect(cat, NULL, 0);
  assert_non_null(gr_catalog_event(cat, "test-ev"));
  gr_catalog_free(cat);
}

static void test_every_problem_is_reported(void **state) {
  (void)state;
  const char *text =
      "positions:\n"
      "  - id: p1\n"
      "    actor: FRANCE\n"
      "    topic: t\n"
      "    date: 2025-02-30\n"
      "    rule: forbidd\n"
      "    confidence: high\n"
      "    summary: s\n"
      "    match: {kinds: [reassurance_force]}\n"
      "    sourse: {assumption: x}\n";
  gr_catalog *cat = load("p.yaml", text);
  static const char *const want[] = {
      "p.yaml:2:5: error: position lacks the required key 'source'",
      "p.yaml:3:12: error: unknown actor 'FRANCE' (did you mean 'FRA'?)",
      "p.yaml:5:11: error: 'date' is not a valid date: 2025-02-30",
      "p.yaml:6:11: error: unknown rule 'forbidd' for 'rule' (did you mean 'forbid'?)",
      "p.yaml:10:5: error: unknown key 'sourse' in position (did you mean 'source'?)",
  };
  expect(cat, want, sizeof want / sizeof want[0]);
  gr_catalog_free(cat);
}

static void test_override_and_duplicates(void **state) {
  (void)state;
  const char *text =
      "events:\n"
      "  - {id: strike-kyiv, title: Mine, kind: strike, aggressor: RUS, target: UKR,\n"
      "     locations: [{region: UA-30, side: government}], scale: massive,\n"
      "     sources: [{assumption: x}]}\n"
      "  - {id: e2, title: A, kind: strike, aggressor: RUS, target: UKR,\n"
      "     locations: [{region: UA-30, side: government}], scale: minor, sources: [{assumption: x}]}\n"
      "  - {id: e2, title: B, kind: strike, aggressor: RUS, target: UKR,\n"
      "     locations: [{region: UA-30, side: government}], scale: minor, sources: [{assumption: x}]}\n"
      "  - {id: UKR, title: C, kind: strike, aggressor: RUS, target: UKR,\n"
      "     locations: [{region: UA-30, side: government}], scale: minor, sources: [{assumption: x}]}\n";
  gr_catalog *cat = load("o.yaml", text);
  assert_int_equal(gr_catalog_diag_count(cat), 3);
  assert_string_equal(diag(cat, 0), "o.yaml:2:5: note: event 'strike-kyiv' overrides the built-in one");
  assert_string_equal(diag(cat, 1), "o.yaml:7:5: error: duplicate event id 'e2' (first defined at o.yaml:5:5)");
  assert_non_null(strstr(diag(cat, 2), "o.yaml:9:5: error: id 'UKR' is already used by actor at data/actors.yaml:"));
  const gr_event *e = gr_catalog_event(cat, "strike-kyiv");
  assert_string_equal(e->title, "Mine");
  assert_int_equal(e->scale, GR_SCALE_MASSIVE);
  gr_catalog_free(cat);
}

static void test_semantic_checks(void **state) {
  (void)state;
  const char *text =
      "regions:\n"
      "  - id: RU-MOW\n"
      "    name: Moscow\n"
      "    state: RUS\n"
      "    type: city\n"
      "    control: [{date: 2022-01-01, status: government, occupied_share: 0, source: {assumption: x}}]\n"
      "arrangement:\n"
      "  id: a\n"
      "  title: t\n"
      "  protects: UKR\n"
      "  date: 2025-01-01\n"
      "  status: proposed\n"
      "  legal_form: memorandum\n"
      "  accession: FRA\n"
      "  sources: [{assumption: x}]\n"
      "  obligations:\n"
      "    - {guarantor: UKR, kind: sanctions, activation: automatic, sources: [{assumption: x}]}\n"
      "    - guarantor: USA\n"
      "      kind: air_cover\n"
      "      activation: discretionary\n"
      "      scope: {include: [{regions: [RU-MOW]}]}\n"
      "      sources: [{assumption: x}]\n";
  gr_catalog *cat = load("s.yaml", text);
  static const char *const want[] = {
      "s.yaml:14:14: error: 'FRA' is a state; an organisation or group is expected here",
      "s.yaml:17:7: error: guarantor 'UKR' is the protected state itself",
      /* One literal: clang warns about concatenations inside an array. */
      "s.yaml:18:7: warning: the air_cover obligation of 'USA' says nothing about where its forces act ('location'): positions on forces in the protected state cannot judge it",
      "s.yaml:21:25: error: region 'RU-MOW' belongs to 'RUS', not to the protected state 'UKR'",
  };
  expect(cat, want, sizeof want / sizeof want[0]);
  gr_catalog_free(cat);
}

static void test_memberships_and_suggestions(void **state) {
  (void)state;
  gr_catalog *cat = load("empty.yaml", "events: []\n");
  expect(cat, NULL, 0);
  assert_true(gr_catalog_actor_in(cat, "FRA", "NATO"));
  assert_true(gr_catalog_actor_in(cat, "FRA", "EU"));
  assert_true(gr_catalog_actor_in(cat, "USA", "P5"));
  assert_true(gr_catalog_actor_in(cat, "CHN", "P5"));
  assert_true(gr_catalog_actor_in(cat, "UKR", "UKR"));
  assert_false(gr_catalog_actor_in(cat, "UKR", "NATO"));
  assert_false(gr_catalog_actor_in(cat, "RUS", "WEST"));
  assert_false(gr_catalog_actor_in(cat, "CHN", "NATO"));
  const char *s[4];
  assert_true(gr_catalog_suggest(cat, GR_REC_ARRANGEMENT, "coalition", s, 4) >= 1);
  assert_string_equal(s[0], "coalition-2025");
  assert_true(gr_catalog_suggest(cat, GR_REC_ACTOR, "France", s, 4) >= 1);
  assert_string_equal(s[0], "FRA");
  assert_true(gr_catalog_suggest(cat, GR_REC__COUNT, "strike-kiev", s, 4) >= 1);
  assert_string_equal(s[0], "strike-kyiv");
  gr_record_kind k;
  assert_non_null(gr_catalog_lookup(cat, "UA-23", &k));
  assert_int_equal(k, GR_REC_REGION);
  assert_null(gr_catalog_lookup(cat, "nothing-here", &k));
  gr_catalog_free(cat);
}

/* Groups in groups: `n` groups G0..G(n-1), each a member of the next two
 * (the last `wrap` of them of the first ones again, making cycles), and a
 * state inside G0. */
static char *lattice(int n, int wrap) {
  size_t cap = (size_t)n * 160 + 256, used = 0;
  char *t = malloc(cap);
  assert_non_null(t);
  used += (size_t)snprintf(t + used, cap - used, "actors:\n");
  for (int i = 0; i < n; i++) {
    int a = i + 1, b = i + 2;
    used += (size_t)snprintf(t + used, cap - used, "  - {id: G%d, name: G%d, type: group, memberships: [", i, i);
    if (a < n || wrap) used += (size_t)snprintf(t + used, cap - used, "G%d", a % n);
    if (b < n || wrap) used += (size_t)snprintf(t + used, cap - used, ", G%d", b % n);
    used += (size_t)snprintf(t + used, cap - used, "], sources: [{assumption: test}]}\n");
  }
  snprintf(t + used, cap - used, "  - {id: SX, name: SX, type: state, memberships: [G0], sources: [{assumption: t}]}\n");
  return t;
}

/* Memberships deeper than any fixed bound resolve, a lattice of shared
 * groups resolves in linear time, and a cycle is refused with its path
 * (while queries on the unvalidated catalog still end). */
static void test_membership_depth_and_cycles(void **state) {
  (void)state;
  char *text = lattice(400, 0);
  gr_catalog *cat = load("lattice.yaml", text);
  expect(cat, NULL, 0);
  assert_true(gr_catalog_actor_in(cat, "SX", "G399")); /* 200 hops up. */
  assert_true(gr_catalog_actor_in(cat, "G3", "G398"));
  assert_false(gr_catalog_actor_in(cat, "G398", "G3"));
  assert_false(gr_catalog_actor_in(cat, "SX", "NATO"));
  gr_catalog_free(cat);
  free(text);
  text = lattice(3, 1);
  cat = load("cycle.yaml", text);
  static const char *const cycles[] = {
      "cycle.yaml:3:5: error: memberships form a cycle: 'G0' -> 'G1' -> 'G0' (an actor cannot be inside itself)",
      "cycle.yaml:4:5: error: memberships form a cycle: 'G0' -> 'G1' -> 'G2' -> 'G0' (an actor cannot be inside itself)",
      "cycle.yaml:4:5: error: memberships form a cycle: 'G1' -> 'G2' -> 'G1' (an actor cannot be inside itself)",
  };
  expect(cat, cycles, 3);
  assert_true(gr_catalog_actor_in(cat, "SX", "G2"));
  assert_false(gr_catalog_actor_in(cat, "SX", "NATO"));
  gr_catalog_free(cat);
  free(text);
  text = lattice(40, 1); /* Exponentially many paths, each actor once. */
  cat = load("cycle.yaml", text);
  assert_false(gr_catalog_actor_in(cat, "SX", "NATO"));
  gr_catalog_free(cat);
  free(text);
}

/* A file with more problems than a catalog keeps: the first
 * GR_CATALOG_MAX_DIAGS are kept (the first of them the first found), the
 * rest counted. */
static void test_diagnostics_capped(void **state) {
  (void)state;
  size_t n = GR_CATALOG_MAX_DIAGS + 500, cap = n * 12 + 64, used = 0;
  char *text = malloc(cap);
  assert_non_null(text);
  used += (size_t)snprintf(text, cap, "actors:\n  - {");
  for (size_t i = 0; i < n; i++) used += (size_t)snprintf(text + used, cap - used, "%sk%zu", i ? "," : "", i);
  snprintf(text + used, cap - used, "}\n");
  gr_catalog *cat = load("many.yaml", text);
  assert_int_equal(gr_catalog_diag_count_severity(cat, GR_SEV_ERROR), GR_CATALOG_MAX_DIAGS);
  assert_int_equal(gr_catalog_diag_dropped(cat, GR_SEV_ERROR), 500 + 4); /* And the 4 required keys. */
  assert_int_equal(gr_catalog_diag_dropped(cat, GR_SEV_WARNING), 0);
  assert_string_equal(diag(cat, 0), "many.yaml:2:6: error: unknown key 'k0' in actor");
  assert_false(gr_catalog_is_valid(cat));
  gr_catalog_free(cat);
  free(text);
  assert_int_equal(gr_catalog_diag_dropped(NULL, GR_SEV_ERROR), 0);
}

static void test_bad_calls(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  gr_catalog_free(NULL);
  assert_int_equal(gr_catalog_load_buffer(NULL, "x", "a", 1, &err), GR_E_ARG);
  assert_int_equal(err.code, GR_E_ARG);
  gr_catalog *cat = gr_catalog_new();
  assert_int_equal(gr_catalog_load_file(cat, "/nonexistent/file.yaml", &err), GR_E_IO);
  assert_string_equal(err.file, "/nonexistent/file.yaml");
  assert_non_null(strstr(err.message, "cannot open"));
  assert_int_equal(gr_catalog_validate(cat, &err), GR_E_INVALID);
  assert_null(gr_catalog_at(cat, GR_REC_ACTOR, 0));
  assert_int_equal(gr_catalog_count(cat, GR_REC__COUNT), 0);
  assert_null(gr_record_to_json(GR_REC__COUNT, cat, 0));
  gr_catalog_free(cat);
  gr_error_clear(&err);
}

static void test_first_error_fills_err(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  const char *text = "actors:\n  - id: X1\n    name: x\n    type: stat\n    sources: [{assumption: a}]\n";
  assert_int_equal(gr_catalog_load_buffer(cat, "e.yaml", text, strlen(text), &err), GR_E_INVALID);
  assert_int_equal(err.code, GR_E_INVALID);
  assert_string_equal(err.file, "e.yaml");
  assert_int_equal(err.line, 4);
  assert_int_equal(err.column, 11);
  assert_string_equal(err.message, "unknown actor_type 'stat' for 'type' (did you mean 'state'?)");
  gr_catalog_free(cat);
  gr_error_clear(&err);
}

/* Every built-in record, written as JSON and read back in a new catalog,
 * replaces itself without a single error and serialises identically. */
static void test_round_trip_every_record(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  assert_int_equal(gr_catalog_load_builtin(cat, &err), GR_OK);
  assert_int_equal(gr_catalog_validate(cat, &err), GR_OK);
  size_t checked = 0;
  for (int k = 0; k < GR_REC__COUNT; k++) {
    for (size_t i = 0; i < gr_catalog_count(cat, (gr_record_kind)k); i++) {
      const void *rec = gr_catalog_at(cat, (gr_record_kind)k, i);
      char *json = gr_record_to_json((gr_record_kind)k, rec, 0);
      assert_non_null(json);
      gr_catalog *back = gr_catalog_new();
      assert_int_equal(gr_catalog_load_builtin(back, &err), GR_OK);
      assert_int_equal(gr_catalog_load_buffer(back, "rt.json", json, strlen(json), &err), GR_OK);
      assert_int_equal(gr_catalog_validate(back, &err), GR_OK);
      assert_int_equal(gr_catalog_diag_count(back), 1); /* The override note. */
      assert_int_equal(gr_catalog_diag(back, 0)->severity, GR_SEV_NOTE);
      const void *again = gr_catalog_find(back, (gr_record_kind)k, gr_record_id((gr_record_kind)k, rec));
      assert_non_null(again);
      assert_string_equal(gr_record_pos((gr_record_kind)k, again)->file, "rt.json");
      char *json2 = gr_record_to_json((gr_record_kind)k, again, 0);
      assert_string_equal(json, json2);
      gr_free(json);
      gr_free(json2);
      gr_catalog_free(back);
      checked++;
    }
  }
  assert_true(checked >= 95);
  gr_catalog_free(cat);
  gr_error_clear(&err);
}

static void test_whole_catalog_json_reloads(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  assert_int_equal(gr_catalog_load_builtin(cat, &err), GR_OK);
  char *json = gr_catalog_to_json(cat, 0);
  assert_non_null(json);
  gr_catalog *fresh = gr_catalog_new(); /* No built-in: the dump stands alone. */
  assert_int_equal(gr_catalog_load_buffer(fresh, "all.json", json, strlen(json), &err), GR_OK);
  assert_int_equal(gr_catalog_validate(fresh, &err), GR_OK);
  assert_int_equal(gr_catalog_diag_count(fresh), 0);
  for (int k = 0; k < GR_REC__COUNT; k++)
    assert_int_equal(gr_catalog_count(fresh, (gr_record_kind)k), gr_catalog_count(cat, (gr_record_kind)k));
  char *json2 = gr_catalog_to_json(fresh, 0);
  assert_string_equal(json, json2);
  gr_free(json);
  gr_free(json2);
  gr_catalog_free(fresh);
  gr_catalog_free(cat);
  gr_error_clear(&err);
}

static void test_json_escaping(void **state) {
  (void)state;
  const char *text =
      "documents:\n"
      "  - id: d.txt\n"
      "    date: 2020-01-01\n"
      "    title: \"a \\\"quote\\\" </script> and \\\\ and \\t tab\"\n";
  gr_catalog *cat = load("d.yaml", text);
  expect(cat, NULL, 0);
  const gr_document *d = gr_catalog_document(cat, "d.txt");
  /* RFC 8259: quotes, backslashes and control characters escaped... */
  char *json = gr_record_to_json(GR_REC_DOCUMENT, d, 0);
  assert_non_null(strstr(json, "\"a \\\"quote\\\" </script> and \\\\ and \\t tab\""));
  gr_free(json);
  /* ...and, safe inside an HTML script, <, > and & too. */
  json = gr_record_to_json(GR_REC_DOCUMENT, d, GR_JSON_HTML_SAFE);
  assert_non_null(strstr(json, "\"a \\\"quote\\\" \\u003c/script\\u003e and \\\\ and \\t tab\""));
  assert_null(strstr(json, "</script>"));
  gr_free(json);
  gr_catalog_free(cat);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_minimal_arrangement),
      cmocka_unit_test(test_json_is_accepted),
      cmocka_unit_test(test_every_problem_is_reported),
      cmocka_unit_test(test_override_and_duplicates),
      cmocka_unit_test(test_semantic_checks),
      cmocka_unit_test(test_memberships_and_suggestions),
      cmocka_unit_test(test_membership_depth_and_cycles),
      cmocka_unit_test(test_diagnostics_capped),
      cmocka_unit_test(test_bad_calls),
      cmocka_unit_test(test_first_error_fills_err),
      cmocka_unit_test(test_round_trip_every_record),
      cmocka_unit_test(test_whole_catalog_json_reloads),
      cmocka_unit_test(test_json_escaping),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
