/*
 * Status codes and their messages, the error struct's filling, the
 * library's version.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

static const char *const status_messages[] = {
    [GR_OK] = "success",
    [GR_E_NOMEM] = "out of memory",
    [GR_E_IO] = "input/output error",
    [GR_E_PARSE] = "malformed YAML or JSON",
    [GR_E_INVALID] = "invalid input",
    [GR_E_NOT_FOUND] = "no such item",
    [GR_E_ARG] = "invalid argument",
    [GR_E_INTERNAL] = "internal error",
    [GR_E_MISUSE] = "library misuse",
};

const char *gr_strerror(gr_status code) {
  if ((int)code < 0 || (size_t)code >= sizeof(status_messages) / sizeof(status_messages[0]) ||
      status_messages[code] == NULL)
    return "unknown status";
  return status_messages[code];
}

void gr_free(void *p) { free(p); }

const char *gr_version(void) { return GR_VERSION_STRING; }

gr_status gr__fail(gr_error *err, gr_status code, const char *fmt, ...) {
  if (err != NULL) {
    memset(err, 0, sizeof *err);
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
  }
  return code;
}
