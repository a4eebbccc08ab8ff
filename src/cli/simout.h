/*
 * Printing simulation results (simout.c).
 */
#ifndef GUARANTOR_CLI_SIMOUT_H
#define GUARANTOR_CLI_SIMOUT_H

#include <stdbool.h>
#include <stdio.h>

#include "guarantor/sim.h"

/* "0.412 [0.401, 0.423]" or "n/a (no draws)". */
char *cli_fmt_prop(const gr_proportion *p, char *buf, size_t n);
/* "+0.120 [+0.114, +0.126]" or "n/a (no draws)". */
char *cli_fmt_diff(const gr_difference *d, char *buf, size_t n);
/* "12 [11, 13]" days, or "n/a". */
char *cli_fmt_days(const gr_quantile *q, char *buf, size_t n);
/* The strongest obligation kind on offer. */
const char *cli_strongest(const gr_arrangement *a);
/* The distinct guarantors, space-separated, into buf; returns how many. */
size_t cli_guarantors(const gr_arrangement *a, char *buf, size_t n);

/* One row of the comparison table. */
typedef struct cli_compare_row {
  const gr_arrangement *arr;
  gr_sim_result *res;
  char vetoes[128];     /* Actors vetoing it (assess), space-separated. */
  char guarantors[128]; /* Its distinct guarantors, space-separated. */
  size_t nguarantors;
} cli_compare_row;

/* What compare, report and simulate run: a scenario, or one event. */
typedef struct cli_case {
  const gr_scenario *sc;
  const gr_event *ev;
} cli_case;

/* "0.476 to 0.513" (or "+0.001 to +0.014" with `sign`): a spread's
 * central 80 %; "n/a" without draws. */
char *cli_fmt_spread(const gr_spread *s, bool sign, char *buf, size_t n);
/* The id of a result's baseline: an arrangement's, or "none". */
const char *cli_baseline_id(const gr_sim_result *r);
/* Fewer attacks (or successes) than the baseline: a vs_ difference turned round. */
gr_difference cli_fewer(const gr_difference *vs);

/* The case's id. */
const char *cli_case_id(const cli_case *c);

/* Fill rows[0..n) from results simulated together; each arrangement's
 * vetoes are read at its result's date under its facts (facts[i], or
 * the defaults when `facts` is NULL). */
void cli_compare_fill(const gr_catalog *cat, const gr_arrangement *const *arrs, gr_sim_result *const *res,
                      gr_facts *const *facts, size_t n, cli_compare_row *rows);

/* The comparison table, readable on a terminal. */
void cli_print_compare_table(FILE *fp, const cli_compare_row *rows, size_t n, const cli_case *cs);

/* The comparison run that compare and report share. */
typedef struct cli_comparison {
  size_t n;
  const gr_arrangement **arrs;
  gr_sim_result **res;
  cli_compare_row *rows;
  gr_params *params;
  gr_facts **facts; /* Per arrangement: defaults, then --facts. */
} cli_comparison;

/* Simulate the arrangements named in ids[0..nids) (all of the catalog's
 * when nids is 0) together against `ev`, with a progress bar and Ctrl-C,
 * paired with `baseline` (an arrangement's id, run first when not among
 * them; NULL or "none": no guarantee);
 * fill `c` (free it with cli_comparison_free() in any case). Returns an
 * exit status, having printed why when it is not EXIT_OK. */
int cli_comparison_run(const char *cmd, const gr_catalog *cat, char *const *ids, size_t nids, const cli_case *cs,
                       gr_date as_of, char *const *facts, size_t nfacts, gr_sim_options *so, const char *baseline,
                       cli_comparison *c);
void cli_comparison_free(cli_comparison *c);
/* The label of the progress bar of the next comparisons ("run 3 of 5");
 * NULL: "simulating". The string must outlive them. */
void cli_comparison_label(const char *what);

#endif /* GUARANTOR_CLI_SIMOUT_H */
