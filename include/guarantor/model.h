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
  /* Appended after 0.x: their strength rank is gr_obligation_kind_rank(). */
  GR_OB_CEASEFIRE_MONITORING,
  GR_OB_LOGISTICS,
  GR_OB_PREPOSITIONED_STOCKS,
  GR_OB_FORTIFICATION_SUPPORT,
  GR_OB_FORCE_FINANCING,
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
  GR_EV_JOINS_ALLIANCE,
  GR_EV_ACQUIRES_NUCLEAR_WEAPONS,
  GR_EV_FORCE_BUILDUP,
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
  GR_ST_UNDER_NEGOTIATION,
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
  GR_ACTOR_TERRITORY, /* A protected party without armed forces of its own. */
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
  GR_REGION_PROVINCE,
  GR_REGION_TERRITORY,
  GR_REGION_ISLAND,
  GR_REGION_ENCLAVE,
  GR_REGION__COUNT
} gr_region_type;

/* What a fact rule (gr_fact_rule) looks for in an arrangement. */
typedef enum gr_fact_rule_kind {
  GR_FRULE_PARTY,     /* `actor` is a party of the arrangement (any role). */
  GR_FRULE_OFFERS,    /* A guarantor that is `actor` or a group including it
                         has an obligation on offer of one of `kinds`. */
  GR_FRULE_OFFERS_IN, /* A guarantor that is `actor` or one of its members
                         has an obligation on offer of one of `kinds`. */
  GR_FRULE__COUNT
} gr_fact_rule_kind;

/* What happened in a historical case (gr_case). */
typedef enum gr_case_result {
  GR_RESULT_DETERRED,
  GR_RESULT_ATTACKED,
  GR_RESULT_COERCED,
  GR_RESULT__COUNT
} gr_case_result;

/* What a guarantor did when its protected state was attacked or coerced. */
typedef enum gr_guarantor_action {
  GR_ACTION_FOUGHT,
  GR_ACTION_SENT_ARMS,
  GR_ACTION_SANCTIONED,
  GR_ACTION_NOTHING,
  GR_ACTION__COUNT
} gr_guarantor_action;

/* The evidence that a deterred challenger meant to attack. */
typedef enum gr_intent_evidence {
  GR_EVIDENCE_STRONG,
  GR_EVIDENCE_SOME,
  GR_EVIDENCE_NONE,
  GR_EVIDENCE_UNKNOWN,
  GR_EVIDENCE__COUNT
} gr_intent_evidence;

/* How sure the coding of a case's outcome is. */
typedef enum gr_coding_confidence {
  GR_CODING_LOW,
  GR_CODING_MEDIUM,
  GR_CODING_HIGH,
  GR_CODING__COUNT
} gr_coding_confidence;

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
  GR_FACT_RATIFIED,
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
  GR_REV_PROTECTED_STATE_STRIKES_CITIES,
  GR_REV_PROTECTED_STATE_JOINS_ALLIANCE,
  GR_REV_PROTECTED_STATE_EXCEEDS_FORCE_CAP,
  GR_REV_PROTECTED_STATE_ACQUIRES_NUCLEAR_WEAPONS,
  GR_REV_PROTECTED_STATE_INVADES,
  GR_REV__COUNT
} gr_revocation;

/* How sure the record is that an act was meant: weakest first. */
typedef enum gr_intent {
  GR_INTENT_ACCIDENTAL,
  GR_INTENT_UNCLEAR,
  GR_INTENT_DELIBERATE,
  GR_INTENT__COUNT
} gr_intent;

/* What an event strikes. */
typedef enum gr_target_class {
  GR_TGT_MILITARY,
  GR_TGT_INFRASTRUCTURE,
  GR_TGT_CITIES,
  GR_TGT_CAPITAL,
  GR_TGT__COUNT
} gr_target_class;

/* An actor's part in an arrangement. */
typedef enum gr_party_role {
  GR_ROLE_PROPOSER,
  GR_ROLE_SIGNATORY,
  GR_ROLE_ENDORSER,
  GR_ROLE__COUNT
} gr_party_role;

/* Where an obligation's forces act from. */
typedef enum gr_basing {
  GR_BASING_STATIONED,    /* On the protected state's territory. */
  GR_BASING_NEIGHBOURING, /* Based in a named neighbouring state. */
  GR_BASING_OFFSHORE,     /* At sea, off the protected state's coast. */
  GR_BASING_AIR_ONLY,     /* From the air only, based outside. */
  GR_BASING__COUNT
} gr_basing;

