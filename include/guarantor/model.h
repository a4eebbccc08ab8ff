/*
 * guarantor — the data model.
 *
 * Records (actors, regions, arrangements, positions, events, parameters,
 * documents) are plain read-only structs owned by the catalog that loaded
 * them (see catalog.h); pointers stay valid until gr_catalog_free(). Strings
 * are UTF-8 and NUL-terminated; an absent optional string is NULL. Each
 * record carries a `given` bit set telling which of its keys the input gave
 * (see "Keys" below: GR_GIVEN(obj, GR_KEY_...)).
 *
 * The closed vocabularies (obligation kinds, legal forms, activation modes,
 * event kinds, ...) are tables, one row per term with a one-line definition:
 * see gr_table() below. Enum values index those tables, in rank order where
 * the vocabulary is ordered (weakest first).
 */
#ifndef GUARANTOR_MODEL_H
#define GUARANTOR_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "common.h"
#include "json.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Vocabularies --------------------------------------------------- */

typedef enum gr_obligation_kind {
  GR_OB_CONSULTATION,
  GR_OB_SANCTIONS,
  GR_OB_ECONOMIC_AID,
  GR_OB_INTELLIGENCE_SHARING,
  GR_OB_TRAINING,
  GR_OB_ARMS_SUPPLY,
  GR_OB_AIR_DEFENCE_SUPPLY,
  GR_OB_NAVAL_PRESENCE,
  GR_OB_AIR_COVER,
  GR_OB_REASSURANCE_FORCE,
  GR_OB_MILITARY_INTERVENTION,
  GR_OB__COUNT
} gr_obligation_kind;

typedef enum gr_legal_form {
  GR_LF_POLITICAL_DECLARATION,
  GR_LF_MEMORANDUM,
  GR_LF_EXECUTIVE_AGREEMENT,
  GR_LF_TREATY_SIGNED,
  GR_LF_TREATY_RATIFIED,
  GR_LF__COUNT
} gr_legal_form;

typedef enum gr_activation {
  GR_ACT_AUTOMATIC,
  GR_ACT_AFTER_CONSULTATION,
  GR_ACT_DISCRETIONARY,
  GR_ACT_CONSENSUS,
  GR_ACT_BY_BODY,
  GR_ACT__COUNT
} gr_activation;

typedef enum gr_event_kind {
  GR_EV_ARMED_ATTACK,
  GR_EV_LIMITED_INCURSION,
  GR_EV_STRIKE,
  GR_EV_ATTACK_ON_GUARANTOR_FORCES,
  GR_EV_CEASEFIRE_VIOLATION,
  GR_EV_HYBRID,
  GR_EV_BLOCKADE,
  GR_EV__COUNT
} gr_event_kind;

typedef enum gr_scale {
  GR_SCALE_MINOR,
  GR_SCALE_LIMITED,
  GR_SCALE_MAJOR,
  GR_SCALE_MASSIVE,
  GR_SCALE__COUNT
} gr_scale;

typedef enum gr_side {
  GR_SIDE_GOVERNMENT,
  GR_SIDE_OCCUPIED,
  GR_SIDE_LINE,
  GR_SIDE__COUNT
} gr_side;

typedef enum gr_control_status {
  GR_CTL_GOVERNMENT,
  GR_CTL_PARTLY_OCCUPIED,
  GR_CTL_OCCUPIED,
  GR_CTL__COUNT
} gr_control_status;

typedef enum gr_commitment {
  GR_COMMIT_FIRM,
  GR_COMMIT_WILLING,
  GR_COMMIT_CONDITIONAL,
  GR_COMMIT_UNDECIDED,
  GR_COMMIT_DECLINED,
  GR_COMMIT__COUNT
} gr_commitment;

typedef enum gr_arrangement_status {
  GR_ST_PROPOSED,
  GR_ST_IN_FORCE,
  GR_ST_LAPSED,
  GR_ST_REJECTED,
  GR_ST_REFERENCE,
  GR_ST__COUNT
} gr_arrangement_status;

typedef enum gr_rule {
  GR_RULE_FORBID,
  GR_RULE_REQUIRE,
  GR_RULE_PREFER,
  GR_RULE_OPPOSE,
  GR_RULE__COUNT
} gr_rule;

