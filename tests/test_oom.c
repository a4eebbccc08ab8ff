/*
 * Out of memory: the library's own allocations (malloc, calloc, realloc,
 * wrapped at link time with --wrap) fail one after the other, at every
 * point of loading, validating, serialising, simulating and the
 * sensitivity analysis; every call
 * must then return GR_E_NOMEM (or succeed), never crash, and leak nothing
 * (the sanitizer build checks leaks). libfyaml's allocations are not
 * wrapped: it is a shared library.
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
#include "guarantor/sim.h"
#include "guarantor/discovery.h"
#include "guarantor/backtest.h"
#include "guarantor/assess.h"
#include "guarantor/trigger.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);

static long countdown = -1; /* Fail the allocation when it reaches 0. */
static int failed;

static int should_fail(void) {
  if (countdown < 0) return 0;
  if (countdown-- == 0) {
    failed = 1;
    return 1;
  }
  return 0;
}
void *__wrap_malloc(size_t n) { return should_fail() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { return should_fail() ? NULL : __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { return should_fail() ? NULL : __real_realloc(p, n); }

/* A file with one error (FRANCE is not an actor id), and a correct one. */
static const char *const USER_BAD =
    "arrangement:\n"
    "  id: oom-bad\n  title: T\n  protects: UKR\n  date: 2025-01-01\n  status: proposed\n"
    "  legal_form: treaty_signed\n  sources: [{assumption: t}]\n"
    "  obligations:\n"
    "    - {guarantor: FRANCE, kind: sanctions, activation: automatic, sources: [{assumption: t}]}\n";

static const char *const USER =
    "arrangement:\n"
    "  id: oom-test\n  title: T\n  protects: UKR\n  date: 2025-01-01\n  status: proposed\n"
    "  legal_form: treaty_signed\n  sources: [{assumption: t}]\n"
    "  obligations:\n"
    "    - {guarantor: FRA, kind: reassurance_force, troops: 100, triggers: [armed_attack],\n"
    "       activation: automatic, location: {regions: [UA-23]}, sources: [{assumption: t}]}\n"
    "    - {guarantor: USA, kind: air_cover, activation: discretionary, sources: [{assumption: t}]}\n";

/* A catalog with an error: loading, validating and serialising it. */
static gr_status bad_session(void) {
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  if (cat == NULL) return GR_E_NOMEM;
  gr_status st = gr_catalog_load_buffer(cat, "u.yaml", USER_BAD, strlen(USER_BAD), &err);
  if (st == GR_OK || st == GR_E_INVALID) st = gr_catalog_validate(cat, &err);
  if (st == GR_E_INVALID) st = GR_OK; /* The error the file has. */
  if (st == GR_OK) {
    char *json = gr_catalog_to_json(cat, 0);
    if (json == NULL) st = GR_E_NOMEM;
    gr_free(json);
  }
  gr_error_clear(&err);
  gr_catalog_free(cat);
  return st;
}

/* One whole session on a valid catalog; returns the first status that was
 * not GR_OK. */
/* A failing call must say why in its error: the status and a message (the
 * code's own when the message itself could not be had). */
static gr_status said(gr_status st, const gr_error *err) {
  if (st == GR_OK || (err->code == st && err->message != NULL && err->message[0] != '\0')) return st;
  fprintf(stderr, "status %s, but the error says %s: '%s'\n", gr_status_name(st), gr_status_name(err->code),
          err->message ? err->message : "(null)");
  return GR_E_INTERNAL;
}

#define CALL(expr)                    \
  do {                                \
    if (st == GR_OK) {                \
      st = (expr);                    \
      st = said(st, &err);            \
    }                                 \
  } while (0)

/* As the program loads: every file whatever its status, then validation
 * decides. A catalog that lost records to a failed allocation must not
 * validate (it did: check of a file under a memory limit exited 0). */
static size_t full_count = 0; /* Records of every kind when nothing fails. */

static gr_status validation_session(void) {
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  if (cat == NULL) return GR_E_NOMEM;
  gr_catalog_load_builtin(cat, &err);
  gr_catalog_load_buffer(cat, "u.yaml", USER, strlen(USER), &err);
  gr_status st = gr_catalog_validate(cat, &err);
  if (st == GR_OK) {
    size_t n = 0;
    for (int k = 0; k < GR_REC__COUNT; k++) n += gr_catalog_count(cat, (gr_record_kind)k);
    if (full_count == 0) full_count = n;
    if (n != full_count) {
      fprintf(stderr, "validated with %zu records of %zu\n", n, full_count);
      st = GR_E_INTERNAL;
    }
  }
  gr_catalog_free(cat);
  gr_error_clear(&err);
  return st;
}

static gr_status session(void) {
  gr_error err = GR_ERROR_INIT;
  gr_status st = validation_session();
  if (st == GR_OK) st = bad_session();
  if (st != GR_OK) return st;
  gr_catalog *cat = gr_catalog_new();
  if (cat == NULL) return GR_E_NOMEM;
  CALL(gr_catalog_load_builtin(cat, &err));
  CALL(gr_catalog_load_buffer(cat, "u.yaml", USER, strlen(USER), &err));
  CALL(gr_catalog_validate(cat, &err));
  gr_params *ps = NULL;
  CALL(gr_params_new(cat, &ps, &err));
  const gr_arrangement *a = gr_catalog_arrangement(cat, "oom-test");
  const gr_event *ev = gr_catalog_event(cat, "offensive-zaporizhzhia");
  gr_facts *f = NULL;
  CALL(gr_facts_new(cat, a, &f, &err));
  CALL(gr_facts_parse(f, "un_mandate=true", &err));
  gr_timeline *tl = NULL;
  CALL(gr_timeline_new(cat, a, ev, f, 0, &tl, &err));
  gr_assessment *as = NULL;
  CALL(gr_assessment_new(cat, a, f, 0, NULL, 0, &as, &err));
  if (st == GR_OK) {
    char *j1 = gr_timeline_to_json(tl, 0), *j2 = gr_assessment_to_json(as, GR_JSON_HTML_SAFE);
    if (j1 == NULL || j2 == NULL) st = GR_E_NOMEM;
    gr_free(j1);
    gr_free(j2);
  }
  gr_sim_options o;
  gr_sim_options_init(&o, sizeof o);
  o.draws = 1000;
  o.threads = 1;
  gr_sim_result *r = NULL;
  const gr_facts *fs[1] = {f};
  CALL(gr_simulate(cat, ps, &a, 1, ev, fs, 0, &o, &r, &err));
  if (st == GR_OK) {
    char *j = gr_sim_result_to_json(r, 0);
    if (j == NULL) st = GR_E_NOMEM;
    gr_free(j);
  }
  gr_sensitivity *sens = NULL;
  CALL(gr_sensitivity_new(cat, ps, a, ev, f, 0, 32, &o, &sens, &err));
  /* The difference from another arrangement, and where the ordering
   * flips (issue 13). */
  const gr_arrangement *b = gr_catalog_arrangement(cat, "coalition-2025");
  gr_sensitivity *dsens = NULL;
  CALL(gr_sensitivity_difference_new(cat, ps, a, b, NULL, ev, f, NULL, 0, 32, &o, &dsens, &err));
  gr_sensitivity_free(dsens);
  gr_discovery_options dopt;
  gr_discovery_options_init(&dopt, sizeof dopt);
  dopt.draws = 200;
  gr_discovery *disc = NULL;
  CALL(gr_discovery_new(cat, ps, a, b, NULL, ev, f, NULL, 0, &o, &dopt, &disc, &err));
  if (st == GR_OK) {
    gr_json *w = gr_json_new(0);
    if (w == NULL) st = GR_E_NOMEM;
    else {
      gr_json_discovery(w, disc);
      char *j = gr_json_finish(w);
      if (j == NULL) st = GR_E_NOMEM;
      gr_free(j);
    }
  }
  gr_discovery_free(disc);
  /* The backtest, on the fixture's cases. */
  gr_catalog *hc = st == GR_OK ? gr_catalog_new() : NULL;
  if (st == GR_OK && hc == NULL) st = GR_E_NOMEM;
  if (hc != NULL) {
    CALL(gr_catalog_load_builtin(hc, &err));
    CALL(gr_catalog_load_file(hc, GR_SOURCE_DIR "/tests/backtest/fixture.yaml", &err));
    CALL(gr_catalog_validate(hc, &err));
    gr_params *hps = NULL;
    CALL(gr_params_new(hc, &hps, &err));
    gr_backtest_options bo;
    gr_backtest_options_init(&bo, sizeof bo);
    bo.draws = 500;
    bo.bootstrap = 10;
    bo.threads = 1;
    gr_backtest *bt = NULL;
    CALL(gr_backtest_new(hc, hps, &bo, &bt, &err));
    if (st == GR_OK) {
      gr_json *w = gr_json_new(0);
      if (w == NULL) st = GR_E_NOMEM;
      else {
        gr_json_backtest(w, bt);
        char *j = gr_json_finish(w);
        if (j == NULL) st = GR_E_NOMEM;
        gr_free(j);
      }
    }
    gr_backtest_free(bt);
    gr_params_free(hps);
    gr_catalog_free(hc);
  }
  gr_sensitivity_free(sens);
  gr_sim_result_free(r);
  gr_assessment_free(as);
  gr_timeline_free(tl);
  gr_facts_free(f);
  gr_params_free(ps);
  gr_catalog_free(cat);
  gr_error_clear(&err);
  return st;
}

static void test_every_allocation_can_fail(void **state) {
  (void)state;
  countdown = -1;
  assert_int_equal(session(), GR_OK);
  long n;
  int nomem = 0;
  for (n = 0; n < 200000; n++) {
    countdown = n;
    failed = 0;
    gr_status st = session();
    countdown = -1;
    if (!failed) break; /* Every allocation has been made to fail once. */
    /* The library may absorb a failure it can do without; otherwise it
     * must say it ran out of memory. */
    if (st != GR_OK) {
      if (st != GR_E_NOMEM) fprintf(stderr, "allocation %ld: status %d\n", n, st);
      assert_int_equal(st, GR_E_NOMEM);
      nomem++;
    }
  }
  fprintf(stderr, "%ld allocations made to fail, %d reported as out of memory\n", n, nomem);
  assert_true(n > 100);
  assert_true(nomem > 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_every_allocation_can_fail)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
