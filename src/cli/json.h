/*
 * A small streaming JSON writer for --json output.
 */
#ifndef GUARANTOR_CLI_JSON_H
#define GUARANTOR_CLI_JSON_H

#include <stdbool.h>
#include <stdio.h>

#include "guarantor/model.h"

#define JSON_MAX_DEPTH 32

typedef struct json_writer {
  FILE *fp;
  bool html; /* Escape <, > and & as \u003c...: safe inside an HTML <script>. */
  int depth;
  bool after_key;
  bool first[JSON_MAX_DEPTH];
} json_writer;

void json_begin_object(json_writer *w);
void json_end_object(json_writer *w);
void json_begin_array(json_writer *w);
void json_end_array(json_writer *w);
void json_key(json_writer *w, const char *key);
void json_string(json_writer *w, const char *s); /* NULL writes null. */
void json_int(json_writer *w, long v);
void json_number(json_writer *w, double v);      /* Non-finite writes null. */
void json_bool(json_writer *w, bool v);
void json_null(json_writer *w);
void json_date(json_writer *w, gr_date d);        /* 0 writes null. */

/* One JSON string, escaped, straight to a stream. */
void json_string_raw(FILE *fp, const char *s);

#endif /* GUARANTOR_CLI_JSON_H */
