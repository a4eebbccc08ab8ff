/*
 * A small streaming JSON writer for the commands' --json output: indented
 * two spaces, strings escaped per RFC 8259.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

static void newline(json_writer *w) {
  fputc('\n', w->fp);
  for (int i = 0; i < w->depth; i++) fputs("  ", w->fp);
}

/* Before a value: a comma and a new line unless it follows a key or opens
 * its container. */
static void before(json_writer *w) {
  if (w->after_key) {
    w->after_key = false;
    return;
  }
  if (w->depth > 0) {
    if (!w->first[w->depth]) fputc(',', w->fp);
    w->first[w->depth] = false;
    newline(w);
  }
}

static void write_string(FILE *fp, const char *s, bool html) {
  fputc('"', fp);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (html && (*p == '<' || *p == '>' || *p == '&')) {
      fprintf(fp, "\\u%04x", *p);
      continue;
    }
    switch (*p) {
    case '"': fputs("\\\"", fp); break;
    case '\\': fputs("\\\\", fp); break;
    case '\n': fputs("\\n", fp); break;
    case '\r': fputs("\\r", fp); break;
    case '\t': fputs("\\t", fp); break;
    default:
      if (*p < 0x20) fprintf(fp, "\\u%04x", *p);
      else fputc(*p, fp);
    }
  }
  fputc('"', fp);
}

void json_string_raw(FILE *fp, const char *s) { write_string(fp, s, false); }

static void open_(json_writer *w, char c) {
  before(w);
  fputc(c, w->fp);
  if (w->depth + 1 < JSON_MAX_DEPTH) w->depth++;
  w->first[w->depth] = true;
}

static void close_(json_writer *w, char c) {
  bool empty = w->first[w->depth];
  if (w->depth > 0) w->depth--;
  if (!empty) newline(w);
  fputc(c, w->fp);
  if (w->depth == 0) fputc('\n', w->fp);
}

void json_begin_object(json_writer *w) { open_(w, '{'); }
void json_end_object(json_writer *w) { close_(w, '}'); }
void json_begin_array(json_writer *w) { open_(w, '['); }
void json_end_array(json_writer *w) { close_(w, ']'); }

void json_key(json_writer *w, const char *key) {
  before(w);
  write_string(w->fp, key, w->html);
  fputs(": ", w->fp);
  w->after_key = true;
}

void json_string(json_writer *w, const char *s) {
  before(w);
  if (s == NULL) fputs("null", w->fp);
  else write_string(w->fp, s, w->html);
}

void json_int(json_writer *w, long v) {
  before(w);
  fprintf(w->fp, "%ld", v);
}

void json_number(json_writer *w, double v) {
  before(w);
  if (!isfinite(v)) {
    fputs("null", w->fp);
    return;
  }
  char tmp[40];
  for (int prec = 6; prec <= 17; prec++) {
    snprintf(tmp, sizeof tmp, "%.*g", prec, v);
    if (strtod(tmp, NULL) == v) break;
  }
  fputs(tmp, w->fp);
}

void json_bool(json_writer *w, bool v) {
  before(w);
  fputs(v ? "true" : "false", w->fp);
}

void json_null(json_writer *w) {
  before(w);
  fputs("null", w->fp);
}

void json_date(json_writer *w, gr_date d) {
  char buf[11];
  if (d == 0) json_null(w);
  else json_string(w, gr_date_format(d, buf));
}
