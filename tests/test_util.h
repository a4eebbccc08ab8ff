/*
 * Helpers shared by the unit tests.
 */
#ifndef GUARANTOR_TEST_UTIL_H
#define GUARANTOR_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>

#include "guarantor/sim.h"

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

/* Simulation options with these draws, seed and threads, the rest at
 * their defaults. */
static inline gr_sim_options test_sim_options(uint64_t draws, uint64_t seed, int threads) {
  gr_sim_options o;
  gr_sim_options_init(&o, sizeof o);
  o.draws = draws;
  o.seed = seed;
  o.threads = threads;
  return o;
}

#endif /* GUARANTOR_TEST_UTIL_H */
