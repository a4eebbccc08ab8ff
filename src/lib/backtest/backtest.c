/*
 * The backtest (docs/backtest.md): the model's probability that deterrence
 * fails in each historical case, three baselines fitted leave-one-out and
 * in sample on the same cases, and their scores with bootstrap intervals,
 * by era and by set.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backtest/backtest_int.h"
#include "catalog/ready.h"
#include "mc/mc.h"
#include "mc/rng.h"

static const char *const predictor_names[GR_PRED__COUNT] = {
    [GR_PRED_MODEL] = "model",
    [GR_PRED_BASE_RATE] = "base rate",
    [GR_PRED_BALANCE] = "balance logistic",
    [GR_PRED_HUTH] = "Huth logistic",
};

const char *gr_predictor_name(gr_predictor p) {
  return (int)p >= 0 && p < GR_PRED__COUNT ? predictor_names[p] : "?";
}

/* Huth's variables, as the README of the replication table names them:
 * the covariates of his baseline. */
static const char *const huth_vars[] = {"ibf",      "sbf",    "lbf",      "nuclear", "milallia",
                                        "milarm",   "fortrade", "firmflex", "tft",     "pastdet"};
enum { NHUTH = sizeof huth_vars / sizeof huth_vars[0] };

void gr_backtest_options_init(gr_backtest_options *o, size_t size) {
  if (o == NULL || size < sizeof o->size) return;
  gr_backtest_options d;
  memset(&d, 0, sizeof d);
  d.size = size < sizeof d ? size : sizeof d;
  d.draws = 100000;
  d.seed = 1;
  d.bootstrap = 2000;
  memcpy(o, &d, d.size);
}

void gr_backtest_free(gr_backtest *bt) {
  if (bt == NULL) return;
  free(bt->cases);
  free(bt->scores);
  free(bt);
}

/* ---- Scores ------------------------------------------------------------ */

static double clip(double p) { return p < 1e-3 ? 1e-3 : p > 1 - 1e-3 ? 1 - 1e-3 : p; }

void gr__scores(const double *p, const double *y, const size_t *idx, size_t m, double out[4]) {
  double brier = 0, ll = 0, acc = 0;
  size_t pos = 0, neg = 0;
  for (size_t a = 0; a < m; a++) {
    size_t i = idx[a];
    brier += (p[i] - y[i]) * (p[i] - y[i]);
    ll -= y[i] > 0.5 ? log(clip(p[i])) : log(1 - clip(p[i]));
    acc += (p[i] > 0.5) == (y[i] > 0.5);
    if (y[i] > 0.5) pos++;
    else neg++;
  }
  /* AUC: the Mann-Whitney statistic, ties counted one half. */
  double auc = NAN;
  if (pos > 0 && neg > 0) {
    double wins = 0;
    for (size_t a = 0; a < m; a++) {
      if (!(y[idx[a]] > 0.5)) continue;
      for (size_t b = 0; b < m; b++) {
        if (y[idx[b]] > 0.5) continue;
        double d = p[idx[a]] - p[idx[b]];
        wins += d > 0 ? 1 : d == 0 ? 0.5 : 0;
      }
    }
    auc = wins / ((double)pos * (double)neg);
  }
  out[0] = m ? brier / (double)m : NAN;
  out[1] = m ? ll / (double)m : NAN;
  out[2] = auc;
  out[3] = m ? acc / (double)m : NAN;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* The q-quantile of the finite values among v[0..n) (sorted in place;
 * NaNs dropped), by linear interpolation between order statistics. */
static double quantile(double *v, size_t n, double q) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (isfinite(v[i])) v[k++] = v[i];
  if (k == 0) return NAN;
  qsort(v, k, sizeof *v, cmp_double);
  double h = q * (double)(k - 1);
  size_t lo = (size_t)h;
  return lo + 1 < k ? v[lo] + (h - (double)lo) * (v[lo + 1] - v[lo]) : v[lo];
}

/* ---- Predictions ------------------------------------------------------- */

static const gr_covariate *covariate(const gr_case *c, const char *name) {
  for (size_t i = 0; i < c->covariates.n; i++)
    if (strcmp(c->covariates.items[i].name, name) == 0) return &c->covariates.items[i];
  return NULL;
}

