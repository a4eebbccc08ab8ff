/*
 * Sobol indices of P(deterred) for one arrangement, or of the difference
 * P_A(deterred) - P_B(deterred) of two arrangements evaluated on the same
 * parameter vector, over the uncertain parameters the decisions read
 * (gr_sobol in sobol.c does the estimation).
 */
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "mc/dist.h"
#include "catalog/ready.h"
#include "mc/mc.h"
#include "guarantor/discovery.h"

/* ---- Sensitivity of P(deterred) ------------------------------------- */

typedef struct sens_ctx {
  const gr_params *ps;
  const gr__carr *c;
  const gr__carr *versus; /* NULL: Y = P(deterred | θ) of c; else Y = c's minus versus's. */
  const int *which; /* Parameter index of each input. */
  size_t k;
  gr__work *works;  /* One per thread of gr_sobol's parallel region. */
} sens_ctx;

int gr__thread_count(int requested) {
#ifdef _OPENMP
  return requested > 0 ? requested : omp_get_max_threads();
#else
  (void)requested;
  return 1;
#endif
}

void gr__theta_at_means(const gr_params *ps, double *th) {
  for (int j = 0; j < GR__P_COUNT; j++)
    th[j] = ps->p[j]->distribution == GR_DIST_FIXED ? ps->p[j]->value : gr__param_mean(ps->p[j]);
}

double gr__deterred_given(const gr__carr *c, const double *th, gr__work *work) {
  gr__weighing w;
  gr__weigh(c, th, work, &w);
  return gr__p_no_attack(c, &w, th);
}

static double deterred_at(const double *x, void *vctx) {
  const sens_ctx *s = vctx;
  double th[GR__P_COUNT];
  gr__theta_at_means(s->ps, th);
  for (size_t i = 0; i < s->k; i++)
    th[s->which[i]] = gr__in_domain(s->which[i], gr__param_quantile(s->ps->p[s->which[i]], x[i]));
  int tid = 0;
#ifdef _OPENMP
  tid = omp_get_thread_num();
#endif
  double y = gr__deterred_given(s->c, th, &s->works[tid]);
  if (s->versus) y -= gr__deterred_given(s->versus, th, &s->works[tid]);
  return y;
}

static int by_total(const void *a, const void *b, void *ctx) {
  (void)ctx;
  double x = ((const gr_sensitivity_item *)a)->index.total, y = ((const gr_sensitivity_item *)b)->index.total;
  return x > y ? -1 : x < y;
}

static gr_status sensitivity(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *arr,
                             const gr_arrangement *versus, const gr_scenario *sc, const gr_event *ev,
                             const gr_facts *facts, const gr_facts *versus_facts, gr_date as_of,
                             uint64_t base_samples, const gr_sim_options *options, gr_sensitivity **out,
                             const char *fn, gr_error *err);

gr_status gr_sensitivity_new(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *arr,
                             const gr_event *ev, const gr_facts *facts, gr_date as_of, uint64_t base_samples,
                             const gr_sim_options *options, gr_sensitivity **out, gr_error *err) {
  static const char fn[] = "gr_sensitivity_new";
  if (ps == NULL || out == NULL) return gr__fail(err, GR_E_ARG, "%s: NULL argument", fn);
  *out = NULL;
  if (gr__catalog_ready(cat, fn, err) != GR_OK || gr__catalog_has(cat, GR_REC_EVENT, ev, fn, err) != GR_OK)
    return err ? err->code : GR_E_MISUSE;
  return sensitivity(cat, ps, arr, NULL, NULL, ev, facts, NULL, as_of, base_samples, options, out, fn, err);
}

gr_status gr_sensitivity_scenario_new(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *arr,
                                      const gr_scenario *sc, const gr_facts *facts, gr_date as_of,
                                      uint64_t base_samples, const gr_sim_options *options, gr_sensitivity **out,
                                      gr_error *err) {
  static const char fn[] = "gr_sensitivity_scenario_new";
  if (ps == NULL || out == NULL) return gr__fail(err, GR_E_ARG, "%s: NULL argument", fn);
  *out = NULL;
  if (gr__catalog_ready(cat, fn, err) != GR_OK || gr__catalog_has(cat, GR_REC_SCENARIO, sc, fn, err) != GR_OK)
    return err ? err->code : GR_E_MISUSE;
  return sensitivity(cat, ps, arr, NULL, sc, NULL, facts, NULL, as_of, base_samples, options, out, fn, err);
}

/* Set reads[j] for every parameter j the aggressor's decision reads for
 * compiled arrangement c (docs/model.md, section 6, "Inputs"). */
