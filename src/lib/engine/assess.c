/*
 * The assess engine: positions in force at a date, matched against an
 * arrangement.
 *
 * A position's `match` has obligation criteria (kinds, guarantors, location,
 * min_troops) and arrangement criteria (accession, protected_conditions);
 * legal_form_min/max apply to the matching obligation's guarantor when
 * there are obligation criteria, else to the arrangement's overall form. A
 * declined obligation, or one whose conditions are false under the facts,
 * is not on offer and never matches.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "guarantor/assess.h"


static const char *const verdict_names[GR_VERDICT__COUNT] = {"accepts", "objects", "vetoes", "no_position"};
static const char *const state_names[GR_RULE__STATES] = {"met", "violated", "lapsed"};

const char *gr_verdict_name(gr_verdict v) {
  return (int)v >= 0 && v < GR_VERDICT__COUNT ? verdict_names[v] : "?";
}

const char *gr_rule_state_name(gr_rule_state s) {
  return (int)s >= 0 && s < GR_RULE__STATES ? state_names[s] : "?";
}

/* Where an obligation puts the guarantor's forces: on the protected state's
 * territory when it names regions there, or when its kind acts there by
 * nature (troops, intervention, aircraft over it); otherwise outside. */
static int location_class(const gr_arrangement *arr, const gr_obligation *o) {
  if (o->location.based_in && strcmp(o->location.based_in, arr->protects) != 0) return GR_LOC_OUTSIDE_PROTECTED_STATE;
  if (o->location.regions.n) return GR_LOC_IN_PROTECTED_STATE;
  switch (o->kind) {
  case GR_OB_REASSURANCE_FORCE:
  case GR_OB_MILITARY_INTERVENTION:
  case GR_OB_AIR_COVER:
    return GR_LOC_IN_PROTECTED_STATE;
  default:
    return GR_LOC_OUTSIDE_PROTECTED_STATE;
  }
}

static bool form_ok(const gr_match *m, int form) {
  if (GR_GIVEN(m, GR_KEY_MATCH_LEGAL_FORM_MIN) && form < m->legal_form_min) return false;
  if (GR_GIVEN(m, GR_KEY_MATCH_LEGAL_FORM_MAX) && form > m->legal_form_max) return false;
  return true;
}

static bool obligation_matches(const gr_catalog *cat, const gr_match *m, const gr_arrangement *arr,
                               const gr_facts *f, const gr_obligation *o) {
  if (!gr_obligation_on_offer(o, f)) return false;
  if (GR_GIVEN(m, GR_KEY_MATCH_KINDS)) {
    bool k = false;
    for (size_t i = 0; i < m->kinds.n && !k; i++) k = m->kinds.items[i] == o->kind;
    if (!k) return false;
  }
  if (GR_GIVEN(m, GR_KEY_MATCH_GUARANTORS)) {
    bool g = false;
    for (size_t i = 0; i < m->guarantors.n && !g; i++) g = gr_catalog_actor_in(cat, o->guarantor, m->guarantors.items[i]);
    if (!g) return false;
  }
  if (GR_GIVEN(m, GR_KEY_MATCH_LOCATION) && m->location != GR_LOC_ANY && location_class(arr, o) != m->location) return false;
  if (GR_GIVEN(m, GR_KEY_MATCH_MIN_TROOPS) && !(o->troops.value >= m->min_troops)) return false;
  return form_ok(m, gr_arrangement_legal_form(arr, o->guarantor));
}

