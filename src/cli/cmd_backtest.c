/*
 * guarantor backtest [CASE-FILE...]: the deterrence model scored against
 * historical cases, beside three baselines (docs/backtest.md).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "guarantor/backtest.h"
#include "options.h"
#include "progress.h"
#include "provenance.h"

typedef struct settings {
  uint64_t draws, seed, threads, bootstrap;
  int json, csv, loo;
  const char *set;
  cli_list files, params;
} settings;

static const cli_option options[] = {
    CLI_OPT_COUNT(settings, "n", 'n', draws, "DRAWS", "model draws per case (default 100000)", 1, CLI_MAX_DRAWS),
    CLI_OPT_SEED(settings, seed, "random seed of the draws and the bootstrap (default 1)"),
    CLI_OPT_THREADS(settings, threads),
    CLI_OPT_COUNT(settings, "bootstrap", 0, bootstrap, "B", "resamples of cases for the intervals (default 2000)", 1,
                  100000),
    CLI_OPT(settings, "set", 0, CLI_TEXT, set, "SET", "only the cases of SET (huth, guarantee, ...)"),
    CLI_OPT(settings, "loo", 0, CLI_FLAG, loo, NULL,
            "per case, also each baseline's leave-one-out prediction\n(text output)"),
    CLI_OPT_PARAMS(settings, params),
    CLI_OPT_JSON(settings, json),
    CLI_OPT(settings, "csv", 0, CLI_FLAG, csv, NULL, "one row per case, every prediction (CSV)"),
};

static const cli_spec spec = {
    "backtest",
    "guarantor backtest [CASE-FILE]... [-n DRAWS] [--seed S] [--threads T]\n"
    "                          [--bootstrap B] [--set SET] [--loo]\n"
    "                          [--params FILE] [--json | --csv]",
    "Scores the deterrence model against what happened in historical cases\n"
    "of extended deterrence (records of kind 'case': Huth's 58 cases of\n"
    "1885-1983 and guarantees of 1839-2025, data/history/; or the cases of\n"
    "the CASE-FILEs, loaded on top of them). For each case the model's\n"
    "probability that deterrence fails (the challenger attacks, or obtains\n"
    "its demand under threat), read at the case's cut-off date, is set\n"
    "against the outcome. Scores with 95 % bootstrap intervals over cases:\n"
    "Brier score, log loss (probabilities clipped at 0.001), AUC and\n"
    "accuracy at 0.5; the same for three baselines fitted on the same cases\n"
    "leave-one-out (and, for comparison, in sample): the base rate, a\n"
    "logistic regression on the observed balance of forces, and on Huth's\n"
    "cases a logistic regression on his variables. Split by era (before\n"
    "1945 / 1945 and after) and by set; a calibration table; the cases the\n"
    "model gets most wrong. Lower Brier and log loss are better; 0.5 AUC\n"
    "is no better than chance. docs/backtest.md explains the coding and the\n"
    "scores.\n",
    options,
    sizeof options / sizeof options[0],
    0,
    INT32_MAX,
    "",
    "Exit status: 0 ok, 1 interrupted (Ctrl-C: the cases run so far are\n"
    "scored, marked partial), 2 bad input or usage.\n",
};

static const char *fmt_score(const gr_score *s, char *buf, size_t n) {
  if (!isfinite(s->value)) snprintf(buf, n, "%s", "n/a");
  else snprintf(buf, n, "%.3f [%.3f, %.3f]", s->value, s->lo, s->hi);
  return buf;
}

static const char *fit_name(const gr_backtest_scores *s) {
  return s->predictor == GR_PRED_MODEL ? "" : s->in_sample ? " (in sample)" : " (LOO)";
}

static const char *outcome(const gr_backtest_case *bc) {
  return gr_table_name(GR_T_CASE_RESULT, bc->kase->outcome.result);
}

static int by_miss(const void *a, const void *b) {
  const gr_backtest_case *x = *(const gr_backtest_case *const *)a, *y = *(const gr_backtest_case *const *)b;
  if (x->brier != y->brier) return x->brier > y->brier ? -1 : 1;
  return strcmp(x->kase->id, y->kase->id);
}

static void print_human(FILE *fp, const gr_backtest *bt, int loo) {
  char a[48], b[48], c[48], d[48], dt[11];
  fprintf(fp, "Backtest of the deterrence model: %zu case%s, %zu scored%s\n", bt->ncases, bt->ncases == 1 ? "" : "s",
          bt->nscored, bt->partial ? "  [PARTIAL: interrupted]" : "");
  fprintf(fp, "  parameters %016llx, %llu draws a case, seed %llu, %u bootstrap resamples\n\n",
          (unsigned long long)bt->params_hash, (unsigned long long)bt->draws, (unsigned long long)bt->seed,
          bt->bootstrap);
  fputs("Scores, P(deterrence fails) against what happened (95 % bootstrap intervals)\n", fp);
  fprintf(fp, "  %-16s %-29s %4s %4s  %-22s %-22s %-22s %s\n", "split", "predictor", "n", "fail", "Brier",
          "log loss", "AUC", "accuracy");
  const char *last = "";
  for (size_t i = 0; i < bt->nscores; i++) {
    const gr_backtest_scores *s = &bt->scores[i];
    char pred[48];
    snprintf(pred, sizeof pred, "%s%s", gr_predictor_name(s->predictor), fit_name(s));
    fprintf(fp, "%s  %-16s %-29s %4zu %4zu  %-22s %-22s %-22s %s\n", strcmp(last, s->split) && i ? "\n" : "",
            strcmp(last, s->split) ? s->split : "", pred, s->n, s->failures, fmt_score(&s->brier, a, sizeof a),
            fmt_score(&s->logloss, b, sizeof b), fmt_score(&s->auc, c, sizeof c),
            fmt_score(&s->accuracy, d, sizeof d));
    last = s->split;
  }
  fputs("\nCalibration of the model (all scored cases)\n", fp);
  fprintf(fp, "  %-12s %4s  %-15s %s\n", "predicted", "n", "mean predicted", "observed failures [95%]");
  for (int k = 0; k < GR_CALIBRATION_BINS; k++) {
    const gr_calibration_bin *cb = &bt->calibration[k];
    char range[24];
    snprintf(range, sizeof range, "%.1f-%.1f", cb->lo, cb->hi);
    if (cb->n == 0) {
      fprintf(fp, "  %-12s %4zu\n", range, cb->n);
      continue;
    }
    fprintf(fp, "  %-12s %4zu  %-15.3f %.3f [%.3f, %.3f] (%zu of %zu)\n", range, cb->n, cb->predicted,
            cb->observed.estimate, cb->observed.lo, cb->observed.hi, cb->failures, cb->n);
  }
  fputs("\nThe model's other predictions against what happened\n", fp);
  if (bt->holds.n)
    fprintf(fp, "  defence holds, attacked cases:  %zu of %zu held; mean predicted %.3f; Brier %.3f\n", bt->holds.observed,
            bt->holds.n, bt->holds.predicted, bt->holds.brier);
  else
    fputs("  defence holds, attacked cases:  none to score\n", fp);
  if (bt->helped.n)
    fprintf(fp, "  guarantor helps, if attacked:   %zu of %zu helped (fought or sent arms); mean predicted %.3f; Brier %.3f\n",
            bt->helped.observed, bt->helped.n, bt->helped.predicted, bt->helped.brier);
  else
    fputs("  guarantor helps, if attacked:   none to score\n", fp);

  fputs("\nAttacked cases: each guarantor's response against the model's P(it helps | attack)\n", fp);
  for (size_t i = 0; i < bt->ncases; i++) {
    const gr_backtest_case *bc = &bt->cases[i];
    if (!bc->scored || bc->kase->outcome.result != GR_RESULT_ATTACKED) continue;
    fprintf(fp, "  %-40s defence %-11s P(holds) %.3f", bc->kase->id,
            bc->kase->outcome.defence_held ? "held" : "did not hold", bc->holds);
    for (size_t g = 0; g < bc->nresponses; g++) {
      const gr_backtest_response *r = &bc->responses[g];
      fprintf(fp, "%s%s %s", g ? "; " : ";  ", r->actor, gr_table_name(GR_T_GUARANTOR_ACTION, r->action));
      if (isfinite(r->predicted)) fprintf(fp, " (P %.3f)", r->predicted);
      else fputs(" (not weighed)", fp);
    }
    fputc('\n', fp);
  }

  fputs("\nCases: the model's P(deterrence fails) [95 % Monte Carlo interval]", fp);
  fputs(loo ? " and the baselines' leave-one-out predictions\n" : "\n", fp);
  for (size_t i = 0; i < bt->ncases; i++) {
    const gr_backtest_case *bc = &bt->cases[i];
    if (!bc->scored) continue;
    fprintf(fp, "  %-40s %s %-9s %-8s %.3f [%.3f, %.3f]", bc->kase->id, gr_date_format(bc->kase->cutoff, dt),
            bc->kase->set, outcome(bc), bc->p, bc->p_lo, bc->p_hi);
    if (loo)
      for (int p = GR_PRED_BASE_RATE; p < GR_PRED__COUNT; p++)
        if (isfinite(bc->loo[p])) fprintf(fp, "  %s %.3f", gr_predictor_name((gr_predictor)p), bc->loo[p]);
    fputc('\n', fp);
  }
  size_t refused = bt->ncases - bt->nscored;
  if (refused) {
    fprintf(fp, "\nNot scored: the model refused %zu case%s\n", refused, refused == 1 ? "" : "s");
    for (size_t i = 0; i < bt->ncases; i++)
      if (!bt->cases[i].scored) fprintf(fp, "  %-40s %s\n", bt->cases[i].kase->id, cli_text(bt->cases[i].why));
  }
  /* The cases the model gets most wrong, with their sources. */
  const gr_backtest_case **worst = malloc(bt->ncases * sizeof *worst);
  if (worst != NULL) {
    size_t m = 0;
    for (size_t i = 0; i < bt->ncases; i++)
      if (bt->cases[i].scored) worst[m++] = &bt->cases[i];
    qsort(worst, m, sizeof *worst, by_miss);
    fputs("\nMost wrong (largest Brier contribution)\n", fp);
    for (size_t i = 0; i < m && i < 5; i++) {
      const gr_case *k = worst[i]->kase;
      fprintf(fp, "  %s: predicted %.3f, %s (%s confidence)\n    %s\n", k->id, worst[i]->p, outcome(worst[i]),
              gr_table_name(GR_T_CODING_CONFIDENCE, k->confidence), cli_text(k->title));
      if (k->sources.n) {
        const gr_source *s = &k->sources.items[0];
        fprintf(fp, "    source: %s\n", cli_text(s->ref ? s->ref : s->doc ? s->doc : s->assumption));
      }
    }
    free(worst);
  }
  fputs("\nScores of the model as it is, not a prediction: see docs/backtest.md.\n", fp);
}

