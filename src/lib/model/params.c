/*
 * The model's parameters as data (params.h): their ids in the model's
 * order, the domain each must lie in, the unit each is written in, and the
 * check of a parameter record against them.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/params.h"

const gr__domain_row gr__domains[GR__DOM_COUNT] = {
    [GR__DOM_PROBABILITY] = {"a probability", 0, 1, false, false},
    [GR__DOM_SHARE] = {"a share", 0, 1, false, false},
    [GR__DOM_LOGIT] = {"a shift of log-odds", -50, 50, false, true},
    [GR__DOM_RATIO] = {"a positive ratio", 0, 1e6, true, false},
    [GR__DOM_FACTOR] = {"a factor of at least 1", 1, 100, false, false},
    [GR__DOM_VALUE] = {"a value in units of the gain", 0, 1e6, false, false},
    [GR__DOM_AMOUNT] = {"an amount", 0, 1e9, false, false},
    [GR__DOM_YEARS] = {"a number of years", 0, 200, false, false},
    [GR__DOM_DAYS] = {"a delay in days", 0, 36525, false, false},
};

#define GR__P_SPEC(name, id, domain, unit) {id, GR__DOM_##domain, unit},
const gr__param_spec gr__param_specs[GR__P_COUNT] = {GR__MODEL_PARAMS(GR__P_SPEC)};
#undef GR__P_SPEC

int gr__param_index(const char *id) {
  for (int i = 0; id != NULL && i < GR__P_COUNT; i++)
    if (strcmp(gr__param_specs[i].id, id) == 0) return i;
  return -1;
}

/* How far the practical support of the unbounded families reaches: a
 * normal draw beyond 10 standard deviations has a probability below 1e-23,
 * so a run of 10^12 draws meets one with odds of 1 in 10^11. */
enum { TAIL_SDS = 10 };

void gr__param_support(const gr_parameter *p, double *lo, double *hi, bool *lo_open) {
  *lo_open = false;
  switch (p->distribution) {
  case GR_DIST_BETA:
    *lo = 0;
    *hi = 1;
    break;
  case GR_DIST_NORMAL:
    *lo = p->mean - TAIL_SDS * p->sd;
    *hi = p->mean + TAIL_SDS * p->sd;
    break;
  case GR_DIST_LOGNORMAL:
    *lo = exp(p->mu - TAIL_SDS * p->sigma);
    *hi = exp(p->mu + TAIL_SDS * p->sigma);
    *lo_open = *lo == 0;
    break;
  case GR_DIST_UNIFORM:
  case GR_DIST_TRIANGULAR:
    *lo = p->min;
    *hi = p->max;
    break;
  default:
    *lo = *hi = p->value;
    break;
  }
}

/* The keys each family needs, to know whether the support can be read. */
static bool complete(const gr_parameter *p) {
  static const int needs[GR_DIST__COUNT][3] = {
      [GR_DIST_FIXED] = {GR_KEY_PARAMETER_VALUE, -1, -1},
      [GR_DIST_BETA] = {GR_KEY_PARAMETER_A, GR_KEY_PARAMETER_B, -1},
      [GR_DIST_NORMAL] = {GR_KEY_PARAMETER_MEAN, GR_KEY_PARAMETER_SD, -1},
      [GR_DIST_LOGNORMAL] = {GR_KEY_PARAMETER_MU, GR_KEY_PARAMETER_SIGMA, -1},
      [GR_DIST_UNIFORM] = {GR_KEY_PARAMETER_MIN, GR_KEY_PARAMETER_MAX, -1},
      [GR_DIST_TRIANGULAR] = {GR_KEY_PARAMETER_MIN, GR_KEY_PARAMETER_MODE, GR_KEY_PARAMETER_MAX},
  };
  if (!GR_GIVEN(p, GR_KEY_PARAMETER_DISTRIBUTION) || (int)p->distribution < 0 || p->distribution >= GR_DIST__COUNT)
    return false;
  for (int i = 0; i < 3; i++)
    if (needs[p->distribution][i] >= 0 && !GR_GIVEN(p, needs[p->distribution][i])) return false;
  return true;
}

/* The distribution in words, for messages. */
static void describe(const gr_parameter *p, char *buf, size_t n) {
  switch (p->distribution) {
  case GR_DIST_BETA: snprintf(buf, n, "beta(%g, %g)", p->a, p->b); break;
  case GR_DIST_NORMAL: snprintf(buf, n, "normal(mean %g, sd %g)", p->mean, p->sd); break;
  case GR_DIST_LOGNORMAL: snprintf(buf, n, "lognormal(mu %g, sigma %g)", p->mu, p->sigma); break;
  case GR_DIST_UNIFORM: snprintf(buf, n, "uniform(%g, %g)", p->min, p->max); break;
  case GR_DIST_TRIANGULAR: snprintf(buf, n, "triangular(%g, %g, %g)", p->min, p->mode, p->max); break;
  default: snprintf(buf, n, "the fixed value %g", p->value); break;
  }
}

bool gr__param_problem(const gr_parameter *p, char *msg, size_t n) {
  int i = gr__param_index(p->id);
  if (i < 0) {
    const char *ids[GR__P_COUNT];
    for (int k = 0; k < GR__P_COUNT; k++) ids[k] = gr__param_specs[k].id;
    const char *best = p->id ? gr__closest(p->id, ids, GR__P_COUNT) : NULL;
    if (best) snprintf(msg, n, "the model reads no parameter '%s' (did you mean '%s'?)", p->id ? p->id : "?", best);
    else snprintf(msg, n, "the model reads no parameter '%s' (docs/model.md, section 3, lists them)", p->id ? p->id : "?");
    return true;
  }
  const gr__param_spec *s = &gr__param_specs[i];
  const gr__domain_row *d = &gr__domains[s->domain];
  if (p->unit != NULL && strcmp(p->unit, s->unit) != 0) {
    snprintf(msg, n, "'%s' is %s, in unit '%s', not '%s'", p->id, d->name, s->unit, p->unit);
    return true;
  }
  if (!complete(p)) return false; /* Its missing keys are reported by the loader. */
  char range[64], dist[96];
  snprintf(range, sizeof range, "%s%g, %g]", d->lo_open ? "(" : "[", d->lo, d->hi);
  describe(p, dist, sizeof dist);
  if (p->distribution == GR_DIST_NORMAL && !d->normal_ok) {
    snprintf(msg, n, "'%s' is %s in %s: a normal distribution reaches beyond any bound; use a %s one instead", p->id,
             d->name, range, d->lo_open ? "lognormal, uniform or triangular" : "uniform, triangular, beta or lognormal");
    return true;
  }
  double lo, hi;
  bool lo_open;
  gr__param_support(p, &lo, &hi, &lo_open);
  bool below = d->lo_open ? !(lo > d->lo || (lo == d->lo && lo_open)) : !(lo >= d->lo);
  if (below || !(hi <= d->hi)) {
    if (p->distribution == GR_DIST_FIXED) snprintf(msg, n, "'%s' is %s in %s, not %g", p->id, d->name, range, p->value);
    else snprintf(msg, n, "'%s' is %s in %s, but %s reaches %g", p->id, d->name, range, dist, below ? lo : hi);
    return true;
  }
  return false;
}
