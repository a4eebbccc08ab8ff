/*
 * What an arrangement's result rests on that is assumed rather than
 * sourced, as one list that show prints and report embeds: sources that
 * are assumptions, values marked `assumed`, an inferred date, obligations
 * that do not say where their forces stand, menus (the model reads them at
 * their cheapest means), and the facts it reads at their defaults.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "guarantor/facts.h"

/* Whether an obligation of this kind puts people or stocks somewhere, so
 * that where it does so decides what it is (and what a position against
 * foreign troops says of it): the combat kinds, monitors, trainers and
 * depots. */
static bool kind_stands_somewhere(int kind) {
  switch (kind) {
  case GR_OB_TRAINING:
  case GR_OB_CEASEFIRE_MONITORING:
  case GR_OB_PREPOSITIONED_STOCKS:
  case GR_OB_NAVAL_PRESENCE:
  case GR_OB_AIR_COVER:
  case GR_OB_REASSURANCE_FORCE:
  case GR_OB_MILITARY_INTERVENTION:
    return true;
  default:
    return false;
  }
}

/* Whether an obligation on offer, or any means of its menu, stands
 * somewhere (a declined one stands nowhere). */
bool cli_stands_somewhere(const gr_obligation *o) {
  if (o->commitment == GR_COMMIT_DECLINED) return false;
  if (kind_stands_somewhere(o->kind)) return true;
  for (size_t i = 0; i < o->means.n; i++)
    if (kind_stands_somewhere(o->means.items[i])) return true;
  return false;
}

/* Whether the obligation says where its forces act. */
bool cli_location_given(const gr_obligation *o) {
  return o->location.regions.n > 0 || o->location.based_in != NULL || GR_GIVEN(&o->location, GR_KEY_LOCATION_BASING);
}


/* Where the lines go, and how many there were. */
typedef struct sink {
  cli_assumption_fn emit;
  void *ctx;
  size_t n;
} sink;

/* One line of the list. */
static void assumption(sink *fp, size_t *n, const char *where, const char *what) {
  fp->emit(fp->ctx, where, what);
  (*n)++;
}

static void source_assumption(sink *fp, size_t *n, const char *where, const gr_source *s) {
  if (s->assumption) assumption(fp, n, where, s->assumption);
}

static void sources_assumptions(sink *fp, size_t *n, const char *where, const gr_sourcelist *l) {
  for (size_t i = 0; i < l->n; i++) source_assumption(fp, n, where, &l->items[i]);
}

static void quantity_assumption(sink *fp, size_t *n, const char *where, const char *key, const gr_quantity *q) {
  char w[256];
  snprintf(w, sizeof w, "%s, %s %.15g", where, key, q->value);
  if (q->given) source_assumption(fp, n, w, &q->source);
}

static void assumed_values(sink *fp, size_t *n, const char *where, const gr_assumedlist *l) {
  char w[256];
  for (size_t i = 0; i < l->n; i++) {
    snprintf(w, sizeof w, "%s%s%s (marked assumed)", where, *where ? ", " : "", l->items[i].key);
    assumption(fp, n, w, l->items[i].reason);
  }
}

/* The facts an arrangement reads (entry into force, then the obligations'
 * conditions, each once), with the value each has when no scenario and no
 * --facts set it. */
static void fact_assumptions(sink *fp, size_t *n, const gr_catalog *cat, const gr_arrangement *a) {
  bool seen[GR_FACT__COUNT] = {false};
  gr_facts *f = NULL;
  gr_error err = GR_ERROR_INIT;
  if (gr_facts_new(cat, a, &f, &err) != GR_OK) {
    gr_error_clear(&err);
    return;
  }
  for (size_t k = 0; k <= a->obligations.n; k++) {
    const gr_intlist *l = k == 0 ? &a->entry_into_force : &a->obligations.items[k - 1].conditions;
    for (size_t i = 0; i < l->n; i++) {
      int fact = l->items[i];
      if (fact < 0 || fact >= GR_FACT__COUNT || seen[fact]) continue;
      seen[fact] = true;
      char where[128], what[768];
      if (k == 0) snprintf(where, sizeof where, "fact %s (entry into force)", gr_table_name(GR_T_FACT, fact));
      else snprintf(where, sizeof where, "fact %s (a condition of obligation %zu)", gr_table_name(GR_T_FACT, fact), k);
      snprintf(what, sizeof what, "%s unless a scenario or --facts says otherwise (%s: %s)",
               gr_facts_value(f, (gr_fact)fact) ? "true" : "false",
               gr_fact_origin_name(gr_facts_origin(f, (gr_fact)fact)), gr_facts_why(f, (gr_fact)fact));
      assumption(fp, n, where, what);
    }
  }
  gr_facts_free(f);
  gr_error_clear(&err);
}

