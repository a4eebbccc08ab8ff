/*
 * guarantor — the assess engine: which actors can accept an arrangement.
 * Every actor's positions in force at a date (the latest of each topic) are
 * checked against the arrangement; a violated forbid/require rule is a
 * veto, a violated prefer/oppose rule an objection. An actor that is a
 * party to the arrangement (its proposer, a signatory or an endorser)
 * accepts it: of its own positions only those that name the arrangement and
 * are dated on or after its part in it are read. docs/engines.md gives the
 * matching rules.
 *
 * Ownership: an assessment is the caller's (gr_assessment_free()); its
 * strings and arrays are its own, and it borrows the catalog's records, so
 * the catalog must outlive it. Thread safety: see common.h.
 */
#ifndef GUARANTOR_ASSESS_H
#define GUARANTOR_ASSESS_H

#include "catalog.h"
#include "facts.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An actor's verdict. Append-only. */
typedef enum gr_verdict {
  GR_VERDICT_ACCEPTS,     /* No rule of its is broken. */
  GR_VERDICT_OBJECTS,     /* A prefer/oppose rule is broken. */
  GR_VERDICT_VETOES,      /* A forbid/require rule is broken. */
  GR_VERDICT_NO_POSITION, /* It has no position in force: no verdict. */
  GR_VERDICT__COUNT
} gr_verdict;

/* The state of one rule result. Append-only. */
typedef enum gr_rule_state {
  GR_RULE_MET,      /* The rule is satisfied. */
  GR_RULE_VIOLATED, /* The rule is broken: a veto or an objection. */
  GR_RULE_LAPSED,   /* An `unless` fact holds, or the actor's part in the
                       arrangement supersedes the position: it does not apply. */
  GR_RULE_PARTY,    /* Not a position: the actor proposed, signed or endorsed
                       the arrangement, so it accepts it. */
  GR_RULE__STATES
} gr_rule_state;

/* "accepts", "objects", "vetoes", "no_position"; "met", "violated",
 * "lapsed", "party"; "?" when out of range. */
GR_EXTERN const char *gr_verdict_name(gr_verdict v);
GR_EXTERN const char *gr_rule_state_name(gr_rule_state s);

/* One rule result: a position in force, or (state GR_RULE_PARTY) the
 * actor's part in the arrangement. The pointers borrow from the catalog;
 * `reason` belongs to the assessment. */
typedef struct gr_rule_result {
  const gr_position *position;     /* NULL exactly when state is GR_RULE_PARTY. */
  gr_rule_state state;
  int unless_fact;                 /* The fact that made it lapse, or -1. */
  const gr_obligation *matched;    /* An obligation that matched, or NULL. */
  const char *reason;              /* One line. */
  /* Appended with parties (issue 10). With state GR_RULE_PARTY, the party
   * entry by which the actor accepts; with GR_RULE_LAPSED, the party entry
   * that supersedes the position (unless_fact is then -1); else NULL. It
   * points into the arrangement's `parties`. */
  const gr_party *party;
} gr_rule_result;

typedef struct gr_actor_assessment {
  const gr_actor *actor;
  gr_verdict verdict; /* GR_VERDICT_NO_POSITION exactly when nrules is 0. */
  /* The rules: first the actor's part in the arrangement when it is a
   * party, then its positions in force, in catalog order. */
  gr_rule_result *rules;
  size_t nrules;
  /* Appended with parties (issue 10). The party entry that decides the
   * actor's acceptance (its latest entry dated on or before the assessment's
   * date, or undated; the first listed of two on one date), pointing into
   * the arrangement's `parties`, and its role (a gr_party_role); NULL and -1
   * when the actor is not a party at that date. */
  const gr_party *party;
  int party_role;
} gr_actor_assessment;

typedef struct gr_assessment {
  const gr_arrangement *arrangement;
  gr_date as_of;   /* The date the positions and parties are read at. */
  const gr_facts *facts; /* The facts used (the assessment's own copy). */
  /* Actors with positions in force or a part in the arrangement, in
   * catalog order. */
  gr_actor_assessment *actors;
  size_t nactors;
  /* Appended with issue 10: true when the caller gave no date, so as_of is
   * the arrangement's own date. */
  bool as_of_from_arrangement;
} gr_assessment;

/*
 * Assess `arr`, an arrangement of `cat`, which must be valid (else
 * GR_E_MISUSE). `facts` may be NULL for the arrangement's defaults, else
 * facts made for `arr` (copied). `as_of` is the date at which positions and
 * parties are read: a position is in force when it is the latest of its
 * actor and topic dated on or before it, and an actor is a party when its
 * entry in the arrangement's `parties` is dated on or before it or undated.
 * With `as_of` 0 the arrangement's own date is used, so that an arrangement
 * is judged by what was said when it was made; the result's as_of holds the
 * date used either way. A position whose match names arrangements is read
 * only for those. `only`/`nonly` restrict the actors (nonly 0: all that
 * have positions in force or are parties; an unknown id is GR_E_NOT_FOUND
 * with `err` naming it; an actor named there with no position in force and
 * no part in the arrangement has the verdict GR_VERDICT_NO_POSITION). The
 * caller frees *out with gr_assessment_free().
 */
GR_EXTERN gr_status gr_assessment_new(const gr_catalog *cat, const gr_arrangement *arr, const gr_facts *facts,
                              gr_date as_of, const char *const *only, size_t nonly,
                              gr_assessment **out, gr_error *err);

/* Free an assessment; accepts NULL. */
GR_EXTERN void gr_assessment_free(gr_assessment *a);

/* Whether `pos` matches `arr`: the arrangement is among those its match
 * names (when it names any), some obligation on offer (not declined, its
 * conditions true under `facts`; NULL facts ignores conditions) meets every
 * obligation criterion, and the arrangement meets the others. An obligation
 * that gives no location meets no `location` criterion but `any`. When it
 * matches and an obligation decided it, *which points to it. */
GR_EXTERN bool gr_position_matches(const gr_catalog *cat, const gr_position *pos,
                                   const gr_arrangement *arr, const gr_facts *facts,
                                   const gr_obligation **which);

/* An assessment as JSON: the date used and where it came from; per actor
 * its verdict, its part in the arrangement (or null) and every rule with its
 * state, reason and source; the lists of who vetoes, objects, accepts; the
 * facts. */
GR_EXTERN void gr_json_assessment(gr_json *w, const gr_assessment *as);
/* The same as text the caller frees with gr_free(); NULL when out of
 * memory. flags: GR_JSON_HTML_SAFE or 0. */
GR_EXTERN char *gr_assessment_to_json(const gr_assessment *as, unsigned flags);

#ifdef __cplusplus
}
#endif
#endif /* GUARANTOR_ASSESS_H */
