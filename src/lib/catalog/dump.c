/*
 * Records back to the file format, as JSON, following the schemas: what
 * `show --json` prints, and what `check` reads back unchanged. Only keys
 * that were given are written, in schema order, by the library's one JSON
 * writer (lists of words on one line).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json_int.h"
#include "catalog/catalog_int.h"

static void put_object(gr_json *w, const gr__schema *s, const void *obj);

static void put_value(gr_json *w, const gr__field *f, gr__ftype type, const void *src) {
  switch (type) {
  case GR__F_STR:
  case GR__F_ID:
  case GR__F_REF: {
    const char *v;
    memcpy(&v, src, sizeof v);
    gr_json_string(w, v ? v : "");
    break;
  }
  case GR__F_INT: {
    int v;
    memcpy(&v, src, sizeof v);
    gr_json_int(w, v);
    break;
  }
  case GR__F_NUM: {
    double v;
    memcpy(&v, src, sizeof v);
    gr_json_number(w, v);
    break;
  }
  case GR__F_DATE: {
    gr_date d;
    memcpy(&d, src, sizeof d);
    char tmp[11];
    gr_json_string(w, gr_date_format(d, tmp));
    break;
  }
  case GR__F_BOOL: {
    bool v;
    memcpy(&v, src, sizeof v);
    gr_json_bool(w, v);
    break;
  }
  case GR__F_ENUM: {
    int v;
    memcpy(&v, src, sizeof v);
    gr_json_string(w, gr_table_name((gr_table_id)f->table, v));
    break;
  }
  case GR__F_OBJ:
    put_object(w, f->sub, src);
    break;
  case GR__F_LIST: {
    const char *items;
    size_t n;
    memcpy(&items, src, sizeof items);
    memcpy(&n, (const char *)src + sizeof(void *), sizeof n);
    size_t esize = f->elem == GR__F_OBJ ? f->sub->size
                   : f->elem == GR__F_ENUM ? sizeof(int)
                                           : sizeof(const char *);
    /* Short lists of words stay on one line; lists of objects do not. */
    if (f->elem == GR__F_OBJ) gr_json_begin_array(w);
    else gr__json_begin_inline_array(w);
    for (size_t i = 0; i < n; i++) put_value(w, f, f->elem, items + i * esize);
    if (f->elem == GR__F_OBJ) gr_json_end_array(w);
    else gr__json_end_inline_array(w);
    break;
  }
  }
}

static void put_object(gr_json *w, const gr__schema *s, const void *obj) {
  uint64_t mask;
  memcpy(&mask, (const char *)obj + s->given_off, sizeof mask);
  /* A value given in shorthand (a bare number, a bare event kind) is
   * written back the same way. */
  if (s->shorthand >= 0 && mask == ((uint64_t)1 << s->shorthand)) {
    const gr__field *f = &s->fields[s->shorthand];
    put_value(w, f, f->type, (const char *)obj + f->offset);
    return;
  }
  gr_json_begin_object(w);
  for (size_t i = 0; i < s->nfields; i++) {
    if (!(mask & ((uint64_t)1 << i))) continue;
    const gr__field *f = &s->fields[i];
    gr_json_key(w, f->key);
    put_value(w, f, f->type, (const char *)obj + f->offset);
  }
  gr_json_end_object(w);
}

char *gr_record_to_json(gr_record_kind kind, const void *record, unsigned flags) {
  if ((int)kind < 0 || kind >= GR_REC__COUNT || record == NULL) return NULL;
  gr_json *w = gr_json_new(flags);
  if (w == NULL) return NULL;
  char prefix[64];
  if (kind == GR_REC_ARRANGEMENT) snprintf(prefix, sizeof prefix, "{\"arrangement\": ");
  else snprintf(prefix, sizeof prefix, "{\"%s\": [", gr__list_keys[kind]);
  gr__json_begin_wrapper(w, prefix);
  put_object(w, gr__record_schemas[kind], record);
  gr__json_end_wrapper(w, kind == GR_REC_ARRANGEMENT ? "}" : "]}");
  return gr_json_finish(w);
}

char *gr_catalog_to_json(const gr_catalog *cat, unsigned flags) {
  if (cat == NULL) return NULL;
  gr_json *w = gr_json_new(flags);
  if (w == NULL) return NULL;
  gr_json_begin_object(w);
  for (int k = 0; k < GR_REC__COUNT; k++) {
    size_t n = gr_catalog_count(cat, (gr_record_kind)k);
    if (n == 0) continue;
    gr_json_key(w, gr__list_keys[k]);
    gr_json_begin_array(w);
    for (size_t i = 0; i < n; i++) put_object(w, gr__record_schemas[k], gr_catalog_at(cat, (gr_record_kind)k, i));
    gr_json_end_array(w);
  }
  gr_json_end_object(w);
  return gr_json_finish(w);
}
