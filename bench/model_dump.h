/*
 * Benchmark-only views of the Monte Carlo (model_dump.c).
 */
#ifndef GUARANTOR_BENCH_MODEL_DUMP_H
#define GUARANTOR_BENCH_MODEL_DUMP_H

#include <stdint.h>

#include "guarantor/catalog.h"
#include "guarantor/facts.h"
#include "guarantor/sim.h"

/* The compiled model of an arrangement as JSON (caller frees), or NULL. */
char *bench_model_json(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *arr, const gr_event *ev,
                       const gr_facts *facts, gr_date as_of);

/* The random-number floor: generate the Philox blocks `draws` draws
 * consume, and nothing else; returns a value to keep the work from being
 * optimised away. */
uint64_t bench_floor(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *arr, const gr_event *ev,
                     uint64_t draws, uint64_t seed, double attack_share, double *blocks_per_draw);

#endif /* GUARANTOR_BENCH_MODEL_DUMP_H */
