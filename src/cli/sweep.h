/*
 * compare --sweep (sweep.c): the comparison re-run over lists or ranges
 * of parameters, facts and what-if edits, on common random numbers,
 * written as one long table (one row per run and arrangement), the way
 * NetLogo's BehaviorSpace and Mesa's batch runs write theirs.
 */
#ifndef GUARANTOR_CLI_SWEEP_H
#define GUARANTOR_CLI_SWEEP_H

#include "guarantor/sim.h"
#include "options.h"
#include "simout.h"
#include "whatif.h"

/* What a compare run would be given, besides the sweeps. */
typedef struct cli_sweep_base {
  char *const *files;
  size_t nfiles;
  const cli_what_if_options *wi;
  char *const *ids;
  size_t nids;
  const char *event, *baseline;
  gr_date as_of;
  char *const *facts;
  size_t nfacts;
  gr_sim_options *so;
  int format; /* 0 text, 1 CSV, 2 JSON lines. */
} cli_sweep_base;

/* Run every combination of the sweeps (KEY=LIST each: KEY a parameter id,
 * fact:NAME or an edit's path; LIST v1,v2,... or lo:hi:n) and print each
 * run's rows as it finishes. Returns an exit status: 1 when interrupted
 * (the rows of the runs done are kept, and stderr says how many). */
int cli_sweep(const char *cmd, const cli_list *sweeps, const cli_sweep_base *b);

#endif /* GUARANTOR_CLI_SWEEP_H */
