/*
 * The JSON writer's internal extras, for the serialiser of records
 * (catalog/dump.c): inline arrays and wrappers (see base/json.c).
 */
#ifndef GUARANTOR_BASE_JSON_INT_H
#define GUARANTOR_BASE_JSON_INT_H

#include "base/base.h"
#include "guarantor/json.h"

/* An array written on one line: [a, b, c]. */
void gr__json_begin_inline_array(gr_json *w);
void gr__json_end_inline_array(gr_json *w);

/* `prefix`, one value, then `suffix`, with no indentation of their own:
 * {"arrangement": {...}}. */
void gr__json_begin_wrapper(gr_json *w, const char *prefix);
void gr__json_end_wrapper(gr_json *w, const char *suffix);

#endif /* GUARANTOR_BASE_JSON_INT_H */