/* The baselines, leave-one-out and in sample, for every scored case. */
static int baselines(gr_backtest *bt) {
  size_t n = bt->ncases;
  double *y = calloc(n ? n : 1, sizeof *y), *xb = calloc(n ? n : 1, sizeof *xb);
  double *xh = calloc((n ? n : 1) * NHUTH, sizeof *xh);
  unsigned char *train = calloc(n ? n : 1, 1), *hasb = calloc(n ? n : 1, 1), *hash = calloc(n ? n : 1, 1);
  int rc = -1;
  if (y == NULL || xb == NULL || xh == NULL || train == NULL || hasb == NULL || hash == NULL) goto done;
  double total = 0;
  size_t scored = 0;
  for (size_t i = 0; i < n; i++) {
    gr_backtest_case *bc = &bt->cases[i];
    for (int p = 1; p < GR_PRED__COUNT; p++) bc->loo[p] = bc->in_sample[p] = NAN;
    y[i] = bc->failed;
    if (!bc->scored) continue;
    scored++;
    total += y[i];
    const gr_case *c = bc->kase;
    if (GR_GIVEN(c, GR_KEY_CASE_BALANCE)) {
      hasb[i] = 1;
      xb[i] = log(c->balance.value);
    }
    hash[i] = 1;
    for (size_t j = 0; j < NHUTH; j++) {
      const gr_covariate *v = covariate(c, huth_vars[j]);
      if (v == NULL) hash[i] = 0;
      else xh[i * NHUTH + j] = v->value;
    }
  }
  /* In sample: every scored case. */
  gr__logistic fb, fh;
  for (size_t i = 0; i < n; i++) train[i] = bt->cases[i].scored && hasb[i];
  bool have_b = gr__logistic_fit(n, 1, xb, y, train, GR__BASELINE_LAMBDA, &fb) == 0;
  for (size_t i = 0; i < n; i++) train[i] = bt->cases[i].scored && hash[i];
  bool have_h = gr__logistic_fit(n, NHUTH, xh, y, train, GR__BASELINE_LAMBDA, &fh) == 0;
  for (size_t i = 0; i < n; i++) {
    gr_backtest_case *bc = &bt->cases[i];
    if (!bc->scored) continue;
    bc->in_sample[GR_PRED_BASE_RATE] = total / (double)scored;
    if (hasb[i] && have_b) bc->in_sample[GR_PRED_BALANCE] = gr__logistic_predict(&fb, &xb[i]);
    if (hash[i] && have_h) bc->in_sample[GR_PRED_HUTH] = gr__logistic_predict(&fh, &xh[i * NHUTH]);
  }
  /* Leave one out: every fit without the case it predicts. */
  for (size_t i = 0; i < n; i++) {
    gr_backtest_case *bc = &bt->cases[i];
    if (!bc->scored) continue;
    double rate = scored > 1 ? (total - y[i]) / (double)(scored - 1) : NAN;
    bc->loo[GR_PRED_BASE_RATE] = rate;
    if (hasb[i]) {
      for (size_t j = 0; j < n; j++) train[j] = j != i && bt->cases[j].scored && hasb[j];
      if (gr__logistic_fit(n, 1, xb, y, train, GR__BASELINE_LAMBDA, &fb) == 0)
        bc->loo[GR_PRED_BALANCE] = gr__logistic_predict(&fb, &xb[i]);
    }
    if (hash[i]) {
      for (size_t j = 0; j < n; j++) train[j] = j != i && bt->cases[j].scored && hash[j];
      if (gr__logistic_fit(n, NHUTH, xh, y, train, GR__BASELINE_LAMBDA, &fh) == 0)
        bc->loo[GR_PRED_HUTH] = gr__logistic_predict(&fh, &xh[i * NHUTH]);
    }
  }
  rc = 0;
done:
  free(y);
  free(xb);
  free(xh);
  free(train);
  free(hasb);
  free(hash);
  return rc;
}

/* ---- Splits ------------------------------------------------------------ */

enum { ERA_1945 = 19450101 };

static bool in_split(const gr_backtest_case *bc, int split, const char *set) {
  switch (split) {
  case 0: return true;
  case 1: return bc->kase->cutoff < ERA_1945;
  case 2: return bc->kase->cutoff >= ERA_1945;
  default: return strcmp(bc->kase->set, set) == 0;
  }
}

/* The distinct sets, in order of first appearance. */
static size_t distinct_sets(const gr_backtest *bt, const char **sets, size_t max) {
  size_t k = 0;
  for (size_t i = 0; i < bt->ncases; i++) {
    const char *s = bt->cases[i].kase->set;
    size_t j = 0;
    while (j < k && strcmp(sets[j], s) != 0) j++;
    if (j == k && k < max) sets[k++] = s;
  }
  return k;
}

