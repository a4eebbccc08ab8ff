/*
 * A backtest as JSON.
 */
#include <math.h>
#include <stdio.h>

#include "backtest/backtest_int.h"

static void num(gr_json *w, const char *key, double v) {
  gr_json_key(w, key);
  gr_json_number(w, v); /* NaN and infinities are written as null. */
}

static void score(gr_json *w, const char *key, const gr_score *s) {
  gr_json_key(w, key);
  gr_json_begin_object(w);
  num(w, "value", s->value);
  num(w, "lo", s->lo);
  num(w, "hi", s->hi);
  gr_json_end_object(w);
}

static void check(gr_json *w, const char *key, const gr_backtest_check *c) {
  gr_json_key(w, key);
  gr_json_begin_object(w);
  gr_json_key(w, "n");
  gr_json_uint(w, c->n);
  gr_json_key(w, "observed");
  gr_json_uint(w, c->observed);
  num(w, "mean_predicted", c->predicted);
  num(w, "brier", c->brier);
  gr_json_end_object(w);
}

static void predictions(gr_json *w, const char *key, const double *v) {
  gr_json_key(w, key);
  gr_json_begin_object(w);
  for (int p = GR_PRED_BASE_RATE; p < GR_PRED__COUNT; p++) num(w, gr_predictor_name((gr_predictor)p), v[p]);
  gr_json_end_object(w);
}

void gr_json_backtest(gr_json *w, const gr_backtest *bt) {
  char hash[17];
  snprintf(hash, sizeof hash, "%016llx", (unsigned long long)bt->params_hash);
  gr_json_begin_object(w);
  gr_json_key(w, "parameters");
  gr_json_string(w, hash);
  gr_json_key(w, "draws_per_case");
  gr_json_uint(w, bt->draws);
  gr_json_key(w, "seed");
  gr_json_uint(w, bt->seed);
  gr_json_key(w, "bootstrap");
  gr_json_uint(w, bt->bootstrap);
  gr_json_key(w, "partial");
  gr_json_bool(w, bt->partial);
  gr_json_key(w, "cases");
  gr_json_begin_array(w);
  for (size_t i = 0; i < bt->ncases; i++) {
    const gr_backtest_case *bc = &bt->cases[i];
    const gr_case *c = bc->kase;
    gr_json_begin_object(w);
    gr_json_key(w, "id");
    gr_json_string(w, c->id);
    gr_json_key(w, "title");
    gr_json_string(w, c->title);
    gr_json_key(w, "set");
    gr_json_string(w, c->set);
    gr_json_key(w, "cutoff");
    gr_json_date(w, c->cutoff);
    gr_json_key(w, "arrangement");
    gr_json_string(w, bc->arrangement ? bc->arrangement->id : c->arrangement);
    gr_json_key(w, "outcome");
    gr_json_string(w, gr_table_name(GR_T_CASE_RESULT, c->outcome.result));
    gr_json_key(w, "failed");
    gr_json_bool(w, bc->failed);
    gr_json_key(w, "confidence");
    gr_json_string(w, gr_table_name(GR_T_CODING_CONFIDENCE, c->confidence));
    gr_json_key(w, "sources");
    gr_json_sources(w, &c->sources);
    gr_json_key(w, "scored");
    gr_json_bool(w, bc->scored);
    if (!bc->scored) {
      gr_json_key(w, "refused");
      gr_json_string(w, bc->why);
    } else {
      gr_json_key(w, "model");
      gr_json_begin_object(w);
      num(w, "p_failure", bc->p);
      num(w, "lo", bc->p_lo);
      num(w, "hi", bc->p_hi);
      num(w, "p_holds_if_attacked", bc->holds);
      num(w, "brier", bc->brier);
      num(w, "log_loss", bc->logloss);
      gr_json_end_object(w);
      gr_json_key(w, "guarantors");
      gr_json_begin_array(w);
      for (size_t g = 0; g < bc->nresponses; g++) {
        const gr_backtest_response *r = &bc->responses[g];
        gr_json_begin_object(w);
        gr_json_key(w, "actor");
        gr_json_string(w, r->actor);
        gr_json_key(w, "action");
        gr_json_string(w, gr_table_name(GR_T_GUARANTOR_ACTION, r->action));
        gr_json_key(w, "helped");
        gr_json_bool(w, r->helped);
        num(w, "p_helps_if_attacked", r->predicted);
        gr_json_end_object(w);
      }
      gr_json_end_array(w);
      predictions(w, "leave_one_out", bc->loo);
      predictions(w, "in_sample", bc->in_sample);
    }
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  gr_json_key(w, "scores");
  gr_json_begin_array(w);
  for (size_t i = 0; i < bt->nscores; i++) {
    const gr_backtest_scores *s = &bt->scores[i];
    gr_json_begin_object(w);
    gr_json_key(w, "split");
    gr_json_string(w, s->split);
    gr_json_key(w, "predictor");
    gr_json_string(w, gr_predictor_name(s->predictor));
    gr_json_key(w, "fit");
    gr_json_string(w, s->predictor == GR_PRED_MODEL ? "not fitted" : s->in_sample ? "in sample" : "leave one out");
    gr_json_key(w, "n");
    gr_json_uint(w, s->n);
    gr_json_key(w, "failures");
    gr_json_uint(w, s->failures);
    score(w, "brier", &s->brier);
    score(w, "log_loss", &s->logloss);
    score(w, "auc", &s->auc);
    score(w, "accuracy", &s->accuracy);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  gr_json_key(w, "calibration");
  gr_json_begin_array(w);
  for (int k = 0; k < GR_CALIBRATION_BINS; k++) {
    const gr_calibration_bin *b = &bt->calibration[k];
    gr_json_begin_object(w);
    num(w, "lo", b->lo);
    num(w, "hi", b->hi);
    gr_json_key(w, "n");
    gr_json_uint(w, b->n);
    gr_json_key(w, "failures");
    gr_json_uint(w, b->failures);
    num(w, "mean_predicted", b->predicted);
    num(w, "observed", b->observed.estimate);
    num(w, "observed_lo", b->observed.lo);
    num(w, "observed_hi", b->observed.hi);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  check(w, "defence_holds", &bt->holds);
  check(w, "guarantor_helps", &bt->helped);
  gr_json_end_object(w);
}
