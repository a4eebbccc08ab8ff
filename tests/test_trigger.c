/*
 * The trigger engine: every outcome, every rule, tripwires, facts, and the
 * expected results on the catalog stated in issue 3.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "guarantor/trigger.h"

/* A test arrangement: one obligation per rule to exercise. Guarantor FRA's
 * force stands in UA-32 (Kyiv oblast). */
static const char *const TEST_YAML =
    "events:\n"
    "  - {id: t-attack-kyiv-oblast, title: T, kind: armed_attack, aggressor: RUS, target: UKR,\n"
    "     locations: [{region: UA-32, side: government}], scale: limited, day0: 2026-01-01,\n"
    "     sources: [{assumption: test}]}\n"
    "  - {id: t-attack-kyiv-undated, title: T, kind: armed_attack, aggressor: RUS, target: UKR,\n"
    "     locations: [{region: UA-32, side: government}], scale: limited, sources: [{assumption: test}]}\n"
"regions:\n"
    "  - {id: PL-06, name: Lublin, state: POL, type: oblast,\n"
    "     control: [{date: 2022-01-01, status: government, occupied_share: 0, source: {assumption: t}}]}\n"
    "arrangement:\n"
    "  id: t-arr\n"
    "  title: Test\n"
    "  protects: UKR\n"
    "  date: 2025-06-01\n"
    "  status: proposed\n"
    "  legal_form: treaty_signed\n"
    "  sources: [{assumption: test}]\n"
    "  obligations:\n"
    /* 0: activates */
    "    - {guarantor: USA, kind: sanctions, triggers: [armed_attack], activation: automatic, sources: [{assumption: t}]}\n"
    /* 1: needs consultation with a deadline */
    "    - {guarantor: GBR, kind: arms_supply, triggers: [armed_attack], activation: after_consultation,\n"
    "       deadline_days: 3, sources: [{assumption: t}]}\n"
    /* 2: at discretion */
    "    - {guarantor: USA, kind: air_cover, triggers: [armed_attack], activation: discretionary, sources: [{assumption: t}]}\n"
    /* 3: blocked by a condition */
    "    - {guarantor: ITA, kind: reassurance_force, troops: 100, triggers: [armed_attack], activation: automatic,\n"
    "       conditions: [un_mandate], location: {regions: [UA-32]}, sources: [{assumption: t}]}\n"
    /* 4: out of scope (include clause not matching) */
    "    - {guarantor: DEU, kind: training, triggers: [armed_attack], activation: automatic,\n"
    "       scope: {include: [{regions: [UA-51]}]}, sources: [{assumption: t}]}\n"
    /* 5: not triggered (kind) */
    "    - {guarantor: NLD, kind: naval_presence, triggers: [blockade], activation: automatic, sources: [{assumption: t}]}\n"
    /* 6: not triggered (scale) */
    "    - {guarantor: CAN, kind: arms_supply, triggers: [{event: armed_attack, min_scale: major}], activation: automatic,\n"
    "       sources: [{assumption: t}]}\n"
    /* 7: not yet in force */
    "    - {guarantor: TUR, kind: consultation, triggers: [armed_attack], activation: automatic, start: 2027-01-01,\n"
    "       sources: [{assumption: t}]}\n"
    /* 8: lapsed (term ended) */
    "    - {guarantor: TUR, kind: economic_aid, triggers: [armed_attack], activation: automatic, start: 2020-01-01,\n"
    "       duration_years: 2, sources: [{assumption: t}]}\n"
    /* 9: declined */
    "    - {guarantor: POL, kind: reassurance_force, troops: 0, triggers: [armed_attack], activation: automatic,\n"
    "       commitment: declined, sources: [{assumption: t}]}\n"
    /* 10: blocked: the guarantor is the aggressor */
    "    - {guarantor: RUS, kind: consultation, triggers: [armed_attack], activation: automatic, sources: [{assumption: t}]}\n"
    /* 11: consensus with the aggressor among the guarantors: blocked */
    "    - {guarantor: CHN, kind: military_intervention, triggers: [armed_attack], activation: consensus, sources: [{assumption: t}]}\n"
    /* 12: by_body: needs consultation */
    "    - {guarantor: FRA, kind: economic_aid, triggers: [armed_attack], activation: by_body, body: a council,\n"
    "       body_rule: majority, sources: [{assumption: t}]}\n"
    /* 13: tripwire: FRA's force in UA-32 is hit; it responds only to attacks on itself */
    "    - {guarantor: FRA, kind: reassurance_force, troops: 5000, triggers: [attack_on_guarantor_forces],\n"
    "       activation: automatic, location: {regions: [UA-32]}, sources: [{assumption: t}]}\n"
    /* 14: no trigger named */
    "    - {guarantor: GBR, kind: intelligence_sharing, activation: automatic, sources: [{assumption: t}]}\n"
    /* 15: renewed automatically: still in force */
    "    - {guarantor: NLD, kind: economic_aid, triggers: [armed_attack], activation: automatic, start: 2020-01-01,\n"
    "       duration_years: 2, renewal: automatic, sources: [{assumption: t}]}\n"
    /* 16: revoked by a breach of neutrality (when the fact is false) */
    "    - {guarantor: CAN, kind: sanctions, triggers: [armed_attack], activation: automatic,\n"
    "       revocation: [breach_of_neutrality], sources: [{assumption: t}]}\n"
    /* 17: void if the protected state strikes cities or attacks first */
    "    - {guarantor: DEU, kind: sanctions, triggers: [armed_attack], activation: automatic,\n"
    "       revocation: [protected_state_strikes_cities], sources: [{assumption: t}]}\n";

