/*
 * Benchmark-only code, built into gr_bench and nowhere else: the compiled
 * model of an arrangement as JSON (for the NumPy peer to implement), and
 * the random-number floor of a draw. It reads the Monte Carlo's internals
 * (src/lib/mc/mc.h), so gr_bench links the static library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/model_dump.h"
#include "mc/mc.h"
#include "mc/dist.h"


static void jnum(FILE *fp, const char *key, double v, int last) {
  fprintf(fp, "\"%s\": %.17g%s", key, v, last ? "" : ", ");
}

char *bench_model_json(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *arr, const gr_scenario *sc,
                       const gr_event *ev, const gr_facts *facts, gr_date as_of) {
  gr__carr c;
  if (gr__compile(cat, arr, sc, ev, facts, as_of, &c, NULL) != GR_OK) return NULL;
  gr__carr_delays(&c, ps);
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  if (fp == NULL) {
    gr__carr_free(&c);
    return NULL;
  }
  /* "event": the attack the model weighs (a scenario's first attack on
   * the protected state). */
  fprintf(fp, "{\"arrangement\": \"%s\", \"scenario\": ", arr->id);
  if (sc) fprintf(fp, "\"%s\"", sc->id);
  else fputs("null", fp);
  fprintf(fp, ", \"event\": \"%s\", ", c.event ? c.event->id : "?");
  jnum(fp, "aggressor_personnel", c.aggressor, 0);
  jnum(fp, "protected_personnel", c.protected_, 0);
  jnum(fp, "protected_uncapped", c.protected_uncapped, 0);
  fprintf(fp, "\"threat\": \"%s\", \"available\": [", gr_attack_option_name(c.threat));
  for (int o = 0, k = 0; o < GR_OPTION__COUNT; o++)
    if (c.available >> o & 1u) fprintf(fp, "%s\"%s\"", k++ ? ", " : "", gr_attack_option_name(o));
  fprintf(fp, "], \"post1945\": %s, \"guarantors\": %zu,\n\"params\": [\n", c.post1945 ? "true" : "false", c.ng);
  for (int j = 0; j < GR__P_COUNT; j++) {
    const gr_parameter *p = ps->p[j];
    fprintf(fp, "  {\"id\": \"%s\", \"distribution\": \"%s\", ", gr__param_specs[j].id,
            gr_table_name(GR_T_DISTRIBUTION, p->distribution));
    jnum(fp, "value", p->value, 0);
    jnum(fp, "a", p->a, 0);
    jnum(fp, "b", p->b, 0);
    jnum(fp, "mean", p->mean, 0);
    jnum(fp, "sd", p->sd, 0);
    jnum(fp, "mu", p->mu, 0);
    jnum(fp, "sigma", p->sigma, 0);
    jnum(fp, "min", p->min, 0);
    jnum(fp, "mode", p->mode, 0);
    jnum(fp, "max", p->max, 1);
    fprintf(fp, "}%s\n", j + 1 < GR__P_COUNT ? "," : "");
  }
  fputs("],\n\"obligations\": [\n", fp);
  for (size_t i = 0; i < c.nobs; i++) {
    const gr__cob *b = &c.obs[i];
    fprintf(fp, "  {\"index\": %zu, \"kind\": \"%s\", \"activation\": \"%s\", \"legal_form\": \"%s\", "
                "\"commitment\": \"%s\", \"guarantor\": %d, \"acting\": %s, \"tripwire\": %s, \"approval\": %s, "
                "\"nuclear\": %s, \"engaged\": %s, \"standing\": %s, \"said\": %d, \"guarantor_nuclear\": %s, "
                "\"deadline\": %d, \"stream\": %u, \"slot\": %d, \"acts\": [",
            b->index, gr_table_name(GR_T_OBLIGATION_KIND, b->kind), gr_table_name(GR_T_ACTIVATION, b->activation),
            gr_table_name(GR_T_LEGAL_FORM, b->form), gr_table_name(GR_T_COMMITMENT, b->commitment), b->g,
            b->acting ? "true" : "false", b->tripwire ? "true" : "false", b->approval ? "true" : "false",
            b->nuclear ? "true" : "false", b->engaged ? "true" : "false", b->standing ? "true" : "false", b->said,
            b->g_nuclear ? "true" : "false", b->deadline, (unsigned)b->stream, b->slot);
    for (int o = 0, k = 0; o < GR_OPTION__COUNT; o++)
      if (b->acts[o]) fprintf(fp, "%s\"%s\"", k++ ? ", " : "", gr_attack_option_name(o));
    fputs("], ", fp);
    jnum(fp, "mean_delay", b->mean_delay, 0);
    jnum(fp, "troops", b->troops, 0);
    jnum(fp, "value", b->value, 0);
    jnum(fp, "guarantor_personnel", b->g_personnel, 0);
    jnum(fp, "weight", b->weight, 1);
    fprintf(fp, "}%s\n", i + 1 < c.nobs ? "," : "");
  }
  fputs("]}\n", fp);
  fclose(fp);
  gr__carr_free(&c);
  return buf;
}

