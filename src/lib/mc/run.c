/*
 * The Monte Carlo run: draws in batches over threads (OpenMP) and
 * processes (a caller's reduction), integer counters per thread summed at
 * the end, so that a result is bit-identical for any number of either;
 * stopping rules; the result with its intervals.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "catalog/ready.h"
#include "mc/mc.h"
#include "mc/stats.h"

/* ---- The run ------------------------------------------------------------ */

/* The scalar counters of c, in a fixed order. */
static void scalars(gr__counts *c, uint64_t **f) {
  uint64_t *p[] = {&c->draws, &c->deterred, &c->attacks, &c->holds, &c->helped, &c->succeeds,
                   &c->base_attacks, &c->both_attack, &c->base_succeeds, &c->both_succeed,
                   &c->bl_attacks,   &c->both_attack_bl, &c->bl_succeeds, &c->both_succeed_bl};
  enum { NP = sizeof p / sizeof p[0] };
  _Static_assert(NP + GR_OPTION__COUNT == GR__NCOUNTS, "GR__NCOUNTS counts every scalar counter");
  for (int i = 0; i < NP; i++) f[i] = p[i];
  for (int o = 0; o < GR_OPTION__COUNT; o++) f[NP + o] = &c->chosen[o];
}

static void add_counts(gr__counts *to, gr__counts *from, size_t nobs, size_t ng) {
  uint64_t *t[GR__NCOUNTS], *f[GR__NCOUNTS];
  scalars(to, t);
  scalars(from, f);
  for (int i = 0; i < GR__NCOUNTS; i++) *t[i] += *f[i];
  for (size_t d = 0; d < GR__HIST_DAYS; d++) to->hist[d] += from->hist[d];
  for (size_t i = 0; i < 2 * nobs; i++) to->ob[i] += from->ob[i];
  for (size_t g = 0; g < ng; g++) to->g[g] += from->g[g];
}

static void counts_free(gr__counts *c, size_t n) {
  if (c == NULL) return;
  for (size_t a = 0; a < n; a++) {
    free(c[a].ob);
    free(c[a].g);
  }
  free(c);
}

static void counts_zero(gr__counts *c, const gr__carr *cs, size_t n) {
  for (size_t a = 0; a < n; a++) {
    uint64_t *ob = c[a].ob, *g = c[a].g;
    memset(ob, 0, sizeof(uint64_t) * (2 * cs[a].nobs + 1));
    memset(g, 0, sizeof(uint64_t) * (cs[a].ng + 1));
    memset(&c[a], 0, sizeof c[a]);
    c[a].ob = ob;
    c[a].g = g;
  }
}

static gr__counts *counts_new(const gr__carr *cs, size_t n) {
  gr__counts *c = calloc(n, sizeof *c);
  if (c == NULL) return NULL;
  for (size_t a = 0; a < n; a++) {
    c[a].ob = calloc(2 * cs[a].nobs + 1, sizeof(uint64_t));
    c[a].g = calloc(cs[a].ng + 1, sizeof(uint64_t));
    if (c[a].ob == NULL || c[a].g == NULL) {
      counts_free(c, n); /* calloc left the others NULL. */
      return NULL;
    }
  }
  return c;
}

/* Counters as one flat array (for a reduction across processes): per
 * arrangement the scalar counters, the histogram, the
 * obligations' and the guarantors' gr__counts. */
static size_t flat_size(const gr__carr *cs, size_t n) {
  size_t k = 0;
  for (size_t a = 0; a < n; a++) k += GR__NCOUNTS + GR__HIST_DAYS + 2 * cs[a].nobs + cs[a].ng;
  return k;
}

static void flatten(gr__counts *c, const gr__carr *cs, size_t n, uint64_t *out, bool back) {
  size_t k = 0;
  for (size_t a = 0; a < n; a++) {
    uint64_t *fields[GR__NCOUNTS];
    scalars(&c[a], fields);
    for (int f = 0; f < GR__NCOUNTS; f++, k++) {
      if (back) *fields[f] = out[k];
      else out[k] = *fields[f];
    }
    for (size_t d = 0; d < GR__HIST_DAYS; d++, k++) {
      if (back) c[a].hist[d] = out[k];
      else out[k] = c[a].hist[d];
    }
    for (size_t i = 0; i < 2 * cs[a].nobs; i++, k++) {
      if (back) c[a].ob[i] = out[k];
      else out[k] = c[a].ob[i];
    }
    for (size_t g = 0; g < cs[a].ng; g++, k++) {
      if (back) c[a].g[g] = out[k];
      else out[k] = c[a].g[g];
    }
  }
}

