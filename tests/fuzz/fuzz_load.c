/*
 * libFuzzer harness for the loader: any bytes as a file, then validation,
 * diagnostics and the JSON serialisation of whatever loaded. The file is
 * loaded alone (the built-in catalog would cost a hundred times the rest);
 * a file on top of other records, with its overrides and references, is
 * fuzz_engines' input. Every record of a file that loads without an
 * error must survive the round trip through JSON: its serialisation loads
 * without an error and serialises to the same text. make fuzz builds and runs it (its seeds:
 * tests/fuzz/fuzz_load and the malformed-input corpus tests/bad).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guarantor/catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Load the JSON of one record alone, serialise it again: the same text. */
static void round_trip(gr_record_kind kind, const char *json) {
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  if (cat == NULL) return;
  gr_status st = gr_catalog_load_buffer(cat, "round-trip.json", json, strlen(json), &err);
  if (st == GR_E_NOMEM) goto out;
  if (st != GR_OK || gr_catalog_count(cat, kind) != 1) {
    fprintf(stderr, "round trip: %s\n%s\n", err.message, json);
    abort();
  }
  char *again = gr_record_to_json(kind, gr_catalog_at(cat, kind, 0), 0);
  if (again != NULL && strcmp(again, json) != 0) {
    fprintf(stderr, "round trip changed the record:\n%s\n---\n%s\n", json, again);
    abort();
  }
  gr_free(again);
out:
  gr_catalog_free(cat);
  gr_error_clear(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  if (cat == NULL) return 0;
  gr_status loaded = gr_catalog_load_buffer(cat, size > 0 && data[0] == '{' ? "fuzz.json" : "fuzz.yaml", data, size, &err);
  gr_catalog_validate(cat, &err);
  char buf[2048];
  for (size_t i = 0; i < gr_catalog_diag_count(cat); i++) gr_diag_format(gr_catalog_diag(cat, i), buf, sizeof buf);
  for (int k = 0; k < GR_REC__COUNT; k++)
    for (size_t i = 0; i < gr_catalog_count(cat, (gr_record_kind)k); i++) {
      if (gr_catalog_at_builtin(cat, (gr_record_kind)k, i)) continue;
      char *json = gr_record_to_json((gr_record_kind)k, gr_catalog_at(cat, (gr_record_kind)k, i), 0);
      if (json != NULL && loaded == GR_OK) round_trip((gr_record_kind)k, json);
      gr_free(json);
    }
  gr_catalog_free(cat);
  gr_error_clear(&err);
  return 0;
}
