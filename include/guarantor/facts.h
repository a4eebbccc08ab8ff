/*
 * guarantor — facts: the named conditions obligations and positions refer to
 * (un_mandate, us_backstop, ...; the table GR_T_FACT). Each has a default
 * that follows from the arrangement at hand, with the reason for it, and can
 * be overridden by the user. The trigger and assess engines read the same
 * facts.
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
  GR_FACT_GIVEN    /* Set by the user. */
} gr_fact_origin;

/* The value of every fact, where it came from and why. Plain data: copy it
 * freely. */
typedef struct gr_facts {
  bool value[GR_FACT__COUNT];
  gr_fact_origin origin[GR_FACT__COUNT];
  char why[GR_FACT__COUNT][192];
} gr_facts;

/* Fill `out` with the defaults for `arr` (see docs/engines.md for each
 * rule): assumed values, then those derived from what the arrangement
 * offers (an obligation is on offer when not declined and its conditions
 * hold). `cat` resolves memberships. */
GR_EXTERN void gr_facts_default(const gr_catalog *cat, const gr_arrangement *arr,
                                gr_facts *out);

/* Recompute every fact the user did not give (origin other than
 * GR_FACT_GIVEN), so that derived facts follow the given ones: call after
 * gr_facts_parse(). */
GR_EXTERN void gr_facts_derive(const gr_catalog *cat, const gr_arrangement *arr, gr_facts *f);

/* Apply overrides written as "name=value,name=value" (value: true, false,
 * yes, no, 1, 0). Returns GR_E_ARG with `err` naming the bad part (and the
 * closest fact name) when the text is wrong; `facts` is then unchanged. */
GR_EXTERN gr_status gr_facts_parse(gr_facts *facts, const char *spec, gr_error *err);

/* Whether obligation `o` is on offer: not declined and, when `facts` is
 * not NULL, every condition it names holds under them. */
GR_EXTERN bool gr_obligation_on_offer(const gr_obligation *o, const gr_facts *facts);

/* The name of an origin: "assumed", "derived" or "given". */
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
