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

#endif /* GUARANTOR_ENGINE_H */
