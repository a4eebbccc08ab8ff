/*
 * guarantor check FILE...: validate user files together with the catalog.
 */
#include <stddef.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "provenance.h"

typedef struct settings {
  int verbose, history, json;
} settings;

static const cli_option options[] = {
    CLI_OPT(settings, "verbose", 'v', CLI_FLAG, verbose, NULL, "print a summary of what each file holds"),
    CLI_OPT(settings, "history", 0, CLI_FLAG, history, NULL,
            "check against the historical cases too (their actors and\ncapabilities), as 'guarantor backtest' loads them"),
    CLI_OPT(settings, "json", 0, CLI_FLAG, json, NULL,
            "on standard output, what each file holds and every\ndiagnostic, with the provenance (the exit status is the same)"),
};

static const cli_spec spec = {
    "check",
    "guarantor check [--verbose | --json] [--history] FILE...",
    "Validate files (YAML or JSON: arrangements, positions, events, actors,\n"
    "regions, parameters) together with the built-in catalog: types, ranges,\n"
    "dates, ids and references across all files. Every problem is printed to\n"
    "stderr as FILE:LINE:COL: error: MESSAGE (or warning:); a record that\n"
    "replaces a built-in one of the same id is noted. FILE '-' is standard\n"
    "input (named <stdin> in the diagnostics).\n",
    options,
    sizeof options / sizeof options[0],
    1,
    INT32_MAX,
    "no FILE given",
    "Exit status: 0 when there is no error (silent unless --verbose),\n"
    "2 when any file has an error, 1 on an internal failure.\n"
    "File format: docs/file-format.md.\n",
};

/* The diagnostics' name for the file given as `arg`. */
static const char *diag_name(const char *arg) { return strcmp(arg, "-") == 0 ? CLI_STDIN_NAME : arg; }

/* How many records of kind k came from the file given as `arg`. */
static size_t count_from(const gr_catalog *cat, gr_record_kind k, const char *arg) {
  size_t n = 0;
  for (size_t j = 0; j < gr_catalog_count(cat, k); j++) {
    const gr_pos *p = gr_record_pos(k, gr_catalog_at(cat, k, j));
    if (p->file && strcmp(p->file, diag_name(arg)) == 0) n++;
  }
  return n;
}

static int print_json(const gr_catalog *cat, char **args, int nargs) {
  static const char *const sev[] = {"error", "warning", "note"};
  gr_json *w = gr_json_new(0);
  gr_json_begin_object(w);
  gr_json_key(w, "ok");
  gr_json_bool(w, gr_catalog_is_valid(cat));
  gr_json_key(w, "files");
  gr_json_begin_array(w);
  for (int i = 0; i < nargs; i++) {
    gr_json_begin_object(w);
    gr_json_key(w, "path");
    gr_json_string(w, args[i]);
    gr_json_key(w, "records");
    gr_json_begin_object(w);
    for (int k = 0; k < GR_REC__COUNT; k++) {
      size_t n = count_from(cat, (gr_record_kind)k, args[i]);
      if (n == 0) continue;
      gr_json_key(w, gr_record_kind_name((gr_record_kind)k));
      gr_json_uint(w, n);
    }
    gr_json_end_object(w);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  gr_json_key(w, "diagnostics");
  gr_json_begin_array(w);
  for (size_t i = 0; i < gr_catalog_diag_count(cat); i++) {
    const gr_diag *d = gr_catalog_diag(cat, i);
    gr_json_begin_object(w);
    gr_json_key(w, "file");
    gr_json_string(w, d->file);
    gr_json_key(w, "line");
    gr_json_int(w, d->line);
    gr_json_key(w, "column");
    gr_json_int(w, d->column);
    gr_json_key(w, "severity");
    gr_json_string(w, (unsigned)d->severity < 3 ? sev[d->severity] : "?");
    gr_json_key(w, "message");
    gr_json_string(w, d->message);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  for (int s = GR_SEV_ERROR; s <= GR_SEV_WARNING; s++) {
    gr_json_key(w, s == GR_SEV_ERROR ? "errors" : "warnings");
    gr_json_uint(w, gr_catalog_diag_count_severity(cat, (gr_severity)s) + gr_catalog_diag_dropped(cat, (gr_severity)s));
  }
  gr_json_end_object(w);
  cli_provenance pv;
  cli_provenance_init(&pv, "check");
  return cli_print_json_provenance(stdout, w, &pv);
}

int cmd_check(int argc, char **argv) {
  settings o = {0};
  char **args;
  int nargs, rc = cli_parse(&spec, argc, argv, &o, &args, &nargs);
  if (rc != EXIT_OK) return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
  if (o.json && o.verbose) return cli_usage_error("check", "--json and --verbose exclude each other");
  int status;
  gr_catalog *cat = cli_load_ex(args, (size_t)nargs, o.history != 0, o.json != 0, &status);
  if (cat == NULL) return status;
  if (o.json) {
    rc = print_json(cat, args, nargs);
    gr_catalog_free(cat);
    if (fflush(stdout) != 0) rc = EXIT_FAIL;
    return rc != EXIT_OK ? rc : status;
  }
  if (o.verbose) {
    for (int i = 0; i < nargs; i++) {
      printf("%s:", cli_text(args[i]));
      int any = 0;
      for (int k = 0; k < GR_REC__COUNT; k++) {
        size_t n = count_from(cat, (gr_record_kind)k, args[i]);
        if (n) {
          printf("%s %zu %s%s", any ? "," : "", n, gr_record_kind_name((gr_record_kind)k), n == 1 ? "" : "s");
          any = 1;
        }
      }
      printf("%s\n", any ? "" : " no records");
    }
    size_t nw = gr_catalog_diag_count_severity(cat, GR_SEV_WARNING) + gr_catalog_diag_dropped(cat, GR_SEV_WARNING);
    printf("ok: %zu warning%s\n", nw, nw == 1 ? "" : "s");
  }
  gr_catalog_free(cat);
  return fflush(stdout) != 0 ? EXIT_FAIL : EXIT_OK;
}
