/*
 * Default values of the facts, derived from the arrangement where they can
 * be, and the parser of user overrides.
 */
#include <stdio.h>
#include <string.h>

#include "guarantor/facts.h"
#include "base/base.h"

static void set(gr_facts *f, gr_fact fact, bool v, gr_fact_origin o, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void set(gr_facts *f, gr_fact fact, bool v, gr_fact_origin o, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  f->value[fact] = v;
  f->origin[fact] = o;
  vsnprintf(f->why[fact], sizeof f->why[fact], fmt, ap);
  va_end(ap);
}

bool gr_obligation_on_offer(const gr_obligation *o, const gr_facts *f) {
  if (o == NULL || o->commitment == GR_COMMIT_DECLINED) return false;
  for (size_t i = 0; f != NULL && i < o->conditions.n; i++)
    if (!f->value[o->conditions.items[i]]) return false;
  return true;
}

/* Set a fact unless the user gave it. */
#define SET(f, fact, ...)                                 \
  do {                                                    \
    if ((f)->origin[fact] != GR_FACT_GIVEN) set(f, fact, __VA_ARGS__); \
  } while (0)

void gr_facts_derive(const gr_catalog *cat, const gr_arrangement *arr, gr_facts *f) {
  SET(f, GR_FACT_UN_MANDATE, false, GR_FACT_ASSUMED,
      "no UN Security Council mandate is assumed: Russia and China hold vetoes there");
  SET(f, GR_FACT_NEUTRALITY_OBSERVED, true, GR_FACT_ASSUMED,
      "the protected state is assumed to keep its commitments");
  SET(f, GR_FACT_PARLIAMENT_APPROVAL, false, GR_FACT_ASSUMED,
      "no guarantor parliament is assumed to have approved a deployment in advance");
  SET(f, GR_FACT_US_BACKSTOP, false, GR_FACT_DERIVED, "no US air cover, intelligence or air defence on offer in it");
  SET(f, GR_FACT_CEASEFIRE_IN_FORCE, false, GR_FACT_DERIVED,
      "no reassurance force on offer in it, so no truce for one to protect is presumed");
  SET(f, GR_FACT_EUROPEAN_GROUND_FORCE_PRESENT, false, GR_FACT_DERIVED,
      "no European reassurance force with troops on offer in it");
  SET(f, GR_FACT_RUSSIA_CONSULTED, false, GR_FACT_DERIVED, "Russia is not a party to it");
  if (arr == NULL) return;
  /* Two passes: a force's presence can depend on assumed facts only
   * (un_mandate), US support on the force's presence. Within a pass the
   * firmest commitment names the reason. */
  for (int pass = 0; pass < 2; pass++)
    for (int commit = GR_COMMIT_FIRM; commit < GR_COMMIT_DECLINED; commit++)
      for (size_t i = 0; i < arr->obligations.n; i++) {
        const gr_obligation *o = &arr->obligations.items[i];
        if (o->commitment != commit || o->guarantor == NULL || !gr_obligation_on_offer(o, f)) continue;
        if (pass == 0 && o->kind == GR_OB_REASSURANCE_FORCE && o->troops.value > 0) {
          if (!f->value[GR_FACT_CEASEFIRE_IN_FORCE])
            SET(f, GR_FACT_CEASEFIRE_IN_FORCE, true, GR_FACT_DERIVED,
                "a reassurance force (%s, %s) is stationed to protect a truce", o->guarantor,
                gr_table_name(GR_T_COMMITMENT, o->commitment));
          if (!f->value[GR_FACT_EUROPEAN_GROUND_FORCE_PRESENT] && gr_catalog_actor_in(cat, o->guarantor, "EUROPE"))
            SET(f, GR_FACT_EUROPEAN_GROUND_FORCE_PRESENT, true, GR_FACT_DERIVED,
                "a European reassurance force (%s, %.15g troops, %s) stands in the protected state", o->guarantor,
                o->troops.value, gr_table_name(GR_T_COMMITMENT, o->commitment));
        }
        if (pass == 0 && strcmp(o->guarantor, "RUS") == 0 && !f->value[GR_FACT_RUSSIA_CONSULTED])
          SET(f, GR_FACT_RUSSIA_CONSULTED, true, GR_FACT_DERIVED, "Russia is itself a guarantor");
        if (pass == 1 && strcmp(o->guarantor, "USA") == 0 && !f->value[GR_FACT_US_BACKSTOP] &&
            (o->kind == GR_OB_AIR_COVER || o->kind == GR_OB_INTELLIGENCE_SHARING || o->kind == GR_OB_AIR_DEFENCE_SUPPLY))
          SET(f, GR_FACT_US_BACKSTOP, true, GR_FACT_DERIVED, "the USA offers %s in it (%s)",
              gr_table_name(GR_T_OBLIGATION_KIND, o->kind), gr_table_name(GR_T_COMMITMENT, o->commitment));
      }
}

void gr_facts_default(const gr_catalog *cat, const gr_arrangement *arr, gr_facts *f) {
  memset(f, 0, sizeof *f);
  gr_facts_derive(cat, arr, f);
}

static int parse_bool(const char *s, size_t n, bool *out) {
  static const struct {
    const char *word;
    bool value;
  } words[] = {{"true", true}, {"yes", true}, {"1", true}, {"false", false}, {"no", false}, {"0", false}};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strlen(words[i].word) == n && strncmp(words[i].word, s, n) == 0) {
      *out = words[i].value;
      return 0;
    }
  return -1;
}


gr_status gr_facts_parse(gr_facts *facts, const char *spec, gr_error *err) {
  if (facts == NULL || spec == NULL) return gr__fail(err, GR_E_ARG, "gr_facts_parse: NULL argument");
  gr_facts next = *facts;
  const char *p = spec;
  while (*p) {
    size_t len = strcspn(p, ",");
    const char *eq = memchr(p, '=', len);
    if (eq == NULL) return gr__fail(err, GR_E_ARG, "'%.*s' is not NAME=VALUE", (int)len, p);
    char name[64];
    size_t nlen = (size_t)(eq - p);
    if (nlen == 0 || nlen >= sizeof name) return gr__fail(err, GR_E_ARG, "'%.*s' is not NAME=VALUE", (int)len, p);
    memcpy(name, p, nlen);
    name[nlen] = '\0';
    int fact = gr_table_find(GR_T_FACT, name);
    if (fact < 0) {
      const gr_table *t = gr_table_get(GR_T_FACT);
      const char *cands[GR_FACT__COUNT];
      for (size_t i = 0; i < t->count; i++) cands[i] = t->terms[i].name;
      const char *best = gr__closest(name, cands, t->count);
      if (best) return gr__fail(err, GR_E_ARG, "unknown fact '%s' (did you mean '%s'?)", name, best);
      return gr__fail(err, GR_E_ARG, "unknown fact '%s' ('guarantor show --kinds' lists the facts)", name);
    }
    bool v;
    if (parse_bool(eq + 1, len - nlen - 1, &v) != 0)
      return gr__fail(err, GR_E_ARG, "fact '%s' takes true or false, not '%.*s'", name, (int)(len - nlen - 1), eq + 1);
    set(&next, (gr_fact)fact, v, GR_FACT_GIVEN, "set on the command line");
    p += len;
    if (*p == ',') p++;
  }
  *facts = next;
  return GR_OK;
}

const char *gr_fact_origin_name(gr_fact_origin origin) {
  switch (origin) {
  case GR_FACT_ASSUMED: return "assumed";
  case GR_FACT_DERIVED: return "derived";
  case GR_FACT_GIVEN: return "given";
  }
  return "?";
}
