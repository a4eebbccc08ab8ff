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
#include <stddef.h>
#include <stdint.h>

#include "guarantor/common.h"

/* ---- Errors ------------------------------------------------------------ */

/* Fill `err` (when not NULL) with `code` and a formatted one-line message,
 * no file position; returns `code`. */
gr_status gr__fail(gr_error *err, gr_status code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- Arena: every record and string of a catalog lives in one. -------- */

typedef struct gr__arena_block gr__arena_block;
typedef struct gr__arena {
  gr__arena_block *head;
} gr__arena;

void *gr__arena_alloc(gr__arena *a, size_t size); /* Zeroed; NULL on OOM. */
char *gr__arena_strndup(gr__arena *a, const char *s, size_t n);
char *gr__arena_strdup(gr__arena *a, const char *s);
void gr__arena_free(gr__arena *a);

/* ---- Suggestions ------------------------------------------------------- */

/* Levenshtein distance, case-insensitive, capped at `cap` + 1. */
size_t gr__edit_distance(const char *a, const char *b, size_t cap);

/* The best of `n` candidates close to `word`, or NULL (a small edit
 * distance). */
const char *gr__closest(const char *word, const char *const *cands, size_t n);

#endif /* GUARANTOR_BASE_H */
