/*
 * The API's contract: statuses with names and messages from one table, the
 * error struct's storage, engines refusing catalogs that are not valid
 * (instead of crashing), loading after validation refused, records and
 * facts of the wrong owner refused, options that were not initialised
 * refused, the explicit verdict for "no position".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "guarantor/guarantor.h"

static void test_status_table(void **state) {
  (void)state;
  assert_string_equal(gr_status_name(GR_OK), "GR_OK");
  assert_string_equal(gr_status_name(GR_E_MISUSE), "GR_E_MISUSE");
  assert_string_equal(gr_strerror(GR_E_MISUSE), "library misuse");
  assert_string_equal(gr_strerror(GR_E_NOMEM), "out of memory");
  assert_string_equal(gr_status_name((gr_status)99), "?");
  assert_string_equal(gr_strerror((gr_status)-1), "unknown status");
  /* Every value from 0 to the last has a name and a message, and the
   * names are the enumerators' own. */
#define CHECK_(name, value, message)                      \
  assert_int_equal(name, value);                          \
  assert_string_equal(gr_status_name(name), #name);       \
  assert_string_equal(gr_strerror(name), message);
  GR_STATUS_LIST(CHECK_)
#undef CHECK_
}

static void test_error_storage(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  const char *bad = "actors:\n  - {id: X, name: x, type: stat, sources: [{assumption: t}]}\n";
  assert_int_equal(gr_catalog_load_buffer(cat, "e.yaml", bad, strlen(bad), &err), GR_E_INVALID);
  assert_int_equal(err.code, GR_E_INVALID);
  assert_string_equal(err.file, "e.yaml");
  assert_int_equal(err.line, 2);
  assert_non_null(strstr(err.message, "did you mean 'state'"));
  /* The strings are the error's own: they outlive the catalog. */
  gr_catalog_free(cat);
  assert_string_equal(err.file, "e.yaml");
  /* A later success resets it; clearing twice is harmless. */
  cat = gr_catalog_new();
  assert_int_equal(gr_catalog_validate(cat, &err), GR_OK);
  assert_int_equal(err.code, GR_OK);
  assert_null(err.file);
  assert_string_equal(err.message, "");
  gr_error_clear(&err);
  gr_error_clear(&err);
  gr_error_clear(NULL);
  /* A zeroed struct works as well as GR_ERROR_INIT. */
  gr_error zero;
  memset(&zero, 0, sizeof zero);
  assert_int_equal(gr_catalog_load_buffer(cat, "x.yaml", "", 0, &zero), GR_E_MISUSE);
  assert_non_null(strstr(zero.message, "validated already"));
  gr_error_clear(&zero);
  gr_catalog_free(cat);
}

/* An event without a target, loaded into a catalog that was never
 * validated: the engines say so instead of dereferencing NULL. */
static void test_engines_refuse_unvalidated_catalogs(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  assert_int_equal(gr_catalog_load_builtin(cat, &err), GR_OK);
  const char *ev = "events:\n  - {id: no-target, title: t, kind: armed_attack, aggressor: RUS, scale: major,\n"
                   "     locations: [{region: UA-23, side: government}], sources: [{assumption: t}]}\n";
  assert_int_equal(gr_catalog_load_buffer(cat, "ev.yaml", ev, strlen(ev), &err), GR_E_INVALID);
  const gr_arrangement *a = gr_catalog_arrangement(cat, "coalition-2025");
  const gr_event *e = gr_catalog_event(cat, "no-target");
  assert_non_null(e);
  assert_null(e->target);
  gr_timeline *tl = NULL;
  assert_int_equal(gr_timeline_new(cat, a, e, NULL, 0, &tl, &err), GR_E_MISUSE);
  assert_null(tl);
  assert_non_null(strstr(err.message, "gr_timeline_new: the catalog has not been validated"));
  gr_assessment *as = NULL;
  assert_int_equal(gr_assessment_new(cat, a, NULL, 0, NULL, 0, &as, &err), GR_E_MISUSE);
  gr_facts *f = NULL;
  assert_int_equal(gr_facts_new(cat, a, &f, &err), GR_E_MISUSE);
  gr_params *ps = NULL;
  assert_int_equal(gr_params_new(cat, &ps, &err), GR_E_MISUSE);
  assert_false(gr_catalog_is_valid(cat));
  /* Validated, it has an error: still refused. */
  assert_int_equal(gr_catalog_validate(cat, &err), GR_E_INVALID);
  assert_int_equal(gr_timeline_new(cat, a, e, NULL, 0, &tl, &err), GR_E_MISUSE);
  assert_non_null(strstr(err.message, "the catalog has errors"));
  assert_false(gr_catalog_is_valid(cat));
  gr_catalog_free(cat);
  gr_error_clear(&err);
}

/* Loading after validation is refused: a dangling reference loaded then
 * would otherwise pass a second validation. */
static void test_no_loading_after_validation(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  assert_int_equal(gr_catalog_load_builtin(cat, &err), GR_OK);
  assert_int_equal(gr_catalog_validate(cat, &err), GR_OK);
  assert_true(gr_catalog_is_valid(cat));
  const char *dangling = "positions:\n  - {id: p, actor: NOBODY, topic: t, date: 2025-01-01, rule: forbid,\n"
                         "     confidence: low, summary: s, match: {kinds: [sanctions]}, source: {assumption: t}}\n";
  assert_int_equal(gr_catalog_load_buffer(cat, "late.yaml", dangling, strlen(dangling), &err), GR_E_MISUSE);
  assert_non_null(strstr(err.message, "load every file before gr_catalog_validate()"));
  assert_int_equal(gr_catalog_load_file(cat, "late.yaml", &err), GR_E_MISUSE);
  assert_int_equal(gr_catalog_load_builtin(cat, &err), GR_E_MISUSE);
  assert_null(gr_catalog_position(cat, "p"));
  assert_int_equal(gr_catalog_validate(cat, &err), GR_OK);
  gr_catalog_free(cat);
  gr_error_clear(&err);
}

