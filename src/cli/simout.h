/*
 * Printing simulation results (simout.c).
 */
#ifndef GUARANTOR_CLI_SIMOUT_H
#define GUARANTOR_CLI_SIMOUT_H

#include <stdio.h>

#include "guarantor/sim.h"
#include "json.h"

/* "0.412 [0.401, 0.423]" or "n/a (no draws)". */
char *cli_fmt_prop(const gr_proportion *p, char *buf, size_t n);
/* "12 [11, 13]" days, or "n/a". */
char *cli_fmt_days(const gr_quantile *q, char *buf, size_t n);
void cli_json_prop(json_writer *w, const gr_proportion *p);
void cli_json_quantile(json_writer *w, const gr_quantile *q);
/* The strongest obligation kind on offer. */
const char *cli_strongest(const gr_arrangement *a);
/* The distinct guarantors, space-separated, into buf; returns how many. */
size_t cli_guarantors(const gr_arrangement *a, char *buf, size_t n);

/* A whole result as a JSON object (cmd_simulate.c). */
void cli_json_sim_result(json_writer *w, const gr_sim_result *r);

#endif /* GUARANTOR_CLI_SIMOUT_H */
