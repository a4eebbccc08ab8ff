/*
 * Benchmark driver for bench/run.py (not a test: it prints measurements).
 *
 *   gr_bench model  ARR EVENT                 the compiled model as JSON, for
 *                                             the NumPy peer to implement
 *   gr_bench engine ARR EVENT DRAWS THREADS   run the C engine; JSON timing
 *   gr_bench floor  ARR EVENT DRAWS SHARE     only the random numbers a draw
 *                                             consumes (SHARE: the share of
 *                                             draws that attack); JSON timing
 *   gr_bench compare DRAWS THREADS            all catalog arrangements at once
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "guarantor/catalog.h"
#include "guarantor/sim.h"
#include "bench/model_dump.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int usage(void) {
  fprintf(stderr, "usage: gr_bench model ARR EVENT | engine ARR EVENT DRAWS THREADS | floor ARR EVENT DRAWS SHARE | "
                  "compare DRAWS THREADS\n");
  return 2;
}

int main(int argc, char **argv) {
  if (argc < 2) return usage();
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  gr_params *ps = NULL;
  if (gr_catalog_load_builtin(cat, &err) != GR_OK || gr_catalog_validate(cat, &err) != GR_OK ||
      gr_params_new(cat, &ps, &err) != GR_OK) {
    fprintf(stderr, "gr_bench: %s\n", err.message);
    return 1;
  }
  int rc = 0;
  if (!strcmp(argv[1], "compare") && argc == 4) {
    size_t n = gr_catalog_count(cat, GR_REC_ARRANGEMENT);
    const gr_arrangement **arrs = calloc(n, sizeof *arrs);
    gr_sim_result **res = calloc(n, sizeof *res);
    for (size_t i = 0; i < n; i++) arrs[i] = gr_catalog_at(cat, GR_REC_ARRANGEMENT, i);
    gr_sim_options o;
    gr_sim_options_init(&o, sizeof o);
    o.draws = strtoull(argv[2], NULL, 10);
    o.threads = atoi(argv[3]);
    double t0 = now();
    if (gr_simulate(cat, ps, arrs, n, gr_catalog_event(cat, "offensive-zaporizhzhia"), NULL, 0, &o, res, &err) != GR_OK) {
      fprintf(stderr, "gr_bench: %s\n", err.message);
      return 1;
    }
    double t = now() - t0;
    printf("{\"arrangements\": %zu, \"draws\": %llu, \"threads\": %d, \"seconds\": %.6f}\n", n,
           (unsigned long long)o.draws, o.threads, t);
    for (size_t i = 0; i < n; i++) gr_sim_result_free(res[i]);
    free(res);
    free(arrs);
  } else if (argc >= 4) {
    const gr_arrangement *arr = gr_catalog_arrangement(cat, argv[2]);
    const gr_event *ev = gr_catalog_event(cat, argv[3]);
    if (arr == NULL || ev == NULL) return usage();
    if (!strcmp(argv[1], "model") && argc == 4) {
      char *json = bench_model_json(cat, ps, arr, ev, NULL, 0);
      fputs(json ? json : "null\n", stdout);
      free(json);
    } else if (!strcmp(argv[1], "engine") && argc == 6) {
      gr_sim_options o;
      gr_sim_options_init(&o, sizeof o);
      o.draws = strtoull(argv[4], NULL, 10);
      o.threads = atoi(argv[5]);
      gr_sim_result *r = NULL;
      double t0 = now();
      if (gr_simulate(cat, ps, &arr, 1, ev, NULL, 0, &o, &r, &err) != GR_OK) {
        fprintf(stderr, "gr_bench: %s\n", err.message);
        return 1;
      }
      double t = now() - t0;
      printf("{\"draws\": %llu, \"threads\": %d, \"seconds\": %.6f, \"deterred\": %llu, \"deterred_lo\": %.6f, "
             "\"deterred_hi\": %.6f, \"holds\": %llu, \"attacks\": %llu}\n",
             (unsigned long long)r->draws, r->threads, t, (unsigned long long)r->deterred.k, r->deterred.lo,
             r->deterred.hi, (unsigned long long)r->holds.k, (unsigned long long)r->holds.n);
      gr_sim_result_free(r);
    } else if (!strcmp(argv[1], "floor") && argc == 6) {
      double per = 0;
      uint64_t draws = strtoull(argv[4], NULL, 10);
      double t0 = now();
      uint64_t sink = bench_floor(cat, ps, arr, ev, draws, 1, atof(argv[5]), &per);
      double t = now() - t0;
      printf("{\"draws\": %llu, \"seconds\": %.6f, \"blocks_per_draw\": %.3f, \"sink\": %llu}\n",
             (unsigned long long)draws, t, per, (unsigned long long)(sink & 0xff));
    } else {
      rc = usage();
    }
  } else {
    rc = usage();
  }
  gr_params_free(ps);
  gr_catalog_free(cat);
  return rc;
}
