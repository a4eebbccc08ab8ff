/*
 * Interval estimates: Wilson score intervals for proportions (Wilson 1927,
 * JASA 22: 209-212), and order-statistic intervals for quantiles of a
 * histogram of days.
 */
#include <math.h>

#include "mc/stats.h"

gr_proportion gr_wilson(uint64_t k, uint64_t n, double z) {
  gr_proportion p = {k, n, NAN, NAN, NAN};
  if (n == 0) return p;
  double nn = (double)n, ph = (double)k / nn, z2 = z * z;
  double centre = (ph + z2 / (2 * nn)) / (1 + z2 / nn);
  double half = z / (1 + z2 / nn) * sqrt(ph * (1 - ph) / nn + z2 / (4 * nn * nn));
  p.estimate = ph;
  /* Inside [0, 1] and around the estimate: at k = 0 or k = n the bound
   * equals the estimate exactly in theory, up to rounding in practice. */
  p.lo = fmax(0, fmin(centre - half, ph));
  p.hi = fmin(1, fmax(centre + half, ph));
  return p;
}

/* The value of the observation of 0-based rank r in a histogram. */
static double at_rank(const uint64_t *hist, size_t nbins, uint64_t r) {
  uint64_t cum = 0;
  for (size_t d = 0; d < nbins; d++) {
    cum += hist[d];
    if (cum > r) return (double)d;
  }
  return (double)(nbins - 1);
}

gr_quantile gr__hist_quantile(const uint64_t *hist, size_t nbins, double q) {
  gr_quantile out = {q, NAN, NAN, NAN};
  uint64_t n = 0;
  for (size_t d = 0; d < nbins; d++) n += hist[d];
  if (n == 0) return out;
  double nn = (double)n, half = 1.959964 * sqrt(nn * q * (1 - q));
  double r = ceil(nn * q) - 1, lo = floor(nn * q - half), hi = ceil(nn * q + half);
  if (r < 0) r = 0;
  if (lo < 0) lo = 0;
  if (hi > nn - 1) hi = nn - 1;
  out.value = at_rank(hist, nbins, (uint64_t)r);
  out.lo = at_rank(hist, nbins, (uint64_t)lo);
  out.hi = at_rank(hist, nbins, (uint64_t)hi);
  return out;
}
