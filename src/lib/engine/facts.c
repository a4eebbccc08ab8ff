/*
 * Default values of the facts, derived from the arrangement where they can
 * be, and the parser of user overrides.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "engine/engine.h"

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

/* Set a fact unless the user gave it or the scenario states it. */
#define SET(f, fact, ...)                                                                      \
  do {                                                                                         \
    if ((f)->origin[fact] != GR_FACT_GIVEN && (f)->origin[fact] != GR_FACT_SCENARIO) set(f, fact, __VA_ARGS__); \
  } while (0)

/* Expand a rule's text: {guarantor}, {kind}, {commitment}, {size},
 * {menu}, {member} and {role}; anything else is copied as it is. */
typedef struct rule_vars {
  const char *guarantor, *kind, *commitment, *size, *menu, *member, *role;
} rule_vars;

static void expand(char *out, size_t n, const char *text, const rule_vars *v) {
  static const struct {
    const char *name;
    size_t offset;
  } names[] = {
      {"{guarantor}", offsetof(rule_vars, guarantor)}, {"{kind}", offsetof(rule_vars, kind)},
      {"{commitment}", offsetof(rule_vars, commitment)}, {"{size}", offsetof(rule_vars, size)},
      {"{menu}", offsetof(rule_vars, menu)}, {"{member}", offsetof(rule_vars, member)},
      {"{role}", offsetof(rule_vars, role)},
  };
  size_t k = 0;
  for (const char *p = text; *p && k + 1 < n;) {
    size_t i = 0;
    while (i < sizeof names / sizeof names[0] && strncmp(p, names[i].name, strlen(names[i].name)) != 0) i++;
    if (i == sizeof names / sizeof names[0]) {
      out[k++] = *p++;
      continue;
    }
    const char *val;
    memcpy(&val, (const char *)v + names[i].offset, sizeof val);
    for (const char *q = val ? val : ""; *q && k + 1 < n; q++) out[k++] = *q;
    p += strlen(names[i].name);
  }
  out[k] = '\0';
}

static bool kind_in(const gr_intlist *kinds, int k) {
  if (kinds->n == 0) return true;
  for (size_t i = 0; i < kinds->n; i++)
    if (kinds->items[i] == k) return true;
  return false;
}

/* Whether rule r makes its fact true in the arrangement, with the reason
 * written to why. Parties first; then the obligations on offer, the
 * firmest commitment first, so that the firmest names the reason. */
static bool rule_holds(const gr_facts *f, const gr_fact_rule *r, char *why, size_t n) {
  const gr_catalog *cat = f->cat;
  const gr_arrangement *arr = f->arr;
  rule_vars v = {0};
  if (r->when == GR_FRULE_PARTY) {
    for (size_t i = 0; i < arr->parties.n; i++) {
      const gr_party *p = &arr->parties.items[i];
      if (p->actor == NULL || !gr_catalog_actor_in(cat, p->actor, r->actor)) continue;
      v.guarantor = p->actor;
      v.role = gr_table_name(GR_T_PARTY_ROLE, p->role);
      expand(why, n, r->holds, &v);
      return true;
    }
    return false;
  }
  for (int commit = GR_COMMIT_FIRM; commit < GR_COMMIT_DECLINED; commit++)
    for (size_t i = 0; i < arr->obligations.n; i++) {
      const gr_obligation *o = &arr->obligations.items[i];
      if (o->commitment != commit || o->guarantor == NULL || !gr_obligation_on_offer(o, f)) continue;
      bool match = r->when == GR_FRULE_OFFERS ? gr_catalog_actor_in(cat, r->actor, o->guarantor)
                                              : gr_catalog_actor_in(cat, o->guarantor, r->actor);
      /* A force of unstated size is a force: only a stated 0 is none. */
      if (!match || (r->troops && o->troops.given && !(o->troops.value > 0))) continue;
      /* Its kind, or any means of its menu. */
      int found = -1;
      for (size_t m = 0; m <= o->means.n && found < 0; m++) {
        int k = m < o->means.n ? o->means.items[m] : o->kind;
        if (kind_in(&r->kinds, k)) found = k;
      }
      if (found < 0) continue;
      char size[48] = "size not stated", member[96] = "";
      if (o->troops.given) snprintf(size, sizeof size, "%.15g troops", o->troops.value);
      if (strcmp(o->guarantor, r->actor) != 0) snprintf(member, sizeof member, ", as a member of %s", o->guarantor);
      v.guarantor = o->guarantor;
      v.kind = gr_table_name(GR_T_OBLIGATION_KIND, found);
      v.commitment = gr_table_name(GR_T_COMMITMENT, o->commitment);
      v.size = size;
      v.menu = o->means.n ? ", among a menu of means" : "";
      v.member = r->when == GR_FRULE_OFFERS ? member : "";
      expand(why, n, r->holds, &v);
      return true;
    }
  return false;
}

