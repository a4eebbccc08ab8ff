/*
 * Simulation results and sensitivity analyses as JSON.
 */
#include <stdint.h>
#include <stdio.h>

#include "mc/mc.h"

/* "estimate", "lo", "hi": the common part of a proportion and a difference. */
static void json_estimate(gr_json *w, double estimate, double lo, double hi) {
  gr_json_key(w, "estimate");
  gr_json_number(w, estimate);
  gr_json_key(w, "lo");
  gr_json_number(w, lo);
  gr_json_key(w, "hi");
  gr_json_number(w, hi);
}

static void json_prop(gr_json *w, const gr_proportion *p) {
  gr_json_begin_object(w);
  json_estimate(w, p->estimate, p->lo, p->hi);
  gr_json_key(w, "k");
  gr_json_uint(w, p->k);
  gr_json_key(w, "n");
  gr_json_uint(w, p->n);
  gr_json_end_object(w);
}

static void json_difference(gr_json *w, const gr_difference *d) {
  gr_json_begin_object(w);
  json_estimate(w, d->estimate, d->lo, d->hi);
  gr_json_end_object(w);
}

static void json_quantile(gr_json *w, const gr_quantile *q) {
  gr_json_begin_object(w);
  gr_json_key(w, "q");
  gr_json_number(w, q->q);
  gr_json_key(w, "days");
  gr_json_number(w, q->value);
  gr_json_key(w, "lo");
  gr_json_number(w, q->lo);
  gr_json_key(w, "hi");
  gr_json_number(w, q->hi);
  gr_json_end_object(w);
}

static void json_spread(gr_json *w, const gr_spread *s) {
  gr_json_begin_object(w);
  gr_json_key(w, "p10");
  gr_json_number(w, s->lo);
  gr_json_key(w, "median");
  gr_json_number(w, s->median);
  gr_json_key(w, "p90");
  gr_json_number(w, s->hi);
  gr_json_key(w, "mean");
  gr_json_number(w, s->mean);
  gr_json_key(w, "parameter_draws");
  gr_json_uint(w, s->n);
  gr_json_end_object(w);
}

void gr__json_proportion(gr_json *w, const gr_proportion *p) { json_prop(w, p); }
void gr__json_spread(gr_json *w, const gr_spread *s) { json_spread(w, s); }