/* The paired difference base - this of two proportions on the same n
 * draws, from the discordant counts: b draws where only this one is
 * counted, c where only the base is (Agresti 2013, section 11.1: the
 * Wald interval with the paired variance). */
static gr_difference paired(uint64_t only_this, uint64_t only_base, uint64_t n, double z) {
  gr_difference d = {NAN, NAN, NAN};
  if (n == 0) return d;
  double b = (double)only_this, c = (double)only_base, m = (double)n;
  d.estimate = (c - b) / m;
  double var = (b + c - (c - b) * (c - b) / m) / (m * m);
  double h = z * sqrt(var > 0 ? var : 0);
  d.lo = d.estimate - h;
  d.hi = d.estimate + h;
  return d;
}

static gr_difference fewer_attacks(const gr__counts *t, double z) {
  return paired(t->attacks - t->both_attack, t->base_attacks - t->both_attack, t->draws, z);
}

static gr_difference fewer_successes(const gr__counts *t, double z) {
  return paired(t->succeeds - t->both_succeed, t->base_succeeds - t->both_succeed, t->draws, z);
}

/* The same against the options' baseline: this - baseline. */
static gr_difference vs(uint64_t mine, uint64_t theirs, uint64_t both, uint64_t n, double z) {
  gr_difference d = paired(theirs - both, mine - both, n, z);
  return d;
}

/* ---- The spread over the priors ------------------------------------------- */

/* Of each arrangement, three quantities of θ are kept for the first
 * GR_SPREAD_DRAWS draws (P(deterred | θ), its gain over no guarantee, its
 * difference from the baseline), each slot written by the one thread and
 * process that ran its draw, so the percentiles do not depend on how the
 * draws were shared. Stored in fixed point (x + 1) 2^52, exact for a
 * double in [-1, 1], so that processes can sum them as integers. */
enum { SPREAD_DETERRED, SPREAD_FEWER, SPREAD_VS, SPREAD__COUNT };
static const double spread_scale = 4503599627370496.0; /* 2^52 */

static uint64_t spread_encode(double x) {
  if (!(x >= -1)) x = -1; /* Also a NaN, which the model does not make. */
  if (x > 1) x = 1;
  return (uint64_t)((x + 1) * spread_scale);
}

/* Rearrange x[0..n) so that x[k] is its k-th smallest (0-based), the
 * smaller before it and the larger after: Hoare's selection (Hoare 1961,
 * Algorithm 65: FIND, Communications of the ACM 4(7)), the pivot the median
 * of three; O(n) on average, where a sort would be O(n log n). */