/* Score every predictor on one split: the point values, then `bootstrap`
 * resamples of the split's cases, the same resamples for every predictor
 * (paired), for the percentile intervals. */
static int score_split(gr_backtest *bt, int split, const char *set, const char *label, uint64_t seed) {
  size_t n = bt->ncases, m = 0;
  size_t *idx = malloc((n ? n : 1) * sizeof *idx), *pick = malloc((n ? n : 1) * sizeof *pick);
  double *y = malloc((n ? n : 1) * sizeof *y), *p = malloc((n ? n : 1) * sizeof *p);
  double *boot = malloc((size_t)(bt->bootstrap ? bt->bootstrap : 1) * 4 * sizeof *boot);
  double *tmp = malloc((size_t)(bt->bootstrap ? bt->bootstrap : 1) * sizeof *tmp);
  int rc = -1;
  if (idx == NULL || pick == NULL || y == NULL || p == NULL || boot == NULL || tmp == NULL) goto done;
  for (size_t i = 0; i < n; i++) y[i] = bt->cases[i].failed;
  for (int pred = 0; pred < GR_PRED__COUNT; pred++)
    for (int ins = 0; ins < (pred == GR_PRED_MODEL ? 1 : 2); ins++) {
      m = 0;
      for (size_t i = 0; i < n; i++) {
        const gr_backtest_case *bc = &bt->cases[i];
        p[i] = pred == GR_PRED_MODEL ? bc->p : ins ? bc->in_sample[pred] : bc->loo[pred];
        if (bc->scored && isfinite(p[i]) && in_split(bc, split, set)) idx[m++] = i;
      }
      if (m == 0) continue;
      gr_backtest_scores *s = &bt->scores[bt->nscores++];
      memset(s, 0, sizeof *s);
      snprintf(s->split, sizeof s->split, "%s", label);
      s->predictor = (gr_predictor)pred;
      s->in_sample = ins;
      s->n = m;
      for (size_t a = 0; a < m; a++) s->failures += y[idx[a]] > 0.5;
      double v[4];
      gr__scores(p, y, idx, m, v);
      for (unsigned b = 0; b < bt->bootstrap; b++) {
        /* Resample b of this split: the same stream for every predictor. */
        gr__stream st;
        gr__stream_init(&st, seed, b, 0x42000000u | (uint32_t)split);
        for (size_t a = 0; a < m; a++) {
          size_t r = (size_t)(gr__uniform(&st) * (double)m);
          pick[a] = idx[r < m ? r : m - 1];
        }
        gr__scores(p, y, pick, m, &boot[(size_t)b * 4]);
      }
      /* The base rate ranks and classifies nothing: its AUC (all ties in
       * sample; leave one out, a failure's own exclusion lowers its
       * prediction, a perfect inversion) and its accuracy (near an even
       * split, leave-one-out flips every case to the wrong side of 0.5)
       * are artefacts, so none is given; its Brier and log loss stand. */
      if (pred == GR_PRED_BASE_RATE) {
        v[2] = v[3] = NAN;
        for (unsigned b = 0; b < bt->bootstrap; b++) boot[(size_t)b * 4 + 2] = boot[(size_t)b * 4 + 3] = NAN;
      }
      gr_score *out[4] = {&s->brier, &s->logloss, &s->auc, &s->accuracy};
      for (int q = 0; q < 4; q++) {
        out[q]->value = v[q];
        for (unsigned b = 0; b < bt->bootstrap; b++) tmp[b] = boot[(size_t)b * 4 + (size_t)q];
        out[q]->lo = bt->bootstrap ? quantile(tmp, bt->bootstrap, 0.025) : NAN;
        for (unsigned b = 0; b < bt->bootstrap; b++) tmp[b] = boot[(size_t)b * 4 + (size_t)q];
        out[q]->hi = bt->bootstrap ? quantile(tmp, bt->bootstrap, 0.975) : NAN;
      }
    }
  rc = 0;
done:
  free(idx);
  free(pick);
  free(y);
  free(p);
  free(boot);
  free(tmp);
  return rc;
}