/* A territorial term of an arrangement. */
typedef enum gr_territory_status {
  GR_TERR_HELD_DE_FACTO,   /* Recognised as held by the aggressor de facto. */
  GR_TERR_CEDED,           /* Recognised as the aggressor's de jure. */
  GR_TERR_FROZEN_LINE,     /* The line frozen where it stands. */
  GR_TERR_RETURNED,        /* Returned to the protected state. */
  GR_TERR_DEMILITARISED,   /* A demilitarised zone. */
  GR_TERR__COUNT
} gr_territory_status;

/* How a decision body decides. */
typedef enum gr_decision_rule {
  GR_DECIDE_CONSENSUS,
  GR_DECIDE_MAJORITY,
  GR_DECIDE_CHAIR,
  GR_DECIDE__COUNT
} gr_decision_rule;

/* A clause recorded with an arrangement and shown with it. */
typedef enum gr_clause_kind {
  GR_CLAUSE_COMPENSATION,
  GR_CLAUSE_SANCTIONS_RELIEF,
  GR_CLAUSE_SANCTIONS_SNAP_BACK,
  GR_CLAUSE_NON_RECOGNITION,
  GR_CLAUSE_OTHER,
  GR_CLAUSE__COUNT
} gr_clause_kind;

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
  GR_T_INTENT,
  GR_T_TARGET_CLASS,
  GR_T_PARTY_ROLE,
  GR_T_BASING,
  GR_T_TERRITORY_STATUS,
  GR_T_DECISION_RULE,
  GR_T_CLAUSE_KIND,
  GR_T_CASE_RESULT,
  GR_T_GUARANTOR_ACTION,
  GR_T_INTENT_EVIDENCE,
  GR_T_CODING_CONFIDENCE,
  GR_T_FACT_RULE_KIND,
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

/* The strength rank of an obligation kind, weakest 0 (the kinds appended
 * after the first release sit between the older ones), or -1 when out of
 * range. */
GR_EXTERN int gr_obligation_kind_rank(int kind);

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

/* A value of a record marked as assumed: the key as written in files and
 * the reason. */
typedef struct gr_assumed {
  uint64_t given;
  const char *key;
  const char *reason;
  gr_pos pos;
} gr_assumed;

typedef struct gr_assumedlist {
  gr_assumed *items;
  size_t n;
} gr_assumedlist;

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
  gr_strlist members;     /* Organisation or group: actor ids of its members,
                             added to their memberships when the catalog is
                             validated (so a new group needs no change to
                             the member records). */
  int cow;                /* Correlates of War state code, 0 when not given. */
  gr_date nuclear_since;  /* With `nuclear`: nuclear-armed from this date. */
  gr_source nuclear_source;
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
  int basing;           /* gr_basing; from regions/based_in when not given. */
  gr_source source;
  gr_pos pos;
} gr_location;