typedef enum gr_confidence {
  GR_CONF_LOW,
  GR_CONF_MEDIUM,
  GR_CONF_HIGH,
  GR_CONF__COUNT
} gr_confidence;

typedef enum gr_actor_type {
  GR_ACTOR_STATE,
  GR_ACTOR_ORGANISATION,
  GR_ACTOR_GROUP,
  GR_ACTOR__COUNT
} gr_actor_type;

typedef enum gr_approval {
  GR_APPROVAL_EXECUTIVE,
  GR_APPROVAL_PARLIAMENT_PRIOR,
  GR_APPROVAL_PARLIAMENT_AFTER,
  GR_APPROVAL__COUNT
} gr_approval;

typedef enum gr_region_type {
  GR_REGION_OBLAST,
  GR_REGION_CITY,
  GR_REGION_AUTONOMOUS_REPUBLIC,
  GR_REGION__COUNT
} gr_region_type;

typedef enum gr_location_class {
  GR_LOC_ANY,
  GR_LOC_IN_PROTECTED_STATE,
  GR_LOC_OUTSIDE_PROTECTED_STATE,
  GR_LOC__COUNT
} gr_location_class;

typedef enum gr_renewal {
  GR_RENEW_NONE,
  GR_RENEW_AUTOMATIC,
  GR_RENEW_BY_AGREEMENT,
  GR_RENEW__COUNT
} gr_renewal;

typedef enum gr_distribution {
  GR_DIST_FIXED,
  GR_DIST_BETA,
  GR_DIST_NORMAL,
  GR_DIST_LOGNORMAL,
  GR_DIST_UNIFORM,
  GR_DIST_TRIANGULAR,
  GR_DIST__COUNT
} gr_distribution;

/* Named facts: the conditions obligations and positions refer to. */
typedef enum gr_fact {
  GR_FACT_UN_MANDATE,
  GR_FACT_US_BACKSTOP,
  GR_FACT_CEASEFIRE_IN_FORCE,
  GR_FACT_EUROPEAN_GROUND_FORCE_PRESENT,
  GR_FACT_RUSSIA_CONSULTED,
  GR_FACT_NEUTRALITY_OBSERVED,
  GR_FACT_PARLIAMENT_APPROVAL,
  GR_FACT__COUNT
} gr_fact;

/* Conditions an arrangement imposes on the protected state. */
typedef enum gr_protected_condition {
  GR_PC_NEUTRALITY,
  GR_PC_NO_NATO_MEMBERSHIP,
  GR_PC_FORCE_CAP,
  GR_PC_NO_FOREIGN_TROOPS,
  GR_PC_TERRITORIAL_CONCESSION,
  GR_PC_NUCLEAR_DISARMAMENT,
  GR_PC__COUNT
} gr_protected_condition;

/* Conduct of the protected state that voids an obligation. */
typedef enum gr_revocation {
  GR_REV_PROTECTED_STATE_ATTACKS_FIRST,
  GR_REV_PROTECTED_STATE_JOINS_NATO,
  GR_REV_BREACH_OF_NEUTRALITY,
  GR_REV_CEASEFIRE_BREACH_BY_PROTECTED_STATE,
  GR_REV__COUNT
} gr_revocation;

/* Which table: the argument of gr_table(). */
typedef enum gr_table_id {
  GR_T_OBLIGATION_KIND,
  GR_T_LEGAL_FORM,
  GR_T_ACTIVATION,
  GR_T_EVENT_KIND,
  GR_T_SCALE,
  GR_T_SIDE,
  GR_T_CONTROL_STATUS,
  GR_T_COMMITMENT,
  GR_T_ARRANGEMENT_STATUS,
  GR_T_RULE,
  GR_T_CONFIDENCE,
  GR_T_ACTOR_TYPE,
  GR_T_APPROVAL,
  GR_T_REGION_TYPE,
  GR_T_LOCATION_CLASS,
  GR_T_RENEWAL,
  GR_T_DISTRIBUTION,
  GR_T_FACT,
  GR_T_PROTECTED_CONDITION,
  GR_T_REVOCATION,
  GR_T__COUNT
} gr_table_id;

/* One term of a vocabulary. */
typedef struct gr_term {
  const char *name;       /* As written in files, e.g. "reassurance_force". */
  const char *definition; /* One line, for `show --kinds` and the docs. */
} gr_term;

