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
#include "difference.h"
#include "provenance.h"
#include "sweep.h"
#include "whatif.h"

typedef struct settings {
  const char *event, *baseline;
  gr_date as_of;
  uint64_t draws, seed, threads, samples;
  int json, csv, sensitivity;
  cli_list files, facts;
  cli_what_if_options wi;
  cli_list sweep;
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
    CLI_OPT_WHAT_IF(settings, wi),
    CLI_OPT(settings, "sweep", 0, CLI_LIST, sweep, "KEY=LIST",
            "re-run the comparison for each value: KEY a parameter\n"
            "id, fact:NAME or an edit's path (ARR/WHO.FIELD); LIST\n"
            "v1,v2,... or LO:HI:N; several make every combination;\n"
            "one row per run and arrangement (--csv, --json: JSON lines)"),
    CLI_OPT(settings, "sensitivity", 0, CLI_FLAG, sensitivity, NULL,
            "with two arrangements A B: which assumptions decide\n"
            "whether A deters more than B (Sobol indices of the\n"
            "difference) and where the ordering flips (PRIM boxes)"),
    CLI_OPT_COUNT(settings, "samples", 0, samples, "N", "base samples for --sensitivity (default 8192)", 16, 1000000),
    CLI_OPT_JSON(settings, json),
    CLI_OPT(settings, "csv", 0, CLI_FLAG, csv, NULL, "machine-readable output, one row per arrangement"),
    CLI_OPT_FILES(settings, files),
};

static const cli_spec spec = {
    "compare",
    "guarantor compare [ARRANGEMENT...] [--event CASE] [--as-of DATE]\n"
    "                         [--baseline ARR|none] [--facts F=V,...]\n"
    "                         [-n DRAWS] [--seed S] [--threads T] [--params FILE]\n"
    "                         [--set|--drop|--add [ARR/]EDIT]... [--param ID=V]...\n"
    "                         [--sweep KEY=LIST]... [--sensitivity [--samples N]]\n"
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
    "The CSV and JSON also give the conditional P(defence holds | attack).\n"
    "What-ifs (--set, --drop, --add, --param) change an arrangement or a\n"
    "parameter for this run, no file edited: the changed arrangement runs\n"
    "beside its original as ARR-what-if, on the same draws, e.g.\n"
    "  guarantor compare coalition-2025 --drop USA --baseline coalition-2025\n",
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

/* The what-ifs behind row r: its edits, then the parameters changed. */
static void what_if_field(FILE *fp, const cli_what_ifs *w, const char *id) {
  char buf[4096];
  size_t k = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < w->n; i++)
    if (strcmp(w->variants[i], id) == 0) k += (size_t)snprintf(buf + k, sizeof buf - k, "%s", w->edits[i]);
  for (size_t i = 0; i < w->nparams && k < sizeof buf; i++)
    k += (size_t)snprintf(buf + k, sizeof buf - k, "%sparam %s", k ? "; " : "", w->params[i]);
  csv_field(fp, buf, 0);
}

static void print_csv(FILE *fp, const cli_compare_row *rows, size_t n, const cli_what_ifs *w, const cli_provenance *pv) {
  fputs("arrangement,guarantors,strongest,legal_form,vetoes,threat,attack,attack_lo,attack_hi,succeeds,succeeds_lo,"
        "succeeds_hi,fewer_attacks,fewer_attacks_lo,fewer_attacks_hi,fewer_successes,fewer_successes_lo,"
        "fewer_successes_hi,deterred,deterred_lo,deterred_hi,holds_given_attack,holds_given_attack_lo,"
        "holds_given_attack_hi,first_help_median_days,first_help_median_lo,first_help_median_hi,troops,money_musd_per_year,"
        "deterred_prior_p10,deterred_prior_median,deterred_prior_p90,fewer_attacks_prior_p10,fewer_attacks_prior_p90,"
        "baseline,vs_attack,vs_attack_lo,vs_attack_hi,vs_succeeds,vs_succeeds_lo,vs_succeeds_hi,vs_deterred_prior_p10,"
        "vs_deterred_prior_p90,what_if,partial" CLI_PROVENANCE_CSV_HEADER "\n",
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
    what_if_field(fp, w, rows[i].arr->id);
    fputs(r->partial ? "true" : "false", fp);
    cli_provenance_csv(fp, pv);
    fputc('\n', fp);
  }
}