typedef struct gr_trigger {
  uint64_t given;
  int event;     /* gr_event_kind */
  int min_scale; /* gr_scale; meaningful when given. */
  int intent;    /* gr_intent: the least the event must show, when given. */
  int min_duration_days;
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
  gr_intlist means;       /* gr_obligation_kind: alternatives (a menu); kind
                             is then the strongest of them. */
  gr_assumedlist assumed;
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

/* An actor that proposed, signed or endorsed an arrangement. */
typedef struct gr_party {
  uint64_t given;
  const char *actor;
  int role; /* gr_party_role */
  gr_date date;
  gr_source source;
  gr_pos pos;
} gr_party;

typedef struct gr_parties {
  gr_party *items;
  size_t n;
} gr_parties;

/* A body that decides or enforces: a commission, a council, a monitoring
 * group. */
typedef struct gr_body {
  uint64_t given;
  const char *id; /* Named by obligations' `body`. */
  const char *title;
  gr_strlist members; /* Actor ids. */
  const char *chair;
  int rule;           /* gr_decision_rule */
  const char *note;
  gr_source source;
  gr_pos pos;
} gr_body;

typedef struct gr_bodies {
  gr_body *items;
  size_t n;
} gr_bodies;

/* The protected state may not join `organisation`; with by_consensus, only
 * by consensus of its members. */
typedef struct gr_alliance_bar {
  uint64_t given;
  const char *organisation;
  bool by_consensus;
  gr_source source;
  gr_pos pos;
} gr_alliance_bar;

/* No foreign troops on the protected state's territory: from anyone, or
 * from the members of `from`; with peacetime_only, only in peacetime. */
typedef struct gr_troop_bar {
  uint64_t given;
  const char *from;
  bool peacetime_only;
  gr_source source;
  gr_pos pos;
} gr_troop_bar;

/* A territorial term: regions with a status that overrides their control
 * snapshots for this arrangement. */
typedef struct gr_territory {
  uint64_t given;
  gr_strlist regions;
  int status; /* gr_territory_status */
  const char *note;
  gr_source source;
  gr_pos pos;
} gr_territory;

typedef struct gr_territories {
  gr_territory *items;
  size_t n;
} gr_territories;

/* A clause recorded with an arrangement: compensation, sanctions relief or
 * snap-back, non-recognition. */
typedef struct gr_clause {
  uint64_t given;
  int kind; /* gr_clause_kind */
  const char *text;
  gr_source source;
  gr_pos pos;
} gr_clause;

typedef struct gr_clauses {
  gr_clause *items;
  size_t n;
} gr_clauses;

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
  /* Added with the scenario engine (docs/file-format.md). */
  int promised_form;           /* gr_legal_form of the guarantee promised. */
  gr_parties parties;
  gr_bodies bodies;
  gr_date start;               /* Terms for every obligation that sets none. */
  double duration_years;
  int renewal;                 /* gr_renewal */
  gr_intlist entry_into_force; /* gr_fact: all must hold for it to apply. */
  gr_quantity force_cap;       /* The protected state's forces, at most. */
  gr_alliance_bar alliance_bar;
  gr_troop_bar troop_bar;
  gr_territories territory;
  gr_clauses clauses;
  gr_assumedlist assumed;
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
  gr_strlist arrangements; /* Arrangement ids: only these match. */
  int promised_form_min;   /* gr_legal_form */
  int promised_form_max;   /* gr_legal_form */
  double force_cap_below;  /* Matches a cap on the protected state's forces below this. */
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
  const char *protects; /* The protected state it speaks of: read only for
                           arrangements that protect it; any when NULL. */
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
  int intent;             /* gr_intent; deliberate when not given. */
  int duration_days;      /* How long it lasted; 0 when not given. */
  gr_intlist targets;     /* gr_target_class */
  const char *organisation; /* joins_alliance: which. */
  gr_quantity troops;     /* force_buildup: the force it reaches. */
  gr_assumedlist assumed;
  gr_pos pos;
} gr_event;

/* One event of a scenario, `day` days after the scenario's start. */
typedef struct gr_scenario_event {
  uint64_t given;
  const char *event;
  int day;
  gr_pos pos;
} gr_scenario_event;

typedef struct gr_scenario_events {
  gr_scenario_event *items;
  size_t n;
} gr_scenario_events;

/* A fact a scenario states. */
typedef struct gr_scenario_fact {
  uint64_t given;
  int fact; /* gr_fact */
  bool value;
  gr_source source;
  gr_pos pos;
} gr_scenario_fact;

typedef struct gr_scenario_facts {
  gr_scenario_fact *items;
  size_t n;
} gr_scenario_facts;

/* A scenario: dated events by either side and the facts that hold. */
typedef struct gr_scenario {
  uint64_t given;
  const char *id;
  const char *title;
  gr_date date; /* Of day 0; 0 when undated. */
  gr_scenario_events events;
  gr_scenario_facts facts;
  const char *summary;
  gr_sourcelist sources;
  gr_assumedlist assumed;
  gr_pos pos;
} gr_scenario;

/* How a fact is derived from an arrangement: facts name no state in the
 * engines; these rules (data/facts.yaml) do. A fact no rule makes true
 * keeps its default (false) unless a scenario or the user states it. The
 * texts may use {guarantor}, {kind}, {commitment}, {size}, {menu} (",
 * among a menu of means"), {member} (", as a member of G") and {role}. */
typedef struct gr_fact_rule {
  uint64_t given;
  const char *id;
  int fact;              /* gr_fact */
  int when;              /* gr_fact_rule_kind */
  const char *actor;
  gr_intlist kinds;      /* gr_obligation_kind; empty: any kind. */
  bool troops;           /* Only a force whose size is not stated as 0. */
  const char *holds;     /* The reason when the rule makes the fact true. */
  const char *otherwise; /* The reason when no rule for the fact does. */
  gr_sourcelist sources;
  gr_pos pos;
} gr_fact_rule;

