/*
 * libFuzzer harness for the engines on any catalog that validates: the
 * input is a user's file, loaded on a base (tests/fuzz/engines_base.json:
 * the built-in actors, regions and events, trimmed by make_base.py, so that
 * an input costs microseconds rather than the built-in catalog's
 * milliseconds). When the catalog validates, every arrangement is
 * triggered by every event, assessed (at no date and at a date taken from
 * the input), and simulated for 64 draws against one event with the
 * built-in parameters; the results are serialised and checked: the
 * engines must neither crash, nor fail, nor give a probability outside
 * [0, 1] on a valid catalog; the cases of the input, if any, are
 * backtested. make fuzz runs it; its seeds are
 * tests/fuzz/fuzz_engines.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_util.h"
#include "guarantor/guarantor.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *base;
static size_t base_len;
static gr_catalog *pcat; /* The built-in catalog, for its parameters. */
static gr_params *params;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  FILE *f = fopen(GR_SOURCE_DIR "/tests/fuzz/engines_base.json", "rb");
  if (f == NULL) abort();
  base = malloc(1 << 20);
  if (base == NULL) abort();
  base_len = fread(base, 1, 1 << 20, f);
  fclose(f);
  gr_error err = GR_ERROR_INIT;
  pcat = gr_catalog_new();
  if (pcat == NULL || gr_catalog_load_builtin(pcat, &err) != GR_OK || gr_catalog_validate(pcat, &err) != GR_OK ||
      gr_params_new(pcat, &params, &err) != GR_OK)
    abort();
  /* The base alone must validate, or no input could reach the engines. */
  gr_catalog *cat = gr_catalog_new();
  if (cat == NULL || gr_catalog_load_buffer(cat, "base.json", base, base_len, &err) != GR_OK ||
      gr_catalog_validate(cat, &err) != GR_OK) {
    fprintf(stderr, "fuzz_engines: the base does not validate: %s (regenerate it with make_base.py)\n", err.message);
    abort();
  }
  gr_catalog_free(cat);
  gr_error_clear(&err);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  gr_error err = GR_ERROR_INIT;
  const char *name = size > 0 && data[0] == '{' ? "fuzz.json" : "fuzz.yaml";
  /* A file with an error of its own (syntax, keys, values) has it on any
   * base, and the catalog cannot validate: find that on the file alone,
   * at a fraction of the cost (the loader has its own harness). */
  gr_catalog *cat = gr_catalog_new();
  if (cat == NULL) return 0;
  gr_status alone = gr_catalog_load_buffer(cat, name, data, size, &err);
  gr_catalog_free(cat);
  cat = alone == GR_OK ? gr_catalog_new() : NULL;
  if (cat == NULL) {
    gr_error_clear(&err);
    return 0;
  }
  gr_catalog_load_buffer(cat, "base.json", base, base_len, &err);
  gr_catalog_load_buffer(cat, name, data, size, &err);
  if (gr_catalog_validate(cat, &err) == GR_OK) {
    gr_date as_of = 20220101 + (gr_date)(size % 28);
    size_t nev = gr_catalog_count(cat, GR_REC_EVENT);
    for (size_t i = 0; i < gr_catalog_count(cat, GR_REC_ARRANGEMENT); i++) {
      const gr_arrangement *a = gr_catalog_at(cat, GR_REC_ARRANGEMENT, i);
      for (size_t j = 0; j < nev; j++) {
        gr_timeline *tl = NULL;
        if (gr_timeline_new(cat, a, gr_catalog_at(cat, GR_REC_EVENT, j), NULL, 0, &tl, &err) != GR_OK) abort();
        char *json = gr_timeline_to_json(tl, 0);
        if (json == NULL) abort();
        gr_free(json);
        gr_timeline_free(tl);
      }
      for (int dated = 0; dated < 2; dated++) {
        gr_assessment *as = NULL;
        if (gr_assessment_new(cat, a, NULL, dated ? as_of : 0, NULL, 0, &as, &err) != GR_OK) abort();
        char *json = gr_assessment_to_json(as, GR_JSON_HTML_SAFE);
        if (json == NULL) abort();
        gr_free(json);
        gr_assessment_free(as);
      }
      /* Every scenario's timeline; the protected state's conduct, its
       * facts and its date must never make the engine fail. */
      size_t nsc = gr_catalog_count(cat, GR_REC_SCENARIO);
      for (size_t j = 0; j < nsc; j++) {
        gr_timeline *tl = NULL;
        if (gr_timeline_scenario_new(cat, a, gr_catalog_at(cat, GR_REC_SCENARIO, j), NULL, 0, &tl, &err) != GR_OK)
          abort();
        char *json = gr_timeline_to_json(tl, 0);
        if (json == NULL) abort();
        gr_free(json);
        gr_timeline_free(tl);
      }
      /* One event and one scenario per arrangement, chosen by the input:
       * every case is reached across inputs at a fraction of the cost. */
      simulate_checked(cat, params, a, gr_catalog_at(cat, GR_REC_EVENT, (size + i) % nev), size);
      if (nsc)
        simulate_case_checked(cat, params, a, gr_catalog_at(cat, GR_REC_SCENARIO, (size + i) % nsc), NULL, size);
    }
    /* Cases of the input: the backtest must score them or refuse them
     * with a reason, never fail otherwise, and give probabilities in
     * [0, 1] (NaN where a predictor does not apply). */
    if (gr_catalog_count(cat, GR_REC_CASE) > 0) {
      gr_backtest_options bo;
      gr_backtest_options_init(&bo, sizeof bo);
      bo.draws = 64;
      bo.bootstrap = 8;
      bo.threads = 1;
      gr_backtest *bt = NULL;
      gr_status st = gr_backtest_new(cat, params, &bo, &bt, &err);
      if (st != GR_OK && st != GR_E_INVALID) abort();
      for (size_t i = 0; bt != NULL && i < bt->ncases; i++) {
        const gr_backtest_case *bc = &bt->cases[i];
        if (bc->scored && !(bc->p >= 0 && bc->p <= 1)) abort();
        if (!bc->scored && bc->why[0] == '\0') abort();
        for (int p = 0; p < GR_PRED__COUNT; p++)
          if (!isnan(bc->loo[p]) && !(bc->loo[p] >= 0 && bc->loo[p] <= 1)) abort();
      }
      if (bt != NULL) {
        gr_json *w = gr_json_new(0);
        gr_json_backtest(w, bt);
        char *json = gr_json_finish(w);
        if (json == NULL) abort();
        gr_free(json);
      }
      gr_backtest_free(bt);
    }
  }
  gr_catalog_free(cat);
  gr_error_clear(&err);
  return 0;
}
