/*
 * The JSON writer (include/guarantor/json.h): a growing buffer and a stack
 * of open containers. Besides objects and arrays, the library's serialiser
 * of records uses two internal kinds of frame: inline arrays ([a, b] on
 * one line, for lists of words) and wrappers (a fixed text around one
 * value that adds no indentation, for {"arrangement": {...}}).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json_int.h"

enum { MAX_DEPTH = 64 };

typedef enum frame_kind { F_OBJECT, F_ARRAY, F_INLINE, F_WRAPPER } frame_kind;

typedef struct frame {
  frame_kind kind;
  size_t count; /* Values (or keys) written in it so far. */
} frame;

struct gr_json {
  char *s;
  size_t n, cap;
  unsigned flags;
  gr_status status;
  bool after_key;
  int depth;  /* Open frames. */
  int indent; /* Open frames that indent their contents. */
  frame stack[MAX_DEPTH];
};

gr_json *gr_json_new(unsigned flags) {
  gr_json *w = calloc(1, sizeof *w);
  if (w == NULL) return NULL;
  w->flags = flags;
  w->cap = 1024;
  w->s = malloc(w->cap);
  if (w->s == NULL) {
    free(w);
    return NULL;
  }
  w->s[0] = '\0';
  return w;
}

void gr_json_free(gr_json *w) {
  if (w == NULL) return;
  free(w->s);
  free(w);
}

static bool ok(const gr_json *w) { return w != NULL && w->status == GR_OK; }

static void misuse(gr_json *w) {
  if (ok(w)) w->status = GR_E_MISUSE;
}

static void put(gr_json *w, const char *s, size_t n) {
  if (!ok(w)) return;
  if (w->n + n + 1 > w->cap) {
    size_t cap = w->cap;
    while (w->n + n + 1 > cap) cap *= 2;
    char *ns = realloc(w->s, cap);
    if (ns == NULL) {
      w->status = GR_E_NOMEM;
      return;
    }
    w->s = ns;
    w->cap = cap;
  }
  memcpy(w->s + w->n, s, n);
  w->n += n;
  w->s[w->n] = '\0';
}

static void puts_(gr_json *w, const char *s) { put(w, s, strlen(s)); }

static void newline(gr_json *w) {
  put(w, "\n", 1);
  for (int i = 0; i < w->indent; i++) put(w, "  ", 2);
}

static frame *top(gr_json *w) { return w->depth > 0 ? &w->stack[w->depth - 1] : NULL; }

/* Before any value: the separator its container wants. Returns false (and
 * records the misuse) when no value may come here. */
static bool before_value(gr_json *w) {
  if (!ok(w)) return false;
  frame *f = top(w);
  if (f == NULL) return true;
  switch (f->kind) {
  case F_OBJECT:
    if (!w->after_key) {
      misuse(w);
      return false;
    }
    w->after_key = false;
    return true;
  case F_ARRAY:
    if (f->count++ > 0) put(w, ",", 1);
    newline(w);
    return true;
  case F_INLINE:
    if (f->count++ > 0) put(w, ", ", 2);
    return true;
  case F_WRAPPER:
    if (f->count++ > 0) {
      misuse(w);
      return false;
    }
    return true;
  }
  return false;
}

/* After a value: at the top level, the line ends. */
static void after_value(gr_json *w) {
  if (w->depth == 0) put(w, "\n", 1);
}

static void push(gr_json *w, frame_kind kind) {
  if (w->depth == MAX_DEPTH) {
    misuse(w);
    return;
  }
  w->stack[w->depth].kind = kind;
  w->stack[w->depth].count = 0;
  w->depth++;
  if (kind == F_OBJECT || kind == F_ARRAY) w->indent++;
}

static bool pop(gr_json *w, frame_kind kind, frame *out) {
  frame *f = top(w);
  if (!ok(w) || f == NULL || f->kind != kind || w->after_key) {
    misuse(w);
    return false;
  }
  *out = *f;
  w->depth--;
  if (kind == F_OBJECT || kind == F_ARRAY) w->indent--;
  return true;
}

void gr_json_begin_object(gr_json *w) {
  if (!before_value(w)) return;
  put(w, "{", 1);
  push(w, F_OBJECT);
}

void gr_json_begin_array(gr_json *w) {
  if (!before_value(w)) return;
  put(w, "[", 1);
  push(w, F_ARRAY);
}

static void end_container(gr_json *w, frame_kind kind, char c) {
  frame f;
  if (!pop(w, kind, &f)) return;
  if (f.count > 0 && kind != F_INLINE) newline(w);
  put(w, &c, 1);
  after_value(w);
}

