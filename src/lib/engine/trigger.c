/*
 * The trigger engine. For each obligation the rules below are tried in
 * order and the first that decides gives the outcome:
 *
 *   1 target      the event strikes another state      -> not triggered
 *   2 status      the arrangement lapsed or was rejected -> lapsed
 *   3 term        starts later / ended                 -> not yet in force / lapsed
 *   4 revocation  a voiding clause holds               -> lapsed
 *   5 commitment  the guarantor declined               -> declined
 *   6 trigger     kind or scale does not match         -> not triggered
 *   7 scope       no event location is in scope        -> out of scope
 *   8 aggressor   the guarantor is the aggressor       -> blocked
 *   9 condition   a required fact is false             -> blocked
 *  10 activation  automatic / after_consultation / discretionary /
 *                 consensus / by_body                  -> the outcome of the mode
 *
 * Tripwire: where the event strikes a region in which a guarantor's own
 * reassurance force stands, the event also counts as
 * attack_on_guarantor_forces for that guarantor's obligations.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "guarantor/trigger.h"

static const char *const outcome_names[GR_OUT__COUNT] = {
    "activates", "needs consultation", "at discretion", "blocked", "out of scope",
    "not triggered", "not yet in force", "lapsed", "declined",
};

const char *gr_outcome_name(gr_outcome outcome) {
  if ((int)outcome < 0 || outcome >= GR_OUT__COUNT) return "?";
  return outcome_names[outcome];
}

const gr_control *gr_region_control_at(const gr_region *region, gr_date date, bool *before_first) {
  if (before_first) *before_first = false;
  if (region == NULL || region->control.n == 0) return NULL;
  const gr_control *best = NULL;
  for (size_t i = 0; i < region->control.n; i++)
    if (region->control.items[i].date <= date) best = &region->control.items[i];
  if (best == NULL) {
    if (before_first) *before_first = true;
    best = &region->control.items[0];
  }
  return best;
}

static void say(gr_timeline_entry *a, gr_outcome out, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A timeline and the storage its entries' reasons and its note live in. */
enum { REASON_LEN = 384, NOTE_LEN = 256 };
typedef struct timeline {
  gr_timeline pub; /* First: a gr_timeline * is a timeline *. */
  gr_facts *facts;
  char (*reasons)[REASON_LEN];
  char note[NOTE_LEN];
} timeline;

/* Decide entry a: its outcome, the rule (a static name) and the reason,
 * written into the timeline's storage that a->reason already points to. */
static void say(gr_timeline_entry *a, gr_outcome out, const char *rule, const char *fmt, ...) {
  a->outcome = out;
  a->rule = rule;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf((char *)a->reason, REASON_LEN, fmt, ap); /* Ours: allocated writable. */
  va_end(ap);
}

static const char *region_label(const gr_catalog *cat, const char *id, char *buf, size_t n) {
  const gr_region *r = gr_catalog_region(cat, id);
  snprintf(buf, n, "%s %s", id, r ? r->name : "?");
  return buf;
}

/* The side of an event location once the control snapshot has its say: a
 * region wholly held by one side leaves no choice. */
static int effective_side(const gr_catalog *cat, const gr_event_location *loc, gr_date as_of) {
  const gr_control *c = gr_region_control_at(gr_catalog_region(cat, loc->region), as_of, NULL);
  if (c == NULL) return loc->side;
  if (c->status == GR_CTL_GOVERNMENT) return GR_SIDE_GOVERNMENT;
  if (c->status == GR_CTL_OCCUPIED) return GR_SIDE_OCCUPIED;
  return loc->side;
}

static bool str_in(const gr_strlist *l, const char *s) {
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->items[i], s) == 0) return true;
  return false;
}

static bool int_in(const gr_intlist *l, int v) {
  for (size_t i = 0; i < l->n; i++)
    if (l->items[i] == v) return true;
  return false;
}