static void csv_text(FILE *fp, const char *s) {
  fputc('"', fp);
  for (; s && *s; s++) {
    if (*s == '"') fputc('"', fp);
    fputc(*s, fp);
  }
  fputc('"', fp);
}

static void csv_num(FILE *fp, double v) {
  if (isfinite(v)) fprintf(fp, ",%.6g", v);
  else fputc(',', fp);
}

static void print_csv(FILE *fp, const gr_backtest *bt, const cli_provenance *pv) {
  char dt[11];
  fputs("case,set,cutoff,arrangement,outcome,failed,confidence,scored,model_p,model_lo,model_hi,model_holds,"
        "brier,log_loss,base_rate_loo,balance_loo,huth_loo,base_rate_in,balance_in,huth_in,refused" CLI_PROVENANCE_CSV_HEADER
        "\n",
        fp);
  for (size_t i = 0; i < bt->ncases; i++) {
    const gr_backtest_case *bc = &bt->cases[i];
    const gr_case *k = bc->kase;
    csv_text(fp, k->id);
    fputc(',', fp);
    csv_text(fp, k->set);
    fprintf(fp, ",%s,", gr_date_format(k->cutoff, dt));
    csv_text(fp, bc->arrangement ? bc->arrangement->id : k->arrangement);
    fprintf(fp, ",%s,%d,%s,%d", outcome(bc), bc->failed, gr_table_name(GR_T_CODING_CONFIDENCE, k->confidence),
            bc->scored);
    double v[] = {bc->p, bc->p_lo, bc->p_hi, bc->holds, bc->scored ? bc->brier : NAN,
                  bc->scored ? bc->logloss : NAN, bc->loo[GR_PRED_BASE_RATE], bc->loo[GR_PRED_BALANCE],
                  bc->loo[GR_PRED_HUTH], bc->in_sample[GR_PRED_BASE_RATE], bc->in_sample[GR_PRED_BALANCE],
                  bc->in_sample[GR_PRED_HUTH]};
    for (size_t j = 0; j < sizeof v / sizeof v[0]; j++) csv_num(fp, bc->scored ? v[j] : NAN);
    fputc(',', fp);
    if (!bc->scored) csv_text(fp, bc->why);
    cli_provenance_csv(fp, pv);
    fputc('\n', fp);
  }
}