static void calibrate(gr_backtest *bt) {
  for (int k = 0; k < GR_CALIBRATION_BINS; k++) {
    gr_calibration_bin *b = &bt->calibration[k];
    b->lo = (double)k / GR_CALIBRATION_BINS;
    b->hi = (double)(k + 1) / GR_CALIBRATION_BINS;
    double sum = 0;
    for (size_t i = 0; i < bt->ncases; i++) {
      const gr_backtest_case *bc = &bt->cases[i];
      if (!bc->scored) continue;
      bool in = bc->p >= b->lo && (bc->p < b->hi || (k == GR_CALIBRATION_BINS - 1 && bc->p <= b->hi));
      if (!in) continue;
      b->n++;
      b->failures += bc->failed;
      sum += bc->p;
    }
    b->predicted = b->n ? sum / (double)b->n : NAN;
    b->observed = gr_wilson(b->failures, b->n, 1.959964);
  }
}

static void check_add(gr_backtest_check *c, double predicted, bool happened) {
  c->predicted += predicted;
  c->brier += (predicted - happened) * (predicted - happened);
  c->observed += happened;
  c->n++;
}

static void check_end(gr_backtest_check *c) {
  c->predicted = c->n ? c->predicted / (double)c->n : NAN;
  c->brier = c->n ? c->brier / (double)c->n : NAN;
}

/* ---- The run ----------------------------------------------------------- */

/* Run the model on one case: its arrangement (or the "<case>.none" the
 * catalog gave it) against its scenario, read at its cut-off. */
static gr_status run_case(const gr_catalog *cat, const gr_params *params, const gr_sim_options *so,
                          gr_backtest_case *bc, gr_backtest_check *helped, gr_error *out_err) {
  const gr_case *c = bc->kase;
  const gr_scenario *sc = gr_catalog_find(cat, GR_REC_SCENARIO, c->scenario);
  bc->arrangement = c->arrangement ? gr_catalog_arrangement(cat, c->arrangement) : NULL;
  bc->p = bc->p_lo = bc->p_hi = bc->holds = NAN;
  if (sc == NULL || bc->arrangement == NULL) {
    snprintf(bc->why, sizeof bc->why, "its %s is not in the catalog", sc == NULL ? "scenario" : "arrangement");
    return GR_OK;
  }
  gr_error err = GR_ERROR_INIT;
  gr_sim_result *r = NULL;
  /* A dated scenario is read at its own date; an undated one at the cut-off. */
  gr_date as_of = sc->date ? 0 : c->cutoff;
  gr_status st = gr_simulate_scenario(cat, params, &bc->arrangement, 1, sc, NULL, as_of, so, &r, &err);
  if (st != GR_OK) {
    /* The model cannot weigh the case (GR_E_INVALID: a personnel figure
     * missing at its date, ...): a refusal with its reason. Anything
     * else (out of memory) ends the backtest. */
    if (st != GR_E_INVALID) {
      st = gr__fail(out_err, st, "case '%s': %s", c->id, err.message);
      gr_error_clear(&err);
      return st;
    }
    snprintf(bc->why, sizeof bc->why, "%s", err.message);
    gr_error_clear(&err);
    return GR_OK;
  }
  bc->scored = true;
  bc->deterred = r->deterred;
  bc->p = 1 - r->deterred.estimate;
  bc->p_lo = 1 - r->deterred.hi;
  bc->p_hi = 1 - r->deterred.lo;
  bc->holds = r->holds.estimate;
  double y = bc->failed;
  bc->brier = (bc->p - y) * (bc->p - y);
  bc->logloss = y > 0.5 ? -log(clip(bc->p)) : -log(1 - clip(bc->p));
  if (c->outcome.result == GR_RESULT_ATTACKED)
    for (size_t i = 0; i < c->outcome.guarantors.n; i++) {
      const gr_case_response *cr = &c->outcome.guarantors.items[i];
      bool help = cr->action == GR_ACTION_FOUGHT || cr->action == GR_ACTION_SENT_ARMS;
      double predicted = NAN;
      for (size_t g = 0; g < r->nguarantors; g++)
        if (strcmp(r->guarantors[g].guarantor, cr->actor) == 0 && isfinite(r->guarantors[g].honours_any.estimate))
          predicted = r->guarantors[g].honours_any.estimate;
      if (isfinite(predicted)) check_add(helped, predicted, help);
      if (bc->nresponses < GR_BACKTEST_RESPONSES)
        bc->responses[bc->nresponses++] = (gr_backtest_response){cr->actor, cr->action, help, predicted};
    }
  gr_sim_result_free(r);
  return GR_OK;
}

