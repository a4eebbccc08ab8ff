/*
 * Printing simulation results: shared by simulate and compare.
 */
#include <math.h>
#include <string.h>

#include <stdlib.h>

#include "cli.h"
#include "guarantor/assess.h"
#include "progress.h"
#include "ranks.h"
#include "simout.h"

char *cli_fmt_prop(const gr_proportion *p, char *buf, size_t n) {
  if (p->n == 0) snprintf(buf, n, "n/a (no draws)");
  else snprintf(buf, n, "%.3f [%.3f, %.3f]", p->estimate, p->lo, p->hi);
  return buf;
}

char *cli_fmt_diff(const gr_difference *d, char *buf, size_t n) {
  if (isnan(d->estimate)) snprintf(buf, n, "n/a (no draws)");
  else snprintf(buf, n, "%+.3f [%+.3f, %+.3f]", d->estimate, d->lo, d->hi);
  return buf;
}

char *cli_fmt_days(const gr_quantile *q, char *buf, size_t n) {
  if (isnan(q->value)) snprintf(buf, n, "n/a");
  else if (q->lo == q->hi && q->lo == q->value) snprintf(buf, n, "%.0f", q->value);
  else snprintf(buf, n, "%.0f [%.0f, %.0f]", q->value, q->lo, q->hi);
  return buf;
}

const char *cli_strongest(const gr_arrangement *a) {
  int best = gr_arrangement_strongest(a);
  return best < 0 ? "none" : gr_table_name(GR_T_OBLIGATION_KIND, best);
}

size_t cli_guarantors(const gr_arrangement *a, char *buf, size_t n) {
  size_t count = gr_arrangement_guarantors(a, false, NULL, 0), k = 0;
  const char **g = calloc(count ? count : 1, sizeof *g);
  buf[0] = '\0';
  if (g == NULL) return count;
  gr_arrangement_guarantors(a, false, g, count);
  for (size_t i = 0; i < count; i++) {
    int w = snprintf(buf + k, n - k, "%s%s", k ? " " : "", g[i]);
    if (w > 0 && (size_t)w < n - k) k += (size_t)w;
  }
  free(g);
  return count;
}

const char *cli_case_id(const cli_case *c) { return c->sc ? c->sc->id : c->ev->id; }

char *cli_fmt_spread(const gr_spread *s, bool sign, char *buf, size_t n) {
  if (s->n == 0 || isnan(s->median)) snprintf(buf, n, "n/a");
  else if (sign) snprintf(buf, n, "%+.3f to %+.3f", s->lo, s->hi);
  else snprintf(buf, n, "%.3f to %.3f", s->lo, s->hi);
  return buf;
}

const char *cli_baseline_id(const gr_sim_result *r) { return r->baseline ? r->baseline->id : "none"; }

/* "fewer attacks than B" is B's P(attack) minus this one's: vs_ turned round. */
gr_difference cli_fewer(const gr_difference *vs) {
  /* 0 - x + 0.0: no negative zero, which would print as "-0.000". */
  return (gr_difference){0 - vs->estimate + 0.0, 0 - vs->hi + 0.0, 0 - vs->lo + 0.0};
}

static void vetoes_of(const gr_catalog *cat, const gr_arrangement *arr, const gr_facts *facts, gr_date as_of,
                      char *buf, size_t n) {
  gr_assessment *as = NULL;
  buf[0] = '\0';
  if (gr_assessment_new(cat, arr, facts, as_of, NULL, 0, &as, NULL) != GR_OK) return;
  size_t k = 0;
  for (size_t i = 0; i < as->nactors; i++)
    if (as->actors[i].verdict == GR_VERDICT_VETOES) {
      int w = snprintf(buf + k, n - k, "%s%s", k ? " " : "", as->actors[i].actor->id);
      if (w > 0 && (size_t)w < n - k) k += (size_t)w;
    }
  gr_assessment_free(as);
}


void cli_compare_fill(const gr_catalog *cat, const gr_arrangement *const *arrs, gr_sim_result *const *res,
                      gr_facts *const *facts, size_t n, cli_compare_row *rows) {
  for (size_t i = 0; i < n; i++) {
    rows[i].arr = arrs[i];
    rows[i].res = res[i];
    rows[i].nguarantors = cli_guarantors(arrs[i], rows[i].guarantors, sizeof rows[i].guarantors);
    vetoes_of(cat, arrs[i], facts ? facts[i] : NULL, res[i]->as_of, rows[i].vetoes, sizeof rows[i].vetoes);
  }
}

