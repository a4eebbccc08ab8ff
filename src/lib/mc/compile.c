/*
 * An arrangement compiled for the Monte Carlo: the trigger engine, the
 * assess engine and the catalog's look-ups are run once, into a flat array
 * of obligations with their fixed covariates, so that the draw loop touches
 * nothing else (no allocation, no catalog access).
 */
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "guarantor/assess.h"
#include "guarantor/trigger.h"
#include "mc/dist.h"
#include "mc/mc.h"

static int factor_slot(int param) {
  for (int i = 0; i < GR__NFACTORS; i++)
    if (gr__factor_params[i] == param) return i;
  return -1;
}

/* ---- Compiled arrangements ------------------------------------------- */

static uint32_t fnv32(const char *s, uint32_t h) {
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

/* ---- What the model weighs (docs/model.md, section 2.3, "Sizes") ------ */

/* The active personnel of the aggressor or the protected state (`role`
 * says which, for the message) as of `date` (0: as things stand;
 * gr_catalog_personnel): both must be states whose personnel is known
 * then, or for the protected party a territory, which has none of its own
 * (West Berlin). An organisation or a group is refused rather than
 * expanded: an attack or a defence is a state's, and the model has no rule
 * for how a group's members would share it. */
static gr_status state_personnel(const gr_catalog *cat, const char *id, const char *role, gr_date date,
                                 double *out, gr_error *err) {
  const gr_actor *a = gr_catalog_actor(cat, id);
  *out = 0;
  bool territory = a != NULL && a->type == GR_ACTOR_TERRITORY && strcmp(role, "protected state") == 0;
  if (a != NULL && a->type != GR_ACTOR_STATE && !territory)
    return gr__fail(err, GR_E_INVALID, "the model cannot weigh the %s '%s': %s, not a state", role, id,
                    a->type == GR_ACTOR_GROUP ? "a group" : a->type == GR_ACTOR_TERRITORY ? "a territory" : "an organisation");
  double v = 0;
  if (a == NULL || !gr_catalog_personnel(cat, id, date, &v, NULL, NULL) || (!territory && !(v > 0))) {
    char d[11];
    if (date && a != NULL)
      return gr__fail(err, GR_E_INVALID, "the model needs the personnel of the %s '%s' as of %s; none is known for "
                      "that year or before: give it in a capabilities or actors file", role, id, gr_date_format(date, d));
    return gr__fail(err, GR_E_INVALID, "the model needs the personnel of the %s '%s'; give it in an actors file",
                    role, id);
  }
  *out = v;
  return GR_OK;
}

/* The personnel behind a guarantor, the basis of its weight w_g and of an
 * unsized intervention (docs/model.md, section 2.3): a state's own; for an
 * organisation or a group (NATO, the EU, "the coalition"), the sum over its
 * member states, found through nested groups and each counted once, of
 * those whose personnel is given, the aggressor and the protected state
 * left out (neither punishes the aggressor nor adds to the defence beyond
 * D0). `members` gets how many states were summed (0 for a state's own).
 * GR_E_INVALID, naming the guarantor, when nothing can be weighed: the old
 * code gave such a guarantor a weight of 0 without a word. */
static gr_status guarantor_personnel(const gr_catalog *cat, const char *id, const char *aggressor,
                                     const char *protects, gr_date date, double *out, int *members,
                                     gr_error *err) {
  const gr_actor *g = gr_catalog_actor(cat, id);
  *out = 0;
  *members = 0;
  if (g == NULL) return gr__fail(err, GR_E_INVALID, "the model cannot weigh guarantor '%s': no such actor", id);
  double v = 0;
  if (g->type == GR_ACTOR_STATE || g->type == GR_ACTOR_TERRITORY) {
    if (gr_catalog_personnel(cat, id, date, &v, NULL, NULL) && v > 0) {
      *out = v;
      return GR_OK;
    }
    char d[11];
    if (date)
      return gr__fail(err, GR_E_INVALID,
                      "the model cannot weigh guarantor '%s' as of %s: no personnel is known for that year or before; "
                      "give it in a capabilities or actors file",
                      id, gr_date_format(date, d));
    return gr__fail(err, GR_E_INVALID,
                    "the model cannot weigh guarantor '%s': a state whose personnel is not given; give it in an "
                    "actors file",
                    id);
  }
  size_t n = gr_catalog_count(cat, GR_REC_ACTOR);
  for (size_t i = 0; i < n; i++) {
    const gr_actor *m = gr_catalog_at(cat, GR_REC_ACTOR, i);
    if (m == g || m->type != GR_ACTOR_STATE || !strcmp(m->id, aggressor) || !strcmp(m->id, protects) ||
        !gr_catalog_actor_in(cat, m->id, id) || !gr_catalog_personnel(cat, m->id, date, &v, NULL, NULL) ||
        !(v > 0))
      continue;
    *out += v;
    ++*members;
  }
  if (*members == 0)
    return gr__fail(err, GR_E_INVALID,
                    "the model cannot weigh guarantor '%s': %s with no member whose personnel is known; name its "
                    "members as guarantors",
                    id, g->type == GR_ACTOR_GROUP ? "a group" : "an organisation");
  return GR_OK;
}

/* The capability behind a guarantor (docs/model.md, "Punishment"): the
 * COW composite index (CINC) at the date, a group's members summed as its
 * personnel is; whether it or any member is nuclear-armed then. false when
 * some state's CINC is not known, so that the caller falls back on
 * personnel for every weight of the case. */
static bool guarantor_cinc(const gr_catalog *cat, const char *id, const char *aggressor, const char *protects,
                           gr_date date, double *out, bool *nuclear) {
  const gr_actor *g = gr_catalog_actor(cat, id);
  *out = 0;
  *nuclear = false;
  if (g == NULL) return false;
  double v;
  if (g->type == GR_ACTOR_STATE || g->type == GR_ACTOR_TERRITORY) {
    *nuclear = gr_actor_nuclear_at(g, date);
    if (!gr_catalog_cinc(cat, id, date, &v, NULL, NULL) || !(v > 0)) return false;
    *out = v;
    return true;
  }
  bool all = true;
  size_t n = gr_catalog_count(cat, GR_REC_ACTOR);
  for (size_t i = 0; i < n; i++) {
    const gr_actor *m = gr_catalog_at(cat, GR_REC_ACTOR, i);
    if (m == g || m->type != GR_ACTOR_STATE || !strcmp(m->id, aggressor) || !strcmp(m->id, protects) ||
        !gr_catalog_actor_in(cat, m->id, id) || !gr_catalog_personnel(cat, m->id, date, &v, NULL, NULL) || !(v > 0))
      continue; /* The members guarantor_personnel() sums. */
    if (gr_actor_nuclear_at(m, date)) *nuclear = true;
    if (gr_catalog_cinc(cat, m->id, date, &v, NULL, NULL) && v > 0) *out += v;
    else all = false;
  }
  return all && *out > 0;
}

/* The protected state's defending personnel: its own, or the arrangement's
 * force_cap when that is lower (issue 10, point 3: a capped force is what
 * defends; docs/model.md, section 2.3, D0). */
static double capped(const gr_arrangement *arr, double personnel) {
  if (GR_GIVEN(arr, GR_KEY_ARRANGEMENT_FORCE_CAP) && arr->force_cap.value < personnel) return arr->force_cap.value;
  return personnel;
}

/* Each obligation's guarantor personnel and weight w_g (docs/model.md,
 * "Punishment"): the guarantor's CINC over the aggressor's when every one
 * is known at the date, else its personnel over the aggressor's; no cap,
 * so a guarantor ten times the aggressor's strength threatens ten times
 * the punishment. */
static gr_status weights(const gr_catalog *cat, const char *aggressor, const char *protects, gr_date date,
                         gr__carr *c, gr_error *err) {
  double cinc_a = 0;
  c->weight_by_cinc = gr_catalog_cinc(cat, aggressor, date, &cinc_a, NULL, NULL) && cinc_a > 0;
  double *cinc = calloc(c->ng ? c->ng : 1, sizeof *cinc);
  bool *nuc = calloc(c->ng ? c->ng : 1, sizeof *nuc);
  if (cinc == NULL || nuc == NULL) {
    free(cinc);
    free(nuc);
    return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  }
  for (size_t g = 0; g < c->ng; g++)
    if (!guarantor_cinc(cat, c->g[g], aggressor, protects, date, &cinc[g], &nuc[g])) c->weight_by_cinc = false;
  gr_status st = GR_OK;
  for (size_t g = 0; g < c->ng && st == GR_OK; g++) {
    double personnel;
    int members;
    st = guarantor_personnel(cat, c->g[g], aggressor, protects, date, &personnel, &members, err);
    if (st != GR_OK) break;
    for (size_t i = 0; i < c->nobs; i++) {
      gr__cob *b = &c->obs[i];
      if (b->g != (int)g) continue;
      b->g_personnel = personnel;
      b->members = members;
      b->g_nuclear = nuc[g];
      b->weight = c->weight_by_cinc ? cinc[g] / cinc_a : personnel / c->aggressor;
    }
  }
  free(cinc);
  free(nuc);
  return st;
}

/* The two sides' personnel into c: the aggressor's, and the protected
 * state's capped by the arrangement's force_cap. */
static gr_status forces(const gr_catalog *cat, const gr_arrangement *arr, const char *aggressor, gr_date date,
                        gr__carr *c, gr_error *err) {
  gr_status st = state_personnel(cat, aggressor, "aggressor", date, &c->aggressor, err);
  if (st == GR_OK) st = state_personnel(cat, arr->protects, "protected state", date, &c->protected_, err);
  c->protected_uncapped = c->protected_;
  if (st == GR_OK) c->protected_ = capped(arr, c->protected_);
  return st;
}

/* The kind the model reads for an obligation's cost, factor, punishment,
 * addition and delay: its kind, or for a menu of means the weakest of them
 * (lowest gr_obligation_kind_rank). Assumption (docs/model.md, section
 * 2.2, "Menus"): a guarantor free to choose among means chooses the
 * cheapest, so a menu promises no more than its weakest item. */
static int model_kind(const gr_obligation *o) {
  if (!GR_GIVEN(o, GR_KEY_OBLIGATION_MEANS) || o->means.n == 0) return o->kind;
  int k = o->means.items[0];
  for (size_t i = 1; i < o->means.n; i++)
    if (gr_obligation_kind_rank(o->means.items[i]) < gr_obligation_kind_rank(k)) k = o->means.items[i];
  return k;
}

static int by_index(const void *a, const void *b, void *ctx) {
  (void)ctx;
  size_t x = ((const gr__cob *)a)->index, y = ((const gr__cob *)b)->index;
  return x < y ? -1 : x > y;
}

/* What the guarantor of `o` has said about delivering its kind of help
 * (docs/model.md, "Honour"): 2 when a position of its own in force
 * forbids an obligation of that kind by it and the arrangement breaks it,
 * 1 when one opposes it, else 0. Positions on anything else (the
 * protected state's accession, the arrangement as a whole, a force cap)
 * say whether it accepts the arrangement, not whether it would honour it,
 * and are not read. */
static int said_of(const gr_catalog *cat, const gr_assessment *as, const gr_obligation *o, int kind) {
  int said = 0;
  for (size_t k = 0; k < as->nactors; k++) {
    const gr_actor_assessment *aa = &as->actors[k];
    if (strcmp(aa->actor->id, o->guarantor) != 0) continue;
    for (size_t r = 0; r < aa->nrules; r++) {
      const gr_rule_result *rr = &aa->rules[r];
      const gr_position *p = rr->position;
      if (p == NULL || rr->state != GR_RULE_VIOLATED || (p->rule != GR_RULE_FORBID && p->rule != GR_RULE_OPPOSE) ||
          !GR_GIVEN(&p->match, GR_KEY_MATCH_KINDS))
        continue;
      bool of_kind = false;
      for (size_t i = 0; i < p->match.kinds.n; i++)
        if (p->match.kinds.items[i] == o->kind || p->match.kinds.items[i] == kind) of_kind = true;
      bool of_it = p->match.guarantors.n == 0;
      for (size_t i = 0; i < p->match.guarantors.n; i++)
        if (!strcmp(p->match.guarantors.items[i], o->guarantor) ||
            gr_catalog_actor_in(cat, o->guarantor, p->match.guarantors.items[i]))
          of_it = true;
      if (!of_kind || !of_it) continue;
      int v = p->rule == GR_RULE_FORBID ? 2 : 1;
      if (v > said) said = v;
    }
  }
  return said;
}

static bool acts(gr_outcome out) {
  return out == GR_OUT_ACTIVATES || out == GR_OUT_NEEDS_CONSULTATION || out == GR_OUT_AT_DISCRETION;
}

/* A standing promise delivered before any attack (docs/model.md,
 * "Forces"): no trigger, firm, in force at the date (the trigger engine
 * got as far as its trigger rule), and of a kind that strengthens the
 * defence in peacetime: arms, stocks, financing, training, air defence,
 * intelligence. */
static bool standing(const gr_obligation *o, int kind, const gr_timeline_entry *e) {
  bool strengthens = gr__kinds[kind].buys || kind == GR_OB_TRAINING || kind == GR_OB_AIR_DEFENCE_SUPPLY ||
                     kind == GR_OB_INTELLIGENCE_SHARING;
  return strengthens && o->triggers.n == 0 && o->commitment == GR_COMMIT_FIRM && e->outcome == GR_OUT_NOT_TRIGGERED &&
         e->rule != NULL && strcmp(e->rule, "trigger") == 0;
}

/* The options open to the aggressor: the one the case names and every
 * less ambitious ground option (a probe short of an offensive, an
 * offensive short of an invasion). Assumption (docs/model.md, "Options"):
 * a strike or a blockade is open only when the case names it, for the
 * catalog does not say which aggressor has the missiles or the navy. */
static unsigned open_options(int threat) {
  unsigned m = 1u << threat;
  for (int o = 0; o < GR_OPTION__COUNT; o++)
    if (gr__options[o].fight == GR__FIGHT_GROUND && gr__options[o].rank < gr__options[threat].rank) m |= 1u << o;
  return m;
}

/* Which obligations act on each open option other than the threat: the
 * trigger engine run again with the same attack at the option's kind and
 * scale (a probe short of an armed attack is the same attack at a limited
 * scale). */
static gr_status option_acts(const gr_catalog *cat, const gr_arrangement *arr, const gr_scenario *sc,
                             const gr_event *orig, const gr_event *threat_ev, const gr_facts *facts, gr_date as_of,
                             gr__carr *c, gr_error *err) {
  for (int o = 0; o < GR_OPTION__COUNT; o++) {
    if (o == c->threat || !(c->available >> o & 1u)) continue;
    gr_event v = *threat_ev;
    v.kind = gr__options[o].event;
    v.scale = gr__options[o].scale;
    if (gr__options[o].fight == GR__FIGHT_GROUND &&
        (threat_ev->kind == GR_EV_ARMED_ATTACK || threat_ev->kind == GR_EV_ATTACK_ON_GUARANTOR_FORCES))
      v.kind = threat_ev->kind;
    gr_timeline *tl = NULL;
    gr_status st = gr__timeline_variant(cat, arr, sc, sc ? NULL : orig, facts, as_of, threat_ev, &v, &tl, err);
    if (st != GR_OK) return st;
    for (size_t t = 0; t < tl->n; t++)
      for (size_t i = 0; i < c->nobs; i++)
        if (c->obs[i].index == tl->items[t].index) c->obs[i].acts[o] = acts(tl->items[t].outcome);
    gr_timeline_free(tl);
  }
  return GR_OK;
}

gr_status gr__compile(const gr_catalog *cat, const gr_arrangement *arr, const gr_scenario *sc, const gr_event *ev,
                      const gr_facts *facts, gr_date as_of, gr__carr *c, gr_error *err) {
  memset(c, 0, sizeof *c);
  c->arr = arr;
  c->scenario = sc;
  const gr_event *orig = ev;
  gr_timeline *tl = NULL;
  gr_status st = sc ? gr_timeline_scenario_new(cat, arr, sc, facts, as_of, &tl, err)
                    : gr_timeline_new(cat, arr, ev, facts, as_of, &tl, err);
  if (st != GR_OK) return st;
  /* The model weighs the attack the obligations answer. */
  ev = tl->event;
  c->event = ev;
  c->as_of = tl->as_of;
  if (ev == NULL || ev->target == NULL || strcmp(ev->target, arr->protects) != 0) {
    gr_timeline_free(tl);
    return gr__fail(err, GR_E_INVALID, "%s '%s' has no attack on %s, the state that '%s' protects: there is nothing to deter",
                    sc ? "scenario" : "event", sc ? sc->id : ev ? ev->id : "?", arr->protects, arr->id);
  }
  /* An attack the model has no sub-model for is refused, never weighed
   * as a ground battle (issue 12, point 8). */
  c->threat = gr__option_of(ev->kind, ev->scale);
  if (c->threat < 0) {
    gr_status r = gr__fail(err, GR_E_INVALID,
                           "the model cannot weigh event '%s': it has no sub-model for %s (it weighs armed attacks, "
                           "attacks on a guarantor's forces, limited incursions, ceasefire violations, strikes and "
                           "blockades)",
                           ev->id, gr_table_name(GR_T_EVENT_KIND, ev->kind));
    gr_timeline_free(tl);
    return r;
  }
  c->available = open_options(c->threat);
  /* Capabilities are read at the case's own date (the scenario's, the
   * event's day 0) or --as-of; without one, as things stand, not at the
   * arrangement's date: an arrangement of 1949 is weighed with today's
   * forces when nothing dates the case (docs/backtest.md, section 1). */
  c->forces_date = sc && sc->date ? sc->date : !sc && ev && ev->day0 ? ev->day0 : as_of;
  c->post1945 = c->forces_date == 0 || c->forces_date >= 19450101;
  st = forces(cat, arr, ev->aggressor, c->forces_date, c, err);
  if (st != GR_OK) {
    gr_timeline_free(tl);
    return st;
  }
  /* Guarantors, and what their own positions say of the arrangement. */
  c->ng = gr_arrangement_guarantors(arr, false, NULL, 0);
  c->obs = calloc(arr->obligations.n ? arr->obligations.n : 1, sizeof *c->obs);
  c->g = calloc(c->ng ? c->ng : 1, sizeof *c->g);
  if (c->obs == NULL || c->g == NULL) {
    gr_timeline_free(tl);
    gr__carr_free(c);
    return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  }
  gr_arrangement_guarantors(arr, false, c->g, c->ng);
  gr_assessment *as = NULL;
  /* The guarantors' positions at the date the timeline read the case at
   * (--as-of, else the case's date, else the arrangement's: issue 10,
   * point 13), under the same facts, the scenario's included. */
  st = gr_assessment_new(cat, arr, tl->facts, tl->as_of, c->g, c->ng, &as, err);
  if (st != GR_OK) {
    gr_timeline_free(tl);
    gr__carr_free(c);
    return st;
  }
  const gr_actor *agg = gr_catalog_actor(cat, ev->aggressor);
  for (size_t t = 0; t < tl->n; t++) {
    const gr_timeline_entry *e = &tl->items[t];
    const gr_obligation *o = e->obligation;
    gr__cob *b = &c->obs[c->nobs++];
    b->index = e->index;
    b->kind = model_kind(o);
    b->activation = o->activation;
    b->commitment = o->commitment;
    b->form = gr_arrangement_legal_form(arr, o->guarantor);
    b->acting = acts(e->outcome);
    b->acts[c->threat] = b->acting;
    b->standing = standing(o, b->kind, e);
    while (b->g < (int)c->ng && strcmp(c->g[b->g], o->guarantor) != 0) b->g++;
    bool in_force = e->outcome != GR_OUT_LAPSED && e->outcome != GR_OUT_NOT_YET_IN_FORCE &&
                    e->outcome != GR_OUT_DECLINED;
    for (size_t k = 0; k < tl->ntripwires; k++)
      if (!strcmp(tl->tripwires[k].guarantor, o->guarantor)) {
        b->tripwire = true;
        if (b->kind == GR_OB_REASSURANCE_FORCE && in_force && gr_catalog_region(cat, tl->tripwires[k].region) &&
            o->location.regions.n)
          for (size_t r = 0; r < o->location.regions.n; r++)
            if (!strcmp(o->location.regions.items[r], tl->tripwires[k].region)) b->engaged = true;
      }
    const gr_actor *ga = gr_catalog_actor(cat, o->guarantor);
    b->approval = gr__kinds[b->kind].combat && ga && GR_GIVEN(ga, GR_KEY_ACTOR_DEPLOY_APPROVAL) &&
                  ga->deploy_approval == GR_APPROVAL_PARLIAMENT_PRIOR && !gr_facts_value(tl->facts, GR_FACT_PARLIAMENT_APPROVAL);
    b->nuclear = gr__kinds[b->kind].combat && gr_actor_nuclear_at(agg, c->forces_date);
    b->said = said_of(cat, as, o, b->kind);
    b->troops = o->troops.given ? o->troops.value : 0;
    b->value = o->value.given ? o->value.value : -1;
    b->deadline = o->activation == GR_ACT_AFTER_CONSULTATION ? o->deadline_days : 0;
    b->slot = gr__kinds[b->kind].factor >= 0 ? factor_slot(gr__kinds[b->kind].factor) : -1;
    /* The obligation's random stream: the same guarantor and kind get the
     * same numbers in every arrangement (common random numbers). The kind
     * is the one the model reads, so that a menu draws as its cheapest
     * means would, draw for draw. */
    int ordinal = 0;
    for (size_t k = 0; k < e->index; k++)
      ordinal += !strcmp(arr->obligations.items[k].guarantor, o->guarantor) &&
                 model_kind(&arr->obligations.items[k]) == b->kind;
    uint32_t h = fnv32(o->guarantor, 2166136261u);
    h = (h ^ (uint32_t)b->kind) * 16777619u;
    h = (h ^ (uint32_t)ordinal) * 16777619u;
    b->stream = h & 0x7ffffffeu;
  }
  /* Back in the arrangement's order: streams do not depend on the sort. */
  gr__sort(c->obs, c->nobs, sizeof *c->obs, by_index, NULL);
  gr_assessment_free(as);
  st = option_acts(cat, arr, sc, orig, ev, facts, as_of, c, err);
  gr_timeline_free(tl);
  if (st == GR_OK) st = weights(cat, ev->aggressor, arr->protects, c->forces_date, c, err);
  if (st != GR_OK) gr__carr_free(c);
  return st;
}

void gr__carr_delays(gr__carr *c, const gr_params *ps) {
  for (size_t i = 0; i < c->nobs; i++) {
    gr__cob *b = &c->obs[i];
    double decision = 0;
    switch (b->activation) {
    case GR_ACT_AUTOMATIC: break;
    case GR_ACT_AFTER_CONSULTATION:
      decision = b->deadline > 0 ? b->deadline : gr__param_mean(ps->p[GR__P_DELAY_CONSULTATION]);
      break;
    case GR_ACT_DISCRETIONARY: decision = gr__param_mean(ps->p[GR__P_DELAY_DISCRETION]); break;
    default: decision = gr__param_mean(ps->p[GR__P_DELAY_CONSULTATION]); break;
    }
    b->mean_delay = decision + gr__param_mean(ps->p[gr__kinds[b->kind].delay]);
  }
}

void gr__carr_bare(const gr__carr *c, gr__carr *bare) {
  *bare = *c;
  bare->obs = NULL;
  bare->nobs = 0;
  bare->g = NULL;
  bare->ng = 0;
  bare->protected_ = c->protected_uncapped;
}

void gr__carr_free(gr__carr *c) {
  if (c == NULL) return;
  free(c->obs);
  free(c->g);
  c->obs = NULL;
  c->g = NULL;
  c->nobs = c->ng = 0;
}