gr_status gr_backtest_new(const gr_catalog *cat, const gr_params *params, const gr_backtest_options *o,
                          gr_backtest **out, gr_error *err) {
  static const char fn[] = "gr_backtest_new";
  if (out == NULL || params == NULL || o == NULL) return gr__fail(err, GR_E_ARG, "%s: NULL argument", fn);
  *out = NULL;
  if (gr__catalog_ready(cat, fn, err) != GR_OK) return err ? err->code : GR_E_MISUSE;
  if (o->size < offsetof(gr_backtest_options, set) + sizeof o->set || o->size > (size_t)1 << 20)
    return gr__fail(err, GR_E_MISUSE, "%s: the options were not set up with gr_backtest_options_init()", fn);
  gr_backtest_options opt;
  gr_backtest_options_init(&opt, sizeof opt);
  memcpy(&opt, o, o->size < sizeof opt ? o->size : sizeof opt);
  if (opt.draws == 0) return gr__fail(err, GR_E_ARG, "the number of draws must be positive");
  size_t total = gr_catalog_count(cat, GR_REC_CASE);
  gr_backtest *bt = calloc(1, sizeof *bt);
  if (bt == NULL) return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  bt->cases = calloc(total ? total : 1, sizeof *bt->cases);
  if (bt->cases == NULL) {
    gr_backtest_free(bt);
    return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  }
  bt->params_hash = gr_params_hash(params);
  bt->draws = opt.draws;
  bt->seed = opt.seed;
  bt->bootstrap = opt.bootstrap;
  bt->threads = opt.threads;
  gr_sim_options so;
  gr_sim_options_init(&so, sizeof so);
  so.draws = opt.draws;
  so.seed = opt.seed;
  so.threads = opt.threads;
  for (size_t i = 0; i < total; i++) {
    const gr_case *c = gr_catalog_at(cat, GR_REC_CASE, i);
    if (opt.set != NULL && strcmp(c->set, opt.set) != 0) continue;
    bool from = opt.nfiles == 0;
    for (size_t f = 0; f < opt.nfiles && !from; f++)
      from = opt.files[f] != NULL && c->pos.file != NULL && strcmp(opt.files[f], c->pos.file) == 0;
    if (!from) continue;
    if (opt.cancel != NULL && opt.cancel(opt.cancel_ctx)) {
      bt->partial = true;
      break;
    }
    gr_backtest_case *bc = &bt->cases[bt->ncases++];
    bc->kase = c;
    bc->failed = c->outcome.result != GR_RESULT_DETERRED;
    gr_status st = run_case(cat, params, &so, bc, &bt->helped, err);
    if (st != GR_OK) {
      gr_backtest_free(bt);
      return st;
    }
    if (bc->scored) {
      bt->nscored++;
      if (c->outcome.result == GR_RESULT_ATTACKED && GR_GIVEN(&c->outcome, GR_KEY_CASE_OUTCOME_DEFENCE_HELD) &&
          isfinite(bc->holds))
        check_add(&bt->holds, bc->holds, c->outcome.defence_held);
    }
  }
  check_end(&bt->holds);
  check_end(&bt->helped);
  if (bt->nscored == 0) {
    gr_status st = bt->ncases == 0
                       ? gr__fail(err, GR_E_INVALID, "no case to score%s%s%s", opt.set ? " in set '" : "",
                                  opt.set ? opt.set : "", opt.set ? "'" : "")
                       : gr__fail(err, GR_E_INVALID, "the model could weigh none of the %zu cases (the first: %s: %s)",
                                  bt->ncases, bt->cases[0].kase->id, bt->cases[0].why);
    gr_backtest_free(bt);
    return st;
  }
  const char *sets[64];
  size_t nsets = distinct_sets(bt, sets, sizeof sets / sizeof sets[0]);
  size_t splits = 3 + nsets;
  bt->scores = calloc(splits * (2 * GR_PRED__COUNT), sizeof *bt->scores);
  if (bt->scores == NULL || baselines(bt) != 0) {
    gr_backtest_free(bt);
    return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  }
  static const char *const fixed[] = {"all", "before 1945", "1945 and after"};
  for (size_t s = 0; s < splits; s++) {
    char label[64];
    if (s < 3) snprintf(label, sizeof label, "%s", fixed[s]);
    else snprintf(label, sizeof label, "set %s", sets[s - 3]);
    if (score_split(bt, (int)s, s < 3 ? NULL : sets[s - 3], label, opt.seed) != 0) {
      gr_backtest_free(bt);
      return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
    }
  }
  calibrate(bt);
  *out = bt;
  gr__ok(err);
  return GR_OK;
}