static bool clause_matches(const gr_catalog *cat, const gr_scope_clause *c, const char *region, int side) {
  if (c->regions.n && !str_in(&c->regions, region)) return false;
  if (c->sides.n && !int_in(&c->sides, side)) return false;
  if (c->as_of) {
    /* Only the part occupied at as_of: the region must have been (partly)
     * occupied then, and the event must be on the occupied side now. */
    const gr_control *then = gr_region_control_at(gr_catalog_region(cat, region), c->as_of, NULL);
    if (then == NULL || then->status == GR_CTL_GOVERNMENT || side != GR_SIDE_OCCUPIED) return false;
  }
  return true;
}

/* Whether one event location is in scope; if not, why, into `why`. */
static bool in_scope(const gr_catalog *cat, const gr_scope *s, const char *region, int side, char *why,
                     size_t n) {
  char rl[96];
  region_label(cat, region, rl, sizeof rl);
  if (s->include.n) {
    bool inc = false;
    for (size_t i = 0; i < s->include.n && !inc; i++) inc = clause_matches(cat, &s->include.items[i], region, side);
    if (!inc) {
      snprintf(why, n, "%s (%s side) is not among the regions it covers", rl, gr_table_name(GR_T_SIDE, side));
      return false;
    }
  }
  for (size_t i = 0; i < s->exclude.n; i++) {
    const gr_scope_clause *c = &s->exclude.items[i];
    if (clause_matches(cat, c, region, side)) {
      char d[11];
      int k = snprintf(why, n, "%s (%s side) is excluded", rl, gr_table_name(GR_T_SIDE, side));
      if (c->note && k > 0 && (size_t)k < n) k += snprintf(why + k, n - (size_t)k, ": %s", c->note);
      if (c->as_of && k > 0 && (size_t)k < n)
        snprintf(why + k, n - (size_t)k, " (occupied as of %s)", gr_date_format(c->as_of, d));
      return false;
    }
  }
  return true;
}

static bool has_tripwire(const gr_timeline *tl, const char *guarantor) {
  for (size_t i = 0; i < tl->ntripwires; i++)
    if (strcmp(tl->tripwires[i].guarantor, guarantor) == 0) return true;
  return false;
}

/* Rule 6: does the obligation respond to this event (kind, scale)? */
static bool triggered(const gr_obligation *o, const gr_event *ev, bool tripwire, char *why, size_t n) {
  if (o->triggers.n == 0) {
    snprintf(why, n, "it names no trigger: a standing promise, not one an event sets off");
    return false;
  }
  for (size_t i = 0; i < o->triggers.n; i++) {
    const gr_trigger *t = &o->triggers.items[i];
    bool kind = t->event == ev->kind || (tripwire && t->event == GR_EV_ATTACK_ON_GUARANTOR_FORCES);
    bool scale = !GR_GIVEN(t, GR_KEY_TRIGGER_MIN_SCALE) || ev->scale >= t->min_scale;
    if (kind && scale) return true;
  }
  int k = snprintf(why, n, "it responds to ");
  for (size_t i = 0; i < o->triggers.n && k > 0 && (size_t)k < n; i++) {
    const gr_trigger *t = &o->triggers.items[i];
    k += snprintf(why + k, n - (size_t)k, "%s%s", i ? ", " : "", gr_table_name(GR_T_EVENT_KIND, t->event));
    if (GR_GIVEN(t, GR_KEY_TRIGGER_MIN_SCALE) && k > 0 && (size_t)k < n)
      k += snprintf(why + k, n - (size_t)k, " from scale %s", gr_table_name(GR_T_SCALE, t->min_scale));
  }
  if (k > 0 && (size_t)k < n)
    snprintf(why + k, n - (size_t)k, "; this is %s at scale %s", gr_table_name(GR_T_EVENT_KIND, ev->kind),
             gr_table_name(GR_T_SCALE, ev->scale));
  return false;
}

static const char *commitment_note(const gr_obligation *o) {
  switch (o->commitment) {
  case GR_COMMIT_WILLING: return " (commitment: willing, not signed)";
  case GR_COMMIT_CONDITIONAL: return " (commitment: conditional)";
  case GR_COMMIT_UNDECIDED: return " (commitment: undecided)";
  default: return "";
  }
}

/* The guarantors with something on offer (a guarantor that declined
 * everything has no say), comma-separated as far as `buf` holds them;
 * whether `who` is among them. */
