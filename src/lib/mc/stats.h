/*
 * Interval estimates (stats.c).
 */
#ifndef GUARANTOR_STATS_H
#define GUARANTOR_STATS_H

#include "guarantor/sim.h"

/* The q-quantile of observations counted in hist[0..nbins) (bin d holds the
 * value d), with a 95 % distribution-free interval from the ranks
 * n q -/+ 1.96 sqrt(n q (1 - q)). */
gr_quantile gr__hist_quantile(const uint64_t *hist, size_t nbins, double q);

#endif /* GUARANTOR_STATS_H */
