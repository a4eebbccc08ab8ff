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

#define FIELD(S, k, t, fl, member) \
  { k, t, GR__F_STR, fl, offsetof(S, member), -1, -1, NULL, 0, 0 }
#define ENUMF(S, k, fl, member, tab) \
  { k, GR__F_ENUM, GR__F_STR, fl, offsetof(S, member), tab, -1, NULL, 0, 0 }
#define REFF(S, k, fl, member, kind) \
  { k, GR__F_REF, GR__F_STR, fl, offsetof(S, member), -1, kind, NULL, 0, 0 }
#define OBJF(S, k, fl, member, schema) \
  { k, GR__F_OBJ, GR__F_STR, fl, offsetof(S, member), -1, -1, schema, 0, 0 }
#define RANGEF(S, k, t, fl, member, lo, hi) \
  { k, t, GR__F_STR, (fl) | GR__RANGE, offsetof(S, member), -1, -1, NULL, lo, hi }
#define LISTF(S, k, el, fl, member) \
  { k, GR__F_LIST, el, fl, offsetof(S, member), -1, -1, NULL, 0, 0 }
#define LISTENUM(S, k, fl, member, tab) \
  { k, GR__F_LIST, GR__F_ENUM, fl, offsetof(S, member), tab, -1, NULL, 0, 0 }
#define LISTREF(S, k, fl, member, kind) \
  { k, GR__F_LIST, GR__F_REF, fl, offsetof(S, member), -1, kind, NULL, 0, 0 }
#define LISTOBJ(S, k, fl, member, schema) \
  { k, GR__F_LIST, GR__F_OBJ, fl, offsetof(S, member), -1, -1, schema, 0, 0 }
#define QTYF(S, k, fl, member, lo, hi) \
  { k, GR__F_OBJ, GR__F_STR, (fl) | GR__RANGE, offsetof(S, member), -1, -1, &quantity_schema, lo, hi }

#define SCHEMA(S, name, rows, shorthand, check) \
  { name, sizeof(S), rows, sizeof(rows) / sizeof(rows[0]), shorthand, \
    offsetof(S, given), offsetof(S, pos), check }

#define BIT(i) ((uint64_t)1 << (i))

/* ---- Reporting through the sink ------------------------------------- */

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
    REFF(gr_source, "doc", 0, doc, GR_REC_DOCUMENT),
    FIELD(gr_source, "quote", GR__F_STR, 0, quote),
    FIELD(gr_source, "ref", GR__F_STR, 0, ref),
    FIELD(gr_source, "assumption", GR__F_STR, 0, assumption),
};
static const gr__schema source_schema = SCHEMA(gr_source, "source", source_fields, -1, check_source);

static const gr__field quantity_fields[] = {
    FIELD(gr_quantity, "value", GR__F_NUM, GR__REQ, value),
    RANGEF(gr_quantity, "year", GR__F_INT, 0, year, 1800, 2200),
    OBJF(gr_quantity, "source", 0, source, &source_schema),
};
static const gr__schema quantity_schema = SCHEMA(gr_quantity, "quantity", quantity_fields, 0, NULL);

/* ---- Document ---------------------------------------------------------- */

static const gr__field document_fields[] = {
    FIELD(gr_document, "id", GR__F_ID, GR__REQ, id),
    FIELD(gr_document, "title", GR__F_STR, 0, title),
    FIELD(gr_document, "outlet", GR__F_STR, 0, outlet),
    FIELD(gr_document, "author", GR__F_STR, 0, author),
    FIELD(gr_document, "date", GR__F_DATE, GR__REQ, date),
    FIELD(gr_document, "date_inferred", GR__F_BOOL, 0, date_inferred),
    FIELD(gr_document, "summary", GR__F_STR, 0, summary),
};
static const gr__schema document_schema = SCHEMA(gr_document, "document", document_fields, -1, NULL);

/* ---- Actor ------------------------------------------------------------- */

static void check_actor(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_actor *a = obj;
  if ((a->given & BIT(8)) && a->type != GR_ACTOR_STATE)
    gr__check_error(sink, pos, "only a state has a 'deploy_approval'");
  if ((a->given & BIT(9)) && !(a->given & BIT(8)))
    gr__check_error(sink, &a->deploy_approval_source.pos,
                   "'deploy_approval_source' without 'deploy_approval'");
}