bool gr_position_matches(const gr_catalog *cat, const gr_position *pos, const gr_arrangement *arr,
                         const gr_facts *facts, const gr_obligation **which) {
  const gr_match *m = &pos->match;
  if (which) *which = NULL;
  if (GR_GIVEN(m, GR_KEY_MATCH_ACCESSION) &&
      (arr->accession == NULL || !gr_catalog_actor_in(cat, arr->accession, m->accession)))
    return false;
  if (GR_GIVEN(m, GR_KEY_MATCH_PROTECTED_CONDITIONS))
    for (size_t i = 0; i < m->protected_conditions.n; i++) {
      bool found = false;
      for (size_t j = 0; j < arr->protected_conditions.n && !found; j++)
        found = arr->protected_conditions.items[j] == m->protected_conditions.items[i];
      if (!found) return false;
    }
  bool per_obligation = GR_GIVEN(m, GR_KEY_MATCH_KINDS) || GR_GIVEN(m, GR_KEY_MATCH_GUARANTORS) || GR_GIVEN(m, GR_KEY_MATCH_LOCATION) || GR_GIVEN(m, GR_KEY_MATCH_MIN_TROOPS);
  if (!per_obligation) return form_ok(m, arr->legal_form);
  for (size_t i = 0; i < arr->obligations.n; i++)
    if (obligation_matches(cat, m, arr, facts, &arr->obligations.items[i])) {
      if (which) *which = &arr->obligations.items[i];
      return true;
    }
  return false;
}

typedef struct text {
  char *buf;
  size_t n, k;
} text;

