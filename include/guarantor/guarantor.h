/*
 * guarantor — security-guarantee arrangements made executable: the whole
 * public API in one include.
 *
 *   common.h   status codes, errors, dates, versions, gr_free()
 *   json.h     the JSON writer every serialiser uses
 *   model.h    the records, their vocabularies and keys
 *   catalog.h  loading, validating and looking up records
 *   facts.h    the named conditions an arrangement rests on
 *   trigger.h  what an arrangement does when an event happens
 *   assess.h   which actors can accept an arrangement
 *   sim.h      how much it deters: the Monte Carlo and its sensitivity
 *   discovery.h  what decides whether one arrangement beats another, and where
 *              the ordering flips (Sobol indices of a difference, PRIM)
 *
 * Link with -lguarantor (pkg-config guarantor, or find_package(guarantor)
 * and the target guarantor::guarantor in CMake).
 */
#ifndef GUARANTOR_GUARANTOR_H
#define GUARANTOR_GUARANTOR_H

#include "common.h"
#include "json.h"
#include "model.h"
#include "catalog.h"
#include "whatif.h"
#include "facts.h"
#include "trigger.h"
#include "assess.h"
#include "sim.h"
#include "discovery.h"
#include "backtest.h"

#endif /* GUARANTOR_GUARANTOR_H */