static const gr__field actor_fields[] = {
    FIELD(gr_actor, "id", GR__F_ID, GR__REQ, id),                       /* 0 */
    FIELD(gr_actor, "name", GR__F_STR, GR__REQ, name),                  /* 1 */
    LISTF(gr_actor, "aliases", GR__F_STR, 0, aliases),                  /* 2 */
    ENUMF(gr_actor, "type", GR__REQ, type, GR_T_ACTOR_TYPE),            /* 3 */
    {"memberships", GR__F_LIST, GR__F_REF, GR__GROUP, offsetof(gr_actor, memberships), -1,
     GR_REC_ACTOR, NULL, 0, 0},                                         /* 4 */
    FIELD(gr_actor, "nuclear", GR__F_BOOL, 0, nuclear),                 /* 5 */
    QTYF(gr_actor, "personnel", 0, personnel, 0, 10e6),                 /* 6 */
    QTYF(gr_actor, "budget", 0, budget, 0, 5000),                       /* 7 */
    ENUMF(gr_actor, "deploy_approval", 0, deploy_approval, GR_T_APPROVAL), /* 8 */
    OBJF(gr_actor, "deploy_approval_source", 0, deploy_approval_source, &source_schema), /* 9 */
    LISTOBJ(gr_actor, "sources", GR__REQ, sources, &source_schema),
    FIELD(gr_actor, "note", GR__F_STR, 0, note),
};
static const gr__schema actor_schema = SCHEMA(gr_actor, "actor", actor_fields, -1, check_actor);

/* ---- Region ------------------------------------------------------------ */

static void check_control(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_control *c = obj;
  if (!(c->given & BIT(2))) return; /* A missing share is reported as missing. */
  double s = c->occupied_share;
  if (c->status == GR_CTL_GOVERNMENT && s != 0.0)
    gr__check_error(sink, pos, "status 'government' needs occupied_share 0, not %g", s);
  else if (c->status == GR_CTL_OCCUPIED && s != 1.0)
    gr__check_error(sink, pos, "status 'occupied' needs occupied_share 1, not %g", s);
  else if (c->status == GR_CTL_PARTLY_OCCUPIED && (s <= 0.0 || s >= 1.0))
    gr__check_error(sink, pos, "status 'partly_occupied' needs an occupied_share strictly between 0 and 1, not %g", s);
}

static const gr__field control_fields[] = {
    FIELD(gr_control, "date", GR__F_DATE, GR__REQ, date),
    ENUMF(gr_control, "status", GR__REQ, status, GR_T_CONTROL_STATUS),
    RANGEF(gr_control, "occupied_share", GR__F_NUM, GR__REQ, occupied_share, 0, 1),
    OBJF(gr_control, "source", GR__REQ, source, &source_schema),
};
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
    FIELD(gr_region, "id", GR__F_ID, GR__REQ, id),
    FIELD(gr_region, "name", GR__F_STR, GR__REQ, name),
    LISTF(gr_region, "aliases", GR__F_STR, 0, aliases),
    REFF(gr_region, "state", GR__REQ, state, GR_REC_ACTOR),
    ENUMF(gr_region, "type", GR__REQ, type, GR_T_REGION_TYPE),
    LISTOBJ(gr_region, "control", GR__REQ, control, &control_schema),
};
static const gr__schema region_schema = SCHEMA(gr_region, "region", region_fields, -1, check_region);

/* ---- Arrangement and obligation ------------------------------------ */

static const gr__field scope_clause_fields[] = {
    LISTREF(gr_scope_clause, "regions", 0, regions, GR_REC_REGION),
    LISTENUM(gr_scope_clause, "sides", 0, sides, GR_T_SIDE),
    FIELD(gr_scope_clause, "as_of", GR__F_DATE, 0, as_of),
    FIELD(gr_scope_clause, "note", GR__F_STR, 0, note),
};
static const gr__schema scope_clause_schema =
    SCHEMA(gr_scope_clause, "scope clause", scope_clause_fields, -1, NULL);

static const gr__field scope_fields[] = {
    LISTOBJ(gr_scope, "include", 0, include, &scope_clause_schema),
    LISTOBJ(gr_scope, "exclude", 0, exclude, &scope_clause_schema),
};
static const gr__schema scope_schema = SCHEMA(gr_scope, "scope", scope_fields, -1, NULL);

