/*
 * What-ifs on the command line (whatif.c): --set, --drop, --add and
 * --param change an arrangement or the model's parameters for one run,
 * without editing any file; the run's output names every change.
 */
#ifndef GUARANTOR_CLI_WHATIF_H
#define GUARANTOR_CLI_WHATIF_H

#include <stdbool.h>
#include <stdio.h>

#include "guarantor/catalog.h"
#include "guarantor/json.h"
#include "options.h"

/* The options, kept in a command's settings as one field. */
typedef struct cli_what_if_options {
  cli_list set, drop, add, param;
} cli_what_if_options;

/* The rows of the option table, for settings S with field F: the edits
 * of an arrangement (--set, --drop, --add) for every command that reads
 * one, and --param too for those that simulate. */
#define CLI_OPT_WHAT_IF(S, F) CLI_OPT_WHAT_IF_EDITS(S, F), CLI_OPT_WHAT_IF_PARAM(S, F)
#define CLI_OPT_WHAT_IF_EDITS(S, F)                                                                                  \
  CLI_OPT(S, "set", 0, CLI_LIST, F.set, "[ARR/]EDIT",                                                              \
          "what-if: set legal_form=FORM, status=S, or an obligation's\n"                                           \
          "troops, value, commitment or activation: GUARANTOR.FIELD=V,\n"                                          \
          "GUARANTOR.KIND.FIELD=V or #N.FIELD=V (repeatable)"),                                                     \
      CLI_OPT(S, "drop", 0, CLI_LIST, F.drop, "[ARR/]ACTOR", "what-if: remove every obligation of ACTOR"),           \
      CLI_OPT(S, "add", 0, CLI_LIST, F.add, "[ARR/]ACTOR=LIKE", "what-if: ACTOR takes a copy of LIKE's obligations")
#define CLI_OPT_WHAT_IF_PARAM(S, F)                                                                                  \
      CLI_OPT(S, "param", 0, CLI_LIST, F.param, "ID=V|DIST(..)",                                                    \
              "what-if: parameter ID fixed at V, or given a distribution:\n"                                       \
              "beta(a,b), normal(mean,sd), lognormal(mu,sigma),\n"                                                 \
              "uniform(min,max), triangular(min,mode,max)")

/* What the options changed. */
typedef struct cli_what_ifs {
  size_t n;           /* Arrangements with a variant: */
  char **originals;   /* their ids, */
  char **variants;    /* their variants' ids ("ID-what-if"), */
  char **edits;       /* and their edits, "; "-joined. */
  size_t nparams;
  char **params;      /* "ID=SPEC (was DIST)". */
} cli_what_ifs;

/* Whether any what-if option was given. */
bool cli_what_if_given(const cli_what_if_options *o);

/*
 * Load the catalog as cli_load_with() does and apply the what-ifs: each
 * edit names its arrangement (ARR/EDIT) or, when the command was given one
 * arrangement (`ids`, `nids`), applies to it. The variants and parameters
 * are loaded into a fresh catalog after the files and validated there.
 * Returns the catalog and fills `w` (free it with cli_what_ifs_free() in any
 * case), or NULL with *status set, having printed why.
 */
gr_catalog *cli_load_what_if(const char *cmd, char *const *files, size_t nfiles, bool history,
                             const cli_what_if_options *o, char *const *ids, size_t nids, cli_what_ifs *w, int *status);
void cli_what_ifs_free(cli_what_ifs *w);

/* The variant of arrangement `id`, or NULL when it has none. */
const char *cli_what_if_variant(const cli_what_ifs *w, const char *id);

/* The arrangements a listing command runs: `ids` (or every arrangement of
 * `cat` when nids is 0), each followed by its variant. A new array of
 * borrowed strings the caller frees with free(); *n receives its length. */
const char **cli_what_if_ids(const gr_catalog *cat, const cli_what_ifs *w, char *const *ids, size_t nids, size_t *n);

/* A parameter's prior in words: "beta(37, 24)", "0.5" when fixed. */
void cli_describe_prior(const gr_parameter *p, char *buf, size_t n);

/* The arrangement a command given `id` works on: its variant when the
 * what-ifs made one, else `id` itself (NULL, having printed why, when the
 * catalog has no such arrangement). Borrowed from `cat`. */
const gr_arrangement *cli_what_if_find(const gr_catalog *cat, const cli_what_ifs *w, const char *id);

/* "What-if: ..." lines naming every change (nothing when there is none). */
void cli_what_if_print(FILE *fp, const cli_what_ifs *w);
/* The key "what_if" and an array of the changes, each an object. */
void cli_what_if_json(gr_json *jw, const cli_what_ifs *w);
/* Print the JSON object `jw` holds as cli_print_json() does (and free it),
 * with the key "what_if" first in it when there is any change: for the
 * commands whose JSON a library function writes whole (trigger, assess). */
int cli_what_if_print_json(FILE *fp, gr_json *jw, const cli_what_ifs *w);

#endif /* GUARANTOR_CLI_WHATIF_H */
