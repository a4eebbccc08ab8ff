/*
 * What the engine harnesses share: a short simulation whose every
 * probability is checked (static functions: each harness is one file).
 */
#ifndef GUARANTOR_FUZZ_UTIL_H
#define GUARANTOR_FUZZ_UTIL_H

#include <math.h>
#include <string.h>
#include <stdint.h>
#include <stdlib.h>

#include "guarantor/guarantor.h"

/* A proportion and its interval: inside [0, 1] and around the estimate;
 * NaN throughout when nothing was observed (no attack in any draw). */
static void check_proportion(gr_proportion p) {
  if (p.k > p.n) abort();
  if (p.n == 0 ? !(isnan(p.estimate) && isnan(p.lo) && isnan(p.hi))
               : !(p.lo >= 0 && p.lo <= p.estimate && p.estimate <= p.hi && p.hi <= 1))
    abort();
}

/* Simulate `a` against `ev` for 64 draws on one thread; it must succeed,
 * with every proportion sound and the result serialisable. */
/* Simulate `a` against scenario `sc` (NULL: event `ev`) on 64 draws and
 * check every figure; what the model cannot weigh must be refused with
 * GR_E_INVALID and a message, and nothing else may fail. */
static void simulate_case_checked(const gr_catalog *cat, const gr_params *params, const gr_arrangement *a,
                                  const gr_scenario *sc, const gr_event *ev, uint64_t seed) {
  gr_error err = GR_ERROR_INIT;
  gr_sim_options so;
  gr_sim_options_init(&so, sizeof so);
  so.draws = 64;
  so.threads = 1;
  so.seed = seed;
  gr_sim_result *r = NULL;
  gr_status st = sc ? gr_simulate_scenario(cat, params, &a, 1, sc, NULL, 0, &so, &r, &err)
                    : gr_simulate(cat, params, &a, 1, ev, NULL, 0, &so, &r, &err);
  /* A case the model cannot weigh (no attack on the protected state, a
   * guarantor whose personnel is unknown) is refused with a reason. */
  if (st == GR_E_INVALID && r == NULL && err.message != NULL && err.message[0] != '\0') {
    gr_error_clear(&err);
    return;
  }
  if (st != GR_OK) abort();
  check_proportion(r->deterred);
  check_proportion(r->holds);
  check_proportion(r->no_help);
  if (r->deterred.n != 64 || !isfinite(r->troops) || !isfinite(r->money)) abort();
  for (size_t i = 0; i < r->nobligations; i++) check_proportion(r->obligations[i].honoured);
  for (size_t i = 0; i < r->nguarantors; i++) check_proportion(r->guarantors[i].honours_any);
  char *json = gr_sim_result_to_json(r, 0);
  if (json == NULL) abort();
  gr_free(json);
  gr_sim_result_free(r);
  gr_error_clear(&err);
}

static void simulate_checked(const gr_catalog *cat, const gr_params *params, const gr_arrangement *a,
                             const gr_event *ev, uint64_t seed) {
  simulate_case_checked(cat, params, a, NULL, ev, seed);
}

#endif /* GUARANTOR_FUZZ_UTIL_H */