static const gr__field location_fields[] = {
    LISTREF(gr_location, "regions", 0, regions, GR_REC_REGION),
    REFF(gr_location, "based_in", 0, based_in, GR_REC_ACTOR),
    FIELD(gr_location, "note", GR__F_STR, 0, note),
};
static const gr__schema location_schema = SCHEMA(gr_location, "location", location_fields, -1, NULL);

static const gr__field trigger_fields[] = {
    ENUMF(gr_trigger, "event", GR__REQ, event, GR_T_EVENT_KIND),
    ENUMF(gr_trigger, "min_scale", 0, min_scale, GR_T_SCALE),
};
static const gr__schema trigger_schema = SCHEMA(gr_trigger, "trigger", trigger_fields, 0, NULL);

enum { OB_TROOPS = 3, OB_ACTIVATION = 8, OB_DEADLINE = 9, OB_BODY = 10, OB_BODY_RULE = 11 };

static void check_obligation(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_obligation *o = obj;
  if (!(o->given & BIT(OB_ACTIVATION))) return;
  if (o->activation == GR_ACT_BY_BODY && !(o->given & BIT(OB_BODY)))
    gr__check_error(sink, pos, "activation 'by_body' needs 'body' (who decides)");
  if (o->activation != GR_ACT_BY_BODY && (o->given & (BIT(OB_BODY) | BIT(OB_BODY_RULE))))
    gr__check_error(sink, pos, "'body' and 'body_rule' go with activation 'by_body', not '%s'",
                   gr_table_name(GR_T_ACTIVATION, o->activation));
  if (o->activation != GR_ACT_AFTER_CONSULTATION && (o->given & BIT(OB_DEADLINE)))
    gr__check_error(sink, pos, "'deadline_days' goes with activation 'after_consultation', not '%s'",
                   gr_table_name(GR_T_ACTIVATION, o->activation));
  if ((o->given & BIT(OB_TROOPS)) && o->troops.value > 0 && o->kind < GR_OB_TRAINING)
    gr__check_warning(sink, &o->troops.pos, "troops on a '%s' obligation are unusual",
                     gr_table_name(GR_T_OBLIGATION_KIND, o->kind));
}

static const gr__field obligation_fields[] = {
    REFF(gr_obligation, "guarantor", GR__REQ, guarantor, GR_REC_ACTOR),    /* 0 */
    ENUMF(gr_obligation, "kind", GR__REQ, kind, GR_T_OBLIGATION_KIND),     /* 1 */
    ENUMF(gr_obligation, "commitment", 0, commitment, GR_T_COMMITMENT),    /* 2 */
    QTYF(gr_obligation, "troops", 0, troops, 0, 1e6),                      /* 3 */
    QTYF(gr_obligation, "value", 0, value, 0, 1e6),                        /* 4 */
    QTYF(gr_obligation, "aircraft", 0, aircraft, 0, 5000),                 /* 5 */
    OBJF(gr_obligation, "location", 0, location, &location_schema),        /* 6 */
    LISTOBJ(gr_obligation, "triggers", 0, triggers, &trigger_schema),      /* 7 */
    ENUMF(gr_obligation, "activation", GR__REQ, activation, GR_T_ACTIVATION), /* 8 */
    RANGEF(gr_obligation, "deadline_days", GR__F_INT, 0, deadline_days, 1, 3650), /* 9 */
    FIELD(gr_obligation, "body", GR__F_STR, 0, body),                      /* 10 */
    FIELD(gr_obligation, "body_rule", GR__F_STR, 0, body_rule),            /* 11 */
    LISTENUM(gr_obligation, "conditions", 0, conditions, GR_T_FACT),
    OBJF(gr_obligation, "scope", 0, scope, &scope_schema),
    FIELD(gr_obligation, "start", GR__F_DATE, 0, start),
    RANGEF(gr_obligation, "duration_years", GR__F_NUM, 0, duration_years, 0, 200),
    ENUMF(gr_obligation, "renewal", 0, renewal, GR_T_RENEWAL),
    LISTENUM(gr_obligation, "revocation", 0, revocation, GR_T_REVOCATION),
    FIELD(gr_obligation, "note", GR__F_STR, 0, note),
    LISTOBJ(gr_obligation, "sources", GR__REQ, sources, &source_schema),
};
static const gr__schema obligation_schema =
    SCHEMA(gr_obligation, "obligation", obligation_fields, -1, check_obligation);