static void decision_reads(const gr__carr *c, bool *reads) {
  static const int always[] = {GR__P_HONOUR_BASE, GR__P_COST_COMBAT, GR__P_PERCEPTION_BIAS, GR__P_AGGRESSOR_OPTIMISM,
                               GR__P_DECISION_NOISE, GR__P_DEFENCE_SHARE, GR__P_FORCE_RATIO_THRESHOLD,
                               GR__P_SUCCESS_SLOPE, GR__P_HOLD_DAYS, GR__P_HOLD_ELASTICITY};
  for (size_t i = 0; i < sizeof always / sizeof always[0]; i++) reads[always[i]] = true;
  if (c->post1945) reads[GR__P_HONOUR_POST_1945] = true;
  for (int o = 0; o < GR_OPTION__COUNT; o++) {
    if (!(c->available >> o & 1u)) continue;
    const gr__option_row *op = &gr__options[o];
    if (op->share >= 0) reads[op->share] = true;
    reads[op->gain] = reads[op->cost] = true;
    if (o == GR_OPTION_PROBE) reads[GR__P_PROBE_LOCAL_SHARE] = true;
    if (op->fight == GR__FIGHT_STRIKE) reads[GR__P_STRIKE_SUCCESS] = true;
    if (op->fight == GR__FIGHT_BLOCKADE) reads[GR__P_BLOCKADE_SUCCESS] = reads[GR__P_BLOCKADE_BREAK] = true;
  }
  for (size_t i = 0; i < c->nobs; i++) {
    const gr__cob *b = &c->obs[i];
    bool any = b->standing || b->engaged;
    for (int o = 0; o < GR_OPTION__COUNT; o++) any |= b->acts[o];
    if (!any) continue;
    if (gr__legal_shift[b->form] >= 0) reads[gr__legal_shift[b->form]] = true;
    if (gr__activation_shift[b->activation] >= 0) reads[gr__activation_shift[b->activation]] = true;
    if (gr__commitment_shift[b->commitment] >= 0) reads[gr__commitment_shift[b->commitment]] = true;
    reads[gr__kinds[b->kind].cost] = true;
    if (b->tripwire) reads[GR__P_TRIPWIRE] = true;
    if (b->approval) reads[GR__P_APPROVAL] = true;
    if (b->nuclear) reads[GR__P_NUCLEAR] = true;
    if (b->said == 2) reads[GR__P_SAID_REFUSES] = true;
    if (b->said == 1) reads[GR__P_SAID_RELUCTANT] = true;
    if (gr__kinds[b->kind].factor >= 0) reads[gr__kinds[b->kind].factor] = true;
    int pc = gr__kinds[b->kind].punish;
    if (pc == GR__PUN_MILITARY) reads[GR__P_PUNISH_MILITARY] = true;
    if (pc == GR__PUN_MILITARY && b->g_nuclear) reads[GR__P_NUCLEAR_PUNISHMENT] = true;
    if (pc == GR__PUN_SANCTIONS) reads[GR__P_PUNISH_SANCTIONS] = true;
    if (pc == GR__PUN_SUPPORT) reads[GR__P_PUNISH_SUPPORT] = true;
    if (b->kind == GR_OB_REASSURANCE_FORCE || b->kind == GR_OB_MILITARY_INTERVENTION) reads[GR__P_GUARANTOR_QUALITY] = true;
    if (b->kind == GR_OB_REASSURANCE_FORCE && !b->engaged) reads[GR__P_RESERVE_SHARE] = true;
    if (b->kind == GR_OB_MILITARY_INTERVENTION && !(b->troops > 0)) reads[GR__P_INTERVENTION_SHARE] = true;
    if (gr__kinds[b->kind].buys) {
      reads[GR__P_ARMS_TROOPS_PER_BUSD] = true;
      if (b->standing) reads[GR__P_ARMS_YEARS] = true;
      if (b->value < 0) reads[GR__P_ARMS_DEFAULT_MUSD] = true;
    }
  }
}

size_t gr__uncertain_inputs(const gr_params *ps, const gr__carr *const *cs, size_t n, int *which) {
  /* The uncertain parameters the decision reads for these arrangements
   * and case (the union): the rest (delays, drawn after the decision; shifts of legal
   * forms, modes or kinds it does not have; options not open to it)
   * have indices of exactly zero and are left out, which also keeps the
   * design low-dimensional. */
  bool reads[GR__P_COUNT] = {false};
  for (size_t a = 0; a < n; a++) decision_reads(cs[a], reads);
  size_t k = 0;
  for (int j = 0; j < GR__P_FIRST_DELAY; j++)
    if (reads[j] && ps->p[j]->distribution != GR_DIST_FIXED) which[k++] = j;
  return k;
}

