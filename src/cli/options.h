/*
 * The program's one option parser: each command describes its options in
 * a table (name, letter, kind of value, range, help), and cli_parse() reads
 * the command line into the command's settings struct, with the same
 * messages everywhere; cli_help() prints the command's --help from the same
 * table, so the help cannot drift from what is accepted.
 */
#ifndef GUARANTOR_CLI_OPTIONS_H
#define GUARANTOR_CLI_OPTIONS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum cli_kind {
  CLI_FLAG,  /* int: set to 1 */
  CLI_TEXT,  /* const char *: the value */
  CLI_LIST,  /* cli_list: every value, in order (repeatable) */
  CLI_COUNT, /* uint64_t: a whole number in [min, max] */
  CLI_REAL,  /* double: a number in the open interval (lo, hi) */
  CLI_DATE   /* gr_date: YYYY-MM-DD */
} cli_kind;

/* The values of a repeatable option, in order. */
typedef struct cli_list {
  char **items;
  size_t n;
} cli_list;

typedef struct cli_option {
  const char *name;     /* Long name, without "--". */
  char letter;          /* Short name, or 0. */
  cli_kind kind;
  size_t offset;        /* Of the field in the settings struct. */
  const char *metavar;  /* The value's name in the help ("DRAWS"). */
  const char *help;     /* Lines separated by '\n'. */
  uint64_t min, max;    /* CLI_COUNT: the range, inclusive. */
  double lo, hi;        /* CLI_REAL: the range, exclusive. */
  /* The long name of another option without which this one changes
   * nothing (e.g. "sensitivity" for --samples), or NULL: cli_parse()
   * refuses it alone, "--samples changes nothing without --sensitivity".
   * Write such a row with designated initializers, e.g.
   *   {.name = "samples", .kind = CLI_COUNT, .offset = offsetof(settings,
   *    samples), .metavar = "N", .help = "...", .min = 16, .max = 1000000,
   *    .needs = "sensitivity"} */
  const char *needs;
} cli_option;

/* Rows of an option table, for the settings struct S. */
#define CLI_OPT(S, nm, ltr, kd, field, mv, hp) \
  { .name = nm, .letter = ltr, .kind = kd, .offset = offsetof(S, field), .metavar = mv, .help = hp }
#define CLI_OPT_COUNT(S, nm, ltr, field, mv, hp, mn, mx)                                                    \
  {                                                                                                         \
    .name = nm, .letter = ltr, .kind = CLI_COUNT, .offset = offsetof(S, field), .metavar = mv, .help = hp, \
    .min = mn, .max = mx                                                                                    \
  }
#define CLI_OPT_REAL(S, nm, ltr, field, mv, hp, l, h)                                                      \
  {                                                                                                        \
    .name = nm, .letter = ltr, .kind = CLI_REAL, .offset = offsetof(S, field), .metavar = mv, .help = hp, \
    .lo = l, .hi = h                                                                                       \
  }

/* The rows several commands share, worded once. */
#define CLI_OPT_FILES(S, field) \
  CLI_OPT(S, "file", 'f', CLI_LIST, field, "F", "load F on top of the built-in catalog (repeatable;\n'-': standard input)")
#define CLI_OPT_JSON(S, field) CLI_OPT(S, "json", 0, CLI_FLAG, field, NULL, "machine-readable output, with its provenance")
#define CLI_OPT_FACTS(S, field) \
  CLI_OPT(S, "facts", 0, CLI_LIST, field, "F=V,...", "override facts (see 'guarantor trigger --help')")
#define CLI_OPT_PARAMS(S, field) \
  CLI_OPT(S, "params", 0, CLI_LIST, field, "FILE", "parameters overriding data/parameters.yaml by id\n('-': standard input; a file with none is an error)")
#define CLI_OPT_THREADS(S, field)                                                                  \
  CLI_OPT_COUNT(S, "threads", 0, field, "T", "worker threads (default: all cores; more than 4 a\ncore are capped)", \
                1, CLI_MAX_THREADS)
#define CLI_OPT_SEED(S, field, hp) CLI_OPT_COUNT(S, "seed", 0, field, "S", hp, 0, UINT64_MAX)

/* The ranges the commands share. */
#define CLI_MAX_THREADS 1024
#define CLI_MAX_DRAWS UINT64_C(1000000000000)

typedef struct cli_spec {
  const char *command;     /* "simulate" */
  const char *usage;       /* The usage lines, after "Usage: ". */
  const char *description; /* Paragraphs, as printed. */
  const cli_option *options;
  size_t noptions;
  int min_args, max_args;  /* Operands after the options. */
  const char *args_error;  /* When their number is wrong. */
  const char *footer;      /* Exit statuses and pointers, as printed. */
} cli_spec;

/* What cli_parse() returns besides the exit statuses of cli.h. */
enum { CLI_HELP_SHOWN = -1 };

/* Parse argv[1..argc) (argv[0] is the command's name) into `settings`
 * following `spec`; the operands are left in (*args)[0..*nargs). Returns
 * EXIT_OK, CLI_HELP_SHOWN after printing the help for -h/--help,
 * EXIT_USAGE after printing what is wrong, or EXIT_FAIL when out of
 * memory. Free the settings' lists with cli_settings_free() in any case. */
int cli_parse(const cli_spec *spec, int argc, char **argv, void *settings, char ***args, int *nargs);

/* Free the lists cli_parse() filled in `settings`. */
void cli_settings_free(const cli_spec *spec, void *settings);

/* The command's --help. */
void cli_help(const cli_spec *spec, FILE *fp);

/* Read a whole number written in decimal (digits, optionally with a
 * decimal point and an exponent, as in 1e6 or 2.5e5, that make it whole)
 * into *out when it lies in [min, max]; 0 on success, -1 otherwise. No
 * sign, hexadecimal or spaces: anything else is refused, and a value too
 * large for 64 bits is out of range, never wrapped. */
int cli_read_count(const char *text, uint64_t min, uint64_t max, uint64_t *out);

#endif /* GUARANTOR_CLI_OPTIONS_H */
