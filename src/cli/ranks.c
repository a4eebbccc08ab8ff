/*
 * Processes: with the MPI build (-DGUARANTOR_MPI=ON, run under mpirun) the
 * Monte Carlo's batches are shared among ranks and their integer counts
 * summed; rank 0 alone prints. Without MPI, one process of rank 0.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ranks.h"

#ifdef GUARANTOR_MPI
#include <mpi.h>

static int initialised;

void cli_ranks_init(int *argc, char ***argv) {
  /* Started by mpirun (Open MPI or a PMI launcher)? Otherwise run as one
   * process: a singleton MPI_Init costs a noticeable fraction of a second. */
  if (!getenv("OMPI_COMM_WORLD_SIZE") && !getenv("PMI_SIZE") && !getenv("PMIX_RANK")) return;
  if (MPI_Init(argc, argv) == MPI_SUCCESS) initialised = 1;
  /* Only rank 0 speaks: the others run the same code silently. */
  if (cli_rank() != 0) {
    if (freopen("/dev/null", "w", stdout) == NULL || freopen("/dev/null", "w", stderr) == NULL) abort();
  }
}

void cli_ranks_finalize(void) {
  if (initialised) MPI_Finalize();
}

int cli_rank(void) {
  int r = 0;
  if (initialised) MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

int cli_ranks(void) {
  int n = 1;
  if (initialised) MPI_Comm_size(MPI_COMM_WORLD, &n);
  return n;
}

void cli_ranks_sum(uint64_t *data, size_t n, void *ctx) {
  (void)ctx;
  /* Counts can exceed INT_MAX elements only in absurd runs; chunk anyway. */
  while (n > 0) {
    int chunk = n > (1u << 30) ? 1 << 30 : (int)n;
    MPI_Allreduce(MPI_IN_PLACE, data, chunk, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
    data += chunk;
    n -= (size_t)chunk;
  }
}
#else
void cli_ranks_init(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
}
void cli_ranks_finalize(void) {}
int cli_rank(void) { return 0; }
int cli_ranks(void) { return 1; }
void cli_ranks_sum(uint64_t *data, size_t n, void *ctx) {
  (void)data;
  (void)n;
  (void)ctx;
}
#endif

void cli_ranks_options(gr_sim_options *o) {
  o->rank = cli_rank();
  o->ranks = cli_ranks();
  o->reduce = o->ranks > 1 ? cli_ranks_sum : NULL;
  o->reduce_ctx = NULL;
}