/* A vocabulary: its name (as a file key or heading), whether its terms are
 * ordered weakest-first, and its rows. */
typedef struct gr_table {
  const char *name;
  const char *title;
  bool ordered;
  size_t count;
  const gr_term *terms;
} gr_table;

/* The table `id`, or NULL when `id` is out of range. Static storage. */
GR_EXTERN const gr_table *gr_table_get(gr_table_id id);

/* The index of `name` in table `id`, or -1 when it is not a term of it. */
GR_EXTERN int gr_table_find(gr_table_id id, const char *name);

/* The name of term `value` of table `id`, or "?" when out of range. */
GR_EXTERN const char *gr_table_name(gr_table_id id, int value);

/* ---- Building blocks ------------------------------------------------ */

/* Where a record or value was written: file name (as given to the loader),
 * 1-based line and column. */
typedef struct gr_pos {
  const char *file;
  int line;
  int column;
} gr_pos;

typedef struct gr_strlist {
  const char **items;
  size_t n;
} gr_strlist;

typedef struct gr_intlist {
  int *items;
  size_t n;
} gr_intlist;

/* Provenance of a record or value: a document of the corpus and a short
 * quote from it, a published reference, or an assumption with its reason.
 * At least one of doc, ref, assumption is set; doc comes with a quote. */
typedef struct gr_source {
  uint64_t given;
  const char *doc;        /* Document id, e.g. "002_3480e6c57a14e5b5.txt". */
  const char *quote;      /* Short verbatim quote from doc (or from ref). */
  const char *ref;        /* A published reference, e.g. a paper or law. */
  const char *assumption; /* Why a value is assumed, in one line. */
  gr_pos pos;
} gr_source;

typedef struct gr_sourcelist {
  gr_source *items;
  size_t n;
} gr_sourcelist;

/* A number with its own provenance (and the year it refers to, if any). */
typedef struct gr_quantity {
  uint64_t given;
  double value;
  int year;
  gr_source source;
  gr_pos pos;
} gr_quantity;

/* ---- Records -------------------------------------------------------- */

typedef struct gr_document {
  uint64_t given;
  const char *id; /* The file name in data/sources/. */
  const char *title;
  const char *outlet;
  const char *author;
  gr_date date;
  bool date_inferred; /* True when the date is estimated from content. */
  const char *summary;
  gr_pos pos;
} gr_document;

typedef struct gr_actor {
  uint64_t given;
  const char *id; /* ISO 3166 alpha-3 for states; EU, NATO, UN, P5, WEST. */
  const char *name;
  gr_strlist aliases;
  int type;              /* gr_actor_type */
  gr_strlist memberships; /* Ids of organisations and groups. */
  bool nuclear;
  gr_quantity personnel;  /* Active military personnel. */
  gr_quantity budget;     /* Defence budget, billions of US dollars. */
  int deploy_approval;    /* gr_approval */
  gr_source deploy_approval_source;
  gr_sourcelist sources;
  const char *note;
  gr_pos pos;
} gr_actor;

typedef struct gr_control {
  uint64_t given;
  gr_date date;
  int status;            /* gr_control_status */
  double occupied_share; /* 0..1 of the region's area. */
  gr_source source;
  gr_pos pos;
} gr_control;

typedef struct gr_controllist {
  gr_control *items;
  size_t n;
} gr_controllist;

typedef struct gr_region {
  uint64_t given;
  const char *id; /* ISO 3166-2 code, e.g. "UA-23". */
  const char *name;
  gr_strlist aliases;
  const char *state; /* Actor id of the state it belongs to. */
  int type;          /* gr_region_type */
  gr_controllist control; /* Dated control snapshots, oldest first. */
  gr_pos pos;
} gr_region;

/* One clause of a territorial scope: the listed regions (all regions of the
 * protected state when none are listed), restricted to the given sides of
 * the line; with as_of, only the part occupied at that date. */
typedef struct gr_scope_clause {
  uint64_t given;
  gr_strlist regions;
  gr_intlist sides; /* gr_side */
  gr_date as_of;
  const char *note;
  gr_pos pos;
} gr_scope_clause;

typedef struct gr_scope_clauses {
  gr_scope_clause *items;
  size_t n;
} gr_scope_clauses;