static void guarantor_list(const gr_arrangement *arr, char *buf, size_t n, bool *has, const char *who) {
  enum { LISTED = 64 };
  const char *g[LISTED];
  size_t ng = gr_arrangement_guarantors(arr, true, g, LISTED), k = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < ng && i < LISTED; i++) {
    int w = snprintf(buf + k, n - k, "%s%s", k ? ", " : "", g[i]);
    if (w < 0 || (size_t)w >= n - k) break;
    k += (size_t)w;
  }
  *has = false;
  for (size_t i = 0; who != NULL && i < arr->obligations.n; i++)
    if (arr->obligations.items[i].commitment != GR_COMMIT_DECLINED && strcmp(arr->obligations.items[i].guarantor, who) == 0)
      *has = true;
}

static void decide(const gr_catalog *cat, const gr_arrangement *arr, const gr_event *ev, gr_timeline *tl,
                   gr_timeline_entry *a) {
  const gr_obligation *o = a->obligation;
  const gr_facts *f = tl->facts;
  char buf[256], d[11];
  a->day_from = a->day_to = -1;
  a->fact = -1;

  if (strcmp(ev->target, arr->protects) != 0) {
    say(a, GR_OUT_NOT_TRIGGERED, "target", "the event strikes %s, not the protected state %s", ev->target,
        arr->protects);
    return;
  }
  if (arr->status == GR_ST_LAPSED || arr->status == GR_ST_REJECTED) {
    say(a, GR_OUT_LAPSED, "status", "the arrangement is %s", gr_table_name(GR_T_ARRANGEMENT_STATUS, arr->status));
    return;
  }
  if (o->start && o->start > tl->as_of) {
    say(a, GR_OUT_NOT_YET_IN_FORCE, "term", "it starts on %s, after %s", gr_date_format(o->start, d),
        gr_date_format(tl->as_of, buf));
    return;
  }
  if (o->start && o->duration_years > 0 && o->renewal != GR_RENEW_AUTOMATIC &&
      (double)(gr__days_from_civil(tl->as_of) - gr__days_from_civil(o->start)) > o->duration_years * 365.2425) {
    say(a, GR_OUT_LAPSED, "term", "its term of %.15g years from %s ended before %s", o->duration_years,
        gr_date_format(o->start, d), gr_date_format(tl->as_of, buf));
    return;
  }
  if (int_in(&o->revocation, GR_REV_BREACH_OF_NEUTRALITY) && !f->value[GR_FACT_NEUTRALITY_OBSERVED]) {
    say(a, GR_OUT_LAPSED, "revocation", "void: the protected state breached its neutrality (fact neutrality_observed is false)");
    return;
  }
  if (o->commitment == GR_COMMIT_DECLINED) {
    say(a, GR_OUT_DECLINED, "commitment", "%s has declined to take part", o->guarantor);
    return;
  }
  a->tripwire = o->triggers.n > 0 && ev->kind != GR_EV_ATTACK_ON_GUARANTOR_FORCES && has_tripwire(tl, o->guarantor);
  if (!triggered(o, ev, a->tripwire, buf, sizeof buf)) {
    a->tripwire = false;
    say(a, GR_OUT_NOT_TRIGGERED, "trigger", "%s", buf);
    return;
  }
  /* A tripwire only counts when the plain event would not have done. */
  if (a->tripwire) {
    bool plain = false;
    for (size_t i = 0; i < o->triggers.n; i++)
      if (o->triggers.items[i].event == ev->kind &&
          (!GR_GIVEN(&o->triggers.items[i], GR_KEY_TRIGGER_MIN_SCALE) || ev->scale >= o->triggers.items[i].min_scale))
        plain = true;
    a->tripwire = !plain;
  }
  bool any = false;
  char why[256] = "";
  for (size_t i = 0; i < ev->locations.n && !any; i++) {
    int side = effective_side(cat, &ev->locations.items[i], tl->as_of);
    any = in_scope(cat, &o->scope, ev->locations.items[i].region, side, why, sizeof why);
  }
  if (!any) {
    say(a, GR_OUT_OUT_OF_SCOPE, "scope", "%s", why);
    return;
  }
  if (strcmp(o->guarantor, ev->aggressor) == 0) {
    a->blocker = o->guarantor;
    say(a, GR_OUT_BLOCKED, "aggressor", "%s is itself the aggressor", o->guarantor);
    return;
  }
  for (size_t i = 0; i < o->conditions.n; i++) {
    int fact = o->conditions.items[i];
    if (!f->value[fact]) {
      a->fact = fact;
      say(a, GR_OUT_BLOCKED, "condition", "condition %s is false (%s: %s)", gr_table_name(GR_T_FACT, fact),
          gr_fact_origin_name(f->origin[fact]), f->why[fact]);
      return;
    }
  }
  const char *tw = a->tripwire ? "; its own force is under attack (tripwire)" : "";
  switch (o->activation) {
  case GR_ACT_AUTOMATIC:
    a->day_from = a->day_to = 0;
    say(a, GR_OUT_ACTIVATES, "automatic", "activates automatically on day 0%s%s", commitment_note(o), tw);
    break;
  case GR_ACT_AFTER_CONSULTATION:
    a->day_from = 0;
    a->day_to = o->deadline_days > 0 ? o->deadline_days : -1;
    if (o->deadline_days > 0)
      say(a, GR_OUT_NEEDS_CONSULTATION, "after_consultation", "the guarantors consult first, deciding within %d days%s%s",
          o->deadline_days, commitment_note(o), tw);
    else
      say(a, GR_OUT_NEEDS_CONSULTATION, "after_consultation",
          "the guarantors consult first; no deadline is stated%s%s", commitment_note(o), tw);
    break;
  case GR_ACT_DISCRETIONARY:
    say(a, GR_OUT_AT_DISCRETION, "discretionary", "%s decides freely whether and how to act%s%s", o->guarantor,
        commitment_note(o), tw);
    break;
  case GR_ACT_CONSENSUS: {
    bool aggressor_is_party;
    guarantor_list(arr, buf, sizeof buf, &aggressor_is_party, ev->aggressor);
    if (aggressor_is_party) {
      a->blocker = ev->aggressor;
      say(a, GR_OUT_BLOCKED, "consensus", "needs the consent of every guarantor (%s); %s, the aggressor, is one of them and can block it",
          buf, ev->aggressor);
    } else {
      a->day_from = 0;
      say(a, GR_OUT_NEEDS_CONSULTATION, "consensus", "needs the consent of every guarantor (%s): any one can block it%s%s",
          buf, commitment_note(o), tw);
    }
    break;
  }
  case GR_ACT_BY_BODY:
    a->day_from = 0;
    say(a, GR_OUT_NEEDS_CONSULTATION, "by_body", "decided by %s%s%s%s%s%s", o->body ? o->body : "a body",
        o->body_rule ? " (" : "", o->body_rule ? o->body_rule : "", o->body_rule ? ")" : "", commitment_note(o), tw);
    break;
  default:
    say(a, GR_OUT_AT_DISCRETION, "activation", "unknown activation mode");
    break;
  }
}