/* The protected state's own acts and scenarios of them, in a second file
 * (one string literal stays within what C compilers must accept). */
static const char *const SCENARIO_YAML =
    "events:\n"
    "  - {id: t-ukr-strike, title: T, kind: strike, aggressor: UKR, target: RUS, targets: [cities], scale: minor,\n"
    "     sources: [{assumption: test}]}\n"
    "  - {id: t-ukr-stray, title: T, kind: strike, aggressor: UKR, target: RUS, targets: [cities], scale: minor,\n"
    "     intent: accidental, sources: [{assumption: test}]}\n"
    "  - {id: t-ukr-nato, title: T, kind: joins_alliance, aggressor: UKR, organisation: NATO, sources: [{assumption: test}]}\n"
    "  - {id: t-rus-strike, title: T, kind: strike, aggressor: RUS, target: UKR, scale: minor,\n"
    "     locations: [{region: UA-32, side: government}], sources: [{assumption: test}]}\n"
    "  - {id: t-attack-poland, title: T, kind: armed_attack, aggressor: RUS, target: POL,\n"
    "     locations: [{region: PL-06, side: government}], scale: major, sources: [{assumption: test}]}\n"
    "scenarios:\n"
    "  - {id: t-first-strike, title: T, events: [t-ukr-strike, {event: t-attack-kyiv-undated, day: 2}],\n"
    "     facts: [{fact: ceasefire_in_force, value: true, source: {assumption: test}}], sources: [{assumption: test}]}\n"
    "  - {id: t-stray, title: T, events: [t-ukr-stray, {event: t-attack-kyiv-undated, day: 2}],\n"
    "     sources: [{assumption: test}]}\n"
    "  - {id: t-nato-only, title: T, date: 2025-07-01, events: [t-ukr-nato], sources: [{assumption: test}]}\n"
    "  - {id: t-strike-then-attack, title: T, events: [t-rus-strike, {event: t-attack-kyiv-undated, day: 5}],\n"
    "     sources: [{assumption: test}]}\n"
    "  - {id: t-late-attack, title: T, date: 2026-12-01, events: [{event: t-attack-kyiv-undated, day: 60}],\n"
    "     sources: [{assumption: test}]}\n"
    "  - {id: t-nato-then, title: T, events: [t-ukr-nato, {event: t-attack-kyiv-undated, day: 30}],\n"
    "     sources: [{assumption: test}]}\n";

static gr_catalog *cat;

