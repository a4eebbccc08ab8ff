/*
 * The backtest's internals: the baselines' logistic regression and the
 * scores, exposed to the tests.
 */
#ifndef GUARANTOR_BACKTEST_INT_H
#define GUARANTOR_BACKTEST_INT_H

#include <stddef.h>

#include "guarantor/backtest.h"

enum { GR__LOGISTIC_MAX = 12 };

typedef struct gr__logistic {
  size_t k;                          /* Covariates (the intercept apart). */
  double beta[GR__LOGISTIC_MAX + 1]; /* Intercept, then one per standardised covariate. */
  double mean[GR__LOGISTIC_MAX], sd[GR__LOGISTIC_MAX];
  int iterations;
} gr__logistic;

/* Fit on the rows i of x (n rows of k covariates, row-major) with
 * train[i] set; outcomes y in {0, 1}; ridge penalty lambda > 0 on the
 * standardised coefficients (logistic.c). 0, or -1 when there is no
 * training row, k is too large or the solve fails. */
int gr__logistic_fit(size_t n, size_t k, const double *x, const double *y, const unsigned char *train,
                     double lambda, gr__logistic *fit);
double gr__logistic_predict(const gr__logistic *fit, const double *xrow);

/* The four scores of predictions p (probabilities of failure) against
 * outcomes y over the m cases idx[0..m): out = {Brier, log loss (p
 * clipped to [0.001, 0.999]), AUC (NaN with one class), accuracy at 0.5}. */
void gr__scores(const double *p, const double *y, const size_t *idx, size_t m, double out[4]);

/* The ridge penalty of the baselines: assumption, a weak Gaussian prior
 * (standard deviation 1) on each standardised coefficient, so that a
 * separable sample has a finite fit (docs/backtest.md, section 4). */
#define GR__BASELINE_LAMBDA 1.0

#endif /* GUARANTOR_BACKTEST_INT_H */
