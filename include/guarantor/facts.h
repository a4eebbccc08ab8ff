/*
 * guarantor — facts: the named conditions obligations and positions refer to
 * (un_mandate, us_backstop, ...; the table GR_T_FACT). A set of facts
 * belongs to one arrangement: each fact has a default that follows from
 * that arrangement, with the reason for it, and can be set by the user; the
 * facts nobody set are derived again whenever one is set. The trigger and
 * assess engines and the simulation read the same facts.
 *
 * Ownership: a gr_facts is the caller's (free it with gr_facts_free()); it
 * borrows the catalog and the arrangement it was made for, which must
 * outlive it. Thread safety: see common.h (read from several threads at
 * once, changed by one).
 */
#ifndef GUARANTOR_FACTS_H
#define GUARANTOR_FACTS_H

#include "catalog.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gr_fact_origin {
  GR_FACT_ASSUMED, /* A default that holds whatever the arrangement. */
  GR_FACT_DERIVED, /* Follows from the arrangement's content. */
  GR_FACT_GIVEN,   /* Set by the user. */
  GR_FACT_SCENARIO /* Stated by the scenario the engines run on. */
} gr_fact_origin;

typedef struct gr_facts gr_facts;

/* The facts for `arr` (an arrangement of `cat`, which must be valid), with
 * the defaults docs/engines.md gives for each: assumed values, then those
 * derived from what the arrangement offers. On success *out is the
 * caller's. */
GR_EXTERN gr_status gr_facts_new(const gr_catalog *cat, const gr_arrangement *arr, gr_facts **out, gr_error *err);

/* A copy of `f`, the caller's. */
GR_EXTERN gr_status gr_facts_copy(const gr_facts *f, gr_facts **out, gr_error *err);

/* Free a set of facts; accepts NULL. */
GR_EXTERN void gr_facts_free(gr_facts *f);

/* Set overrides written as "name=value,name=value" (value: true, false,
 * yes, no, 1, 0), then derive every fact not set again. GR_E_ARG with
 * `err` naming the bad part (and the closest fact's name) when the text is
 * wrong; `f` is then unchanged. */
GR_EXTERN gr_status gr_facts_parse(gr_facts *f, const char *spec, gr_error *err);

/* Set one fact, then derive the others again. GR_E_ARG for a fact out of
 * range. */
GR_EXTERN gr_status gr_facts_set(gr_facts *f, gr_fact fact, bool value, gr_error *err);

/* A fact's value, its origin, and why it has that value (one line, owned
 * by `f`, valid until `f` changes). false, GR_FACT_ASSUMED and "" for a
 * fact out of range or a NULL `f`. */
GR_EXTERN bool gr_facts_value(const gr_facts *f, gr_fact fact);
GR_EXTERN gr_fact_origin gr_facts_origin(const gr_facts *f, gr_fact fact);
GR_EXTERN const char *gr_facts_why(const gr_facts *f, gr_fact fact);

/* State the facts of scenario `sc` (a scenario of the catalog the facts
 * were made with): each fact it states takes its value, with origin
 * GR_FACT_SCENARIO, unless the user set it; the facts nobody set are then
 * derived again. A NULL `sc` changes nothing. */
GR_EXTERN gr_status gr_facts_apply_scenario(gr_facts *f, const gr_scenario *sc, gr_error *err);

/* Whether anything of `arr` or of the catalog's positions reads `fact`: an
 * obligation's conditions, the arrangement's entry_into_force, a revocation
 * clause that rests on it, a position's `unless`, or the model (the
 * approval of a parliament that must approve combat deployments). */
GR_EXTERN bool gr_fact_is_read(const gr_catalog *cat, const gr_arrangement *arr, gr_fact fact);

/* The arrangement the facts are for. */
GR_EXTERN const gr_arrangement *gr_facts_arrangement(const gr_facts *f);

/* Whether obligation `o` is on offer: not declined and, when `facts` is
 * not NULL, every condition it names holds under them. */
GR_EXTERN bool gr_obligation_on_offer(const gr_obligation *o, const gr_facts *facts);

/* The name of an origin: "assumed", "derived", "given" or "scenario". */
GR_EXTERN const char *gr_fact_origin_name(gr_fact_origin origin);

/* The facts as JSON: {"un_mandate": {"value", "origin", "why"}, ...}. */
GR_EXTERN void gr_json_facts(gr_json *w, const gr_facts *f);
/* The same as text the caller frees with gr_free(); NULL when out of
 * memory. flags: GR_JSON_HTML_SAFE or 0. */
GR_EXTERN char *gr_facts_to_json(const gr_facts *f, unsigned flags);

#ifdef __cplusplus
}
#endif
#endif /* GUARANTOR_FACTS_H */