static const gr__field guarantor_form_fields[] = {
    REFF(gr_guarantor_form, "guarantor", GR__REQ, guarantor, GR_REC_ACTOR),
    ENUMF(gr_guarantor_form, "legal_form", GR__REQ, legal_form, GR_T_LEGAL_FORM),
    FIELD(gr_guarantor_form, "note", GR__F_STR, 0, note),
};
static const gr__schema guarantor_form_schema =
    SCHEMA(gr_guarantor_form, "legal form of a guarantor", guarantor_form_fields, -1, NULL);

static const gr__field command_fields[] = {
    REFF(gr_command, "lead", 0, lead, GR_REC_ACTOR),
    FIELD(gr_command, "note", GR__F_STR, 0, note),
};
static const gr__schema command_schema = SCHEMA(gr_command, "command", command_fields, -1, NULL);

enum { AR_OBLIGATIONS = 13 };

static void check_arrangement(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_arrangement *a = obj;
  if ((a->given & BIT(AR_OBLIGATIONS)) && a->obligations.n == 0)
    gr__check_error(sink, pos, "arrangement '%s' has no obligations", a->id ? a->id : "?");
}

static const gr__field arrangement_fields[] = {
    FIELD(gr_arrangement, "id", GR__F_ID, GR__REQ, id),
    FIELD(gr_arrangement, "title", GR__F_STR, GR__REQ, title),
    REFF(gr_arrangement, "protects", GR__REQ, protects, GR_REC_ACTOR),
    FIELD(gr_arrangement, "date", GR__F_DATE, GR__REQ, date),
    FIELD(gr_arrangement, "date_inferred", GR__F_BOOL, 0, date_inferred),
    ENUMF(gr_arrangement, "status", GR__REQ, status, GR_T_ARRANGEMENT_STATUS),
    ENUMF(gr_arrangement, "legal_form", GR__REQ, legal_form, GR_T_LEGAL_FORM),
    LISTOBJ(gr_arrangement, "legal_forms", 0, legal_forms, &guarantor_form_schema),
    {"accession", GR__F_REF, GR__F_STR, GR__GROUP, offsetof(gr_arrangement, accession), -1,
     GR_REC_ACTOR, NULL, 0, 0},
    OBJF(gr_arrangement, "command", 0, command, &command_schema),
    LISTENUM(gr_arrangement, "protected_conditions", 0, protected_conditions, GR_T_PROTECTED_CONDITION),
    FIELD(gr_arrangement, "summary", GR__F_STR, 0, summary),
    LISTOBJ(gr_arrangement, "sources", GR__REQ, sources, &source_schema),
    LISTOBJ(gr_arrangement, "obligations", GR__REQ, obligations, &obligation_schema),
};
static const gr__schema arrangement_schema =
    SCHEMA(gr_arrangement, "arrangement", arrangement_fields, -1, check_arrangement);

/* ---- Position ---------------------------------------------------------- */

static void check_match(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_match *m = obj;
  if (m->given == 0)
    gr__check_error(sink, pos, "a match needs at least one criterion");
  if ((m->given & BIT(4)) && (m->given & BIT(5)) && m->legal_form_min > m->legal_form_max)
    gr__check_error(sink, pos, "legal_form_min '%s' is above legal_form_max '%s'",
                   gr_table_name(GR_T_LEGAL_FORM, m->legal_form_min),
                   gr_table_name(GR_T_LEGAL_FORM, m->legal_form_max));
}

static const gr__field match_fields[] = {
    LISTENUM(gr_match, "kinds", 0, kinds, GR_T_OBLIGATION_KIND),
    LISTREF(gr_match, "guarantors", 0, guarantors, GR_REC_ACTOR),
    ENUMF(gr_match, "location", 0, location, GR_T_LOCATION_CLASS),
    RANGEF(gr_match, "min_troops", GR__F_NUM, 0, min_troops, 0, 1e6),
    ENUMF(gr_match, "legal_form_min", 0, legal_form_min, GR_T_LEGAL_FORM),
    ENUMF(gr_match, "legal_form_max", 0, legal_form_max, GR_T_LEGAL_FORM),
    {"accession", GR__F_REF, GR__F_STR, GR__GROUP, offsetof(gr_match, accession), -1,
     GR_REC_ACTOR, NULL, 0, 0},
    LISTENUM(gr_match, "protected_conditions", 0, protected_conditions, GR_T_PROTECTED_CONDITION),
};
static const gr__schema match_schema = SCHEMA(gr_match, "match", match_fields, -1, check_match);

