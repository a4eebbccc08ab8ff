/*
 * The engines' results as JSON: facts, timelines, assessments. The program
 * prints these for --json, the report embeds them, embedders get them
 * from gr_*_to_json().
 */
#include <stdbool.h>
#include <stdint.h>

#include "engine/engine.h"
#include "guarantor/assess.h"
#include "guarantor/trigger.h"

void gr_json_facts(gr_json *w, const gr_facts *f) {
  const gr_table *t = gr_table_get(GR_T_FACT);
  gr_json_begin_object(w);
  for (size_t i = 0; i < t->count; i++) {
    gr_json_key(w, t->terms[i].name);
    gr_json_begin_object(w);
    gr_json_key(w, "value");
    gr_json_bool(w, f->value[i]);
    gr_json_key(w, "origin");
    gr_json_string(w, gr_fact_origin_name(f->origin[i]));
    gr_json_key(w, "why");
    gr_json_string(w, f->why[i]);
    gr_json_end_object(w);
  }
  gr_json_end_object(w);
}


void gr_json_timeline(gr_json *w, const gr_timeline *tl) {
  gr_json_begin_object(w);
  gr_json_key(w, "arrangement");
  gr_json_string(w, tl->arrangement->id);
  gr_json_key(w, "scenario");
  gr_json_string(w, tl->scenario ? tl->scenario->id : NULL);
  gr_json_key(w, "event");
  gr_json_string(w, tl->event ? tl->event->id : NULL);
  gr_json_key(w, "as_of");
  gr_json_date(w, tl->as_of);
  gr_json_key(w, "as_of_from");
  gr_json_string(w, tl->date_from);
  gr_json_key(w, "steps");
  gr_json_begin_array(w);
  for (size_t i = 0; i < tl->nsteps; i++) {
    gr_json_begin_object(w);
    gr_json_key(w, "day");
    gr_json_int(w, tl->steps[i].day);
    gr_json_key(w, "event");
    gr_json_string(w, tl->steps[i].event->id);
    gr_json_key(w, "role");
    gr_json_string(w, gr_step_role_name(tl->steps[i].role));
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  gr_json_key(w, "note");
  gr_json_string(w, tl->note);
  gr_json_key(w, "tripwires");
  gr_json_begin_array(w);
  for (size_t i = 0; i < tl->ntripwires; i++) {
    gr_json_begin_object(w);
    gr_json_key(w, "guarantor");
    gr_json_string(w, tl->tripwires[i].guarantor);
    gr_json_key(w, "region");
    gr_json_string(w, tl->tripwires[i].region);
    gr_json_key(w, "troops");
    gr_json_number(w, tl->tripwires[i].troops);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  gr_json_key(w, "timeline");
  gr_json_begin_array(w);
  size_t counts[GR_OUT__COUNT] = {0};
  for (size_t i = 0; i < tl->n; i++) {
    const gr_timeline_entry *a = &tl->items[i];
    const gr_obligation *o = a->obligation;
    counts[a->outcome]++;
    gr_json_begin_object(w);
    /* "obligation" is its index from 0 (as in the arrays of the library's
     * structs); "number" counts from 1, as 'guarantor show' and the CSV
     * outputs number obligations. */
    gr_json_key(w, "obligation");
    gr_json_int(w, (int64_t)a->index);
    gr_json_key(w, "number");
    gr_json_int(w, (int64_t)a->index + 1);
    gr_json_key(w, "guarantor");
    gr_json_string(w, o->guarantor);
    gr_json_key(w, "kind");
    gr_json_string(w, gr_table_name(GR_T_OBLIGATION_KIND, o->kind));
    gr_json_key(w, "commitment");
    gr_json_string(w, gr_table_name(GR_T_COMMITMENT, o->commitment));
    gr_json_key(w, "outcome");
    gr_json_string(w, gr_outcome_name(a->outcome));
    gr_json_key(w, "day_from");
    if (a->day_from < 0) gr_json_null(w);
    else gr_json_int(w, a->day_from);
    gr_json_key(w, "day_to");
    if (a->day_to < 0) gr_json_null(w);
    else gr_json_int(w, a->day_to);
    gr_json_key(w, "tripwire");
    gr_json_bool(w, a->tripwire);
    gr_json_key(w, "rule");
    gr_json_string(w, a->rule);
    gr_json_key(w, "condition");
    gr_json_string(w, a->fact >= 0 ? gr_table_name(GR_T_FACT, a->fact) : NULL);
    gr_json_key(w, "blocker");
    gr_json_string(w, a->blocker);
    gr_json_key(w, "reason");
    gr_json_string(w, a->reason);
    gr_json_key(w, "sources");
    gr_json_sources(w, &o->sources);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  gr_json_key(w, "summary");
  gr_json_begin_object(w);
  for (int k = 0; k < GR_OUT__COUNT; k++) {
    gr_json_key(w, gr_outcome_name((gr_outcome)k));
    gr_json_int(w, (int64_t)counts[k]);
  }
  gr_json_end_object(w);
  gr_json_key(w, "facts");
  gr_json_facts(w, tl->facts);
  gr_json_end_object(w);
}


/* The actors with verdict v, or (lacks) those that object or veto. */
static void json_ids(gr_json *w, const gr_assessment *as, int v, bool lacks) {
  gr_json_begin_array(w);
  for (size_t i = 0; i < as->nactors; i++) {
    gr_verdict x = as->actors[i].verdict;
    if (lacks ? x == GR_VERDICT_OBJECTS || x == GR_VERDICT_VETOES : x == (gr_verdict)v)
      gr_json_string(w, as->actors[i].actor->id);
  }
  gr_json_end_array(w);
}

/* A party entry as {"role", "date", "source"}, or null. */
static void json_party(gr_json *w, const gr_party *party) {
  if (party == NULL) {
    gr_json_null(w);
    return;
  }
  gr_json_begin_object(w);
  gr_json_key(w, "role");
  gr_json_string(w, gr_table_name(GR_T_PARTY_ROLE, party->role));
  gr_json_key(w, "date");
  gr_json_date(w, party->date);
  gr_json_key(w, "source");
  gr_json_source(w, &party->source);
  gr_json_end_object(w);
}

/* One rule result. A party's rule has no position: its position, rule,
 * topic, confidence and summary are null, its date and source those of
 * its part in the arrangement. */
static void json_rule(gr_json *w, const gr_rule_result *r) {
  const gr_position *p = r->position;
  gr_json_begin_object(w);
  gr_json_key(w, "position");
  gr_json_string(w, p ? p->id : NULL);
  gr_json_key(w, "rule");
  gr_json_string(w, p ? gr_table_name(GR_T_RULE, p->rule) : NULL);
  gr_json_key(w, "state");
  gr_json_string(w, gr_rule_state_name(r->state));
  gr_json_key(w, "topic");
  gr_json_string(w, p ? p->topic : NULL);
  gr_json_key(w, "date");
  gr_json_date(w, p ? p->date : r->party ? r->party->date : 0);
  gr_json_key(w, "date_inferred");
  gr_json_bool(w, p && p->date_inferred);
  gr_json_key(w, "confidence");
  gr_json_string(w, p ? gr_table_name(GR_T_CONFIDENCE, p->confidence) : NULL);
  gr_json_key(w, "summary");
  gr_json_string(w, p ? p->summary : NULL);
  gr_json_key(w, "reason");
  gr_json_string(w, r->reason);
  gr_json_key(w, "unless");
  gr_json_string(w, r->unless_fact >= 0 ? gr_table_name(GR_T_FACT, r->unless_fact) : NULL);
  gr_json_key(w, "matched");
  if (r->matched) {
    gr_json_begin_object(w);
    gr_json_key(w, "guarantor");
    gr_json_string(w, r->matched->guarantor);
    gr_json_key(w, "kind");
    gr_json_string(w, gr_table_name(GR_T_OBLIGATION_KIND, r->matched->kind));
    gr_json_end_object(w);
  } else {
    gr_json_null(w);
  }
  gr_json_key(w, "party");
  gr_json_string(w, r->party ? gr_table_name(GR_T_PARTY_ROLE, r->party->role) : NULL);
  gr_json_key(w, "source");
  if (p) gr_json_source(w, &p->source);
  else if (r->party) gr_json_source(w, &r->party->source);
  else gr_json_null(w);
  gr_json_end_object(w);
}

void gr_json_assessment(gr_json *w, const gr_assessment *as) {
  gr_json_begin_object(w);
  gr_json_key(w, "arrangement");
  gr_json_string(w, as->arrangement->id);
  gr_json_key(w, "as_of");
  gr_json_date(w, as->as_of);
  gr_json_key(w, "as_of_from");
  gr_json_string(w, as->as_of_from_arrangement ? "arrangement" : "given");
  gr_json_key(w, "actors");
  gr_json_begin_array(w);
  for (size_t i = 0; i < as->nactors; i++) {
    const gr_actor_assessment *aa = &as->actors[i];
    gr_json_begin_object(w);
    gr_json_key(w, "actor");
    gr_json_string(w, aa->actor->id);
    gr_json_key(w, "name");
    gr_json_string(w, aa->actor->name);
    gr_json_key(w, "verdict");
    gr_json_string(w, gr_verdict_name(aa->verdict));
    gr_json_key(w, "party");
    json_party(w, aa->party);
    gr_json_key(w, "rules");
    gr_json_begin_array(w);
    for (size_t j = 0; j < aa->nrules; j++) json_rule(w, &aa->rules[j]);
    gr_json_end_array(w);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  gr_json_key(w, "summary");
  gr_json_begin_object(w);
  gr_json_key(w, "vetoes");
  json_ids(w, as, GR_VERDICT_VETOES, false);
  gr_json_key(w, "objects");
  json_ids(w, as, GR_VERDICT_OBJECTS, false);
  gr_json_key(w, "accepts");
  json_ids(w, as, GR_VERDICT_ACCEPTS, false);
  gr_json_key(w, "lacks");
  json_ids(w, as, 0, true);
  gr_json_key(w, "no_position");
  json_ids(w, as, GR_VERDICT_NO_POSITION, false);
  gr_json_end_object(w);
  gr_json_key(w, "facts");
  gr_json_facts(w, as->facts);
  gr_json_end_object(w);
}


/* Serialise with a writer of its own: the caller frees the text with
 * gr_free(); NULL when out of memory. */
#define TO_JSON(name, type, writer)                  \
  char *name(const type *x, unsigned flags) {      \
    if (x == NULL) return NULL;                    \
    gr_json *w = gr_json_new(flags);               \
    if (w == NULL) return NULL;                    \
    writer(w, x);                                  \
    return gr_json_finish(w);                      \
  }

TO_JSON(gr_facts_to_json, gr_facts, gr_json_facts)
TO_JSON(gr_timeline_to_json, gr_timeline, gr_json_timeline)
TO_JSON(gr_assessment_to_json, gr_assessment, gr_json_assessment)
