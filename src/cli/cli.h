/*
 * The guarantor program: shared helpers of the commands (one file each).
 * The library never prints; everything the user sees is printed here.
 */
#ifndef GUARANTOR_CLI_H
#define GUARANTOR_CLI_H

#include <stdbool.h>
#include <stdint.h>
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
int cmd_trigger(int argc, char **argv);
int cmd_assess(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_backtest(int argc, char **argv);

/* The name diagnostics give standard input, read for the file "-". */
#define CLI_STDIN_NAME "<stdin>"

/* Load the built-in catalog and then `files` ("-": standard input, at
 * most one of them), validate, and print every diagnostic to stderr; each
 * file's SHA-256 is recorded for the provenance (provenance.h). Returns
 * the catalog, or NULL with *status set to EXIT_USAGE (bad input) or
 * EXIT_FAIL (out of memory, broken built-in). */
gr_catalog *cli_load(char *const *files, size_t nfiles, int *status);
/* The same, with the historical cases (data/history/) before the files
 * when `history` is true. */
gr_catalog *cli_load_with(char *const *files, size_t nfiles, bool history, int *status);
/* The same; with `keep_invalid`, a catalog whose files have errors is
 * returned too (with *status EXIT_USAGE), for a command that reports on
 * its diagnostics. */
gr_catalog *cli_load_ex(char *const *files, size_t nfiles, bool history, bool keep_invalid, int *status);
/* The same as cli_load_with, with texts[0..ntexts) loaded after the files
 * under names[i] (what-ifs: whatif.c). */
gr_catalog *cli_load_buffers(char *const *files, size_t nfiles, bool history, const char *const *names,
                             const char *const *texts, size_t ntexts, int *status);

/* After loading: each --params file in files[0..n) must hold at least one
 * parameter (an error naming it otherwise: it would change nothing); one
 * that holds other records too is warned about. EXIT_OK or EXIT_USAGE,
 * having said why. */
int cli_check_params_files(const gr_catalog *cat, char *const *files, size_t n, const char *cmd);

/* Print diagnostics to `fp`, one per line. */
void cli_print_diags(const gr_catalog *cat, FILE *fp);

/* Print "guarantor CMD: MESSAGE" (or "guarantor: MESSAGE" when `cmd` is
 * NULL) on one line of stderr, with every control character of the
 * message escaped: what the user typed or a file held is shown, never
 * acted on by the terminal. */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* `text` with control characters escaped (gr_text_escape), for printing
 * input on standard output; valid until the fourth call after this one. */
const char *cli_text(const char *text);

/* Print "guarantor: no KIND 'ID'" with the closest ids to stderr. */
void cli_unknown_id(const gr_catalog *cat, gr_record_kind kind, const char *id);

/* Print a usage error for a command and a pointer to its --help. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print `text` to `fp`, wrapped at `width` columns, each line starting with
 * `indent` spaces (the first too). */
void cli_wrap(FILE *fp, const char *text, int indent, int width);

/* The record of kind `kind` with this id, or NULL after printing an error
 * naming the closest ids. */
const void *cli_find(const gr_catalog *cat, gr_record_kind kind, const char *id);

/* A case to run the engines on: the scenario with id `id`, or the event
 * (a scenario of one). 0 with one of *sc, *ev set; else an error naming
 * the closest ids was printed (or the id is both, and ambiguous). */
int cli_find_case(const gr_catalog *cat, const char *id, const gr_scenario **sc, const gr_event **ev);

/* Whether obligation `o` is on offer and, it or a means of its menu, puts
 * people or stocks somewhere (combat kinds, monitors, trainers, depots). */
bool cli_stands_somewhere(const gr_obligation *o);
/* Whether the obligation says where its forces act. */
bool cli_location_given(const gr_obligation *o);

/* Receives one assumption: where it sits, and what is assumed (raw text:
 * escape it before printing). */
typedef void (*cli_assumption_fn)(void *ctx, const char *where, const char *what);
/* Call `emit` for every value `a`'s results rest on that is assumed rather
 * than sourced; returns how many. Never a claim that all is sourced. */
size_t cli_assumptions(const gr_catalog *cat, const gr_arrangement *a, cli_assumption_fn emit, void *ctx);

/* An obligation's kind for a table column: its kind, or "menu of N means"
 * (the full menu is in 'guarantor show'), in `buf`. */
const char *cli_kind_label(const gr_obligation *o, char *buf, size_t n);

/* The thresholds an event must reach to set a trigger off, as
 * " (at least major, deliberate, lasting at least 3 days)", or "" when it
 * has none, in `buf`. */
const char *cli_thresholds(const gr_trigger *t, char *buf, size_t n);

/* The case simulate, compare and report run when none is named. */
#define CLI_DEFAULT_CASE "after-ceasefire-offensive-zaporizhzhia"

/* The facts for `arr`: defaults, then each "--facts" text in order (the
 * derived facts follow them). NULL, having printed a usage error, when a
 * text is bad. The caller frees them with gr_facts_free(). */
struct gr_facts;
struct gr_facts *cli_facts(const gr_catalog *cat, const gr_arrangement *arr, char *const *specs, size_t n,
                           const char *cmd);

/* Warn (on stderr, "guarantor CMD: warning: fact X is read by nothing in
 * ARR") about each fact the user set that nothing of `arr` (no obligation
 * condition or clause) or the positions (no unless) reads. */
void cli_warn_unread_facts(const gr_catalog *cat, const gr_arrangement *arr, const struct gr_facts *f, const char *cmd);
/* The same over arrs[0..n) (the facts `f` of any of them: what the user
 * set is the same for all): a fact none of them reads is named, "warning:
 * fact X is read by nothing in the N arrangements" (n > 1). */
void cli_warn_unread_facts_in(const gr_catalog *cat, const gr_arrangement *const *arrs, size_t n,
                              const struct gr_facts *f, const char *cmd);

/* The facts as a readable block. */
struct gr_facts;
void cli_print_facts(FILE *fp, const struct gr_facts *f);

/* Finish `w` (which may be NULL: out of memory) and print its text to
 * `fp`; EXIT_OK, or EXIT_FAIL having said why. */
int cli_print_json(FILE *fp, gr_json *w);

/* A new JSON writer (NULL: out of memory; the gr_json calls accept it)
 * with its top-level object open and the key "arrangements" holding the
 * ids of arrs[0..n): the start of a table over several arrangements. */
gr_json *cli_json_begin_table(const gr_arrangement *const *arrs, size_t n);

/* Write `key` and the space-separated words of `spaced` (NULL: none) as
 * an array of strings: for lists kept as text (cli_compare_row's
 * guarantors and vetoes), which JSON gives as arrays, never joined. */
void cli_json_words(gr_json *w, const char *key, const char *spaced);

/* Print a source on one line: doc: "quote"; ref; assumption: reason. */
void cli_print_source(FILE *fp, const gr_source *s);

/* The worker threads to run for --threads T (0: all cores): T, or at most
 * CLI_THREADS_PER_CORE per core, saying so on stderr when it caps. */
enum { CLI_THREADS_PER_CORE = 4 };
int cli_threads(const char *cmd, uint64_t requested);

/* Print `s` and pad it with spaces to `width` columns, counting characters
 * (code points), not bytes. */
void cli_pad(FILE *fp, const char *s, int width);

#endif /* GUARANTOR_CLI_H */
