/*
 * An arrangement compiled for the Monte Carlo: the trigger engine, the
 * assess engine and the catalog's look-ups are run once, into a flat array
 * of obligations with their fixed covariates, so that the draw loop touches
 * nothing else (no allocation, no catalog access).
 */
#include <stdlib.h>
#include <string.h>

#include "guarantor/assess.h"
#include "guarantor/trigger.h"
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

static double personnel_of(const gr_catalog *cat, const char *id) {
  const gr_actor *a = gr_catalog_actor(cat, id);
  return a && a->personnel.given ? a->personnel.value : 0;
}

static int by_index(const void *a, const void *b, void *ctx) {
  (void)ctx;
  size_t x = ((const gr__cob *)a)->index, y = ((const gr__cob *)b)->index;
  return x < y ? -1 : x > y;
}

gr_status gr__compile(const gr_catalog *cat, const gr_arrangement *arr, const gr_scenario *sc, const gr_event *ev,
                      const gr_facts *facts, gr_date as_of, gr__carr *c, gr_error *err) {
  memset(c, 0, sizeof *c);
  c->arr = arr;
  c->scenario = sc;
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
  c->aggressor = personnel_of(cat, ev->aggressor);
  c->protected_ = personnel_of(cat, arr->protects);
  if (c->aggressor <= 0 || c->protected_ <= 0) {
    gr_timeline_free(tl);
    return gr__fail(err, GR_E_INVALID, "the model needs the personnel of '%s' and '%s'", ev->aggressor, arr->protects);
  }
  c->share = gr__scale_share[ev->scale];
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
  /* The guarantors' positions at the date the timeline read the case at,
   * under the same facts (the scenario's included). */
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
    b->kind = o->kind;
    b->activation = o->activation;
    b->commitment = o->commitment;
    b->form = gr_arrangement_legal_form(arr, o->guarantor);
    b->acting = e->outcome == GR_OUT_ACTIVATES || e->outcome == GR_OUT_NEEDS_CONSULTATION ||
                e->outcome == GR_OUT_AT_DISCRETION;
    while (b->g < (int)c->ng && strcmp(c->g[b->g], o->guarantor) != 0) b->g++;
    for (size_t k = 0; k < tl->ntripwires; k++)
      if (!strcmp(tl->tripwires[k].guarantor, o->guarantor)) {
        b->tripwire = true;
        if (o->kind == GR_OB_REASSURANCE_FORCE && gr_catalog_region(cat, tl->tripwires[k].region) &&
            o->location.regions.n)
          for (size_t r = 0; r < o->location.regions.n; r++)
            if (!strcmp(o->location.regions.items[r], tl->tripwires[k].region)) b->engaged = true;
      }
    const gr_actor *ga = gr_catalog_actor(cat, o->guarantor);
    b->approval = gr__kinds[o->kind].combat && ga && GR_GIVEN(ga, GR_KEY_ACTOR_DEPLOY_APPROVAL) &&
                  ga->deploy_approval == GR_APPROVAL_PARLIAMENT_PRIOR && !gr_facts_value(tl->facts, GR_FACT_PARLIAMENT_APPROVAL);
    b->nuclear = gr__kinds[o->kind].combat && agg && agg->nuclear;
    /* The guarantor's own verdict (the assessment lists actors in catalog
     * order, not in the arrangement's). */
    b->own = 0;
    for (size_t k = 0; k < as->nactors; k++)
      if (!strcmp(as->actors[k].actor->id, o->guarantor))
        b->own = as->actors[k].verdict == GR_VERDICT_VETOES ? 2 : as->actors[k].verdict == GR_VERDICT_OBJECTS ? 1 : 0;
    b->troops = o->troops.given ? o->troops.value : 0;
    b->value = o->value.given ? o->value.value : -1;
    b->g_personnel = personnel_of(cat, o->guarantor);
    b->weight = b->g_personnel / c->aggressor < 1 ? b->g_personnel / c->aggressor : 1;
    b->deadline = o->activation == GR_ACT_AFTER_CONSULTATION ? o->deadline_days : 0;
    b->slot = gr__kinds[o->kind].factor >= 0 ? factor_slot(gr__kinds[o->kind].factor) : -1;
    /* The obligation's random stream: the same guarantor and kind get the
     * same numbers in every arrangement (common random numbers). */
    int ordinal = 0;
    for (size_t k = 0; k < e->index; k++)
      ordinal += !strcmp(arr->obligations.items[k].guarantor, o->guarantor) && arr->obligations.items[k].kind == o->kind;
    uint32_t h = fnv32(o->guarantor, 2166136261u);
    h = (h ^ (uint32_t)o->kind) * 16777619u;
    h = (h ^ (uint32_t)ordinal) * 16777619u;
    b->stream = h & 0x7ffffffeu;
  }
  /* Back in the arrangement's order: streams do not depend on the sort. */
  gr__sort(c->obs, c->nobs, sizeof *c->obs, by_index, NULL);
  gr_assessment_free(as);
  gr_timeline_free(tl);
  return GR_OK;
}

void gr__carr_free(gr__carr *c) {
  if (c == NULL) return;
  free(c->obs);
  free(c->g);
  c->obs = NULL;
  c->g = NULL;
  c->nobs = c->ng = 0;
}
