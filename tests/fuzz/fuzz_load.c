/*
 * libFuzzer harness for the loader: any bytes as a file, then validation,
 * diagnostics and the JSON serialisation of whatever loaded. Loading the
 * built-in catalog first costs a hundred times the rest, so it is loaded
 * only for inputs starting with '#' (a YAML comment): the fuzzer reaches
 * both paths. make fuzz builds and runs it (its seeds: tests/fuzz/fuzz_load
 * and the malformed-input corpus tests/bad).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "guarantor/catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  if (cat == NULL) return 0;
  if (size > 0 && data[0] == '#') gr_catalog_load_builtin(cat, &err);
  gr_catalog_load_buffer(cat, size > 0 && data[0] == '{' ? "fuzz.json" : "fuzz.yaml", data, size, &err);
  gr_catalog_validate(cat, &err);
  char buf[2048];
  for (size_t i = 0; i < gr_catalog_diag_count(cat); i++) gr_diag_format(gr_catalog_diag(cat, i), buf, sizeof buf);
  for (int k = 0; k < GR_REC__COUNT; k++)
    for (size_t i = 0; i < gr_catalog_count(cat, (gr_record_kind)k); i++) {
      if (gr_catalog_at_builtin(cat, (gr_record_kind)k, i)) continue;
      char *json = gr_record_to_json((gr_record_kind)k, gr_catalog_at(cat, (gr_record_kind)k, i), 0);
      gr_free(json);
    }
  gr_catalog_free(cat);
  gr_error_clear(&err);
  return 0;
}