static int setup(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  cat = gr_catalog_new();
  if (gr_catalog_load_builtin(cat, &err) != GR_OK) return -1;
  if (gr_catalog_load_buffer(cat, "t.yaml", TEST_YAML, strlen(TEST_YAML), &err) != GR_OK) {
    fprintf(stderr, "%s:%d:%d: %s\n", err.file ? err.file : "", err.line, err.column, err.message);
    gr_error_clear(&err);
    return -1;
  }
  if (gr_catalog_load_buffer(cat, "s.yaml", SCENARIO_YAML, strlen(SCENARIO_YAML), &err) != GR_OK) {
    fprintf(stderr, "%s:%d:%d: %s\n", err.file ? err.file : "", err.line, err.column, err.message);
    gr_error_clear(&err);
    return -1;
  }
  if (gr_catalog_validate(cat, &err) != GR_OK) {
    fprintf(stderr, "%s:%d:%d: %s\n", err.file ? err.file : "", err.line, err.column, err.message);
    gr_error_clear(&err);
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  gr_catalog_free(cat);
  return 0;
}

static gr_timeline *run(const char *arr, const char *ev, const char *facts, gr_date as_of) {
  gr_error err = GR_ERROR_INIT;
  gr_facts *f = NULL;
  const gr_arrangement *a = gr_catalog_arrangement(cat, arr);
  /* A case: an event, or else a scenario. */
  const gr_event *e = gr_catalog_event(cat, ev);
  const gr_scenario *sc = e ? NULL : gr_catalog_find(cat, GR_REC_SCENARIO, ev);
  assert_non_null(a);
  assert_true(e != NULL || sc != NULL);
  assert_int_equal(gr_facts_new(cat, a, &f, &err), GR_OK);
  if (facts) assert_int_equal(gr_facts_parse(f, facts, &err), GR_OK);
  gr_timeline *tl = NULL;
  assert_int_equal(sc ? gr_timeline_scenario_new(cat, a, sc, f, as_of, &tl, &err)
                      : gr_timeline_new(cat, a, e, f, as_of, &tl, &err),
                   GR_OK);
  assert_non_null(tl);
  gr_facts_free(f);
  gr_error_clear(&err);
  return tl;
}

/* The entry for obligation `index`. */
static const gr_timeline_entry *entry(const gr_timeline *tl, size_t index) {
  for (size_t i = 0; i < tl->n; i++)
    if (tl->items[i].index == index) return &tl->items[i];
  fail_msg("no entry for obligation %zu", index);
  return NULL;
}

static void expect(const gr_timeline *tl, size_t index, gr_outcome out, const char *rule, const char *reason_part) {
  const gr_timeline_entry *e = entry(tl, index);
  if (e->outcome != out || strcmp(e->rule, rule) != 0 || (reason_part && !strstr(e->reason, reason_part)))
    fprintf(stderr, "obligation %zu: %s [%s] %s\n", index, gr_outcome_name(e->outcome), e->rule, e->reason);
  assert_int_equal(e->outcome, out);
  assert_string_equal(e->rule, rule);
  if (reason_part) assert_non_null(strstr(e->reason, reason_part));
}

static void test_every_outcome(void **state) {
  (void)state;
  gr_timeline *tl = run("t-arr", "t-attack-kyiv-oblast", NULL, 0);
  assert_int_equal(tl->as_of, 20260101); /* The event's day 0. */
  assert_int_equal(tl->n, 18);
  expect(tl, 17, GR_OUT_ACTIVATES, "automatic", NULL); /* No act of the protected state voids it. */
  expect(tl, 0, GR_OUT_ACTIVATES, "automatic", "on day 0");
  assert_int_equal(entry(tl, 0)->day_from, 0);
  assert_int_equal(entry(tl, 0)->day_to, 0);
  expect(tl, 1, GR_OUT_NEEDS_CONSULTATION, "after_consultation", "within 3 days");
  assert_int_equal(entry(tl, 1)->day_to, 3);
  expect(tl, 2, GR_OUT_AT_DISCRETION, "discretionary", "USA decides freely");
  expect(tl, 3, GR_OUT_BLOCKED, "condition", "condition un_mandate is false");
  assert_int_equal(entry(tl, 3)->fact, GR_FACT_UN_MANDATE);
  expect(tl, 4, GR_OUT_OUT_OF_SCOPE, "scope", "UA-32 Kyiv Oblast (government side) is not among the regions it covers");
  expect(tl, 5, GR_OUT_NOT_TRIGGERED, "trigger", "it responds to blockade; this is armed_attack at scale limited");
  expect(tl, 6, GR_OUT_NOT_TRIGGERED, "trigger", "armed_attack from scale major");
  expect(tl, 7, GR_OUT_NOT_YET_IN_FORCE, "term", "starts on 2027-01-01");
  expect(tl, 8, GR_OUT_LAPSED, "term", "its term of 2 years from 2020-01-01 ended");
  expect(tl, 9, GR_OUT_DECLINED, "commitment", "POL has declined");
  expect(tl, 10, GR_OUT_BLOCKED, "aggressor", "RUS is itself the aggressor");
  assert_string_equal(entry(tl, 10)->blocker, "RUS");
  expect(tl, 11, GR_OUT_BLOCKED, "consensus", "RUS, the aggressor, is one of them and can block it");
  assert_string_equal(entry(tl, 11)->blocker, "RUS");
  expect(tl, 12, GR_OUT_NEEDS_CONSULTATION, "by_body", "decided by a council (majority)");
  expect(tl, 13, GR_OUT_ACTIVATES, "automatic", "tripwire");
  assert_true(entry(tl, 13)->tripwire);
  assert_false(entry(tl, 0)->tripwire);
  expect(tl, 14, GR_OUT_NOT_TRIGGERED, "trigger", "names no trigger");
  expect(tl, 15, GR_OUT_ACTIVATES, "automatic", NULL);
  expect(tl, 16, GR_OUT_ACTIVATES, "automatic", NULL);
  /* FRA's force is hit; ITA's is not there (its condition is false). */
  assert_int_equal(tl->ntripwires, 1);
  assert_string_equal(tl->tripwires[0].guarantor, "FRA");
  assert_string_equal(tl->tripwires[0].region, "UA-32");
  /* Sorted by first day; entries without a day last, in input order. */
  for (size_t i = 1; i < tl->n; i++) {
    long a = tl->items[i - 1].day_from < 0 ? 1L << 30 : tl->items[i - 1].day_from;
    long b = tl->items[i].day_from < 0 ? 1L << 30 : tl->items[i].day_from;
    assert_true(a <= b);
    if (a == b) assert_true(tl->items[i - 1].index < tl->items[i].index);
  }
  gr_timeline_free(tl);
}

static void test_facts_change_outcomes(void **state) {
  (void)state;
  gr_timeline *tl = run("t-arr", "t-attack-kyiv-oblast", "un_mandate=true,neutrality_observed=false", 0);
  expect(tl, 3, GR_OUT_ACTIVATES, "automatic", NULL);
  expect(tl, 16, GR_OUT_LAPSED, "revocation", "neutrality");
  assert_int_equal(tl->ntripwires, 2); /* ITA's force is now there too. */
  assert_int_equal(gr_facts_origin(tl->facts, GR_FACT_UN_MANDATE), GR_FACT_GIVEN);
  gr_timeline_free(tl);
}

static void test_as_of_moves_the_term(void **state) {
  (void)state;
  gr_timeline *tl = run("t-arr", "t-attack-kyiv-undated", NULL, 20210601);
  expect(tl, 8, GR_OUT_ACTIVATES, "automatic", NULL); /* Still within its two years. */
  expect(tl, 7, GR_OUT_NOT_YET_IN_FORCE, "term", NULL);
  assert_string_equal(tl->date_from, "as_of");
  gr_timeline_free(tl);
  /* A dated event is read at its own date: another as_of contradicts it. */
  gr_error err = GR_ERROR_INIT;
  tl = NULL;
  assert_int_equal(gr_timeline_new(cat, gr_catalog_arrangement(cat, "t-arr"), gr_catalog_event(cat, "t-attack-kyiv-oblast"),
                                   NULL, 20210601, &tl, &err),
                   GR_E_ARG);
  assert_null(tl);
  assert_string_equal(err.message, "event 't-attack-kyiv-oblast' is dated 2026-01-01; as of 2021-06-01 contradicts it");
  gr_error_clear(&err);
}

/* Scenarios: the protected state's deliberate acts before the attack void
 * what their revocation terms name; an accident voids nothing; help counts
 * from the day of the attack; a scenario with no attack triggers nothing. */
static gr_timeline *run_scenario(const char *sc) {
  gr_error err = GR_ERROR_INIT;
  gr_timeline *tl = NULL;
  assert_int_equal(gr_timeline_scenario_new(cat, gr_catalog_arrangement(cat, "t-arr"),
                                            gr_catalog_find(cat, GR_REC_SCENARIO, sc), NULL, 0, &tl, &err),
                   GR_OK);
  gr_error_clear(&err);
  return tl;
}

static void test_scenarios(void **state) {
  (void)state;
  gr_timeline *tl = run_scenario("t-first-strike");
  assert_int_equal(tl->trigger_day, 2);
  assert_string_equal(tl->event->id, "t-attack-kyiv-undated");
  assert_int_equal(tl->steps[0].role, GR_STEP_CONDUCT);
  assert_int_equal(tl->steps[1].role, GR_STEP_TRIGGER);
  assert_int_equal(entry(tl, 17)->outcome, GR_OUT_LAPSED);
  assert_string_equal(entry(tl, 17)->rule, "revocation");
  assert_non_null(strstr(entry(tl, 17)->reason, "protected_state_strikes_cities"));
  assert_int_equal(entry(tl, 16)->outcome, GR_OUT_ACTIVATES); /* Neutrality is untouched. */
  assert_int_equal(entry(tl, 16)->day_from, 2);
  assert_int_equal(gr_facts_origin(tl->facts, GR_FACT_CEASEFIRE_IN_FORCE), GR_FACT_SCENARIO);
  assert_true(gr_facts_value(tl->facts, GR_FACT_CEASEFIRE_IN_FORCE));
  gr_timeline_free(tl);
  tl = run_scenario("t-stray");
  assert_int_equal(entry(tl, 17)->outcome, GR_OUT_ACTIVATES);
  assert_false(gr_facts_value(tl->facts, GR_FACT_CEASEFIRE_IN_FORCE));
  gr_timeline_free(tl);
  tl = run_scenario("t-nato-then");
  assert_int_equal(entry(tl, 16)->outcome, GR_OUT_LAPSED); /* Joining breaks neutrality. */
  assert_int_equal(entry(tl, 17)->outcome, GR_OUT_ACTIVATES);
  assert_int_equal(entry(tl, 17)->day_from, 30);
  gr_timeline_free(tl);
  /* A strike first, the ground attack five days later: an obligation
   * that answers armed attacks answers the second, on its day. */
  tl = run_scenario("t-strike-then-attack");
  /* The strike hits the French force in Kyiv oblast: its tripwire acts on
   * day 0, so the strike is the timeline's attack. */
  assert_string_equal(tl->event->id, "t-rus-strike");
  assert_int_equal(tl->trigger_day, 0);
  assert_int_equal(tl->steps[1].role, GR_STEP_AFTER);
  assert_int_equal(entry(tl, 13)->outcome, GR_OUT_ACTIVATES);
  assert_int_equal(entry(tl, 13)->day_from, 0);
  assert_int_equal(entry(tl, 0)->outcome, GR_OUT_ACTIVATES);
  assert_int_equal(entry(tl, 0)->day_from, 5);
  assert_non_null(strstr(entry(tl, 0)->reason, "on day 5"));
  gr_timeline_free(tl);
  /* Terms are read on the day of the attack: a scenario dated before an
   * obligation's start, with the attack 60 days later, after it. */
  tl = run_scenario("t-late-attack");
  assert_int_equal(tl->as_of, 20261201);
  assert_int_not_equal(entry(tl, 7)->outcome, GR_OUT_NOT_YET_IN_FORCE);
  assert_int_equal(entry(tl, 0)->day_from, 60);
  gr_timeline_free(tl);
  tl = run_scenario("t-nato-only");
  assert_null(tl->event);
  assert_int_equal(tl->as_of, 20250701);
  assert_string_equal(tl->date_from, "the scenario's date");
  for (size_t i = 0; i < tl->n; i++) assert_int_equal(tl->items[i].outcome, GR_OUT_NOT_TRIGGERED);
  gr_timeline_free(tl);
  /* A dated scenario refuses another date. */
  gr_error err = GR_ERROR_INIT;
  tl = NULL;
  assert_int_equal(gr_timeline_scenario_new(cat, gr_catalog_arrangement(cat, "t-arr"),
                                            gr_catalog_find(cat, GR_REC_SCENARIO, "t-nato-only"), NULL, 20250702, &tl,
                                            &err),
                   GR_E_ARG);
  assert_null(tl);
  gr_error_clear(&err);
  /* Facts follow menus and forces of unstated size: US intelligence on a
   * menu is a backstop; a European force with no stated size stands. */
  {
    static const char y[] =
        "arrangements:\n"
        "  - {id: t-menus, title: T, protects: UKR, date: 2025-01-01, status: proposed, legal_form: memorandum,\n"
        "     sources: [{assumption: t}], obligations: [\n"
        "       {guarantor: USA, means: [logistics, intelligence_sharing], activation: automatic, sources: [{assumption: t}]},\n"
        "       {guarantor: FRA, kind: reassurance_force, location: {regions: [UA-32]}, activation: automatic,\n"
        "        sources: [{assumption: t}]}]}\n";
    gr_catalog *c2 = gr_catalog_new();
    assert_int_equal(gr_catalog_load_builtin(c2, &err), GR_OK);
    assert_int_equal(gr_catalog_load_buffer(c2, "m.yaml", y, strlen(y), &err), GR_OK);
    assert_int_equal(gr_catalog_validate(c2, &err), GR_OK);
    gr_facts *f = NULL;
    assert_int_equal(gr_facts_new(c2, gr_catalog_arrangement(c2, "t-menus"), &f, &err), GR_OK);
    assert_true(gr_facts_value(f, GR_FACT_US_BACKSTOP));
    assert_non_null(strstr(gr_facts_why(f, GR_FACT_US_BACKSTOP), "intelligence_sharing"));
    assert_true(gr_facts_value(f, GR_FACT_EUROPEAN_GROUND_FORCE_PRESENT));
    assert_non_null(strstr(gr_facts_why(f, GR_FACT_EUROPEAN_GROUND_FORCE_PRESENT), "size not stated"));
    gr_facts_free(f);
    gr_catalog_free(c2);
  }
  /* No scenario at all is refused, not dereferenced. */
  assert_int_not_equal(gr_timeline_scenario_new(cat, gr_catalog_arrangement(cat, "t-arr"), NULL, NULL, 0, &tl, &err),
                       GR_OK);
  assert_null(tl);
  gr_error_clear(&err);
}

static void test_event_on_another_state(void **state) {
  (void)state;
  gr_timeline *tl = run("t-arr", "t-attack-poland", NULL, 0);
  for (size_t i = 0; i < tl->n; i++) {
    assert_int_equal(tl->items[i].outcome, GR_OUT_NOT_TRIGGERED);
    assert_string_equal(tl->items[i].rule, "target");
  }
  assert_int_equal(tl->as_of, 20250601); /* No day 0: the arrangement's date. */
  gr_timeline_free(tl);
}

static void test_facts_defaults_and_parse(void **state) {
  (void)state;
  gr_facts *f = NULL, *before = NULL;
  gr_error err = GR_ERROR_INIT;
  assert_int_equal(gr_facts_new(cat, gr_catalog_arrangement(cat, "coalition-2025"), &f, &err), GR_OK);
  assert_false(gr_facts_value(f, GR_FACT_UN_MANDATE));
  assert_int_equal(gr_facts_origin(f, GR_FACT_UN_MANDATE), GR_FACT_ASSUMED);
  assert_true(gr_facts_value(f, GR_FACT_EUROPEAN_GROUND_FORCE_PRESENT));
  assert_true(gr_facts_value(f, GR_FACT_US_BACKSTOP));
  /* A ceasefire is the scenario's to state, not derived from a force. */
  assert_false(gr_facts_value(f, GR_FACT_CEASEFIRE_IN_FORCE));
  assert_int_equal(gr_facts_origin(f, GR_FACT_CEASEFIRE_IN_FORCE), GR_FACT_ASSUMED);
  assert_false(gr_facts_value(f, GR_FACT_RUSSIA_CONSULTED));
  gr_facts_free(f);
  assert_int_equal(gr_facts_new(cat, gr_catalog_arrangement(cat, "russia-p5-2025"), &f, &err), GR_OK);
  assert_true(gr_facts_value(f, GR_FACT_RUSSIA_CONSULTED));
  assert_false(gr_facts_value(f, GR_FACT_EUROPEAN_GROUND_FORCE_PRESENT));
  assert_int_equal(gr_facts_copy(f, &before, &err), GR_OK);
  assert_int_equal(gr_facts_parse(f, "un_mandat=true", &err), GR_E_ARG);
  assert_string_equal(err.message, "unknown fact 'un_mandat' (did you mean 'un_mandate'?)");
  assert_int_equal(gr_facts_parse(f, "zebra=true", &err), GR_E_ARG);
  assert_non_null(strstr(err.message, "unknown fact 'zebra' (the facts: un_mandate, us_backstop, "));
  assert_int_equal(gr_facts_parse(f, "un_mandate=maybe", &err), GR_E_ARG);
  assert_string_equal(err.message, "fact 'un_mandate' takes true or false, not 'maybe'");
  assert_int_equal(gr_facts_parse(f, "un_mandate", &err), GR_E_ARG);
  assert_int_equal(gr_facts_parse(f, "us_backstop=yes,un_mandate=", &err), GR_E_ARG);
  for (int i = 0; i < GR_FACT__COUNT; i++) { /* Unchanged on error. */
    assert_int_equal(gr_facts_value(f, (gr_fact)i), gr_facts_value(before, (gr_fact)i));
    assert_int_equal(gr_facts_origin(f, (gr_fact)i), gr_facts_origin(before, (gr_fact)i));
    assert_string_equal(gr_facts_why(f, (gr_fact)i), gr_facts_why(before, (gr_fact)i));
  }
  assert_int_equal(gr_facts_parse(f, "us_backstop=no,un_mandate=1", &err), GR_OK);
  assert_int_equal(err.code, GR_OK); /* Success resets the error. */
  assert_false(gr_facts_value(f, GR_FACT_US_BACKSTOP));
  assert_true(gr_facts_value(f, GR_FACT_UN_MANDATE));
  assert_int_equal(gr_facts_origin(f, GR_FACT_UN_MANDATE), GR_FACT_GIVEN);
  assert_int_equal(gr_facts_set(f, GR_FACT_PARLIAMENT_APPROVAL, true, &err), GR_OK);
  assert_true(gr_facts_value(f, GR_FACT_PARLIAMENT_APPROVAL));
  assert_int_equal(gr_facts_set(f, (gr_fact)99, true, &err), GR_E_ARG);
  assert_false(gr_facts_value(f, (gr_fact)99));
  assert_string_equal(gr_facts_why(NULL, GR_FACT_UN_MANDATE), "");
  assert_ptr_equal(gr_facts_arrangement(f), gr_catalog_arrangement(cat, "russia-p5-2025"));
  gr_facts_free(before);
  gr_facts_free(f);
  gr_error_clear(&err);
}

static void test_region_control_at(void **state) {
  (void)state;
  const gr_region *zap = gr_catalog_region(cat, "UA-23");
  bool early;
  const gr_control *c = gr_region_control_at(zap, 20220301, &early);
  assert_false(early);
  assert_int_equal(c->date, 20220223);
  c = gr_region_control_at(zap, 20250815, &early);
  assert_int_equal(c->date, 20250815);
  c = gr_region_control_at(zap, 19941205, &early);
  assert_true(early);
  assert_int_equal(c->date, 20220223);
  assert_null(gr_region_control_at(NULL, 20220101, &early));
}

/* ---- Issue 3's expected results on the catalog ----------------------- */

static size_t count_outcome(const gr_timeline *tl, gr_outcome out) {
  size_t n = 0;
  for (size_t i = 0; i < tl->n; i++) n += tl->items[i].outcome == out;
  return n;
}

static void test_russia_p5_blocked_by_consensus(void **state) {
  (void)state;
  /* It enters into force once the war stops: after a ceasefire. */
  gr_timeline *tl = run("russia-p5-2025", "after-ceasefire-offensive-zaporizhzhia", NULL, 0);
  size_t military = 0;
  for (size_t i = 0; i < tl->n; i++) {
    const gr_timeline_entry *e = &tl->items[i];
    if (e->obligation->kind != GR_OB_MILITARY_INTERVENTION) continue;
    military++;
    assert_int_equal(e->outcome, GR_OUT_BLOCKED);
    assert_string_equal(e->blocker, "RUS");
    if (strcmp(e->obligation->guarantor, "RUS") != 0) {
      assert_string_equal(e->rule, "consensus");
      assert_non_null(strstr(e->reason, "RUS, the aggressor"));
    }
  }
  assert_true(military >= 4);
  gr_timeline_free(tl);
}

static void test_istanbul_scope(void **state) {
  (void)state;
  gr_timeline *tl = run("istanbul-2022", "clash-donetsk-occupied", NULL, 0);
  assert_true(tl->n > 0);
  for (size_t i = 0; i < tl->n; i++) {
    assert_int_equal(tl->items[i].outcome, GR_OUT_OUT_OF_SCOPE);
    assert_non_null(strstr(tl->items[i].reason, "UA-14"));
  }
  gr_timeline_free(tl);
  tl = run("istanbul-2022", "offensive-zaporizhzhia", NULL, 0);
  size_t guarantors_military = 0;
  for (size_t i = 0; i < tl->n; i++)
    if (tl->items[i].obligation->kind == GR_OB_MILITARY_INTERVENTION) {
      guarantors_military++;
      assert_int_equal(tl->items[i].outcome, GR_OUT_ACTIVATES);
    }
  assert_true(guarantors_military >= 2);
  gr_timeline_free(tl);
}

static void test_coalition_italy_needs_un_mandate(void **state) {
  (void)state;
  for (int mandate = 0; mandate < 2; mandate++) {
    gr_timeline *tl = run("coalition-2025", "after-ceasefire-offensive-zaporizhzhia", mandate ? "un_mandate=true" : NULL, 0);
    int seen = 0;
    for (size_t i = 0; i < tl->n; i++) {
      const gr_timeline_entry *e = &tl->items[i];
      if (strcmp(e->obligation->guarantor, "ITA") != 0) continue;
      seen = 1;
      if (mandate) {
        assert_int_not_equal(e->outcome, GR_OUT_BLOCKED);
      } else {
        assert_int_equal(e->outcome, GR_OUT_BLOCKED);
        assert_int_equal(e->fact, GR_FACT_UN_MANDATE);
      }
    }
    assert_true(seen);
    gr_timeline_free(tl);
  }
}

static void test_budapest_only_consultation(void **state) {
  (void)state;
  gr_timeline *tl = run("budapest-1994", "offensive-zaporizhzhia", NULL, 0);
  assert_true(count_outcome(tl, GR_OUT_ACTIVATES) >= 1);
  for (size_t i = 0; i < tl->n; i++)
    if (tl->items[i].outcome == GR_OUT_ACTIVATES || tl->items[i].outcome == GR_OUT_NEEDS_CONSULTATION)
      assert_int_equal(tl->items[i].obligation->kind, GR_OB_CONSULTATION);
  gr_timeline_free(tl);
}

static void test_coalition_tripwire(void **state) {
  (void)state;
  gr_timeline *tl = run("coalition-2025", "attack-reassurance-force", NULL, 0);
  int fra = 0;
  for (size_t i = 0; i < tl->ntripwires; i++) fra |= !strcmp(tl->tripwires[i].guarantor, "FRA");
  assert_true(fra);
  for (size_t i = 0; i < tl->ntripwires; i++) assert_string_not_equal(tl->tripwires[i].guarantor, "ITA");
  gr_timeline_free(tl);
}

/* Review findings: a blockade at sea does not hit ground forces; derived
 * facts count only forces whose conditions hold, and follow given facts. */
static void test_tripwire_kinds_and_derived_facts(void **state) {
  (void)state;
  gr_timeline *tl = run("coalition-2025", "blockade-odesa", NULL, 0);
  assert_int_equal(tl->ntripwires, 0);
  gr_timeline_free(tl);
  const char *yaml =
      "arrangement:\n"
      "  id: t-italy-only\n  title: T\n  protects: UKR\n  date: 2025-06-01\n  status: proposed\n"
      "  legal_form: treaty_signed\n  sources: [{assumption: t}]\n"
      "  obligations:\n"
      "    - {guarantor: ITA, kind: reassurance_force, troops: 100, activation: automatic,\n"
      "       conditions: [un_mandate], sources: [{assumption: t}]}\n"
      "    - {guarantor: USA, kind: air_cover, activation: automatic,\n"
      "       conditions: [european_ground_force_present], sources: [{assumption: t}]}\n";
  gr_error err = GR_ERROR_INIT;
  gr_catalog *c = gr_catalog_new();
  assert_int_equal(gr_catalog_load_builtin(c, &err), GR_OK);
  assert_int_equal(gr_catalog_load_buffer(c, "i.yaml", yaml, strlen(yaml), &err), GR_OK);
  assert_int_equal(gr_catalog_validate(c, &err), GR_OK);
  const gr_arrangement *a = gr_catalog_arrangement(c, "t-italy-only");
  gr_facts *f = NULL;
  assert_int_equal(gr_facts_new(c, a, &f, &err), GR_OK);
  assert_false(gr_facts_value(f, GR_FACT_EUROPEAN_GROUND_FORCE_PRESENT)); /* No UN mandate, no Italians. */
  assert_false(gr_facts_value(f, GR_FACT_US_BACKSTOP));                   /* Its condition fails too. */
  assert_int_equal(gr_facts_parse(f, "un_mandate=true", &err), GR_OK);  /* The others follow. */
  assert_true(gr_facts_value(f, GR_FACT_UN_MANDATE));
  assert_int_equal(gr_facts_origin(f, GR_FACT_UN_MANDATE), GR_FACT_GIVEN);
  assert_true(gr_facts_value(f, GR_FACT_EUROPEAN_GROUND_FORCE_PRESENT));
  assert_true(gr_facts_value(f, GR_FACT_US_BACKSTOP));
  gr_facts_free(f);
  gr_catalog_free(c);
  gr_error_clear(&err);
}

static void test_bad_arguments(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  gr_timeline *tl = (gr_timeline *)1;
  assert_int_equal(gr_timeline_new(cat, NULL, NULL, NULL, 0, &tl, &err), GR_E_ARG);
  assert_null(tl);
  gr_timeline_free(NULL);
  assert_string_equal(gr_outcome_name(GR_OUT__COUNT), "?");
  assert_string_equal(gr_outcome_name(GR_OUT_NEEDS_CONSULTATION), "needs consultation");
  gr_error_clear(&err);
}

/* The boundaries of rules 3 and 6, where a comparison's strictness decides:
 * an obligation is in force on the day it starts and on the last day of its
 * term (a term of exactly 10 days: 10/365.2425 years, which times 365.2425
 * is exactly 10 in binary64), and a trigger with min_scale answers an event
 * of exactly that scale. */
static void test_boundaries(void **state) {
  (void)state;
  static const char *const yaml =
      "arrangement:\n"
      "  id: edges\n  title: t\n  protects: UKR\n  date: 2025-01-01\n  status: proposed\n"
      "  legal_form: treaty_signed\n  sources: [{assumption: t}]\n"
      "  obligations:\n"
      "    - {guarantor: CAN, kind: sanctions, triggers: [armed_attack], activation: automatic,\n"
      "       start: 2025-01-01, duration_years: 0.027379070069885075, sources: [{assumption: t}]}\n"
      "    - {guarantor: NLD, kind: sanctions, triggers: [{event: armed_attack, min_scale: major}],\n"
      "       activation: automatic, sources: [{assumption: t}]}\n"
      "    - {guarantor: POL, kind: sanctions, triggers: [{event: armed_attack, min_scale: massive}],\n"
      "       activation: automatic, sources: [{assumption: t}]}\n";
  gr_error err = GR_ERROR_INIT;
  gr_catalog *c = gr_catalog_new();
  assert_int_equal(gr_catalog_load_builtin(c, &err), GR_OK);
  assert_int_equal(gr_catalog_load_buffer(c, "edges.yaml", yaml, strlen(yaml), &err), GR_OK);
  assert_int_equal(gr_catalog_validate(c, &err), GR_OK);
  const gr_arrangement *a = gr_catalog_arrangement(c, "edges");
  const gr_event *e = gr_catalog_event(c, "offensive-zaporizhzhia"); /* major */
  assert_int_equal(e->scale, GR_SCALE_MAJOR);
  static const struct {
    gr_date as_of;
    gr_outcome can;
  } days[] = {
      {20241231, GR_OUT_NOT_YET_IN_FORCE}, /* The day before it starts. */
      {20250101, GR_OUT_ACTIVATES},        /* The day it starts. */
      {20250111, GR_OUT_ACTIVATES},        /* 10 days on: the last day of its term. */
      {20250112, GR_OUT_LAPSED},           /* 11 days on. */
  };
  for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
    gr_timeline *tl = NULL;
    assert_int_equal(gr_timeline_new(c, a, e, NULL, days[i].as_of, &tl, &err), GR_OK);
    for (size_t k = 0; k < tl->n; k++) {
      const gr_timeline_entry *x = &tl->items[k];
      if (x->index == 0) {
        if (x->outcome != days[i].can) fprintf(stderr, "%d: %s (%s)\n", days[i].as_of, gr_outcome_name(x->outcome), x->reason);
        assert_int_equal(x->outcome, days[i].can);
      }
      if (x->index == 1) assert_int_equal(x->outcome, GR_OUT_ACTIVATES); /* major >= major */
      if (x->index == 2) assert_int_equal(x->outcome, GR_OUT_NOT_TRIGGERED); /* major < massive */
    }
    gr_timeline_free(tl);
  }
  gr_catalog_free(c);
  gr_error_clear(&err);
}