static int print_json(FILE *fp, const cli_compare_row *rows, size_t n, const cli_case *cs, const cli_what_ifs *wi,
                      const cli_difference *diff, const cli_provenance *pv) {
  gr_json *w = gr_json_new(0);
  gr_json_begin_object(w);
  cli_what_if_json(w, wi);
  gr_json_key(w, "difference");
  if (diff->sens) cli_difference_json(w, diff);
  else gr_json_null(w);
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
    cli_json_words(w, "guarantors", rows[i].guarantors);
    gr_json_key(w, "strongest");
    gr_json_string(w, cli_strongest(rows[i].arr));
    gr_json_key(w, "legal_form");
    gr_json_string(w, gr_table_name(GR_T_LEGAL_FORM, rows[i].arr->legal_form));
    cli_json_words(w, "vetoes", rows[i].vetoes);
    gr_json_key(w, "simulation");
    gr_json_sim_result(w, rows[i].res);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  gr_json_end_object(w);
  return cli_print_json_provenance(fp, w, pv);
}


int cmd_compare(int argc, char **argv) {
  settings o = {.event = CLI_DEFAULT_CASE, .draws = 200000, .seed = 1};
  char **args;
  int nargs, rc = cli_parse(&spec, argc, argv, &o, &args, &nargs);
  gr_catalog *cat = NULL;
  cli_comparison cmp = {0};
  cli_what_ifs wi = {0};
  const char **ids = NULL;
  cli_difference diff = {0};
  if (rc != EXIT_OK) goto done;
  if (o.json && o.csv) {
    rc = cli_usage_error("compare", "--json and --csv exclude each other");
    goto done;
  }
  if (o.sensitivity && (o.csv || o.sweep.n)) {
    rc = cli_usage_error("compare", "--sensitivity gives text or --json, and not with --sweep");
    goto done;
  }
  if (o.samples && !o.sensitivity) {
    rc = cli_usage_error("compare", "--samples is for --sensitivity");
    goto done;
  }
  gr_sim_options so;
  gr_sim_options_init(&so, sizeof so);
  so.draws = o.draws;
  so.seed = o.seed;
  so.threads = cli_threads("compare", o.threads);
  if (o.sweep.n) {
    cli_sweep_base b = {o.files.items, o.files.n, &o.wi, args, (size_t)nargs, o.event, o.baseline, o.as_of,
                        o.facts.items, o.facts.n, &so, o.csv ? 1 : o.json ? 2 : 0};
    rc = cli_sweep("compare", &o.sweep, &b);
    goto done;
  }
  cat = cli_load_what_if("compare", o.files.items, o.files.n, false, &o.wi, args, (size_t)nargs, &wi, &rc);
  if (cat == NULL) goto done;
  cli_case cs = {0};
  if (cli_find_case(cat, o.event, &cs.sc, &cs.ev) != 0) {
    rc = EXIT_USAGE;
    goto done;
  }
  size_t nids = 0;
  if ((ids = cli_what_if_ids(cat, &wi, args, (size_t)nargs, &nids)) == NULL) {
    rc = EXIT_FAIL;
    goto done;
  }
  rc = cli_comparison_run("compare", cat, (char *const *)ids, nids, &cs, o.as_of, o.facts.items, o.facts.n, &so,
                          o.baseline, &cmp);
  if (rc != EXIT_OK) goto done;
  const cli_compare_row *rows = cmp.rows;
  const size_t n = cmp.n;
  cli_provenance pv;
  cli_provenance_of_run(&pv, "compare", rows[0].res, o.as_of, o.facts.items, o.facts.n, &wi);
  if (o.sensitivity && n != 2) {
    rc = cli_usage_error("compare", "--sensitivity compares two arrangements, A and B; this run has %zu", n);
    goto done;
  }
  if (o.sensitivity && !rows[0].res->partial) {
    /* A against B: with a baseline, the other one against it. */
    size_t ia = 0, ib = 1;
    if (rows[0].res->baseline == cmp.arrs[0]) ia = 1, ib = 0;
    cli_progress prog;
    cli_progress_start(&prog, "sensitivity of the difference");
    so.progress = cli_progress_update;
    so.progress_ctx = &prog;
    rc = cli_difference_run("compare", cat, cmp.params, cmp.arrs[ia], cmp.arrs[ib], &cs, cmp.facts[ia], cmp.facts[ib],
                            o.as_of, &so, NULL, o.samples ? o.samples : 8192, &diff);
    cli_progress_end(&prog);
    if (rc != EXIT_OK) goto done;
  }
  if (o.json) {
    rc = print_json(stdout, rows, n, &cs, &wi, &diff, &pv);
  } else if (o.csv) {
    print_csv(stdout, rows, n, &wi, &pv);
  } else {
    cli_what_if_print(stdout, &wi);
    cli_print_compare_table(stdout, rows, n, &cs);
    if (diff.sens) {
      fputc('\n', stdout);
      cli_difference_print_text(stdout, &diff);
    }
  }
  if (rows[0].res->partial) rc = EXIT_FAIL;
  if (fflush(stdout) != 0) rc = EXIT_FAIL;
done:
  cli_comparison_free(&cmp);
  cli_what_ifs_free(&wi);
  free((void *)ids);
  cli_difference_free(&diff);
  gr_catalog_free(cat);
  cli_settings_free(&spec, &o);
  return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
}
