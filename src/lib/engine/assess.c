/*
 * The assess engine: positions in force at a date, matched against an
 * arrangement.
 *
 * A position's `match` has obligation criteria (kinds, guarantors, location,
 * min_troops) and arrangement criteria (arrangements, accession,
 * protected_conditions, promised_form_min/max, force_cap_below);
 * legal_form_min/max apply to the matching obligation's guarantor when
 * there are obligation criteria, else to the arrangement's overall form. A
 * declined obligation, or one whose conditions are false under the facts,
 * is not on offer and never matches; one that gives no location is in no
 * known place. Positions are read at the caller's date, else at the
 * arrangement's own; a party to the arrangement accepts it unless a later
 * position of its own on this very arrangement says otherwise.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "guarantor/assess.h"


static const char *const verdict_names[GR_VERDICT__COUNT] = {"accepts", "objects", "vetoes", "no_position"};
static const char *const state_names[GR_RULE__STATES] = {"met", "violated", "lapsed", "party"};

const char *gr_verdict_name(gr_verdict v) {
  return (int)v >= 0 && v < GR_VERDICT__COUNT ? verdict_names[v] : "?";
}

const char *gr_rule_state_name(gr_rule_state s) {
  return (int)s >= 0 && s < GR_RULE__STATES ? state_names[s] : "?";
}

/* Where an obligation's forces act, as far as its text says: in the
 * protected state (basing stationed, or based in the protected state
 * itself), outside it (neighbouring, offshore, from the air only), or
 * LOC_UNKNOWN when it says nothing about where: no `location`, or one with
 * only a note. Nothing is inferred from the obligation's kind. */
enum { LOC_UNKNOWN = -1 };

static int location_class(const gr_arrangement *arr, const gr_obligation *o) {
  const gr_location *l = &o->location;
  if (!GR_GIVEN(o, GR_KEY_OBLIGATION_LOCATION)) return LOC_UNKNOWN;
  if (!GR_GIVEN(l, GR_KEY_LOCATION_BASING) && !GR_GIVEN(l, GR_KEY_LOCATION_REGIONS) &&
      !GR_GIVEN(l, GR_KEY_LOCATION_BASED_IN))
    return LOC_UNKNOWN;
  if (l->based_in && strcmp(l->based_in, arr->protects) == 0) return GR_LOC_IN_PROTECTED_STATE;
  return l->basing == GR_BASING_STATIONED ? GR_LOC_IN_PROTECTED_STATE : GR_LOC_OUTSIDE_PROTECTED_STATE;
}

static bool form_ok(const gr_match *m, int form) {
  if (GR_GIVEN(m, GR_KEY_MATCH_LEGAL_FORM_MIN) && form < m->legal_form_min) return false;
  if (GR_GIVEN(m, GR_KEY_MATCH_LEGAL_FORM_MAX) && form > m->legal_form_max) return false;
  return true;
}

/* The form of the guarantee the arrangement promises: its promised_form,
 * else (it promises none other) its own legal form. */
static int promised_form(const gr_arrangement *arr) {
  return GR_GIVEN(arr, GR_KEY_ARRANGEMENT_PROMISED_FORM) ? arr->promised_form : arr->legal_form;
}

/* Whether match `m` names arrangement `id` among its arrangements. */
static bool names(const gr_match *m, const char *id) {
  for (size_t i = 0; i < m->arrangements.n; i++)
    if (strcmp(m->arrangements.items[i], id) == 0) return true;
  return false;
}

/* Whether a match has obligation criteria (they look at one obligation at
 * a time); the others look at the arrangement as a whole. */