void gr_json_sim_result(gr_json *w, const gr_sim_result *r) {
  char hash[20];
  snprintf(hash, sizeof hash, "%016llx", (unsigned long long)r->params_hash);
  gr_json_begin_object(w);
  gr_json_key(w, "arrangement");
  gr_json_string(w, r->arrangement->id);
  gr_json_key(w, "event");
  gr_json_string(w, r->event->id);
  gr_json_key(w, "scenario");
  gr_json_string(w, r->scenario ? r->scenario->id : NULL);
  gr_json_key(w, "as_of");
  gr_json_date(w, r->as_of);
  gr_json_key(w, "draws");
  gr_json_uint(w, r->draws);
  gr_json_key(w, "seed");
  gr_json_uint(w, r->seed);
  gr_json_key(w, "threads");
  gr_json_int(w, r->threads);
  gr_json_key(w, "params_hash");
  gr_json_string(w, hash);
  gr_json_key(w, "partial");
  gr_json_bool(w, r->partial);
  gr_json_key(w, "threat");
  gr_json_string(w, gr_attack_option_name(r->threat));
  gr_json_key(w, "attack");
  json_prop(w, &r->attack);
  gr_json_key(w, "attack_succeeds");
  json_prop(w, &r->succeeds);
  gr_json_key(w, "no_guarantee");
  gr_json_begin_object(w);
  gr_json_key(w, "attack");
  json_prop(w, &r->base_attack);
  gr_json_key(w, "attack_succeeds");
  json_prop(w, &r->base_succeeds);
  gr_json_end_object(w);
  gr_json_key(w, "fewer_attacks");
  json_difference(w, &r->fewer_attacks);
  gr_json_key(w, "fewer_successes");
  json_difference(w, &r->fewer_successes);
  gr_json_key(w, "prior_spread");
  gr_json_begin_object(w);
  gr_json_key(w, "deterred");
  json_spread(w, &r->deterred_prior);
  gr_json_key(w, "fewer_attacks");
  json_spread(w, &r->fewer_attacks_prior);
  gr_json_end_object(w);
  gr_json_key(w, "vs_baseline");
  gr_json_begin_object(w);
  gr_json_key(w, "baseline");
  gr_json_string(w, r->baseline ? r->baseline->id : "none");
  gr_json_key(w, "attack");
  json_difference(w, &r->vs_attack);
  gr_json_key(w, "attack_succeeds");
  json_difference(w, &r->vs_succeeds);
  gr_json_key(w, "deterred_prior_spread");
  json_spread(w, &r->vs_deterred_prior);
  gr_json_end_object(w);
  gr_json_key(w, "options");
  gr_json_begin_array(w);
  for (int o = 0; o < GR_OPTION__COUNT; o++) {
    if (!(r->available >> o & 1u)) continue;
    gr_json_begin_object(w);
    gr_json_key(w, "option");
    gr_json_string(w, gr_attack_option_name(o));
    gr_json_key(w, "chosen");
    json_prop(w, &r->chosen[o]);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  gr_json_key(w, "deterred");
  json_prop(w, &r->deterred);
  gr_json_key(w, "holds_given_attack");
  json_prop(w, &r->holds);
  gr_json_key(w, "no_help_given_attack");
  json_prop(w, &r->no_help);
  gr_json_key(w, "first_help_days");
  gr_json_begin_array(w);
  json_quantile(w, &r->help_median);
  json_quantile(w, &r->help_p90);
  gr_json_end_array(w);
  gr_json_key(w, "troops");
  gr_json_number(w, r->troops);
  gr_json_key(w, "money_musd_per_year");
  gr_json_number(w, r->money);
  gr_json_key(w, "guarantors");
  gr_json_begin_array(w);
  for (size_t g = 0; g < r->nguarantors; g++) {
    gr_json_begin_object(w);
    gr_json_key(w, "guarantor");
    gr_json_string(w, r->guarantors[g].guarantor);
    gr_json_key(w, "honours_any");
    json_prop(w, &r->guarantors[g].honours_any);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  gr_json_key(w, "obligations");
  gr_json_begin_array(w);
  for (size_t i = 0; i < r->nobligations; i++) {
    const gr_sim_obligation *o = &r->obligations[i];
    gr_json_begin_object(w);
    /* "obligation" is its index from 0 (as in the arrays of the library's
     * structs); "number" counts from 1, as 'guarantor show' and the CSV
     * outputs number obligations. */
    gr_json_key(w, "obligation");
    gr_json_int(w, (int64_t)o->index);
    gr_json_key(w, "number");
    gr_json_int(w, (int64_t)o->index + 1);
    gr_json_key(w, "guarantor");
    gr_json_string(w, o->obligation->guarantor);
    gr_json_key(w, "kind");
    gr_json_string(w, gr_table_name(GR_T_OBLIGATION_KIND, o->obligation->kind));
    gr_json_key(w, "acting");
    gr_json_bool(w, o->acting);
    gr_json_key(w, "honoured");
    if (o->honoured.n) json_prop(w, &o->honoured);
    else gr_json_null(w);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  gr_json_end_object(w);
}


void gr_json_sensitivity(gr_json *w, const gr_sensitivity *sens) {
  gr_json_begin_object(w);
  if (sens->versus) { /* A difference: what is compared (absent before issue 13, kept so). */
    gr_json_key(w, "of");
    gr_json_string(w, "difference");
    gr_json_key(w, "arrangement");
    gr_json_string(w, sens->arrangement->id);
    gr_json_key(w, "versus");
    gr_json_string(w, sens->versus->id);
  }
  gr_json_key(w, "partial");
  gr_json_bool(w, sens->partial);
  gr_json_key(w, "base_samples");
  gr_json_uint(w, sens->base_samples);
  gr_json_key(w, "mean");
  gr_json_number(w, sens->mean);
  gr_json_key(w, "variance");
  gr_json_number(w, sens->variance);
  gr_json_key(w, "indices");
  gr_json_begin_array(w);
  for (size_t i = 0; i < sens->n; i++) {
    const gr_sobol_index *x = &sens->items[i].index;
    gr_json_begin_object(w);
    gr_json_key(w, "parameter");
    gr_json_string(w, sens->items[i].parameter->id);
    gr_json_key(w, "total");
    gr_json_number(w, x->total);
    gr_json_key(w, "total_lo");
    gr_json_number(w, x->total_lo);
    gr_json_key(w, "total_hi");
    gr_json_number(w, x->total_hi);
    gr_json_key(w, "first");
    gr_json_number(w, x->first);
    gr_json_key(w, "first_lo");
    gr_json_number(w, x->first_lo);
    gr_json_key(w, "first_hi");
    gr_json_number(w, x->first_hi);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  gr_json_end_object(w);
}

char *gr_sim_result_to_json(const gr_sim_result *r, unsigned flags) {
  if (r == NULL) return NULL;
  gr_json *w = gr_json_new(flags);
  if (w == NULL) return NULL;
  gr_json_sim_result(w, r);
  return gr_json_finish(w);
}

char *gr_sensitivity_to_json(const gr_sensitivity *s, unsigned flags) {
  if (s == NULL) return NULL;
  gr_json *w = gr_json_new(flags);
  if (w == NULL) return NULL;
  gr_json_sensitivity(w, s);
  return gr_json_finish(w);
}