/* Fact rules are data and run to a fixed point: a European force that
 * waits for the US backstop counts once the backstop is on offer; a rule a
 * user adds for another power derives the fact; and a catalog without
 * rules names no state (tests/cases/fact-rules.yaml). */
static void test_fact_rules(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  gr_catalog *c = gr_catalog_new();
  assert_int_equal(gr_catalog_load_builtin(c, &err), GR_OK);
  assert_int_equal(gr_catalog_load_file(c, GR_SOURCE_DIR "/tests/cases/fact-rules.yaml", &err), GR_OK);
  assert_int_equal(gr_catalog_validate(c, &err), GR_OK);
  gr_facts *f = NULL;
  assert_int_equal(gr_facts_new(c, gr_catalog_arrangement(c, "fr-force-after-backstop"), &f, &err), GR_OK);
  assert_true(gr_facts_value(f, GR_FACT_US_BACKSTOP));
  assert_true(gr_facts_value(f, GR_FACT_EUROPEAN_GROUND_FORCE_PRESENT));
  assert_non_null(strstr(gr_facts_why(f, GR_FACT_EUROPEAN_GROUND_FORCE_PRESENT), "(FRA, 5000 troops, firm)"));
  gr_facts_free(f);
  assert_int_equal(gr_facts_new(c, gr_catalog_arrangement(c, "fr-british-backstop"), &f, &err), GR_OK);
  assert_true(gr_facts_value(f, GR_FACT_US_BACKSTOP));
  assert_non_null(strstr(gr_facts_why(f, GR_FACT_US_BACKSTOP), "United Kingdom offers air_cover"));
  gr_facts_free(f);
  gr_catalog_free(c);
  /* No rules: the facts are false, and the reason names no state. */
  static const char own[] =
      "actors:\n"
      "  - {id: AAA, name: A, type: state, sources: [{assumption: test}]}\n"
      "  - {id: BBB, name: B, type: state, sources: [{assumption: test}]}\n"
      "arrangement:\n"
      "  id: own\n"
      "  title: T\n"
      "  protects: AAA\n"
      "  date: 1914-01-01\n"
      "  status: in_force\n"
      "  legal_form: treaty_ratified\n"
      "  sources: [{assumption: test}]\n"
      "  obligations: [{guarantor: BBB, kind: air_cover, activation: automatic, location: {basing: air_only},\n"
      "                 sources: [{assumption: test}]}]\n";
  c = gr_catalog_new();
  assert_int_equal(gr_catalog_load_buffer(c, "own.yaml", own, strlen(own), &err), GR_OK);
  assert_int_equal(gr_catalog_validate(c, &err), GR_OK);
  assert_int_equal(gr_facts_new(c, gr_catalog_arrangement(c, "own"), &f, &err), GR_OK);
  for (int k = 0; k < GR_FACT__COUNT; k++) {
    const char *why = gr_facts_why(f, (gr_fact)k);
    assert_null(strstr(why, "Russia"));
    assert_null(strstr(why, "USA"));
    assert_null(strstr(why, "European"));
  }
  assert_false(gr_facts_value(f, GR_FACT_US_BACKSTOP));
  assert_true(gr_facts_value(f, GR_FACT_RATIFIED));
  gr_facts_free(f);
  gr_catalog_free(c);
  gr_error_clear(&err);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fact_rules),
      cmocka_unit_test(test_every_outcome),
      cmocka_unit_test(test_facts_change_outcomes),
      cmocka_unit_test(test_as_of_moves_the_term),
      cmocka_unit_test(test_scenarios),
      cmocka_unit_test(test_event_on_another_state),
      cmocka_unit_test(test_facts_defaults_and_parse),
      cmocka_unit_test(test_region_control_at),
      cmocka_unit_test(test_russia_p5_blocked_by_consensus),
      cmocka_unit_test(test_istanbul_scope),
      cmocka_unit_test(test_coalition_italy_needs_un_mandate),
      cmocka_unit_test(test_budapest_only_consultation),
      cmocka_unit_test(test_coalition_tripwire),
      cmocka_unit_test(test_tripwire_kinds_and_derived_facts),
      cmocka_unit_test(test_bad_arguments),
      cmocka_unit_test(test_boundaries),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
