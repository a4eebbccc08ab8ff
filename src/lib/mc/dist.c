/*
 * The parameters' distributions: sampling on a Philox stream (through GSL
 * where it has the sampler: Marsaglia & Tsang's gamma for the beta, the
 * ziggurat for the normal) and quantile functions for the quasi-random
 * designs of the sensitivity analysis and the delays.
 *
 * Every function here is total: for any parameters the loader accepts it
 * returns a number in a bounded number of steps. GSL's beta quantile is
 * not (it aborts the process through GSL's error handler for a = 0.001,
 * b = 1000, and does not return for a = b = 1e6), so the beta's is our
 * own: a safeguarded Newton iteration on the regularized incomplete beta
 * function, itself a bounded continued fraction.
 */
#include <float.h>
#include <math.h>
#include <pthread.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "mc/dist.h"

/* ---- GSL's error handler -------------------------------------------------
 *
 * GSL's default handler aborts the process. The calls made here cannot
 * fail on valid input, except that an allocation (gsl_qrng_alloc) can run
 * out of memory, and a library must not abort its host for that: the
 * failing call's own result (NULL) says it failed. So the first time the
 * library needs GSL it installs a handler that returns, unless the program
 * has installed a handler of its own, which is then left in place. */

static void quiet(const char *reason, const char *file, int line, int gsl_errno) {
  (void)reason;
  (void)file;
  (void)line;
  (void)gsl_errno;
}

static void install(void) {
  gsl_error_handler_t *previous = gsl_set_error_handler(quiet);
  if (previous != NULL) gsl_set_error_handler(previous); /* The program's own: keep it. */
}

void gr__gsl_guard(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, install);
}

static unsigned long philox_get(void *state) { return gr__u32(state); }
static double philox_get_double(void *state) { return (double)gr__u32(state) * (1.0 / 4294967296.0); }
static void philox_set(void *state, unsigned long seed) {
  (void)state;
  (void)seed; /* Streams are addressed, not seeded: nothing to do. */
}

const gsl_rng_type gr__philox_gsl_type = {"philox4x32-10 stream", 0xffffffffUL, 0, 0, philox_set,
                                          philox_get, philox_get_double};

static double beta_quantile(double a, double b, double u);

/* Inverse CDF of the triangular distribution on [a, b] with mode c. */
static double triangular_quantile(double a, double c, double b, double u) {
  double f = (c - a) / (b - a);
  if (u < f) return a + sqrt(u * (b - a) * (c - a));
  return b - sqrt((1 - u) * (b - a) * (b - c));
}

double gr__param_draw(const gr_parameter *p, gr__stream *s) {
  gsl_rng r = gr__gsl_rng(s);
  switch (p->distribution) {
  case GR_DIST_BETA: {
    /* Two gamma draws, X / (X + Y): with both shapes tiny, both can
     * underflow to 0; then the inverse CDF of a fresh uniform. */
    double v = gsl_ran_beta(&r, p->a, p->b);
    return isfinite(v) ? v : beta_quantile(p->a, p->b, gr__uniform(s));
  }
  case GR_DIST_NORMAL: return p->mean + gsl_ran_gaussian_ziggurat(&r, p->sd);
  case GR_DIST_LOGNORMAL: return exp(p->mu + gsl_ran_gaussian_ziggurat(&r, p->sigma));
  case GR_DIST_UNIFORM: return p->min + (p->max - p->min) * gr__uniform(s);
  case GR_DIST_TRIANGULAR: return triangular_quantile(p->min, p->mode, p->max, gr__uniform(s));
  default: return p->value;
  }
}

/* ---- The beta distribution ------------------------------------------------ */

/* The continued fraction of the regularized incomplete beta function,
 * evaluated by the modified Lentz method (Press et al., Numerical Recipes,
 * 3rd ed., 2007, section 6.4; Lentz 1976), at most 10,000 terms: enough
 * for a, b up to 10^6, the loader's bound (it needs O(sqrt(max(a, b)))). */
