/*
 * MPI processes, or one process (ranks.c).
 */
#ifndef GUARANTOR_CLI_RANKS_H
#define GUARANTOR_CLI_RANKS_H

#include <stddef.h>
#include <stdint.h>

#include "guarantor/sim.h"

void cli_ranks_init(int *argc, char ***argv);
void cli_ranks_finalize(void);
int cli_rank(void);
int cli_ranks(void);
void cli_ranks_sum(uint64_t *data, size_t n, void *ctx);
/* Set rank, ranks and the reduction of a run's options. */
void cli_ranks_options(gr_sim_options *o);

#endif /* GUARANTOR_CLI_RANKS_H */
