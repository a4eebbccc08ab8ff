/*
 * Logistic regression with a ridge penalty, for the backtest's baselines.
 *
 * The coefficients maximise the penalised log-likelihood
 *
 *   sum_i [ y_i ln p_i + (1 - y_i) ln(1 - p_i) ] - (lambda / 2) sum_{j >= 1} beta_j^2,
 *   p_i = 1 / (1 + exp(-(beta_0 + sum_j beta_j z_ij))),
 *
 * over covariates z standardised on the training cases (mean 0, standard
 * deviation 1; a constant covariate is left at 0), the intercept not
 * penalised. Newton's method (iteratively reweighted least squares; see
 * McCullagh & Nelder, Generalized Linear Models, 2nd ed., 1989, section
 * 4.4) with the penalised Hessian X'WX + lambda I, which is positive
 * definite for lambda > 0, so the Cholesky solve (GSL) always succeeds and
 * a separable sample (as Huth's cases are, Crisman-Cox, Gasparyan &
 * Signorino 2022) still has a finite fit. The penalty is a Gaussian prior
 * of standard deviation 1/sqrt(lambda) on each standardised coefficient.
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_linalg.h>

#include "backtest/backtest_int.h"

enum { MAX_ITER = 100 };

int gr__logistic_fit(size_t n, size_t k, const double *x, const double *y, const unsigned char *train,
                     double lambda, gr__logistic *fit) {
  if (k > GR__LOGISTIC_MAX) return -1;
  memset(fit, 0, sizeof *fit);
  fit->k = k;
  size_t m = 0;
  double ysum = 0;
  for (size_t i = 0; i < n; i++)
    if (train[i]) {
      m++;
      ysum += y[i];
      for (size_t j = 0; j < k; j++) fit->mean[j] += x[i * k + j];
    }
  if (m == 0) return -1;
  for (size_t j = 0; j < k; j++) fit->mean[j] /= (double)m;
  for (size_t i = 0; i < n; i++)
    if (train[i])
      for (size_t j = 0; j < k; j++) fit->sd[j] += (x[i * k + j] - fit->mean[j]) * (x[i * k + j] - fit->mean[j]);
  for (size_t j = 0; j < k; j++) fit->sd[j] = m > 1 ? sqrt(fit->sd[j] / (double)(m - 1)) : 0;
  /* Start from the base rate (clipped away from 0 and 1). */
  double rate = (ysum + 0.5) / ((double)m + 1.0);
  fit->beta[0] = log(rate / (1 - rate));
  const size_t d = k + 1;
  double h[(GR__LOGISTIC_MAX + 1) * (GR__LOGISTIC_MAX + 1)], g[GR__LOGISTIC_MAX + 1], z[GR__LOGISTIC_MAX + 1];
  for (int it = 0; it < MAX_ITER; it++) {
    memset(h, 0, sizeof h);
    memset(g, 0, sizeof g);
    for (size_t i = 0; i < n; i++) {
      if (!train[i]) continue;
      z[0] = 1;
      for (size_t j = 0; j < k; j++) z[j + 1] = fit->sd[j] > 0 ? (x[i * k + j] - fit->mean[j]) / fit->sd[j] : 0;
      double eta = 0;
      for (size_t j = 0; j < d; j++) eta += fit->beta[j] * z[j];
      double p = 1 / (1 + exp(-eta));
      double w = p * (1 - p);
      for (size_t a = 0; a < d; a++) {
        g[a] += (y[i] - p) * z[a];
        for (size_t b = 0; b < d; b++) h[a * d + b] += w * z[a] * z[b];
      }
    }
    for (size_t a = 1; a < d; a++) {
      g[a] -= lambda * fit->beta[a];
      h[a * d + a] += lambda;
    }
    /* A tiny ridge on the intercept too keeps H definite when every
     * training case has the same outcome (w -> 0). */
    h[0] += 1e-9;
    gsl_matrix_view H = gsl_matrix_view_array(h, d, d);
    gsl_vector_view G = gsl_vector_view_array(g, d);
    double step[GR__LOGISTIC_MAX + 1];
    gsl_vector_view S = gsl_vector_view_array(step, d);
    if (gsl_linalg_cholesky_decomp1(&H.matrix) != 0 || gsl_linalg_cholesky_solve(&H.matrix, &G.vector, &S.vector) != 0)
      return -1;
    double big = 0;
    for (size_t j = 0; j < d; j++) {
      fit->beta[j] += step[j];
      if (fabs(step[j]) > big) big = fabs(step[j]);
    }
    fit->iterations = it + 1;
    if (big < 1e-10) return 0;
  }
  return 0; /* Not converged to 1e-10 in MAX_ITER steps: the last iterate (the penalty makes this rare). */
}

double gr__logistic_predict(const gr__logistic *fit, const double *xrow) {
  double eta = fit->beta[0];
  for (size_t j = 0; j < fit->k; j++)
    if (fit->sd[j] > 0) eta += fit->beta[j + 1] * (xrow[j] - fit->mean[j]) / fit->sd[j];
  return 1 / (1 + exp(-eta));
}
