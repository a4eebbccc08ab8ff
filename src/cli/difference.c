/*
 * Differences, not only levels: the Sobol indices of
 * D(θ) = P_A(deterred | θ) - P_B(deterred | θ) and the PRIM boxes where
 * the ordering of A and B flips, as text and as JSON (docs/discovery.md).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "difference.h"

int cli_difference_run(const char *cmd, const gr_catalog *cat, const gr_params *params, const gr_arrangement *a,
                       const gr_arrangement *b, const cli_case *cs, const gr_facts *facts_a,
                       const gr_facts *facts_b, gr_date as_of, const gr_sim_options *so,
                       const gr_discovery_options *dopts, uint64_t samples, cli_difference *out) {
  memset(out, 0, sizeof *out);
  gr_error err = GR_ERROR_INIT;
  gr_status st = gr_sensitivity_difference_new(cat, params, a, b, cs->sc, cs->sc ? NULL : cs->ev, facts_a, facts_b,
                                                as_of, samples, so, &out->sens, &err);
  if (st == GR_OK)
    st = gr_discovery_new(cat, params, a, b, cs->sc, cs->sc ? NULL : cs->ev, facts_a, facts_b, as_of, so, dopts,
                          &out->disc, &err);
  if (st != GR_OK) {
    cli_error(cmd, "%s", err.message);
    gr_error_clear(&err);
    cli_difference_free(out);
    return st == GR_E_NOMEM ? EXIT_FAIL : EXIT_USAGE;
  }
  gr_error_clear(&err);
  return EXIT_OK;
}

void cli_difference_free(cli_difference *d) {
  gr_sensitivity_free(d->sens);
  gr_discovery_free(d->disc);
  memset(d, 0, sizeof *d);
}

/* A share as a whole percentage: "23 %", "<1 %" for a small non-zero one. */
static const char *pct(double x, char *buf, size_t n) {
  if (isnan(x)) snprintf(buf, n, "n/a");
  else if (x > 0 && x < 0.005) snprintf(buf, n, "<1 %%");
  else snprintf(buf, n, "%.0f %%", 100 * x);
  return buf;
}

/* A box's restrictions as "honour_base < 0.31 and 0.8 < decision_noise < 1.2". */
static void print_conditions(FILE *fp, const gr_discovery_box *b) {
  for (size_t i = 0; i < b->nbounds; i++) {
    const gr_discovery_bound *x = &b->bounds[i];
    fputs(i == 0 ? "" : i + 1 == b->nbounds ? " and " : ", ", fp);
    if (x->has_lo && x->has_hi) fprintf(fp, "%.3g < %s < %.3g", x->lo, x->parameter->id, x->hi);
    else if (x->has_lo) fprintf(fp, "%s > %.3g", x->parameter->id, x->lo);
    else fprintf(fp, "%s < %.3g", x->parameter->id, x->hi);
  }
}

static void print_sensitivity(FILE *fp, const gr_sensitivity *s) {
  char a[64], b[64];
  fprintf(fp, "Which assumptions decide whether %s beats %s\n", s->arrangement->id, s->versus->id);
  fprintf(fp,
          "  Sobol indices of D = P(deterred | parameters) of %s minus that of %s, both on the\n"
          "  same parameters: %llu base samples, %zu uncertain parameters (mean of D %+.3f, variance %.4f)%s\n",
          s->arrangement->id, s->versus->id, (unsigned long long)s->base_samples, s->n, s->mean, s->variance,
          s->partial ? "  [PARTIAL: interrupted]" : "");
  if (s->n == 0 || !(s->variance > 0)) {
    fputs("  D does not vary with the uncertain parameters: no assumption decides the ordering.\n", fp);
    return;
  }
  fprintf(fp, "  %-28s %-22s %-22s\n", "parameter", "total order [95%]", "first order [95%]");
  for (size_t i = 0; i < s->n; i++) {
    const gr_sobol_index *x = &s->items[i].index;
    snprintf(a, sizeof a, "%.3f [%.3f, %.3f]", x->total, x->total_lo, x->total_hi);
    snprintf(b, sizeof b, "%.3f [%.3f, %.3f]", x->first, x->first_lo, x->first_hi);
    fprintf(fp, "  %-28s %-22s %-22s\n", s->items[i].parameter->id, a, b);
  }
}

static void print_discovery(FILE *fp, const gr_discovery *d) {
  char p1[16], p2[16], p3[16], p4[16];
  const char *aid = d->a->id, *bid = d->b->id;
  fprintf(fp, "Where the ordering flips (PRIM on %llu parameter draws, seed %llu)\n", (unsigned long long)d->draws,
          (unsigned long long)d->seed);
  fprintf(fp, "  %s deters more than %s", aid, bid);
  if (d->threshold != 0) fprintf(fp, " by more than %g", d->threshold);
  fprintf(fp, " in %s of the prior's draws (95%% interval %s to %s);", pct(d->a_beats_b.estimate, p1, sizeof p1),
          pct(d->a_beats_b.lo, p2, sizeof p2), pct(d->a_beats_b.hi, p3, sizeof p3));
  fprintf(fp, " D's central 80%% runs from %+.3f to %+.3f.\n", d->difference.lo, d->difference.hi);
  /* The flip, in words. */
  char flip[160];
  if (d->flip_is_b) snprintf(flip, sizeof flip, "%s at least as good", bid);
  else snprintf(flip, sizeof flip, "%s ahead", aid);
  if (d->nboxes == 0) {
    fprintf(fp, "  No box: %s.\n", d->reason[0] ? d->reason : "the flips are too few to search among");
    return;
  }
  for (size_t i = 0; i < d->nboxes; i++) {
    const gr_discovery_box *b = &d->boxes[i];
    if (!b->accepted) {
      fprintf(fp, "  %s: %s.\n", i == 0 ? "No box is reported" : "No further box", b->reason);
      continue;
    }
    fprintf(fp, "  %s (%s) when ", i == 0 ? "The ordering flips" : "It also flips", flip);
    print_conditions(fp, b);
    fprintf(fp,
            ": %s of the flips are in this box (coverage), %s of the draws in it flip (density), %s of all draws "
            "(mass); base rate %s in the draws searched, one-sided binomial p = %.2g; all on draws the search did "
            "not see.\n",
            pct(b->coverage, p1, sizeof p1), pct(b->density, p2, sizeof p2), pct(b->mass, p3, sizeof p3),
            pct(b->base_rate, p4, sizeof p4), b->p_value);
  }
}

void cli_difference_print_text(FILE *fp, const cli_difference *d) {
  if (d->sens) print_sensitivity(fp, d->sens);
  if (d->sens && d->disc) fputc('\n', fp);
  if (d->disc) print_discovery(fp, d->disc);
  fputs("\nThe boxes are regions of the priors, not forecasts; the figures are measured on the half of\n"
        "the draws the search did not use: see docs/discovery.md.\n",
        fp);
}

void cli_difference_json(gr_json *w, const cli_difference *d) {
  gr_json_begin_object(w);
  gr_json_key(w, "sensitivity");
  if (d->sens) gr_json_sensitivity(w, d->sens);
  else gr_json_null(w);
  gr_json_key(w, "discovery");
  if (d->disc) gr_json_discovery(w, d->disc);
  else gr_json_null(w);
  gr_json_end_object(w);
}

int cli_difference_print_json(FILE *fp, const cli_difference *d) {
  gr_json *w = gr_json_new(0);
  cli_difference_json(w, d);
  return cli_print_json(fp, w);
}
