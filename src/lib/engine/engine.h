/*
 * The engines' internals: the facts' storage, read directly by trigger and
 * assess (facts.c keeps it).
 */
#ifndef GUARANTOR_ENGINE_H
#define GUARANTOR_ENGINE_H

#include "base/base.h"
#include "catalog/ready.h"
#include "guarantor/facts.h"

enum { GR__WHY_LEN = 192 };

struct gr_facts {
  const gr_catalog *cat;
  const gr_arrangement *arr;
  bool value[GR_FACT__COUNT];
  gr_fact_origin origin[GR_FACT__COUNT];
  char why[GR_FACT__COUNT][GR__WHY_LEN];
};

/* The facts an engine runs on: a copy of `given` (which must be for `arr`)
 * or, when it is NULL, the defaults for `arr`. NULL with `err` filled on
 * failure; `fn` names the caller in messages. */
gr_facts *gr__facts_for(const gr_catalog *cat, const gr_arrangement *arr, const gr_facts *given, const char *fn,
                        gr_error *err);

/* The date an arrangement is read at when neither the case nor the caller
 * gives one: its own date, so that a text is judged by what was said when
 * it was made; but a `reference` arrangement (an existing alliance used as
 * a yardstick) is an option judged as things stand, at the latest date of
 * the catalog's positions (its own date when that is later). *from
 * receives where the date came from, in words (static storage). */
gr_date gr__default_date(const gr_catalog *cat, const gr_arrangement *arr, const char **from);

/* The timeline of `arr` against scenario `sc` (or, when it is NULL, the
 * single event `ev`) with event `to` standing in for event `from` wherever
 * that appears: how the obligations would answer the same attack at
 * another kind or scale (the deterrence model's options, docs/model.md,
 * "Options"). `to` must outlive the timeline. Free with
 * gr_timeline_free(). */
struct gr_timeline;
gr_status gr__timeline_variant(const gr_catalog *cat, const gr_arrangement *arr, const gr_scenario *sc,
                               const gr_event *ev, const gr_facts *facts, gr_date as_of, const gr_event *from,
                               const gr_event *to, struct gr_timeline **out, gr_error *err);

#endif /* GUARANTOR_ENGINE_H */
