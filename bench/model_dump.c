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

char *bench_model_json(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *arr, const gr_event *ev,
                         const gr_facts *facts, gr_date as_of) {
  gr__carr c;
  if (gr__compile(cat, arr, NULL, ev, facts, as_of, &c, NULL) != GR_OK) return NULL;
  gr__carr_delays(&c, ps);
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  if (fp == NULL) {
    free(c.obs);
    return NULL;
  }
  fprintf(fp, "{\"arrangement\": \"%s\", \"event\": \"%s\", ", arr->id, ev->id);
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
  free(c.obs);
  return buf;
}

uint64_t bench_floor(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *arr, const gr_event *ev,
                       uint64_t draws, uint64_t seed, double attack_share, double *blocks_per_draw) {
  gr__carr c;
  if (gr__compile(cat, arr, NULL, ev, NULL, 0, &c, NULL) != GR_OK) return 0;
  /* What one draw consumes: the Philox blocks of its parameter stream
   * (counted over a sample of draws: the samplers' rejection steps vary),
   * and, when the aggressor attacks, one block per acting obligation and
   * one for the battle. */
  uint64_t theta_blocks = 0, sample = draws < 10000 ? draws : 10000, acting = 0, sink = 0;
  double th[GR__P_COUNT];
  for (uint64_t i = 0; i < sample; i++) {
    gr__stream s;
    gr__stream_init(&s, seed, i, GR__STREAM_PARAM(0));
    for (int j = 0; j < GR__P_FIRST_DELAY; j++)
      th[j] = ps->p[j]->distribution == GR_DIST_FIXED ? 0 : gr__param_draw(ps->p[j], &s);
    theta_blocks += s.ctr.v[3];
    sink += (uint64_t)th[0];
  }
  for (size_t i = 0; i < c.nobs; i++) acting += c.obs[i].acting;
  double per = (double)theta_blocks / (double)(sample ? sample : 1) + attack_share * (double)(acting + 1);
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
  free(c.obs);
  return sink;
}