void cli_print_compare_table(FILE *fp, const cli_compare_row *rows, size_t n, const cli_case *cs) {
  const gr_sim_result *r0 = rows[0].res;
  fprintf(fp, "Arrangements against %s: %llu draws each on common random numbers, seed %llu, parameters %016llx%s\n\n",
          cli_case_id(cs), (unsigned long long)r0->draws, (unsigned long long)r0->seed, (unsigned long long)r0->params_hash,
          r0->partial ? "  [PARTIAL: interrupted]" : "");
  const char *base = r0->baseline ? r0->baseline->id : "no guarantee";
  if (r0->baseline) fprintf(fp, "Baseline: %s (differences are this arrangement against it)\n\n", base);
  char fh[96], sh[96];
  snprintf(fh, sizeof fh, "fewer attacks than %s", base);
  snprintf(sh, sizeof sh, "fewer successes than %s", base);
  int fw = (int)strlen(fh) > 25 ? (int)strlen(fh) : 25, sw = (int)strlen(sh) > 25 ? (int)strlen(sh) : 25;
  int aw = 19;
  for (size_t i = 0; i < n; i++)
    if ((int)strlen(rows[i].arr->id) > aw) aw = (int)strlen(rows[i].arr->id);
  fprintf(fp, "%-*s %-3s %-22s %-21s %-22s %-14s %-22s %-*s %-16s %-*s %-13s %-12s %-8s %s\n", aw, "arrangement", "#g",
          "strongest", "legal form", "P(attack) [95%]", "prior 80%", "P(succeeds) [95%]", fw, fh, "prior 80%", sw, sh,
          "help(d) [95%]", "troops", "$M/yr", "vetoed by");
  for (size_t i = 0; i < n; i++) {
    const gr_sim_result *r = rows[i].res;
    char d[48], h[48], f[64], g[64], t[24], p1[40], p2[40];
    if (isnan(r->help_median.value)) snprintf(t, sizeof t, "-");
    else cli_fmt_days(&r->help_median, t, sizeof t);
    gr_difference fa = cli_fewer(&r->vs_attack), fs = cli_fewer(&r->vs_succeeds);
    gr_spread dp = r->deterred_prior;
    /* P(attack | θ) = 1 - P(deterred | θ): its 80 % runs from 1 - p90 to 1 - p10. */
    gr_spread ap = {1 - dp.hi, 1 - dp.median, 1 - dp.lo, 1 - dp.mean, dp.n};
    bool self = r0->baseline == rows[i].arr;
    fprintf(fp, "%-*s %-3zu %-22s %-21s %-22s %-14s %-22s %-*s %-16s %-*s %-13s %-12.15g %-8.15g %s\n", aw,
            rows[i].arr->id, rows[i].nguarantors, cli_strongest(rows[i].arr),
            gr_table_name(GR_T_LEGAL_FORM, rows[i].arr->legal_form), cli_fmt_prop(&r->attack, d, sizeof d),
            cli_fmt_spread(&ap, false, p1, sizeof p1), cli_fmt_prop(&r->succeeds, h, sizeof h), fw,
            self ? "(baseline)" : cli_fmt_diff(&fa, f, sizeof f),
            self ? "" : cli_fmt_spread(&r->vs_deterred_prior, true, p2, sizeof p2), sw,
            self ? "(baseline)" : cli_fmt_diff(&fs, g, sizeof g), t, r->troops, r->money,
            rows[i].vetoes[0] ? rows[i].vetoes : "nobody");
  }
  fprintf(fp,
          "\n#g: guarantors; P(succeeds): an attack is made and succeeds, over all draws; fewer attacks\n"
          "than %s: its P(attack) minus this one's, paired on the same draws (common random\n"
          "numbers), so its interval is narrower than the two P(attack) intervals suggest: those are\n"
          "each arrangement's own and overstate the uncertainty of a difference. prior 80%%: the\n"
          "central 80%% of the quantity given the parameters, over the parameter draws (how much it\n"
          "hangs on the priors, which the 95%% intervals, sampling noise only, do not show). help(d):\n"
          "median days to first help if attacked, with its 95%% interval (none shown when the\n"
          "interval is a single day); troops and $M/yr: on offer (stated values only). Estimates of\n"
          "the model, not predictions: see docs/model.md.\n",
          base);
}


/* The progress bar's label of the next comparisons. */
static const char *progress_label = "simulating";

void cli_comparison_label(const char *what) { progress_label = what ? what : "simulating"; }

