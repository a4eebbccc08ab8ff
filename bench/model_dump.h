/*
 * Benchmark-only views of the Monte Carlo (model_dump.c).
 */
#ifndef GUARANTOR_BENCH_MODEL_DUMP_H
#define GUARANTOR_BENCH_MODEL_DUMP_H

#include <stdint.h>
#include <stdio.h>

#include "guarantor/catalog.h"
#include "guarantor/facts.h"
#include "guarantor/sim.h"

/* The compiled model of an arrangement against scenario `sc` or, when it
 * is NULL, event `ev`, as JSON (caller frees), or NULL. */
char *bench_model_json(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *arr, const gr_scenario *sc,
                       const gr_event *ev, const gr_facts *facts, gr_date as_of);

/* The random-number floor: generate the Philox blocks `draws` draws
 * consume, and nothing else; returns a value to keep the work from being
 * optimised away. base_share is the share of draws where the case with no
 * guarantee is attacked, option_share[o] (GR_OPTION__COUNT of them) the
 * share where the aggressor takes option o against the arrangement. */
uint64_t bench_floor(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *arr, const gr_scenario *sc,
                     const gr_event *ev, uint64_t draws, uint64_t seed, double base_share, const double *option_share,
                     double *blocks_per_draw);

/* For draws 0..draws-1 of a run with this seed, the engine's own parameter
 * vector and decision error, the value of every open option and the
 * choice, for the case with no guarantee ("bare") and the arrangement
 * ("case"), as JSON on `out`: the NumPy peer's weighing is checked
 * against them draw for draw (bench/peer_check.py --replay). -1 when the
 * case does not compile or memory runs out. */
int bench_weigh_json(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *arr, const gr_scenario *sc,
                     const gr_event *ev, uint64_t draws, uint64_t seed, FILE *out);

#endif /* GUARANTOR_BENCH_MODEL_DUMP_H */
