/*
 * Records back to the file format, as JSON, following the schemas: what
 * `show --json` prints, and what `check` reads back unchanged. Only keys
 * that were given are written, in schema order.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog_int.h"

typedef struct sbuf {
  char *s;
  size_t n, cap;
  int oom;
} sbuf;

static void put(sbuf *b, const char *s, size_t n) {
  if (b->oom) return;
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (b->n + n + 1 > cap) cap *= 2;
    char *ns = realloc(b->s, cap);
    if (ns == NULL) {
      b->oom = 1;
      return;
    }
    b->s = ns;
    b->cap = cap;
  }
  memcpy(b->s + b->n, s, n);
  b->n += n;
  b->s[b->n] = '\0';
}

static void puts_(sbuf *b, const char *s) { put(b, s, strlen(s)); }

static void indent(sbuf *b, int depth) {
  put(b, "\n", 1);
  for (int i = 0; i < depth; i++) put(b, "  ", 2);
}

/* A JSON string (RFC 8259): quotes, backslashes and control characters
 * escaped; "</" written as "<\/" so the text is safe inside HTML script. */
static void put_string(sbuf *b, const char *s) {
  put(b, "\"", 1);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    char esc[8];
    switch (*p) {
    case '"': puts_(b, "\\\""); break;
    case '\\': puts_(b, "\\\\"); break;
    case '\n': puts_(b, "\\n"); break;
    case '\r': puts_(b, "\\r"); break;
    case '\t': puts_(b, "\\t"); break;
    case '/':
      if (p > (const unsigned char *)s && p[-1] == '<') puts_(b, "\\/");
      else put(b, "/", 1);
      break;
    default:
      if (*p < 0x20) {
        snprintf(esc, sizeof esc, "\\u%04x", *p);
        puts_(b, esc);
      } else {
        put(b, (const char *)p, 1);
      }
    }
  }
  put(b, "\"", 1);
}

/* The shortest decimal form that reads back to the same double. */
static void put_number(sbuf *b, double v) {
  char tmp[40];
  for (int prec = 6; prec <= 17; prec++) {
    snprintf(tmp, sizeof tmp, "%.*g", prec, v);
    if (strtod(tmp, NULL) == v) break;
  }
  puts_(b, tmp);
}

static void put_object(sbuf *b, const gr__schema *s, const void *obj, int depth);

static void put_value(sbuf *b, const gr__field *f, gr__ftype type, const void *src, int depth) {
  switch (type) {
  case GR__F_STR:
  case GR__F_ID:
  case GR__F_REF: {
    const char *v;
    memcpy(&v, src, sizeof v);
    put_string(b, v ? v : "");
    break;
  }
  case GR__F_INT: {
    int v;
    memcpy(&v, src, sizeof v);
    char tmp[16];
    snprintf(tmp, sizeof tmp, "%d", v);
    puts_(b, tmp);
    break;
  }
  case GR__F_NUM: {
    double v;
    memcpy(&v, src, sizeof v);
    put_number(b, v);
    break;
  }
  case GR__F_DATE: {
    gr_date d;
    memcpy(&d, src, sizeof d);
    char tmp[11];
    put_string(b, gr_date_format(d, tmp));
    break;
  }
  case GR__F_BOOL: {
    bool v;
    memcpy(&v, src, sizeof v);
    puts_(b, v ? "true" : "false");
    break;
  }
  case GR__F_ENUM: {
    int v;
    memcpy(&v, src, sizeof v);
    put_string(b, gr_table_name((gr_table_id)f->table, v));
    break;
  }
  case GR__F_OBJ:
    put_object(b, f->sub, src, depth);
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
    int inline_list = f->elem != GR__F_OBJ;
    put(b, "[", 1);
    for (size_t i = 0; i < n; i++) {
      if (i) put(b, ",", 1);
      if (inline_list) {
        if (i) put(b, " ", 1);
      } else {
        indent(b, depth + 1);
      }
      put_value(b, f, f->elem, items + i * esize, depth + 1);
    }
    if (!inline_list && n) indent(b, depth);
    put(b, "]", 1);
    break;
  }
  }
}

static void put_object(sbuf *b, const gr__schema *s, const void *obj, int depth) {
  uint64_t mask;
  memcpy(&mask, (const char *)obj + s->given_off, sizeof mask);
  /* A value given in shorthand (a bare number, a bare event kind) is
   * written back the same way. */
  if (s->shorthand >= 0 && mask == ((uint64_t)1 << s->shorthand)) {
    const gr__field *f = &s->fields[s->shorthand];
    put_value(b, f, f->type, (const char *)obj + f->offset, depth);
    return;
  }
  put(b, "{", 1);
  int first = 1;
  for (size_t i = 0; i < s->nfields; i++) {
    if (!(mask & ((uint64_t)1 << i))) continue;
    const gr__field *f = &s->fields[i];
    if (!first) put(b, ",", 1);
    first = 0;
    indent(b, depth + 1);
    put_string(b, f->key);
    put(b, ": ", 2);
    put_value(b, f, f->type, (const char *)obj + f->offset, depth + 1);
  }
  if (!first) indent(b, depth);
  put(b, "}", 1);
}

static char *finish(sbuf *b) {
  put(b, "\n", 1);
  if (b->oom) {
    free(b->s);
    return NULL;
  }
  return b->s;
}

char *gr_record_to_json(gr_record_kind kind, const void *record) {
  if ((int)kind < 0 || kind >= GR_REC__COUNT || record == NULL) return NULL;
  sbuf b = {0};
  const gr__schema *s = gr__record_schemas[kind];
  if (kind == GR_REC_ARRANGEMENT) {
    puts_(&b, "{\"arrangement\": ");
    put_object(&b, s, record, 0);
  } else {
    puts_(&b, "{");
    put_string(&b, gr__list_keys[kind]);
    puts_(&b, ": [");
    put_object(&b, s, record, 0);
    puts_(&b, "]");
  }
  puts_(&b, "}");
  return finish(&b);
}

char *gr_catalog_to_json(const gr_catalog *cat) {
  if (cat == NULL) return NULL;
  sbuf b = {0};
  puts_(&b, "{");
  int first_kind = 1;
  for (int k = 0; k < GR_REC__COUNT; k++) {
    size_t n = gr_catalog_count(cat, (gr_record_kind)k);
    if (n == 0) continue;
    if (!first_kind) put(&b, ",", 1);
    first_kind = 0;
    indent(&b, 1);
    put_string(&b, gr__list_keys[k]);
    put(&b, ": [", 3);
    for (size_t i = 0; i < n; i++) {
      if (i) put(&b, ",", 1);
      indent(&b, 2);
      put_object(&b, gr__record_schemas[k], gr_catalog_at(cat, (gr_record_kind)k, i), 2);
    }
    indent(&b, 1);
    put(&b, "]", 1);
  }
  if (!first_kind) indent(&b, 0);
  puts_(&b, "}");
  return finish(&b);
}