int cmd_backtest(int argc, char **argv) {
  settings o = {.seed = 1, .bootstrap = 2000};
  char **args;
  int nargs, rc = cli_parse(&spec, argc, argv, &o, &args, &nargs);
  gr_catalog *cat = NULL;
  gr_params *params = NULL;
  gr_backtest *bt = NULL;
  gr_error err = GR_ERROR_INIT;
  char **files = NULL;
  if (rc != EXIT_OK) goto done;
  if (o.json && o.csv) {
    rc = cli_usage_error("backtest", "--json and --csv exclude each other");
    goto done;
  }
  if (o.loo && (o.json || o.csv)) {
    /* Both carry every leave-one-out prediction already. */
    rc = cli_usage_error("backtest", "--loo changes only the text output; %s has every leave-one-out prediction",
                         o.json ? "--json" : "--csv");
    goto done;
  }
  /* The parameter files first, then the case files: both extend the
   * catalog; only the cases of the case files are scored. */
  files = calloc(o.params.n + (size_t)nargs + 1, sizeof *files);
  if (files == NULL) {
    rc = EXIT_FAIL;
    goto done;
  }
  for (size_t i = 0; i < o.params.n; i++) files[i] = o.params.items[i];
  for (int i = 0; i < nargs; i++) files[o.params.n + (size_t)i] = args[i];
  cat = cli_load_with(files, o.params.n + (size_t)nargs, true, &rc);
  if (cat == NULL) goto done;
  if ((rc = cli_check_params_files(cat, o.params.items, o.params.n, "backtest")) != EXIT_OK) goto done;
  if (gr_params_new(cat, &params, &err) != GR_OK) {
    cli_error("backtest", "%s", err.message);
    rc = EXIT_USAGE;
    goto done;
  }
  gr_backtest_options bo;
  gr_backtest_options_init(&bo, sizeof bo);
  bo.draws = o.draws ? o.draws : 100000;
  bo.seed = o.seed;
  bo.threads = cli_threads("backtest", o.threads);
  bo.bootstrap = (unsigned)o.bootstrap;
  bo.set = o.set;
  bo.files = (const char *const *)args;
  bo.nfiles = (size_t)nargs;
  cli_catch_sigint();
  bo.cancel = cli_cancelled;
  gr_status st = gr_backtest_new(cat, params, &bo, &bt, &err);
  if (st != GR_OK) {
    cli_error("backtest", "%s", err.message);
    rc = st == GR_E_NOMEM ? EXIT_FAIL : EXIT_USAGE;
    goto done;
  }
  cli_provenance pv;
  cli_provenance_init(&pv, "backtest");
  pv.has_seed = true;
  pv.seed = bt->seed;
  pv.draws = bt->draws;
  pv.has_params_hash = true;
  pv.params_hash = bt->params_hash;
  pv.scenario = o.set;
  if (o.json) {
    gr_json *w = gr_json_new(0);
    gr_json_backtest(w, bt);
    rc = cli_print_json_provenance(stdout, w, &pv);
  } else if (o.csv) {
    print_csv(stdout, bt, &pv);
  } else {
    print_human(stdout, bt, o.loo);
  }
  if (bt->partial) rc = EXIT_FAIL;
  if (fflush(stdout) != 0) rc = EXIT_FAIL;
done:
  gr_error_clear(&err);
  gr_backtest_free(bt);
  gr_params_free(params);
  gr_catalog_free(cat);
  free(files);
  cli_settings_free(&spec, &o);
  return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
}