static gr_status sensitivity(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *arr,
                             const gr_arrangement *versus, const gr_scenario *sc, const gr_event *ev,
                             const gr_facts *facts, const gr_facts *versus_facts, gr_date as_of,
                             uint64_t base_samples, const gr_sim_options *options, gr_sensitivity **out,
                             const char *fn, gr_error *err) {
  gr_sim_options opts;
  if (gr__sim_options_read(options, &opts, fn, err) != GR_OK ||
      gr__catalog_has(cat, GR_REC_ARRANGEMENT, arr, fn, err) != GR_OK ||
      (versus && gr__catalog_has(cat, GR_REC_ARRANGEMENT, versus, fn, err) != GR_OK))
    return err ? err->code : GR_E_MISUSE;
  /* Both arrangements compiled against the same case: c[1] only with a
   * second arrangement. */
  gr__carr c[2];
  memset(c, 0, sizeof c);
  size_t narr = versus ? 2 : 1;
  gr_status st = gr__compile(cat, arr, sc, ev, facts, as_of, &c[0], err);
  if (st != GR_OK) return st;
  gr__carr_delays(&c[0], ps);
  if (versus) {
    st = gr__compile(cat, versus, sc, ev, versus_facts, as_of, &c[1], err);
    if (st != GR_OK) {
      gr__carr_free(&c[0]);
      return st;
    }
    gr__carr_delays(&c[1], ps);
  }
  const gr__carr *cs[2] = {&c[0], &c[1]};
  int which[GR__P_COUNT];
  size_t k = gr__uncertain_inputs(ps, cs, narr, which);
  size_t max_obs = c[0].nobs, max_g = c[0].ng;
  if (versus && c[1].nobs > max_obs) max_obs = c[1].nobs;
  if (versus && c[1].ng > max_g) max_g = c[1].ng;
  /* A workspace for each thread gr_sobol will run, as it counts them. */
  int nth = gr__thread_count(opts.threads);
  gr_sensitivity *s = calloc(1, sizeof *s);
  gr_sobol_index *idx = calloc(k ? k : 1, sizeof *idx);
  gr__work *works = calloc((size_t)nth, sizeof *works);
  bool nomem = s == NULL || idx == NULL || works == NULL;
  if (s) s->items = calloc(k ? k : 1, sizeof *s->items);
  nomem |= s == NULL || s->items == NULL;
  for (int t = 0; !nomem && t < nth; t++) nomem = gr__work_init(&works[t], max_obs, max_g) != 0;
  uint64_t done = 0;
  if (nomem) {
    st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  } else {
    sens_ctx ctx = {ps, &c[0], versus ? &c[1] : NULL, which, k, works};
    st = gr_sobol(k, base_samples, deterred_at, &ctx, 200, &opts, idx, &s->mean, &s->variance, &done, err);
  }
  for (int t = 0; works && t < nth; t++) gr__work_free(&works[t]);
  free(works);
  for (size_t a = 0; a < narr; a++) gr__carr_free(&c[a]);
  if (st != GR_OK) {
    free(idx);
    gr_sensitivity_free(s);
    return st;
  }
  s->arrangement = arr;
  s->versus = versus;
  s->base_samples = done;
  s->partial = done < base_samples;
  s->n = k;
  for (size_t i = 0; i < k; i++) {
    s->items[i].parameter = ps->p[which[i]];
    s->items[i].index = idx[i];
  }
  free(idx);
  /* Rank by total-order index, ties by parameter order (stable). */
  gr__sort(s->items, k, sizeof *s->items, by_total, NULL);
  *out = s;
  gr__ok(err);
  return GR_OK;
}

gr_status gr_sensitivity_difference_new(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *a,
                                        const gr_arrangement *b, const gr_scenario *sc, const gr_event *ev,
                                        const gr_facts *facts_a, const gr_facts *facts_b, gr_date as_of,
                                        uint64_t base_samples, const gr_sim_options *options, gr_sensitivity **out,
                                        gr_error *err) {
  static const char fn[] = "gr_sensitivity_difference_new";
  if (ps == NULL || out == NULL || b == NULL) return gr__fail(err, GR_E_ARG, "%s: NULL argument", fn);
  *out = NULL;
  if ((sc == NULL) == (ev == NULL)) return gr__fail(err, GR_E_ARG, "%s: give a scenario or an event, not both", fn);
  if (a == b) return gr__fail(err, GR_E_ARG, "%s: the two arrangements are the same", fn);
  if (gr__catalog_ready(cat, fn, err) != GR_OK ||
      gr__catalog_has(cat, sc ? GR_REC_SCENARIO : GR_REC_EVENT, sc ? (const void *)sc : (const void *)ev, fn, err) != GR_OK)
    return err ? err->code : GR_E_MISUSE;
  return sensitivity(cat, ps, a, b, sc, ev, facts_a, facts_b, as_of, base_samples, options, out, fn, err);
}

void gr_sensitivity_free(gr_sensitivity *s) {
  if (s == NULL) return;
  free(s->items);
  free(s);
}