static void add(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(text *t, const char *fmt, ...) {
  if (t->k + 1 >= t->n) return;
  va_list ap;
  va_start(ap, fmt);
  int w = vsnprintf(t->buf + t->k, t->n - t->k, fmt, ap);
  va_end(ap);
  if (w > 0) t->k = (size_t)w < t->n - t->k ? t->k + (size_t)w : t->n - 1;
}

/* "reassurance_force or military_intervention by NATO, in the protected
 * state" and the like: what a rule looks for, in words. */
static void describe(const gr_match *m, char *buf, size_t n) {
  text t = {buf, n, 0};
  buf[0] = '\0';
  if (GR_GIVEN(m, GR_KEY_MATCH_KINDS))
    for (size_t i = 0; i < m->kinds.n; i++)
      add(&t, "%s%s", i ? " or " : "", gr_table_name(GR_T_OBLIGATION_KIND, m->kinds.items[i]));
  else if (GR_GIVEN(m, GR_KEY_MATCH_GUARANTORS) || GR_GIVEN(m, GR_KEY_MATCH_LOCATION) || GR_GIVEN(m, GR_KEY_MATCH_MIN_TROOPS))
    add(&t, "any obligation");
  if (GR_GIVEN(m, GR_KEY_MATCH_GUARANTORS))
    for (size_t i = 0; i < m->guarantors.n; i++) add(&t, "%s%s", i ? " or " : " by ", m->guarantors.items[i]);
  const char *sep = t.k ? ", " : "";
  if (GR_GIVEN(m, GR_KEY_MATCH_LOCATION) && m->location != GR_LOC_ANY) {
    add(&t, "%s%s", sep, m->location == GR_LOC_IN_PROTECTED_STATE ? "in the protected state" : "outside the protected state");
    sep = ", ";
  }
  if (GR_GIVEN(m, GR_KEY_MATCH_MIN_TROOPS)) {
    add(&t, "%sat least %.15g troops", sep, m->min_troops);
    sep = ", ";
  }
  if (GR_GIVEN(m, GR_KEY_MATCH_LEGAL_FORM_MIN)) {
    add(&t, "%slegal form at least %s", sep, gr_table_name(GR_T_LEGAL_FORM, m->legal_form_min));
    sep = ", ";
  }
  if (GR_GIVEN(m, GR_KEY_MATCH_LEGAL_FORM_MAX)) {
    add(&t, "%slegal form at most %s", sep, gr_table_name(GR_T_LEGAL_FORM, m->legal_form_max));
    sep = ", ";
  }
  if (GR_GIVEN(m, GR_KEY_MATCH_ACCESSION)) {
    add(&t, "%saccession to %s", sep, m->accession);
    sep = ", ";
  }
  if (GR_GIVEN(m, GR_KEY_MATCH_PROTECTED_CONDITIONS))
    for (size_t i = 0; i < m->protected_conditions.n; i++)
      add(&t, "%s%s", i ? " and " : t.k ? ", with " : "with ",
          gr_table_name(GR_T_PROTECTED_CONDITION, m->protected_conditions.items[i]));
}

enum { REASON_LEN = 384 };

/* Evaluate position p on arr into r, its reason into `reason` (REASON_LEN
 * bytes, the assessment's storage). */
static void evaluate(const gr_catalog *cat, const gr_arrangement *arr, const gr_facts *f, const gr_position *p,
                     gr_rule_result *r, char *reason) {
  r->reason = reason;
  char what[256], found[160] = "";
  r->position = p;
  r->unless_fact = -1;
  describe(&p->match, what, sizeof what);
  const char *verb = gr_table_name(GR_T_RULE, p->rule);
  for (size_t i = 0; i < p->unless.n; i++)
    if (f->value[p->unless.items[i]]) {
      r->unless_fact = p->unless.items[i];
      r->state = GR_RULE_LAPSED;
      snprintf(reason, REASON_LEN, "%s %s, unless %s: %s holds (%s: %s)", verb, what,
               gr_table_name(GR_T_FACT, r->unless_fact), gr_table_name(GR_T_FACT, r->unless_fact),
               gr_fact_origin_name(f->origin[r->unless_fact]), f->why[r->unless_fact]);
      return;
    }
  bool hit = gr_position_matches(cat, p, arr, f, &r->matched);
  if (r->matched)
    snprintf(found, sizeof found, "%s %s%s", r->matched->guarantor,
             gr_table_name(GR_T_OBLIGATION_KIND, r->matched->kind),
             r->matched->troops.value > 0 ? " with troops" : "");
  bool negative = p->rule == GR_RULE_FORBID || p->rule == GR_RULE_OPPOSE;
  r->state = negative == hit ? GR_RULE_VIOLATED : GR_RULE_MET;
  bool per_obligation = GR_GIVEN(&p->match, GR_KEY_MATCH_KINDS) || GR_GIVEN(&p->match, GR_KEY_MATCH_GUARANTORS) ||
                        GR_GIVEN(&p->match, GR_KEY_MATCH_LOCATION) || GR_GIVEN(&p->match, GR_KEY_MATCH_MIN_TROOPS);
  if (per_obligation) {
    if (hit)
      snprintf(reason, REASON_LEN, "%s %s: the arrangement has it (%s)", verb, what, found);
    else
      snprintf(reason, REASON_LEN, "%s %s: the arrangement has none", verb, what);
    return;
  }
  /* Arrangement-level criteria: say what the arrangement is. */
  char is[192];
  text t = {is, sizeof is, 0};
  is[0] = '\0';
  if (GR_GIVEN(&p->match, GR_KEY_MATCH_LEGAL_FORM_MIN) || GR_GIVEN(&p->match, GR_KEY_MATCH_LEGAL_FORM_MAX))
    add(&t, "its legal form is %s", gr_table_name(GR_T_LEGAL_FORM, arr->legal_form));
  if (GR_GIVEN(&p->match, GR_KEY_MATCH_ACCESSION))
    add(&t, "%s%s%s", t.k ? "; " : "", arr->accession ? "it brings accession to " : "it brings no accession",
        arr->accession ? arr->accession : "");
  if (GR_GIVEN(&p->match, GR_KEY_MATCH_PROTECTED_CONDITIONS)) {
    add(&t, "%s%s", t.k ? "; " : "", arr->protected_conditions.n ? "it asks of the protected state: " : "it asks nothing of the protected state");
    for (size_t i = 0; i < arr->protected_conditions.n; i++)
      add(&t, "%s%s", i ? ", " : "", gr_table_name(GR_T_PROTECTED_CONDITION, arr->protected_conditions.items[i]));
  }
  snprintf(reason, REASON_LEN, "%s %s: %s (%s)", verb, what, hit ? "it matches" : "it does not match", is);
}


/* The positions in force at as_of: of each actor's positions on a topic,
 * the latest dated on or before as_of (as_of 0: the latest), the later in
 * the catalog of two on the same day. Sorting by (actor, topic, date,
 * place) puts each group's candidates in order: O(n log n). */
typedef struct pos_key {
  const gr_position *p;
  size_t at;
} pos_key;

static int pos_cmp(const void *a, const void *b, void *ctx) {
  (void)ctx;
  const pos_key *x = a, *y = b;
  int c = strcmp(x->p->actor, y->p->actor);
  if (c == 0) c = strcmp(x->p->topic, y->p->topic);
  if (c == 0) c = x->p->date < y->p->date ? -1 : x->p->date > y->p->date;
  if (c == 0) c = x->at < y->at ? -1 : x->at > y->at;
  return c;
}

static bool same_topic(const pos_key *x, const pos_key *y) {
  return strcmp(x->p->actor, y->p->actor) == 0 && strcmp(x->p->topic, y->p->topic) == 0;
}

static int mark_in_force(const gr_catalog *cat, gr_date as_of, bool *live) {
  size_t n = gr_catalog_count(cat, GR_REC_POSITION);
  pos_key *keys = malloc((n ? n : 1) * sizeof *keys);
  if (keys == NULL) return -1;
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    const gr_position *p = gr_catalog_at(cat, GR_REC_POSITION, i);
    live[i] = false;
    if (as_of && p->date > as_of) continue;
    keys[m].p = p;
    keys[m++].at = i;
  }
  gr__sort(keys, m, sizeof *keys, pos_cmp, NULL);
  for (size_t i = 0; i < m; i++)
    if (i + 1 == m || !same_topic(&keys[i], &keys[i + 1])) live[keys[i].at] = true;
  free(keys);
  return 0;
}

