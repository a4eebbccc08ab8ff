/*
 * Out of memory: the library's own allocations (malloc, calloc, realloc,
 * wrapped at link time with --wrap) fail one after the other, at every
 * point of loading, validating, serialising and simulating; every call
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

static const char *const USER =
    "arrangement:\n"
    "  id: oom-test\n  title: T\n  protects: UKR\n  date: 2025-01-01\n  status: proposed\n"
    "  legal_form: treaty_signed\n  sources: [{assumption: t}]\n"
    "  obligations:\n"
    "    - {guarantor: FRA, kind: reassurance_force, troops: 100, triggers: [armed_attack],\n"
    "       activation: automatic, location: {regions: [UA-23]}, sources: [{assumption: t}]}\n"
    "    - {guarantor: USA, kind: air_cover, activation: discretionary, sources: [{assumption: t}]}\n"
    "    - {guarantor: FRANCE, kind: sanctions, activation: automatic, sources: [{assumption: t}]}\n";

/* One whole session; returns the first status that was not GR_OK. */
static gr_status session(void) {
  gr_error err;
  gr_status st = GR_OK;
  gr_catalog *cat = gr_catalog_new();
  if (cat == NULL) return GR_E_NOMEM;
  st = gr_catalog_load_builtin(cat, &err);
  if (st == GR_OK) {
    gr_catalog_load_buffer(cat, "u.yaml", USER, strlen(USER), &err); /* Has one error: FRANCE. */
    st = gr_catalog_validate(cat, &err);
    if (st == GR_E_INVALID) st = GR_OK;
  }
  if (st == GR_OK) {
    char *json = gr_catalog_to_json(cat, 0);
    if (json == NULL) st = GR_E_NOMEM;
    gr_free(json);
  }
  gr_params *ps = NULL;
  if (st == GR_OK) st = gr_params_new(cat, &ps, &err);
  if (st == GR_OK) {
    const gr_arrangement *a = gr_catalog_arrangement(cat, "coalition-2025");
    const gr_event *ev = gr_catalog_event(cat, "offensive-zaporizhzhia");
    gr_timeline *tl = NULL;
    st = gr_timeline_new(cat, a, ev, NULL, 0, &tl, &err);
    gr_timeline_free(tl);
    gr_sim_options o = {.draws = 1000, .seed = 1, .threads = 1};
    gr_sim_result *r = NULL;
    if (st == GR_OK) st = gr_simulate(cat, ps, &a, 1, ev, NULL, 0, &o, &r, &err);
    gr_sim_result_free(r);
  }
  gr_params_free(ps);
  gr_catalog_free(cat);
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
