/*
 * Differences, not only levels (issue 13): PRIM on synthetic data with a
 * known box, its significance guard on data without signal, its edge
 * cases; the Sobol indices of a difference of two arrangements on known
 * answers; scenario discovery's invariance to the number of threads.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "guarantor/guarantor.h"
#include "mc/prim.h"
#include "mc/rng.h"
#include "test_util.h"

static gr_catalog *cat;
static gr_params *params;

static int setup(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  cat = gr_catalog_new();
  if (gr_catalog_load_builtin(cat, &err) != GR_OK || gr_catalog_validate(cat, &err) != GR_OK) return -1;
  int rc = gr_params_new(cat, &params, &err) == GR_OK ? 0 : -1;
  gr_error_clear(&err);
  return rc;
}

static int teardown(void **state) {
  (void)state;
  gr_params_free(params);
  gr_catalog_free(cat);
  return 0;
}

static const gr__prim_options prim_defaults = {0.05, 0.05, 0.05, 0.8, 0.01, 3};

/* n x k uniform inputs from a Philox stream. */
static double *uniform_inputs(size_t n, size_t k, uint64_t seed) {
  double *x = malloc(n * k * sizeof *x);
  assert_non_null(x);
  for (size_t i = 0; i < n; i++) {
    gr__stream s;
    gr__stream_init(&s, seed, i, 0x7e570000u);
    for (size_t j = 0; j < k; j++) x[i * k + j] = gr__uniform(&s);
  }
  return x;
}

/* A label flipped with probability `noise`, from its own stream. */
static unsigned char noisy(int truth, double noise, uint64_t seed, size_t i) {
  gr__stream s;
  gr__stream_init(&s, seed, i, 0x7e571000u);
  return (unsigned char)(gr__uniform(&s) < noise ? !truth : truth);
}

/* y = 1 iff x0 < 0.3 and x1 > 0.6, 5 % of labels flipped, two inputs that
 * do not matter: the box is x0 < 0.3, x1 > 0.6, nothing else. */
static void test_prim_recovers_a_known_box(void **state) {
  (void)state;
  size_t n = 6000, k = 4;
  double *x = uniform_inputs(n, k, 11);
  unsigned char *y = malloc(n);
  assert_non_null(y);
  for (size_t i = 0; i < n; i++) y[i] = noisy(x[i * k] < 0.3 && x[i * k + 1] > 0.6, 0.05, 11, i);
  gr__prim_result r;
  assert_int_equal(gr__prim_cover(x, n, k, y, &prim_defaults, &r), 0);
  assert_true(r.nboxes >= 1);
  const gr__prim_box *b = &r.boxes[0];
  assert_true(b->accepted);
  fprintf(stderr, "box: x0 in [%g, %g], x1 in [%g, %g], x2 in [%g, %g], x3 in [%g, %g]; coverage %.3f density %.3f "
                  "mass %.3f p %.2g\n",
          b->lo[0], b->hi[0], b->lo[1], b->hi[1], b->lo[2], b->hi[2], b->lo[3], b->hi[3], b->coverage, b->density,
          b->mass, b->p_value);
  /* The box of largest coverage at density 0.8 reaches a little beyond the
   * true one, where the noise's 1s keep the density above 0.8. */
  assert_true(isinf(b->lo[0]) && fabs(b->hi[0] - 0.3) < 0.08);
  assert_true(fabs(b->lo[1] - 0.6) < 0.08 && isinf(b->hi[1]));
  assert_true(isinf(b->lo[2]) && isinf(b->hi[2]) && isinf(b->lo[3]) && isinf(b->hi[3]));
  /* The true box holds 12 % of the draws, 95 % of them 1s. */
  assert_true(b->coverage > 0.6 && b->density > 0.8 && fabs(b->mass - 0.12) < 0.03);
  assert_true(b->p_value < 1e-10);
  /* The trajectory starts at the whole box and its chosen step is on it. */
  assert_true(b->ntraj > 2 && b->chosen > 0 && b->chosen < b->ntraj);
  assert_true(b->traj[0].mass == 1.0 && b->traj[0].coverage == 1.0 && b->traj[0].restricted == 0);
  /* Any further box is the noise left: refused, or accepted only with a
   * small coverage. */
  for (size_t i = 1; i < r.nboxes; i++) assert_true(!r.boxes[i].accepted || r.boxes[i].coverage < 0.2);
  gr__prim_result_free(&r);
  /* Asking for density 0.9 gives the true box more tightly. */
  gr__prim_options tight = prim_defaults;
  tight.density_min = 0.9;
  assert_int_equal(gr__prim_cover(x, n, k, y, &tight, &r), 0);
  b = &r.boxes[0];
  assert_true(b->accepted && b->density > 0.85);
  assert_true(isinf(b->lo[0]) && fabs(b->hi[0] - 0.3) < 0.04);
  assert_true(fabs(b->lo[1] - 0.6) < 0.04 && isinf(b->hi[1]));
  gr__prim_result_free(&r);
  free(x);
  free(y);
}

