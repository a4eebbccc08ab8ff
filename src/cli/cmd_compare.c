/*
 * guarantor compare [ARRANGEMENT...]: every (or the given) arrangement in one
 * table, all simulated on the same draws so that differences are not noise.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "guarantor/sim.h"
#include "progress.h"
#include "ranks.h"
#include "simout.h"

static void help(FILE *fp) {
  fprintf(fp,
          "Usage: guarantor compare [ARRANGEMENT...] [--event E] [--as-of DATE]\n"
          "                         [-n DRAWS] [--seed S] [--threads T] [--params FILE]\n"
          "                         [--json | --csv] [-f FILE]...\n"
          "\n"
          "All arrangements of the catalog (or those given) side by side: guarantors,\n"
          "strongest obligation on offer, legal form, who vetoes it (assess), P(deterred)\n"
          "and P(defence holds | attack) with 95%% intervals, median days to the first\n"
          "help, troops and money on offer. All are simulated on the same draws\n"
          "(common random numbers), so their differences are not sampling noise.\n"
          "\n"
          "Options:\n"
          "  --event E        the aggression (default offensive-zaporizhzhia)\n"
          "  --as-of DATE     positions and control as of DATE (see trigger, assess)\n"
          "  -n DRAWS         draws per arrangement (default 200000)\n"
          "  --seed S         random seed (default 1)\n"
          "  --threads T      worker threads (default: all cores)\n"
          "  --params FILE    parameters overriding data/parameters.yaml by id\n"
          "  --json, --csv    machine-readable output\n"
          "  -f, --file F     load F on top of the built-in catalog (repeatable)\n"
          "  -h, --help       this help\n"
          "\n"
          "Exit status: 0 ok, 1 failure or interrupted, 2 bad input or usage.\n");
}

static void csv_field(FILE *fp, const char *s, int last) {
  fputc('"', fp);
  for (; *s; s++) {
    if (*s == '"') fputc('"', fp);
    fputc(*s, fp);
  }
  fputc('"', fp);
  fputc(last ? '\n' : ',', fp);
}

static void print_csv(FILE *fp, const cli_compare_row *rows, size_t n) {
  fputs("arrangement,guarantors,strongest,legal_form,vetoes,deterred,deterred_lo,deterred_hi,holds,holds_lo,"
        "holds_hi,first_help_median_days,first_help_median_lo,first_help_median_hi,troops,money_musd_per_year,draws,seed,"
        "params_hash\n",
        fp);
  for (size_t i = 0; i < n; i++) {
    const gr_sim_result *r = rows[i].res;
    csv_field(fp, rows[i].arr->id, 0);
    csv_field(fp, rows[i].guarantors, 0);
    csv_field(fp, cli_strongest(rows[i].arr), 0);
    csv_field(fp, gr_table_name(GR_T_LEGAL_FORM, rows[i].arr->legal_form), 0);
    csv_field(fp, rows[i].vetoes, 0);
    fprintf(fp, "%.6f,%.6f,%.6f,", r->deterred.estimate, r->deterred.lo, r->deterred.hi);
    if (r->holds.n) fprintf(fp, "%.6f,%.6f,%.6f,", r->holds.estimate, r->holds.lo, r->holds.hi);
    else fputs(",,,", fp);
    if (!isnan(r->help_median.value))
      fprintf(fp, "%.0f,%.0f,%.0f,", r->help_median.value, r->help_median.lo, r->help_median.hi);
    else fputs(",,,", fp);
    fprintf(fp, "%.15g,%.15g,%llu,%llu,%016llx\n", r->troops, r->money, (unsigned long long)r->draws,
            (unsigned long long)r->seed, (unsigned long long)r->params_hash);
  }
}

static int print_json(FILE *fp, const cli_compare_row *rows, size_t n, const gr_event *ev) {
  gr_json *w = gr_json_new(0);
  gr_json_begin_object(w);
  gr_json_key(w, "event");
  gr_json_string(w, ev->id);
  gr_json_key(w, "arrangements");
  gr_json_begin_array(w);
  for (size_t i = 0; i < n; i++) {
    gr_json_begin_object(w);
    gr_json_key(w, "id");
    gr_json_string(w, rows[i].arr->id);
    gr_json_key(w, "title");
    gr_json_string(w, rows[i].arr->title);
    gr_json_key(w, "guarantors");
    gr_json_string(w, rows[i].guarantors);
    gr_json_key(w, "strongest");
    gr_json_string(w, cli_strongest(rows[i].arr));
    gr_json_key(w, "legal_form");
    gr_json_string(w, gr_table_name(GR_T_LEGAL_FORM, rows[i].arr->legal_form));
    gr_json_key(w, "vetoes");
    gr_json_string(w, rows[i].vetoes);
    gr_json_key(w, "simulation");
    gr_json_sim_result(w, rows[i].res);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  gr_json_end_object(w);
  return cli_print_json(fp, w);
}


int cmd_compare(int argc, char **argv) {
  static const struct option opts[] = {{"event", required_argument, NULL, 'e'},
                                       {"as-of", required_argument, NULL, 'a'},
                                       {"seed", required_argument, NULL, 's'},
                                       {"threads", required_argument, NULL, 't'},
                                       {"params", required_argument, NULL, 'P'},
                                       {"json", no_argument, NULL, 'j'},
                                       {"csv", no_argument, NULL, 'c'},
                                       {"file", required_argument, NULL, 'f'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  gr_sim_options so;
  gr_sim_options_init(&so, sizeof so);
  so.draws = 200000;
  uint64_t threads = 0;
  gr_date as_of = 0;
  const char *event_id = "offensive-zaporizhzhia";
  int json = 0, csv = 0, c, rc = EXIT_OK;
  char **files = cli_files_new(argc);
  size_t nfiles = 0;
  gr_catalog *cat = NULL;
  cli_comparison cmp = {0};
  if (files == NULL) return EXIT_FAIL;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":n:f:h", opts, NULL)) != -1) {
    int bad = 0;
    switch (c) {
    case 'e': event_id = optarg; break;
    case 'a': bad = cli_parse_date("compare", optarg, &as_of); break;
    case 'n': bad = cli_parse_count("compare", "-n", optarg, 1, &so.draws); break;
    case 's': bad = cli_parse_count("compare", "--seed", optarg, 0, &so.seed); break;
    case 't': bad = cli_parse_count("compare", "--threads", optarg, 1, &threads); break;
    case 'P': files[nfiles++] = optarg; break;
    case 'j': json = 1; break;
    case 'c': csv = 1; break;
    case 'f': files[nfiles++] = optarg; break;
    case 'h': help(stdout); goto done;
    case ':': rc = cli_usage_error("compare", "'%s' needs a value", argv[optind - 1]); goto done;
    default: rc = cli_usage_error("compare", "unknown option '%s'", argv[optind - 1]); goto done;
    }
    if (bad) {
      rc = EXIT_USAGE;
      goto done;
    }
  }
  if (json && csv) {
    rc = cli_usage_error("compare", "--json and --csv exclude each other");
    goto done;
  }
  so.threads = (int)threads;
  cat = cli_load(files, nfiles, &rc);
  if (cat == NULL) goto done;
  const gr_event *ev = cli_find(cat, GR_REC_EVENT, event_id);
  if (ev == NULL) {
    rc = EXIT_USAGE;
    goto done;
  }
  rc = cli_comparison_run("compare", cat, argv + optind, (size_t)(argc - optind), ev, as_of, &so, &cmp);
  if (rc != EXIT_OK) goto done;
  const cli_compare_row *rows = cmp.rows;
  const size_t n = cmp.n;
  if (json) rc = print_json(stdout, rows, n, ev);
  else if (csv) print_csv(stdout, rows, n);
  else cli_print_compare_table(stdout, rows, n, ev);
  if (rows[0].res->partial) rc = EXIT_FAIL;
  if (fflush(stdout) != 0) rc = EXIT_FAIL;
done:
  cli_comparison_free(&cmp);
  gr_catalog_free(cat);
  free(files);
  return rc;
}
