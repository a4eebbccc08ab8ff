/*
 * The loader's state while it reads one file, shared with the schema checks.
 */
#ifndef GUARANTOR_LOAD_H
#define GUARANTOR_LOAD_H

#include "internal.h"

struct gr__loader {
  gr_catalog *cat;
  const char *file; /* Arena copy of the file name. */
  size_t errors;    /* Errors this file added. */
};

void gr__load_error(gr__loader *ld, const gr_pos *pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void gr__load_warning(gr__loader *ld, const gr_pos *pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* GUARANTOR_LOAD_H */