/* Labels that do not depend on the inputs: PRIM still finds a box on the
 * search half, and the guard refuses it on the held-out half. Over ten
 * seeds, at most one box (p < 0.01 by chance) may pass. */
static void test_prim_refuses_noise(void **state) {
  (void)state;
  size_t n = 3000, k = 6;
  int passed = 0;
  for (uint64_t seed = 1; seed <= 10; seed++) {
    double *x = uniform_inputs(n, k, seed);
    unsigned char *y = malloc(n);
    assert_non_null(y);
    for (size_t i = 0; i < n; i++) y[i] = noisy(0, 0.2, seed + 100, i);
    gr__prim_result r;
    assert_int_equal(gr__prim_cover(x, n, k, y, &prim_defaults, &r), 0);
    assert_true(r.nboxes >= 1);
    if (r.boxes[0].accepted) passed++;
    else assert_non_null(strstr(r.boxes[0].reason, "no restriction"));
    if (seed == 1) {
      assert_false(r.boxes[0].accepted);
      fprintf(stderr, "noise: %s\n", r.boxes[0].reason);
    }
    gr__prim_result_free(&r);
    free(x);
    free(y);
  }
  assert_true(passed <= 1);
}

/* A box real on the search half and absent from the held-out half (the
 * labels of the odd rows are noise): the peeling and the pruning, which
 * see only the search half, keep it; the binomial test on the held-out
 * half refuses it. */
static void test_prim_guard_refuses_an_unreplicated_box(void **state) {
  (void)state;
  size_t n = 4000, k = 3;
  double *x = uniform_inputs(n, k, 21);
  unsigned char *y = malloc(n);
  assert_non_null(y);
  for (size_t i = 0; i < n; i++) y[i] = i % 2 ? noisy(0, 0.2, 21, i) : (unsigned char)(x[i * k] < 0.2);
  gr__prim_result r;
  assert_int_equal(gr__prim_cover(x, n, k, y, &prim_defaults, &r), 0);
  assert_int_equal(r.nboxes, 1);
  const gr__prim_box *b = &r.boxes[0];
  fprintf(stderr, "unreplicated: %s\n", b->reason);
  assert_false(b->accepted);
  assert_true(fabs(b->hi[0] - 0.2) < 0.05);
  assert_true(b->p_value >= 0.01);
  assert_non_null(strstr(b->reason, "artefact"));
  gr__prim_result_free(&r);
  free(x);
  free(y);
}

static void test_prim_edges(void **state) {
  (void)state;
  gr__prim_result r;
  size_t n = 400;
  double *x = uniform_inputs(n, 1, 5);
  unsigned char *y = malloc(n);
  assert_non_null(y);
  /* Every outcome the same: nothing to locate. */
  memset(y, 1, n);
  assert_int_equal(gr__prim_cover(x, n, 1, y, &prim_defaults, &r), 0);
  assert_int_equal(r.nboxes, 0);
  assert_non_null(strstr(r.reason, "the same in all"));
  memset(y, 0, n);
  assert_int_equal(gr__prim_cover(x, n, 1, y, &prim_defaults, &r), 0);
  assert_int_equal(r.nboxes, 0);
  /* Too few rows to find and test a box. */
  for (size_t i = 0; i < n; i++) y[i] = x[i] > 0.5;
  assert_int_equal(gr__prim_cover(x, 10, 1, y, &prim_defaults, &r), 0);
  assert_int_equal(r.nboxes, 0);
  assert_non_null(strstr(r.reason, "too few draws"));
  assert_int_equal(gr__prim_cover(x, 0, 1, y, &prim_defaults, &r), 0);
  assert_int_equal(r.nboxes, 0);
  /* One input: y = 1 iff x > 0.8. */
  for (size_t i = 0; i < n; i++) y[i] = x[i] > 0.8;
  assert_int_equal(gr__prim_cover(x, n, 1, y, &prim_defaults, &r), 0);
  assert_true(r.nboxes >= 1 && r.boxes[0].accepted);
  assert_true(fabs(r.boxes[0].lo[0] - 0.8) < 0.05 && isinf(r.boxes[0].hi[0]));
  assert_true(r.boxes[0].density > 0.9);
  gr__prim_result_free(&r);
  /* Ties: an input of three values; y = 1 iff it is the largest. */
  for (size_t i = 0; i < n; i++) {
    x[i] = floor(x[i] * 3);
    y[i] = x[i] == 2;
  }
  assert_int_equal(gr__prim_cover(x, n, 1, y, &prim_defaults, &r), 0);
  assert_true(r.nboxes >= 1 && r.boxes[0].accepted);
  assert_true(r.boxes[0].lo[0] > 1 && r.boxes[0].lo[0] <= 2 && r.boxes[0].density == 1.0);
  gr__prim_result_free(&r);
  gr__prim_result_free(NULL);
  free(x);
  free(y);
}

