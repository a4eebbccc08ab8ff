/*
 * guarantor — the trigger engine: what an arrangement does when an event
 * happens. A pure, deterministic function of (arrangement, event, facts,
 * date): one outcome per obligation, each with the rule that decided it and
 * a one-line reason. docs/engines.md describes the rules in order.
 *
 * Ownership: a timeline is the caller's (gr_timeline_free()); its strings
 * and arrays are its own, and it borrows the catalog's records, so the
 * catalog must outlive it. Thread safety: see common.h; any number of
 * timelines may be computed at once from one valid catalog.
 */
#ifndef GUARANTOR_TRIGGER_H
#define GUARANTOR_TRIGGER_H

#include "catalog.h"
#include "facts.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The outcome of one obligation. Append-only. */
typedef enum gr_outcome {
  GR_OUT_ACTIVATES,          /* Applies, on a given day. */
  GR_OUT_NEEDS_CONSULTATION, /* Guarantors (or a body) must first decide. */
  GR_OUT_AT_DISCRETION,      /* The guarantor may or may not act. */
  GR_OUT_BLOCKED,            /* A condition is false, or a party can veto. */
  GR_OUT_OUT_OF_SCOPE,       /* The event is outside its territorial scope. */
  GR_OUT_NOT_TRIGGERED,      /* It does not respond to this kind of event. */
  GR_OUT_NOT_YET_IN_FORCE,   /* Starts after the date. */
  GR_OUT_LAPSED,             /* Ended, revoked, or the arrangement lapsed. */
  GR_OUT_DECLINED,           /* The guarantor has said no. */
  GR_OUT__COUNT
} gr_outcome;

/* "activates", "needs consultation", ...; "?" when out of range. */
GR_EXTERN const char *gr_outcome_name(gr_outcome outcome);

typedef struct gr_timeline_entry {
  size_t index;                  /* Of the obligation in the arrangement. */
  const gr_obligation *obligation;
  gr_outcome outcome;
  int day_from, day_to;          /* Days after day 0; -1 when none applies. */
  bool tripwire;                 /* Engaged because its own force was hit. */
  int fact;                      /* The false condition (gr_fact), or -1. */
  const char *blocker;           /* Who can block it (consensus), or NULL. */
  const char *rule;              /* The rule that decided, e.g. "scope". */
  const char *reason;            /* One line. */
} gr_timeline_entry;

/* A guarantor whose own force stands where the event strikes. */
typedef struct gr_tripwire {
  const char *guarantor;
  const char *region;
  double troops;
} gr_tripwire;

/* The part an event plays in a scenario. Append-only. */
typedef enum gr_step_role {
  GR_STEP_TRIGGER, /* The timeline's attack: the first attack on the
                      protected state by another actor that an obligation
                      answers (else the first there is). */
  GR_STEP_CONDUCT, /* An act of the protected state: what revocation
                      clauses read, for the attacks after it. */
  GR_STEP_OTHER,   /* Any other event before the timeline's attack (an
                      attack no obligation answers, say). */
  GR_STEP_AFTER,   /* After the timeline's attack (an obligation may answer
                      a later one: its entry's days say when). */
  GR_STEP__COUNT
} gr_step_role;

/* "trigger", "conduct", "other", "after"; "?" when out of range. */
GR_EXTERN const char *gr_step_role_name(gr_step_role role);

/* One event of the scenario, `day` days after its day 0. */
typedef struct gr_timeline_step {
  const gr_event *event;
  int day;
  gr_step_role role;
} gr_timeline_step;

typedef struct gr_timeline {
  const gr_arrangement *arrangement;
  const gr_event *event;   /* The trigger event, or NULL when no event of
                              the scenario strikes the protected state. */
  gr_date as_of;           /* The date scope and terms were resolved at. */
  const gr_facts *facts;   /* The facts used (the timeline's own copy). */
  gr_timeline_entry *items;    /* Sorted by day (none last), then input order. */
  size_t n;
  gr_tripwire *tripwires;
  size_t ntripwires;
  const char *note;        /* E.g. a date before the first control
                              snapshot; NULL when there is none. */
  /* Added with scenarios. */
  const gr_scenario *scenario; /* NULL for a single event. */
  gr_timeline_step *steps;     /* The scenario's events in day order. */
  size_t nsteps;
  int trigger_day;             /* Day of the trigger event, else -1. */
  const char *date_from;       /* Where as_of came from, in words: "the
                                  scenario's date", "as_of", ... */
} gr_timeline;

/*
 * Compute the timeline of `arr` for `ev`, both records of `cat`, which must
 * be valid (gr_catalog_is_valid(); else GR_E_MISUSE). `facts` may be NULL
 * for the arrangement's defaults, else facts made for `arr` (they are
 * copied); `as_of` 0 means the event's day 0, else the arrangement's date.
 * On success *out is a timeline the caller frees with gr_timeline_free().
 */
GR_EXTERN gr_status gr_timeline_new(const gr_catalog *cat, const gr_arrangement *arr,
                               const gr_event *ev, const gr_facts *facts, gr_date as_of,
                               gr_timeline **out, gr_error *err);

/*
 * The same for scenario `sc` of `cat`: its events in day order, its facts
 * (applied over `facts`, see gr_facts_apply_scenario()), and its date.
 * The obligations answer the first event in which another actor strikes
 * the protected state; the protected state's own acts before it are read
 * by the revocation clauses. When no event strikes the protected state,
 * every obligation is "not triggered" and tl->event is NULL.
 */
GR_EXTERN gr_status gr_timeline_scenario_new(const gr_catalog *cat, const gr_arrangement *arr,
                                             const gr_scenario *sc, const gr_facts *facts, gr_date as_of,
                                             gr_timeline **out, gr_error *err);

/*
 * The date the engines read a case at: the scenario's date (for a single
 * event, its day 0), else `as_of`, else the arrangement's date (for a
 * `reference` arrangement, the latest date of `cat`'s positions). `sc` or
 * `ev` may be NULL. GR_E_ARG when the scenario is dated and `as_of` names
 * another date. *from (which may be NULL) receives where the date came
 * from, in words (static storage).
 */
GR_EXTERN gr_status gr_case_date(const gr_catalog *cat, const gr_arrangement *arr, const gr_scenario *sc,
                                 const gr_event *ev,
                                 gr_date as_of, gr_date *date, const char **from, gr_error *err);

/* Free a timeline; accepts NULL. */
GR_EXTERN void gr_timeline_free(gr_timeline *tl);

/* The control snapshot of `region` in force at `date`: the latest taken on
 * or before it, or, when the date precedes every snapshot, the earliest
 * (and *before_first is set). NULL when the region has none. */
GR_EXTERN const gr_control *gr_region_control_at(const gr_region *region, gr_date date,
                                                 bool *before_first);

/* A timeline as JSON: the arrangement and event ids, the date, the note,
 * the tripwires, one object per obligation (outcome, days, rule, reason,
 * sources), a count per outcome and the facts. */
GR_EXTERN void gr_json_timeline(gr_json *w, const gr_timeline *tl);
/* The same as text the caller frees with gr_free(); NULL when out of
 * memory. flags: GR_JSON_HTML_SAFE or 0. */
GR_EXTERN char *gr_timeline_to_json(const gr_timeline *tl, unsigned flags);

#ifdef __cplusplus
}
#endif
#endif /* GUARANTOR_TRIGGER_H */