/* An assessment and the facts it owns. */
typedef struct assessment {
  gr_assessment pub; /* First: a gr_assessment * is an assessment *. */
  gr_facts *facts;
} assessment;

gr_status gr_assessment_new(const gr_catalog *cat, const gr_arrangement *arr, const gr_facts *facts, gr_date as_of,
                            const char *const *only, size_t nonly, gr_assessment **out, gr_error *err) {
  static const char fn[] = "gr_assessment_new";
  if (out == NULL || (nonly && only == NULL)) return gr__fail(err, GR_E_ARG, "%s: NULL argument", fn);
  *out = NULL;
  if (gr__catalog_ready(cat, fn, err) != GR_OK || gr__catalog_has(cat, GR_REC_ARRANGEMENT, arr, fn, err) != GR_OK)
    return err ? err->code : GR_E_MISUSE;
  for (size_t i = 0; i < nonly; i++)
    if (gr_catalog_actor(cat, only[i]) == NULL) return gr__fail(err, GR_E_NOT_FOUND, "no actor '%s'", only[i]);
  size_t npos = gr_catalog_count(cat, GR_REC_POSITION), nact = gr_catalog_count(cat, GR_REC_ACTOR);
  assessment *impl = calloc(1, sizeof *impl);
  gr_assessment *as = impl ? &impl->pub : NULL;
  bool *live = calloc(npos ? npos : 1, sizeof *live);
  /* The positions in force, grouped by actor in catalog order: first[a]
   * .. first[a + 1] index order[]. */
  size_t *first = calloc(nact + 1, sizeof *first), *order = calloc(npos ? npos : 1, sizeof *order);
  size_t *owner = calloc(npos ? npos : 1, sizeof *owner);
  gr__strmap actors = {0};
  gr_status st = GR_OK;
  if (as) as->actors = calloc(nact ? nact : 1, sizeof *as->actors);
  if (as == NULL || live == NULL || first == NULL || order == NULL || owner == NULL || as->actors == NULL ||
      mark_in_force(cat, as_of, live) != 0) {
    st = GR_E_NOMEM;
    goto done;
  }
  for (size_t a = 0; a < nact && st == GR_OK; a++)
    if (gr__strmap_put(&actors, ((const gr_actor *)gr_catalog_at(cat, GR_REC_ACTOR, a))->id, a) != 0) st = GR_E_NOMEM;
  if (st != GR_OK) goto done;
  for (size_t i = 0; i < npos && st == GR_OK; i++) {
    const gr_position *p = gr_catalog_at(cat, GR_REC_POSITION, i);
    if (!live[i] || !gr__strmap_get(&actors, p->actor, &owner[i])) owner[i] = SIZE_MAX;
    else first[owner[i] + 1]++;
  }
  for (size_t a = 0; a < nact; a++) first[a + 1] += first[a];
  for (size_t i = 0; st == GR_OK && i < npos; i++)
    if (owner[i] != SIZE_MAX) order[first[owner[i]]++] = i;
  /* The fill above advanced first[a] to the start of actor a + 1. */
  for (size_t a = nact; a > 0; a--) first[a] = first[a - 1];
  first[0] = 0;
  as->arrangement = arr;
  as->as_of = as_of;
  impl->facts = gr__facts_for(cat, arr, facts, fn, err);
  if (impl->facts == NULL) {
    st = err ? err->code : GR_E_NOMEM;
    goto done;
  }
  as->facts = impl->facts;

  for (size_t a = 0; a < nact && st == GR_OK; a++) {
    const gr_actor *actor = gr_catalog_at(cat, GR_REC_ACTOR, a);
    bool wanted = nonly == 0;
    for (size_t i = 0; i < nonly && !wanted; i++) wanted = strcmp(only[i], actor->id) == 0;
    size_t count = first[a + 1] - first[a];
    if (!wanted || (count == 0 && nonly == 0)) continue;
    gr_actor_assessment *aa = &as->actors[as->nactors++];
    aa->actor = actor;
    aa->verdict = count == 0 ? GR_VERDICT_NO_POSITION : GR_VERDICT_ACCEPTS;
    /* The rules and then their reasons, in one block. */
    aa->rules = calloc(count ? count : 1, sizeof *aa->rules + REASON_LEN);
    if (aa->rules == NULL) {
      st = GR_E_NOMEM;
      break;
    }
    char *reasons = (char *)(aa->rules + (count ? count : 1));
    for (size_t k = first[a]; k < first[a + 1]; k++) {
      const gr_position *p = gr_catalog_at(cat, GR_REC_POSITION, order[k]);
      gr_rule_result *r = &aa->rules[aa->nrules];
      evaluate(cat, arr, as->facts, p, r, reasons + REASON_LEN * aa->nrules++);
      if (r->state != GR_RULE_VIOLATED) continue;
      gr_verdict v = p->rule == GR_RULE_FORBID || p->rule == GR_RULE_REQUIRE ? GR_VERDICT_VETOES : GR_VERDICT_OBJECTS;
      if (v > aa->verdict) aa->verdict = v;
    }
  }
done:
  gr__strmap_free(&actors);
  free(live);
  free(first);
  free(order);
  free(owner);
  if (st != GR_OK) {
    gr_assessment_free(as);
    return st == GR_E_NOMEM ? gr__fail(err, st, "%s", gr_strerror(st)) : st;
  }
  *out = as;
  gr__ok(err);
  return GR_OK;
}

void gr_assessment_free(gr_assessment *a) {
  if (a == NULL) return;
  for (size_t i = 0; i < a->nactors; i++) free(a->actors[i].rules);
  free(a->actors);
  gr_facts_free(((assessment *)(void *)a)->facts);
  free(a);
}