/* Recompute every fact the user did not give, so that derived facts follow
 * the given ones. No state is named here: the catalog's fact rules
 * (data/facts.yaml) say which actor's offer or presence makes a fact true. */
static void derive(gr_facts *f) {
  const gr_catalog *cat = f->cat;
  const gr_arrangement *arr = f->arr;
  SET(f, GR_FACT_UN_MANDATE, false, GR_FACT_ASSUMED,
      "no UN Security Council mandate is assumed: only a scenario or the user can state one");
  SET(f, GR_FACT_NEUTRALITY_OBSERVED, true, GR_FACT_ASSUMED,
      "the protected state is assumed to keep its commitments");
  SET(f, GR_FACT_PARLIAMENT_APPROVAL, false, GR_FACT_ASSUMED,
      "no guarantor parliament is assumed to have approved a deployment in advance");
  /* A ceasefire belongs to the scenario, not to the arrangement: deriving
   * it from a force on offer made declarations that wait for a ceasefire
   * cancel themselves. */
  SET(f, GR_FACT_CEASEFIRE_IN_FORCE, false, GR_FACT_ASSUMED,
      "no scenario states that a ceasefire is in force");
  /* Every fact some rule derives starts false, with the first such rule's
   * reason; a fact no rule derives is assumed false. */
  size_t nrules = gr_catalog_count(cat, GR_REC_FACT_RULE);
  static const int ruled[] = {GR_FACT_US_BACKSTOP, GR_FACT_EUROPEAN_GROUND_FORCE_PRESENT, GR_FACT_RUSSIA_CONSULTED};
  for (size_t i = 0; i < sizeof ruled / sizeof ruled[0]; i++)
    SET(f, (gr_fact)ruled[i], false, GR_FACT_ASSUMED, "no fact rule of the catalog derives it, and no scenario states it");
  for (size_t i = nrules; i-- > 0;) {
    const gr_fact_rule *r = gr_catalog_at(cat, GR_REC_FACT_RULE, i);
    SET(f, (gr_fact)r->fact, false, GR_FACT_DERIVED, "%s", r->otherwise);
  }
  if (arr == NULL) return;
  if (arr->legal_form == GR_LF_TREATY_RATIFIED)
    SET(f, GR_FACT_RATIFIED, true, GR_FACT_DERIVED, "its legal form is treaty_ratified");
  else
    SET(f, GR_FACT_RATIFIED, false, GR_FACT_DERIVED, "its legal form is %s, not treaty_ratified",
        gr_table_name(GR_T_LEGAL_FORM, arr->legal_form));
  /* To a fixed point: a rule's obligations may wait on a fact another rule
   * derives (a force conditional on a backstop). Facts only turn true
   * here, so this ends after at most one pass per rule. */
  char why[GR__WHY_LEN];
  for (size_t pass = 0, changed = 1; changed && pass <= nrules; pass++) {
    changed = 0;
    for (size_t i = 0; i < nrules; i++) {
      const gr_fact_rule *r = gr_catalog_at(cat, GR_REC_FACT_RULE, i);
      if (f->value[r->fact] || f->origin[r->fact] == GR_FACT_GIVEN || f->origin[r->fact] == GR_FACT_SCENARIO) continue;
      if (!rule_holds(f, r, why, sizeof why)) continue;
      set(f, (gr_fact)r->fact, true, GR_FACT_DERIVED, "%s", why);
      changed = 1;
    }
  }
}

