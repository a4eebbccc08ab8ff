/*
 * The catalog's internals, shared by its files: storage with the override
 * and duplicate rules (store.c), diagnostics, the loader (load.c), the
 * cross-record checks (validate.c) and the serialiser (dump.c).
 */
#ifndef GUARANTOR_CATALOG_INT_H
#define GUARANTOR_CATALOG_INT_H

#include <stdarg.h>

#include "base/base.h"
#include "guarantor/catalog.h"
#include "catalog/ready.h"
#include "model/schema.h"

typedef struct gr__ref {
  int kind;       /* gr_record_kind */
  unsigned flags; /* GR__GROUP */
  const char *id;
  gr_pos pos;
} gr__ref;

typedef struct gr__recset {
  void **items;
  unsigned char *builtin;
  size_t n, cap;
} gr__recset;

struct gr_catalog {
  gr__arena arena;
  gr__recset recs[GR_REC__COUNT];
  gr__strmap index; /* Every id -> its kind and place (store.c). */
  gr_diag *diags;
  size_t ndiags, capdiags;
  size_t kept[3], dropped[3]; /* Per severity; GR_CATALOG_MAX_DIAGS kept. */
  gr__ref *refs;
  size_t nrefs, caprefs;
  const char **files; /* Load order, for sorting diagnostics. */
  size_t nfiles, capfiles;
  int loading_builtin;
  int validated;
  int oom;
};

/* Add a diagnostic; message formatted. Never fails loudly: on OOM it sets
 * cat->oom. */
void gr__diag(gr_catalog *cat, gr_severity sev, const gr_pos *pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void gr__vdiag(gr_catalog *cat, gr_severity sev, const gr_pos *pos, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

/* Remember a reference to check in gr_catalog_validate(). */
void gr__ref_add(gr_catalog *cat, int kind, unsigned flags, const char *id, const gr_pos *pos);

/* Add a parsed record, applying the override and duplicate rules. */
void gr__record_add(gr_catalog *cat, gr_record_kind kind, void *rec);

/* Parse one document's bytes into records of `cat` (load.c). */
gr_status gr__load_bytes(gr_catalog *cat, const char *name, const char *data, size_t len);

/* Copy a file name into the catalog and note its place in the load order
 * (diagnostics sort by it); NULL when out of memory (load.c). */
const char *gr__register_file(gr_catalog *cat, const char *name);

/* Report a file over GR_MAX_INPUT_BYTES; `name` is a registered copy. */
void gr__report_too_large(gr_catalog *cat, const char *name, size_t size);

/* The place of record `id` among the records of `kind`, or -1. */
long gr__record_index(const gr_catalog *cat, gr_record_kind kind, const char *id);

/* Cross-record checks (validate.c). */
void gr__validate(gr_catalog *cat);

/* The built-in catalog: files embedded at build time (builtin_data.c). */
typedef struct gr__blob {
  const char *name;
  const unsigned char *data;
  size_t len;
} gr__blob;
extern const gr__blob gr__builtin[];
extern const size_t gr__builtin_count;
extern const gr__blob gr__history[]; /* data/history/: the historical cases. */
extern const size_t gr__history_count;

#endif /* GUARANTOR_CATALOG_INT_H */
