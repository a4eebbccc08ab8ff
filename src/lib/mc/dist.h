/*
 * Sampling and quantiles of the parameters' distributions (dist.c).
 */
#ifndef GUARANTOR_DIST_H
#define GUARANTOR_DIST_H

#include "guarantor/model.h"
#include "mc/rng.h"

/* Make GSL's errors return instead of aborting the process (installed
 * once, unless the program has a handler of its own). */
void gr__gsl_guard(void);

double gr__param_draw(const gr_parameter *p, gr__stream *s);
double gr__param_quantile(const gr_parameter *p, double u);
double gr__param_mean(const gr_parameter *p);
double gr__param_variance(const gr_parameter *p);

#endif /* GUARANTOR_DIST_H */
