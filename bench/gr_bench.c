/*
 * Benchmark driver for bench/run.py (not a test: it prints measurements).
 *
 *   gr_bench model  ARR CASE                  the compiled model as JSON, for
 *                                             the NumPy peer to implement
 *   gr_bench engine ARR CASE DRAWS THREADS    run the C engine; JSON timing
 *                                             and the headline counts
 *   gr_bench floor  ARR CASE DRAWS SHARES     only the random numbers a draw
 *                                             consumes; JSON timing
 *   gr_bench weigh  ARR CASE DRAWS            the engine's parameter vectors,
 *                                             option values and choices of
 *                                             the first DRAWS draws, as JSON
 *   gr_bench compare DRAWS THREADS            all catalog arrangements at once
 *
 * Options before the mode: --history loads the backtest's historical
 * cases too (data/history), -f FILE a catalog file of one's own (as the
 * CLI's -f), so that the peer can be checked on cases the built-in
 * catalog lacks (help delivered before the attack, a force cap, a date
 * before 1945).
 *
 * CASE is an event or a scenario id. SHARES says how often a draw opens
 * the streams an attack opens, as the engine's run measured them (`engine`
 * prints them): "BASE,PROBE,STRIKE,BLOCKADE,OFFENSIVE,INVASION", the share
 * of draws where the case with no guarantee is attacked, then the share
 * where the aggressor chooses each option against the arrangement.
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
  fprintf(stderr, "usage: gr_bench [--history] [-f FILE]... MODE ...\n"
                  "  MODE: model ARR CASE | engine ARR CASE DRAWS THREADS | floor ARR CASE DRAWS "
                  "BASE,PROBE,STRIKE,BLOCKADE,OFFENSIVE,INVASION | weigh ARR CASE DRAWS | compare DRAWS THREADS\n"
                  "  (CASE: an event or a scenario)\n");
  return 2;
}

int main(int argc, char **argv) {
  bool history = false;
  enum { MAX_FILES = 32 };
  const char *files[MAX_FILES];
  int nfiles = 0, arg = 1;
  while (arg < argc && argv[arg][0] == '-') {
    if (!strcmp(argv[arg], "--history")) {
      history = true;
      arg++;
    } else if (!strcmp(argv[arg], "-f") && arg + 1 < argc && nfiles < MAX_FILES) {
      files[nfiles++] = argv[arg + 1];
      arg += 2;
    } else {
      return usage();
    }
  }
  argv += arg - 1; /* argv[1] is the mode from here on. */
  argc -= arg - 1;
  if (argc < 2) return usage();
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  gr_params *ps = NULL;
  gr_status loaded = gr_catalog_load_builtin(cat, &err);
  if (loaded == GR_OK && history) loaded = gr_catalog_load_history(cat, &err);
  for (int f = 0; loaded == GR_OK && f < nfiles; f++) loaded = gr_catalog_load_file(cat, files[f], &err);
  if (loaded != GR_OK || gr_catalog_validate(cat, &err) != GR_OK || gr_params_new(cat, &ps, &err) != GR_OK) {
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
    const gr_scenario *sc = ev ? NULL : gr_catalog_find(cat, GR_REC_SCENARIO, argv[3]);
    if (arr == NULL || (ev == NULL && sc == NULL)) return usage();
    if (!strcmp(argv[1], "model") && argc == 4) {
      char *json = bench_model_json(cat, ps, arr, sc, ev, NULL, 0);
      fputs(json ? json : "null\n", stdout);
      free(json);
    } else if (!strcmp(argv[1], "weigh") && argc == 5) {
      if (bench_weigh_json(cat, ps, arr, sc, ev, strtoull(argv[4], NULL, 10), 1, stdout) != 0) {
        fprintf(stderr, "gr_bench: the case does not compile, or out of memory\n");
        rc = 1;
      }
    } else if (!strcmp(argv[1], "engine") && argc == 6) {
      gr_sim_options o;
      gr_sim_options_init(&o, sizeof o);
      o.draws = strtoull(argv[4], NULL, 10);
      o.threads = atoi(argv[5]);
      gr_sim_result *r = NULL;
      double t0 = now();
      gr_status st = sc ? gr_simulate_scenario(cat, ps, &arr, 1, sc, NULL, 0, &o, &r, &err)
                        : gr_simulate(cat, ps, &arr, 1, ev, NULL, 0, &o, &r, &err);
      if (st != GR_OK) {
        fprintf(stderr, "gr_bench: %s\n", err.message);
        return 1;
      }
      double t = now() - t0;
      printf("{\"draws\": %llu, \"threads\": %d, \"seconds\": %.6f, ", (unsigned long long)r->draws, r->threads, t);
      printf("\"deterred\": %llu, \"deterred_lo\": %.6f, \"deterred_hi\": %.6f, ", (unsigned long long)r->deterred.k,
             r->deterred.lo, r->deterred.hi);
      printf("\"attacks\": %llu, \"attack_lo\": %.6f, \"attack_hi\": %.6f, ", (unsigned long long)r->attack.k,
             r->attack.lo, r->attack.hi);
      printf("\"succeeds\": %llu, \"succeeds_lo\": %.6f, \"succeeds_hi\": %.6f, ", (unsigned long long)r->succeeds.k,
             r->succeeds.lo, r->succeeds.hi);
      printf("\"holds\": %llu, \"base_attacks\": %llu, \"base_succeeds\": %llu, ", (unsigned long long)r->holds.k,
             (unsigned long long)r->base_attack.k, (unsigned long long)r->base_succeeds.k);
      printf("\"fewer_attacks\": %.6f, \"fewer_attacks_lo\": %.6f, \"fewer_attacks_hi\": %.6f, ",
             r->fewer_attacks.estimate, r->fewer_attacks.lo, r->fewer_attacks.hi);
      printf("\"fewer_successes\": %.6f, \"fewer_successes_lo\": %.6f, \"fewer_successes_hi\": %.6f, ",
             r->fewer_successes.estimate, r->fewer_successes.lo, r->fewer_successes.hi);
      printf("\"chosen\": {");
      for (int k = 0; k < GR_OPTION__COUNT; k++)
        printf("%s\"%s\": %llu", k ? ", " : "", gr_attack_option_name(k), (unsigned long long)r->chosen[k].k);
      /* For bench/peer_check.py: help at all, and each obligation's and
       * guarantor's honours as [k, n] (obligations in the model's order). */
      printf("}, \"no_help\": %llu, \"honoured\": [", (unsigned long long)r->no_help.k);
      for (size_t i = 0; i < r->nobligations; i++)
        printf("%s[%llu, %llu]", i ? ", " : "", (unsigned long long)r->obligations[i].honoured.k,
               (unsigned long long)r->obligations[i].honoured.n);
      printf("], \"honours_any\": [");
      for (size_t g = 0; g < r->nguarantors; g++)
        printf("%s[%llu, %llu]", g ? ", " : "", (unsigned long long)r->guarantors[g].honours_any.k,
               (unsigned long long)r->guarantors[g].honours_any.n);
      printf("]}\n");
      gr_sim_result_free(r);
    } else if (!strcmp(argv[1], "floor") && argc == 6) {
      /* BASE, then one share per option in gr_attack_option order. */
      double shares[1 + GR_OPTION__COUNT] = {0};
      char *p = argv[5], *end;
      for (int k = 0; k < 1 + GR_OPTION__COUNT; k++) {
        shares[k] = strtod(p, &end);
        if (end == p || (k < GR_OPTION__COUNT ? *end != ',' : *end != '\0')) return usage();
        p = end + 1;
      }
      double per = 0;
      uint64_t draws = strtoull(argv[4], NULL, 10);
      double t0 = now();
      uint64_t sink = bench_floor(cat, ps, arr, sc, ev, draws, 1, shares[0], shares + 1, &per);
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
