/*
 * The base layer: what every other part of the library uses and which
 * depends on nothing of it. Errors, the arena allocator and "did you mean"
 * suggestions. Names are gr__ (two underscores); nothing here is public.
 */
#ifndef GUARANTOR_BASE_H
#define GUARANTOR_BASE_H

#ifndef GUARANTOR_BUILDING
#define GUARANTOR_BUILDING 1
#endif

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "guarantor/common.h"

/* ---- Errors ------------------------------------------------------------ */

/* Fill `err` (when not NULL) with `code` and a formatted one-line message,
 * no file position; returns `code`. */
gr_status gr__fail(gr_error *err, gr_status code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The same with the place in an input file (`file` may be NULL). */
gr_status gr__fail_at(gr_error *err, gr_status code, const char *file, int line, int column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
gr_status gr__vfail_at(gr_error *err, gr_status code, const char *file, int line, int column, const char *fmt,
                       va_list ap) __attribute__((format(printf, 6, 0)));

/* Success: reset `err` (when not NULL) to GR_OK, releasing what it held. */
void gr__ok(gr_error *err);

/* ---- Arena: every record and string of a catalog lives in one. -------- */

typedef struct gr__arena_block gr__arena_block;
typedef struct gr__arena {
  gr__arena_block *head;
} gr__arena;

void *gr__arena_alloc(gr__arena *a, size_t size); /* Zeroed; NULL on OOM. */
char *gr__arena_strndup(gr__arena *a, const char *s, size_t n);
char *gr__arena_strdup(gr__arena *a, const char *s);
void gr__arena_free(gr__arena *a);

/* ---- Dates ------------------------------------------------------------- */

/* The years a date may have. */
enum { GR__YEAR_MIN = 1800, GR__YEAR_MAX = 2200 };

typedef enum gr__date_check {
  GR__DATE_OK,
  GR__DATE_FORMAT,  /* Not YYYY-MM-DD. */
  GR__DATE_RANGE,   /* A year outside GR__YEAR_MIN..GR__YEAR_MAX. */
  GR__DATE_INVALID  /* No such day (2023-02-30). */
} gr__date_check;

/* Read `len` bytes of YYYY-MM-DD into *out (when it is a date). */
gr__date_check gr__date_read(const char *text, size_t len, gr_date *out);

/* Days since 1970-01-01. */
long gr__days_from_civil(gr_date date);
/* The date `days` days after 1970-01-01 (the inverse of the above). */
gr_date gr__civil_from_days(long days);

/* ---- Sorting ------------------------------------------------------------ */

typedef int (*gr__cmp_fn)(const void *a, const void *b, void *ctx);

/* Sort n elements of `size` bytes, stably (equal elements keep their
 * order). Never fails: without memory for its buffer it sorts in place,
 * slowly. */
void gr__sort(void *base, size_t n, size_t size, gr__cmp_fn cmp, void *ctx);

/* ---- Hashing and a string map ---------------------------------------- */

#define GR__FNV_OFFSET 14695981039346656037ULL

/* 64-bit FNV-1a of `len` bytes, continuing from `h` (GR__FNV_OFFSET to
 * start). */
uint64_t gr__fnv1a(const void *data, size_t len, uint64_t h);

/* Strings (borrowed, not copied) to indices. Zero-initialise; free with
 * gr__strmap_free(). */
typedef struct gr__strmap {
  const char **keys;
  size_t *vals;
  size_t cap, n;
} gr__strmap;

/* Set key -> value (replacing); -1 when out of memory. */
int gr__strmap_put(gr__strmap *m, const char *key, size_t value);
/* Whether key is present; its value into *value. */
bool gr__strmap_get(const gr__strmap *m, const char *key, size_t *value);
void gr__strmap_free(gr__strmap *m);

/* ---- Text from inputs ---------------------------------------------- */

/* Whether a terminal or a bidirectional renderer acts on code point `cp`
 * instead of showing it: C0 and C1 controls, DEL, U+2028/U+2029 and the
 * bidirectional embeddings, overrides and isolates. gr_text_escape()
 * (common.h) escapes these. */
bool gr__acts_on_display(uint32_t cp);

/* ---- Suggestions ------------------------------------------------------- */

/* Levenshtein distance, case-insensitive, capped at `cap` + 1. */
size_t gr__edit_distance(const char *a, const char *b, size_t cap);

/* The one policy of "did you mean": the largest edit distance at which a
 * candidate is suggested for a word of `len` bytes (1 up to 3 bytes, 2 up
 * to 6, then a third of the length, plus one). */
size_t gr__suggest_cap(size_t len);

/* The best of `n` candidates within gr__suggest_cap() of `word`, or NULL;
 * the first of equally close ones. */
const char *gr__closest(const char *word, const char *const *cands, size_t n);

#endif /* GUARANTOR_BASE_H */