static const gr_scenario *default_case(void) {
  return gr_catalog_find(cat, GR_REC_SCENARIO, "after-ceasefire-offensive-zaporizhzhia");
}

static bool has_parameter(const gr_sensitivity *s, const gr_parameter *p) {
  for (size_t i = 0; i < s->n; i++)
    if (s->items[i].parameter == p) return true;
  return false;
}

/* The inputs of a difference are the union of what either decision reads,
 * and a parameter only one arrangement reads can carry index. */
static void test_difference_inputs_are_the_union(void **state) {
  (void)state;
  const gr_arrangement *a = gr_catalog_arrangement(cat, "nato-lite-2025"), *b = gr_catalog_arrangement(cat, "coalition-2025");
  gr_sim_options so = test_sim_options(0, 3, 2);
  gr_error err = GR_ERROR_INIT;
  gr_sensitivity *sa = NULL, *sb = NULL, *d = NULL;
  assert_int_equal(gr_sensitivity_scenario_new(cat, params, a, default_case(), NULL, 0, 64, &so, &sa, &err), GR_OK);
  assert_int_equal(gr_sensitivity_scenario_new(cat, params, b, default_case(), NULL, 0, 64, &so, &sb, &err), GR_OK);
  assert_int_equal(gr_sensitivity_difference_new(cat, params, a, b, default_case(), NULL, NULL, NULL, 0, 1024, &so,
                                                 &d, &err),
                   GR_OK);
  assert_ptr_equal(d->arrangement, a);
  assert_ptr_equal(d->versus, b);
  assert_null(sa->versus);
  size_t only = 0;
  for (size_t i = 0; i < sa->n; i++) assert_true(has_parameter(d, sa->items[i].parameter));
  for (size_t i = 0; i < sb->n; i++) assert_true(has_parameter(d, sb->items[i].parameter));
  for (size_t i = 0; i < d->n; i++) {
    bool in_a = has_parameter(sa, d->items[i].parameter), in_b = has_parameter(sb, d->items[i].parameter);
    assert_true(in_a || in_b);
    only += in_a != in_b;
  }
  assert_true(only > 0);
  /* A parameter one side alone reads moves D: some such carries a total
   * index clearly above zero. */
  double only_total = 0;
  for (size_t i = 0; i < d->n; i++)
    if (has_parameter(sa, d->items[i].parameter) != has_parameter(sb, d->items[i].parameter)) {
      fprintf(stderr, "read by one side only: %s, total %.3f [%.3f, %.3f]\n", d->items[i].parameter->id,
              d->items[i].index.total, d->items[i].index.total_lo, d->items[i].index.total_hi);
      if (d->items[i].index.total_lo > only_total) only_total = d->items[i].index.total_lo;
    }
  assert_true(only_total > 0.01);
  assert_true(d->variance > 0);
  for (size_t i = 0; i < d->n; i++) {
    assert_true(d->items[i].index.total > -0.05 && d->items[i].index.total < 1.05);
    if (i) assert_true(d->items[i - 1].index.total >= d->items[i].index.total);
  }
  char *json = gr_sensitivity_to_json(d, 0);
  assert_non_null(json);
  assert_non_null(strstr(json, "\"versus\": \"coalition-2025\""));
  gr_free(json);
  gr_sensitivity_free(sa);
  gr_sensitivity_free(sb);
  gr_sensitivity_free(d);
  gr_error_clear(&err);
}