/* One year of an actor's material capabilities. */
typedef struct gr_capability_year {
  uint64_t given;
  int year;
  double personnel;   /* Active military personnel, persons. */
  double expenditure; /* Military expenditure, thousands of current US dollars (COW units). */
  double cinc;        /* The COW composite index of national capability, 0..1. */
  gr_source source;   /* When it differs from the record's. */
  gr_pos pos;
} gr_capability_year;

typedef struct gr_capability_years {
  gr_capability_year *items;
  size_t n;
} gr_capability_years;

/* Dated capabilities of one actor from one source (the COW table, a
 * yearbook): the model reads the personnel of the latest year not after
 * the date it is asked about. */
typedef struct gr_capabilities {
  uint64_t given;
  const char *id;
  const char *actor;
  gr_source source;
  gr_capability_years years; /* In year order. */
  const char *note;
  gr_pos pos;
} gr_capabilities;

/* The observed balance of forces in a case. */
typedef struct gr_case_balance {
  uint64_t given;
  double value;        /* Defender side ÷ challenger, > 0. */
  const char *measure; /* What was counted. */
  gr_source source;
  gr_pos pos;
} gr_case_balance;

/* A named variable of a case, for the baselines. */
typedef struct gr_covariate {
  uint64_t given;
  const char *name;
  double value;
  gr_pos pos;
} gr_covariate;

typedef struct gr_covariates {
  gr_covariate *items;
  size_t n;
} gr_covariates;

/* What one guarantor did. */
typedef struct gr_case_response {
  uint64_t given;
  const char *actor;
  int action; /* gr_guarantor_action */
  int days;   /* From the attack to its first help. */
  gr_source source;
  gr_pos pos;
} gr_case_response;

typedef struct gr_case_responses {
  gr_case_response *items;
  size_t n;
} gr_case_responses;

typedef struct gr_case_outcome {
  uint64_t given;
  int result;        /* gr_case_result */
  gr_date date;      /* Of the attack or the concession. */
  bool defence_held; /* Attacked: the protected state kept what was attacked. */
  gr_case_responses guarantors;
  gr_source source;
  gr_pos pos;
} gr_case_outcome;

typedef struct gr_case_intent {
  uint64_t given;
  int level; /* gr_intent_evidence */
  const char *evidence;
  gr_source source;
  gr_pos pos;
} gr_case_intent;

/* A coding of the outcome that another source gives. */
typedef struct gr_case_alternative {
  uint64_t given;
  int result; /* gr_case_result */
  const char *note;
  gr_source source;
  gr_pos pos;
} gr_case_alternative;

typedef struct gr_case_alternatives {
  gr_case_alternative *items;
  size_t n;
} gr_case_alternatives;

/* A historical case of extended deterrence: does a challenger attack a
 * protected state within a window after a cut-off date, under the
 * arrangement then in force (or none)? */