/* Every value the arrangement's result rests on that is assumed rather than
 * sourced: sources that are assumptions, values marked `assumed`, an
 * inferred date, obligations that do not say where their forces stand,
 * menus (the model reads them at their cheapest means), and the facts it
 * reads at their defaults. Never a claim that everything is sourced. */
size_t cli_assumptions(const gr_catalog *cat, const gr_arrangement *a, cli_assumption_fn emit, void *ctx) {
  sink out = {emit, ctx, 0}, *fp = &out;
  size_t n = 0;
  char where[256];
  if (a->date_inferred) assumption(fp, &n, "date", "inferred from the content, not stated in it");
  sources_assumptions(fp, &n, "the arrangement", &a->sources);
  assumed_values(fp, &n, "", &a->assumed);
  for (size_t i = 0; i < a->parties.n; i++) {
    const gr_party *p = &a->parties.items[i];
    snprintf(where, sizeof where, "party %s (%s)", p->actor, gr_table_name(GR_T_PARTY_ROLE, p->role));
    source_assumption(fp, &n, where, &p->source);
  }
  for (size_t i = 0; i < a->bodies.n; i++) {
    snprintf(where, sizeof where, "body %s", a->bodies.items[i].id);
    source_assumption(fp, &n, where, &a->bodies.items[i].source);
  }
  if (a->force_cap.given) source_assumption(fp, &n, "force cap", &a->force_cap.source);
  if (a->alliance_bar.given) source_assumption(fp, &n, "alliance bar", &a->alliance_bar.source);
  if (a->troop_bar.given) source_assumption(fp, &n, "troop bar", &a->troop_bar.source);
  for (size_t i = 0; i < a->territory.n; i++) {
    snprintf(where, sizeof where, "territorial term %zu (%s)", i + 1,
             gr_table_name(GR_T_TERRITORY_STATUS, a->territory.items[i].status));
    source_assumption(fp, &n, where, &a->territory.items[i].source);
  }
  for (size_t i = 0; i < a->clauses.n; i++) {
    snprintf(where, sizeof where, "clause %zu (%s)", i + 1, gr_table_name(GR_T_CLAUSE_KIND, a->clauses.items[i].kind));
    source_assumption(fp, &n, where, &a->clauses.items[i].source);
  }
  for (size_t i = 0; i < a->obligations.n; i++) {
    const gr_obligation *o = &a->obligations.items[i];
    char ob[160], w[256];
    snprintf(ob, sizeof ob, "obligation %zu (%s %s)", i + 1, o->guarantor,
             o->means.n ? "menu" : gr_table_name(GR_T_OBLIGATION_KIND, o->kind));
    sources_assumptions(fp, &n, ob, &o->sources);
    quantity_assumption(fp, &n, ob, "troops", &o->troops);
    if (o->kind == GR_OB_REASSURANCE_FORCE && !o->troops.given && o->commitment != GR_COMMIT_DECLINED) {
      snprintf(w, sizeof w, "%s, troops", ob);
      assumption(fp, &n, w,
                 "not stated: the facts, assess and the tripwire count it as a force; the model adds no troops for "
                 "it");
    }
    quantity_assumption(fp, &n, ob, "value", &o->value);
    quantity_assumption(fp, &n, ob, "aircraft", &o->aircraft);
    snprintf(w, sizeof w, "%s, where", ob);
    if (o->location.source.given) source_assumption(fp, &n, w, &o->location.source);
    if (!cli_location_given(o) && cli_stands_somewhere(o))
      assumption(fp, &n, w, "not stated, so read as unknown (there is no default place)");
    assumed_values(fp, &n, ob, &o->assumed);
    if (o->means.n)
      assumption(fp, &n, ob,
                 "a menu of means: one promise, which the model counts as honoured at its cheapest means");
  }
  fact_assumptions(fp, &n, cat, a);
  return n;
}