static double beta_cf(double a, double b, double x) {
  const double tiny = 1e-300;
  double qab = a + b, qap = a + 1, qam = a - 1, c = 1, d = 1 - qab * x / qap;
  if (fabs(d) < tiny) d = tiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 10000; m++) {
    double m2 = 2.0 * m, aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (fabs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (fabs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (fabs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (fabs(c) < tiny) c = tiny;
    d = 1 / d;
    double del = d * c;
    h *= del;
    if (fabs(del - 1) < 1e-15) break;
  }
  return h;
}

/* ln B(a, b); GSL's, which unlike lgamma() shares no state between threads. */
static double log_beta(double a, double b) { return gsl_sf_lnbeta(a, b); }

/* I_x(a, b), the beta distribution's CDF at x. */
static double beta_cdf(double x, double a, double b, double lbeta) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  double front = exp(a * log(x) + b * log1p(-x) - lbeta);
  /* The fraction converges fast below the mean; above it, by symmetry. */
  if (x < (a + 1) / (a + b + 2)) return front * beta_cf(a, b, x) / a;
  return 1 - front * beta_cf(b, a, 1 - x) / b;
}

/* The x in (0, x_hi] with I_x(a, b) = u, for u at most I_{x_hi}: Newton's
 * method on log I_x = log u as a function of t = log x. In these
 * coordinates both tails are nearly straight lines (the lower tail's power
 * law, I_x ~ x^a / (a B(a, b)), exactly so; a concentrated beta's Gaussian
 * tail, a parabola), so that a quantile of 10^-300 is reached in a few
 * steps. (In x, bisection from [0, 1] stalls after 200 halvings at 10^-60,
 * while beta(0.002, 1000) has its median near 10^-154; Newton on I itself
 * gains one e-fold a step.) The step is kept inside the bracket that the
 * signs of I_x - u narrow, bisecting in t when it would leave it; at most
 * 200 steps. 0 when the quantile is below the smallest normal double. */
static double beta_lower_quantile(double a, double b, double u, double lbeta, double x_hi) {
  double tlo = log(DBL_MIN), thi = log(x_hi), logu = log(u);
  if (beta_cdf(DBL_MIN, a, b, lbeta) >= u) return 0;
  /* From the tail's power law, inside the bracket. */
  double t = (logu + log(a) + lbeta) / a;
  if (!(t > tlo && t < thi)) t = (tlo + thi) / 2;
  for (int it = 0; it < 200; it++) {
    double x = exp(t), cdf = beta_cdf(x, a, b, lbeta);
    double f = cdf > 0 ? log(cdf) - logu : -INFINITY;
    if (f == 0) break;
    if (f < 0) tlo = t;
    else thi = t;
    /* d log I / dt = pdf(x) x / I, pdf(x) x = exp(a log x + (b - 1) log(1 - x) - ln B). */
    double next = t - f * cdf / exp(a * t + (b - 1) * log1p(-x) - lbeta);
    if (!(next > tlo && next < thi)) next = tlo + (thi - tlo) / 2;
    if (fabs(next - t) <= 4 * DBL_EPSILON * fmax(1, fabs(t))) {
      t = next;
      break;
    }
    t = next;
  }
  return exp(t);
}

/* The u-quantile of beta(a, b). Below the mean, solved on the lower tail;
 * above it, as 1 minus the (1 - u)-quantile of beta(b, a), whose lower
 * tail it is: each tail is then reached to full relative precision. */
static double beta_quantile(double a, double b, double u) {
  if (!(u > 0)) return 0;
  if (!(u < 1)) return 1;
  double lbeta = log_beta(a, b), m = a / (a + b);
  if (u <= beta_cdf(m, a, b, lbeta)) return beta_lower_quantile(a, b, u, lbeta, m);
  return 1 - beta_lower_quantile(b, a, 1 - u, lbeta, 1 - m);
}

double gr__param_quantile(const gr_parameter *p, double u) {
  switch (p->distribution) {
  case GR_DIST_BETA: return beta_quantile(p->a, p->b, u);
  case GR_DIST_NORMAL: return p->mean + gsl_cdf_gaussian_Pinv(u, p->sd);
  case GR_DIST_LOGNORMAL: return gsl_cdf_lognormal_Pinv(u, p->mu, p->sigma);
  case GR_DIST_UNIFORM: return p->min + (p->max - p->min) * u;
  case GR_DIST_TRIANGULAR: return triangular_quantile(p->min, p->mode, p->max, u);
  default: return p->value;
  }
}

double gr__param_mean(const gr_parameter *p) {
  switch (p->distribution) {
  case GR_DIST_BETA: return p->a / (p->a + p->b);
  case GR_DIST_NORMAL: return p->mean;
  case GR_DIST_LOGNORMAL: return exp(p->mu + p->sigma * p->sigma / 2);
  case GR_DIST_UNIFORM: return (p->min + p->max) / 2;
  case GR_DIST_TRIANGULAR: return (p->min + p->mode + p->max) / 3;
  default: return p->value;
  }
}

double gr__param_variance(const gr_parameter *p) {
  double a = p->a, b = p->b, s2 = p->sigma * p->sigma;
  switch (p->distribution) {
  case GR_DIST_BETA: return a * b / ((a + b) * (a + b) * (a + b + 1));
  case GR_DIST_NORMAL: return p->sd * p->sd;
  case GR_DIST_LOGNORMAL: return (exp(s2) - 1) * exp(2 * p->mu + s2);
  case GR_DIST_UNIFORM: return (p->max - p->min) * (p->max - p->min) / 12;
  case GR_DIST_TRIANGULAR:
    return (p->min * p->min + p->mode * p->mode + p->max * p->max - p->min * p->mode - p->min * p->max -
            p->mode * p->max) / 18;
  default: return 0;
  }
}