typedef struct gr_scope {
  uint64_t given;
  gr_scope_clauses include; /* Empty: the whole protected state. */
  gr_scope_clauses exclude;
  gr_pos pos;
} gr_scope;

/* Where an asset stands: regions of the protected state, or another state. */
typedef struct gr_location {
  uint64_t given;
  gr_strlist regions;
  const char *based_in; /* Actor id when the asset stands outside. */
  const char *note;
  gr_pos pos;
} gr_location;

typedef struct gr_trigger {
  uint64_t given;
  int event;     /* gr_event_kind */
  int min_scale; /* gr_scale; meaningful when given. */
  gr_pos pos;
} gr_trigger;

typedef struct gr_triggerlist {
  gr_trigger *items;
  size_t n;
} gr_triggerlist;

typedef struct gr_obligation {
  uint64_t given;
  const char *guarantor; /* Actor id. */
  int kind;              /* gr_obligation_kind */
  int commitment;        /* gr_commitment; firm when not given. */
  gr_quantity troops;    /* Personnel committed (reassurance force, ...). */
  gr_quantity value;     /* Millions of US dollars per year (aid, arms). */
  gr_quantity aircraft;  /* Combat aircraft committed (air cover). */
  gr_location location;
  gr_triggerlist triggers;
  int activation;        /* gr_activation */
  int deadline_days;     /* after_consultation: days to decide. */
  const char *body;      /* by_body: the body that decides. */
  const char *body_rule; /* by_body: its decision rule, in words. */
  gr_intlist conditions; /* gr_fact: facts that must hold. */
  gr_scope scope;
  gr_date start;
  double duration_years;
  int renewal;            /* gr_renewal */
  gr_intlist revocation;  /* gr_revocation */
  const char *note;
  gr_sourcelist sources;
  gr_pos pos;
} gr_obligation;

typedef struct gr_obligationlist {
  gr_obligation *items;
  size_t n;
} gr_obligationlist;

typedef struct gr_guarantor_form {
  uint64_t given;
  const char *guarantor;
  int legal_form; /* gr_legal_form */
  const char *note;
  gr_pos pos;
} gr_guarantor_form;

typedef struct gr_guarantor_forms {
  gr_guarantor_form *items;
  size_t n;
} gr_guarantor_forms;

typedef struct gr_command {
  uint64_t given;
  const char *lead; /* Actor id. */
  const char *note;
  gr_pos pos;
} gr_command;

typedef struct gr_arrangement {
  uint64_t given;
  const char *id;
  const char *title;
  const char *protects; /* Actor id of the protected state. */
  gr_date date;
  bool date_inferred;
  int status;     /* gr_arrangement_status */
  int legal_form; /* gr_legal_form, overall */
  gr_guarantor_forms legal_forms; /* Per-guarantor overrides. */
  const char *accession;          /* Organisation the protected state joins. */
  gr_command command;
  gr_intlist protected_conditions; /* gr_protected_condition */
  const char *summary;
  gr_sourcelist sources;
  gr_obligationlist obligations;
  gr_pos pos;
} gr_arrangement;

/* What a position rule looks at. An obligation matches when every given
 * criterion holds; arrangement-level criteria (legal form, accession,
 * protected-state conditions) apply to the arrangement as a whole. */
typedef struct gr_match {
  uint64_t given;
  gr_intlist kinds;      /* gr_obligation_kind */
  gr_strlist guarantors; /* Actor ids or group ids (via memberships). */
  int location;          /* gr_location_class */
  double min_troops;
  int legal_form_min; /* gr_legal_form */
  int legal_form_max; /* gr_legal_form */
  const char *accession;
  gr_intlist protected_conditions;
  gr_pos pos;
} gr_match;

typedef struct gr_position {
  uint64_t given;
  const char *id;
  const char *actor;
  const char *topic; /* Positions of one actor on one topic supersede. */
  gr_date date;
  bool date_inferred;
  int rule;       /* gr_rule */
  int confidence; /* gr_confidence */
  const char *summary;
  gr_match match;
  gr_intlist unless; /* gr_fact: the rule lapses when any holds. */
  gr_source source;
  gr_pos pos;
} gr_position;

