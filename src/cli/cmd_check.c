/*
 * guarantor check FILE...: validate user files together with the catalog.
 */
#include <stddef.h>
#include <string.h>

#include "cli.h"
#include "options.h"

typedef struct settings {
  int verbose, history;
} settings;

static const cli_option options[] = {
    CLI_OPT(settings, "verbose", 'v', CLI_FLAG, verbose, NULL, "print a summary of what each file holds"),
    CLI_OPT(settings, "history", 0, CLI_FLAG, history, NULL,
            "check against the historical cases too (their actors and\ncapabilities), as 'guarantor backtest' loads them"),
};

static const cli_spec spec = {
    "check",
    "guarantor check [--verbose] [--history] FILE...",
    "Validate files (YAML or JSON: arrangements, positions, events, actors,\n"
    "regions, parameters) together with the built-in catalog: types, ranges,\n"
    "dates, ids and references across all files. Every problem is printed to\n"
    "stderr as FILE:LINE:COL: error: MESSAGE (or warning:); a record that\n"
    "replaces a built-in one of the same id is noted.\n",
    options,
    sizeof options / sizeof options[0],
    1,
    INT32_MAX,
    "no FILE given",
    "Exit status: 0 when there is no error (silent unless --verbose),\n"
    "2 when any file has an error, 1 on an internal failure.\n"
    "File format: docs/file-format.md.\n",
};

int cmd_check(int argc, char **argv) {
  settings o = {0};
  char **args;
  int nargs, rc = cli_parse(&spec, argc, argv, &o, &args, &nargs);
  if (rc != EXIT_OK) return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
  int status;
  gr_catalog *cat = cli_load_with(args, (size_t)nargs, o.history != 0, &status);
  if (cat == NULL) return status;
  if (o.verbose) {
    for (int i = 0; i < nargs; i++) {
      printf("%s:", cli_text(args[i]));
      int any = 0;
      for (int k = 0; k < GR_REC__COUNT; k++) {
        size_t n = 0;
        for (size_t j = 0; j < gr_catalog_count(cat, (gr_record_kind)k); j++) {
          const gr_pos *p = gr_record_pos((gr_record_kind)k, gr_catalog_at(cat, (gr_record_kind)k, j));
          if (p->file && strcmp(p->file, args[i]) == 0) n++;
        }
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
