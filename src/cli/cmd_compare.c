/*
 * guarantor compare [ARRANGEMENT...]: every (or the given) arrangement in one
 * table, all simulated on the same draws so that differences are not noise.
 */
#include <errno.h>
#include <stddef.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "guarantor/sim.h"
#include "progress.h"
#include "ranks.h"
#include "simout.h"

typedef struct settings {
  const char *event, *baseline;
  gr_date as_of;
  uint64_t draws, seed, threads;
  int json, csv;
  cli_list files, facts;
} settings;

static const cli_option options[] = {
    CLI_OPT(settings, "event", 0, CLI_TEXT, event, "CASE",
            "the scenario or event to run (default " CLI_DEFAULT_CASE ")"),
    CLI_OPT(settings, "baseline", 0, CLI_TEXT, baseline, "ARR",
            "report every arrangement's difference from ARR (run beside them), paired on the same draws; "
            "'none' (the default): the same case with no guarantee"),
    CLI_OPT_FACTS(settings, facts),
    CLI_OPT(settings, "as-of", 0, CLI_DATE, as_of, "DATE", "positions and control as of DATE (see trigger, assess)"),
    CLI_OPT_COUNT(settings, "n", 'n', draws, "DRAWS", "draws per arrangement (default 200000)", 1, CLI_MAX_DRAWS),
    CLI_OPT_SEED(settings, seed, "random seed (default 1)"),
    CLI_OPT_THREADS(settings, threads),
    CLI_OPT_PARAMS(settings, files),
    CLI_OPT_JSON(settings, json),
    CLI_OPT(settings, "csv", 0, CLI_FLAG, csv, NULL, "machine-readable output, one row per arrangement"),
    CLI_OPT_FILES(settings, files),
};

static const cli_spec spec = {
    "compare",
    "guarantor compare [ARRANGEMENT...] [--event CASE] [--as-of DATE]\n"
    "                         [--baseline ARR|none] [--facts F=V,...]\n"
    "                         [-n DRAWS] [--seed S] [--threads T] [--params FILE]\n"
    "                         [--json | --csv] [-f FILE]...",
    "All arrangements of the catalog (or those given) side by side: guarantors,\n"
    "strongest obligation on offer, legal form, who vetoes it (assess), P(attack),\n"
    "P(an attack succeeds) and how many fewer attacks than with no guarantee\n"
    "(paired on the same draws), with 95% intervals, median days to the first\n"
    "help, troops and money on offer. All are simulated on the same draws\n"
    "(common random numbers), so their differences are not sampling noise.\n"
    "With --baseline, the differences are from that arrangement instead of\n"
    "from no guarantee. Beside each sampling interval, 'prior 80%' is the\n"
    "central 80% of the quantity given the parameters over the parameter\n"
    "draws: how much the answer hangs on the priors.\n"
    "The CSV and JSON also give the conditional P(defence holds | attack).\n",
    options,
    sizeof options / sizeof options[0],
    0,
    INT32_MAX,
    "",
    "Exit status: 0 ok, 1 failure or interrupted, 2 bad input or usage.\n",
};

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
  fputs("arrangement,guarantors,strongest,legal_form,vetoes,threat,attack,attack_lo,attack_hi,succeeds,succeeds_lo,"
        "succeeds_hi,fewer_attacks,fewer_attacks_lo,fewer_attacks_hi,fewer_successes,fewer_successes_lo,"
        "fewer_successes_hi,deterred,deterred_lo,deterred_hi,holds_given_attack,holds_given_attack_lo,"
        "holds_given_attack_hi,first_help_median_days,first_help_median_lo,first_help_median_hi,troops,money_musd_per_year,"
        "deterred_prior_p10,deterred_prior_median,deterred_prior_p90,fewer_attacks_prior_p10,fewer_attacks_prior_p90,"
        "baseline,vs_attack,vs_attack_lo,vs_attack_hi,vs_succeeds,vs_succeeds_lo,vs_succeeds_hi,vs_deterred_prior_p10,"
        "vs_deterred_prior_p90,draws,seed,params_hash,partial\n",
        fp);
  for (size_t i = 0; i < n; i++) {
    const gr_sim_result *r = rows[i].res;
    csv_field(fp, rows[i].arr->id, 0);
    csv_field(fp, rows[i].guarantors, 0);
    csv_field(fp, cli_strongest(rows[i].arr), 0);
    csv_field(fp, gr_table_name(GR_T_LEGAL_FORM, rows[i].arr->legal_form), 0);
    csv_field(fp, rows[i].vetoes, 0);
    fprintf(fp, "%s,", gr_attack_option_name(r->threat));
    fprintf(fp, "%.6f,%.6f,%.6f,", r->attack.estimate, r->attack.lo, r->attack.hi);
    fprintf(fp, "%.6f,%.6f,%.6f,", r->succeeds.estimate, r->succeeds.lo, r->succeeds.hi);
    fprintf(fp, "%.6f,%.6f,%.6f,", r->fewer_attacks.estimate, r->fewer_attacks.lo, r->fewer_attacks.hi);
    fprintf(fp, "%.6f,%.6f,%.6f,", r->fewer_successes.estimate, r->fewer_successes.lo, r->fewer_successes.hi);
    fprintf(fp, "%.6f,%.6f,%.6f,", r->deterred.estimate, r->deterred.lo, r->deterred.hi);
    if (r->holds.n) fprintf(fp, "%.6f,%.6f,%.6f,", r->holds.estimate, r->holds.lo, r->holds.hi);
    else fputs(",,,", fp);
    if (!isnan(r->help_median.value))
      fprintf(fp, "%.0f,%.0f,%.0f,", r->help_median.value, r->help_median.lo, r->help_median.hi);
    else fputs(",,,", fp);
    fprintf(fp, "%.15g,%.15g,", r->troops, r->money);
    fprintf(fp, "%.6f,%.6f,%.6f,%.6f,%.6f,", r->deterred_prior.lo, r->deterred_prior.median, r->deterred_prior.hi,
            r->fewer_attacks_prior.lo, r->fewer_attacks_prior.hi);
    csv_field(fp, cli_baseline_id(r), 0);
    fprintf(fp, "%.6f,%.6f,%.6f,", r->vs_attack.estimate, r->vs_attack.lo, r->vs_attack.hi);
    fprintf(fp, "%.6f,%.6f,%.6f,", r->vs_succeeds.estimate, r->vs_succeeds.lo, r->vs_succeeds.hi);
    fprintf(fp, "%.6f,%.6f,", r->vs_deterred_prior.lo, r->vs_deterred_prior.hi);
    fprintf(fp, "%llu,%llu,%016llx,%s\n", (unsigned long long)r->draws,
            (unsigned long long)r->seed, (unsigned long long)r->params_hash, r->partial ? "true" : "false");
  }
}