typedef struct gr_event_location {
  uint64_t given;
  const char *region;
  int side; /* gr_side */
  gr_pos pos;
} gr_event_location;

typedef struct gr_event_locations {
  gr_event_location *items;
  size_t n;
} gr_event_locations;

typedef struct gr_event {
  uint64_t given;
  const char *id;
  const char *title;
  int kind; /* gr_event_kind */
  const char *aggressor;
  const char *target;
  gr_event_locations locations;
  int scale; /* gr_scale */
  gr_date day0;
  const char *summary;
  gr_sourcelist sources;
  gr_pos pos;
} gr_event;

typedef struct gr_parameter {
  uint64_t given;
  const char *id;
  const char *title;
  const char *unit;
  int distribution; /* gr_distribution; fixed uses value. */
  double value;
  double a, b;           /* beta */
  double mean, sd;       /* normal */
  double mu, sigma;      /* lognormal (of the log) */
  double min, mode, max; /* uniform (min, max), triangular */
  gr_sourcelist sources;
  const char *note;
  gr_pos pos;
} gr_parameter;

/* ---- Keys ------------------------------------------------------------ */

/*
 * Every record and nested value has a `given` mask: bit GR_KEY_<P>_<N> is
 * set when the input gave key <n> (the key as written in files, e.g.
 * GR_KEY_TRIGGER_MIN_SCALE for `min_scale` of a trigger). Test it with
 * GR_GIVEN(obj, GR_KEY_...). The constants are the schema's rows in order
 * (the loader places each row by its constant, and a test checks that each
 * spells its key); new keys are appended, so a value never changes.
 */
#define GR_GIVEN(obj, key) ((((obj)->given) >> (key)) & 1u)