/* Event kinds that can strike a force where it stands (GR_EV_ order). */
static const bool tripwire_kind[GR_EV__COUNT] = {
    [GR_EV_ARMED_ATTACK] = true, [GR_EV_LIMITED_INCURSION] = true, [GR_EV_STRIKE] = true,
    [GR_EV_ATTACK_ON_GUARANTOR_FORCES] = true,
};

static void find_tripwires(const gr_arrangement *arr, const gr_event *ev, gr_timeline *tl) {
  /* Only what strikes the ground where the forces stand can hit them: not
   * a blockade at sea, cyber sabotage or fire along the line of contact. */
  if (!tripwire_kind[ev->kind]) return;
  for (size_t i = 0; i < arr->obligations.n; i++) {
    const gr_obligation *o = &arr->obligations.items[i];
    /* A force that a false condition keeps at home is not there to be hit. */
    if (o->kind != GR_OB_REASSURANCE_FORCE || !(o->troops.value > 0) || !gr_obligation_on_offer(o, tl->facts)) continue;
    for (size_t j = 0; j < ev->locations.n; j++) {
      const char *r = ev->locations.items[j].region;
      if (!str_in(&o->location.regions, r) || ev->locations.items[j].side == GR_SIDE_OCCUPIED) continue;
      bool dup = false;
      for (size_t k = 0; k < tl->ntripwires; k++)
        if (!strcmp(tl->tripwires[k].guarantor, o->guarantor) && !strcmp(tl->tripwires[k].region, r)) dup = true;
      if (dup) continue;
      gr_tripwire *t = &tl->tripwires[tl->ntripwires++];
      t->guarantor = o->guarantor;
      t->region = r;
      t->troops = o->troops.value;
    }
  }
}