static const gr__field position_fields[] = {
    FIELD(gr_position, "id", GR__F_ID, GR__REQ, id),
    REFF(gr_position, "actor", GR__REQ, actor, GR_REC_ACTOR),
    FIELD(gr_position, "topic", GR__F_ID, GR__REQ, topic),
    FIELD(gr_position, "date", GR__F_DATE, GR__REQ, date),
    FIELD(gr_position, "date_inferred", GR__F_BOOL, 0, date_inferred),
    ENUMF(gr_position, "rule", GR__REQ, rule, GR_T_RULE),
    ENUMF(gr_position, "confidence", GR__REQ, confidence, GR_T_CONFIDENCE),
    FIELD(gr_position, "summary", GR__F_STR, GR__REQ, summary),
    OBJF(gr_position, "match", GR__REQ, match, &match_schema),
    LISTENUM(gr_position, "unless", 0, unless, GR_T_FACT),
    OBJF(gr_position, "source", GR__REQ, source, &source_schema),
};
static const gr__schema position_schema = SCHEMA(gr_position, "position", position_fields, -1, NULL);

/* ---- Event ------------------------------------------------------------- */

static const gr__field event_location_fields[] = {
    REFF(gr_event_location, "region", GR__REQ, region, GR_REC_REGION),
    ENUMF(gr_event_location, "side", GR__REQ, side, GR_T_SIDE),
};
static const gr__schema event_location_schema =
    SCHEMA(gr_event_location, "event location", event_location_fields, -1, NULL);

static void check_event(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_event *e = obj;
  if ((e->given & BIT(5)) && e->locations.n == 0)
    gr__check_error(sink, pos, "event '%s' has no locations", e->id ? e->id : "?");
  if (e->aggressor && e->target && strcmp(e->aggressor, e->target) == 0)
    gr__check_error(sink, pos, "an event's aggressor and target must differ");
}

static const gr__field event_fields[] = {
    FIELD(gr_event, "id", GR__F_ID, GR__REQ, id),
    FIELD(gr_event, "title", GR__F_STR, GR__REQ, title),
    ENUMF(gr_event, "kind", GR__REQ, kind, GR_T_EVENT_KIND),
    REFF(gr_event, "aggressor", GR__REQ, aggressor, GR_REC_ACTOR),
    REFF(gr_event, "target", GR__REQ, target, GR_REC_ACTOR),
    LISTOBJ(gr_event, "locations", GR__REQ, locations, &event_location_schema), /* 5 */
    ENUMF(gr_event, "scale", GR__REQ, scale, GR_T_SCALE),
    FIELD(gr_event, "day0", GR__F_DATE, 0, day0),
    FIELD(gr_event, "summary", GR__F_STR, 0, summary),
    LISTOBJ(gr_event, "sources", GR__REQ, sources, &source_schema),
};
static const gr__schema event_schema = SCHEMA(gr_event, "event", event_fields, -1, check_event);

/* ---- Parameter --------------------------------------------------------- */

enum { P_VALUE = 4, P_A, P_B, P_MEAN, P_SD, P_MU, P_SIGMA, P_MIN, P_MODE, P_MAX };

/* Which keys each distribution takes, as a bit mask over the fields. */
static const uint64_t dist_keys[GR_DIST__COUNT] = {
    [GR_DIST_FIXED] = BIT(P_VALUE),
    [GR_DIST_BETA] = BIT(P_A) | BIT(P_B),
    [GR_DIST_NORMAL] = BIT(P_MEAN) | BIT(P_SD),
    [GR_DIST_LOGNORMAL] = BIT(P_MU) | BIT(P_SIGMA),
    [GR_DIST_UNIFORM] = BIT(P_MIN) | BIT(P_MAX),
    [GR_DIST_TRIANGULAR] = BIT(P_MIN) | BIT(P_MODE) | BIT(P_MAX),
};

