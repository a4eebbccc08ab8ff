/*
 * What the engines ask of a catalog beyond the public API: whether it may
 * be used (validated, without errors) and whether a record is one of its
 * own. Both fill `err` with GR_E_MISUSE (or GR_E_ARG for a NULL) naming
 * the calling function `fn`.
 */
#ifndef GUARANTOR_CATALOG_READY_H
#define GUARANTOR_CATALOG_READY_H

#include "base/base.h"
#include "guarantor/catalog.h"

gr_status gr__catalog_ready(const gr_catalog *cat, const char *fn, gr_error *err);
gr_status gr__catalog_has(const gr_catalog *cat, gr_record_kind kind, const void *rec, const char *fn,
                          gr_error *err);

#endif /* GUARANTOR_CATALOG_READY_H */