/* A copy of an arrangement under another id deters exactly as much for
 * every θ: D is 0, its variance 0, every index 0. */
static void test_difference_of_a_copy_is_zero(void **state) {
  (void)state;
  char path[512];
  snprintf(path, sizeof path, "%s/data/arrangements/coalition-2025.yaml", GR_SOURCE_DIR);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  static char buf[1 << 17];
  size_t len = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[len] = '\0';
  char *at = strstr(buf, "id: coalition-2025");
  assert_non_null(at);
  memcpy(at, "id: coalition-2026", strlen("id: coalition-2026"));
  gr_error err = GR_ERROR_INIT;
  gr_catalog *c = gr_catalog_new();
  assert_int_equal(gr_catalog_load_builtin(c, &err), GR_OK);
  assert_int_equal(gr_catalog_load_buffer(c, "copy.yaml", buf, len, &err), GR_OK);
  assert_int_equal(gr_catalog_validate(c, &err), GR_OK);
  gr_params *ps = NULL;
  assert_int_equal(gr_params_new(c, &ps, &err), GR_OK);
  gr_sim_options so = test_sim_options(0, 1, 2);
  gr_sensitivity *d = NULL;
  const gr_scenario *sc = gr_catalog_find(c, GR_REC_SCENARIO, "after-ceasefire-offensive-zaporizhzhia");
  assert_int_equal(gr_sensitivity_difference_new(c, ps, gr_catalog_arrangement(c, "coalition-2025"),
                                                 gr_catalog_arrangement(c, "coalition-2026"), sc, NULL, NULL, NULL, 0,
                                                 256, &so, &d, &err),
                   GR_OK);
  assert_true(d->n > 0);
  assert_true(d->mean == 0 && d->variance == 0);
  for (size_t i = 0; i < d->n; i++) assert_true(d->items[i].index.first == 0 && d->items[i].index.total == 0);
  /* The ordering never flips: no box is searched for, and it says why. */
  gr_discovery *disc = NULL;
  gr_discovery_options o;
  gr_discovery_options_init(&o, sizeof o);
  o.draws = 500;
  assert_int_equal(gr_discovery_new(c, ps, gr_catalog_arrangement(c, "coalition-2025"),
                                    gr_catalog_arrangement(c, "coalition-2026"), sc, NULL, NULL, NULL, 0, &so, &o,
                                    &disc, &err),
                   GR_OK);
  assert_int_equal(disc->nboxes, 0);
  assert_int_equal(disc->a_beats_b.k, 0);
  assert_non_null(strstr(disc->reason, "the same in all"));
  gr_discovery_free(disc);
  gr_sensitivity_free(d);
  gr_params_free(ps);
  gr_catalog_free(c);
  gr_error_clear(&err);
}

static gr_discovery *discover(int threads, uint64_t draws) {
  gr_sim_options so = test_sim_options(0, 7, threads);
  gr_discovery_options o;
  gr_discovery_options_init(&o, sizeof o);
  o.draws = draws;
  gr_discovery *d = NULL;
  gr_error err = GR_ERROR_INIT;
  assert_int_equal(gr_discovery_new(cat, params, gr_catalog_arrangement(cat, "nato-lite-2025"),
                                    gr_catalog_arrangement(cat, "coalition-2025"), default_case(), NULL, NULL, NULL, 0,
                                    &so, &o, &d, &err),
                   GR_OK);
  gr_error_clear(&err);
  return d;
}

/* Same seed, any number of threads: the same draws, labels and boxes, to
 * the bit. */
