/*
 * Status codes, their names and messages (one table: GR_STATUS_LIST in
 * common.h), the error struct's filling, freeing what the library hands
 * out, and the library's version.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

static const struct status_row {
  const char *name, *message;
} status_rows[] = {
#define ROW_(name, value, message) [value] = {#name, message},
    GR_STATUS_LIST(ROW_)
#undef ROW_
};
enum { NSTATUS = sizeof status_rows / sizeof status_rows[0] };

static const struct status_row *status_row(gr_status code) {
  if ((int)code < 0 || (size_t)code >= NSTATUS || status_rows[code].name == NULL) return NULL;
  return &status_rows[code];
}

const char *gr_strerror(gr_status code) {
  const struct status_row *r = status_row(code);
  return r ? r->message : "unknown status";
}

const char *gr_status_name(gr_status code) {
  const struct status_row *r = status_row(code);
  return r ? r->name : "?";
}

void gr_free(void *p) { free(p); }

const char *gr_version(void) { return GR_VERSION_STRING; }

void gr_error_clear(gr_error *err) {
  if (err == NULL) return;
  free(err->storage);
  *err = (gr_error)GR_ERROR_INIT;
}

void gr__ok(gr_error *err) { gr_error_clear(err); }

gr_status gr__vfail_at(gr_error *err, gr_status code, const char *file, int line, int column, const char *fmt,
                       va_list ap) {
  if (err == NULL) return code;
  gr_error_clear(err);
  err->code = code;
  err->line = line;
  err->column = column;
  char raw[1024], msg[1024];
  vsnprintf(raw, sizeof raw, fmt, ap);
  gr_text_escape(raw, msg, sizeof msg); /* Input quoted in a message stays text. */
  size_t fl = file ? strlen(file) + 1 : 0, ml = strlen(msg) + 1;
  char *s = malloc(fl + ml);
  if (s == NULL) {
    /* Out of memory: the code says enough; no file name to point at. */
    err->message = gr_strerror(code);
    return code;
  }
  if (file) memcpy(s, file, fl);
  memcpy(s + fl, msg, ml);
  err->storage = s;
  err->file = file ? s : NULL;
  err->message = s + fl;
  return code;
}

gr_status gr__fail_at(gr_error *err, gr_status code, const char *file, int line, int column, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  gr__vfail_at(err, code, file, line, column, fmt, ap);
  va_end(ap);
  return code;
}

gr_status gr__fail(gr_error *err, gr_status code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  gr__vfail_at(err, code, NULL, 0, 0, fmt, ap);
  va_end(ap);
  return code;
}
