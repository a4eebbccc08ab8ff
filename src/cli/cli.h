/*
 * The guarantor program: shared helpers of the commands (one file each).
 * The library never prints; everything the user sees is printed here.
 */
#ifndef GUARANTOR_CLI_H
#define GUARANTOR_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "guarantor/catalog.h"

/* Exit statuses of every command. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

typedef struct cli_command {
  const char *name;
  const char *summary;
  int (*run)(int argc, char **argv); /* argv[0] is the command's name. */
} cli_command;

int cmd_show(int argc, char **argv);
int cmd_check(int argc, char **argv);

/* Load the built-in catalog and then `files`, validate, and print every
 * diagnostic to stderr. Returns the catalog, or NULL with *status set to
 * EXIT_USAGE (bad input) or EXIT_FAIL (out of memory, broken built-in). */
gr_catalog *cli_load(char *const *files, size_t nfiles, int *status);

/* Print diagnostics to `fp`, one per line. */
void cli_print_diags(const gr_catalog *cat, FILE *fp);

/* Print "guarantor: no KIND 'ID'" with the closest ids to stderr. */
void cli_unknown_id(const gr_catalog *cat, gr_record_kind kind, const char *id);

/* Print a usage error for a command and a pointer to its --help. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print `text` to `fp`, wrapped at `width` columns, each line starting with
 * `indent` spaces (the first too). */
void cli_wrap(FILE *fp, const char *text, int indent, int width);

#endif /* GUARANTOR_CLI_H */
