/*
 * Scenario discovery for the ordering of two arrangements: where in the
 * parameter space does B deter at least as much as A, when A usually
 * deters more (or the reverse)? The parameter draws are the engine's own
 * (gr__sample_theta, draws 0..n-1 of the seed); the boxes are found by
 * PRIM (prim.c; Friedman & Fisher 1999; Bryant & Lempert 2010).
 * docs/discovery.md states the method, its defaults and its limits.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "catalog/ready.h"
#include "guarantor/discovery.h"
#include "mc/mc.h"
#include "mc/prim.h"

/* The most draws: GSL's binomial distribution counts in unsigned ints. */
#define MAX_DRAWS 10000000u

void gr_discovery_options_init(gr_discovery_options *o, size_t size) {
  if (o == NULL || size < sizeof o->size) return;
  gr_discovery_options d;
  memset(&d, 0, sizeof d);
  d.size = size < sizeof d ? size : sizeof d;
  d.draws = 20000;
  d.threshold = 0;
  d.peel_alpha = 0.05;
  d.paste_alpha = 0.05;
  d.mass_min = 0.05;
  d.density_min = 0.8;
  d.significance = 0.01;
  d.max_boxes = 3;
  memcpy(o, &d, d.size);
}

/* The caller's options (NULL: the defaults) in a full-size struct, checked. */
static gr_status read_options(const gr_discovery_options *in, gr_discovery_options *o, const char *fn,
                              gr_error *err) {
  gr_discovery_options_init(o, sizeof *o);
  if (in != NULL) {
    if (in->size < offsetof(gr_discovery_options, draws) + sizeof in->draws || in->size > (size_t)1 << 20)
      return gr__fail(err, GR_E_MISUSE, "%s: the options were not set up with gr_discovery_options_init()", fn);
    memcpy(o, in, in->size < sizeof *o ? in->size : sizeof *o);
    o->size = sizeof *o;
  }
  if (o->draws == 0 || o->draws > MAX_DRAWS)
    return gr__fail(err, GR_E_ARG, "%s: draws must be from 1 to %u", fn, MAX_DRAWS);
  if (!(o->peel_alpha > 0 && o->peel_alpha < 0.5) || !(o->paste_alpha > 0 && o->paste_alpha < 0.5))
    return gr__fail(err, GR_E_ARG, "%s: peel_alpha and paste_alpha must lie in (0, 0.5)", fn);
  if (!(o->mass_min > 0 && o->mass_min < 1) || !(o->density_min >= 0 && o->density_min <= 1) ||
      !(o->significance > 0 && o->significance < 1) || !isfinite(o->threshold))
    return gr__fail(err, GR_E_ARG,
                    "%s: mass_min and significance must lie in (0, 1), density_min in [0, 1], threshold finite", fn);
  if (o->max_boxes > GR__PRIM_MAX_BOXES)
    return gr__fail(err, GR_E_ARG, "%s: at most %d boxes", fn, GR__PRIM_MAX_BOXES);
  return GR_OK;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* The 10th, 50th and 90th percentiles of v[0..n) (type 7 of Hyndman & Fan
 * 1996) and its mean, summed in draw order; sorts `scratch`. */
static gr_spread spread(const double *v, size_t n, double *scratch) {
  gr_spread s = {NAN, NAN, NAN, NAN, n};
  if (n == 0) return s;
  double sum = 0;
  for (size_t i = 0; i < n; i++) sum += v[i];
  s.mean = sum / (double)n;
  memcpy(scratch, v, n * sizeof *v);
  qsort(scratch, n, sizeof *scratch, cmp_double);
  const double q[3] = {0.1, 0.5, 0.9};
  double *out[3] = {&s.lo, &s.median, &s.hi};
  for (int i = 0; i < 3; i++) {
    double h = (double)(n - 1) * q[i];
    size_t j = (size_t)floor(h);
    double f = h - (double)j;
    *out[i] = j + 1 < n ? scratch[j] + f * (scratch[j + 1] - scratch[j]) : scratch[j];
  }
  return s;
}

/* The public box from PRIM's, naming the parameters of its inputs. */
static int copy_box(const gr__prim_box *pb, const gr_params *ps, const int *which, size_t k, gr_discovery_box *b) {
  memset(b, 0, sizeof *b);
  size_t nb = 0;
  for (size_t j = 0; j < k; j++) nb += !isinf(pb->lo[j]) || !isinf(pb->hi[j]);
  b->bounds = calloc(nb ? nb : 1, sizeof *b->bounds);
  b->trajectory = malloc((pb->ntraj ? pb->ntraj : 1) * sizeof *b->trajectory);
  if (b->bounds == NULL || b->trajectory == NULL) return -1;
  for (size_t j = 0; j < k; j++) {
    if (isinf(pb->lo[j]) && isinf(pb->hi[j])) continue;
    gr_discovery_bound *x = &b->bounds[b->nbounds++];
    x->parameter = ps->p[which[j]];
    x->has_lo = !isinf(pb->lo[j]);
    x->has_hi = !isinf(pb->hi[j]);
    x->lo = pb->lo[j];
    x->hi = pb->hi[j];
  }
  if (pb->ntraj) memcpy(b->trajectory, pb->traj, pb->ntraj * sizeof *pb->traj);
  b->ntrajectory = pb->ntraj;
  b->chosen = pb->chosen;
  b->coverage = pb->coverage;
  b->density = pb->density;
  b->mass = pb->mass;
  b->draws = pb->count;
  b->flips = pb->positives;
  b->base_rate = pb->base_rate;
  b->p_value = pb->p_value;
  b->accepted = pb->accepted;
  memcpy(b->reason, pb->reason, sizeof b->reason);
  return 0;
}

gr_status gr_discovery_new(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *a,
                           const gr_arrangement *b, const gr_scenario *sc, const gr_event *ev,
                           const gr_facts *facts_a, const gr_facts *facts_b, gr_date as_of,
                           const gr_sim_options *options, const gr_discovery_options *dopts, gr_discovery **out,
                           gr_error *err) {
  static const char fn[] = "gr_discovery_new";
  if (ps == NULL || out == NULL || a == NULL || b == NULL) return gr__fail(err, GR_E_ARG, "%s: NULL argument", fn);
  *out = NULL;
  if ((sc == NULL) == (ev == NULL)) return gr__fail(err, GR_E_ARG, "%s: give a scenario or an event, not both", fn);
  if (a == b) return gr__fail(err, GR_E_ARG, "%s: the two arrangements are the same", fn);
  gr_sim_options so;
  gr_discovery_options o;
  if (gr__catalog_ready(cat, fn, err) != GR_OK ||
      gr__catalog_has(cat, sc ? GR_REC_SCENARIO : GR_REC_EVENT, sc ? (const void *)sc : (const void *)ev, fn, err) !=
          GR_OK ||
      gr__catalog_has(cat, GR_REC_ARRANGEMENT, a, fn, err) != GR_OK ||
      gr__catalog_has(cat, GR_REC_ARRANGEMENT, b, fn, err) != GR_OK ||
      gr__sim_options_read(options, &so, fn, err) != GR_OK || read_options(dopts, &o, fn, err) != GR_OK)
    return err ? err->code : GR_E_MISUSE;
  gr__carr c[2];
  memset(c, 0, sizeof c);
  gr_status st = gr__compile(cat, a, sc, ev, facts_a, as_of, &c[0], err);
  if (st != GR_OK) return st;
  gr__carr_delays(&c[0], ps);
  st = gr__compile(cat, b, sc, ev, facts_b, as_of, &c[1], err);
  if (st != GR_OK) {
    gr__carr_free(&c[0]);
    return st;
  }
  gr__carr_delays(&c[1], ps);
  const gr__carr *cs[2] = {&c[0], &c[1]};
  int which[GR__P_COUNT];
  size_t k = gr__uncertain_inputs(ps, cs, 2, which);
  size_t n = (size_t)o.draws;
  int nth = gr__thread_count(so.threads);
  size_t max_obs = c[0].nobs > c[1].nobs ? c[0].nobs : c[1].nobs, max_g = c[0].ng > c[1].ng ? c[0].ng : c[1].ng;
  /* Everything the draws need, allocated before them. */
  double *x = malloc((k ? k : 1) * n * sizeof *x);
  double *d = malloc(n * sizeof *d), *scratch = malloc(n * sizeof *scratch);
  unsigned char *y = malloc(n);
  gr__work *works = calloc((size_t)nth, sizeof *works);
  gr_discovery *r = calloc(1, sizeof *r);
  bool nomem = x == NULL || d == NULL || scratch == NULL || y == NULL || works == NULL || r == NULL;
  if (r) r->inputs = malloc((k ? k : 1) * sizeof *r->inputs);
  nomem |= r == NULL || r->inputs == NULL;
  for (int t = 0; !nomem && t < nth; t++) nomem = gr__work_init(&works[t], max_obs, max_g) != 0;
  gr__prim_result pr;
  memset(&pr, 0, sizeof pr);
  if (nomem) {
    st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
    goto done;
  }
  /* D(θ) for each draw, written to the draw's slot: the same for any
   * number of threads. */
#pragma omp parallel num_threads(nth)
  {
    int tid = 0;
#ifdef _OPENMP
    tid = omp_get_thread_num();
#endif
    double th[GR__P_COUNT];
#pragma omp for schedule(static)
    for (size_t i = 0; i < n; i++) {
      gr__sample_theta(ps, so.seed, i, th);
      for (size_t j = 0; j < k; j++) x[i * k + j] = th[which[j]];
      d[i] = gr__deterred_given(&c[0], th, &works[tid]) - gr__deterred_given(&c[1], th, &works[tid]);
    }
  }
  uint64_t ahead = 0;
  for (size_t i = 0; i < n; i++) ahead += d[i] > o.threshold;
  /* The flip is the minority ordering: "B at least as good" when A is
   * ahead in most draws (or half), else "A ahead". */
  r->flip_is_b = 2 * ahead >= n;
  for (size_t i = 0; i < n; i++) y[i] = (unsigned char)((d[i] > o.threshold) != r->flip_is_b);
  gr__prim_options po = {o.peel_alpha, o.paste_alpha, o.mass_min, o.density_min, o.significance, o.max_boxes};
  if (gr__prim_cover(x, n, k, y, &po, &pr) != 0) {
    st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
    goto done;
  }
  r->boxes = calloc(pr.nboxes ? pr.nboxes : 1, sizeof *r->boxes);
  if (r->boxes == NULL) {
    st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
    goto done;
  }
  for (size_t i = 0; i < pr.nboxes; i++) {
    r->nboxes++;
    if (copy_box(&pr.boxes[i], ps, which, k, &r->boxes[i]) != 0) {
      st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
      goto done;
    }
  }
  memcpy(r->reason, pr.reason, sizeof r->reason);
  r->a = a;
  r->b = b;
  r->scenario = sc;
  r->event = sc ? c[0].event : ev;
  r->as_of = c[0].as_of;
  r->draws = n;
  r->seed = so.seed;
  r->params_hash = ps->hash;
  r->threshold = o.threshold;
  r->a_beats_b = gr_wilson(ahead, n, 1.959963984540054);
  r->difference = spread(d, n, scratch);
  for (size_t j = 0; j < k; j++) r->inputs[j] = ps->p[which[j]];
  r->ninputs = k;
done:
  gr__prim_result_free(&pr);
  for (int t = 0; works && t < nth; t++) gr__work_free(&works[t]);
  free(works);
  free(x);
  free(d);
  free(scratch);
  free(y);
  gr__carr_free(&c[0]);
  gr__carr_free(&c[1]);
  if (st != GR_OK) {
    gr_discovery_free(r);
    return st;
  }
  *out = r;
  gr__ok(err);
  return GR_OK;
}

void gr_discovery_free(gr_discovery *d) {
  if (d == NULL) return;
  for (size_t i = 0; d->boxes && i < d->nboxes; i++) {
    free(d->boxes[i].bounds);
    free(d->boxes[i].trajectory);
  }
  free(d->boxes);
  free(d->inputs);
  free(d);
}

/* ---- As JSON ------------------------------------------------------------- */

static void json_step(gr_json *w, const gr_discovery_step *s) {
  gr_json_begin_object(w);
  gr_json_key(w, "coverage");
  gr_json_number(w, s->coverage);
  gr_json_key(w, "density");
  gr_json_number(w, s->density);
  gr_json_key(w, "mass");
  gr_json_number(w, s->mass);
  gr_json_key(w, "restricted");
  gr_json_uint(w, s->restricted);
  gr_json_end_object(w);
}

static void json_box(gr_json *w, const gr_discovery_box *b) {
  gr_json_begin_object(w);
  gr_json_key(w, "accepted");
  gr_json_bool(w, b->accepted);
  gr_json_key(w, "reason");
  gr_json_string(w, b->accepted ? NULL : b->reason);
  gr_json_key(w, "bounds");
  gr_json_begin_array(w);
  for (size_t i = 0; i < b->nbounds; i++) {
    const gr_discovery_bound *x = &b->bounds[i];
    gr_json_begin_object(w);
    gr_json_key(w, "parameter");
    gr_json_string(w, x->parameter->id);
    gr_json_key(w, "lo");
    if (x->has_lo) gr_json_number(w, x->lo);
    else gr_json_null(w);
    gr_json_key(w, "hi");
    if (x->has_hi) gr_json_number(w, x->hi);
    else gr_json_null(w);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  gr_json_key(w, "coverage");
  gr_json_number(w, b->coverage);
  gr_json_key(w, "density");
  gr_json_number(w, b->density);
  gr_json_key(w, "mass");
  gr_json_number(w, b->mass);
  gr_json_key(w, "held_out_draws");
  gr_json_uint(w, b->draws);
  gr_json_key(w, "held_out_flips");
  gr_json_uint(w, b->flips);
  gr_json_key(w, "base_rate");
  gr_json_number(w, b->base_rate);
  gr_json_key(w, "p_value");
  gr_json_number(w, b->p_value);
  gr_json_key(w, "trajectory");
  gr_json_begin_array(w);
  for (size_t i = 0; i < b->ntrajectory; i++) json_step(w, &b->trajectory[i]);
  gr_json_end_array(w);
  gr_json_key(w, "chosen");
  gr_json_uint(w, b->chosen);
  gr_json_end_object(w);
}

void gr_json_discovery(gr_json *w, const gr_discovery *d) {
  char hash[20];
  snprintf(hash, sizeof hash, "%016llx", (unsigned long long)d->params_hash);
  gr_json_begin_object(w);
  gr_json_key(w, "a");
  gr_json_string(w, d->a->id);
  gr_json_key(w, "b");
  gr_json_string(w, d->b->id);
  gr_json_key(w, "scenario");
  gr_json_string(w, d->scenario ? d->scenario->id : NULL);
  gr_json_key(w, "event");
  gr_json_string(w, d->event ? d->event->id : NULL);
  gr_json_key(w, "as_of");
  gr_json_date(w, d->as_of);
  gr_json_key(w, "draws");
  gr_json_uint(w, d->draws);
  gr_json_key(w, "seed");
  gr_json_uint(w, d->seed);
  gr_json_key(w, "params_hash");
  gr_json_string(w, hash);
  gr_json_key(w, "threshold");
  gr_json_number(w, d->threshold);
  gr_json_key(w, "a_beats_b");
  gr__json_proportion(w, &d->a_beats_b);
  gr_json_key(w, "flip");
  gr_json_string(w, d->flip_is_b ? "b_at_least_as_good" : "a_ahead");
  gr_json_key(w, "difference");
  gr__json_spread(w, &d->difference);
  gr_json_key(w, "inputs");
  gr_json_begin_array(w);
  for (size_t i = 0; i < d->ninputs; i++) gr_json_string(w, d->inputs[i]->id);
  gr_json_end_array(w);
  gr_json_key(w, "boxes");
  gr_json_begin_array(w);
  for (size_t i = 0; i < d->nboxes; i++) json_box(w, &d->boxes[i]);
  gr_json_end_array(w);
  gr_json_key(w, "reason");
  gr_json_string(w, d->reason[0] ? d->reason : NULL);
  gr_json_end_object(w);
}