enum {
  GR_KEY_SOURCE_DOC,
  GR_KEY_SOURCE_QUOTE,
  GR_KEY_SOURCE_REF,
  GR_KEY_SOURCE_ASSUMPTION,
  GR_KEY_SOURCE__COUNT
};
enum {
  GR_KEY_QUANTITY_VALUE,
  GR_KEY_QUANTITY_YEAR,
  GR_KEY_QUANTITY_SOURCE,
  GR_KEY_QUANTITY__COUNT
};
enum {
  GR_KEY_DOCUMENT_ID,
  GR_KEY_DOCUMENT_TITLE,
  GR_KEY_DOCUMENT_OUTLET,
  GR_KEY_DOCUMENT_AUTHOR,
  GR_KEY_DOCUMENT_DATE,
  GR_KEY_DOCUMENT_DATE_INFERRED,
  GR_KEY_DOCUMENT_SUMMARY,
  GR_KEY_DOCUMENT__COUNT
};
enum {
  GR_KEY_ACTOR_ID,
  GR_KEY_ACTOR_NAME,
  GR_KEY_ACTOR_ALIASES,
  GR_KEY_ACTOR_TYPE,
  GR_KEY_ACTOR_MEMBERSHIPS,
  GR_KEY_ACTOR_NUCLEAR,
  GR_KEY_ACTOR_PERSONNEL,
  GR_KEY_ACTOR_BUDGET,
  GR_KEY_ACTOR_DEPLOY_APPROVAL,
  GR_KEY_ACTOR_DEPLOY_APPROVAL_SOURCE,
  GR_KEY_ACTOR_SOURCES,
  GR_KEY_ACTOR_NOTE,
  GR_KEY_ACTOR__COUNT
};
enum {
  GR_KEY_CONTROL_DATE,
  GR_KEY_CONTROL_STATUS,
  GR_KEY_CONTROL_OCCUPIED_SHARE,
  GR_KEY_CONTROL_SOURCE,
  GR_KEY_CONTROL__COUNT
};
enum {
  GR_KEY_REGION_ID,
  GR_KEY_REGION_NAME,
  GR_KEY_REGION_ALIASES,
  GR_KEY_REGION_STATE,
  GR_KEY_REGION_TYPE,
  GR_KEY_REGION_CONTROL,
  GR_KEY_REGION__COUNT
};
enum {
  GR_KEY_SCOPE_CLAUSE_REGIONS,
  GR_KEY_SCOPE_CLAUSE_SIDES,
  GR_KEY_SCOPE_CLAUSE_AS_OF,
  GR_KEY_SCOPE_CLAUSE_NOTE,
  GR_KEY_SCOPE_CLAUSE__COUNT
};
enum {
  GR_KEY_SCOPE_INCLUDE,
  GR_KEY_SCOPE_EXCLUDE,
  GR_KEY_SCOPE__COUNT
};
enum {
  GR_KEY_LOCATION_REGIONS,
  GR_KEY_LOCATION_BASED_IN,
  GR_KEY_LOCATION_NOTE,
  GR_KEY_LOCATION__COUNT
};
enum {
  GR_KEY_TRIGGER_EVENT,
  GR_KEY_TRIGGER_MIN_SCALE,
  GR_KEY_TRIGGER__COUNT
};
enum {
  GR_KEY_OBLIGATION_GUARANTOR,
  GR_KEY_OBLIGATION_KIND,
  GR_KEY_OBLIGATION_COMMITMENT,
  GR_KEY_OBLIGATION_TROOPS,
  GR_KEY_OBLIGATION_VALUE,
  GR_KEY_OBLIGATION_AIRCRAFT,
  GR_KEY_OBLIGATION_LOCATION,
  GR_KEY_OBLIGATION_TRIGGERS,
  GR_KEY_OBLIGATION_ACTIVATION,
  GR_KEY_OBLIGATION_DEADLINE_DAYS,
  GR_KEY_OBLIGATION_BODY,
  GR_KEY_OBLIGATION_BODY_RULE,
  GR_KEY_OBLIGATION_CONDITIONS,
  GR_KEY_OBLIGATION_SCOPE,
  GR_KEY_OBLIGATION_START,
  GR_KEY_OBLIGATION_DURATION_YEARS,
  GR_KEY_OBLIGATION_RENEWAL,
  GR_KEY_OBLIGATION_REVOCATION,
  GR_KEY_OBLIGATION_NOTE,
  GR_KEY_OBLIGATION_SOURCES,
  GR_KEY_OBLIGATION__COUNT
};
enum {
  GR_KEY_GUARANTOR_FORM_GUARANTOR,
  GR_KEY_GUARANTOR_FORM_LEGAL_FORM,
  GR_KEY_GUARANTOR_FORM_NOTE,
  GR_KEY_GUARANTOR_FORM__COUNT
};
enum {
  GR_KEY_COMMAND_LEAD,
  GR_KEY_COMMAND_NOTE,
  GR_KEY_COMMAND__COUNT
};
enum {
  GR_KEY_ARRANGEMENT_ID,
  GR_KEY_ARRANGEMENT_TITLE,
  GR_KEY_ARRANGEMENT_PROTECTS,
  GR_KEY_ARRANGEMENT_DATE,
  GR_KEY_ARRANGEMENT_DATE_INFERRED,
  GR_KEY_ARRANGEMENT_STATUS,
  GR_KEY_ARRANGEMENT_LEGAL_FORM,
  GR_KEY_ARRANGEMENT_LEGAL_FORMS,
  GR_KEY_ARRANGEMENT_ACCESSION,
  GR_KEY_ARRANGEMENT_COMMAND,
  GR_KEY_ARRANGEMENT_PROTECTED_CONDITIONS,
  GR_KEY_ARRANGEMENT_SUMMARY,
  GR_KEY_ARRANGEMENT_SOURCES,
  GR_KEY_ARRANGEMENT_OBLIGATIONS,
  GR_KEY_ARRANGEMENT__COUNT
};
enum {
  GR_KEY_MATCH_KINDS,
  GR_KEY_MATCH_GUARANTORS,
  GR_KEY_MATCH_LOCATION,
  GR_KEY_MATCH_MIN_TROOPS,
  GR_KEY_MATCH_LEGAL_FORM_MIN,
  GR_KEY_MATCH_LEGAL_FORM_MAX,
  GR_KEY_MATCH_ACCESSION,
  GR_KEY_MATCH_PROTECTED_CONDITIONS,
  GR_KEY_MATCH__COUNT
};
enum {
  GR_KEY_POSITION_ID,
  GR_KEY_POSITION_ACTOR,
  GR_KEY_POSITION_TOPIC,
  GR_KEY_POSITION_DATE,
  GR_KEY_POSITION_DATE_INFERRED,
  GR_KEY_POSITION_RULE,
  GR_KEY_POSITION_CONFIDENCE,
  GR_KEY_POSITION_SUMMARY,
  GR_KEY_POSITION_MATCH,
  GR_KEY_POSITION_UNLESS,
  GR_KEY_POSITION_SOURCE,
  GR_KEY_POSITION__COUNT
};
enum {
  GR_KEY_EVENT_LOCATION_REGION,
  GR_KEY_EVENT_LOCATION_SIDE,
  GR_KEY_EVENT_LOCATION__COUNT
};
enum {
  GR_KEY_EVENT_ID,
  GR_KEY_EVENT_TITLE,
  GR_KEY_EVENT_KIND,
  GR_KEY_EVENT_AGGRESSOR,
  GR_KEY_EVENT_TARGET,
  GR_KEY_EVENT_LOCATIONS,
  GR_KEY_EVENT_SCALE,
  GR_KEY_EVENT_DAY0,
  GR_KEY_EVENT_SUMMARY,
  GR_KEY_EVENT_SOURCES,
  GR_KEY_EVENT__COUNT
};
enum {
  GR_KEY_PARAMETER_ID,
  GR_KEY_PARAMETER_TITLE,
  GR_KEY_PARAMETER_UNIT,
  GR_KEY_PARAMETER_DISTRIBUTION,
  GR_KEY_PARAMETER_VALUE,
  GR_KEY_PARAMETER_A,
  GR_KEY_PARAMETER_B,
  GR_KEY_PARAMETER_MEAN,
  GR_KEY_PARAMETER_SD,
  GR_KEY_PARAMETER_MU,
  GR_KEY_PARAMETER_SIGMA,
  GR_KEY_PARAMETER_MIN,
  GR_KEY_PARAMETER_MODE,
  GR_KEY_PARAMETER_MAX,
  GR_KEY_PARAMETER_SOURCES,
  GR_KEY_PARAMETER_NOTE,
  GR_KEY_PARAMETER__COUNT
};