static void test_discovery_thread_invariant(void **state) {
  (void)state;
  gr_discovery *d1 = discover(1, 6000), *d4 = discover(4, 6000);
  assert_int_equal(d1->a_beats_b.k, d4->a_beats_b.k);
  assert_memory_equal(&d1->difference, &d4->difference, sizeof d1->difference);
  assert_int_equal(d1->nboxes, d4->nboxes);
  assert_true(d1->nboxes >= 1);
  for (size_t i = 0; i < d1->nboxes; i++) {
    const gr_discovery_box *a = &d1->boxes[i], *b = &d4->boxes[i];
    assert_int_equal(a->nbounds, b->nbounds);
    assert_memory_equal(a->bounds, b->bounds, a->nbounds * sizeof *a->bounds);
    assert_true(a->coverage == b->coverage && a->density == b->density && a->mass == b->mass &&
                a->p_value == b->p_value && a->accepted == b->accepted);
    assert_int_equal(a->ntrajectory, b->ntrajectory);
    /* Bounds are in the parameters' own units, inside what the draws took. */
    for (size_t j = 0; j < a->nbounds; j++) assert_true(a->bounds[j].has_lo || a->bounds[j].has_hi);
    assert_true(a->coverage >= 0 && a->coverage <= 1 && a->mass > 0 && a->mass <= 1);
  }
  char *j1 = NULL;
  gr_json *w = gr_json_new(0);
  gr_json_discovery(w, d1);
  j1 = gr_json_finish(w);
  assert_non_null(j1);
  assert_non_null(strstr(j1, "\"boxes\""));
  gr_free(j1);
  gr_discovery_free(d1);
  gr_discovery_free(d4);
  /* The indices of the difference likewise. */
  gr_sim_options s1 = test_sim_options(0, 5, 1), s3 = test_sim_options(0, 5, 3);
  gr_sensitivity *x1 = NULL, *x3 = NULL;
  gr_error err = GR_ERROR_INIT;
  const gr_arrangement *a = gr_catalog_arrangement(cat, "nato-lite-2025"), *b = gr_catalog_arrangement(cat, "coalition-2025");
  assert_int_equal(gr_sensitivity_difference_new(cat, params, a, b, default_case(), NULL, NULL, NULL, 0, 256, &s1, &x1, &err), GR_OK);
  assert_int_equal(gr_sensitivity_difference_new(cat, params, a, b, default_case(), NULL, NULL, NULL, 0, 256, &s3, &x3, &err), GR_OK);
  assert_int_equal(x1->n, x3->n);
  assert_memory_equal(x1->items, x3->items, x1->n * sizeof *x1->items);
  assert_true(x1->mean == x3->mean && x1->variance == x3->variance);
  gr_sensitivity_free(x1);
  gr_sensitivity_free(x3);
  gr_error_clear(&err);
}

static void test_misuse_and_free_null(void **state) {
  (void)state;
  gr_discovery_free(NULL);
  gr_sensitivity_free(NULL);
  const gr_arrangement *a = gr_catalog_arrangement(cat, "nato-lite-2025");
  gr_sim_options so = test_sim_options(0, 1, 1);
  gr_error err = GR_ERROR_INIT;
  gr_sensitivity *s = NULL;
  gr_discovery *d = NULL;
  assert_int_equal(gr_sensitivity_difference_new(cat, params, a, a, default_case(), NULL, NULL, NULL, 0, 64, &so, &s, &err), GR_E_ARG);
  assert_null(s);
  assert_int_equal(gr_discovery_new(cat, params, a, gr_catalog_arrangement(cat, "coalition-2025"), NULL, NULL, NULL,
                                    NULL, 0, &so, NULL, &d, &err),
                   GR_E_ARG);
  assert_null(d);
  gr_discovery_options o;
  gr_discovery_options_init(&o, sizeof o);
  o.peel_alpha = 0.7;
  assert_int_equal(gr_discovery_new(cat, params, a, gr_catalog_arrangement(cat, "coalition-2025"), default_case(), NULL,
                                    NULL, NULL, 0, &so, &o, &d, &err),
                   GR_E_ARG);
  gr_discovery_options bad;
  memset(&bad, 0, sizeof bad);
  assert_int_equal(gr_discovery_new(cat, params, a, gr_catalog_arrangement(cat, "coalition-2025"), default_case(), NULL,
                                    NULL, NULL, 0, &so, &bad, &d, &err),
                   GR_E_MISUSE);
  assert_null(d);
  gr_error_clear(&err);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_prim_recovers_a_known_box),
      cmocka_unit_test(test_prim_refuses_noise),
      cmocka_unit_test(test_prim_guard_refuses_an_unreplicated_box),
      cmocka_unit_test(test_prim_edges),
      cmocka_unit_test(test_difference_inputs_are_the_union),
      cmocka_unit_test(test_difference_of_a_copy_is_zero),
      cmocka_unit_test(test_discovery_thread_invariant),
      cmocka_unit_test(test_misuse_and_free_null),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
