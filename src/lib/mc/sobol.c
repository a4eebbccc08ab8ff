/*
 * Variance-based sensitivity: first- and total-order Sobol indices.
 *
 * Design (Saltelli 2002; Saltelli et al. 2010, "Variance based sensitivity
 * analysis of model output. Design and estimator for the total sensitivity
 * index", Computer Physics Communications 181: 259-270): two n x k matrices
 * A and B of quasi-random points, and for each input i the matrix A_B^i,
 * equal to A but for column i taken from B. Estimators:
 *   V    = variance of f over the 2n points of A and B
 *   S_i  = mean( (f(B) - m) (f(A_B^i) - f(A)) ) / V      (Saltelli 2010,
 *          with f(B) centred on the sample mean m)
 *   S_Ti = mean( (f(A) - f(A_B^i))^2 ) / (2 V)            (Jansen 1999)
 * Centring f(B) leaves S_i's expectation unchanged (f(A_B^i) and f(A) have
 * the same mean) and removes the variance a large mean adds, which made
 * small indices of an output near 0.5 with little variance come out with
 * intervals wholly below zero (Janon, Klein, Lagnoux, Nodet & Prieur 2014,
 * "Asymptotic normality and efficiency of two Sobol index estimators",
 * ESAIM: Probability and Statistics 18: 342-364; Owen 2013, "Better
 * estimation of small Sobol' sensitivity indices", ACM TOMACS 23(2)).
 * V is computed in two passes, so that a small variance about a large
 * mean is not lost to cancellation.
 * Intervals: percentile bootstrap over the n rows, with a Philox stream.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "base/base.h"
#include "guarantor/sim.h"
#include "mc/mc.h"
#include "mc/dist.h"
#include "mc/rng.h"


typedef struct estimate {
  double *first, *total; /* k each */
} estimate;

/* The indices from rows `rows` (n of them, possibly repeated; NULL: rows
 * 0 .. n-1); f(A_B^i) of row j is fab[i * stride + j]. */
static void estimate_from(size_t k, uint64_t n, uint64_t stride, const double *fa, const double *fb,
                          const double *fab, const uint64_t *rows, double *first, double *total) {
  double sum = 0, sum2 = 0;
  for (uint64_t r = 0; r < n; r++) {
    uint64_t j = rows ? rows[r] : r;
    sum += fa[j] + fb[j];
  }
  double m = sum / (2.0 * (double)n);
  for (uint64_t r = 0; r < n; r++) {
    uint64_t j = rows ? rows[r] : r;
    sum2 += (fa[j] - m) * (fa[j] - m) + (fb[j] - m) * (fb[j] - m);
  }
  double v = sum2 / (2.0 * (double)n);
  for (size_t i = 0; i < k; i++) {
    double s1 = 0, st = 0;
    for (uint64_t r = 0; r < n; r++) {
      uint64_t j = rows ? rows[r] : r;
      double ab = fab[i * stride + j];
      s1 += (fb[j] - m) * (ab - fa[j]);
      st += (fa[j] - ab) * (fa[j] - ab);
    }
    first[i] = v > 0 ? s1 / (double)n / v : 0;
    total[i] = v > 0 ? st / (2.0 * (double)n) / v : 0;
  }
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

gr_status gr_sobol(size_t k, uint64_t n, gr_sobol_fn f, void *ctx, unsigned bootstrap, const gr_sim_options *options,
                   gr_sobol_index *out, double *mean, double *variance, uint64_t *done_rows, gr_error *err) {
  if (f == NULL || out == NULL || n < 2 || n > ((uint64_t)1 << 40))
    return gr__fail(err, GR_E_ARG, "%s", "gr_sobol: bad argument");
  gr_sim_options opts;
  if (gr__sim_options_read(options, &opts, "gr_sobol", err) != GR_OK) return err ? err->code : GR_E_MISUSE;
  int threads = opts.threads;
  uint64_t seed = opts.seed;
  if (done_rows) *done_rows = n;
  if (k == 0) {
    if (mean) *mean = NAN;
    if (variance) *variance = 0;
    gr__ok(err);
    return GR_OK;
  }
  /* GSL's Sobol sequence has up to 40 dimensions. Beyond, a pseudo-random
   * design (Philox) keeps the estimators unbiased: high-dimensional Halton
   * sequences, the other GSL choice, are correlated across dimensions at
   * small n, which biased the first-order indices in our tests. */
  bool quasi = 2 * k <= 40;
  gr__gsl_guard(); /* An allocation failure in GSL returns NULL, not abort(). */
  gsl_qrng *q = quasi ? gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * k)) : NULL;
  double *pts = malloc(sizeof(double) * 2 * k * n);
  double *fa = malloc(sizeof(double) * n), *fb = malloc(sizeof(double) * n);
  double *fab = malloc(sizeof(double) * k * n);
  double *first = malloc(sizeof(double) * k * (bootstrap + 1)), *total = malloc(sizeof(double) * k * (bootstrap + 1));
  uint64_t *rows = malloc(sizeof(uint64_t) * n);
  double *xs = NULL, *col = NULL;
  gr_status st = GR_OK;
  if ((quasi && q == NULL) || pts == NULL || fa == NULL || fb == NULL || fab == NULL || first == NULL || total == NULL ||
      rows == NULL) {
    st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
    goto done;
  }
  /* Skip the first point (all zeros for Sobol: a quantile of 0 is -inf). */
  if (quasi) gsl_qrng_get(q, pts);
  for (uint64_t j = 0; j < n; j++) {
    double *p = pts + j * 2 * k;
    if (quasi) {
      gsl_qrng_get(q, p);
    } else {
      gr__stream s;
      gr__stream_init(&s, seed, j, 0x5a170000u);
      for (size_t i = 0; i < 2 * k; i++) p[i] = gr__uniform(&s);
    }
    for (size_t i = 0; i < 2 * k; i++) {
      if (p[i] <= 0) p[i] = 0.5 / (double)n;
      if (p[i] >= 1) p[i] = 1 - 0.5 / (double)n;
    }
  }
  int nth = threads > 0 ? threads : 1;
