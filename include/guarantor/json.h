/*
 * guarantor — the JSON writer: the one the library's serialisers use
 * (gr_timeline_to_json(), gr_record_to_json(), ...) and embedders may use
 * to put those pieces into documents of their own.
 *
 * Output is indented by two spaces per level, one key or element a line,
 * and ends with a newline after the top-level value. Strings are escaped
 * as RFC 8259 requires (quote, backslash, control characters); with
 * GR_JSON_HTML_SAFE also <, > and & (as \u003c, \u003e, \u0026), so that
 * the text is safe inside an HTML <script> element. Numbers are written in
 * the shortest form that reads back to the same double; a non-finite
 * number is written as null.
 *
 * Errors are sticky: after running out of memory or a misuse (a value in
 * an object without its key, an end with no matching begin, nesting
 * deeper than 64) the writer ignores further calls and gr_json_status()
 * says what happened; gr_json_finish() then returns NULL.
 *
 * Thread safety: a writer is used by one thread at a time; distinct
 * writers are independent.
 */
#ifndef GUARANTOR_JSON_H
#define GUARANTOR_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gr_json gr_json;

/* Flags of gr_json_new() and of the gr_*_to_json() functions. */
enum {
  GR_JSON_HTML_SAFE = 1u << 0 /* Escape <, > and & as well. */
};

/* A new writer that builds its text in memory, or NULL when out of memory.
 * Free with gr_json_free() or gr_json_finish(). */
GR_EXTERN gr_json *gr_json_new(unsigned flags);

/* Free a writer and its text; accepts NULL. */
GR_EXTERN void gr_json_free(gr_json *w);

GR_EXTERN void gr_json_begin_object(gr_json *w);
GR_EXTERN void gr_json_end_object(gr_json *w);
GR_EXTERN void gr_json_begin_array(gr_json *w);
GR_EXTERN void gr_json_end_array(gr_json *w);

/* The key of the next value; only inside an object. */
GR_EXTERN void gr_json_key(gr_json *w, const char *key);

/* Values. A NULL string writes null; gr_json_date() writes a date as
 * "YYYY-MM-DD", or null for 0. */
GR_EXTERN void gr_json_string(gr_json *w, const char *s);
GR_EXTERN void gr_json_int(gr_json *w, int64_t v);
GR_EXTERN void gr_json_uint(gr_json *w, uint64_t v);
GR_EXTERN void gr_json_number(gr_json *w, double v);
GR_EXTERN void gr_json_bool(gr_json *w, bool v);
GR_EXTERN void gr_json_null(gr_json *w);
GR_EXTERN void gr_json_date(gr_json *w, gr_date d);

/* GR_OK, GR_E_NOMEM, or GR_E_MISUSE (see above). */
GR_EXTERN gr_status gr_json_status(const gr_json *w);

/* The text so far (NUL-terminated; its length in *len when len is not
 * NULL), owned by the writer and valid until its next call; NULL after an
 * error. */
GR_EXTERN const char *gr_json_text(const gr_json *w, size_t *len);

/* Free the writer and hand over its text, which the caller frees with
 * gr_free(); NULL when the writer had an error, when an object or array
 * is still open, or when w is NULL. */
GR_EXTERN char *gr_json_finish(gr_json *w);

#ifdef __cplusplus
}
#endif
#endif /* GUARANTOR_JSON_H */