static gr_catalog *valid_catalog(void) {
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  assert_int_equal(gr_catalog_load_builtin(cat, &err), GR_OK);
  assert_int_equal(gr_catalog_validate(cat, &err), GR_OK);
  return cat;
}

static void test_owners_are_checked(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  gr_catalog *one = valid_catalog(), *two = valid_catalog();
  const gr_arrangement *a1 = gr_catalog_arrangement(one, "coalition-2025");
  const gr_arrangement *b1 = gr_catalog_arrangement(one, "budapest-1994");
  const gr_event *e1 = gr_catalog_event(one, "offensive-zaporizhzhia");
  gr_timeline *tl = NULL;
  /* A record of another catalog. */
  assert_int_equal(gr_timeline_new(two, a1, gr_catalog_event(two, "offensive-zaporizhzhia"), NULL, 0, &tl, &err),
                   GR_E_MISUSE);
  assert_non_null(strstr(err.message, "the arrangement 'coalition-2025' is not one of this catalog's"));
  assert_int_equal(gr_timeline_new(one, a1, NULL, NULL, 0, &tl, &err), GR_E_ARG);
  /* Facts made for another arrangement. */
  gr_facts *f = NULL;
  assert_int_equal(gr_facts_new(one, b1, &f, &err), GR_OK);
  assert_int_equal(gr_timeline_new(one, a1, e1, f, 0, &tl, &err), GR_E_MISUSE);
  assert_non_null(strstr(err.message, "the facts were made for the arrangement 'budapest-1994', not for "
                                      "'coalition-2025'"));
  gr_assessment *as = NULL;
  assert_int_equal(gr_assessment_new(one, a1, f, 0, NULL, 0, &as, &err), GR_E_MISUSE);
  /* The right ones work, and the timeline keeps its own copy. */
  assert_int_equal(gr_timeline_new(one, b1, e1, f, 0, &tl, &err), GR_OK);
  assert_int_equal(err.code, GR_OK);
  gr_facts_free(f);
  assert_true(tl->facts != NULL);
  assert_false(gr_facts_value(tl->facts, GR_FACT_UN_MANDATE));
  gr_timeline_free(tl);
  gr_catalog_free(one);
  gr_catalog_free(two);
  gr_error_clear(&err);
}

static void test_options_must_be_initialised(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = valid_catalog();
  gr_params *ps = NULL;
  assert_int_equal(gr_params_new(cat, &ps, &err), GR_OK);
  const gr_arrangement *a = gr_catalog_arrangement(cat, "budapest-1994");
  const gr_event *e = gr_catalog_event(cat, "offensive-zaporizhzhia");
  gr_sim_result *r = NULL;
  gr_sim_options o;
  memset(&o, 0, sizeof o);
  o.draws = 1000;
  assert_int_equal(gr_simulate(cat, ps, &a, 1, e, NULL, 0, &o, &r, &err), GR_E_MISUSE);
  assert_non_null(strstr(err.message, "gr_sim_options_init"));
  assert_null(r);
  /* A caller built against older headers, whose struct ends after the
   * seed: the fields it lacks take their defaults. */
  gr_sim_options_init(&o, sizeof o);
  assert_int_equal(o.size, sizeof o);
  assert_int_equal(o.draws, 100000);
  assert_int_equal(o.seed, 1);
  assert_null(o.cancel);
  o.draws = 2000;
  o.threads = 1;
  o.size = offsetof(gr_sim_options, seed) + sizeof o.seed;
  o.threads = 7; /* Beyond the size the caller declared: not read. */
  assert_int_equal(gr_simulate(cat, ps, &a, 1, e, NULL, 0, &o, &r, &err), GR_OK);
  assert_int_equal(r->draws, 2000);
  gr_sim_result_free(r);
  gr_params_free(ps);
  gr_catalog_free(cat);
  gr_error_clear(&err);
}

static void test_no_position_verdict(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = valid_catalog();
  const char *only[] = {"CAN", "RUS"};
  gr_assessment *as = NULL;
  assert_int_equal(gr_assessment_new(cat, gr_catalog_arrangement(cat, "nato-membership"), NULL, 0, only, 2, &as, &err),
                   GR_OK);
  assert_int_equal(as->nactors, 2);
  for (size_t i = 0; i < as->nactors; i++) {
    const gr_actor_assessment *aa = &as->actors[i];
    if (strcmp(aa->actor->id, "CAN") == 0) {
      assert_int_equal(aa->verdict, GR_VERDICT_NO_POSITION);
      assert_int_equal(aa->nrules, 0);
    } else {
      assert_int_equal(aa->verdict, GR_VERDICT_VETOES);
      assert_true(aa->nrules > 0);
      assert_non_null(aa->rules[0].reason);
    }
  }
  assert_string_equal(gr_verdict_name(GR_VERDICT_NO_POSITION), "no_position");
  char *json = gr_assessment_to_json(as, 0);
  assert_non_null(strstr(json, "\"verdict\": \"no_position\""));
  gr_free(json);
  gr_assessment_free(as);
  gr_catalog_free(cat);
  gr_error_clear(&err);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_status_table),
      cmocka_unit_test(test_error_storage),
      cmocka_unit_test(test_engines_refuse_unvalidated_catalogs),
      cmocka_unit_test(test_no_loading_after_validation),
      cmocka_unit_test(test_owners_are_checked),
      cmocka_unit_test(test_options_must_be_initialised),
      cmocka_unit_test(test_no_position_verdict),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
