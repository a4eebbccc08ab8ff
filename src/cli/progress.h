/*
 * Progress bar and interruption (progress.c).
 */
#ifndef GUARANTOR_CLI_PROGRESS_H
#define GUARANTOR_CLI_PROGRESS_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct cli_progress {
  double start;
  int shown, tty;
  const char *what;
} cli_progress;

extern volatile sig_atomic_t cli_interrupted;

/* Whether Ctrl-C was pressed: a gr_sim_options cancel callback. */
bool cli_cancelled(void *ctx);

void cli_catch_sigint(void);
void cli_progress_start(cli_progress *p, const char *what);
void cli_progress_update(uint64_t done, uint64_t total, void *ctx); /* ctx: cli_progress */
void cli_progress_end(cli_progress *p);

#endif /* GUARANTOR_CLI_PROGRESS_H */
