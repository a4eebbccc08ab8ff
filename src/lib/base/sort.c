/*
 * A stable sort: merge sort with a scratch buffer, falling back to an
 * in-place insertion sort by swaps (stable too, quadratic, needing no
 * memory) when the buffer cannot be had, so that sorting never fails.
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

static void insertion(char *a, size_t n, size_t size, gr__cmp_fn cmp, void *ctx, char *tmp) {
  for (size_t i = 1; i < n; i++) {
    memcpy(tmp, a + i * size, size);
    size_t j = i;
    while (j > 0 && cmp(a + (j - 1) * size, tmp, ctx) > 0) {
      memcpy(a + j * size, a + (j - 1) * size, size);
      j--;
    }
    memcpy(a + j * size, tmp, size);
  }
}

/* Sort a[0..n) using scratch[0..n); runs of up to 8 by insertion. */
static void merge_sort(char *a, size_t n, size_t size, gr__cmp_fn cmp, void *ctx, char *scratch) {
  if (n <= 8) {
    insertion(a, n, size, cmp, ctx, scratch);
    return;
  }
  size_t h = n / 2;
  merge_sort(a, h, size, cmp, ctx, scratch);
  merge_sort(a + h * size, n - h, size, cmp, ctx, scratch);
  if (cmp(a + (h - 1) * size, a + h * size, ctx) <= 0) return; /* Already in order. */
  memcpy(scratch, a, n * size);
  size_t i = 0, j = h, k = 0;
  while (i < h && j < n) {
    /* Ties take the left element first: stable. */
    if (cmp(scratch + j * size, scratch + i * size, ctx) < 0) memcpy(a + k++ * size, scratch + j++ * size, size);
    else memcpy(a + k++ * size, scratch + i++ * size, size);
  }
  if (i < h) memcpy(a + k * size, scratch + i * size, (h - i) * size);
  if (j < n) memcpy(a + k * size, scratch + j * size, (n - j) * size);
}

void gr__sort(void *base, size_t n, size_t size, gr__cmp_fn cmp, void *ctx) {
  if (n < 2 || size == 0) return;
  char *scratch = n <= SIZE_MAX / size ? malloc(n * size) : NULL;
  if (scratch != NULL) {
    merge_sort(base, n, size, cmp, ctx, scratch);
    free(scratch);
    return;
  }
  /* No memory for the buffer: insertion by adjacent swaps needs none. */
  char *a = base;
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && cmp(a + (j - 1) * size, a + j * size, ctx) > 0; j--)
      for (size_t b = 0; b < size; b++) {
        char t = a[(j - 1) * size + b];
        a[(j - 1) * size + b] = a[j * size + b];
        a[j * size + b] = t;
      }
}