static const gr__field parameter_fields[] = {
    FIELD(gr_parameter, "id", GR__F_ID, GR__REQ, id),
    FIELD(gr_parameter, "title", GR__F_STR, GR__REQ, title),
    FIELD(gr_parameter, "unit", GR__F_STR, 0, unit),
    ENUMF(gr_parameter, "distribution", GR__REQ, distribution, GR_T_DISTRIBUTION),
    FIELD(gr_parameter, "value", GR__F_NUM, 0, value),
    FIELD(gr_parameter, "a", GR__F_NUM, 0, a),
    FIELD(gr_parameter, "b", GR__F_NUM, 0, b),
    FIELD(gr_parameter, "mean", GR__F_NUM, 0, mean),
    FIELD(gr_parameter, "sd", GR__F_NUM, 0, sd),
    FIELD(gr_parameter, "mu", GR__F_NUM, 0, mu),
    FIELD(gr_parameter, "sigma", GR__F_NUM, 0, sigma),
    FIELD(gr_parameter, "min", GR__F_NUM, 0, min),
    FIELD(gr_parameter, "mode", GR__F_NUM, 0, mode),
    FIELD(gr_parameter, "max", GR__F_NUM, 0, max),
    LISTOBJ(gr_parameter, "sources", GR__REQ, sources, &source_schema),
    FIELD(gr_parameter, "note", GR__F_STR, 0, note),
};

static void check_parameter(gr__sink *sink, void *obj, const gr_pos *pos) {
  const gr_parameter *p = obj;
  if (!(p->given & BIT(3))) return;
  const char *dname = gr_table_name(GR_T_DISTRIBUTION, p->distribution);
  uint64_t want = dist_keys[p->distribution];
  uint64_t all = 0;
  for (int i = P_VALUE; i <= P_MAX; i++) all |= BIT(i);
  for (int i = P_VALUE; i <= P_MAX; i++) {
    if ((want & BIT(i)) && !(p->given & BIT(i)))
      gr__check_error(sink, pos, "distribution '%s' needs '%s'", dname, parameter_fields[i].key);
    else if (!(want & BIT(i)) && (p->given & all & BIT(i)))
      gr__check_error(sink, pos, "'%s' does not go with distribution '%s'", parameter_fields[i].key, dname);
  }
  if ((p->given & want) != want) return;
  /* A probability lives in [0, 1]: its distribution must too. */
  if (p->unit != NULL && strcmp(p->unit, "probability") == 0) {
    bool ok = true;
    switch (p->distribution) {
    case GR_DIST_FIXED: ok = p->value >= 0 && p->value <= 1; break;
    case GR_DIST_BETA: break;
    case GR_DIST_UNIFORM: ok = p->min >= 0 && p->max <= 1; break;
    case GR_DIST_TRIANGULAR: ok = p->min >= 0 && p->max <= 1; break;
    default: ok = false; break;
    }
    if (!ok)
      gr__check_error(sink, pos, "a probability must lie in [0, 1]: use fixed, beta, uniform or triangular within it");
  }
  switch (p->distribution) {
  case GR_DIST_BETA:
    if (!(p->a > 0)) gr__check_error(sink, pos, "beta needs a > 0, not %g", p->a);
    if (!(p->b > 0)) gr__check_error(sink, pos, "beta needs b > 0, not %g", p->b);
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

/* ---- Top level --------------------------------------------------------- */

const gr__schema *const gr__record_schemas[GR_REC__COUNT] = {
    [GR_REC_DOCUMENT] = &document_schema,       [GR_REC_ACTOR] = &actor_schema,
    [GR_REC_REGION] = &region_schema,           [GR_REC_ARRANGEMENT] = &arrangement_schema,
    [GR_REC_POSITION] = &position_schema,       [GR_REC_EVENT] = &event_schema,
    [GR_REC_PARAMETER] = &parameter_schema,
};

const char *const gr__list_keys[GR_REC__COUNT] = {
    [GR_REC_DOCUMENT] = "documents", [GR_REC_ACTOR] = "actors",
    [GR_REC_REGION] = "regions",     [GR_REC_ARRANGEMENT] = "arrangements",
    [GR_REC_POSITION] = "positions", [GR_REC_EVENT] = "events",
    [GR_REC_PARAMETER] = "parameters",
};

int gr__schema_field(const gr__schema *s, const char *key) {
  for (size_t i = 0; i < s->nfields; i++)
    if (s->fields[i].key != NULL && strcmp(s->fields[i].key, key) == 0) return (int)i;
  return -1;
}

bool gr_record_given(gr_record_kind kind, uint64_t given, const char *key) {
  if ((int)kind < 0 || kind >= GR_REC__COUNT) return false;
  int i = gr__schema_field(gr__record_schemas[kind], key);
  return i >= 0 && (given & BIT(i)) != 0;
}

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