static int print_json(FILE *fp, const cli_compare_row *rows, size_t n, const cli_case *cs) {
  gr_json *w = gr_json_new(0);
  gr_json_begin_object(w);
  gr_json_key(w, "event");
  gr_json_string(w, rows[0].res->event->id);
  gr_json_key(w, "scenario");
  gr_json_string(w, cs->sc ? cs->sc->id : NULL);
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
  settings o = {.event = CLI_DEFAULT_CASE, .draws = 200000, .seed = 1};
  char **args;
  int nargs, rc = cli_parse(&spec, argc, argv, &o, &args, &nargs);
  gr_catalog *cat = NULL;
  cli_comparison cmp = {0};
  if (rc != EXIT_OK) goto done;
  if (o.json && o.csv) {
    rc = cli_usage_error("compare", "--json and --csv exclude each other");
    goto done;
  }
  gr_sim_options so;
  gr_sim_options_init(&so, sizeof so);
  so.draws = o.draws;
  so.seed = o.seed;
  so.threads = cli_threads("compare", o.threads);
  cat = cli_load(o.files.items, o.files.n, &rc);
  if (cat == NULL) goto done;
  cli_case cs = {0};
  if (cli_find_case(cat, o.event, &cs.sc, &cs.ev) != 0) {
    rc = EXIT_USAGE;
    goto done;
  }
  rc = cli_comparison_run("compare", cat, args, (size_t)nargs, &cs, o.as_of, o.facts.items, o.facts.n, &so, o.baseline, &cmp);
  if (rc != EXIT_OK) goto done;
  const cli_compare_row *rows = cmp.rows;
  const size_t n = cmp.n;
  if (o.json) rc = print_json(stdout, rows, n, &cs);
  else if (o.csv) print_csv(stdout, rows, n);
  else cli_print_compare_table(stdout, rows, n, &cs);
  if (rows[0].res->partial) rc = EXIT_FAIL;
  if (fflush(stdout) != 0) rc = EXIT_FAIL;
done:
  cli_comparison_free(&cmp);
  gr_catalog_free(cat);
  cli_settings_free(&spec, &o);
  return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
}
