/*
 * The trigger engine. For each obligation the rules below are tried in
 * order and the first that decides gives the outcome:
 *
 *   1 target      no event strikes the protected state  -> not triggered
 *   2 status      the arrangement lapsed or was rejected -> lapsed
 *   3 term        starts later / ended; entry into force
 *                 waits for a fact                     -> not yet in force / lapsed
 *   4 revocation  a voiding clause holds: the protected
 *                 state's own acts before the trigger  -> lapsed
 *   5 commitment  the guarantor declined               -> declined
 *   6 trigger     kind, scale, intent or duration short -> not triggered
 *   7 scope       no event location is in scope        -> out of scope
 *   8 aggressor   the guarantor is (or contains) the aggressor -> blocked
 *   9 condition   a required fact is false             -> blocked
 *  10 activation  automatic / after_consultation / discretionary /
 *                 consensus / by_body                  -> the outcome of the mode
 *
 * The case is a scenario: events in day order, by either side. The
 * obligations answer its trigger, the first event in which another actor
 * strikes the protected state; the protected state's acts before it are
 * what the revocation clauses read. A single event is a scenario of one.
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

static const char *const step_role_names[GR_STEP__COUNT] = {"trigger", "conduct", "other", "after"};

const char *gr_step_role_name(gr_step_role role) {
  return (int)role >= 0 && role < GR_STEP__COUNT ? step_role_names[role] : "?";
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
  const gr_catalog *cat;
  size_t at;                    /* The step the obligation at hand answers. */
  const gr_event *tripwire_ev;  /* The attack the tripwires are found for. */
  const gr_event *from, *to;    /* gr__timeline_variant(): `to` stands in for `from`. */
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
static int effective_side(const gr_catalog *cat, const gr_arrangement *arr, const gr_event_location *loc,
                          gr_date as_of) {
  /* The arrangement's own territorial terms come first: they say what the
   * parties agreed a region is, whatever the snapshots say. */
  for (size_t i = 0; i < arr->territory.n; i++) {
    const gr_territory *t = &arr->territory.items[i];
    bool listed = false;
    for (size_t j = 0; j < t->regions.n && !listed; j++) listed = strcmp(t->regions.items[j], loc->region) == 0;
    if (!listed) continue;
    if (t->status == GR_TERR_HELD_DE_FACTO || t->status == GR_TERR_CEDED) return GR_SIDE_OCCUPIED;
    if (t->status == GR_TERR_RETURNED) return GR_SIDE_GOVERNMENT;
    if (t->status == GR_TERR_FROZEN_LINE) as_of = arr->date; /* The line where it stood. */
  }
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

/* Whether an event reaches a trigger's thresholds: scale, intent and
 * duration; if not, why (the first threshold it misses). */
static bool reaches(const gr_trigger *t, const gr_event *ev, char *why, size_t n) {
  if (GR_GIVEN(t, GR_KEY_TRIGGER_MIN_SCALE) && ev->scale < t->min_scale) {
    snprintf(why, n, "it responds to %s from scale %s; this one is %s", gr_table_name(GR_T_EVENT_KIND, t->event),
             gr_table_name(GR_T_SCALE, t->min_scale), gr_table_name(GR_T_SCALE, ev->scale));
    return false;
  }
  if (GR_GIVEN(t, GR_KEY_TRIGGER_INTENT) && ev->intent < t->intent) {
    snprintf(why, n, "it responds to a %s %s; this one's intent is %s", gr_table_name(GR_T_INTENT, t->intent),
             gr_table_name(GR_T_EVENT_KIND, t->event), gr_table_name(GR_T_INTENT, ev->intent));
    return false;
  }
  if (GR_GIVEN(t, GR_KEY_TRIGGER_MIN_DURATION_DAYS) && ev->duration_days < t->min_duration_days) {
    if (GR_GIVEN(ev, GR_KEY_EVENT_DURATION_DAYS))
      snprintf(why, n, "it responds to %s lasting at least %d days; this one lasted %d",
               gr_table_name(GR_T_EVENT_KIND, t->event), t->min_duration_days, ev->duration_days);
    else
      snprintf(why, n, "it responds to %s lasting at least %d days; the event states no duration",
               gr_table_name(GR_T_EVENT_KIND, t->event), t->min_duration_days);
    return false;
  }
  return true;
}

/* Rule 6: does the obligation respond to this event (kind, thresholds)? */
static bool triggered(const gr_obligation *o, const gr_event *ev, bool tripwire, char *why, size_t n) {
  if (o->triggers.n == 0) {
    snprintf(why, n, "it names no trigger: a standing promise, not one an event sets off");
    return false;
  }
  char below[256] = "";
  for (size_t i = 0; i < o->triggers.n; i++) {
    const gr_trigger *t = &o->triggers.items[i];
    bool kind = t->event == ev->kind || (tripwire && t->event == GR_EV_ATTACK_ON_GUARANTOR_FORCES);
    if (!kind) continue;
    if (reaches(t, ev, below, sizeof below)) return true;
  }
  /* The right kind, below a threshold: that is the reason. */
  if (below[0]) {
    snprintf(why, n, "below its threshold: %s", below);
    return false;
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

/* The acts of the protected state before the attack an obligation answers
 * (steps[0..at), `aggressor` that attack's) that a revocation clause reads:
 * the first step, in day order, that voids it under clause `rev`, or NULL.
 * Only deliberate acts count. */
static const gr_timeline_step *voiding_step(const gr_catalog *cat, const gr_arrangement *arr, const gr_timeline *tl,
                                            size_t at, const char *aggressor, int rev) {
  for (size_t i = 0; i < at && i < tl->nsteps; i++) {
    const gr_timeline_step *st = &tl->steps[i];
    const gr_event *e = st->event;
    if (strcmp(e->aggressor, arr->protects) != 0 || e->intent != GR_INTENT_DELIBERATE) continue;
    bool hostile = e->kind == GR_EV_ARMED_ATTACK || e->kind == GR_EV_LIMITED_INCURSION || e->kind == GR_EV_STRIKE ||
                   e->kind == GR_EV_BLOCKADE;
    bool at_aggressor = aggressor == NULL || (e->target && strcmp(e->target, aggressor) == 0);
    bool cities = false;
    for (size_t k = 0; k < e->targets.n; k++)
      cities |= e->targets.items[k] == GR_TGT_CITIES || e->targets.items[k] == GR_TGT_CAPITAL;
    switch (rev) {
    case GR_REV_PROTECTED_STATE_ATTACKS_FIRST:
      if (hostile && at_aggressor) return st;
      break;
    case GR_REV_PROTECTED_STATE_INVADES:
      if ((e->kind == GR_EV_ARMED_ATTACK || e->kind == GR_EV_LIMITED_INCURSION) && at_aggressor) return st;
      break;
    case GR_REV_PROTECTED_STATE_STRIKES_CITIES:
      if ((e->kind == GR_EV_STRIKE || e->kind == GR_EV_ARMED_ATTACK) && at_aggressor && cities) return st;
      break;
    case GR_REV_PROTECTED_STATE_JOINS_NATO:
      if (e->kind == GR_EV_JOINS_ALLIANCE && e->organisation && gr_catalog_actor_in(cat, e->organisation, "NATO"))
        return st;
      break;
    case GR_REV_PROTECTED_STATE_JOINS_ALLIANCE:
    case GR_REV_BREACH_OF_NEUTRALITY:
      if (e->kind == GR_EV_JOINS_ALLIANCE) return st;
      break;
    case GR_REV_CEASEFIRE_BREACH_BY_PROTECTED_STATE:
      if ((hostile || e->kind == GR_EV_CEASEFIRE_VIOLATION) && tl->facts->value[GR_FACT_CEASEFIRE_IN_FORCE]) return st;
      break;
    case GR_REV_PROTECTED_STATE_EXCEEDS_FORCE_CAP:
      if (e->kind == GR_EV_FORCE_BUILDUP && GR_GIVEN(arr, GR_KEY_ARRANGEMENT_FORCE_CAP) &&
          e->troops.value > arr->force_cap.value)
        return st;
      break;
    case GR_REV_PROTECTED_STATE_ACQUIRES_NUCLEAR_WEAPONS:
      if (e->kind == GR_EV_ACQUIRES_NUCLEAR_WEAPONS) return st;
      break;
    default:
      break;
    }
  }
  return NULL;
}

/* Rule 4: whether a revocation clause of `o` holds; the reason names
 * every clause that does, each with the act that voids it. */
static bool revoked(const gr_catalog *cat, const gr_arrangement *arr, const gr_timeline *tl, const gr_obligation *o,
                    char *why, size_t n) {
  const timeline *t = (const timeline *)(const void *)tl;
  const char *aggressor = t->at < tl->nsteps ? tl->steps[t->at].event->aggressor : NULL;
  size_t k = 0;
  why[0] = '\0';
  for (size_t i = 0; i < o->revocation.n && k < n; i++) {
    int rev = o->revocation.items[i];
    const char *term = gr_table_name(GR_T_REVOCATION, rev);
    const gr_timeline_step *st = voiding_step(cat, arr, tl, t->at, aggressor, rev);
    int w = 0;
    if (st) {
      char extra[64] = "";
      if (rev == GR_REV_PROTECTED_STATE_EXCEEDS_FORCE_CAP)
        snprintf(extra, sizeof extra, " (%.15g troops against a cap of %.15g)", st->event->troops.value,
                 arr->force_cap.value);
      w = snprintf(why + k, n - k, "%s (%s): on day %d %s: %s%s", k ? "; and" : "void", term, st->day, st->event->id,
                   st->event->title, extra);
    } else if (rev == GR_REV_BREACH_OF_NEUTRALITY && !tl->facts->value[GR_FACT_NEUTRALITY_OBSERVED]) {
      w = snprintf(why + k, n - k, "%s (%s): fact neutrality_observed is false (%s: %s)", k ? "; and" : "void", term,
                   gr_fact_origin_name(tl->facts->origin[GR_FACT_NEUTRALITY_OBSERVED]),
                   tl->facts->why[GR_FACT_NEUTRALITY_OBSERVED]);
    }
    if (w > 0) k += (size_t)w < n - k ? (size_t)w : n - k - 1;
  }
  return k > 0;
}

/* Whether the guarantor is the aggressor or an organisation or group the
 * aggressor belongs to. */
static bool guarantor_is_aggressor(const gr_catalog *cat, const char *guarantor, const char *aggressor) {
  return strcmp(guarantor, aggressor) == 0 || gr_catalog_actor_in(cat, aggressor, guarantor);
}

/* By_body: the body's members and rule, when the arrangement describes it. */
static const gr_body *find_body(const gr_arrangement *arr, const char *id) {
  for (size_t i = 0; id && i < arr->bodies.n; i++)
    if (arr->bodies.items[i].id && strcmp(arr->bodies.items[i].id, id) == 0) return &arr->bodies.items[i];
  return NULL;
}

static void decide(const gr_catalog *cat, const gr_arrangement *arr, const gr_event *ev, gr_timeline *tl,
                   gr_timeline_entry *a) {
  const gr_obligation *o = a->obligation;
  const gr_facts *f = tl->facts;
  char buf[256], d[11];
  a->day_from = a->day_to = -1;
  a->fact = -1;

  if (ev == NULL) {
    say(a, GR_OUT_NOT_TRIGGERED, "target", "no event of scenario %s strikes the protected state %s",
        tl->scenario ? tl->scenario->id : "?", arr->protects);
    return;
  }
  if (ev->target == NULL || strcmp(ev->target, arr->protects) != 0) {
    if (ev->target == NULL)
      say(a, GR_OUT_NOT_TRIGGERED, "target", "the event is an act of %s alone, not an attack on the protected state %s",
          ev->aggressor, arr->protects);
    else
      say(a, GR_OUT_NOT_TRIGGERED, "target", "the event strikes %s, not the protected state %s", ev->target,
          arr->protects);
    return;
  }
  if (arr->status == GR_ST_LAPSED || arr->status == GR_ST_REJECTED) {
    say(a, GR_OUT_LAPSED, "status", "the arrangement is %s", gr_table_name(GR_T_ARRANGEMENT_STATUS, arr->status));
    return;
  }
  /* The date of the attack answered: the case's date plus its day. Terms
   * and control are read on it (an attack in year 11 of a 10-year term
   * finds it lapsed, whenever the scenario starts). */
  const timeline *tp = (const timeline *)(const void *)tl;
  int day = tp->at < tl->nsteps ? tl->steps[tp->at].day : 0;
  gr_date when = day > 0 ? gr__civil_from_days(gr__days_from_civil(tl->as_of) + day) : tl->as_of;
  /* Terms: the obligation's own, else the arrangement's. */
  gr_date start = GR_GIVEN(o, GR_KEY_OBLIGATION_START) ? o->start : arr->start;
  double years = GR_GIVEN(o, GR_KEY_OBLIGATION_DURATION_YEARS) ? o->duration_years : arr->duration_years;
  int renewal = GR_GIVEN(o, GR_KEY_OBLIGATION_RENEWAL) ? o->renewal : arr->renewal;
  const char *whose = GR_GIVEN(o, GR_KEY_OBLIGATION_START) ? "it starts" : "the arrangement starts";
  if (start && start > when) {
    say(a, GR_OUT_NOT_YET_IN_FORCE, "term", "%s on %s, after %s", whose, gr_date_format(start, d),
        gr_date_format(when, buf));
    return;
  }
  if (start && years > 0 && renewal != GR_RENEW_AUTOMATIC &&
      (double)(gr__days_from_civil(when) - gr__days_from_civil(start)) > years * 365.2425) {
    say(a, GR_OUT_LAPSED, "term", "its term of %.15g year%s from %s ended before %s", years, years == 1 ? "" : "s",
        gr_date_format(start, d), gr_date_format(when, buf));
    return;
  }
  for (size_t i = 0; i < arr->entry_into_force.n; i++) {
    int fact = arr->entry_into_force.items[i];
    if (!f->value[fact]) {
      a->fact = fact;
      say(a, GR_OUT_NOT_YET_IN_FORCE, "entry_into_force", "the arrangement enters into force once %s holds; it does not (%s: %s)",
          gr_table_name(GR_T_FACT, fact), gr_fact_origin_name(f->origin[fact]), f->why[fact]);
      return;
    }
  }
  if (revoked(cat, arr, tl, o, buf, sizeof buf)) {
    say(a, GR_OUT_LAPSED, "revocation", "%s", buf);
    return;
  }
  if (o->commitment == GR_COMMIT_DECLINED) {
    say(a, GR_OUT_DECLINED, "commitment", "%s has declined to take part", o->guarantor);
    return;
  }
  a->tripwire = o->triggers.n > 0 && ev->kind != GR_EV_ATTACK_ON_GUARANTOR_FORCES &&
                ev == tp->tripwire_ev && has_tripwire(tl, o->guarantor);
  if (!triggered(o, ev, a->tripwire, buf, sizeof buf)) {
    a->tripwire = false;
    say(a, GR_OUT_NOT_TRIGGERED, "trigger", "%s", buf);
    return;
  }
  /* A tripwire only counts when the plain event would not have done. */
  if (a->tripwire) {
    bool plain = false;
    char unused[8];
    for (size_t i = 0; i < o->triggers.n; i++)
      if (o->triggers.items[i].event == ev->kind && reaches(&o->triggers.items[i], ev, unused, sizeof unused))
        plain = true;
    a->tripwire = !plain;
  }
  bool any = false;
  char why[256] = "";
  if (ev->locations.n == 0) {
    /* Only what the event strikes is known, not where. */
    any = o->scope.include.n == 0 && o->scope.exclude.n == 0;
    if (!any) snprintf(why, sizeof why, "the event names no region, and the obligation's scope is limited to some");
  }
  for (size_t i = 0; i < ev->locations.n && !any; i++) {
    int side = effective_side(cat, arr, &ev->locations.items[i], when);
    any = in_scope(cat, &o->scope, ev->locations.items[i].region, side, why, sizeof why);
  }
  if (!any) {
    say(a, GR_OUT_OUT_OF_SCOPE, "scope", "%s", why);
    return;
  }
  if (guarantor_is_aggressor(cat, o->guarantor, ev->aggressor)) {
    a->blocker = ev->aggressor;
    if (strcmp(o->guarantor, ev->aggressor) == 0)
      say(a, GR_OUT_BLOCKED, "aggressor", "%s is itself the aggressor", o->guarantor);
    else
      say(a, GR_OUT_BLOCKED, "aggressor", "%s, the aggressor, is a member of %s and can block its action",
          ev->aggressor, o->guarantor);
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
    say(a, GR_OUT_ACTIVATES, "automatic", "activates automatically on day %d%s%s", day, commitment_note(o), tw);
    break;
  case GR_ACT_AFTER_CONSULTATION:
    a->day_from = 0;
    a->day_to = o->deadline_days > 0 ? o->deadline_days : -1;
    if (o->deadline_days > 0)
      say(a, GR_OUT_NEEDS_CONSULTATION, "after_consultation", "the guarantors consult first, deciding within %d day%s%s%s",
          o->deadline_days, o->deadline_days == 1 ? "" : "s", commitment_note(o), tw);
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
  case GR_ACT_BY_BODY: {
    const gr_body *body = find_body(arr, o->body);
    bool member = false;
    for (size_t i = 0; body && i < body->members.n; i++)
      member |= guarantor_is_aggressor(cat, body->members.items[i], ev->aggressor);
    bool chair = body && body->chair && guarantor_is_aggressor(cat, body->chair, ev->aggressor);
    bool ruled = body && GR_GIVEN(body, GR_KEY_BODY_RULE);
    if (ruled && ((member && body->rule == GR_DECIDE_CONSENSUS) || (chair && body->rule == GR_DECIDE_CHAIR))) {
      a->blocker = ev->aggressor;
      say(a, GR_OUT_BLOCKED, "by_body", "decided by %s (%s, rule %s); %s, the aggressor, %s and can block it", body->id,
          body->title, gr_table_name(GR_T_DECISION_RULE, body->rule), ev->aggressor,
          body->rule == GR_DECIDE_CHAIR ? "chairs it" : "sits on it");
      break;
    }
    a->day_from = 0;
    if (body) {
      const char *who = !GR_GIVEN(body, GR_KEY_BODY_MEMBERS) ? "; its members are not stated"
                        : member && ruled                  ? "; the aggressor sits on it but cannot block it alone"
                        : member                           ? "; the aggressor sits on it"
                                                           : "";
      say(a, GR_OUT_NEEDS_CONSULTATION, "by_body", "decided by %s (%s, rule %s)%s%s%s", body->id, body->title,
          ruled ? gr_table_name(GR_T_DECISION_RULE, body->rule) : "not stated", who, commitment_note(o), tw);
      break;
    }
    say(a, GR_OUT_NEEDS_CONSULTATION, "by_body", "decided by %s%s%s%s%s%s", o->body ? o->body : "a body",
        o->body_rule ? " (" : "", o->body_rule ? o->body_rule : "", o->body_rule ? ")" : "", commitment_note(o), tw);
    break;
  }
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
    /* A force of unstated size stands there too; a stated 0 does not. */
    if (o->kind != GR_OB_REASSURANCE_FORCE || (o->troops.given && !(o->troops.value > 0)) ||
        !gr_obligation_on_offer(o, tl->facts))
      continue;
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

gr_status gr_case_date(const gr_catalog *cat, const gr_arrangement *arr, const gr_scenario *sc, const gr_event *ev,
                       gr_date as_of, gr_date *date, const char **from, gr_error *err) {
  if (cat == NULL || arr == NULL || date == NULL) return gr__fail(err, GR_E_ARG, "gr_case_date: NULL argument");
  gr_date own = sc ? sc->date : ev ? ev->day0 : 0;
  const char *own_from = sc ? "the scenario's date" : "the event's day 0";
  if (own && as_of && own != as_of) {
    char a[11], b[11];
    return gr__fail(err, GR_E_ARG, "%s '%s' is dated %s; as of %s contradicts it", sc ? "scenario" : "event",
                    sc ? sc->id : ev->id, gr_date_format(own, a), gr_date_format(as_of, b));
  }
  const char *dflt = NULL;
  *date = own ? own : as_of ? as_of : gr__default_date(cat, arr, &dflt);
  if (from) *from = own ? own_from : as_of ? "as_of" : dflt;
  gr__ok(err);
  return GR_OK;
}

/* Whether event e is an attack on `protects` by another actor: the kind
 * of event obligations answer. */
static bool attack_on(const gr_event *e, const char *protects) {
  return e->target && strcmp(e->target, protects) == 0 && strcmp(e->aggressor, protects) != 0 &&
         e->kind < GR_EV_JOINS_ALLIANCE;
}

static gr_status build(const gr_catalog *cat, const gr_arrangement *arr, const gr_scenario *sc, const gr_event *ev,
                       const gr_facts *facts, gr_date as_of, const char *fn, const gr_event *from,
                       const gr_event *to, gr_timeline **out, gr_error *err) {
  timeline *t = calloc(1, sizeof *t);
  if (t != NULL) t->from = from, t->to = to;
  if (ev != NULL && ev == from) ev = to;
  gr_timeline *tl = t ? &t->pub : NULL;
  size_t n = arr->obligations.n, nsteps = sc ? sc->events.n : 1;
  if (t != NULL) {
    tl->items = calloc(n ? n : 1, sizeof *tl->items);
    t->reasons = calloc(n ? n : 1, sizeof *t->reasons);
    tl->steps = calloc(nsteps, sizeof *tl->steps);
  }
  if (t == NULL || tl->items == NULL || t->reasons == NULL || tl->steps == NULL) {
    gr_timeline_free(tl);
    return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  }
  t->cat = cat;
  tl->arrangement = arr;
  tl->scenario = sc;
  tl->trigger_day = -1;
  /* The steps in day order (the loader keeps a scenario's events so), and
   * the trigger among them. */
  for (size_t i = 0; i < nsteps; i++) {
    gr_timeline_step *st = &tl->steps[tl->nsteps++];
    st->event = sc ? gr_catalog_event(cat, sc->events.items[i].event) : ev;
    if (st->event != NULL && st->event == from) st->event = to;
    st->day = sc ? sc->events.items[i].day : 0;
    if (st->event == NULL) {
      gr_timeline_free(tl);
      return gr__fail(err, GR_E_MISUSE, "%s: scenario '%s' names no event '%s'", fn, sc->id, sc->events.items[i].event);
    }
    st->role = strcmp(st->event->aggressor, arr->protects) == 0 ? GR_STEP_CONDUCT : GR_STEP_OTHER;
    if (t->tripwire_ev == NULL && attack_on(st->event, arr->protects)) t->tripwire_ev = st->event;
  }
  /* A single event is answered whatever it strikes: rule 1 says so. */
  if (sc == NULL) t->tripwire_ev = ev;
  gr_status st = gr_case_date(cat, arr, sc, ev, as_of, &tl->as_of, &tl->date_from, err);
  if (st == GR_OK) {
    t->facts = gr__facts_for(cat, arr, facts, fn, err);
    st = t->facts == NULL ? (err ? err->code : GR_E_NOMEM) : gr_facts_apply_scenario(t->facts, sc, err);
  }
  if (st != GR_OK) {
    gr_timeline_free(tl);
    return st;
  }
  tl->facts = t->facts;
  const gr_event *trig = t->tripwire_ev;
  size_t nloc = trig ? trig->locations.n : 0;
  tl->tripwires = calloc(n * (nloc ? nloc : 1) + 1, sizeof *tl->tripwires);
  if (tl->tripwires == NULL) {
    gr_timeline_free(tl);
    return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  }
  for (size_t i = 0; i < nloc; i++) {
    bool early = false;
    gr_region_control_at(gr_catalog_region(cat, trig->locations.items[i].region), tl->as_of, &early);
    if (early) {
      char d[11];
      snprintf(t->note, sizeof t->note, "%s precedes the first control snapshot of %s: the earliest snapshot was used",
               gr_date_format(tl->as_of, d), trig->locations.items[i].region);
      tl->note = t->note;
    }
  }
  if (trig) find_tripwires(arr, trig, tl);
  /* Each obligation answers the first attack on the protected state that
   * it responds to and that falls in its scope (a strike may leave an
   * Article-5 promise untouched, and the invasion a week later set it
   * off); when none does, the first attack and its reason stand. The
   * protected state's acts before that attack are what rule 4 reads. */
  size_t headline = tl->nsteps, acted = tl->nsteps; /* Earliest answered; earliest acted on. */
  for (size_t i = 0; i < n; i++) {
    gr_timeline_entry *a = &tl->items[i];
    a->index = i;
    a->obligation = &arr->obligations.items[i];
    a->reason = t->reasons[i];
    size_t first = tl->nsteps, answered = tl->nsteps;
    for (size_t k = 0; k < tl->nsteps && answered == tl->nsteps; k++) {
      if (sc != NULL && !attack_on(tl->steps[k].event, arr->protects)) continue;
      if (first == tl->nsteps) first = k;
      t->at = k;
      decide(cat, arr, tl->steps[k].event, tl, a);
      bool unanswered = a->outcome == GR_OUT_OUT_OF_SCOPE ||
                        (a->outcome == GR_OUT_NOT_TRIGGERED && strcmp(a->rule, "trigger") == 0);
      if (!unanswered) answered = k;
    }
    size_t k = answered < tl->nsteps ? answered : first;
    t->at = k;
    if (k == tl->nsteps) {
      decide(cat, arr, NULL, tl, a); /* No attack at all. */
      continue;
    }
    if (answered == tl->nsteps) decide(cat, arr, tl->steps[k].event, tl, a);
    else if (answered < headline) headline = answered;
    bool acts = a->outcome == GR_OUT_ACTIVATES || a->outcome == GR_OUT_NEEDS_CONSULTATION ||
                a->outcome == GR_OUT_AT_DISCRETION;
    if (acts && answered < acted) acted = answered;
    /* Days count from the scenario's day 0: help comes after the attack. */
    if (a->day_from >= 0) a->day_from += tl->steps[k].day;
    if (a->day_to >= 0) a->day_to += tl->steps[k].day;
  }
  /* The timeline's attack: the first one an obligation acts on, else the
   * first one an obligation answers, else the first there is; the model
   * weighs it. */
  if (acted < tl->nsteps) headline = acted;
  if (headline == tl->nsteps)
    for (size_t k = 0; k < tl->nsteps && headline == tl->nsteps; k++)
      if (sc == NULL || attack_on(tl->steps[k].event, arr->protects)) headline = k;
  if (headline < tl->nsteps) {
    tl->event = tl->steps[headline].event;
    tl->trigger_day = tl->steps[headline].day;
    tl->steps[headline].role = GR_STEP_TRIGGER;
    for (size_t k = headline + 1; k < tl->nsteps; k++) tl->steps[k].role = GR_STEP_AFTER;
  }
  gr__sort(tl->items, n, sizeof *tl->items, by_day, NULL);
  tl->n = n;
  *out = tl;
  gr__ok(err);
  return GR_OK;
}

gr_status gr_timeline_new(const gr_catalog *cat, const gr_arrangement *arr, const gr_event *ev, const gr_facts *facts,
                          gr_date as_of, gr_timeline **out, gr_error *err) {
  static const char fn[] = "gr_timeline_new";
  if (out == NULL) return gr__fail(err, GR_E_ARG, "%s: NULL argument", fn);
  *out = NULL;
  if (gr__catalog_ready(cat, fn, err) != GR_OK || gr__catalog_has(cat, GR_REC_ARRANGEMENT, arr, fn, err) != GR_OK ||
      gr__catalog_has(cat, GR_REC_EVENT, ev, fn, err) != GR_OK)
    return err ? err->code : GR_E_MISUSE;
  return build(cat, arr, NULL, ev, facts, as_of, fn, NULL, NULL, out, err);
}

gr_status gr_timeline_scenario_new(const gr_catalog *cat, const gr_arrangement *arr, const gr_scenario *sc,
                                   const gr_facts *facts, gr_date as_of, gr_timeline **out, gr_error *err) {
  static const char fn[] = "gr_timeline_scenario_new";
  if (out == NULL) return gr__fail(err, GR_E_ARG, "%s: NULL argument", fn);
  *out = NULL;
  if (gr__catalog_ready(cat, fn, err) != GR_OK || gr__catalog_has(cat, GR_REC_ARRANGEMENT, arr, fn, err) != GR_OK ||
      gr__catalog_has(cat, GR_REC_SCENARIO, sc, fn, err) != GR_OK)
    return err ? err->code : GR_E_MISUSE;
  return build(cat, arr, sc, NULL, facts, as_of, fn, NULL, NULL, out, err);
}

gr_status gr__timeline_variant(const gr_catalog *cat, const gr_arrangement *arr, const gr_scenario *sc,
                               const gr_event *ev, const gr_facts *facts, gr_date as_of, const gr_event *from,
                               const gr_event *to, gr_timeline **out, gr_error *err) {
  static const char fn[] = "gr__timeline_variant";
  *out = NULL;
  return build(cat, arr, sc, ev, facts, as_of, fn, from, to, out, err);
}

void gr_timeline_free(gr_timeline *tl) {
  if (tl == NULL) return;
  timeline *t = (timeline *)(void *)tl;
  free(tl->items);
  free(tl->tripwires);
  free(tl->steps);
  free(t->reasons);
  gr_facts_free(t->facts);
  free(t);
}
