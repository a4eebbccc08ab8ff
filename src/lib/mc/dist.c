/*
 * The parameters' distributions: sampling on a Philox stream (through GSL
 * where it has the sampler: Marsaglia & Tsang's gamma for the beta, the
 * ziggurat for the normal) and quantile functions for the quasi-random
 * designs of the sensitivity analysis.
 */
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "mc/dist.h"

static unsigned long philox_get(void *state) { return gr__u32(state); }
static double philox_get_double(void *state) { return (double)gr__u32(state) * (1.0 / 4294967296.0); }
static void philox_set(void *state, unsigned long seed) {
  (void)state;
  (void)seed; /* Streams are addressed, not seeded: nothing to do. */
}

const gsl_rng_type gr__philox_gsl_type = {"philox4x32-10 stream", 0xffffffffUL, 0, 0, philox_set,
                                          philox_get, philox_get_double};

/* Inverse CDF of the triangular distribution on [a, b] with mode c. */
static double triangular_quantile(double a, double c, double b, double u) {
  double f = (c - a) / (b - a);
  if (u < f) return a + sqrt(u * (b - a) * (c - a));
  return b - sqrt((1 - u) * (b - a) * (b - c));
}

double gr__param_draw(const gr_parameter *p, gr__stream *s) {
  gsl_rng r = gr__gsl_rng(s);
  switch (p->distribution) {
  case GR_DIST_BETA: return gsl_ran_beta(&r, p->a, p->b);
  case GR_DIST_NORMAL: return p->mean + gsl_ran_gaussian_ziggurat(&r, p->sd);
  case GR_DIST_LOGNORMAL: return exp(p->mu + gsl_ran_gaussian_ziggurat(&r, p->sigma));
  case GR_DIST_UNIFORM: return p->min + (p->max - p->min) * gr__uniform(s);
  case GR_DIST_TRIANGULAR: return triangular_quantile(p->min, p->mode, p->max, gr__uniform(s));
  default: return p->value;
  }
}

double gr__param_quantile(const gr_parameter *p, double u) {
  switch (p->distribution) {
  case GR_DIST_BETA: return gsl_cdf_beta_Pinv(u, p->a, p->b);
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
