/*
 * The backtest: the deterrence model scored against historical cases
 * (records of kind `case`, docs/backtest.md), beside three baselines fitted
 * leave-one-out on the same cases.
 *
 * Typical use:
 *
 *   gr_catalog_load_builtin(cat, &err);
 *   gr_catalog_load_history(cat, &err);
 *   gr_catalog_validate(cat, &err);
 *   gr_params_new(cat, &params, &err);
 *   gr_backtest_options o;
 *   gr_backtest_options_init(&o, sizeof o);
 *   gr_backtest *bt;
 *   if (gr_backtest_new(cat, params, &o, &bt, &err) == GR_OK) { ... gr_backtest_free(bt); }
 */
#ifndef GUARANTOR_BACKTEST_H
#define GUARANTOR_BACKTEST_H

#include "guarantor/sim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How to run a backtest. Initialise with gr_backtest_options_init(&o,
 * sizeof o) before setting fields (see gr_sim_options). */
typedef struct gr_backtest_options {
  size_t size;         /* Set by gr_backtest_options_init(). */
  uint64_t draws;      /* Model draws per case. Default 100000. */
  uint64_t seed;       /* Of the model's draws and of the bootstrap. Default 1. */
  int threads;         /* 0 (the default): as many as OpenMP offers. */
  unsigned bootstrap;  /* Resamples of cases for the intervals. Default 2000. */
  const char *set;     /* Only the cases of this set; NULL (the default): all. */
  const char *const *files; /* With nfiles > 0: only the cases loaded from */
  size_t nfiles;            /* these files (names as given to the loader). */
  /* Asked between cases: when it returns true, the backtest stops, scores
   * the cases run so far and marks the result partial. */
  bool (*cancel)(void *ctx);
  void *cancel_ctx;
} gr_backtest_options;

GR_EXTERN void gr_backtest_options_init(gr_backtest_options *o, size_t size);

/* What predicts the probability that deterrence fails. */
typedef enum gr_predictor {
  GR_PRED_MODEL,     /* The deterrence model: 1 − P(deterred). */
  GR_PRED_BASE_RATE, /* The share of failures among the other cases. */
  GR_PRED_BALANCE,   /* Logistic regression on ln(observed balance), on
                        the cases that record one. */
  GR_PRED_HUTH,      /* Logistic regression on Huth's variables (his cases
                        only). */
  GR_PRED__COUNT
} gr_predictor;

/* The name of a predictor ("model", "base rate", ...), "?" out of range. */
GR_EXTERN const char *gr_predictor_name(gr_predictor p);

/* What one guarantor did in an attacked case, against the model. */
typedef struct gr_backtest_response {
  const char *actor;
  int action;       /* gr_guarantor_action */
  bool helped;      /* It fought or sent arms. */
  double predicted; /* The model's P(it helps | attack); NaN when the model
                       does not weigh it (not a guarantor of the arrangement). */
} gr_backtest_response;

enum { GR_BACKTEST_RESPONSES = 8 }; /* The first ones of a case are kept. */

/* One case, as predicted. Probabilities are NaN where a predictor does not
 * apply (the Huth baseline on other cases) or the model refused the case. */
typedef struct gr_backtest_case {
  const gr_case *kase;
  const gr_arrangement *arrangement; /* The one in force, or "<case>.none". */
  bool failed;            /* Deterrence failed: attacked or coerced. */
  bool scored;            /* The model could weigh the case. */
  char why[512];          /* When not scored: why the model refused it. */
  gr_proportion deterred; /* The model's P(deterred) with its interval. */
  double p, p_lo, p_hi;   /* The model's P(failure) = 1 − P(deterred). */
  double holds;           /* The model's P(defence holds | attack). */
  double loo[GR_PRED__COUNT];       /* Out of sample (fitted without the case). */
  double in_sample[GR_PRED__COUNT]; /* Fitted on every case, this one included. */
  double brier, logloss;  /* The model's contributions to the two scores. */
  gr_backtest_response responses[GR_BACKTEST_RESPONSES]; /* Attacked cases. */
  size_t nresponses;
} gr_backtest_case;

/* A score with its 95 % bootstrap percentile interval over cases. */
typedef struct gr_score {
  double value, lo, hi;
} gr_score;

/* The scores of one predictor on one split of the cases. */
typedef struct gr_backtest_scores {
  char split[64];         /* "all", "before 1945", "1945 and after", "set huth". */
  gr_predictor predictor;
  bool in_sample;         /* Fitted on the cases it is scored on. */
  size_t n, failures;     /* Cases scored, and of them failures. */
  gr_score brier;         /* Mean of (p − y)². */
  gr_score logloss;       /* Mean of −ln(p) or −ln(1 − p), p clipped to [0.001, 0.999]. */
  gr_score auc;           /* P(a failure is ranked above a success), ties 1/2; NaN with one class. */
  gr_score accuracy;      /* Share with p > 0.5 exactly when deterrence failed. */
} gr_backtest_scores;

/* One bin of the model's calibration table. */
typedef struct gr_calibration_bin {
  double lo, hi;          /* Predicted P(failure) in [lo, hi) ([lo, hi] for the last). */
  size_t n, failures;
  double predicted;       /* Mean predicted P(failure) in the bin. */
  gr_proportion observed; /* Share of failures, with its Wilson interval. */
} gr_calibration_bin;

enum { GR_CALIBRATION_BINS = 5 };

/* The model's other predictions against what happened. */
typedef struct gr_backtest_check {
  size_t n;               /* Observations. */
  size_t observed;        /* Of them, the event happened (defence held; guarantor helped). */
  double predicted;       /* Mean predicted probability. */
  double brier;           /* Mean squared error. */
} gr_backtest_check;

typedef struct gr_backtest {
  gr_backtest_case *cases;
  size_t ncases, nscored;
  gr_backtest_scores *scores;
  size_t nscores;
  gr_calibration_bin calibration[GR_CALIBRATION_BINS];
  gr_backtest_check holds;  /* Attacked cases: P(holds | attack) vs defence_held. */
  gr_backtest_check helped; /* Guarantors' responses: P(helps | attack) vs fought or sent arms. */
  uint64_t params_hash, draws, seed;
  unsigned bootstrap;
  int threads;
  bool partial;             /* Stopped early by cancel: later cases are missing. */
} gr_backtest;

/*
 * Run the model on every case of `cat` (of o->set when given), fit the
 * baselines leave-one-out and in sample, and score all of them. The
 * catalog must be validated without errors. A case the model cannot weigh
 * (an actor's personnel unknown at its date) is kept with `scored` false
 * and its reason, and left out of every score. GR_E_INVALID when no case
 * can be scored. The caller frees *out with gr_backtest_free().
 */
GR_EXTERN gr_status gr_backtest_new(const gr_catalog *cat, const gr_params *params, const gr_backtest_options *o,
                                    gr_backtest **out, gr_error *err);
GR_EXTERN void gr_backtest_free(gr_backtest *bt);

/* The backtest as JSON: options, every case with its predictions, the
 * scores, the calibration table and the checks. */
GR_EXTERN void gr_json_backtest(gr_json *w, const gr_backtest *bt);

#ifdef __cplusplus
}
#endif
#endif /* GUARANTOR_BACKTEST_H */
