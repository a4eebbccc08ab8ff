/*
 * Differences, not only levels (difference.c): which assumptions decide
 * whether arrangement A deters more than arrangement B, and where in the
 * parameter space the ordering flips. Runs the library's
 * gr_sensitivity_difference_new() and gr_discovery_new() and prints them.
 */
#ifndef GUARANTOR_CLI_DIFFERENCE_H
#define GUARANTOR_CLI_DIFFERENCE_H

#include <stdint.h>
#include <stdio.h>

#include "guarantor/discovery.h"
#include "simout.h"

/* Both analyses of one pair; each NULL until run. Owns both. */
typedef struct cli_difference {
  gr_sensitivity *sens;  /* Sobol indices of D = P_A - P_B. */
  gr_discovery *disc;    /* PRIM's boxes where the ordering flips. */
} cli_difference;

/*
 * Run both analyses of `a` against `b` on case `cs`: the Sobol indices
 * of D from `samples` base samples (the seed and threads of `so`, its
 * progress and cancel too), then the discovery (`dopts`, NULL: the
 * defaults; the seed and threads of `so`). facts_a, facts_b: each NULL or
 * made for its arrangement. On EXIT_OK *out holds both, which the caller
 * frees with cli_difference_free(); else an error naming `cmd` was
 * printed and *out holds nothing.
 */
int cli_difference_run(const char *cmd, const gr_catalog *cat, const gr_params *params, const gr_arrangement *a,
                       const gr_arrangement *b, const cli_case *cs, const gr_facts *facts_a,
                       const gr_facts *facts_b, gr_date as_of, const gr_sim_options *so,
                       const gr_discovery_options *dopts, uint64_t samples, cli_difference *out);

/* As text: "Which assumptions decide whether A beats B" (the indices
 * table) and "Where the ordering flips" (the boxes as sentences). */
void cli_difference_print_text(FILE *fp, const cli_difference *d);

/* As one JSON object {"sensitivity": ..., "discovery": ...} written as the
 * next value of `w` (which the caller owns and finishes). */
void cli_difference_json(gr_json *w, const cli_difference *d);

/* The same as a whole document on `fp`: EXIT_OK, or EXIT_FAIL having said
 * why. */
int cli_difference_print_json(FILE *fp, const cli_difference *d);

/* Free both analyses; accepts a zeroed struct. */
void cli_difference_free(cli_difference *d);

#endif /* GUARANTOR_CLI_DIFFERENCE_H */