void gr_json_end_object(gr_json *w) { end_container(w, F_OBJECT, '}'); }
void gr_json_end_array(gr_json *w) { end_container(w, F_ARRAY, ']'); }

void gr__json_begin_inline_array(gr_json *w) {
  if (!before_value(w)) return;
  put(w, "[", 1);
  push(w, F_INLINE);
}

void gr__json_end_inline_array(gr_json *w) { end_container(w, F_INLINE, ']'); }

void gr__json_begin_wrapper(gr_json *w, const char *prefix) {
  if (!before_value(w)) return;
  puts_(w, prefix);
  push(w, F_WRAPPER);
}

void gr__json_end_wrapper(gr_json *w, const char *suffix) {
  frame f;
  if (!pop(w, F_WRAPPER, &f)) return;
  puts_(w, suffix);
  after_value(w);
}

/* A string, escaped (see json.h). */
static void put_string(gr_json *w, const char *s) {
  bool html = (w->flags & GR_JSON_HTML_SAFE) != 0;
  put(w, "\"", 1);
  const unsigned char *p = (const unsigned char *)s, *run = p;
  for (; *p; p++) {
    const char *esc = NULL;
    char hex[8];
    switch (*p) {
    case '"': esc = "\\\""; break;
    case '\\': esc = "\\\\"; break;
    case '\n': esc = "\\n"; break;
    case '\r': esc = "\\r"; break;
    case '\t': esc = "\\t"; break;
    default:
      if (*p < 0x20 || (html && (*p == '<' || *p == '>' || *p == '&'))) {
        snprintf(hex, sizeof hex, "\\u%04x", *p);
        esc = hex;
      }
    }
    if (esc == NULL) continue;
    put(w, (const char *)run, (size_t)(p - run));
    puts_(w, esc);
    run = p + 1;
  }
  put(w, (const char *)run, (size_t)(p - run));
  put(w, "\"", 1);
}

void gr_json_key(gr_json *w, const char *key) {
  frame *f = ok(w) ? top(w) : NULL;
  if (f == NULL || f->kind != F_OBJECT || w->after_key || key == NULL) {
    misuse(w);
    return;
  }
  if (f->count++ > 0) put(w, ",", 1);
  newline(w);
  put_string(w, key);
  put(w, ": ", 2);
  w->after_key = true;
}

void gr_json_string(gr_json *w, const char *s) {
  if (!before_value(w)) return;
  if (s == NULL) puts_(w, "null");
  else put_string(w, s);
  after_value(w);
}

void gr_json_int(gr_json *w, int64_t v) {
  if (!before_value(w)) return;
  char tmp[24];
  snprintf(tmp, sizeof tmp, "%lld", (long long)v);
  puts_(w, tmp);
  after_value(w);
}

void gr_json_uint(gr_json *w, uint64_t v) {
  if (!before_value(w)) return;
  char tmp[24];
  snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v);
  puts_(w, tmp);
  after_value(w);
}

void gr_json_number(gr_json *w, double v) {
  if (!before_value(w)) return;
  if (!isfinite(v)) {
    puts_(w, "null");
  } else {
    /* The shortest of %.6g .. %.17g that reads back to the same double. */
    char tmp[40];
    for (int prec = 6; prec <= 17; prec++) {
      snprintf(tmp, sizeof tmp, "%.*g", prec, v);
      if (strtod(tmp, NULL) == v) break;
    }
    puts_(w, tmp);
  }
  after_value(w);
}

void gr_json_bool(gr_json *w, bool v) {
  if (!before_value(w)) return;
  puts_(w, v ? "true" : "false");
  after_value(w);
}

void gr_json_null(gr_json *w) {
  if (!before_value(w)) return;
  puts_(w, "null");
  after_value(w);
}

void gr_json_date(gr_json *w, gr_date d) {
  char buf[11];
  if (d == 0) gr_json_null(w);
  else gr_json_string(w, gr_date_format(d, buf));
}

gr_status gr_json_status(const gr_json *w) { return w == NULL ? GR_E_ARG : w->status; }

const char *gr_json_text(const gr_json *w, size_t *len) {
  if (!ok(w)) return NULL;
  if (len) *len = w->n;
  return w->s;
}

char *gr_json_finish(gr_json *w) {
  if (w == NULL) return NULL;
  if (w->depth != 0) misuse(w);
  char *s = ok(w) ? w->s : NULL;
  if (s == NULL) free(w->s);
  free(w);
  return s;
}
