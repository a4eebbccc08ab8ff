/*
 * libFuzzer harness for parameter files (--params) through the samplers:
 * the input is loaded alone; when it validates, each parameter it defines
 * must lie in its domain in every way the model uses it: draws, quantiles
 * (Sobol inputs), mean and variance finite and inside the distribution's
 * support, quantiles non-decreasing; the parameter vector of a few draws
 * with these parameters in place of the built-in ones finite and inside
 * the domains; and a 64-draw simulation of coalition-2025 against a
 * strike on Kyiv giving probabilities in [0, 1]. No GSL error may abort.
 * make fuzz runs it; its seeds are tests/fuzz/fuzz_params.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_util.h"
#include "guarantor/guarantor.h"
#include "mc/dist.h"
#include "mc/mc.h"
#include "model/params.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static gr_catalog *builtin;
static gr_params *params;
static const gr_arrangement *arr;
static const gr_event *ev;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  gr_error err = GR_ERROR_INIT;
  builtin = gr_catalog_new();
  if (builtin == NULL || gr_catalog_load_builtin(builtin, &err) != GR_OK ||
      gr_catalog_validate(builtin, &err) != GR_OK || gr_params_new(builtin, &params, &err) != GR_OK)
    abort();
  arr = gr_catalog_arrangement(builtin, "coalition-2025");
  ev = gr_catalog_event(builtin, "strike-kyiv");
  if (arr == NULL || ev == NULL) abort();
  gr_error_clear(&err);
  return 0;
}

/* v within [lo, hi], up to rounding. */
static void within(double v, double lo, double hi) {
  double slack = 1e-9 * (fabs(lo) + fabs(hi) + 1);
  if (!isfinite(v) || v < lo - slack || v > hi + slack) abort();
}

static void check_parameter(const gr_parameter *p, uint64_t seed) {
  int j = gr__param_index(p->id);
  if (j < 0) abort(); /* Validation refuses ids the model does not read. */
  const gr__domain_row *d = &gr__domains[gr__param_specs[j].domain];
  double lo, hi;
  bool lo_open;
  gr__param_support(p, &lo, &hi, &lo_open);
  within(lo, d->lo, d->hi);
  within(hi, d->lo, d->hi);
  gr__stream s;
  gr__stream_init(&s, seed, 0, 7);
  for (int i = 0; i < 32; i++) within(gr__param_draw(p, &s), lo, hi);
  static const double us[] = {1e-15, 1e-6, 0.01, 0.25, 0.5, 0.75, 0.99, 1 - 1e-6, 1 - 1e-15};
  double prev = -INFINITY;
  for (size_t i = 0; i < sizeof us / sizeof us[0]; i++) {
    double q = gr__param_quantile(p, us[i]);
    within(q, lo, hi);
    if (q < prev) abort();
    prev = q;
  }
  within(gr__param_mean(p), lo, hi);
  double var = gr__param_variance(p);
  if (!isfinite(var) || var < 0) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  if (cat == NULL) return 0;
  gr_catalog_load_buffer(cat, size > 0 && data[0] == '{' ? "fuzz.json" : "fuzz.yaml", data, size, &err);
  size_t n = gr_catalog_count(cat, GR_REC_PARAMETER);
  if (gr_catalog_validate(cat, &err) == GR_OK && n > 0) {
    gr_params ps = *params;
    for (size_t i = 0; i < n; i++) {
      const gr_parameter *p = gr_catalog_at(cat, GR_REC_PARAMETER, i);
      check_parameter(p, size);
      ps.p[gr__param_index(p->id)] = p;
    }
    double th[GR__P_COUNT];
    for (uint64_t draw = 0; draw < 4; draw++) {
      gr__sample_theta(&ps, size, draw, th);
      for (int j = 0; j < GR__P_COUNT; j++) {
        const gr__domain_row *d = &gr__domains[gr__param_specs[j].domain];
        within(th[j], d->lo, d->hi);
      }
    }
    simulate_checked(builtin, &ps, arr, ev, size);
  }
  gr_catalog_free(cat);
  gr_error_clear(&err);
  return 0;
}
