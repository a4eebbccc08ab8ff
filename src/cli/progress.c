/*
 * A progress bar on stderr for long runs, only on a terminal and only once
 * a run has taken more than a second; and the SIGINT flag that stops a run
 * cleanly at the next batch.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

volatile sig_atomic_t cli_interrupted = 0;

bool cli_cancelled(void *ctx) {
  (void)ctx;
  return cli_interrupted != 0;
}

static void on_sigint(int sig) {
  (void)sig;
  cli_interrupted = 1;
}

void cli_catch_sigint(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void cli_progress_start(cli_progress *p, const char *what) {
  p->start = now();
  p->shown = 0;
  p->tty = isatty(STDERR_FILENO);
  p->what = what;
}

void cli_progress_update(uint64_t done, uint64_t total, void *ctx) {
  cli_progress *p = ctx;
  if (!p->tty || now() - p->start < 1.0) return;
  int width = 30, fill = total ? (int)((double)done / (double)total * width) : width;
  fprintf(stderr, "\r%s [%.*s%*s] %3d%% %llu/%llu", p->what, fill, "##############################",
          width - fill, "", total ? (int)(100.0 * (double)done / (double)total) : 100,
          (unsigned long long)done, (unsigned long long)total);
  fflush(stderr);
  p->shown = 1;
}

void cli_progress_end(cli_progress *p) {
  if (p->shown) fprintf(stderr, "\r%*s\r", 79, "");
  p->shown = 0;
}