static double select_kth(double *x, uint64_t n, uint64_t k) {
  uint64_t lo = 0, hi = n - 1;
  while (hi > lo) {
    uint64_t mid = lo + (hi - lo) / 2;
    double a = x[lo], b = x[mid], c = x[hi];
    double pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
    uint64_t i = lo, j = hi;
    while (i <= j) {
      while (x[i] < pivot) i++;
      while (x[j] > pivot) j--;
      if (i <= j) {
        double t = x[i];
        x[i] = x[j];
        x[j] = t;
        i++;
        if (j == 0) break;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break; /* x[j+1 .. i-1] equal the pivot, and k is among them. */
  }
  return x[k];
}

/* The percentiles (type 7 of Hyndman & Fan 1996: linear between order
 * statistics) and the mean of slots[0..m), with scratch for m doubles. */
static gr_spread spread_of(const uint64_t *slots, uint64_t m, double *scratch) {
  gr_spread s = {NAN, NAN, NAN, NAN, m};
  if (m == 0) return s;
  double sum = 0;
  for (uint64_t i = 0; i < m; i++) {
    scratch[i] = (double)slots[i] / spread_scale - 1;
    sum += scratch[i];
  }
  s.mean = sum / (double)m;
  const double q[3] = {0.1, 0.5, 0.9};
  double *out[3] = {&s.lo, &s.median, &s.hi};
  for (int k = 0; k < 3; k++) {
    double h = (double)(m - 1) * q[k];
    uint64_t j = (uint64_t)h;
    double f = h - (double)j, v = select_kth(scratch, m, j), next = v;
    /* The next order statistic: the least of those after the j-th. */
    if (j + 1 < m) {
      next = scratch[j + 1];
      for (uint64_t i = j + 2; i < m; i++)
        if (scratch[i] < next) next = scratch[i];
    }
    *out[k] = v + f * (next - v);
  }
  return s;
}

static bool precise_enough(const gr__counts *tot, size_t n, double precision) {
  const double z = 1.959964;
  for (size_t a = 0; a < n; a++) {
    gr_proportion d = gr_wilson(tot[a].attacks, tot[a].draws, z);
    if (d.n == 0 || (d.hi - d.lo) / 2 >= precision) return false;
    gr_proportion s = gr_wilson(tot[a].succeeds, tot[a].draws, z);
    if ((s.hi - s.lo) / 2 >= precision) return false;
    gr_difference f = fewer_attacks(&tot[a], z), g = fewer_successes(&tot[a], z);
    if ((f.hi - f.lo) / 2 >= precision || (g.hi - g.lo) / 2 >= precision) return false;
  }
  return true;
}

/* -d, with no negative zero (which would print as "-0.000"). */
static gr_difference turned(const gr_difference *d) {
  return (gr_difference){0 - d->estimate + 0.0, 0 - d->hi + 0.0, 0 - d->lo + 0.0};
}

static gr_sim_result *make_result(const gr__carr *c, const gr__counts *t, const gr_sim_options *o,
                                  uint64_t hash, int threads, bool partial, const gr__carr *baseline,
                                  const uint64_t *spread, uint64_t stride, uint64_t m, double *scratch) {
  gr_sim_result *r = calloc(1, sizeof *r);
  if (r == NULL) return NULL;
  r->obligations = calloc(c->arr->obligations.n ? c->arr->obligations.n : 1, sizeof *r->obligations);
  r->guarantors = calloc(c->ng ? c->ng : 1, sizeof *r->guarantors);
  if (r->obligations == NULL || r->guarantors == NULL) {
    gr_sim_result_free(r);
    return NULL;
  }
  const double z = 1.959964;
  r->arrangement = c->arr;
  r->event = c->event;
  r->scenario = c->scenario;
  r->as_of = c->as_of;
  r->draws = t->draws;
  r->seed = o->seed;
  r->params_hash = hash;
  r->threads = threads;
  r->partial = partial;
  r->deterred = gr_wilson(t->deterred, t->draws, z);
  r->holds = gr_wilson(t->holds, t->attacks, z);
  r->no_help = gr_wilson(t->attacks - t->helped, t->attacks, z);
  r->threat = c->threat;
  r->available = c->available;
  for (int k = 0; k < GR_OPTION__COUNT; k++) r->chosen[k] = gr_wilson(t->chosen[k], t->draws, z);
  r->attack = gr_wilson(t->attacks, t->draws, z);
  r->succeeds = gr_wilson(t->succeeds, t->draws, z);
  r->base_attack = gr_wilson(t->base_attacks, t->draws, z);
  r->base_succeeds = gr_wilson(t->base_succeeds, t->draws, z);
  r->fewer_attacks = fewer_attacks(t, z);
  r->fewer_successes = fewer_successes(t, z);
  r->deterred_prior = spread_of(spread + SPREAD_DETERRED * stride, m, scratch);
  r->fewer_attacks_prior = spread_of(spread + SPREAD_FEWER * stride, m, scratch);
  if (baseline) {
    r->baseline = baseline->arr;
    r->vs_attack = vs(t->attacks, t->bl_attacks, t->both_attack_bl, t->draws, z);
    r->vs_succeeds = vs(t->succeeds, t->bl_succeeds, t->both_succeed_bl, t->draws, z);
    r->vs_deterred_prior = spread_of(spread + SPREAD_VS * stride, m, scratch);
  } else {
    /* No baseline but no guarantee: the gains, turned round. */
    r->vs_attack = turned(&r->fewer_attacks);
    r->vs_succeeds = turned(&r->fewer_successes);
    r->vs_deterred_prior = r->fewer_attacks_prior;
  }
  r->help_median = gr__hist_quantile(t->hist, GR__HIST_DAYS, 0.5);
  r->help_p90 = gr__hist_quantile(t->hist, GR__HIST_DAYS, 0.9);
  for (size_t i = 0; i < c->arr->obligations.n; i++) {
    const gr_obligation *ob = &c->arr->obligations.items[i];
    if (ob->commitment == GR_COMMIT_DECLINED) continue;
    r->troops += ob->troops.given ? ob->troops.value : 0;
    r->money += ob->value.given ? ob->value.value : 0;
  }
  for (size_t i = 0; i < c->nobs; i++) {
    gr_sim_obligation *so = &r->obligations[i];
    so->index = c->obs[i].index;
    so->obligation = &c->arr->obligations.items[so->index];
    so->acting = c->obs[i].acting;
    /* Among the attacks in which it acted: on the option chosen, which
     * may be a lesser one than the case's. */
    so->honoured = gr_wilson(t->ob[i], t->ob[c->nobs + i], z);
  }
  r->nobligations = c->nobs;
  for (size_t g = 0; g < c->ng; g++) {
    r->guarantors[g].guarantor = c->g[g];
    r->guarantors[g].honours_any = gr_wilson(t->g[g], t->attacks, z);
  }
  r->nguarantors = c->ng;
  return r;
}

void gr_sim_options_init(gr_sim_options *o, size_t size) {
  if (o == NULL || size < sizeof o->size) return;
  gr_sim_options d;
  memset(&d, 0, sizeof d);
  d.size = size < sizeof d ? size : sizeof d;
  d.draws = 100000;
  d.seed = 1;
  d.baseline = -1;
  /* Only the fields the caller's struct has. */
  memcpy(o, &d, d.size);
}

gr_status gr__sim_options_read(const gr_sim_options *opts, gr_sim_options *o, const char *fn, gr_error *err) {
  if (opts == NULL) return gr__fail(err, GR_E_ARG, "%s: NULL options", fn);
  if (opts->size < offsetof(gr_sim_options, draws) + sizeof opts->draws || opts->size > (size_t)1 << 20)
    return gr__fail(err, GR_E_MISUSE, "%s: the options were not set up with gr_sim_options_init()", fn);
  /* A caller built against older headers knows fewer fields: the others
   * keep their defaults. */
  gr_sim_options_init(o, sizeof *o);
  memcpy(o, opts, opts->size < sizeof *o ? opts->size : sizeof *o);
  o->size = sizeof *o;
  return GR_OK;
}

static gr_status simulate(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *const *arrs, size_t n,
                          const gr_scenario *sc, const gr_event *ev, const gr_facts *const *facts, gr_date as_of,
                          const gr_sim_options *options, gr_sim_result **out, const char *fn, gr_error *err);

gr_status gr_simulate(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *const *arrs, size_t n,
                      const gr_event *ev, const gr_facts *const *facts, gr_date as_of, const gr_sim_options *options,
                      gr_sim_result **out, gr_error *err) {
  static const char fn[] = "gr_simulate";
  if (ps == NULL || arrs == NULL || n == 0 || out == NULL) return gr__fail(err, GR_E_ARG, "%s: NULL argument", fn);
  if (gr__catalog_ready(cat, fn, err) != GR_OK || gr__catalog_has(cat, GR_REC_EVENT, ev, fn, err) != GR_OK)
    return err ? err->code : GR_E_MISUSE;
  return simulate(cat, ps, arrs, n, NULL, ev, facts, as_of, options, out, fn, err);
}

gr_status gr_simulate_scenario(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *const *arrs,
                               size_t n, const gr_scenario *sc, const gr_facts *const *facts, gr_date as_of,
                               const gr_sim_options *options, gr_sim_result **out, gr_error *err) {
  static const char fn[] = "gr_simulate_scenario";
  if (ps == NULL || arrs == NULL || n == 0 || out == NULL) return gr__fail(err, GR_E_ARG, "%s: NULL argument", fn);
  if (gr__catalog_ready(cat, fn, err) != GR_OK || gr__catalog_has(cat, GR_REC_SCENARIO, sc, fn, err) != GR_OK)
    return err ? err->code : GR_E_MISUSE;
  return simulate(cat, ps, arrs, n, sc, NULL, facts, as_of, options, out, fn, err);
}

static gr_status simulate(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *const *arrs, size_t n,
                          const gr_scenario *sc, const gr_event *ev, const gr_facts *const *facts, gr_date as_of,
                          const gr_sim_options *options, gr_sim_result **out, const char *fn, gr_error *err) {
  for (size_t a = 0; a < n; a++) out[a] = NULL;
  gr_sim_options opt;
  const gr_sim_options *opts = &opt;
  if (gr__sim_options_read(options, &opt, fn, err) != GR_OK) return err ? err->code : GR_E_MISUSE;
  for (size_t a = 0; a < n; a++)
    if (gr__catalog_has(cat, GR_REC_ARRANGEMENT, arrs[a], fn, err) != GR_OK) return err ? err->code : GR_E_MISUSE;
  if (opts->draws == 0) return gr__fail(err, GR_E_ARG, "the number of draws must be positive");
  if (opts->baseline < -1 || (opts->baseline >= 0 && (size_t)opts->baseline >= n))
    return gr__fail(err, GR_E_ARG, "%s: baseline %d is not one of the %zu arrangements", fn, opts->baseline, n);
  const int bl = opts->baseline;
  gr__carr *cs = calloc(n, sizeof *cs);
  if (cs == NULL) return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  gr_status st = GR_OK;
  for (size_t a = 0; a < n && st == GR_OK; a++) {
    st = gr__compile(cat, arrs[a], sc, ev, facts ? facts[a] : NULL, as_of, &cs[a], err);
    if (st == GR_OK) gr__carr_delays(&cs[a], ps);
  }
  int threads = opts->threads > 0 ? opts->threads : 1;
#ifdef _OPENMP
  if (opts->threads <= 0) threads = omp_get_max_threads();
#else
  threads = 1;
#endif
  /* Every thread's workspace, sized for the largest arrangement. */
  size_t max_obs = 0, max_g = 0;
  for (size_t a = 0; st == GR_OK && a < n; a++) {
    if (cs[a].nobs > max_obs) max_obs = cs[a].nobs;
    if (cs[a].ng > max_g) max_g = cs[a].ng;
  }
  gr__work *works = st == GR_OK ? calloc((size_t)threads, sizeof *works) : NULL;
  if (st == GR_OK && works == NULL) st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  for (int t = 0; st == GR_OK && t < threads; t++)
    if (gr__work_init(&works[t], max_obs, max_g) != 0 ||
        (works[t].base_choice = malloc(n * sizeof *works[t].base_choice)) == NULL ||
        (works[t].base_success = malloc(n * sizeof *works[t].base_success)) == NULL ||
        (works[t].base_p = malloc(n * sizeof *works[t].base_p)) == NULL ||
        (works[t].choice = malloc(n * sizeof *works[t].choice)) == NULL ||
        (works[t].success = malloc(n * sizeof *works[t].success)) == NULL ||
        (works[t].p = malloc(n * sizeof *works[t].p)) == NULL)
      st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  /* same_bare[a]: the first arrangement weighed against the same case with
   * no guarantee as a (the same aggressor, protected forces before any
   * cap, and open options): its bare outcome is a's, draw for draw. */
  size_t *same_bare = st == GR_OK ? malloc(n * sizeof *same_bare) : NULL;
  if (st == GR_OK && same_bare == NULL) st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  for (size_t a = 0; st == GR_OK && a < n; a++) {
    same_bare[a] = a;
    for (size_t b = 0; b < a && same_bare[a] == a; b++)
      if (cs[b].aggressor == cs[a].aggressor && cs[b].protected_uncapped == cs[a].protected_uncapped &&
          cs[b].available == cs[a].available)
        same_bare[a] = b;
  }
  gr__counts **per = st == GR_OK ? calloc((size_t)threads, sizeof *per) : NULL;
  gr__counts *tot = st == GR_OK ? counts_new(cs, n) : NULL;
  if (st == GR_OK && (per == NULL || tot == NULL)) st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  for (int t = 0; st == GR_OK && t < threads; t++)
    if ((per[t] = counts_new(cs, n)) == NULL) st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));

  bool partial = false;
  const uint64_t batch = 1u << 16;
  enum { CHECK_EVERY = 4 };
  int ranks = opts->ranks > 1 && opts->reduce ? opts->ranks : 1, rank = ranks > 1 ? opts->rank : 0;
  size_t nflat = flat_size(cs, n);
  uint64_t *flat = st == GR_OK ? calloc(nflat + 1, sizeof *flat) : NULL;
  if (st == GR_OK && flat == NULL) st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  uint64_t done = 0, total = opts->draws;
  /* The spread over the priors: the first spread_m draws' slots. */
  const uint64_t spread_m = total < GR_SPREAD_DRAWS ? total : GR_SPREAD_DRAWS;
  uint64_t *spread = st == GR_OK ? calloc(n * SPREAD__COUNT * spread_m, sizeof *spread) : NULL;
  double *scratch = st == GR_OK ? malloc(spread_m * sizeof *scratch) : NULL;
  if (st == GR_OK && (spread == NULL || scratch == NULL)) st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  for (uint64_t b = 0; st == GR_OK && done < total; b++) {
    uint64_t m = total - done < batch ? total - done : batch;
    uint64_t from = done;
    /* With several processes, batch b belongs to process b mod ranks. */
    if ((int)(b % (uint64_t)ranks) == rank) {
#pragma omp parallel num_threads(threads)
      {
        int tid = 0;
#ifdef _OPENMP
        tid = omp_get_thread_num();
#endif
        gr__counts *mine = per[tid];
        gr__work *work = &works[tid];
        double th[GR__P_COUNT];
        gr__weighing w;
#pragma omp for schedule(static)
        for (uint64_t i = from; i < from + m; i++) {
          gr__sample_theta(ps, opts->seed, i, th);
          double eps = gr__sample_choice(opts->seed, i);
          const bool spread_draw = i < spread_m;
          for (size_t a = 0; a < n; a++) {
            gr__counts *k = &mine[a];
            k->draws++;
            /* The same case with no guarantee, on the same draw: the
             * arrangement's gain is paired. Arrangements weighed against
             * the same bare case share its outcome. */
            int ob;
            bool base_succeeds;
            if (same_bare[a] < a) {
              ob = work->base_choice[same_bare[a]];
              base_succeeds = work->base_success[same_bare[a]];
              work->base_p[a] = work->base_p[same_bare[a]];
            } else {
              gr__carr bare;
              gr__carr_bare(&cs[a], &bare);
              gr__weigh(&bare, th, work, &w);
              ob = gr__choose(&bare, &w, th, eps);
              if (spread_draw) work->base_p[a] = gr__p_no_attack(&bare, &w, th);
              base_succeeds = ob >= 0 && gr__fight(&bare, ob, ps, th, work, opts->seed, i, NULL);
            }
            work->base_choice[a] = ob;
            work->base_success[a] = base_succeeds;
            gr__weigh(&cs[a], th, work, &w);
            int o = gr__choose(&cs[a], &w, th, eps);
            if (spread_draw) work->p[a] = gr__p_no_attack(&cs[a], &w, th);
            bool succeeds = o >= 0 && gr__fight(&cs[a], o, ps, th, work, opts->seed, i, k);
            work->choice[a] = o;
            work->success[a] = succeeds;
            if (o < 0) k->deterred++;
            else k->attacks++, k->chosen[o]++;
            k->succeeds += succeeds;
            k->base_attacks += ob >= 0;
            k->both_attack += ob >= 0 && o >= 0;
            k->base_succeeds += base_succeeds;
            k->both_succeed += base_succeeds && succeeds;
          }
          /* Pair each arrangement with the baseline on this draw. */
          for (size_t a = 0; bl >= 0 && a < n; a++) {
            gr__counts *k = &mine[a];
            bool mine_attacks = work->choice[a] >= 0, theirs = work->choice[bl] >= 0;
            k->bl_attacks += theirs;
            k->both_attack_bl += theirs && mine_attacks;
            k->bl_succeeds += work->success[bl];
            k->both_succeed_bl += work->success[bl] && work->success[a];
          }
          for (size_t a = 0; spread_draw && a < n; a++) {
            uint64_t *slot = spread + (a * SPREAD__COUNT) * spread_m + i;
            slot[SPREAD_DETERRED * spread_m] = spread_encode(work->p[a]);
            slot[SPREAD_FEWER * spread_m] = spread_encode(work->p[a] - work->base_p[a]);
            if (bl >= 0) slot[SPREAD_VS * spread_m] = spread_encode(work->p[a] - work->p[bl]);
          }
        }
      }
    }
    done += m;
    /* Decide together whether to go on, every CHECK_EVERY batches whatever
     * the number of processes (so a --precision run stops at the same draw
     * for any number of ranks); every process must take the same branch,
     * so the stop signal is summed across them. */
    bool last_of_round = (b + 1) % CHECK_EVERY == 0 || done >= total;
    if (!last_of_round) continue;
    if (opts->progress) opts->progress(done, total, opts->progress_ctx);
    uint64_t stop = opts->cancel && opts->cancel(opts->cancel_ctx) ? 1 : 0;
    if (ranks > 1) opts->reduce(&stop, 1, opts->reduce_ctx);
    if (stop) {
      partial = done < total;
      break;
    }
    if (opts->precision > 0 && done < total) {
      /* Integer sums: the same whatever the threads and processes did.
       * The totals serve as the scratch space: they are summed afresh at
       * the end. */
      counts_zero(tot, cs, n);
      for (int t = 0; t < threads; t++)
        for (size_t a = 0; a < n; a++) add_counts(&tot[a], &per[t][a], cs[a].nobs, cs[a].ng);
      if (ranks > 1) {
        flatten(tot, cs, n, flat, false);
        opts->reduce(flat, nflat, opts->reduce_ctx);
        flatten(tot, cs, n, flat, true);
      }
      if (precise_enough(tot, n, opts->precision)) break;
    }
  }
  if (st == GR_OK) counts_zero(tot, cs, n);
  for (int t = 0; st == GR_OK && t < threads; t++)
    for (size_t a = 0; a < n; a++) add_counts(&tot[a], &per[t][a], cs[a].nobs, cs[a].ng);
  if (st == GR_OK && ranks > 1) {
    flatten(tot, cs, n, flat, false);
    opts->reduce(flat, nflat, opts->reduce_ctx);
    flatten(tot, cs, n, flat, true);
  }
  free(flat);
  /* Each slot was written by one process: the sum is its value. */
  if (st == GR_OK && ranks > 1) opts->reduce(spread, n * SPREAD__COUNT * spread_m, opts->reduce_ctx);
  const uint64_t spread_n = done < spread_m ? done : spread_m;
  for (size_t a = 0; st == GR_OK && a < n; a++) {
    out[a] = make_result(&cs[a], &tot[a], opts, ps->hash, threads, partial, bl >= 0 ? &cs[bl] : NULL,
                         spread + a * SPREAD__COUNT * spread_m, spread_m, spread_n, scratch);
    if (out[a] == NULL) st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  }
  if (st != GR_OK)
    for (size_t a = 0; a < n; a++) {
      gr_sim_result_free(out[a]);
      out[a] = NULL;
    }
  for (int t = 0; per && t < threads; t++) counts_free(per[t], n);
  free(per);
  counts_free(tot, n);
  for (int t = 0; works && t < threads; t++) {
    free(works[t].base_choice);
    free(works[t].base_success);
    free(works[t].base_p);
    free(works[t].choice);
    free(works[t].success);
    free(works[t].p);
    gr__work_free(&works[t]);
  }
  free(same_bare);
  free(spread);
  free(scratch);
  free(works);
  for (size_t a = 0; a < n; a++) gr__carr_free(&cs[a]);
  free(cs);
  if (st == GR_OK) gr__ok(err);
  return st;
}

void gr_sim_result_free(gr_sim_result *r) {
  if (r == NULL) return;
  free(r->obligations);
  free(r->guarantors);
  free(r);
}
