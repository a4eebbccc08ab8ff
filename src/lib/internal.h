/*
 * Internal declarations shared by the library's modules. Names are gr__
 * (two underscores); nothing here is part of the public API.
 */
#ifndef GUARANTOR_INTERNAL_H
#define GUARANTOR_INTERNAL_H

#ifndef GUARANTOR_BUILDING
#define GUARANTOR_BUILDING 1
#endif

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "guarantor/catalog.h"
#include "guarantor/common.h"
#include "guarantor/model.h"

/* ---- Arena: every record and string of a catalog lives in one. -------- */

typedef struct gr__arena_block gr__arena_block;
typedef struct gr__arena {
  gr__arena_block *head;
} gr__arena;

void *gr__arena_alloc(gr__arena *a, size_t size); /* Zeroed; NULL on OOM. */
char *gr__arena_strndup(gr__arena *a, const char *s, size_t n);
char *gr__arena_strdup(gr__arena *a, const char *s);
char *gr__arena_printf(gr__arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void gr__arena_free(gr__arena *a);

/* ---- Schemas: one table per record and nested value. ------------------ */

typedef enum gr__ftype {
  GR__F_STR,   /* const char *: any string */
  GR__F_ID,    /* const char *: an identifier (record id or topic) */
  GR__F_REF,   /* const char *: the id of a record of kind `ref` */
  GR__F_INT,   /* int */
  GR__F_NUM,   /* double */
  GR__F_DATE,  /* gr_date */
  GR__F_BOOL,  /* bool */
  GR__F_ENUM,  /* int: a term of table `table` */
  GR__F_OBJ,   /* an embedded struct described by `sub` */
  GR__F_LIST   /* a list {T *items; size_t n;} of `elem` */
} gr__ftype;

enum {
  GR__REQ = 1u << 0,   /* The key must be given. */
  GR__RANGE = 1u << 1, /* Numbers must lie in [min, max]. */
  GR__GROUP = 1u << 2  /* REF to an actor that must be an organisation or group. */
};

typedef struct gr__schema gr__schema;
typedef struct gr__loader gr__loader;

typedef struct gr__field {
  const char *key;
  gr__ftype type;
  gr__ftype elem;         /* For LIST: the element type. */
  unsigned flags;
  size_t offset;
  int table;              /* ENUM: a gr_table_id. */
  int ref;                /* REF: a gr_record_kind. */
  const gr__schema *sub;  /* OBJ, or LIST of OBJ. */
  double min, max;        /* With GR__RANGE. */
} gr__field;

/* A check run on a parsed object, for rules that tie keys together. */
typedef void (*gr__check_fn)(gr__loader *ld, void *obj, const gr_pos *pos);

struct gr__schema {
  const char *name;     /* For messages: "obligation", "source", ... */
  size_t size;          /* sizeof the struct. */
  const gr__field *fields;
  size_t nfields;
  int shorthand;        /* Field a bare scalar fills, or -1. */
  size_t given_off;     /* offsetof the uint64_t given mask. */
  size_t pos_off;       /* offsetof the gr_pos. */
  gr__check_fn check;
};

/* The schema of each top-level record kind, and its top-level keys. */
extern const gr__schema *const gr__record_schemas[GR_REC__COUNT];
extern const char *const gr__list_keys[GR_REC__COUNT]; /* "actors", ... */
const gr__schema *gr__schema_source(void);

/* The index of `key` in a schema, or -1. */
int gr__schema_field(const gr__schema *s, const char *key);

/* Whether key `key` was given in an object of schema `s`. */
int gr__given(const gr__schema *s, const void *obj, const char *key);

/* ---- Catalog internals ----------------------------------------------- */

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
  gr_diag *diags;
  size_t ndiags, capdiags;
  gr__ref *refs;
  size_t nrefs, caprefs;
  const char **files; /* Load order, for sorting diagnostics. */
  size_t nfiles, capfiles;
  int loading_builtin;
  int validated;
  int oom;
};

/* Fill `err` (when not NULL) with `code` and a formatted one-line message,
 * no file position; returns `code`. */
gr_status gr__fail(gr_error *err, gr_status code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Add a diagnostic; message formatted. Never fails loudly: on OOM it sets
 * cat->oom. */
void gr__diag(gr_catalog *cat, gr_severity sev, const gr_pos *pos,
              const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void gr__vdiag(gr_catalog *cat, gr_severity sev, const gr_pos *pos,
               const char *fmt, va_list ap);

/* Remember a reference to check in gr_catalog_validate(). */
void gr__ref_add(gr_catalog *cat, int kind, unsigned flags, const char *id,
                 const gr_pos *pos);

/* Add a parsed record, applying the override and duplicate rules. */
void gr__record_add(gr_catalog *cat, gr_record_kind kind, void *rec);

/* The id of a record (every record kind starts with given, then id). */
const char *gr__record_id(gr_record_kind kind, const void *rec);
const gr_pos *gr__record_pos(gr_record_kind kind, const void *rec);

/* Parse one document's bytes into records of `cat` (load.c). */
gr_status gr__load_bytes(gr_catalog *cat, const char *name, const char *data,
                         size_t len);

/* Copy a file name into the catalog and note its place in the load order
 * (diagnostics sort by it); NULL when out of memory (load.c). */
const char *gr__register_file(gr_catalog *cat, const char *name);

/* Report a file over GR_MAX_INPUT_BYTES; `name` is a registered copy. */
void gr__report_too_large(gr_catalog *cat, const char *name, size_t size);

/* Cross-record checks (validate.c). */
void gr__validate(gr_catalog *cat);

/* Levenshtein distance, capped at `cap` + 1 (suggest.c). */
size_t gr__edit_distance(const char *a, const char *b, size_t cap);

/* The best of `n` candidates close to `word`, or NULL (case-insensitive
 * prefix or a small edit distance). */
const char *gr__closest(const char *word, const char *const *cands, size_t n);

/* The built-in catalog: files embedded at build time (builtin_data.c). */
typedef struct gr__blob {
  const char *name;
  const unsigned char *data;
  size_t len;
} gr__blob;
extern const gr__blob gr__builtin[];
extern const size_t gr__builtin_count;

/* For the benchmarks (sim.c): the compiled model of an arrangement as JSON
 * (caller frees), and the random-number floor: generate the Philox blocks
 * `draws` draws consume, and nothing else; returns a value to keep the
 * work from being optimised away. */
struct gr_params;
struct gr_facts;
char *gr__sim_model_json(const gr_catalog *cat, const struct gr_params *ps, const gr_arrangement *arr,
                         const gr_event *ev, const struct gr_facts *facts, gr_date as_of);
uint64_t gr__sim_floor(const gr_catalog *cat, const struct gr_params *ps, const gr_arrangement *arr,
                       const gr_event *ev, uint64_t draws, uint64_t seed, double attack_share,
                       double *blocks_per_draw);

#endif /* GUARANTOR_INTERNAL_H */
