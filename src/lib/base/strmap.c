/*
 * A map from strings to indices: open addressing with linear probing,
 * FNV-1a hashes, the table kept at most half full. The keys are borrowed:
 * they must outlive the map (a catalog's ids live in its arena).
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

uint64_t gr__fnv1a(const void *data, size_t len, uint64_t h) {
  const unsigned char *p = data;
  for (size_t i = 0; i < len; i++) h = (h ^ p[i]) * 1099511628211ULL;
  return h;
}

static size_t slot_of(const gr__strmap *m, const char *key) {
  size_t mask = m->cap - 1, i = (size_t)gr__fnv1a(key, strlen(key), GR__FNV_OFFSET) & mask;
  while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0) i = (i + 1) & mask;
  return i;
}

static int grow(gr__strmap *m) {
  size_t cap = m->cap ? m->cap * 2 : 64;
  const char **keys = calloc(cap, sizeof *keys);
  size_t *vals = calloc(cap, sizeof *vals);
  if (keys == NULL || vals == NULL) {
    free(keys);
    free(vals);
    return -1;
  }
  gr__strmap next = {keys, vals, cap, 0};
  for (size_t i = 0; i < m->cap; i++)
    if (m->keys[i] != NULL) {
      size_t s = slot_of(&next, m->keys[i]);
      next.keys[s] = m->keys[i];
      next.vals[s] = m->vals[i];
      next.n++;
    }
  free(m->keys);
  free(m->vals);
  *m = next;
  return 0;
}

int gr__strmap_put(gr__strmap *m, const char *key, size_t value) {
  if ((m->n + 1) * 2 > m->cap && grow(m) != 0) return -1;
  size_t s = slot_of(m, key);
  if (m->keys[s] == NULL) {
    m->keys[s] = key;
    m->n++;
  }
  m->vals[s] = value;
  return 0;
}

bool gr__strmap_get(const gr__strmap *m, const char *key, size_t *value) {
  if (m->cap == 0 || key == NULL) return false;
  size_t s = slot_of(m, key);
  if (m->keys[s] == NULL) return false;
  if (value) *value = m->vals[s];
  return true;
}

void gr__strmap_free(gr__strmap *m) {
  free(m->keys);
  free(m->vals);
  memset(m, 0, sizeof *m);
}