/* The kinds of top-level record. */
typedef enum gr_record_kind {
  GR_REC_DOCUMENT,
  GR_REC_ACTOR,
  GR_REC_REGION,
  GR_REC_ARRANGEMENT,
  GR_REC_POSITION,
  GR_REC_EVENT,
  GR_REC_PARAMETER,
  GR_REC__COUNT
} gr_record_kind;

/* ---- What an arrangement says, read off its text ----------------------- */

/* The distinct guarantors of `arr`, in the order they first appear: all of
 * them, or with `offering` only those with an obligation they have not
 * declined. Up to `max` ids (borrowed from the arrangement) are written to
 * `out` (which may be NULL); returns how many there are in all. */
GR_EXTERN size_t gr_arrangement_guarantors(const gr_arrangement *arr, bool offering, const char **out,
                                           size_t max);

/* The legal form binding `guarantor` in `arr`: its own entry of
 * legal_forms, else the arrangement's. A gr_legal_form, or -1 when arr is
 * NULL. */
GR_EXTERN int gr_arrangement_legal_form(const gr_arrangement *arr, const char *guarantor);

/* The strongest obligation kind on offer (not declined), a
 * gr_obligation_kind, or -1 when there is none. */
GR_EXTERN int gr_arrangement_strongest(const gr_arrangement *arr);

/* ---- As JSON (json.h) ---------------------------------------------------- */

/* A source as {"doc", "quote", "ref", "assumption"} (the keys it has). */
GR_EXTERN void gr_json_source(gr_json *w, const gr_source *s);
/* A list of sources as an array of those. */
GR_EXTERN void gr_json_sources(gr_json *w, const gr_sourcelist *l);
/* Every vocabulary: {"obligation_kind": {"title", "ordered", "terms":
 * [{"name", "definition"}, ...]}, ...}. */
GR_EXTERN void gr_json_vocabularies(gr_json *w);

/* The singular name of a record kind ("actor"), or "?" when out of range. */
GR_EXTERN const char *gr_record_kind_name(gr_record_kind kind);

/* Whether key `key` (as written in files) was given in a record or nested
 * value of kind `kind` whose `given` mask is `given`. */
GR_EXTERN bool gr_record_given(gr_record_kind kind, uint64_t given,
                               const char *key);

#ifdef __cplusplus
}
#endif
#endif /* GUARANTOR_MODEL_H */
