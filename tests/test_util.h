/*
 * Helpers shared by the unit tests.
 */
#ifndef GUARANTOR_TEST_UTIL_H
#define GUARANTOR_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>

/* The whole file as a NUL-terminated string (caller frees), or NULL. */
static inline char *test_read_all(const char *path) {
  FILE *fp = fopen(path, "rb");
  if (fp == NULL) return NULL;
  fseek(fp, 0, SEEK_END);
  long n = ftell(fp);
  fseek(fp, 0, SEEK_SET);
  char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
  if (s != NULL && fread(s, 1, (size_t)n, fp) != (size_t)n) {
    free(s);
    s = NULL;
  }
  if (s != NULL) s[n] = '\0';
  fclose(fp);
  return s;
}

#endif /* GUARANTOR_TEST_UTIL_H */