int cli_comparison_run(const char *cmd, const gr_catalog *cat, char *const *ids, size_t nids, const cli_case *cs,
                       gr_date as_of, char *const *facts, size_t nfacts, gr_sim_options *so, const char *baseline,
                       cli_comparison *c) {
  memset(c, 0, sizeof *c);
  so->baseline = -1;
  const gr_arrangement *bl = NULL;
  if (baseline && strcmp(baseline, "none") != 0 && (bl = cli_find(cat, GR_REC_ARRANGEMENT, baseline)) == NULL)
    return EXIT_USAGE;
  /* A baseline not among those named is run first, as the reference row. */
  bool extra = false;
  if (bl && nids) {
    extra = true;
    for (size_t i = 0; i < nids && extra; i++) extra = strcmp(ids[i], bl->id) != 0;
  }
  c->n = (nids ? nids : gr_catalog_count(cat, GR_REC_ARRANGEMENT)) + extra;
  c->rows = calloc(c->n ? c->n : 1, sizeof *c->rows);
  c->arrs = calloc(c->n ? c->n : 1, sizeof *c->arrs);
  c->res = calloc(c->n ? c->n : 1, sizeof *c->res);
  c->facts = calloc(c->n ? c->n : 1, sizeof *c->facts);
  if (c->rows == NULL || c->arrs == NULL || c->res == NULL || c->facts == NULL) return EXIT_FAIL;
  if (c->n == 0) {
    fprintf(stderr, "guarantor %s: no arrangement to simulate\n", cmd);
    return EXIT_USAGE;
  }
  for (size_t i = 0; i < c->n; i++) {
    size_t at = i - extra;
    c->arrs[i] = extra && i == 0 ? bl
                 : nids          ? cli_find(cat, GR_REC_ARRANGEMENT, ids[at])
                                 : gr_catalog_at(cat, GR_REC_ARRANGEMENT, at);
    if (c->arrs[i] == NULL) return EXIT_USAGE;
    if (c->arrs[i] == bl) so->baseline = (int)i;
    for (size_t j = 0; j < i; j++)
      if (c->arrs[j] == c->arrs[i])
        return cli_usage_error(cmd, "arrangement '%s' is given twice", c->arrs[i]->id);
    if ((c->facts[i] = cli_facts(cat, c->arrs[i], facts, nfacts, cmd)) == NULL) return EXIT_USAGE;
  }
  /* A fact set on the command line that no arrangement reads is a mistake
   * worth a word; one that some read is not, for the others. */
  const gr_table *ft = gr_table_get(GR_T_FACT);
  for (size_t k = 0; c->n > 0 && k < ft->count; k++) {
    if (gr_facts_origin(c->facts[0], (gr_fact)k) != GR_FACT_GIVEN) continue;
    bool read = false;
    for (size_t i = 0; i < c->n && !read; i++) read = gr_fact_is_read(cat, c->arrs[i], (gr_fact)k);
    if (!read && c->n == 1) cli_error(cmd, "warning: fact %s is read by nothing in %s", ft->terms[k].name, c->arrs[0]->id);
    else if (!read) cli_error(cmd, "warning: fact %s is read by nothing in the %zu arrangements", ft->terms[k].name, c->n);
  }
  gr_error err = GR_ERROR_INIT;
  if (gr_params_new(cat, &c->params, &err) != GR_OK) {
    cli_error(cmd, "%s", err.message);
    gr_error_clear(&err);
    return EXIT_USAGE;
  }
  cli_progress prog;
  cli_progress_start(&prog, progress_label);
  cli_catch_sigint();
  so->progress = cli_progress_update;
  so->progress_ctx = &prog;
  so->cancel = cli_cancelled;
  cli_ranks_options(so);
  const gr_facts *const *fs = (const gr_facts *const *)c->facts;
  gr_status st = cs->sc ? gr_simulate_scenario(cat, c->params, c->arrs, c->n, cs->sc, fs, as_of, so, c->res, &err)
                        : gr_simulate(cat, c->params, c->arrs, c->n, cs->ev, fs, as_of, so, c->res, &err);
  cli_progress_end(&prog);
  so->progress = NULL;
  so->progress_ctx = NULL;
  if (st != GR_OK) {
    cli_error(cmd, "%s", err.message);
    gr_error_clear(&err);
    return st == GR_E_NOMEM ? EXIT_FAIL : EXIT_USAGE;
  }
  cli_compare_fill(cat, c->arrs, c->res, c->facts, c->n, c->rows);
  return EXIT_OK;
}

void cli_comparison_free(cli_comparison *c) {
  for (size_t i = 0; c->res && i < c->n; i++) gr_sim_result_free(c->res[i]);
  free(c->res);
  for (size_t i = 0; c->facts && i < c->n; i++) gr_facts_free(c->facts[i]);
  free(c->facts);
  free(c->rows);
  free(c->arrs);
  gr_params_free(c->params);
  memset(c, 0, sizeof *c);
}
