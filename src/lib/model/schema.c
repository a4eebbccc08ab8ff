/*
 * The schema of every record and nested value: one row per key, saying its
 * type, whether it is required, where it is stored and its valid range. The
 * loader (load.c), the serialiser (dump.c) and the docs (file-format.md)
 * follow these tables; a key exists when and only when it has a row here.
 *
 * Checks that tie several keys together (a beta needs a and b, a control
 * snapshot's share must agree with its status) are the `check` functions.
 */
#include <math.h>
#include <stdio.h>
#include <stddef.h>
#include <string.h>

#include "model/schema.h"

/* One row per key, placed at its public index GR_KEY_<P>_<N> (model.h) by
 * a designated initializer, so a row cannot drift from its constant; the
 * constant's name is kept (#N) for the test that checks it spells the
 * key. */
#define ROW(P, N) [GR_KEY_##P##_##N] =
#define FIELD(S, P, N, k, t, fl, member) \
  ROW(P, N) { k, t, GR__F_STR, fl, offsetof(S, member), -1, -1, NULL, 0, 0, #N }
#define ENUMF(S, P, N, k, fl, member, tab) \
  ROW(P, N) { k, GR__F_ENUM, GR__F_STR, fl, offsetof(S, member), tab, -1, NULL, 0, 0, #N }
#define REFF(S, P, N, k, fl, member, kind) \
  ROW(P, N) { k, GR__F_REF, GR__F_STR, fl, offsetof(S, member), -1, kind, NULL, 0, 0, #N }
#define GROUPREF(S, P, N, k, fl, member) \
  ROW(P, N) { k, GR__F_REF, GR__F_STR, (fl) | GR__GROUP, offsetof(S, member), -1, GR_REC_ACTOR, NULL, 0, 0, #N }
#define OBJF(S, P, N, k, fl, member, schema) \
  ROW(P, N) { k, GR__F_OBJ, GR__F_STR, fl, offsetof(S, member), -1, -1, schema, 0, 0, #N }
#define RANGEF(S, P, N, k, t, fl, member, lo, hi) \
  ROW(P, N) { k, t, GR__F_STR, (fl) | GR__RANGE, offsetof(S, member), -1, -1, NULL, lo, hi, #N }
#define LISTF(S, P, N, k, el, fl, member) \
  ROW(P, N) { k, GR__F_LIST, el, fl, offsetof(S, member), -1, -1, NULL, 0, 0, #N }
#define LISTENUM(S, P, N, k, fl, member, tab) \
  ROW(P, N) { k, GR__F_LIST, GR__F_ENUM, fl, offsetof(S, member), tab, -1, NULL, 0, 0, #N }
#define LISTREF(S, P, N, k, fl, member, kind) \
  ROW(P, N) { k, GR__F_LIST, GR__F_REF, fl, offsetof(S, member), -1, kind, NULL, 0, 0, #N }
#define LISTGROUPREF(S, P, N, k, fl, member) \
  ROW(P, N) { k, GR__F_LIST, GR__F_REF, (fl) | GR__GROUP, offsetof(S, member), -1, GR_REC_ACTOR, NULL, 0, 0, #N }
#define LISTOBJ(S, P, N, k, fl, member, schema) \
  ROW(P, N) { k, GR__F_LIST, GR__F_OBJ, fl, offsetof(S, member), -1, -1, schema, 0, 0, #N }
#define QTYF(S, P, N, k, fl, member, lo, hi) \
  ROW(P, N) { k, GR__F_OBJ, GR__F_STR, (fl) | GR__RANGE, offsetof(S, member), -1, -1, &quantity_schema, lo, hi, #N }

#define SCHEMA(S, name, rows, shorthand, check) \
  { name, sizeof(S), rows, sizeof(rows) / sizeof(rows[0]), shorthand, \
    offsetof(S, given), offsetof(S, pos), check }

/* Every key has a row and every row a key, and the mask has a bit for
 * each. */
#define KEYS_MATCH(P, rows)                                                                     \
  _Static_assert(sizeof(rows) / sizeof(rows[0]) == GR_KEY_##P##__COUNT, "one row per key of " #P); \
  _Static_assert(GR_KEY_##P##__COUNT <= 64, "the given mask has a bit per key of " #P)


/* ---- Reporting through the sink ------------------------------------- */

static void vreport(gr__sink *s, gr_severity sev, const gr_pos *pos, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
static void vreport(gr__sink *s, gr_severity sev, const gr_pos *pos, const char *fmt, va_list ap) {
  char buf[1024];
  vsnprintf(buf, sizeof buf, fmt, ap);
  s->emit(s, sev, pos, buf);
}

void gr__check_error(gr__sink *s, const gr_pos *pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(s, GR_SEV_ERROR, pos, fmt, ap);
  va_end(ap);
}

void gr__check_warning(gr__sink *s, const gr_pos *pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(s, GR_SEV_WARNING, pos, fmt, ap);
  va_end(ap);
}

/* ---- Source and quantity -------------------------------------------- */

static void check_source(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_source *s = obj;
  if (s->doc == NULL && s->ref == NULL && s->assumption == NULL)
    gr__check_error(sink, pos, "a source needs 'doc' (with 'quote'), 'ref' or 'assumption'");
  else if (s->doc != NULL && s->quote == NULL)
    gr__check_error(sink, pos, "a source with 'doc' needs a 'quote' from it");
}

static const gr__field source_fields[] = {
    REFF(gr_source, SOURCE, DOC, "doc", 0, doc, GR_REC_DOCUMENT),
    FIELD(gr_source, SOURCE, QUOTE, "quote", GR__F_STR, 0, quote),
    FIELD(gr_source, SOURCE, REF, "ref", GR__F_STR, 0, ref),
    FIELD(gr_source, SOURCE, ASSUMPTION, "assumption", GR__F_STR, 0, assumption),
};
KEYS_MATCH(SOURCE, source_fields);
static const gr__schema source_schema = SCHEMA(gr_source, "source", source_fields, -1, check_source);

static const gr__field quantity_fields[] = {
    FIELD(gr_quantity, QUANTITY, VALUE, "value", GR__F_NUM, GR__REQ, value),
    RANGEF(gr_quantity, QUANTITY, YEAR, "year", GR__F_INT, 0, year, 1800, 2200),
    OBJF(gr_quantity, QUANTITY, SOURCE, "source", 0, source, &source_schema),
};
KEYS_MATCH(QUANTITY, quantity_fields);
static const gr__schema quantity_schema =
    SCHEMA(gr_quantity, "quantity", quantity_fields, GR_KEY_QUANTITY_VALUE, NULL);

/* ---- Assumed values ------------------------------------------------- */

static const gr__field assumed_fields[] = {
    FIELD(gr_assumed, ASSUMED, KEY, "key", GR__F_STR, GR__REQ, key),
    FIELD(gr_assumed, ASSUMED, REASON, "reason", GR__F_STR, GR__REQ, reason),
};
KEYS_MATCH(ASSUMED, assumed_fields);
static const gr__schema assumed_schema = SCHEMA(gr_assumed, "assumed value", assumed_fields, -1, NULL);

/* Every key an `assumed` list names must be a key of the record, given in
 * it, and named once. */
static void check_assumed(gr__sink *sink, const gr_assumedlist *l, const gr__field *fields, size_t nfields,
                          uint64_t given, const char *what) {
  for (size_t i = 0; i < l->n; i++) {
    const gr_assumed *a = &l->items[i];
    if (a->key == NULL) continue;
    size_t f = 0;
    while (f < nfields && strcmp(fields[f].key, a->key) != 0) f++;
    if (f == nfields || strcmp(a->key, "assumed") == 0)
      gr__check_error(sink, &a->pos, "'%s' is not a key of this %s that can be marked assumed", a->key, what);
    else if (!((given >> f) & 1u))
      gr__check_error(sink, &a->pos, "'%s' is marked assumed, but this %s does not give it", a->key, what);
    for (size_t j = 0; j < i; j++)
      if (l->items[j].key && strcmp(l->items[j].key, a->key) == 0)
        gr__check_error(sink, &a->pos, "'%s' is marked assumed twice", a->key);
  }
}

/* ---- Document ---------------------------------------------------------- */

static const gr__field document_fields[] = {
    FIELD(gr_document, DOCUMENT, ID, "id", GR__F_ID, GR__REQ, id),
    FIELD(gr_document, DOCUMENT, TITLE, "title", GR__F_STR, 0, title),
    FIELD(gr_document, DOCUMENT, OUTLET, "outlet", GR__F_STR, 0, outlet),
    FIELD(gr_document, DOCUMENT, AUTHOR, "author", GR__F_STR, 0, author),
    FIELD(gr_document, DOCUMENT, DATE, "date", GR__F_DATE, GR__REQ, date),
    FIELD(gr_document, DOCUMENT, DATE_INFERRED, "date_inferred", GR__F_BOOL, 0, date_inferred),
    FIELD(gr_document, DOCUMENT, SUMMARY, "summary", GR__F_STR, 0, summary),
};
KEYS_MATCH(DOCUMENT, document_fields);
static const gr__schema document_schema = SCHEMA(gr_document, "document", document_fields, -1, NULL);

/* ---- Actor ------------------------------------------------------------- */

static void check_actor(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_actor *a = obj;
  if (GR_GIVEN(a, GR_KEY_ACTOR_DEPLOY_APPROVAL) && a->type != GR_ACTOR_STATE)
    gr__check_error(sink, pos, "only a state has a 'deploy_approval'");
  if (GR_GIVEN(a, GR_KEY_ACTOR_MEMBERS) && a->type == GR_ACTOR_STATE)
    gr__check_error(sink, pos, "only an organisation or a group has 'members'");
  if (GR_GIVEN(a, GR_KEY_ACTOR_DEPLOY_APPROVAL_SOURCE) && !GR_GIVEN(a, GR_KEY_ACTOR_DEPLOY_APPROVAL))
    gr__check_error(sink, &a->deploy_approval_source.pos,
                   "'deploy_approval_source' without 'deploy_approval'");
  if (GR_GIVEN(a, GR_KEY_ACTOR_NUCLEAR_SINCE) && !(GR_GIVEN(a, GR_KEY_ACTOR_NUCLEAR) && a->nuclear))
    gr__check_error(sink, pos, "'nuclear_since' needs 'nuclear: true'");
  if (GR_GIVEN(a, GR_KEY_ACTOR_NUCLEAR_SINCE) && !GR_GIVEN(a, GR_KEY_ACTOR_NUCLEAR_SOURCE))
    gr__check_error(sink, pos, "'nuclear_since' needs a 'nuclear_source' for the date");
  if (a->type == GR_ACTOR_TERRITORY && GR_GIVEN(a, GR_KEY_ACTOR_PERSONNEL) && a->personnel.value > 0)
    gr__check_error(sink, &a->personnel.pos, "a territory has no armed forces of its own: no 'personnel' above 0");
  if (GR_GIVEN(a, GR_KEY_ACTOR_COW) && a->type != GR_ACTOR_STATE)
    gr__check_error(sink, pos, "only a state has a Correlates of War code ('cow')");
}

static const gr__field actor_fields[] = {
    FIELD(gr_actor, ACTOR, ID, "id", GR__F_ID, GR__REQ, id),
    FIELD(gr_actor, ACTOR, NAME, "name", GR__F_STR, GR__REQ, name),
    LISTF(gr_actor, ACTOR, ALIASES, "aliases", GR__F_STR, 0, aliases),
    ENUMF(gr_actor, ACTOR, TYPE, "type", GR__REQ, type, GR_T_ACTOR_TYPE),
    LISTGROUPREF(gr_actor, ACTOR, MEMBERSHIPS, "memberships", 0, memberships),
    FIELD(gr_actor, ACTOR, NUCLEAR, "nuclear", GR__F_BOOL, 0, nuclear),
    QTYF(gr_actor, ACTOR, PERSONNEL, "personnel", 0, personnel, 0, 10e6),
    QTYF(gr_actor, ACTOR, BUDGET, "budget", 0, budget, 0, 5000),
    ENUMF(gr_actor, ACTOR, DEPLOY_APPROVAL, "deploy_approval", 0, deploy_approval, GR_T_APPROVAL),
    OBJF(gr_actor, ACTOR, DEPLOY_APPROVAL_SOURCE, "deploy_approval_source", 0, deploy_approval_source, &source_schema),
    LISTOBJ(gr_actor, ACTOR, SOURCES, "sources", GR__REQ, sources, &source_schema),
    FIELD(gr_actor, ACTOR, NOTE, "note", GR__F_STR, 0, note),
    LISTREF(gr_actor, ACTOR, MEMBERS, "members", 0, members, GR_REC_ACTOR),
    RANGEF(gr_actor, ACTOR, COW, "cow", GR__F_INT, 0, cow, 1, 999),
    FIELD(gr_actor, ACTOR, NUCLEAR_SINCE, "nuclear_since", GR__F_DATE, 0, nuclear_since),
    OBJF(gr_actor, ACTOR, NUCLEAR_SOURCE, "nuclear_source", 0, nuclear_source, &source_schema),
};
KEYS_MATCH(ACTOR, actor_fields);
static const gr__schema actor_schema = SCHEMA(gr_actor, "actor", actor_fields, -1, check_actor);

/* ---- Region ------------------------------------------------------------ */

static void check_control(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_control *c = obj;
  if (!GR_GIVEN(c, GR_KEY_CONTROL_OCCUPIED_SHARE)) return; /* A missing share is reported as missing. */
  double s = c->occupied_share;
  if (c->status == GR_CTL_GOVERNMENT && s != 0.0)
    gr__check_error(sink, pos, "status 'government' needs occupied_share 0, not %g", s);
  else if (c->status == GR_CTL_OCCUPIED && s != 1.0)
    gr__check_error(sink, pos, "status 'occupied' needs occupied_share 1, not %g", s);
  else if (c->status == GR_CTL_PARTLY_OCCUPIED && (s <= 0.0 || s >= 1.0))
    gr__check_error(sink, pos, "status 'partly_occupied' needs an occupied_share strictly between 0 and 1, not %g", s);
}

static const gr__field control_fields[] = {
    FIELD(gr_control, CONTROL, DATE, "date", GR__F_DATE, GR__REQ, date),
    ENUMF(gr_control, CONTROL, STATUS, "status", GR__REQ, status, GR_T_CONTROL_STATUS),
    RANGEF(gr_control, CONTROL, OCCUPIED_SHARE, "occupied_share", GR__F_NUM, GR__REQ, occupied_share, 0, 1),
    OBJF(gr_control, CONTROL, SOURCE, "source", GR__REQ, source, &source_schema),
};
KEYS_MATCH(CONTROL, control_fields);
static const gr__schema control_schema = SCHEMA(gr_control, "control snapshot", control_fields, -1, check_control);

static void check_region(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_region *r = obj;
  (void)pos;
  for (size_t i = 1; i < r->control.n; i++) {
    char d[11];
    if (r->control.items[i].date == r->control.items[i - 1].date)
      gr__check_error(sink, &r->control.items[i].pos, "two control snapshots share the date %s",
                     gr_date_format(r->control.items[i].date, d));
    else if (r->control.items[i].date < r->control.items[i - 1].date)
      gr__check_error(sink, &r->control.items[i].pos,
                     "control snapshots must be in date order, oldest first");
  }
}

static const gr__field region_fields[] = {
    FIELD(gr_region, REGION, ID, "id", GR__F_ID, GR__REQ, id),
    FIELD(gr_region, REGION, NAME, "name", GR__F_STR, GR__REQ, name),
    LISTF(gr_region, REGION, ALIASES, "aliases", GR__F_STR, 0, aliases),
    REFF(gr_region, REGION, STATE, "state", GR__REQ, state, GR_REC_ACTOR),
    ENUMF(gr_region, REGION, TYPE, "type", GR__REQ, type, GR_T_REGION_TYPE),
    LISTOBJ(gr_region, REGION, CONTROL, "control", GR__REQ, control, &control_schema),
};
KEYS_MATCH(REGION, region_fields);
static const gr__schema region_schema = SCHEMA(gr_region, "region", region_fields, -1, check_region);

/* ---- Arrangement and obligation ------------------------------------ */

static const gr__field scope_clause_fields[] = {
    LISTREF(gr_scope_clause, SCOPE_CLAUSE, REGIONS, "regions", 0, regions, GR_REC_REGION),
    LISTENUM(gr_scope_clause, SCOPE_CLAUSE, SIDES, "sides", 0, sides, GR_T_SIDE),
    FIELD(gr_scope_clause, SCOPE_CLAUSE, AS_OF, "as_of", GR__F_DATE, 0, as_of),
    FIELD(gr_scope_clause, SCOPE_CLAUSE, NOTE, "note", GR__F_STR, 0, note),
};
KEYS_MATCH(SCOPE_CLAUSE, scope_clause_fields);
static const gr__schema scope_clause_schema =
    SCHEMA(gr_scope_clause, "scope clause", scope_clause_fields, -1, NULL);

static const gr__field scope_fields[] = {
    LISTOBJ(gr_scope, SCOPE, INCLUDE, "include", 0, include, &scope_clause_schema),
    LISTOBJ(gr_scope, SCOPE, EXCLUDE, "exclude", 0, exclude, &scope_clause_schema),
};
KEYS_MATCH(SCOPE, scope_fields);
static const gr__schema scope_schema = SCHEMA(gr_scope, "scope", scope_fields, -1, NULL);

/* A location says where its forces act: regions of the protected state
 * (stationed), a neighbouring state (based_in), offshore or from the air;
 * `basing` follows from regions or based_in when it is not given. */
static void check_location(gr__sink *sink, void *obj, const gr_pos *pos) {
  gr_location *l = obj;
  bool regions = GR_GIVEN(l, GR_KEY_LOCATION_REGIONS), based = GR_GIVEN(l, GR_KEY_LOCATION_BASED_IN);
  if (!GR_GIVEN(l, GR_KEY_LOCATION_BASING)) {
    l->basing = based && !regions ? GR_BASING_NEIGHBOURING : GR_BASING_STATIONED;
    if (!regions && !based)
      gr__check_error(sink, pos, "a location needs 'regions', 'based_in' or 'basing' (a note alone says nowhere)");
    return;
  }
  const char *b = gr_table_name(GR_T_BASING, l->basing);
  if (regions && l->basing != GR_BASING_STATIONED)
    gr__check_error(sink, pos, "'regions' are where forces are stationed; basing '%s' does not go with them", b);
  if (l->basing == GR_BASING_NEIGHBOURING && !based)
    gr__check_error(sink, pos, "basing 'neighbouring' needs 'based_in' (which state)");
  if (l->basing == GR_BASING_STATIONED && based)
    gr__check_error(sink, pos, "basing 'stationed' is in the protected state; 'based_in' does not go with it");
}

static const gr__field location_fields[] = {
    LISTREF(gr_location, LOCATION, REGIONS, "regions", 0, regions, GR_REC_REGION),
    REFF(gr_location, LOCATION, BASED_IN, "based_in", 0, based_in, GR_REC_ACTOR),
    FIELD(gr_location, LOCATION, NOTE, "note", GR__F_STR, 0, note),
    ENUMF(gr_location, LOCATION, BASING, "basing", 0, basing, GR_T_BASING),
    OBJF(gr_location, LOCATION, SOURCE, "source", 0, source, &source_schema),
};
KEYS_MATCH(LOCATION, location_fields);
static const gr__schema location_schema = SCHEMA(gr_location, "location", location_fields, -1, check_location);

static const gr__field trigger_fields[] = {
    ENUMF(gr_trigger, TRIGGER, EVENT, "event", GR__REQ, event, GR_T_EVENT_KIND),
    ENUMF(gr_trigger, TRIGGER, MIN_SCALE, "min_scale", 0, min_scale, GR_T_SCALE),
    ENUMF(gr_trigger, TRIGGER, INTENT, "intent", 0, intent, GR_T_INTENT),
    RANGEF(gr_trigger, TRIGGER, MIN_DURATION_DAYS, "min_duration_days", GR__F_INT, 0, min_duration_days, 1, 36500),
};
KEYS_MATCH(TRIGGER, trigger_fields);
static const gr__schema trigger_schema = SCHEMA(gr_trigger, "trigger", trigger_fields, GR_KEY_TRIGGER_EVENT, NULL);

static const gr__field obligation_fields[GR_KEY_OBLIGATION__COUNT];

static void check_obligation(gr__sink *sink, void *obj, const gr_pos *pos) {
  gr_obligation *o = obj;
  /* A menu of means: the obligation's kind is the strongest of them. */
  if (GR_GIVEN(o, GR_KEY_OBLIGATION_MEANS) && GR_GIVEN(o, GR_KEY_OBLIGATION_KIND))
    gr__check_error(sink, pos, "give 'kind' (one means) or 'means' (a menu of alternatives), not both");
  else if (GR_GIVEN(o, GR_KEY_OBLIGATION_MEANS)) {
    o->kind = o->means.items[0];
    for (size_t i = 1; i < o->means.n; i++)
      if (gr_obligation_kind_rank(o->means.items[i]) > gr_obligation_kind_rank(o->kind)) o->kind = o->means.items[i];
    for (size_t i = 0; i < o->means.n; i++)
      for (size_t j = 0; j < i; j++)
        if (o->means.items[i] == o->means.items[j])
          gr__check_error(sink, pos, "means '%s' is listed twice", gr_table_name(GR_T_OBLIGATION_KIND, o->means.items[i]));
  } else if (!GR_GIVEN(o, GR_KEY_OBLIGATION_KIND))
    gr__check_error(sink, pos, "an obligation needs 'kind' (or 'means', a menu of kinds)");
  check_assumed(sink, &o->assumed, obligation_fields, GR_KEY_OBLIGATION__COUNT, o->given, "obligation");
  for (size_t i = 0; i < o->triggers.n; i++) {
    const gr_trigger *t = &o->triggers.items[i];
    /* Acts of one state (joining an alliance, ...) are the protected
     * state's conduct: revocation reads them; they set nothing off. */
    if (t->event >= GR_EV_JOINS_ALLIANCE)
      gr__check_error(sink, &t->pos,
                      "'%s' is an act of one state, not an attack: it cannot set an obligation off (a revocation "
                      "term can read it)",
                      gr_table_name(GR_T_EVENT_KIND, t->event));
  }
  if (!GR_GIVEN(o, GR_KEY_OBLIGATION_ACTIVATION)) return;
  if (o->activation == GR_ACT_BY_BODY && !GR_GIVEN(o, GR_KEY_OBLIGATION_BODY))
    gr__check_error(sink, pos, "activation 'by_body' needs 'body' (who decides)");
  if (o->activation != GR_ACT_BY_BODY && (GR_GIVEN(o, GR_KEY_OBLIGATION_BODY) || GR_GIVEN(o, GR_KEY_OBLIGATION_BODY_RULE)))
    gr__check_error(sink, pos, "'body' and 'body_rule' go with activation 'by_body', not '%s'",
                   gr_table_name(GR_T_ACTIVATION, o->activation));
  if (o->activation != GR_ACT_AFTER_CONSULTATION && GR_GIVEN(o, GR_KEY_OBLIGATION_DEADLINE_DAYS))
    gr__check_error(sink, pos, "'deadline_days' goes with activation 'after_consultation', not '%s'",
                   gr_table_name(GR_T_ACTIVATION, o->activation));
  if (GR_GIVEN(o, GR_KEY_OBLIGATION_TROOPS) && o->troops.value > 0 && o->kind < GR_OB_TRAINING)
    gr__check_warning(sink, &o->troops.pos, "troops on a '%s' obligation are unusual",
                     gr_table_name(GR_T_OBLIGATION_KIND, o->kind));
}

static const gr__field obligation_fields[] = {
    REFF(gr_obligation, OBLIGATION, GUARANTOR, "guarantor", GR__REQ, guarantor, GR_REC_ACTOR),
    ENUMF(gr_obligation, OBLIGATION, KIND, "kind", 0, kind, GR_T_OBLIGATION_KIND),
    ENUMF(gr_obligation, OBLIGATION, COMMITMENT, "commitment", 0, commitment, GR_T_COMMITMENT),
    QTYF(gr_obligation, OBLIGATION, TROOPS, "troops", 0, troops, 0, 1e6),
    QTYF(gr_obligation, OBLIGATION, VALUE, "value", 0, value, 0, 1e6),
    QTYF(gr_obligation, OBLIGATION, AIRCRAFT, "aircraft", 0, aircraft, 0, 5000),
    OBJF(gr_obligation, OBLIGATION, LOCATION, "location", 0, location, &location_schema),
    LISTOBJ(gr_obligation, OBLIGATION, TRIGGERS, "triggers", 0, triggers, &trigger_schema),
    ENUMF(gr_obligation, OBLIGATION, ACTIVATION, "activation", GR__REQ, activation, GR_T_ACTIVATION),
    RANGEF(gr_obligation, OBLIGATION, DEADLINE_DAYS, "deadline_days", GR__F_INT, 0, deadline_days, 1, 3650),
    FIELD(gr_obligation, OBLIGATION, BODY, "body", GR__F_STR, 0, body),
    FIELD(gr_obligation, OBLIGATION, BODY_RULE, "body_rule", GR__F_STR, 0, body_rule),
    LISTENUM(gr_obligation, OBLIGATION, CONDITIONS, "conditions", 0, conditions, GR_T_FACT),
    OBJF(gr_obligation, OBLIGATION, SCOPE, "scope", 0, scope, &scope_schema),
    FIELD(gr_obligation, OBLIGATION, START, "start", GR__F_DATE, 0, start),
    RANGEF(gr_obligation, OBLIGATION, DURATION_YEARS, "duration_years", GR__F_NUM, 0, duration_years, 0, 200),
    ENUMF(gr_obligation, OBLIGATION, RENEWAL, "renewal", 0, renewal, GR_T_RENEWAL),
    LISTENUM(gr_obligation, OBLIGATION, REVOCATION, "revocation", 0, revocation, GR_T_REVOCATION),
    FIELD(gr_obligation, OBLIGATION, NOTE, "note", GR__F_STR, 0, note),
    LISTOBJ(gr_obligation, OBLIGATION, SOURCES, "sources", GR__REQ, sources, &source_schema),
    LISTENUM(gr_obligation, OBLIGATION, MEANS, "means", 0, means, GR_T_OBLIGATION_KIND),
    LISTOBJ(gr_obligation, OBLIGATION, ASSUMED, "assumed", 0, assumed, &assumed_schema),
};
KEYS_MATCH(OBLIGATION, obligation_fields);
static const gr__schema obligation_schema =
    SCHEMA(gr_obligation, "obligation", obligation_fields, -1, check_obligation);

static const gr__field guarantor_form_fields[] = {
    REFF(gr_guarantor_form, GUARANTOR_FORM, GUARANTOR, "guarantor", GR__REQ, guarantor, GR_REC_ACTOR),
    ENUMF(gr_guarantor_form, GUARANTOR_FORM, LEGAL_FORM, "legal_form", GR__REQ, legal_form, GR_T_LEGAL_FORM),
    FIELD(gr_guarantor_form, GUARANTOR_FORM, NOTE, "note", GR__F_STR, 0, note),
};
KEYS_MATCH(GUARANTOR_FORM, guarantor_form_fields);
static const gr__schema guarantor_form_schema =
    SCHEMA(gr_guarantor_form, "legal form of a guarantor", guarantor_form_fields, -1, NULL);

static const gr__field command_fields[] = {
    REFF(gr_command, COMMAND, LEAD, "lead", 0, lead, GR_REC_ACTOR),
    FIELD(gr_command, COMMAND, NOTE, "note", GR__F_STR, 0, note),
};
KEYS_MATCH(COMMAND, command_fields);
static const gr__schema command_schema = SCHEMA(gr_command, "command", command_fields, -1, NULL);

static const gr__field party_fields[] = {
    REFF(gr_party, PARTY, ACTOR, "actor", GR__REQ, actor, GR_REC_ACTOR),
    ENUMF(gr_party, PARTY, ROLE, "role", GR__REQ, role, GR_T_PARTY_ROLE),
    FIELD(gr_party, PARTY, DATE, "date", GR__F_DATE, 0, date),
    OBJF(gr_party, PARTY, SOURCE, "source", GR__REQ, source, &source_schema),
};
KEYS_MATCH(PARTY, party_fields);
static const gr__schema party_schema = SCHEMA(gr_party, "party", party_fields, -1, NULL);

static void check_body(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_body *b = obj;
  if (b->rule == GR_DECIDE_CHAIR && !GR_GIVEN(b, GR_KEY_BODY_CHAIR) && GR_GIVEN(b, GR_KEY_BODY_RULE))
    gr__check_error(sink, pos, "decision rule 'chair' needs a 'chair'");
}

static const gr__field body_fields[] = {
    FIELD(gr_body, BODY, ID, "id", GR__F_ID, GR__REQ, id),
    FIELD(gr_body, BODY, TITLE, "title", GR__F_STR, GR__REQ, title),
    LISTREF(gr_body, BODY, MEMBERS, "members", 0, members, GR_REC_ACTOR),
    REFF(gr_body, BODY, CHAIR, "chair", 0, chair, GR_REC_ACTOR),
    ENUMF(gr_body, BODY, RULE, "rule", 0, rule, GR_T_DECISION_RULE),
    FIELD(gr_body, BODY, NOTE, "note", GR__F_STR, 0, note),
    OBJF(gr_body, BODY, SOURCE, "source", GR__REQ, source, &source_schema),
};
KEYS_MATCH(BODY, body_fields);
static const gr__schema body_schema = SCHEMA(gr_body, "body", body_fields, -1, check_body);

static const gr__field alliance_bar_fields[] = {
    GROUPREF(gr_alliance_bar, ALLIANCE_BAR, ORGANISATION, "organisation", GR__REQ, organisation),
    FIELD(gr_alliance_bar, ALLIANCE_BAR, BY_CONSENSUS, "by_consensus", GR__F_BOOL, 0, by_consensus),
    OBJF(gr_alliance_bar, ALLIANCE_BAR, SOURCE, "source", GR__REQ, source, &source_schema),
};
KEYS_MATCH(ALLIANCE_BAR, alliance_bar_fields);
static const gr__schema alliance_bar_schema = SCHEMA(gr_alliance_bar, "alliance bar", alliance_bar_fields, -1, NULL);

static const gr__field troop_bar_fields[] = {
    GROUPREF(gr_troop_bar, TROOP_BAR, FROM, "from", 0, from),
    FIELD(gr_troop_bar, TROOP_BAR, PEACETIME_ONLY, "peacetime_only", GR__F_BOOL, 0, peacetime_only),
    OBJF(gr_troop_bar, TROOP_BAR, SOURCE, "source", GR__REQ, source, &source_schema),
};
KEYS_MATCH(TROOP_BAR, troop_bar_fields);
static const gr__schema troop_bar_schema = SCHEMA(gr_troop_bar, "foreign-troop bar", troop_bar_fields, -1, NULL);

static const gr__field territory_fields[] = {
    LISTREF(gr_territory, TERRITORY, REGIONS, "regions", GR__REQ, regions, GR_REC_REGION),
    ENUMF(gr_territory, TERRITORY, STATUS, "status", GR__REQ, status, GR_T_TERRITORY_STATUS),
    FIELD(gr_territory, TERRITORY, NOTE, "note", GR__F_STR, 0, note),
    OBJF(gr_territory, TERRITORY, SOURCE, "source", GR__REQ, source, &source_schema),
};
KEYS_MATCH(TERRITORY, territory_fields);
static const gr__schema territory_schema = SCHEMA(gr_territory, "territorial term", territory_fields, -1, NULL);

static const gr__field clause_fields[] = {
    ENUMF(gr_clause, CLAUSE, KIND, "kind", GR__REQ, kind, GR_T_CLAUSE_KIND),
    FIELD(gr_clause, CLAUSE, TEXT, "text", GR__F_STR, GR__REQ, text),
    OBJF(gr_clause, CLAUSE, SOURCE, "source", GR__REQ, source, &source_schema),
};
KEYS_MATCH(CLAUSE, clause_fields);
static const gr__schema clause_schema = SCHEMA(gr_clause, "clause", clause_fields, -1, NULL);

static const gr__field arrangement_fields[GR_KEY_ARRANGEMENT__COUNT];

static void check_arrangement(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_arrangement *a = obj;
  (void)pos;
  check_assumed(sink, &a->assumed, arrangement_fields, GR_KEY_ARRANGEMENT__COUNT, a->given, "arrangement");
  for (size_t i = 0; i < a->bodies.n; i++)
    for (size_t j = 0; j < i; j++)
      if (a->bodies.items[i].id && a->bodies.items[j].id && strcmp(a->bodies.items[i].id, a->bodies.items[j].id) == 0)
        gr__check_error(sink, &a->bodies.items[i].pos, "two bodies share the id '%s'", a->bodies.items[i].id);
  for (size_t i = 0; i < a->obligations.n; i++) {
    const gr_obligation *o = &a->obligations.items[i];
    if (a->bodies.n == 0 || o->body == NULL) continue;
    bool found = false;
    for (size_t j = 0; j < a->bodies.n && !found; j++) found = a->bodies.items[j].id && strcmp(a->bodies.items[j].id, o->body) == 0;
    if (!found) gr__check_error(sink, &o->pos, "no body '%s' among the arrangement's bodies", o->body);
  }
  for (size_t i = 0; i < a->parties.n; i++)
    for (size_t j = 0; j < i; j++)
      if (a->parties.items[i].actor && a->parties.items[j].actor &&
          strcmp(a->parties.items[i].actor, a->parties.items[j].actor) == 0 &&
          a->parties.items[i].role == a->parties.items[j].role)
        gr__check_error(sink, &a->parties.items[i].pos, "'%s' is listed twice as %s", a->parties.items[i].actor,
                        gr_table_name(GR_T_PARTY_ROLE, a->parties.items[i].role));
}

static const gr__field arrangement_fields[] = {
    FIELD(gr_arrangement, ARRANGEMENT, ID, "id", GR__F_ID, GR__REQ, id),
    FIELD(gr_arrangement, ARRANGEMENT, TITLE, "title", GR__F_STR, GR__REQ, title),
    REFF(gr_arrangement, ARRANGEMENT, PROTECTS, "protects", GR__REQ, protects, GR_REC_ACTOR),
    FIELD(gr_arrangement, ARRANGEMENT, DATE, "date", GR__F_DATE, GR__REQ, date),
    FIELD(gr_arrangement, ARRANGEMENT, DATE_INFERRED, "date_inferred", GR__F_BOOL, 0, date_inferred),
    ENUMF(gr_arrangement, ARRANGEMENT, STATUS, "status", GR__REQ, status, GR_T_ARRANGEMENT_STATUS),
    ENUMF(gr_arrangement, ARRANGEMENT, LEGAL_FORM, "legal_form", GR__REQ, legal_form, GR_T_LEGAL_FORM),
    LISTOBJ(gr_arrangement, ARRANGEMENT, LEGAL_FORMS, "legal_forms", 0, legal_forms, &guarantor_form_schema),
    GROUPREF(gr_arrangement, ARRANGEMENT, ACCESSION, "accession", 0, accession),
    OBJF(gr_arrangement, ARRANGEMENT, COMMAND, "command", 0, command, &command_schema),
    LISTENUM(gr_arrangement, ARRANGEMENT, PROTECTED_CONDITIONS, "protected_conditions", 0, protected_conditions, GR_T_PROTECTED_CONDITION),
    FIELD(gr_arrangement, ARRANGEMENT, SUMMARY, "summary", GR__F_STR, 0, summary),
    LISTOBJ(gr_arrangement, ARRANGEMENT, SOURCES, "sources", GR__REQ, sources, &source_schema),
    /* `obligations: []` is a case with no guarantee at all: a baseline
     * (the key must still be written, so that none is left out by
     * mistake). */
    LISTOBJ(gr_arrangement, ARRANGEMENT, OBLIGATIONS, "obligations", GR__REQ | GR__EMPTY, obligations, &obligation_schema),
    ENUMF(gr_arrangement, ARRANGEMENT, PROMISED_FORM, "promised_form", 0, promised_form, GR_T_LEGAL_FORM),
    LISTOBJ(gr_arrangement, ARRANGEMENT, PARTIES, "parties", 0, parties, &party_schema),
    LISTOBJ(gr_arrangement, ARRANGEMENT, BODIES, "bodies", 0, bodies, &body_schema),
    FIELD(gr_arrangement, ARRANGEMENT, START, "start", GR__F_DATE, 0, start),
    RANGEF(gr_arrangement, ARRANGEMENT, DURATION_YEARS, "duration_years", GR__F_NUM, 0, duration_years, 0, 200),
    ENUMF(gr_arrangement, ARRANGEMENT, RENEWAL, "renewal", 0, renewal, GR_T_RENEWAL),
    LISTENUM(gr_arrangement, ARRANGEMENT, ENTRY_INTO_FORCE, "entry_into_force", 0, entry_into_force, GR_T_FACT),
    QTYF(gr_arrangement, ARRANGEMENT, FORCE_CAP, "force_cap", 0, force_cap, 0, 10e6),
    OBJF(gr_arrangement, ARRANGEMENT, ALLIANCE_BAR, "alliance_bar", 0, alliance_bar, &alliance_bar_schema),
    OBJF(gr_arrangement, ARRANGEMENT, TROOP_BAR, "troop_bar", 0, troop_bar, &troop_bar_schema),
    LISTOBJ(gr_arrangement, ARRANGEMENT, TERRITORY, "territory", 0, territory, &territory_schema),
    LISTOBJ(gr_arrangement, ARRANGEMENT, CLAUSES, "clauses", 0, clauses, &clause_schema),
    LISTOBJ(gr_arrangement, ARRANGEMENT, ASSUMED, "assumed", 0, assumed, &assumed_schema),
};
KEYS_MATCH(ARRANGEMENT, arrangement_fields);
static const gr__schema arrangement_schema =
    SCHEMA(gr_arrangement, "arrangement", arrangement_fields, -1, check_arrangement);

/* ---- Position ---------------------------------------------------------- */

static void check_match(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_match *m = obj;
  if (m->given == 0)
    gr__check_error(sink, pos, "a match needs at least one criterion");
  if (GR_GIVEN(m, GR_KEY_MATCH_LEGAL_FORM_MIN) && GR_GIVEN(m, GR_KEY_MATCH_LEGAL_FORM_MAX) && m->legal_form_min > m->legal_form_max)
    gr__check_error(sink, pos, "legal_form_min '%s' is above legal_form_max '%s'",
                   gr_table_name(GR_T_LEGAL_FORM, m->legal_form_min),
                   gr_table_name(GR_T_LEGAL_FORM, m->legal_form_max));
  if (GR_GIVEN(m, GR_KEY_MATCH_PROMISED_FORM_MIN) && GR_GIVEN(m, GR_KEY_MATCH_PROMISED_FORM_MAX) &&
      m->promised_form_min > m->promised_form_max)
    gr__check_error(sink, pos, "promised_form_min '%s' is above promised_form_max '%s'",
                    gr_table_name(GR_T_LEGAL_FORM, m->promised_form_min),
                    gr_table_name(GR_T_LEGAL_FORM, m->promised_form_max));
}

static const gr__field match_fields[] = {
    LISTENUM(gr_match, MATCH, KINDS, "kinds", 0, kinds, GR_T_OBLIGATION_KIND),
    LISTREF(gr_match, MATCH, GUARANTORS, "guarantors", 0, guarantors, GR_REC_ACTOR),
    ENUMF(gr_match, MATCH, LOCATION, "location", 0, location, GR_T_LOCATION_CLASS),
    RANGEF(gr_match, MATCH, MIN_TROOPS, "min_troops", GR__F_NUM, 0, min_troops, 0, 1e6),
    ENUMF(gr_match, MATCH, LEGAL_FORM_MIN, "legal_form_min", 0, legal_form_min, GR_T_LEGAL_FORM),
    ENUMF(gr_match, MATCH, LEGAL_FORM_MAX, "legal_form_max", 0, legal_form_max, GR_T_LEGAL_FORM),
    GROUPREF(gr_match, MATCH, ACCESSION, "accession", 0, accession),
    LISTENUM(gr_match, MATCH, PROTECTED_CONDITIONS, "protected_conditions", 0, protected_conditions, GR_T_PROTECTED_CONDITION),
    LISTREF(gr_match, MATCH, ARRANGEMENTS, "arrangements", 0, arrangements, GR_REC_ARRANGEMENT),
    ENUMF(gr_match, MATCH, PROMISED_FORM_MIN, "promised_form_min", 0, promised_form_min, GR_T_LEGAL_FORM),
    ENUMF(gr_match, MATCH, PROMISED_FORM_MAX, "promised_form_max", 0, promised_form_max, GR_T_LEGAL_FORM),
    RANGEF(gr_match, MATCH, FORCE_CAP_BELOW, "force_cap_below", GR__F_NUM, 0, force_cap_below, 0, 10e6),
};
KEYS_MATCH(MATCH, match_fields);
static const gr__schema match_schema = SCHEMA(gr_match, "match", match_fields, -1, check_match);

static const gr__field position_fields[] = {
    FIELD(gr_position, POSITION, ID, "id", GR__F_ID, GR__REQ, id),
    REFF(gr_position, POSITION, ACTOR, "actor", GR__REQ, actor, GR_REC_ACTOR),
    FIELD(gr_position, POSITION, TOPIC, "topic", GR__F_ID, GR__REQ, topic),
    FIELD(gr_position, POSITION, DATE, "date", GR__F_DATE, GR__REQ, date),
    FIELD(gr_position, POSITION, DATE_INFERRED, "date_inferred", GR__F_BOOL, 0, date_inferred),
    ENUMF(gr_position, POSITION, RULE, "rule", GR__REQ, rule, GR_T_RULE),
    ENUMF(gr_position, POSITION, CONFIDENCE, "confidence", GR__REQ, confidence, GR_T_CONFIDENCE),
    FIELD(gr_position, POSITION, SUMMARY, "summary", GR__F_STR, GR__REQ, summary),
    OBJF(gr_position, POSITION, MATCH, "match", GR__REQ, match, &match_schema),
    LISTENUM(gr_position, POSITION, UNLESS, "unless", 0, unless, GR_T_FACT),
    OBJF(gr_position, POSITION, SOURCE, "source", GR__REQ, source, &source_schema),
    REFF(gr_position, POSITION, PROTECTS, "protects", 0, protects, GR_REC_ACTOR),
};
KEYS_MATCH(POSITION, position_fields);
static const gr__schema position_schema = SCHEMA(gr_position, "position", position_fields, -1, NULL);

/* ---- Event ------------------------------------------------------------- */

static const gr__field event_location_fields[] = {
    REFF(gr_event_location, EVENT_LOCATION, REGION, "region", GR__REQ, region, GR_REC_REGION),
    ENUMF(gr_event_location, EVENT_LOCATION, SIDE, "side", GR__REQ, side, GR_T_SIDE),
};
KEYS_MATCH(EVENT_LOCATION, event_location_fields);
static const gr__schema event_location_schema =
    SCHEMA(gr_event_location, "event location", event_location_fields, -1, NULL);

static const gr__field event_fields[GR_KEY_EVENT__COUNT];

/* Conduct events (joining an alliance, acquiring nuclear weapons, a force
 * build-up) are acts of one state: they name no target and no place. */
static bool conduct_kind(int kind) { return kind >= GR_EV_JOINS_ALLIANCE && kind < GR_EV__COUNT; }

static void check_event(gr__sink *sink, void *obj, const gr_pos *pos) {
  gr_event *e = obj;
  const char *k = gr_table_name(GR_T_EVENT_KIND, e->kind);
  if (!GR_GIVEN(e, GR_KEY_EVENT_INTENT)) e->intent = GR_INTENT_DELIBERATE;
  check_assumed(sink, &e->assumed, event_fields, GR_KEY_EVENT__COUNT, e->given, "event");
  if (e->aggressor && e->target && strcmp(e->aggressor, e->target) == 0)
    gr__check_error(sink, pos, "an event's aggressor and target must differ");
  if (!GR_GIVEN(e, GR_KEY_EVENT_KIND)) return;
  bool conduct = conduct_kind(e->kind);
  if (!conduct && !GR_GIVEN(e, GR_KEY_EVENT_TARGET)) gr__check_error(sink, pos, "an event '%s' needs a 'target'", k);
  if (!conduct && e->locations.n == 0 && e->targets.n == 0)
    gr__check_error(sink, pos, "an event '%s' needs 'locations' (regions of the target) or 'targets' (what it strikes)", k);
  if (!conduct && !GR_GIVEN(e, GR_KEY_EVENT_SCALE)) gr__check_error(sink, pos, "an event '%s' needs a 'scale'", k);
  if (conduct && (GR_GIVEN(e, GR_KEY_EVENT_SCALE) || GR_GIVEN(e, GR_KEY_EVENT_LOCATIONS) || GR_GIVEN(e, GR_KEY_EVENT_TARGETS)))
    gr__check_error(sink, pos, "an event '%s' is an act of one state: no 'scale', 'locations' or 'targets'", k);
  if ((e->kind == GR_EV_JOINS_ALLIANCE) != GR_GIVEN(e, GR_KEY_EVENT_ORGANISATION))
    gr__check_error(sink, pos, e->kind == GR_EV_JOINS_ALLIANCE ? "an event 'joins_alliance' needs 'organisation'"
                                                                : "'organisation' goes with an event 'joins_alliance'");
  if ((e->kind == GR_EV_FORCE_BUILDUP) != GR_GIVEN(e, GR_KEY_EVENT_TROOPS))
    gr__check_error(sink, pos, e->kind == GR_EV_FORCE_BUILDUP ? "an event 'force_buildup' needs 'troops' (the size reached)"
                                                               : "'troops' goes with an event 'force_buildup'");
}

static const gr__field event_fields[] = {
    FIELD(gr_event, EVENT, ID, "id", GR__F_ID, GR__REQ, id),
    FIELD(gr_event, EVENT, TITLE, "title", GR__F_STR, GR__REQ, title),
    ENUMF(gr_event, EVENT, KIND, "kind", GR__REQ, kind, GR_T_EVENT_KIND),
    REFF(gr_event, EVENT, AGGRESSOR, "aggressor", GR__REQ, aggressor, GR_REC_ACTOR),
    REFF(gr_event, EVENT, TARGET, "target", 0, target, GR_REC_ACTOR),
    LISTOBJ(gr_event, EVENT, LOCATIONS, "locations", 0, locations, &event_location_schema),
    ENUMF(gr_event, EVENT, SCALE, "scale", 0, scale, GR_T_SCALE),
    FIELD(gr_event, EVENT, DAY0, "day0", GR__F_DATE, 0, day0),
    FIELD(gr_event, EVENT, SUMMARY, "summary", GR__F_STR, 0, summary),
    LISTOBJ(gr_event, EVENT, SOURCES, "sources", GR__REQ, sources, &source_schema),
    ENUMF(gr_event, EVENT, INTENT, "intent", 0, intent, GR_T_INTENT),
    RANGEF(gr_event, EVENT, DURATION_DAYS, "duration_days", GR__F_INT, 0, duration_days, 0, 36500),
    LISTENUM(gr_event, EVENT, TARGETS, "targets", 0, targets, GR_T_TARGET_CLASS),
    GROUPREF(gr_event, EVENT, ORGANISATION, "organisation", 0, organisation),
    QTYF(gr_event, EVENT, TROOPS, "troops", 0, troops, 0, 10e6),
    LISTOBJ(gr_event, EVENT, ASSUMED, "assumed", 0, assumed, &assumed_schema),
};
KEYS_MATCH(EVENT, event_fields);
static const gr__schema event_schema = SCHEMA(gr_event, "event", event_fields, -1, check_event);

/* ---- Scenario ---------------------------------------------------------- */

static const gr__field scenario_event_fields[] = {
    REFF(gr_scenario_event, SCENARIO_EVENT, EVENT, "event", GR__REQ, event, GR_REC_EVENT),
    RANGEF(gr_scenario_event, SCENARIO_EVENT, DAY, "day", GR__F_INT, 0, day, 0, 36500),
};
KEYS_MATCH(SCENARIO_EVENT, scenario_event_fields);
static const gr__schema scenario_event_schema =
    SCHEMA(gr_scenario_event, "scenario event", scenario_event_fields, GR_KEY_SCENARIO_EVENT_EVENT, NULL);

static const gr__field scenario_fact_fields[] = {
    ENUMF(gr_scenario_fact, SCENARIO_FACT, FACT, "fact", GR__REQ, fact, GR_T_FACT),
    FIELD(gr_scenario_fact, SCENARIO_FACT, VALUE, "value", GR__F_BOOL, GR__REQ, value),
    OBJF(gr_scenario_fact, SCENARIO_FACT, SOURCE, "source", GR__REQ, source, &source_schema),
};
KEYS_MATCH(SCENARIO_FACT, scenario_fact_fields);
static const gr__schema scenario_fact_schema = SCHEMA(gr_scenario_fact, "scenario fact", scenario_fact_fields, -1, NULL);

static const gr__field scenario_fields[GR_KEY_SCENARIO__COUNT];

static void check_scenario(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_scenario *s = obj;
  (void)pos;
  check_assumed(sink, &s->assumed, scenario_fields, GR_KEY_SCENARIO__COUNT, s->given, "scenario");
  for (size_t i = 0; i < s->facts.n; i++)
    for (size_t j = 0; j < i; j++)
      if (s->facts.items[i].fact == s->facts.items[j].fact)
        gr__check_error(sink, &s->facts.items[i].pos, "fact '%s' is stated twice",
                        gr_table_name(GR_T_FACT, s->facts.items[i].fact));
  for (size_t i = 1; i < s->events.n; i++)
    if (s->events.items[i].day < s->events.items[i - 1].day)
      gr__check_error(sink, &s->events.items[i].pos, "a scenario's events must be in day order, earliest first");
}

static const gr__field scenario_fields[] = {
    FIELD(gr_scenario, SCENARIO, ID, "id", GR__F_ID, GR__REQ, id),
    FIELD(gr_scenario, SCENARIO, TITLE, "title", GR__F_STR, GR__REQ, title),
    FIELD(gr_scenario, SCENARIO, DATE, "date", GR__F_DATE, 0, date),
    LISTOBJ(gr_scenario, SCENARIO, EVENTS, "events", GR__REQ, events, &scenario_event_schema),
    LISTOBJ(gr_scenario, SCENARIO, FACTS, "facts", 0, facts, &scenario_fact_schema),
    FIELD(gr_scenario, SCENARIO, SUMMARY, "summary", GR__F_STR, 0, summary),
    LISTOBJ(gr_scenario, SCENARIO, SOURCES, "sources", GR__REQ, sources, &source_schema),
    LISTOBJ(gr_scenario, SCENARIO, ASSUMED, "assumed", 0, assumed, &assumed_schema),
};
KEYS_MATCH(SCENARIO, scenario_fields);
static const gr__schema scenario_schema = SCHEMA(gr_scenario, "scenario", scenario_fields, -1, check_scenario);

/* ---- Fact rules -------------------------------------------------------- */

static void check_fact_rule(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_fact_rule *r = obj;
  if (r->when == GR_FRULE_PARTY && GR_GIVEN(r, GR_KEY_FACT_RULE_KINDS))
    gr__check_error(sink, pos, "a rule 'party' looks at the parties, not at kinds of obligation: no 'kinds'");
  if (r->when == GR_FRULE_PARTY && GR_GIVEN(r, GR_KEY_FACT_RULE_TROOPS))
    gr__check_error(sink, pos, "a rule 'party' looks at the parties, not at forces: no 'troops'");
  if (r->fact == GR_FACT_RATIFIED || r->fact == GR_FACT_NEUTRALITY_OBSERVED)
    gr__check_error(sink, pos, "fact '%s' is not derived by rules (docs/engines.md, facts)",
                    gr_table_name(GR_T_FACT, r->fact));
}

static const gr__field fact_rule_fields[] = {
    FIELD(gr_fact_rule, FACT_RULE, ID, "id", GR__F_ID, GR__REQ, id),
    ENUMF(gr_fact_rule, FACT_RULE, FACT, "fact", GR__REQ, fact, GR_T_FACT),
    ENUMF(gr_fact_rule, FACT_RULE, WHEN, "when", GR__REQ, when, GR_T_FACT_RULE_KIND),
    REFF(gr_fact_rule, FACT_RULE, ACTOR, "actor", GR__REQ, actor, GR_REC_ACTOR),
    LISTENUM(gr_fact_rule, FACT_RULE, KINDS, "kinds", 0, kinds, GR_T_OBLIGATION_KIND),
    FIELD(gr_fact_rule, FACT_RULE, TROOPS, "troops", GR__F_BOOL, 0, troops),
    FIELD(gr_fact_rule, FACT_RULE, HOLDS, "holds", GR__F_STR, GR__REQ, holds),
    FIELD(gr_fact_rule, FACT_RULE, OTHERWISE, "otherwise", GR__F_STR, GR__REQ, otherwise),
    LISTOBJ(gr_fact_rule, FACT_RULE, SOURCES, "sources", GR__REQ, sources, &source_schema),
};
KEYS_MATCH(FACT_RULE, fact_rule_fields);
static const gr__schema fact_rule_schema = SCHEMA(gr_fact_rule, "fact rule", fact_rule_fields, -1, check_fact_rule);

/* ---- Capabilities ------------------------------------------------------ */

static void check_capability_year(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_capability_year *y = obj;
  if (!GR_GIVEN(y, GR_KEY_CAPABILITY_YEAR_PERSONNEL) && !GR_GIVEN(y, GR_KEY_CAPABILITY_YEAR_EXPENDITURE) &&
      !GR_GIVEN(y, GR_KEY_CAPABILITY_YEAR_CINC))
    gr__check_error(sink, pos, "a capability year needs at least one of 'personnel', 'expenditure' or 'cinc'");
}

static const gr__field capability_year_fields[] = {
    RANGEF(gr_capability_year, CAPABILITY_YEAR, YEAR, "year", GR__F_INT, GR__REQ, year, 1800, 2200),
    RANGEF(gr_capability_year, CAPABILITY_YEAR, PERSONNEL, "personnel", GR__F_NUM, 0, personnel, 0, 50e6),
    RANGEF(gr_capability_year, CAPABILITY_YEAR, EXPENDITURE, "expenditure", GR__F_NUM, 0, expenditure, 0, 1e10),
    RANGEF(gr_capability_year, CAPABILITY_YEAR, CINC, "cinc", GR__F_NUM, 0, cinc, 0, 1),
    OBJF(gr_capability_year, CAPABILITY_YEAR, SOURCE, "source", 0, source, &source_schema),
};
KEYS_MATCH(CAPABILITY_YEAR, capability_year_fields);
static const gr__schema capability_year_schema =
    SCHEMA(gr_capability_year, "capability year", capability_year_fields, -1, check_capability_year);

static void check_capabilities(gr__sink *sink, void *obj, const gr_pos *pos) {
  (void)pos;
  const gr_capabilities *c = obj;
  for (size_t i = 1; i < c->years.n; i++)
    if (c->years.items[i].year <= c->years.items[i - 1].year)
      gr__check_error(sink, &c->years.items[i].pos, "capability years must be in increasing order, each once");
}

static const gr__field capabilities_fields[] = {
    FIELD(gr_capabilities, CAPABILITIES, ID, "id", GR__F_ID, GR__REQ, id),
    REFF(gr_capabilities, CAPABILITIES, ACTOR, "actor", GR__REQ, actor, GR_REC_ACTOR),
    OBJF(gr_capabilities, CAPABILITIES, SOURCE, "source", GR__REQ, source, &source_schema),
    LISTOBJ(gr_capabilities, CAPABILITIES, YEARS, "years", GR__REQ, years, &capability_year_schema),
    FIELD(gr_capabilities, CAPABILITIES, NOTE, "note", GR__F_STR, 0, note),
};
KEYS_MATCH(CAPABILITIES, capabilities_fields);
static const gr__schema capabilities_schema =
    SCHEMA(gr_capabilities, "capabilities", capabilities_fields, -1, check_capabilities);

/* ---- Case -------------------------------------------------------------- */

static void check_case_balance(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_case_balance *b = obj;
  if (GR_GIVEN(b, GR_KEY_CASE_BALANCE_VALUE) && !(b->value > 0))
    gr__check_error(sink, pos, "a balance of forces is a ratio above 0, not %g", b->value);
}

static const gr__field case_balance_fields[] = {
    FIELD(gr_case_balance, CASE_BALANCE, VALUE, "value", GR__F_NUM, GR__REQ, value),
    FIELD(gr_case_balance, CASE_BALANCE, MEASURE, "measure", GR__F_STR, GR__REQ, measure),
    OBJF(gr_case_balance, CASE_BALANCE, SOURCE, "source", GR__REQ, source, &source_schema),
};
KEYS_MATCH(CASE_BALANCE, case_balance_fields);
static const gr__schema case_balance_schema =
    SCHEMA(gr_case_balance, "balance", case_balance_fields, -1, check_case_balance);

static const gr__field covariate_fields[] = {
    FIELD(gr_covariate, COVARIATE, NAME, "name", GR__F_ID, GR__REQ, name),
    FIELD(gr_covariate, COVARIATE, VALUE, "value", GR__F_NUM, GR__REQ, value),
};
KEYS_MATCH(COVARIATE, covariate_fields);
static const gr__schema covariate_schema = SCHEMA(gr_covariate, "covariate", covariate_fields, -1, NULL);

static const gr__field case_response_fields[] = {
    REFF(gr_case_response, CASE_RESPONSE, ACTOR, "actor", GR__REQ, actor, GR_REC_ACTOR),
    ENUMF(gr_case_response, CASE_RESPONSE, ACTION, "action", GR__REQ, action, GR_T_GUARANTOR_ACTION),
    RANGEF(gr_case_response, CASE_RESPONSE, DAYS, "days", GR__F_INT, 0, days, 0, 36500),
    OBJF(gr_case_response, CASE_RESPONSE, SOURCE, "source", GR__REQ, source, &source_schema),
};
KEYS_MATCH(CASE_RESPONSE, case_response_fields);
static const gr__schema case_response_schema =
    SCHEMA(gr_case_response, "guarantor's response", case_response_fields, -1, NULL);

static void check_case_outcome(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_case_outcome *o = obj;
  if (!GR_GIVEN(o, GR_KEY_CASE_OUTCOME_RESULT)) return;
  if (o->result != GR_RESULT_DETERRED && !GR_GIVEN(o, GR_KEY_CASE_OUTCOME_DATE))
    gr__check_error(sink, pos, "an outcome '%s' needs its 'date'", gr_table_name(GR_T_CASE_RESULT, o->result));
  if (o->result == GR_RESULT_DETERRED && GR_GIVEN(o, GR_KEY_CASE_OUTCOME_GUARANTORS) && o->guarantors.n > 0)
    gr__check_error(sink, &o->guarantors.items[0].pos,
                    "a deterred case has no guarantors' responses: nothing was attacked");
  if (o->result != GR_RESULT_ATTACKED && GR_GIVEN(o, GR_KEY_CASE_OUTCOME_DEFENCE_HELD))
    gr__check_error(sink, pos, "'defence_held' is for an outcome 'attacked' only");
  if (o->result == GR_RESULT_ATTACKED && !GR_GIVEN(o, GR_KEY_CASE_OUTCOME_DEFENCE_HELD))
    gr__check_error(sink, pos, "an outcome 'attacked' needs 'defence_held' (true or false)");
}

static const gr__field case_outcome_fields[] = {
    ENUMF(gr_case_outcome, CASE_OUTCOME, RESULT, "result", GR__REQ, result, GR_T_CASE_RESULT),
    FIELD(gr_case_outcome, CASE_OUTCOME, DATE, "date", GR__F_DATE, 0, date),
    FIELD(gr_case_outcome, CASE_OUTCOME, DEFENCE_HELD, "defence_held", GR__F_BOOL, 0, defence_held),
    LISTOBJ(gr_case_outcome, CASE_OUTCOME, GUARANTORS, "guarantors", 0, guarantors, &case_response_schema),
    OBJF(gr_case_outcome, CASE_OUTCOME, SOURCE, "source", GR__REQ, source, &source_schema),
};
KEYS_MATCH(CASE_OUTCOME, case_outcome_fields);
static const gr__schema case_outcome_schema =
    SCHEMA(gr_case_outcome, "outcome", case_outcome_fields, -1, check_case_outcome);

static const gr__field case_intent_fields[] = {
    ENUMF(gr_case_intent, CASE_INTENT, LEVEL, "level", GR__REQ, level, GR_T_INTENT_EVIDENCE),
    FIELD(gr_case_intent, CASE_INTENT, EVIDENCE, "evidence", GR__F_STR, 0, evidence),
    OBJF(gr_case_intent, CASE_INTENT, SOURCE, "source", 0, source, &source_schema),
};
KEYS_MATCH(CASE_INTENT, case_intent_fields);
static const gr__schema case_intent_schema = SCHEMA(gr_case_intent, "intent", case_intent_fields, -1, NULL);

static const gr__field case_alternative_fields[] = {
    ENUMF(gr_case_alternative, CASE_ALTERNATIVE, RESULT, "result", GR__REQ, result, GR_T_CASE_RESULT),
    FIELD(gr_case_alternative, CASE_ALTERNATIVE, NOTE, "note", GR__F_STR, GR__REQ, note),
    OBJF(gr_case_alternative, CASE_ALTERNATIVE, SOURCE, "source", GR__REQ, source, &source_schema),
};
KEYS_MATCH(CASE_ALTERNATIVE, case_alternative_fields);
static const gr__schema case_alternative_schema =
    SCHEMA(gr_case_alternative, "alternative coding", case_alternative_fields, -1, NULL);

static void check_case(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_case *c = obj;
  if (GR_GIVEN(c, GR_KEY_CASE_INTENT) && GR_GIVEN(c, GR_KEY_CASE_OUTCOME) && c->outcome.result != GR_RESULT_DETERRED)
    gr__check_error(sink, &c->intent.pos, "'intent' is the evidence for a deterred case; this one was %s",
                    gr_table_name(GR_T_CASE_RESULT, c->outcome.result));
  if (GR_GIVEN(c, GR_KEY_CASE_OUTCOME) && c->outcome.result == GR_RESULT_DETERRED && !GR_GIVEN(c, GR_KEY_CASE_INTENT))
    gr__check_error(sink, pos, "a deterred case needs 'intent': what shows the challenger meant to attack ('none' if nothing)");
  if (GR_GIVEN(c, GR_KEY_CASE_OUTCOME) &&
      GR_GIVEN(&c->outcome, GR_KEY_CASE_OUTCOME_DATE) && GR_GIVEN(c, GR_KEY_CASE_CUTOFF) && c->outcome.date < c->cutoff)
    gr__check_error(sink, &c->outcome.pos, "the outcome's date is before the case's cut-off");
  if (GR_GIVEN(c, GR_KEY_CASE_OUTCOME) && GR_GIVEN(&c->outcome, GR_KEY_CASE_OUTCOME_DATE) &&
      GR_GIVEN(c, GR_KEY_CASE_CUTOFF) && GR_GIVEN(c, GR_KEY_CASE_WINDOW_DAYS) &&
      gr__days_from_civil(c->outcome.date) - gr__days_from_civil(c->cutoff) > c->window_days)
    gr__check_error(sink, &c->outcome.pos, "the outcome's date is after the case's window of %d days", c->window_days);
  for (size_t i = 0; i < c->covariates.n; i++)
    for (size_t j = 0; j < i; j++)
      if (strcmp(c->covariates.items[i].name, c->covariates.items[j].name) == 0)
        gr__check_error(sink, &c->covariates.items[i].pos, "covariate '%s' is given twice", c->covariates.items[i].name);
}

static const gr__field case_fields[] = {
    FIELD(gr_case, CASE, ID, "id", GR__F_ID, GR__REQ, id),
    FIELD(gr_case, CASE, TITLE, "title", GR__F_STR, GR__REQ, title),
    FIELD(gr_case, CASE, SET, "set", GR__F_ID, GR__REQ, set),
    FIELD(gr_case, CASE, QUESTION, "question", GR__F_STR, GR__REQ, question),
    FIELD(gr_case, CASE, CUTOFF, "cutoff", GR__F_DATE, GR__REQ, cutoff),
    RANGEF(gr_case, CASE, WINDOW_DAYS, "window_days", GR__F_INT, GR__REQ, window_days, 1, 36500),
    REFF(gr_case, CASE, PROTECTED, "protected", GR__REQ, protects, GR_REC_ACTOR),
    LISTREF(gr_case, CASE, CHALLENGERS, "challengers", GR__REQ, challengers, GR_REC_ACTOR),
    REFF(gr_case, CASE, ARRANGEMENT, "arrangement", 0, arrangement, GR_REC_ARRANGEMENT),
    REFF(gr_case, CASE, SCENARIO, "scenario", GR__REQ, scenario, GR_REC_SCENARIO),
    OBJF(gr_case, CASE, BALANCE, "balance", 0, balance, &case_balance_schema),
    LISTOBJ(gr_case, CASE, COVARIATES, "covariates", 0, covariates, &covariate_schema),
    OBJF(gr_case, CASE, OUTCOME, "outcome", GR__REQ, outcome, &case_outcome_schema),
    OBJF(gr_case, CASE, INTENT, "intent", 0, intent, &case_intent_schema),
    ENUMF(gr_case, CASE, CONFIDENCE, "confidence", GR__REQ, confidence, GR_T_CODING_CONFIDENCE),
    LISTOBJ(gr_case, CASE, ALTERNATIVES, "alternatives", 0, alternatives, &case_alternative_schema),
    LISTOBJ(gr_case, CASE, SOURCES, "sources", GR__REQ, sources, &source_schema),
    FIELD(gr_case, CASE, NOTE, "note", GR__F_STR, 0, note),
};
KEYS_MATCH(CASE, case_fields);
static const gr__schema case_schema = SCHEMA(gr_case, "case", case_fields, -1, check_case);

/* ---- Parameter --------------------------------------------------------- */

/* The keys a distribution may take: from value to max, in schema order. */
enum { P_FIRST = GR_KEY_PARAMETER_VALUE, P_LAST = GR_KEY_PARAMETER_MAX };
_Static_assert(GR_KEY_PARAMETER_MAX - GR_KEY_PARAMETER_VALUE == 9, "value, a, b, mean, sd, mu, sigma, min, mode, max");
#define BIT(i) ((uint64_t)1 << (i))

/* Which keys each distribution takes, as a bit mask over the fields. */
static const uint64_t dist_keys[GR_DIST__COUNT] = {
    [GR_DIST_FIXED] = BIT(GR_KEY_PARAMETER_VALUE),
    [GR_DIST_BETA] = BIT(GR_KEY_PARAMETER_A) | BIT(GR_KEY_PARAMETER_B),
    [GR_DIST_NORMAL] = BIT(GR_KEY_PARAMETER_MEAN) | BIT(GR_KEY_PARAMETER_SD),
    [GR_DIST_LOGNORMAL] = BIT(GR_KEY_PARAMETER_MU) | BIT(GR_KEY_PARAMETER_SIGMA),
    [GR_DIST_UNIFORM] = BIT(GR_KEY_PARAMETER_MIN) | BIT(GR_KEY_PARAMETER_MAX),
    [GR_DIST_TRIANGULAR] = BIT(GR_KEY_PARAMETER_MIN) | BIT(GR_KEY_PARAMETER_MODE) | BIT(GR_KEY_PARAMETER_MAX),
};

static const gr__field parameter_fields[] = {
    FIELD(gr_parameter, PARAMETER, ID, "id", GR__F_ID, GR__REQ, id),
    FIELD(gr_parameter, PARAMETER, TITLE, "title", GR__F_STR, GR__REQ, title),
    FIELD(gr_parameter, PARAMETER, UNIT, "unit", GR__F_STR, 0, unit),
    ENUMF(gr_parameter, PARAMETER, DISTRIBUTION, "distribution", GR__REQ, distribution, GR_T_DISTRIBUTION),
    FIELD(gr_parameter, PARAMETER, VALUE, "value", GR__F_NUM, 0, value),
    FIELD(gr_parameter, PARAMETER, A, "a", GR__F_NUM, 0, a),
    FIELD(gr_parameter, PARAMETER, B, "b", GR__F_NUM, 0, b),
    FIELD(gr_parameter, PARAMETER, MEAN, "mean", GR__F_NUM, 0, mean),
    FIELD(gr_parameter, PARAMETER, SD, "sd", GR__F_NUM, 0, sd),
    FIELD(gr_parameter, PARAMETER, MU, "mu", GR__F_NUM, 0, mu),
    FIELD(gr_parameter, PARAMETER, SIGMA, "sigma", GR__F_NUM, 0, sigma),
    FIELD(gr_parameter, PARAMETER, MIN, "min", GR__F_NUM, 0, min),
    FIELD(gr_parameter, PARAMETER, MODE, "mode", GR__F_NUM, 0, mode),
    FIELD(gr_parameter, PARAMETER, MAX, "max", GR__F_NUM, 0, max),
    LISTOBJ(gr_parameter, PARAMETER, SOURCES, "sources", GR__REQ, sources, &source_schema),
    FIELD(gr_parameter, PARAMETER, NOTE, "note", GR__F_STR, 0, note),
};
KEYS_MATCH(PARAMETER, parameter_fields);

static void check_parameter(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_parameter *p = obj;
  if (!GR_GIVEN(p, GR_KEY_PARAMETER_DISTRIBUTION)) return;
  const char *dname = gr_table_name(GR_T_DISTRIBUTION, p->distribution);
  uint64_t want = dist_keys[p->distribution];
  uint64_t all = 0;
  for (int i = P_FIRST; i <= P_LAST; i++) all |= BIT(i);
  for (int i = P_FIRST; i <= P_LAST; i++) {
    if ((want & BIT(i)) && !(p->given & BIT(i)))
      gr__check_error(sink, pos, "distribution '%s' needs '%s'", dname, parameter_fields[i].key);
    else if (!(want & BIT(i)) && (p->given & all & BIT(i)))
      gr__check_error(sink, pos, "'%s' does not go with distribution '%s'", parameter_fields[i].key, dname);
  }
  if ((p->given & want) != want) return;
  switch (p->distribution) {
  case GR_DIST_BETA:
    /* Up to 1e6, the quantile's continued fraction converges in its bound
     * of steps (mc/dist.c). */
    if (!(p->a > 0 && p->a <= 1e6)) gr__check_error(sink, pos, "beta needs a > 0 and at most 1e6, not %g", p->a);
    if (!(p->b > 0 && p->b <= 1e6)) gr__check_error(sink, pos, "beta needs b > 0 and at most 1e6, not %g", p->b);
    break;
  case GR_DIST_NORMAL:
    if (!(p->sd > 0)) gr__check_error(sink, pos, "normal needs sd > 0, not %g", p->sd);
    break;
  case GR_DIST_LOGNORMAL:
    if (!(p->sigma > 0)) gr__check_error(sink, pos, "lognormal needs sigma > 0, not %g", p->sigma);
    break;
  case GR_DIST_UNIFORM:
    if (!(p->min < p->max)) gr__check_error(sink, pos, "uniform needs min < max (%g, %g)", p->min, p->max);
    break;
  case GR_DIST_TRIANGULAR:
    if (!(p->min < p->max) || p->mode < p->min || p->mode > p->max)
      gr__check_error(sink, pos, "triangular needs min <= mode <= max and min < max (%g, %g, %g)",
                     p->min, p->mode, p->max);
    break;
  default:
    break;
  }
}

static const gr__schema parameter_schema =
    SCHEMA(gr_parameter, "parameter", parameter_fields, -1, check_parameter);

/* The numbers a parameter's draws depend on, hashed in a form of their own
 * (not through the JSON writer, whose layout may change): its id, its
 * distribution's name, then each key the distribution takes, in schema
 * order, as the key's name and the value's 8 bytes (IEEE 754 binary64,
 * little-endian), each string ended by a NUL byte. Titles, units, sources
 * and notes change no result and are left out. */
uint64_t gr__parameter_hash(const gr_parameter *p, uint64_t h) {
  h = gr__fnv1a(p->id, strlen(p->id) + 1, h);
  const char *dist = gr_table_name(GR_T_DISTRIBUTION, p->distribution);
  h = gr__fnv1a(dist, strlen(dist) + 1, h);
  uint64_t want = (int)p->distribution >= 0 && p->distribution < GR_DIST__COUNT ? dist_keys[p->distribution] : 0;
  for (int i = P_FIRST; i <= P_LAST; i++) {
    if (!(want & BIT(i))) continue;
    const gr__field *f = &parameter_fields[i];
    double v;
    memcpy(&v, (const char *)p + f->offset, sizeof v);
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    unsigned char le[8];
    for (int b = 0; b < 8; b++) le[b] = (unsigned char)(bits >> (8 * b));
    h = gr__fnv1a(f->key, strlen(f->key) + 1, h);
    h = gr__fnv1a(le, sizeof le, h);
  }
  return h;
}

/* ---- Top level --------------------------------------------------------- */

const gr__schema *const gr__record_schemas[GR_REC__COUNT] = {
    [GR_REC_DOCUMENT] = &document_schema,       [GR_REC_ACTOR] = &actor_schema,
    [GR_REC_REGION] = &region_schema,           [GR_REC_ARRANGEMENT] = &arrangement_schema,
    [GR_REC_POSITION] = &position_schema,       [GR_REC_EVENT] = &event_schema,
    [GR_REC_PARAMETER] = &parameter_schema,     [GR_REC_SCENARIO] = &scenario_schema,
    [GR_REC_CAPABILITIES] = &capabilities_schema, [GR_REC_CASE] = &case_schema,
    [GR_REC_FACT_RULE] = &fact_rule_schema,
};

const char *const gr__list_keys[GR_REC__COUNT] = {
    [GR_REC_DOCUMENT] = "documents", [GR_REC_ACTOR] = "actors",
    [GR_REC_REGION] = "regions",     [GR_REC_ARRANGEMENT] = "arrangements",
    [GR_REC_POSITION] = "positions", [GR_REC_EVENT] = "events",
    [GR_REC_PARAMETER] = "parameters", [GR_REC_SCENARIO] = "scenarios",
    [GR_REC_CAPABILITIES] = "capabilities", [GR_REC_CASE] = "cases",
    [GR_REC_FACT_RULE] = "fact_rules",
};

int gr__schema_field(const gr__schema *s, const char *key) {
  for (size_t i = 0; i < s->nfields; i++)
    if (s->fields[i].key != NULL && strcmp(s->fields[i].key, key) == 0) return (int)i;
  return -1;
}

bool gr_record_given(gr_record_kind kind, uint64_t given, const char *key) {
  if ((int)kind < 0 || kind >= GR_REC__COUNT) return false;
  int i = gr__schema_field(gr__record_schemas[kind], key);
  return i >= 0 && ((given >> i) & 1u) != 0;
}

/* ---- Layout invariants the loader, the serialiser and the look-ups use -- */

/* Every record struct starts with `uint64_t given; const char *id;`, so
 * one offset reads any record's id. */
#define RECORD_LAYOUT(S)                                                           \
  _Static_assert(offsetof(S, given) == 0, #S " starts with its given mask");      \
  _Static_assert(offsetof(S, id) == offsetof(gr_actor, id), #S "'s id follows it")
RECORD_LAYOUT(gr_document);
RECORD_LAYOUT(gr_actor);
RECORD_LAYOUT(gr_region);
RECORD_LAYOUT(gr_arrangement);
RECORD_LAYOUT(gr_position);
RECORD_LAYOUT(gr_event);
RECORD_LAYOUT(gr_parameter);
RECORD_LAYOUT(gr_scenario);
RECORD_LAYOUT(gr_capabilities);
RECORD_LAYOUT(gr_case);
RECORD_LAYOUT(gr_fact_rule);

/* Every list is {T *items; size_t n;}: the loader and the serialiser read
 * and write them through that shape. */
#define LIST_LAYOUT(L)                                                                 \
  _Static_assert(offsetof(L, items) == 0 && offsetof(L, n) == sizeof(void *), #L " is {items, n}"); \
  _Static_assert(sizeof(L) == sizeof(void *) + sizeof(size_t), #L " has nothing else")
LIST_LAYOUT(gr_strlist);
LIST_LAYOUT(gr_intlist);
LIST_LAYOUT(gr_sourcelist);
LIST_LAYOUT(gr_controllist);
LIST_LAYOUT(gr_scope_clauses);
LIST_LAYOUT(gr_triggerlist);
LIST_LAYOUT(gr_obligationlist);
LIST_LAYOUT(gr_guarantor_forms);
LIST_LAYOUT(gr_event_locations);
LIST_LAYOUT(gr_assumedlist);
LIST_LAYOUT(gr_parties);
LIST_LAYOUT(gr_bodies);
LIST_LAYOUT(gr_territories);
LIST_LAYOUT(gr_clauses);
LIST_LAYOUT(gr_scenario_events);
LIST_LAYOUT(gr_scenario_facts);
LIST_LAYOUT(gr_capability_years);
LIST_LAYOUT(gr_covariates);
LIST_LAYOUT(gr_case_responses);
LIST_LAYOUT(gr_case_alternatives);

/* Enumerated values and their lists are ints; masks have 64 bits. */
_Static_assert(sizeof(((gr_intlist *)0)->items[0]) == sizeof(int), "an enum list holds ints");
_Static_assert(sizeof(((gr_actor *)0)->given) == sizeof(uint64_t), "a given mask has 64 bits");

const char *gr__record_id(gr_record_kind kind, const void *rec) {
  (void)kind;
  const char *id;
  /* Every record struct starts with `uint64_t given; const char *id;`. */
  memcpy(&id, (const char *)rec + offsetof(gr_actor, id), sizeof id);
  return id;
}

const gr_pos *gr__record_pos(gr_record_kind kind, const void *rec) {
  return (const gr_pos *)(const void *)((const char *)rec + gr__record_schemas[kind]->pos_off);
}