uint64_t bench_floor(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *arr, const gr_scenario *sc,
                     const gr_event *ev, uint64_t draws, uint64_t seed, double base_share, const double *option_share,
                     double *blocks_per_draw) {
  gr__carr c;
  if (gr__compile(cat, arr, sc, ev, NULL, 0, &c, NULL) != GR_OK) return 0;
  /* What one draw of run.c consumes: the Philox blocks of its parameter
   * stream (counted over a sample of draws: the samplers' rejection steps
   * vary) and one of its decision error; when the case with no guarantee
   * is attacked, one block of the battle stream; when the aggressor takes
   * option o against the arrangement, one block per obligation acting on
   * o that is not already delivered (its honour and its arrival delays,
   * at most three numbers of one block) and one more of the battle
   * stream, which the engine generates again. */
  uint64_t theta_blocks = 0, sample = draws < 10000 ? draws : 10000, sink = 0;
  double th[GR__P_COUNT];
  for (uint64_t i = 0; i < sample; i++) {
    gr__stream s;
    gr__stream_init(&s, seed, i, GR__STREAM_PARAM(0));
    for (int j = 0; j < GR__P_FIRST_DELAY; j++)
      th[j] = ps->p[j]->distribution == GR_DIST_FIXED ? 0 : gr__param_draw(ps->p[j], &s);
    theta_blocks += s.ctr.v[3];
    sink += (uint64_t)th[0];
  }
  double per = (double)theta_blocks / (double)(sample ? sample : 1) + 1 + base_share;
  for (int o = 0; o < GR_OPTION__COUNT; o++) {
    size_t acting = 0;
    for (size_t i = 0; i < c.nobs; i++) acting += c.obs[i].acts[o] && !c.obs[i].standing;
    per += option_share[o] * (double)(acting + 1);
  }
  if (blocks_per_draw) *blocks_per_draw = per;
  uint64_t whole = (uint64_t)per, frac = (uint64_t)((per - (double)whole) * 1024);
  for (uint64_t i = 0; i < draws; i++) {
    uint64_t blocks = whole + ((i * 1024 / (draws ? draws : 1)) % 1024 < frac);
    for (uint64_t b = 0; b < blocks; b++) {
      gr__stream s;
      gr__stream_init(&s, seed, i, (uint32_t)b);
      sink += gr__u32(&s) ^ gr__u32(&s) ^ gr__u32(&s) ^ gr__u32(&s);
    }
  }
  gr__carr_free(&c);
  return sink;
}

int bench_weigh_json(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *arr, const gr_scenario *sc,
                     const gr_event *ev, uint64_t draws, uint64_t seed, FILE *out) {
  gr__carr c, bare;
  if (gr__compile(cat, arr, sc, ev, NULL, 0, &c, NULL) != GR_OK) return -1;
  gr__carr_delays(&c, ps);
  gr__carr_bare(&c, &bare);
  gr__work work;
  if (gr__work_init(&work, c.nobs, c.ng) != 0) {
    gr__work_free(&work);
    gr__carr_free(&c);
    return -1;
  }
  fputs("{\"params\": [", out);
  for (int j = 0; j < GR__P_COUNT; j++) fprintf(out, "%s\"%s\"", j ? ", " : "", gr__param_specs[j].id);
  fputs("],\n\"draws\": [\n", out);
  double th[GR__P_COUNT];
  gr__weighing w;
  for (uint64_t i = 0; i < draws; i++) {
    gr__sample_theta(ps, seed, i, th);
    double eps = gr__sample_choice(seed, i);
    fputs("  {\"theta\": [", out);
    for (int j = 0; j < GR__P_COUNT; j++) fprintf(out, "%s%.17g", j ? ", " : "", th[j]);
    fprintf(out, "], \"eps\": %.17g", eps);
    const gr__carr *both[2] = {&bare, &c};
    const char *names[2] = {"bare", "case"};
    for (int k = 0; k < 2; k++) {
      gr__weigh(both[k], th, &work, &w);
      fprintf(out, ", \"%s\": {", names[k]);
      for (int o = 0, n = 0; o < GR_OPTION__COUNT; o++)
        if (c.available >> o & 1u)
          fprintf(out, "%s\"%s\": %.17g", n++ ? ", " : "", gr_attack_option_name(o), w.value[o]);
      int chosen = gr__choose(both[k], &w, th, eps);
      fprintf(out, "}, \"%s_choice\": \"%s\"", names[k], chosen < 0 ? "none" : gr_attack_option_name(chosen));
    }
    fprintf(out, "}%s\n", i + 1 < draws ? "," : "");
  }
  fputs("]}\n", out);
  gr__work_free(&work);
  gr__carr_free(&c);
  return 0;
}
