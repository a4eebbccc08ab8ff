/*
 * libFuzzer harness for the engines on a user's file: any bytes loaded on
 * top of the built-in catalog; when the catalog validates, every
 * arrangement is triggered by every event and assessed (at no date and at
 * the file's size as a day of 2022), and the results are serialised. The
 * engines must neither crash nor fail on a valid catalog. make fuzz runs
 * it; its seeds are tests/fuzz/fuzz_engines (the documented examples).
 * Slow (the built-in catalog is loaded for every input): a smoke test.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "guarantor/guarantor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  if (cat == NULL) return 0;
  gr_catalog_load_builtin(cat, &err);
  gr_catalog_load_buffer(cat, size > 0 && data[0] == '{' ? "fuzz.json" : "fuzz.yaml", data, size, &err);
  if (gr_catalog_validate(cat, &err) == GR_OK) {
    gr_date as_of = 20220101 + (gr_date)(size % 28);
    for (size_t i = 0; i < gr_catalog_count(cat, GR_REC_ARRANGEMENT); i++) {
      const gr_arrangement *a = gr_catalog_at(cat, GR_REC_ARRANGEMENT, i);
      for (size_t j = 0; j < gr_catalog_count(cat, GR_REC_EVENT); j++) {
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
    }
  }
  gr_catalog_free(cat);
  gr_error_clear(&err);
  return 0;
}