static gr_status facts_new(const gr_catalog *cat, const gr_arrangement *arr, gr_facts **out, const char *fn,
                           gr_error *err) {
  if (gr__catalog_ready(cat, fn, err) != GR_OK || gr__catalog_has(cat, GR_REC_ARRANGEMENT, arr, fn, err) != GR_OK)
    return err ? err->code : GR_E_MISUSE;
  gr_facts *f = calloc(1, sizeof *f);
  if (f == NULL) return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  f->cat = cat;
  f->arr = arr;
  derive(f);
  *out = f;
  return GR_OK;
}

gr_status gr_facts_new(const gr_catalog *cat, const gr_arrangement *arr, gr_facts **out, gr_error *err) {
  if (out == NULL) return gr__fail(err, GR_E_ARG, "gr_facts_new: NULL argument");
  *out = NULL;
  gr_status st = facts_new(cat, arr, out, "gr_facts_new", err);
  if (st == GR_OK) gr__ok(err);
  return st;
}

gr_status gr_facts_copy(const gr_facts *f, gr_facts **out, gr_error *err) {
  if (f == NULL || out == NULL) return gr__fail(err, GR_E_ARG, "gr_facts_copy: NULL argument");
  *out = malloc(sizeof **out);
  if (*out == NULL) return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  **out = *f;
  gr__ok(err);
  return GR_OK;
}

void gr_facts_free(gr_facts *f) { free(f); }

gr_facts *gr__facts_for(const gr_catalog *cat, const gr_arrangement *arr, const gr_facts *given, const char *fn,
                        gr_error *err) {
  gr_facts *f = NULL;
  if (given != NULL) {
    if (given->arr != arr || given->cat != cat) {
      gr__fail(err, GR_E_MISUSE, "%s: the facts were made for %s '%s', not for '%s'", fn,
               given->cat != cat ? "another catalog's arrangement" : "the arrangement",
               given->arr && given->arr->id ? given->arr->id : "?", arr && arr->id ? arr->id : "?");
      return NULL;
    }
    gr_facts_copy(given, &f, err);
    return f;
  }
  facts_new(cat, arr, &f, fn, err);
  return f;
}

static bool in_range(const gr_facts *f, gr_fact fact) { return f != NULL && (int)fact >= 0 && fact < GR_FACT__COUNT; }

bool gr_facts_value(const gr_facts *f, gr_fact fact) { return in_range(f, fact) && f->value[fact]; }

gr_fact_origin gr_facts_origin(const gr_facts *f, gr_fact fact) {
  return in_range(f, fact) ? f->origin[fact] : GR_FACT_ASSUMED;
}

const char *gr_facts_why(const gr_facts *f, gr_fact fact) { return in_range(f, fact) ? f->why[fact] : ""; }

const gr_arrangement *gr_facts_arrangement(const gr_facts *f) { return f ? f->arr : NULL; }

gr_status gr_facts_set(gr_facts *f, gr_fact fact, bool value, gr_error *err) {
  if (f == NULL) return gr__fail(err, GR_E_ARG, "gr_facts_set: NULL facts");
  if (!in_range(f, fact)) return gr__fail(err, GR_E_ARG, "gr_facts_set: no fact %d", (int)fact);
  set(f, fact, value, GR_FACT_GIVEN, "set by the caller");
  derive(f);
  gr__ok(err);
  return GR_OK;
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
  const gr_table *t = gr_table_get(GR_T_FACT);
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
      const char *cands[GR_FACT__COUNT];
      for (size_t i = 0; i < t->count; i++) cands[i] = t->terms[i].name;
      const char *best = gr__closest(name, cands, t->count);
      if (best) return gr__fail(err, GR_E_ARG, "unknown fact '%s' (did you mean '%s'?)", name, best);
      char list[512];
      size_t k = 0;
      list[0] = '\0';
      for (size_t i = 0; i < t->count && k < sizeof list; i++) {
        int w = snprintf(list + k, sizeof list - k, "%s%s", i ? ", " : "", t->terms[i].name);
        if (w > 0) k += (size_t)w;
      }
      return gr__fail(err, GR_E_ARG, "unknown fact '%s' (the facts: %s)", name, list);
    }
    bool v;
    if (parse_bool(eq + 1, len - nlen - 1, &v) != 0)
      return gr__fail(err, GR_E_ARG, "fact '%s' takes true or false, not '%.*s'", name, (int)(len - nlen - 1), eq + 1);
    set(&next, (gr_fact)fact, v, GR_FACT_GIVEN, "set on the command line");
    p += len;
    if (*p == ',') p++;
  }
  derive(&next);
  *facts = next;
  gr__ok(err);
  return GR_OK;
}

