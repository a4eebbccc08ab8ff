/*
 * libFuzzer harness for the command line's parsers: the input, split at
 * NUL bytes, is an argument vector for an option table with every kind of
 * option the commands use (the shared rows of options.h: counts, seed,
 * threads, a real, a date, lists of files and facts, a flag), parsed by
 * cli_parse() as the program does. What it accepts must hold what was
 * written: counts inside their ranges and equal to the decimal value of the
 * text, reals inside their open intervals, dates that format back to the
 * text. Each argument also goes through cli_read_count() (a whole number
 * read exactly or refused), gr_date_parse() and the escaping of text for
 * the terminal (no control character left, and escaping again changes
 * nothing). The facts texts have their own harness (fuzz_facts). make fuzz
 * runs it; its seeds are tests/fuzz/fuzz_cli (arguments separated by NUL).
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct settings {
  uint64_t draws, seed, threads, samples;
  double precision;
  int json;
  const char *out;
  cli_list files, facts;
  gr_date as_of;
} settings;

static const cli_option options[] = {
    CLI_OPT_COUNT(settings, "n", 'n', draws, "DRAWS", "draws", 1, CLI_MAX_DRAWS),
    CLI_OPT_SEED(settings, seed, "random seed"),
    CLI_OPT_THREADS(settings, threads),
    CLI_OPT_REAL(settings, "precision", 0, precision, "P", "half-width", 0, 0.5),
    CLI_OPT_COUNT(settings, "samples", 0, samples, "N", "base samples", 16, 1000000),
    CLI_OPT_FACTS(settings, facts),
    CLI_OPT(settings, "as-of", 0, CLI_DATE, as_of, "DATE", "date"),
    CLI_OPT(settings, "out", 'o', CLI_TEXT, out, "PATH", "output"),
    CLI_OPT_JSON(settings, json),
    CLI_OPT_FILES(settings, files),
};

static const cli_spec spec = {"fuzz", "guarantor fuzz ARG [ARG]", "A test table.\n", options,
                              sizeof options / sizeof options[0], 1, 2, "expected one or two operands", ""};

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  /* The parser's messages and --help are not what is tested: silence
   * them (the sanitizers write to the descriptor, not to these). */
  stdout = fopen("/dev/null", "w");
  stderr = fopen("/dev/null", "w");
  if (stdout == NULL || stderr == NULL) abort();
  return 0;
}

/* Whether text is digits only (what strtoull reads exactly). */
static int plain_digits(const char *t) { return *t && strspn(t, "0123456789") == strlen(t); }

static void check_count_text(const char *text) {
  uint64_t v;
  if (cli_read_count(text, 0, UINT64_MAX, &v) != 0) return;
  if (plain_digits(text)) {
    if (strlen(text) < 20 && strtoull(text, NULL, 10) != v) abort();
  } else if (v < (UINT64_C(1) << 53)) {
    /* Exactly the value strtod reads, when a double holds it. */
    double d = strtod(text, NULL);
    if (d != (double)v) abort();
  }
  uint64_t w;
  char back[32];
  snprintf(back, sizeof back, "%llu", (unsigned long long)v);
  if (cli_read_count(back, 0, UINT64_MAX, &w) != 0 || w != v) abort();
  /* The range is inclusive, and nothing outside it is taken. */
  if (cli_read_count(text, v, v, &w) != 0 || w != v) abort();
  if (v < UINT64_MAX && cli_read_count(text, v + 1, UINT64_MAX, &w) == 0) abort();
  if (v > 0 && cli_read_count(text, 0, v - 1, &w) == 0) abort();
}

static void check_date_text(const char *text) {
  gr_date d;
  if (gr_date_parse(text, &d) != GR_OK) return;
  char back[16];
  if (strcmp(gr_date_format(d, back), text) != 0) abort();
}

static void check_escape(const char *text) {
  char out[1024], again[1024];
  size_t need = gr_text_escape(text, out, sizeof out);
  if (strlen(out) > need || strlen(out) >= sizeof out) abort();
  for (const unsigned char *p = (const unsigned char *)out; *p; p++)
    if (*p < 0x20 || *p == 0x7f) abort();
  gr_text_escape(out, again, sizeof again);
  if (need < sizeof out && strcmp(out, again) != 0) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  enum { MAX_ARGS = 24 };
  char *text = malloc(size + 1);
  if (text == NULL) return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  char *argv[MAX_ARGS + 2];
  int argc = 0;
  argv[argc++] = "fuzz";
  for (size_t at = 0; at <= size && argc < MAX_ARGS + 1;) {
    argv[argc++] = text + at;
    at += strlen(text + at) + 1;
  }
  argv[argc] = NULL;
  for (int i = 1; i < argc; i++) {
    check_count_text(argv[i]);
    check_date_text(argv[i]);
    check_escape(argv[i]);
  }
  settings s;
  memset(&s, 0, sizeof s);
  char **args = NULL;
  int nargs = 0;
  int rc = cli_parse(&spec, argc, argv, &s, &args, &nargs);
  if (rc == EXIT_OK) {
    if (nargs < 1 || nargs > 2) abort();
    if (s.draws != 0 && (s.draws < 1 || s.draws > CLI_MAX_DRAWS)) abort();
    if (s.threads != 0 && (s.threads < 1 || s.threads > CLI_MAX_THREADS)) abort();
    if (s.samples != 0 && (s.samples < 16 || s.samples > 1000000)) abort();
    if (s.precision != 0 && !(s.precision > 0 && s.precision < 0.5)) abort();
    if (s.as_of != 0) {
      char back[16];
      gr_date d;
      if (gr_date_parse(gr_date_format(s.as_of, back), &d) != GR_OK || d != s.as_of) abort();
    }
  } else if (rc != EXIT_USAGE && rc != CLI_HELP_SHOWN) {
    abort();
  }
  cli_settings_free(&spec, &s);
  free(text);
  return 0;
}