#ifdef _OPENMP
  if (threads <= 0) nth = omp_get_max_threads();
#else
  nth = 1;
#endif
  /* Each thread's point, allocated here: a thread that could not have one
   * would skip evaluations and leave wrong indices behind. */
  xs = malloc(sizeof(double) * k * (size_t)nth);
  if (xs == NULL) {
    st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
    goto done;
  }
  /* Evaluations: independent, written to fixed slots, so the order of
   * evaluation does not matter. In blocks of rows, between which the
   * caller may cancel: the indices then come from the rows done. */
  const uint64_t block = 1024;
  uint64_t rows_done = 0;
  while (rows_done < n) {
    uint64_t from = rows_done, to = n - rows_done < block ? n : rows_done + block;
#pragma omp parallel num_threads(nth)
    {
      int tid = 0;
#ifdef _OPENMP
      tid = omp_get_thread_num();
#endif
      double *x = xs + (size_t)tid * k;
#pragma omp for schedule(static)
      for (uint64_t j = from; j < to; j++) {
        const double *a = pts + j * 2 * k, *b = a + k;
        fa[j] = f(a, ctx);
        fb[j] = f(b, ctx);
        for (size_t i = 0; i < k; i++) {
          memcpy(x, a, sizeof(double) * k);
          x[i] = b[i];
          fab[i * n + j] = f(x, ctx);
        }
      }
    }
    rows_done = to;
    if (opts.progress) opts.progress(rows_done, n, opts.progress_ctx);
    if (rows_done < n && opts.cancel && opts.cancel(opts.cancel_ctx)) break;
  }
  uint64_t m = rows_done;
  if (done_rows) *done_rows = m;
  estimate_from(k, m, n, fa, fb, fab, NULL, first, total);
  double sum = 0, sum2 = 0;
  for (uint64_t j = 0; j < m; j++) {
    sum += fa[j] + fb[j];
    sum2 += fa[j] * fa[j] + fb[j] * fb[j];
  }
  if (mean) *mean = sum / (2.0 * (double)m);
  if (variance) *variance = sum2 / (2.0 * (double)m) - (sum / (2.0 * (double)m)) * (sum / (2.0 * (double)m));
  for (unsigned b = 0; b < bootstrap; b++) {
    gr__stream s;
    gr__stream_init(&s, seed, b, 0x5b0b0000u);
    for (uint64_t r = 0; r < m; r++) rows[r] = (uint64_t)(gr__uniform(&s) * (double)m) % m;
    estimate_from(k, m, n, fa, fb, fab, rows, first + (b + 1) * k, total + (b + 1) * k);
  }
  col = malloc(sizeof(double) * (bootstrap ? bootstrap : 1));
  if (col == NULL) {
    st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
    goto done;
  }
  for (size_t i = 0; i < k; i++) {
    out[i].first = first[i];
    out[i].total = total[i];
    out[i].first_lo = out[i].first_hi = first[i];
    out[i].total_lo = out[i].total_hi = total[i];
    if (bootstrap == 0) continue;
    size_t lo = (size_t)floor(0.025 * (bootstrap - 1)), hi = (size_t)ceil(0.975 * (bootstrap - 1));
    for (unsigned b = 0; b < bootstrap; b++) col[b] = first[(b + 1) * k + i];
    qsort(col, bootstrap, sizeof *col, cmp_double);
    out[i].first_lo = col[lo];
    out[i].first_hi = col[hi];
    for (unsigned b = 0; b < bootstrap; b++) col[b] = total[(b + 1) * k + i];
    qsort(col, bootstrap, sizeof *col, cmp_double);
    out[i].total_lo = col[lo];
    out[i].total_hi = col[hi];
  }
done:
  free(col);
  free(xs);
  if (q) gsl_qrng_free(q);
  free(pts);
  free(fa);
  free(fb);
  free(fab);
  free(first);
  free(total);
  free(rows);
  if (st == GR_OK) gr__ok(err);
  return st;
}