static bool per_obligation(const gr_match *m) {
  return GR_GIVEN(m, GR_KEY_MATCH_KINDS) || GR_GIVEN(m, GR_KEY_MATCH_GUARANTORS) || GR_GIVEN(m, GR_KEY_MATCH_LOCATION) ||
         GR_GIVEN(m, GR_KEY_MATCH_MIN_TROOPS);
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

/* Whether `arr` asks condition `pc` of the protected state: listed in its
 * protected_conditions, or said by one of its structured keys (a force
 * cap; a bar on joining NATO or an organisation NATO belongs to; a bar on
 * foreign troops; territory held by the aggressor de facto or ceded). With
 * `how` (n bytes), the key that says it and what it says ("force_cap:
 * 600000"), or "" when the list does. */
static bool asks(const gr_catalog *cat, const gr_arrangement *arr, int pc, char *how, size_t n) {
  text t = {how, n, 0};
  if (how) how[0] = '\0';
  for (size_t j = 0; j < arr->protected_conditions.n; j++)
    if (arr->protected_conditions.items[j] == pc) return true;
  bool yes = false;
  switch (pc) {
  case GR_PC_FORCE_CAP:
    yes = GR_GIVEN(arr, GR_KEY_ARRANGEMENT_FORCE_CAP);
    if (yes && how) add(&t, "force_cap: %.15g", arr->force_cap.value);
    break;
  case GR_PC_NO_NATO_MEMBERSHIP:
    yes = GR_GIVEN(arr, GR_KEY_ARRANGEMENT_ALLIANCE_BAR) && gr_catalog_actor_in(cat, "NATO", arr->alliance_bar.organisation);
    if (yes && how) add(&t, "alliance_bar: %s", arr->alliance_bar.organisation);
    break;
  case GR_PC_NO_FOREIGN_TROOPS:
    yes = GR_GIVEN(arr, GR_KEY_ARRANGEMENT_TROOP_BAR);
    if (yes && how)
      add(&t, "troop_bar%s%s%s", arr->troop_bar.from ? ": from " : "", arr->troop_bar.from ? arr->troop_bar.from : "",
          arr->troop_bar.peacetime_only ? (arr->troop_bar.from ? ", in peacetime" : ": in peacetime") : "");
    break;
  case GR_PC_TERRITORIAL_CONCESSION:
    for (size_t i = 0; i < arr->territory.n && !yes; i++) {
      const gr_territory *z = &arr->territory.items[i];
      yes = z->status == GR_TERR_HELD_DE_FACTO || z->status == GR_TERR_CEDED;
      if (yes && how) {
        add(&t, "territory:");
        for (size_t r = 0; r < z->regions.n; r++) add(&t, " %s", z->regions.items[r]);
        add(&t, " %s", gr_table_name(GR_T_TERRITORY_STATUS, z->status));
      }
    }
    break;
  default:
    break;
  }
  return yes;
}

/* Whether `arr` meets the arrangement criteria of `m`: it is among the
 * arrangements named, brings the accession, asks the conditions, promises
 * a form within the bounds, caps the protected state's forces below the
 * number; and, when `m` has no obligation criteria, its overall legal form
 * is within the bounds. */
static bool arrangement_matches(const gr_catalog *cat, const gr_match *m, const gr_arrangement *arr) {
  if (GR_GIVEN(m, GR_KEY_MATCH_ARRANGEMENTS) && !names(m, arr->id)) return false;
  if (GR_GIVEN(m, GR_KEY_MATCH_ACCESSION) &&
      (arr->accession == NULL || !gr_catalog_actor_in(cat, arr->accession, m->accession)))
    return false;
  if (GR_GIVEN(m, GR_KEY_MATCH_PROTECTED_CONDITIONS))
    for (size_t i = 0; i < m->protected_conditions.n; i++)
      if (!asks(cat, arr, m->protected_conditions.items[i], NULL, 0)) return false;
  int promised = promised_form(arr);
  if (GR_GIVEN(m, GR_KEY_MATCH_PROMISED_FORM_MIN) && promised < m->promised_form_min) return false;
  if (GR_GIVEN(m, GR_KEY_MATCH_PROMISED_FORM_MAX) && promised > m->promised_form_max) return false;
  if (GR_GIVEN(m, GR_KEY_MATCH_FORCE_CAP_BELOW) &&
      !(GR_GIVEN(arr, GR_KEY_ARRANGEMENT_FORCE_CAP) && arr->force_cap.value < m->force_cap_below))
    return false;
  return per_obligation(m) || form_ok(m, arr->legal_form);
}

/* Whether obligation `o` meets the obligation criteria of `m` (and the
 * legal form bounds for its guarantor); with `any_place`, whatever its
 * location. */
static bool obligation_matches(const gr_catalog *cat, const gr_match *m, const gr_arrangement *arr,
                               const gr_facts *f, const gr_obligation *o, bool any_place) {
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
  if (!any_place && GR_GIVEN(m, GR_KEY_MATCH_LOCATION) && m->location != GR_LOC_ANY &&
      location_class(arr, o) != m->location)
    return false;
  if (GR_GIVEN(m, GR_KEY_MATCH_MIN_TROOPS) && !(o->troops.value >= m->min_troops)) return false;
  return form_ok(m, gr_arrangement_legal_form(arr, o->guarantor));
}

bool gr_position_matches(const gr_catalog *cat, const gr_position *pos, const gr_arrangement *arr,
                         const gr_facts *facts, const gr_obligation **which) {
  const gr_match *m = &pos->match;
  if (which) *which = NULL;
  if (!arrangement_matches(cat, m, arr)) return false;
  if (!per_obligation(m)) return true;
  for (size_t i = 0; i < arr->obligations.n; i++)
    if (obligation_matches(cat, m, arr, facts, &arr->obligations.items[i], false)) {
      if (which) *which = &arr->obligations.items[i];
      return true;
    }
  return false;
}

/* "reassurance_force or military_intervention by NATO, in the protected
 * state" and the like: what a rule looks for, in words. */
static void describe(const gr_match *m, char *buf, size_t n) {
  text t = {buf, n, 0};
  buf[0] = '\0';
  if (GR_GIVEN(m, GR_KEY_MATCH_KINDS))
    for (size_t i = 0; i < m->kinds.n; i++)
      add(&t, "%s%s", i ? " or " : "", gr_table_name(GR_T_OBLIGATION_KIND, m->kinds.items[i]));
  else if (per_obligation(m))
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
  if (GR_GIVEN(m, GR_KEY_MATCH_ARRANGEMENTS)) {
    for (size_t i = 0; i < m->arrangements.n; i++)
      add(&t, "%s%s", i ? " or " : t.k ? ", arrangement " : "arrangement ", m->arrangements.items[i]);
    sep = ", ";
  }
  const struct {
    int key;
    const char *bound;
    int form;
  } forms[] = {
      {GR_KEY_MATCH_LEGAL_FORM_MIN, "legal form at least", m->legal_form_min},
      {GR_KEY_MATCH_LEGAL_FORM_MAX, "legal form at most", m->legal_form_max},
      {GR_KEY_MATCH_PROMISED_FORM_MIN, "promised form at least", m->promised_form_min},
      {GR_KEY_MATCH_PROMISED_FORM_MAX, "promised form at most", m->promised_form_max},
  };
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
    if (GR_GIVEN(m, forms[i].key)) {
      add(&t, "%s%s %s", sep, forms[i].bound, gr_table_name(GR_T_LEGAL_FORM, forms[i].form));
      sep = ", ";
    }
  if (GR_GIVEN(m, GR_KEY_MATCH_FORCE_CAP_BELOW)) {
    add(&t, "%sa force cap below %.15g", sep, m->force_cap_below);
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

/* What the arrangement is, for the arrangement criteria `m` gives: "its
 * legal form is memorandum; its force cap is 600000" and the like. The
 * legal form is the arrangement's overall one only when `m` has no
 * obligation criteria (else it is read per guarantor). */
static void arrangement_is(const gr_catalog *cat, const gr_match *m, const gr_arrangement *arr, text *t) {
  const char *sep = "";
  if (GR_GIVEN(m, GR_KEY_MATCH_ARRANGEMENTS)) {
    add(t, "it is %s", arr->id);
    sep = "; ";
  }
  if (!per_obligation(m) && (GR_GIVEN(m, GR_KEY_MATCH_LEGAL_FORM_MIN) || GR_GIVEN(m, GR_KEY_MATCH_LEGAL_FORM_MAX))) {
    add(t, "%sits legal form is %s", sep, gr_table_name(GR_T_LEGAL_FORM, arr->legal_form));
    sep = "; ";
  }
  if (GR_GIVEN(m, GR_KEY_MATCH_PROMISED_FORM_MIN) || GR_GIVEN(m, GR_KEY_MATCH_PROMISED_FORM_MAX)) {
    if (GR_GIVEN(arr, GR_KEY_ARRANGEMENT_PROMISED_FORM))
      add(t, "%sthe form it promises is %s", sep, gr_table_name(GR_T_LEGAL_FORM, arr->promised_form));
    else
      add(t, "%sit promises no other form than its own legal form, %s", sep,
          gr_table_name(GR_T_LEGAL_FORM, arr->legal_form));
    sep = "; ";
  }
  if (GR_GIVEN(m, GR_KEY_MATCH_FORCE_CAP_BELOW)) {
    if (GR_GIVEN(arr, GR_KEY_ARRANGEMENT_FORCE_CAP)) add(t, "%sits force cap is %.15g", sep, arr->force_cap.value);
    else add(t, "%sit sets no force cap", sep);
    sep = "; ";
  }
  if (GR_GIVEN(m, GR_KEY_MATCH_ACCESSION)) {
    add(t, "%s%s%s", sep, arr->accession ? "it brings accession to " : "it brings no accession",
        arr->accession ? arr->accession : "");
    sep = "; ";
  }
  if (GR_GIVEN(m, GR_KEY_MATCH_PROTECTED_CONDITIONS)) {
    /* The listed conditions in their order, then those its structured keys
     * say, each with the key. */
    size_t k = t->k;
    add(t, "%sit asks of the protected state: ", sep);
    size_t head = t->k;
    for (size_t i = 0; i < arr->protected_conditions.n; i++)
      add(t, "%s%s", t->k > head ? ", " : "", gr_table_name(GR_T_PROTECTED_CONDITION, arr->protected_conditions.items[i]));
    for (int pc = 0; pc < GR_PC__COUNT; pc++) {
      char how[96];
      if (asks(cat, arr, pc, how, sizeof how) && how[0])
        add(t, "%s%s (%s)", t->k > head ? ", " : "", gr_table_name(GR_T_PROTECTED_CONDITION, pc), how);
    }
    if (t->k == head) {
      t->k = k;
      t->buf[k] = '\0';
      add(t, "%sit asks nothing of the protected state", sep);
    }
  }
}

/* "FRA reassurance_force with troops", and with `where` where it acts:
 * the obligation found, in words. */
static void describe_obligation(const gr_arrangement *arr, const gr_obligation *o, bool where, char *buf, size_t n) {
  text t = {buf, n, 0};
  buf[0] = '\0';
  add(&t, "%s %s%s", o->guarantor, gr_table_name(GR_T_OBLIGATION_KIND, o->kind), o->troops.value > 0 ? " with troops" : "");
  if (!where || location_class(arr, o) == LOC_UNKNOWN) return;
  const gr_location *l = &o->location;
  if (l->based_in && (l->basing == GR_BASING_NEIGHBOURING || strcmp(l->based_in, arr->protects) == 0))
    add(&t, ", based in %s", l->based_in);
  else
    add(&t, ", %s", gr_table_name(GR_T_BASING, l->basing));
}

/* "; USA's and GBR's obligations say nothing about where: unknown" when a
 * location criterion failed only for want of a location: the guarantors
 * of the obligations on offer that meet every other criterion and give no
 * location. */
static void unknown_places(const gr_catalog *cat, const gr_match *m, const gr_arrangement *arr, const gr_facts *f,
                           text *t) {
  if (!GR_GIVEN(m, GR_KEY_MATCH_LOCATION) || m->location == GR_LOC_ANY) return;
  size_t listed = 0, total = 0;
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < arr->obligations.n; i++) {
      const gr_obligation *o = &arr->obligations.items[i];
      if (location_class(arr, o) != LOC_UNKNOWN || !obligation_matches(cat, m, arr, f, o, true)) continue;
      bool seen = false;
      for (size_t j = 0; j < i && !seen; j++) {
        const gr_obligation *e = &arr->obligations.items[j];
        seen = strcmp(e->guarantor, o->guarantor) == 0 && location_class(arr, e) == LOC_UNKNOWN &&
               obligation_matches(cat, m, arr, f, e, true);
      }
      if (seen) continue;
      /* The first pass counts the guarantors, the second names them. */
      if (pass == 0) {
        total++;
        continue;
      }
      listed++;
      add(t, "%s%s's", listed == 1 ? "; " : listed == total ? " and " : ", ", o->guarantor);
    }
  if (total) add(t, " obligations say nothing about where: unknown");
}

enum { REASON_LEN = 512 };

/* Evaluate position p on arr into r, its reason into `reason` (REASON_LEN
 * bytes, the assessment's storage). */
static void evaluate(const gr_catalog *cat, const gr_arrangement *arr, const gr_facts *f, const gr_position *p,
                     gr_rule_result *r, char *reason) {
  r->reason = reason;
  char what[320], found[192] = "";
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
  const gr_match *m = &p->match;
  bool hit = gr_position_matches(cat, p, arr, f, &r->matched);
  if (r->matched)
    describe_obligation(arr, r->matched, GR_GIVEN(m, GR_KEY_MATCH_LOCATION) && m->location != GR_LOC_ANY, found,
                        sizeof found);
  bool negative = p->rule == GR_RULE_FORBID || p->rule == GR_RULE_OPPOSE;
  r->state = negative == hit ? GR_RULE_VIOLATED : GR_RULE_MET;
  text t = {reason, REASON_LEN, 0};
  reason[0] = '\0';
  char is[384];
  text it = {is, sizeof is, 0};
  is[0] = '\0';
  arrangement_is(cat, m, arr, &it);
  if (!per_obligation(m)) {
    add(&t, "%s %s: %s (%s)", verb, what, hit ? "it matches" : "it does not match", is);
    return;
  }
  /* Obligation criteria: what was found, and what the arrangement is for
   * the others. */
  if (!arrangement_matches(cat, m, arr))
    add(&t, "%s %s: it does not match (%s)", verb, what, is);
  else if (hit)
    add(&t, "%s %s: the arrangement has it (%s)%s%s", verb, what, found, it.k ? "; " : "", is);
  else {
    add(&t, "%s %s: the arrangement has none", verb, what);
    unknown_places(cat, m, arr, f, &t);
    if (it.k) add(&t, " (%s)", is);
  }
}

/* The rule of a party: "RUS proposed it (2025-04-12; source: 003.txt)",
 * naming the document, else the reference, else the assumption. */
static void party_rule(const gr_party *party, gr_rule_result *r, char *reason) {
  static const char *const did[GR_ROLE__COUNT] = {"proposed", "signed", "endorsed"};
  char d[11];
  const gr_source *s = &party->source;
  r->state = GR_RULE_PARTY;
  r->unless_fact = -1;
  r->party = party;
  r->reason = reason;
  snprintf(reason, REASON_LEN, "%s %s it (%s; source: %s%s)", party->actor,
           party->role >= 0 && party->role < GR_ROLE__COUNT ? did[party->role] : "?",
           party->date ? gr_date_format(party->date, d) : "undated", s->doc ? s->doc : s->ref ? s->ref : "assumption: ",
           s->doc || s->ref ? "" : s->assumption ? s->assumption : "");
}

/* A position of a party that its part in the arrangement supersedes. */
static void superseded(const gr_position *p, const gr_party *party, gr_rule_result *r, char *reason) {
  r->position = p;
  r->state = GR_RULE_LAPSED;
  r->unless_fact = -1;
  r->party = party;
  r->reason = reason;
  snprintf(reason, REASON_LEN, "superseded: %s is the arrangement's %s", party->actor,
           gr_table_name(GR_T_PARTY_ROLE, party->role));
}

/* The party entry of `actor` that decides at `as_of`: of its entries dated
 * on or before it (as_of 0: whatever their date) or undated, the latest
 * dated, the first listed of two on one date; NULL when it is no party at
 * that date. */
static const gr_party *party_of(const gr_arrangement *arr, const char *actor, gr_date as_of) {
  const gr_party *best = NULL;
  for (size_t i = 0; i < arr->parties.n; i++) {
    const gr_party *q = &arr->parties.items[i];
    if (strcmp(q->actor, actor) != 0 || (q->date && as_of && q->date > as_of)) continue;
    if (best == NULL || q->date > best->date) best = q;
  }
  return best;
}

/* The positions in force at as_of for arr: of each actor's positions on a
 * topic that speak of arr (name it, or name no arrangement), the latest
 * dated on or before as_of (as_of 0: whatever its date), the later in the
 * catalog of two on the same day. A position about other arrangements
 * neither applies to arr nor supersedes one that does. Sorting by (actor,
 * topic, date, place) puts each group's candidates in order: O(n log n). */
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

static int mark_in_force(const gr_catalog *cat, const gr_arrangement *arr, gr_date as_of, bool *live) {
  size_t n = gr_catalog_count(cat, GR_REC_POSITION);
  pos_key *keys = malloc((n ? n : 1) * sizeof *keys);
  if (keys == NULL) return -1;
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    const gr_position *p = gr_catalog_at(cat, GR_REC_POSITION, i);
    live[i] = false;
    /* A position speaks of one protected state (when it says which) and
     * of named arrangements (when it names some): about nothing else. */
    if ((as_of && p->date > as_of) || (GR_GIVEN(&p->match, GR_KEY_MATCH_ARRANGEMENTS) && !names(&p->match, arr->id)) ||
        (p->protects && strcmp(p->protects, arr->protects) != 0))
      continue;
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
  /* Without a date, the arrangement is judged by what was said when it
   * was made (a reference arrangement as things stand). */
  gr_date when = as_of ? as_of : gr__default_date(cat, arr, NULL);
  if (as) as->actors = calloc(nact ? nact : 1, sizeof *as->actors);
  if (as == NULL || live == NULL || first == NULL || order == NULL || owner == NULL || as->actors == NULL ||
      mark_in_force(cat, arr, when, live) != 0) {
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
  as->as_of = when;
  as->as_of_from_arrangement = as_of == 0;
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
    const gr_party *party = party_of(arr, actor->id, when);
    if (!wanted || (count == 0 && party == NULL && nonly == 0)) continue;
    gr_actor_assessment *aa = &as->actors[as->nactors++];
    size_t nrules = count + (party != NULL);
    aa->actor = actor;
    aa->verdict = nrules == 0 ? GR_VERDICT_NO_POSITION : GR_VERDICT_ACCEPTS;
    aa->party = party;
    aa->party_role = party ? party->role : -1;
    /* The rules and then their reasons, in one block. */
    aa->rules = calloc(nrules ? nrules : 1, sizeof *aa->rules + REASON_LEN);
    if (aa->rules == NULL) {
      st = GR_E_NOMEM;
      break;
    }
    char *reasons = (char *)(aa->rules + (nrules ? nrules : 1));
    /* A party accepts what it proposed, signed or endorsed: of its own
     * positions only those that name the arrangement and are dated on or
     * after its part in it are read; the others are superseded. */
    if (party) {
      party_rule(party, &aa->rules[0], reasons);
      aa->nrules = 1;
    }
    for (size_t k = first[a]; k < first[a + 1]; k++) {
      const gr_position *p = gr_catalog_at(cat, GR_REC_POSITION, order[k]);
      gr_rule_result *r = &aa->rules[aa->nrules];
      char *reason = reasons + REASON_LEN * aa->nrules++;
      if (party && !(GR_GIVEN(&p->match, GR_KEY_MATCH_ARRANGEMENTS) && p->date >= party->date)) {
        superseded(p, party, r, reason);
        continue;
      }
      evaluate(cat, arr, as->facts, p, r, reason);
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
