/*
 * A bump allocator: a catalog's records, strings and diagnostics live in one
 * arena and are freed together by gr_catalog_free().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

struct gr__arena_block {
  gr__arena_block *next;
  size_t used, size;
  max_align_t data[]; /* Suitably aligned storage. */
};

enum { BLOCK_BYTES = 64 * 1024 };

void *gr__arena_alloc(gr__arena *a, size_t size) {
  const size_t align = sizeof(max_align_t);
  size = (size + align - 1) / align * align;
  if (size == 0) size = align;
  gr__arena_block *b = a->head;
  if (b == NULL || b->size - b->used < size) {
    size_t cap = size > BLOCK_BYTES ? size : BLOCK_BYTES;
    b = malloc(sizeof *b + cap);
    if (b == NULL) return NULL;
    b->used = 0;
    b->size = cap;
    b->next = a->head;
    a->head = b;
  }
  void *p = (char *)b->data + b->used;
  b->used += size;
  memset(p, 0, size);
  return p;
}

char *gr__arena_strndup(gr__arena *a, const char *s, size_t n) {
  char *p = gr__arena_alloc(a, n + 1);
  if (p == NULL) return NULL;
  if (n) memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *gr__arena_strdup(gr__arena *a, const char *s) { return gr__arena_strndup(a, s, strlen(s)); }

void gr__arena_free(gr__arena *a) {
  gr__arena_block *b = a->head;
  while (b != NULL) {
    gr__arena_block *next = b->next;
    free(b);
    b = next;
  }
  a->head = NULL;
}
