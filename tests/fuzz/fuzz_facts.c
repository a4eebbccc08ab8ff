/*
 * libFuzzer harness for the facts a user sets (--facts NAME=VALUE,...):
 * any text through gr_facts_parse() on the facts of every built-in
 * arrangement in turn; a text it refuses must leave the facts unchanged,
 * one it takes must leave them serialisable. make fuzz runs it.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "guarantor/guarantor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static gr_catalog *cat;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  gr_error err = GR_ERROR_INIT;
  if (cat == NULL) {
    cat = gr_catalog_new();
    if (cat == NULL || gr_catalog_load_builtin(cat, &err) != GR_OK || gr_catalog_validate(cat, &err) != GR_OK) abort();
  }
  char *spec = malloc(size + 1);
  if (spec == NULL) return 0;
  memcpy(spec, data, size);
  spec[size] = '\0';
  size_t n = gr_catalog_count(cat, GR_REC_ARRANGEMENT);
  const gr_arrangement *a = gr_catalog_at(cat, GR_REC_ARRANGEMENT, size % (n ? n : 1));
  gr_facts *f = NULL, *before = NULL;
  if (gr_facts_new(cat, a, &f, &err) != GR_OK || gr_facts_copy(f, &before, &err) != GR_OK) abort();
  if (gr_facts_parse(f, spec, &err) != GR_OK) {
    if (err.code != GR_E_ARG || err.message == NULL || err.message[0] == '\0') abort();
    for (int i = 0; i < GR_FACT__COUNT; i++)
      if (gr_facts_value(f, (gr_fact)i) != gr_facts_value(before, (gr_fact)i) ||
          gr_facts_origin(f, (gr_fact)i) != gr_facts_origin(before, (gr_fact)i))
        abort(); /* A refused text changed the facts. */
  }
  char *json = gr_facts_to_json(f, GR_JSON_HTML_SAFE);
  if (json == NULL) abort();
  gr_free(json);
  gr_facts_free(before);
  gr_facts_free(f);
  free(spec);
  gr_error_clear(&err);
  return 0;
}