typedef struct gr_case {
  uint64_t given;
  const char *id;
  const char *title;
  const char *set;         /* The set it belongs to ("huth", "guarantee"). */
  const char *question;
  gr_date cutoff;          /* Information cut-off: the date the model reads. */
  int window_days;
  const char *protects;    /* The protected state or territory. */
  gr_strlist challengers;  /* The first is the one the model weighs. */
  const char *arrangement; /* NULL: none in force. */
  const char *scenario;    /* The threatened attack. */
  gr_case_balance balance;
  gr_covariates covariates;
  gr_case_outcome outcome;
  gr_case_intent intent;
  int confidence;          /* gr_coding_confidence */
  gr_case_alternatives alternatives;
  gr_sourcelist sources;
  const char *note;
  gr_pos pos;
} gr_case;

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
  GR_KEY_ACTOR_MEMBERS,
  GR_KEY_ACTOR_COW,
  GR_KEY_ACTOR_NUCLEAR_SINCE,
  GR_KEY_ACTOR_NUCLEAR_SOURCE,
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
  GR_KEY_LOCATION_BASING,
  GR_KEY_LOCATION_SOURCE,
  GR_KEY_LOCATION__COUNT
};
enum {
  GR_KEY_TRIGGER_EVENT,
  GR_KEY_TRIGGER_MIN_SCALE,
  GR_KEY_TRIGGER_INTENT,
  GR_KEY_TRIGGER_MIN_DURATION_DAYS,
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
  GR_KEY_OBLIGATION_MEANS,
  GR_KEY_OBLIGATION_ASSUMED,
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
  GR_KEY_ASSUMED_KEY,
  GR_KEY_ASSUMED_REASON,
  GR_KEY_ASSUMED__COUNT
};
enum {
  GR_KEY_PARTY_ACTOR,
  GR_KEY_PARTY_ROLE,
  GR_KEY_PARTY_DATE,
  GR_KEY_PARTY_SOURCE,
  GR_KEY_PARTY__COUNT
};
enum {
  GR_KEY_BODY_ID,
  GR_KEY_BODY_TITLE,
  GR_KEY_BODY_MEMBERS,
  GR_KEY_BODY_CHAIR,
  GR_KEY_BODY_RULE,
  GR_KEY_BODY_NOTE,
  GR_KEY_BODY_SOURCE,
  GR_KEY_BODY__COUNT
};
enum {
  GR_KEY_ALLIANCE_BAR_ORGANISATION,
  GR_KEY_ALLIANCE_BAR_BY_CONSENSUS,
  GR_KEY_ALLIANCE_BAR_SOURCE,
  GR_KEY_ALLIANCE_BAR__COUNT
};
enum {
  GR_KEY_TROOP_BAR_FROM,
  GR_KEY_TROOP_BAR_PEACETIME_ONLY,
  GR_KEY_TROOP_BAR_SOURCE,
  GR_KEY_TROOP_BAR__COUNT
};
enum {
  GR_KEY_TERRITORY_REGIONS,
  GR_KEY_TERRITORY_STATUS,
  GR_KEY_TERRITORY_NOTE,
  GR_KEY_TERRITORY_SOURCE,
  GR_KEY_TERRITORY__COUNT
};
enum {
  GR_KEY_CLAUSE_KIND,
  GR_KEY_CLAUSE_TEXT,
  GR_KEY_CLAUSE_SOURCE,
  GR_KEY_CLAUSE__COUNT
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
  GR_KEY_ARRANGEMENT_PROMISED_FORM,
  GR_KEY_ARRANGEMENT_PARTIES,
  GR_KEY_ARRANGEMENT_BODIES,
  GR_KEY_ARRANGEMENT_START,
  GR_KEY_ARRANGEMENT_DURATION_YEARS,
  GR_KEY_ARRANGEMENT_RENEWAL,
  GR_KEY_ARRANGEMENT_ENTRY_INTO_FORCE,
  GR_KEY_ARRANGEMENT_FORCE_CAP,
  GR_KEY_ARRANGEMENT_ALLIANCE_BAR,
  GR_KEY_ARRANGEMENT_TROOP_BAR,
  GR_KEY_ARRANGEMENT_TERRITORY,
  GR_KEY_ARRANGEMENT_CLAUSES,
  GR_KEY_ARRANGEMENT_ASSUMED,
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
  GR_KEY_MATCH_ARRANGEMENTS,
  GR_KEY_MATCH_PROMISED_FORM_MIN,
  GR_KEY_MATCH_PROMISED_FORM_MAX,
  GR_KEY_MATCH_FORCE_CAP_BELOW,
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
  GR_KEY_POSITION_PROTECTS,
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
  GR_KEY_EVENT_INTENT,
  GR_KEY_EVENT_DURATION_DAYS,
  GR_KEY_EVENT_TARGETS,
  GR_KEY_EVENT_ORGANISATION,
  GR_KEY_EVENT_TROOPS,
  GR_KEY_EVENT_ASSUMED,
  GR_KEY_EVENT__COUNT
};
enum {
  GR_KEY_SCENARIO_EVENT_EVENT,
  GR_KEY_SCENARIO_EVENT_DAY,
  GR_KEY_SCENARIO_EVENT__COUNT
};
enum {
  GR_KEY_SCENARIO_FACT_FACT,
  GR_KEY_SCENARIO_FACT_VALUE,
  GR_KEY_SCENARIO_FACT_SOURCE,
  GR_KEY_SCENARIO_FACT__COUNT
};
enum {
  GR_KEY_SCENARIO_ID,
  GR_KEY_SCENARIO_TITLE,
  GR_KEY_SCENARIO_DATE,
  GR_KEY_SCENARIO_EVENTS,
  GR_KEY_SCENARIO_FACTS,
  GR_KEY_SCENARIO_SUMMARY,
  GR_KEY_SCENARIO_SOURCES,
  GR_KEY_SCENARIO_ASSUMED,
  GR_KEY_SCENARIO__COUNT
};
enum {
  GR_KEY_FACT_RULE_ID,
  GR_KEY_FACT_RULE_FACT,
  GR_KEY_FACT_RULE_WHEN,
  GR_KEY_FACT_RULE_ACTOR,
  GR_KEY_FACT_RULE_KINDS,
  GR_KEY_FACT_RULE_TROOPS,
  GR_KEY_FACT_RULE_HOLDS,
  GR_KEY_FACT_RULE_OTHERWISE,
  GR_KEY_FACT_RULE_SOURCES,
  GR_KEY_FACT_RULE__COUNT
};
enum {
  GR_KEY_CAPABILITY_YEAR_YEAR,
  GR_KEY_CAPABILITY_YEAR_PERSONNEL,
  GR_KEY_CAPABILITY_YEAR_EXPENDITURE,
  GR_KEY_CAPABILITY_YEAR_CINC,
  GR_KEY_CAPABILITY_YEAR_SOURCE,
  GR_KEY_CAPABILITY_YEAR__COUNT
};
enum {
  GR_KEY_CAPABILITIES_ID,
  GR_KEY_CAPABILITIES_ACTOR,
  GR_KEY_CAPABILITIES_SOURCE,
  GR_KEY_CAPABILITIES_YEARS,
  GR_KEY_CAPABILITIES_NOTE,
  GR_KEY_CAPABILITIES__COUNT
};
enum {
  GR_KEY_CASE_BALANCE_VALUE,
  GR_KEY_CASE_BALANCE_MEASURE,
  GR_KEY_CASE_BALANCE_SOURCE,
  GR_KEY_CASE_BALANCE__COUNT
};
enum {
  GR_KEY_COVARIATE_NAME,
  GR_KEY_COVARIATE_VALUE,
  GR_KEY_COVARIATE__COUNT
};
enum {
  GR_KEY_CASE_RESPONSE_ACTOR,
  GR_KEY_CASE_RESPONSE_ACTION,
  GR_KEY_CASE_RESPONSE_DAYS,
  GR_KEY_CASE_RESPONSE_SOURCE,
  GR_KEY_CASE_RESPONSE__COUNT
};
enum {
  GR_KEY_CASE_OUTCOME_RESULT,
  GR_KEY_CASE_OUTCOME_DATE,
  GR_KEY_CASE_OUTCOME_DEFENCE_HELD,
  GR_KEY_CASE_OUTCOME_GUARANTORS,
  GR_KEY_CASE_OUTCOME_SOURCE,
  GR_KEY_CASE_OUTCOME__COUNT
};
enum {
  GR_KEY_CASE_INTENT_LEVEL,
  GR_KEY_CASE_INTENT_EVIDENCE,
  GR_KEY_CASE_INTENT_SOURCE,
  GR_KEY_CASE_INTENT__COUNT
};
enum {
  GR_KEY_CASE_ALTERNATIVE_RESULT,
  GR_KEY_CASE_ALTERNATIVE_NOTE,
  GR_KEY_CASE_ALTERNATIVE_SOURCE,
  GR_KEY_CASE_ALTERNATIVE__COUNT
};
enum {
  GR_KEY_CASE_ID,
  GR_KEY_CASE_TITLE,
  GR_KEY_CASE_SET,
  GR_KEY_CASE_QUESTION,
  GR_KEY_CASE_CUTOFF,
  GR_KEY_CASE_WINDOW_DAYS,
  GR_KEY_CASE_PROTECTED,
  GR_KEY_CASE_CHALLENGERS,
  GR_KEY_CASE_ARRANGEMENT,
  GR_KEY_CASE_SCENARIO,
  GR_KEY_CASE_BALANCE,
  GR_KEY_CASE_COVARIATES,
  GR_KEY_CASE_OUTCOME,
  GR_KEY_CASE_INTENT,
  GR_KEY_CASE_CONFIDENCE,
  GR_KEY_CASE_ALTERNATIVES,
  GR_KEY_CASE_SOURCES,
  GR_KEY_CASE_NOTE,
  GR_KEY_CASE__COUNT
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
  GR_REC_SCENARIO,
  GR_REC_CAPABILITIES,
  GR_REC_CASE,
  GR_REC_FACT_RULE,
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
