/*
 * Provenance of every JSON and CSV output (provenance.c): which program,
 * which command line, which inputs (SHA-256 of each file loaded with -f,
 * --params or as a CASE-FILE; for '-', of the bytes read from standard
 * input), and the run's settings (seed, draws, parameter hash, case,
 * as-of date, facts).
 *
 * How a command uses it:
 *
 *   cli_provenance p;
 *   cli_provenance_init(&p, "simulate");     // version, command line, inputs
 *   p.seed = so.seed; p.has_seed = true;     // what the run used, when known
 *   p.draws = so.draws;
 *   p.params_hash = gr_params_hash(params); p.has_params_hash = true;
 *   p.scenario = cli_case_id(&cs);           // comma-joined ids for several
 *   p.as_of = o.as_of;                       // 0: none given
 *   p.facts = o.facts.items; p.nfacts = o.facts.n;
 *
 *   JSON, inside the top-level object:    cli_provenance_json(w, &p);
 *   or, around a finished object:         cli_print_json_provenance(stdout, w, &p);
 *   CSV: the header line ends with CLI_PROVENANCE_CSV_HEADER and every row
 *   with cli_provenance_csv(fp, &p) (both begin with the comma).
 *
 * The CSV convention (README, "Machine output"): the provenance is a set
 * of constant trailing columns repeated on every row -- no comment lines,
 * so R's read.csv, pandas' read_csv and Stata's import delimited read the
 * file with no options. A value that is not known for the command is an
 * empty field (JSON: null).
 *
 * The inputs are recorded by cli_load()/cli_load_with() (common.c) as
 * they are loaded; cli_provenance_init() copies nothing, it points at
 * that record, which lives until the program exits.
 */
#ifndef GUARANTOR_CLI_PROVENANCE_H
#define GUARANTOR_CLI_PROVENANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "guarantor/json.h"

/* One file loaded: its name as given ("-" for standard input) and the
 * SHA-256 of its bytes, in lower-case hexadecimal ("" when it could not
 * be read: the load then failed with its own error). */
typedef struct cli_input {
  const char *path;
  char sha256[65];
} cli_input;

typedef struct cli_provenance {
  const char *command;       /* "trigger" */
  bool has_seed;             /* seed and draws: a Monte Carlo ran */
  uint64_t seed, draws;
  bool has_params_hash;
  uint64_t params_hash;      /* gr_params_hash() */
  const char *scenario;      /* The case's id (ids joined by ',' for several), or NULL. */
  int32_t as_of;             /* gr_date given with --as-of, or 0: none (each case's or arrangement's own). */
  char *const *facts;        /* The --facts texts, as given. */
  size_t nfacts;
  const struct cli_what_ifs *what_if; /* The what-ifs applied (whatif.h), or NULL. */
} cli_provenance;

/* Record the program's command line (main() calls it once). */
void cli_provenance_set_argv(int argc, char **argv);

/* Record one loaded input: `path` (kept, not copied: argv's strings) and
 * the SHA-256 of data[0..len). data NULL: could not be read. Returns 0, or
 * -1 when out of memory. */
int cli_provenance_add_input(const char *path, const void *data, size_t len);

/* The inputs recorded so far. */
size_t cli_provenance_ninputs(void);
const cli_input *cli_provenance_input(size_t i);

/* SHA-256 of data[0..len) as 64 hex digits and a NUL into hex[65]. */
void cli_sha256_hex(const void *data, size_t len, char hex[65]);

/* Fill `p` for `command`: nothing known but the command (no seed, no
 * draws, no parameter hash, no case, no --as-of, no facts). */
void cli_provenance_init(cli_provenance *p, const char *command);

/* Write the key "provenance" and its object into `w`, which must be inside
 * an object:
 *   {"program": "guarantor", "version": "0.2.0", "command": "trigger",
 *    "command_line": ["guarantor", "trigger", ...] (the program's name
 *    without its directory), "seed": 1 | null,
 *    "draws": 100000 | null, "params_hash": "0123456789abcdef" | null,
 *    "scenario": "id" | null, "as_of": "YYYY-MM-DD" | null,
 *    "facts": ["un_mandate=true"], "inputs": [{"path": "mine.yaml",
 *    "sha256": "..."}]} */
/* The provenance of a simulation run: `command`, and from the result r
 * its seed, draws, parameter hash and case; the --as-of, --facts and
 * what-ifs given (what_if may be NULL). */
struct gr_sim_result;
void cli_provenance_of_run(cli_provenance *p, const char *command, const struct gr_sim_result *r, int32_t as_of,
                           char *const *facts, size_t nfacts, const struct cli_what_ifs *what_if);

void cli_provenance_json(gr_json *w, const cli_provenance *p);

/* Finish `w`, which holds one top-level object, and print it to `fp` with
 * the provenance as its last key. EXIT_OK, or EXIT_FAIL having said why
 * (as cli_print_json). */
int cli_print_json_provenance(FILE *fp, gr_json *w, const cli_provenance *p);

/* The same for JSON text already made (gr_record_to_json() and the like:
 * one object; NULL is out of memory): `text` is borrowed. */
int cli_print_json_text_provenance(FILE *fp, const char *text, const cli_provenance *p);

/* The trailing CSV columns, starting with a comma; the same on every row.
 * as_of_given and facts_given are what --as-of and --facts gave (empty:
 * none), named so that they never clash with a row's own as_of or facts. */
#define CLI_PROVENANCE_CSV_HEADER ",version,command_line,seed,draws,params_hash,scenario,as_of_given,facts_given,inputs"
/* Write the row's trailing columns, starting with a comma (no newline):
 * command_line is the arguments joined by spaces (each quoted for a POSIX
 * shell when it needs it), facts the --facts texts joined by ';', inputs
 * "PATH=SHA256" joined by ';'. */
void cli_provenance_csv(FILE *fp, const cli_provenance *p);

/* Write one CSV field, quoted when it holds a comma, quote, CR or LF (RFC
 * 4180); NULL writes an empty field. */
void cli_csv_text(FILE *fp, const char *s);

#endif /* GUARANTOR_CLI_PROVENANCE_H */
