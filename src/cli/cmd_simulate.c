/*
 * guarantor simulate ARRANGEMENT [CASE]: the deterrence Monte Carlo for
 * one arrangement, with sensitivity indices on request.
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
#include "provenance.h"
#include "simout.h"
#include "whatif.h"

typedef struct settings {
  uint64_t draws, seed, threads, samples;
  double precision;
  int sensitivity, json;
  cli_list files, facts;
  gr_date as_of;
  const char *baseline;
  cli_what_if_options wi;
} settings;

static const cli_option options[] = {
    CLI_OPT_COUNT(settings, "n", 'n', draws, "DRAWS",
                  "draws (default 100000; with --precision, the most:\ndefault 10000000)", 1, CLI_MAX_DRAWS),
    CLI_OPT_SEED(settings, seed, "random seed (default 1); same seed, same result, for\nany --threads"),
    CLI_OPT_THREADS(settings, threads),
    CLI_OPT_REAL(settings, "precision", 0, precision, "P", "stop once every headline 95% half-width is below P", 0,
                 0.5),
    CLI_OPT_PARAMS(settings, files),
    CLI_OPT(settings, "sensitivity", 0, CLI_FLAG, sensitivity, NULL, "Sobol first- and total-order indices of P(deterred)"),
    {.name = "samples", .kind = CLI_COUNT, .offset = offsetof(settings, samples), .metavar = "N",
     .help = "base samples for --sensitivity (default 16384)", .min = 16, .max = 1000000, .needs = "sensitivity"},
    CLI_OPT(settings, "baseline", 0, CLI_TEXT, baseline, "ARR",
            "also run ARR on the same draws and give the differences\nfrom it, paired"),
    CLI_OPT_WHAT_IF(settings, wi),
    CLI_OPT_FACTS(settings, facts),
    CLI_OPT(settings, "as-of", 0, CLI_DATE, as_of, "DATE", "date for scope and terms (see 'guarantor trigger')"),
    CLI_OPT_JSON(settings, json),
    CLI_OPT_FILES(settings, files),
};

static const cli_spec spec = {
    "simulate",
    "guarantor simulate ARRANGEMENT [CASE] [-n DRAWS] [--seed S]\n"
    "                          [--threads T] [--precision P] [--params FILE]\n"
    "                          [--sensitivity [--samples N]] [--facts F=V,...]\n"
    "                          [--baseline ARR] [--as-of DATE] [--json]\n"
    "                          [--set|--drop|--add EDIT]... [--param ID=V]...\n"
    "                          [-f FILE]...",
    "Monte Carlo of how much an arrangement deters the attack of a case: a\n"
    "scenario or an event (default: " CLI_DEFAULT_CASE "). The model weighs the\n"
    "scenario's first attack on the protected state, with the obligations its\n"
    "earlier events left standing. Each draw samples the uncertain parameters\n"
    "(data/parameters.yaml), the aggressor's decision errors and which\n"
    "guarantors honour what. The aggressor chooses among not attacking, the\n"
    "attack the case names and every lesser ground option (a probe, an\n"
    "offensive), each weighed by its own gain, cost, chance of success and\n"
    "the punishment it expects. Prints, with 95 % intervals: P(attack),\n"
    "P(an attack succeeds), how many fewer attacks and successes than with\n"
    "no guarantee on the same draws, which option is chosen; then figures\n"
    "conditional on an attack (labelled so: they are computed on the draws\n"
    "the aggressor chose, and can move the 'wrong' way), the days to the\n"
    "first help and each guarantor's honour rate if attacked. An event the\n"
    "model has no sub-model for (a hybrid attack) is refused. docs/model.md\n"
    "states every equation and what the model cannot tell. A what-if\n"
    "(--set, --drop, --add, --param) simulates the arrangement so changed,\n"
    "paired with the original on the same draws unless --baseline says\n"
    "otherwise.\n",
    options,
    sizeof options / sizeof options[0],
    1,
    2,
    "expected ARRANGEMENT and optionally CASE (a scenario or an event)",
    "Ctrl-C stops at the next batch and prints what was computed, marked\n"
    "partial (exit status 1). Exit status: 0 ok, 2 bad input or usage.\n",
};

static void print_human(FILE *fp, const gr_sim_result *r, const gr_sensitivity *sens) {
  char a[64], b[64], c[64], e[64];
  char d[11];
  if (r->scenario)
    fprintf(fp, "%s against scenario %s (its attack: %s), as of %s%s\n", r->arrangement->id, r->scenario->id,
            r->event->id, gr_date_format(r->as_of, d), r->partial ? "  [PARTIAL: interrupted]" : "");
  else
    fprintf(fp, "%s against %s, as of %s%s\n", r->arrangement->id, r->event->id, gr_date_format(r->as_of, d),
            r->partial ? "  [PARTIAL: interrupted]" : "");
  fprintf(fp, "  %llu draws, seed %llu, %d thread%s, parameters %016llx\n\n", (unsigned long long)r->draws,
          (unsigned long long)r->seed, r->threads, r->threads == 1 ? "" : "s", (unsigned long long)r->params_hash);
  fprintf(fp, "  P(attack)                          %s\n", cli_fmt_prop(&r->attack, a, sizeof a));
  fprintf(fp, "  P(an attack succeeds)              %s\n", cli_fmt_prop(&r->succeeds, a, sizeof a));
  fprintf(fp, "  With no guarantee, same draws      P(attack) %s, P(succeeds) %s\n",
          cli_fmt_prop(&r->base_attack, a, sizeof a), cli_fmt_prop(&r->base_succeeds, b, sizeof b));
  fprintf(fp, "  Fewer attacks than no guarantee    %s\n", cli_fmt_diff(&r->fewer_attacks, a, sizeof a));
  fprintf(fp, "  Fewer successful attacks           %s\n", cli_fmt_diff(&r->fewer_successes, a, sizeof a));
  if (r->baseline) {
    gr_difference fa = cli_fewer(&r->vs_attack), fs = cli_fewer(&r->vs_succeeds);
    fprintf(fp, "  Against %s, on the same draws:\n", r->baseline->id);
    fprintf(fp, "    fewer attacks                    %s\n", cli_fmt_diff(&fa, a, sizeof a));
    fprintf(fp, "    fewer successful attacks         %s\n", cli_fmt_diff(&fs, b, sizeof b));
  }
  fprintf(fp, "  The aggressor chooses (case: %s)\n", gr_attack_option_name(r->threat));
  for (int k = 0; k < GR_OPTION__COUNT; k++)
    if (r->available >> k & 1u)
      fprintf(fp, "    %-32s %s\n", gr_attack_option_name(k), cli_fmt_prop(&r->chosen[k], a, sizeof a));
  fprintf(fp, "    %-32s %s\n", "no attack", cli_fmt_prop(&r->deterred, a, sizeof a));
  fprintf(fp, "  Over the priors (central 80%% of the parameter draws, not sampling noise):\n");
  fprintf(fp, "    P(deterred | parameters)         %s (median %.3f; %llu draws)\n",
          cli_fmt_spread(&r->deterred_prior, false, e, sizeof e), r->deterred_prior.median,
          (unsigned long long)r->deterred_prior.n);
  fprintf(fp, "    Fewer attacks | parameters       %s\n", cli_fmt_spread(&r->fewer_attacks_prior, true, e, sizeof e));
  if (r->baseline)
    fprintf(fp, "    Fewer attacks than %s | parameters: %s\n", r->baseline->id,
            cli_fmt_spread(&r->vs_deterred_prior, true, e, sizeof e));
  fprintf(fp, "\nConditional on an attack (only the draws where the aggressor attacks: a\n"
              "guarantee that deters the easy attacks leaves the hard ones, so these can fall\n"
              "as deterrence rises):\n");
  fprintf(fp, "  P(defence holds | attack)          %s\n", cli_fmt_prop(&r->holds, a, sizeof a));
  fprintf(fp, "  P(no help at all | attack)         %s\n", cli_fmt_prop(&r->no_help, a, sizeof a));
  fprintf(fp, "  Days to first help | help          median %s, 90th percentile %s\n",
          cli_fmt_days(&r->help_median, b, sizeof b), cli_fmt_days(&r->help_p90, c, sizeof c));
  fprintf(fp, "  On offer                           %.15g troops, $%.15gM a year (stated values)\n\n", r->troops,
          r->money);
  fputs("If attacked, who honours what (95% intervals). Per guarantor, 'any help' is the share of\n"
        "attacks in which it honours at least one obligation other than consultation or monitoring\n"
        "(honoured, but not help); then each obligation's own rate:\n", fp);
  for (size_t g = 0; g < r->nguarantors; g++) {
    fprintf(fp, "  %-5s %-24s %s\n", r->guarantors[g].guarantor, "any help",
            cli_fmt_prop(&r->guarantors[g].honours_any, a, sizeof a));
    for (size_t i = 0; i < r->nobligations; i++) {
      const gr_sim_obligation *o = &r->obligations[i];
      if (strcmp(o->obligation->guarantor, r->guarantors[g].guarantor) != 0) continue;
      char kind[48];
      fprintf(fp, "        %-24s %s\n", cli_kind_label(o->obligation, kind, sizeof kind),
              o->honoured.n ? cli_fmt_prop(&o->honoured, a, sizeof a)
              : o->acting   ? "not called on in any attack"
                            : "does not act on this event");
    }
  }
  if (sens) {
    fprintf(fp, "\nSensitivity of P(deterred): Sobol indices, %llu base samples (mean %.3f, variance %.4f)%s\n",
            (unsigned long long)sens->base_samples, sens->mean, sens->variance,
            sens->partial ? "  [PARTIAL: interrupted]" : "");
    fprintf(fp, "  %-28s %-22s %-22s\n", "parameter", "total order [95%]", "first order [95%]");
    for (size_t i = 0; i < sens->n; i++) {
      const gr_sobol_index *x = &sens->items[i].index;
      snprintf(a, sizeof a, "%.3f [%.3f, %.3f]", x->total, x->total_lo, x->total_hi);
      snprintf(b, sizeof b, "%.3f [%.3f, %.3f]", x->first, x->first_lo, x->first_hi);
      fprintf(fp, "  %-28s %-22s %-22s\n", sens->items[i].parameter->id, a, b);
    }
  }
  fputs("\nEstimates of the model, not predictions: see docs/model.md.\n", fp);
}

static int print_json(FILE *fp, const gr_sim_result *r, const gr_sensitivity *sens, const cli_what_ifs *wi,
                      const cli_provenance *pv) {
  gr_json *w = gr_json_new(0);
  gr_json_begin_object(w);
  cli_what_if_json(w, wi);
  gr_json_key(w, "result");
  gr_json_sim_result(w, r);
  gr_json_key(w, "sensitivity");
  if (sens == NULL) gr_json_null(w);
  else gr_json_sensitivity(w, sens);
  gr_json_end_object(w);
  return cli_print_json_provenance(fp, w, pv);
}

int cmd_simulate(int argc, char **argv) {
  settings o = {.seed = 1, .samples = 16384};
  char **args;
  int nargs, rc = cli_parse(&spec, argc, argv, &o, &args, &nargs);
  gr_catalog *cat = NULL;
  gr_params *params = NULL;
  gr_sim_result *res[2] = {NULL, NULL};
  gr_facts *bl_facts = NULL;
  cli_what_ifs wi = {0};
  gr_sensitivity *sens = NULL;
  gr_facts *facts = NULL;
  gr_error err = GR_ERROR_INIT;
  if (rc != EXIT_OK) goto done;
  gr_sim_options so;
  gr_sim_options_init(&so, sizeof so);
  so.draws = o.draws ? o.draws : o.precision > 0 ? 10000000 : 100000;
  so.seed = o.seed;
  so.threads = cli_threads("simulate", o.threads);
  so.precision = o.precision;
  cat = cli_load_what_if("simulate", o.files.items, o.files.n, false, &o.wi, args, 1, &wi, &rc);
  if (cat == NULL) goto done;
  const char *variant = cli_what_if_variant(&wi, args[0]);
  const gr_arrangement *arr = cli_find(cat, GR_REC_ARRANGEMENT, variant ? variant : args[0]);
  /* A variant is paired with its original unless told otherwise. */
  const char *baseline = o.baseline ? o.baseline : variant ? args[0] : NULL;
  const gr_scenario *sc = NULL;
  const gr_event *ev = NULL;
  if (arr == NULL || cli_find_case(cat, nargs == 2 ? args[1] : CLI_DEFAULT_CASE, &sc, &ev) != 0 ||
      (facts = cli_facts(cat, arr, o.facts.items, o.facts.n, "simulate")) == NULL) {
    rc = EXIT_USAGE;
    goto done;
  }
  cli_warn_unread_facts(cat, arr, facts, "simulate");
  /* The baseline runs second, on the same draws. */
  const gr_arrangement *arrs[2] = {arr, NULL};
  size_t narrs = 1;
  if (baseline) {
    if ((arrs[1] = cli_find(cat, GR_REC_ARRANGEMENT, baseline)) == NULL ||
        (bl_facts = cli_facts(cat, arrs[1], o.facts.items, o.facts.n, "simulate")) == NULL) {
      rc = EXIT_USAGE;
      goto done;
    }
    if (arrs[1] == arr) {
      rc = cli_usage_error("simulate", "--baseline %s is the arrangement simulated", arr->id);
      goto done;
    }
    narrs = 2;
    so.baseline = 1;
  }
  if (gr_params_new(cat, &params, &err) != GR_OK) {
    cli_error("simulate", "%s", err.message);
    rc = EXIT_USAGE;
    goto done;
  }
  cli_progress prog;
  cli_progress_start(&prog, "simulating");
  cli_catch_sigint();
  so.progress = cli_progress_update;
  so.progress_ctx = &prog;
  so.cancel = cli_cancelled;
  cli_ranks_options(&so);
  const gr_facts *fs[2] = {facts, bl_facts};
  gr_status st = sc ? gr_simulate_scenario(cat, params, arrs, narrs, sc, fs, o.as_of, &so, res, &err)
                    : gr_simulate(cat, params, arrs, narrs, ev, fs, o.as_of, &so, res, &err);
  cli_progress_end(&prog);
  /* The sensitivity analysis runs in rank 0 only: it has no collective
   * step, and only rank 0 prints. */
  if (st == GR_OK && o.sensitivity && !res[0]->partial && cli_rank() == 0) {
    cli_progress_start(&prog, "sensitivity");
    st = sc ? gr_sensitivity_scenario_new(cat, params, arr, sc, facts, o.as_of, o.samples, &so, &sens, &err)
            : gr_sensitivity_new(cat, params, arr, ev, facts, o.as_of, o.samples, &so, &sens, &err);
    cli_progress_end(&prog);
  }
  if (st != GR_OK) {
    cli_error("simulate", "%s", err.message);
    rc = st == GR_E_NOMEM ? EXIT_FAIL : EXIT_USAGE;
    goto done;
  }
  cli_provenance pv;
  cli_provenance_of_run(&pv, "simulate", res[0], o.as_of, o.facts.items, o.facts.n, &wi);
  if (o.json) {
    rc = print_json(stdout, res[0], sens, &wi, &pv);
  } else {
    cli_what_if_print(stdout, &wi);
    print_human(stdout, res[0], sens);
  }
  if (res[0]->partial || (sens && sens->partial)) rc = EXIT_FAIL;
  if (fflush(stdout) != 0) rc = EXIT_FAIL;
done:
  gr_error_clear(&err);
  gr_facts_free(facts);
  gr_sensitivity_free(sens);
  gr_sim_result_free(res[0]);
  gr_sim_result_free(res[1]);
  gr_facts_free(bl_facts);
  cli_what_ifs_free(&wi);
  gr_params_free(params);
  gr_catalog_free(cat);
  cli_settings_free(&spec, &o);
  return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
}
