/*
 * guarantor: git-style front door. Dispatches to one file per command.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "provenance.h"
#include "ranks.h"

static const cli_command commands[] = {
    {"show", "list the catalog, or describe one item", cmd_show},
    {"check", "validate files against the catalog", cmd_check},
    {"trigger", "what an arrangement does when an event happens", cmd_trigger},
    {"assess", "which actors can accept an arrangement", cmd_assess},
    {"simulate", "how much an arrangement deters: Monte Carlo", cmd_simulate},
    {"compare", "all (or the given) arrangements side by side", cmd_compare},
    {"report", "one self-contained HTML report", cmd_report},
    {"backtest", "score the deterrence model against historical cases", cmd_backtest},
};
static const size_t ncommands = sizeof commands / sizeof commands[0];

static void usage(FILE *fp) {
  fprintf(fp,
          "Usage: guarantor <command> [options]\n"
          "\n"
          "Security-guarantee arrangements for Ukraine as executable data: who\n"
          "promises what to whom, in which legal form, triggered by what.\n"
          "\n"
          "Commands:\n");
  for (size_t i = 0; i < ncommands; i++)
    fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(fp,
          "\n"
          "Options:\n"
          "  -h, --help     this help; 'guarantor COMMAND --help' for a command\n"
          "  -V, --version  print the version\n"
          "\n"
          "Exit status: 0 ok, 1 failure, 2 bad input or usage.\n"
          "Data: the built-in catalog (data/) is compiled in; files given to a\n"
          "command extend it and replace built-in records with the same id.\n");
}

static int dispatch(int argc, char **argv);

int main(int argc, char **argv) {
  cli_ranks_init(&argc, &argv);
  cli_provenance_set_argv(argc, argv);
  int rc = dispatch(argc, argv);
  /* Whatever a command printed must have reached its destination: a full
   * disk or a closed pipe is a failure, whatever the command thought. */
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "guarantor: cannot write the output: %s\n", strerror(errno ? errno : EIO));
    if (rc == EXIT_OK) rc = EXIT_FAIL;
  }
  cli_ranks_finalize();
  return rc;
}

static int dispatch(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
    usage(stdout);
    return EXIT_OK;
  }
  if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
    printf("guarantor %s\n", gr_version());
    return EXIT_OK;
  }
  if (strcmp(cmd, "help") == 0) {
    if (argc < 3) {
      usage(stdout);
      return EXIT_OK;
    }
    char *hargv[] = {argv[2], "--help", NULL};
    for (size_t i = 0; i < ncommands; i++)
      if (strcmp(commands[i].name, argv[2]) == 0) return commands[i].run(2, hargv);
    cmd = argv[2];
  } else {
    for (size_t i = 0; i < ncommands; i++)
      if (strcmp(commands[i].name, cmd) == 0) return commands[i].run(argc - 1, argv + 1);
  }
  cli_error(NULL, "unknown command '%s'", cmd);
  usage(stderr);
  return EXIT_USAGE;
}