const char *gr_fact_origin_name(gr_fact_origin origin) {
  switch (origin) {
  case GR_FACT_ASSUMED: return "assumed";
  case GR_FACT_DERIVED: return "derived";
  case GR_FACT_GIVEN: return "given";
  case GR_FACT_SCENARIO: return "scenario";
  }
  return "?";
}

gr_date gr__default_date(const gr_catalog *cat, const gr_arrangement *arr, const char **from) {
  gr_date when = arr->date;
  if (from) *from = "the arrangement's date";
  if (arr->status != GR_ST_REFERENCE) return when;
  for (size_t i = 0, n = gr_catalog_count(cat, GR_REC_POSITION); i < n; i++) {
    const gr_position *p = gr_catalog_at(cat, GR_REC_POSITION, i);
    if (p->date > when) {
      when = p->date;
      if (from) *from = "a reference arrangement: the catalog's latest position";
    }
  }
  return when;
}

gr_status gr_facts_apply_scenario(gr_facts *f, const gr_scenario *sc, gr_error *err) {
  if (f == NULL) return gr__fail(err, GR_E_ARG, "gr_facts_apply_scenario: NULL facts");
  if (sc != NULL && gr__catalog_has(f->cat, GR_REC_SCENARIO, sc, "gr_facts_apply_scenario", err) != GR_OK)
    return err ? err->code : GR_E_MISUSE;
  for (size_t i = 0; sc != NULL && i < sc->facts.n; i++) {
    const gr_scenario_fact *sf = &sc->facts.items[i];
    if (f->origin[sf->fact] == GR_FACT_GIVEN) continue;
    const gr_source *src = &sf->source;
    const char *what = src->assumption ? "assumption: " : "";
    const char *from = src->assumption ? src->assumption : src->doc ? src->doc : src->ref;
    set(f, (gr_fact)sf->fact, sf->value, GR_FACT_SCENARIO, "stated by scenario %s%s%s%s%s", sc->id, from ? " (" : "",
        from ? what : "", from ? from : "", from ? ")" : "");
  }
  derive(f);
  gr__ok(err);
  return GR_OK;
}

static bool int_in(const gr_intlist *l, int v) {
  for (size_t i = 0; i < l->n; i++)
    if (l->items[i] == v) return true;
  return false;
}

bool gr_fact_is_read(const gr_catalog *cat, const gr_arrangement *arr, gr_fact fact) {
  if (cat == NULL || arr == NULL || (int)fact < 0 || fact >= GR_FACT__COUNT) return false;
  if (int_in(&arr->entry_into_force, (int)fact)) return true;
  for (size_t i = 0; i < arr->obligations.n; i++) {
    const gr_obligation *o = &arr->obligations.items[i];
    if (int_in(&o->conditions, (int)fact)) return true;
    if (fact == GR_FACT_NEUTRALITY_OBSERVED && int_in(&o->revocation, GR_REV_BREACH_OF_NEUTRALITY)) return true;
    if (fact == GR_FACT_CEASEFIRE_IN_FORCE && int_in(&o->revocation, GR_REV_CEASEFIRE_BREACH_BY_PROTECTED_STATE))
      return true;
    const gr_actor *g = gr_catalog_actor(cat, o->guarantor);
    if (fact == GR_FACT_PARLIAMENT_APPROVAL && g && GR_GIVEN(g, GR_KEY_ACTOR_DEPLOY_APPROVAL) &&
        g->deploy_approval == GR_APPROVAL_PARLIAMENT_PRIOR)
      return true;
  }
  /* Derived facts feed no one directly but through the ones above; a
   * position's `unless` reads any of them. */
  for (size_t i = 0, n = gr_catalog_count(cat, GR_REC_POSITION); i < n; i++) {
    const gr_position *p = gr_catalog_at(cat, GR_REC_POSITION, i);
    if (int_in(&p->unless, (int)fact)) return true;
  }
  return false;
}