/* By first day, obligations with no day last; stable. */
static int by_day(const void *a, const void *b, void *ctx) {
  (void)ctx;
  const gr_timeline_entry *x = a, *y = b;
  long kx = x->day_from < 0 ? 1L << 30 : x->day_from, ky = y->day_from < 0 ? 1L << 30 : y->day_from;
  return kx < ky ? -1 : kx > ky;
}

gr_status gr_timeline_new(const gr_catalog *cat, const gr_arrangement *arr, const gr_event *ev, const gr_facts *facts,
                          gr_date as_of, gr_timeline **out, gr_error *err) {
  static const char fn[] = "gr_timeline_new";
  if (out == NULL) return gr__fail(err, GR_E_ARG, "%s: NULL argument", fn);
  *out = NULL;
  if (gr__catalog_ready(cat, fn, err) != GR_OK || gr__catalog_has(cat, GR_REC_ARRANGEMENT, arr, fn, err) != GR_OK ||
      gr__catalog_has(cat, GR_REC_EVENT, ev, fn, err) != GR_OK)
    return err ? err->code : GR_E_MISUSE;
  timeline *t = calloc(1, sizeof *t);
  gr_timeline *tl = t ? &t->pub : NULL;
  size_t n = arr->obligations.n;
  size_t ntw = n * (ev->locations.n ? ev->locations.n : 1);
  if (t != NULL) {
    tl->items = calloc(n ? n : 1, sizeof *tl->items);
    tl->tripwires = calloc(ntw ? ntw : 1, sizeof *tl->tripwires);
    t->reasons = calloc(n ? n : 1, sizeof *t->reasons);
  }
  if (t == NULL || tl->items == NULL || tl->tripwires == NULL || t->reasons == NULL) {
    gr_timeline_free(tl);
    return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  }
  t->facts = gr__facts_for(cat, arr, facts, fn, err);
  if (t->facts == NULL) {
    gr_timeline_free(tl);
    return err ? err->code : GR_E_NOMEM;
  }
  tl->facts = t->facts;
  tl->arrangement = arr;
  tl->event = ev;
  tl->as_of = as_of ? as_of : ev->day0 ? ev->day0 : arr->date;
  for (size_t i = 0; i < ev->locations.n; i++) {
    bool early = false;
    gr_region_control_at(gr_catalog_region(cat, ev->locations.items[i].region), tl->as_of, &early);
    if (early) {
      char d[11];
      snprintf(t->note, sizeof t->note, "%s precedes the first control snapshot of %s: the earliest snapshot was used",
               gr_date_format(tl->as_of, d), ev->locations.items[i].region);
      tl->note = t->note;
    }
  }
  find_tripwires(arr, ev, tl);
  for (size_t i = 0; i < n; i++) {
    gr_timeline_entry *a = &tl->items[i];
    a->index = i;
    a->obligation = &arr->obligations.items[i];
    a->reason = t->reasons[i];
    decide(cat, arr, ev, tl, a);
  }
  gr__sort(tl->items, n, sizeof *tl->items, by_day, NULL);
  tl->n = n;
  *out = tl;
  gr__ok(err);
  return GR_OK;
}

void gr_timeline_free(gr_timeline *tl) {
  if (tl == NULL) return;
  timeline *t = (timeline *)(void *)tl;
  free(tl->items);
  free(tl->tripwires);
  free(t->reasons);
  gr_facts_free(t->facts);
  free(t);
}
