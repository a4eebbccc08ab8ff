/*
 * guarantor — common definitions: the export macro, the version, status
 * codes, the error struct every fallible call fills, dates, and freeing
 * what the library hands out.
 *
 * Conventions of the whole API:
 *  - Ownership: a function that returns a pointer says who owns it. Records
 *    and everything reached from them belong to the catalog that loaded
 *    them (catalog.h); results (timelines, assessments, simulation results)
 *    belong to the caller, who frees each with its own _free function, and
 *    they borrow from the catalog, which must outlive them. Text the
 *    library allocates for the caller is freed with gr_free(). Every _free
 *    function accepts NULL.
 *  - Errors: fallible functions return a gr_status and, when given a
 *    gr_error, fill it (see below). The library never prints and never
 *    exits. It uses GSL, whose default error handler aborts the process:
 *    the first time it needs GSL, unless the program has set a handler of
 *    its own, it sets one that returns (its own calls report failures
 *    through their results).
 *  - Misuse (a NULL where an object is needed, an engine run on a catalog
 *    that has not been validated) returns GR_E_ARG or GR_E_MISUSE with a
 *    message instead of crashing.
 *  - Threads: nothing in the library keeps global mutable state. Distinct
 *    objects may be used from distinct threads at once; a validated
 *    catalog and its records may be read from several threads at once;
 *    one object that is being changed (a catalog being loaded, a JSON
 *    writer, a gr_error) is used by one thread at a time. gr_simulate() and
 *    gr_sensitivity_new() run their own threads (OpenMP) inside the call.
 */
#ifndef GUARANTOR_COMMON_H
#define GUARANTOR_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One visibility macro for everything the library exports. */
#if defined(GUARANTOR_BUILDING) && defined(__GNUC__)
#define GR_EXTERN __attribute__((visibility("default")))
#else
#define GR_EXTERN /* nothing */
#endif

/* The version of these headers; gr_version() gives the library's. */
#define GR_VERSION_MAJOR 0
#define GR_VERSION_MINOR 2
#define GR_VERSION_PATCH 0
#define GR_VERSION_STRING "0.2.0"

/*
 * Status codes: one table gives each its number, name and message (the
 * enum, gr_status_name() and gr_strerror() all come from it). Append-only:
 * a value, once released, keeps its number and meaning.
 *
 *   GR_OK           success
 *   GR_E_NOMEM      out of memory
 *   GR_E_IO         a file could not be read or written
 *   GR_E_PARSE      the input is not well-formed YAML or JSON
 *   GR_E_INVALID    the input is well-formed but breaks a rule
 *   GR_E_NOT_FOUND  no item has the requested id
 *   GR_E_ARG        a caller passed an invalid argument
 *   GR_E_INTERNAL   a bug in the library
 *   GR_E_MISUSE     a call out of order, e.g. an engine run on a catalog
 *                   that has not been validated
 */
#define GR_STATUS_LIST(X)                                \
  X(GR_OK, 0, "success")                                 \
  X(GR_E_NOMEM, 1, "out of memory")                      \
  X(GR_E_IO, 2, "input/output error")                    \
  X(GR_E_PARSE, 3, "malformed YAML or JSON")             \
  X(GR_E_INVALID, 4, "invalid input")                    \
  X(GR_E_NOT_FOUND, 5, "no such item")                   \
  X(GR_E_ARG, 6, "invalid argument")                     \
  X(GR_E_INTERNAL, 7, "internal error")                  \
  X(GR_E_MISUSE, 8, "library misuse")

typedef enum gr_status {
#define GR_STATUS_ENUM_(name, value, message) name = value,
  GR_STATUS_LIST(GR_STATUS_ENUM_)
#undef GR_STATUS_ENUM_
} gr_status;

/* A one-line description of a status code ("out of memory"); never NULL
 * ("unknown status" for a value not in the table). Static storage. */
GR_EXTERN const char *gr_strerror(gr_status code);

/* The name of a status code ("GR_E_NOMEM"); never NULL ("?" for a value
 * not in the table). Static storage. */
GR_EXTERN const char *gr_status_name(gr_status code);

/*
 * A failure report. The caller owns the struct and initialises it with
 * GR_ERROR_INIT (or zeroes it); fallible functions then reset it to
 * GR_OK on success and, on failure, fill it with the status, a one-line
 * message and, where the failure has a place in an input file, that
 * file's name and the 1-based line and column (0 when unknown). The
 * strings live in storage the struct holds: they stay valid until the
 * struct is passed to another call or to gr_error_clear(), which releases
 * them; call it once when done with the struct. Out of memory, the
 * message is gr_strerror(code) and the file NULL.
 */
typedef struct gr_error {
  gr_status code;
  const char *file;    /* The input file, or NULL when there is none. */
  int line;            /* 1-based; 0 when unknown. */
  int column;          /* 1-based; 0 when unknown. */
  const char *message; /* One line; "" (or NULL when zeroed) on success. */
  void *storage;       /* The library's: where file and message live. */
} gr_error;

#define GR_ERROR_INIT {GR_OK, NULL, 0, 0, "", NULL}

/* Release what `err` holds and reset it to GR_ERROR_INIT; accepts NULL. */
GR_EXTERN void gr_error_clear(gr_error *err);

/* How serious a diagnostic is. */
typedef enum gr_severity {
  GR_SEV_ERROR,
  GR_SEV_WARNING,
  GR_SEV_NOTE
} gr_severity;

/* A date as YYYYMMDD (e.g. 20220329), 0 when absent; compares as an int. */
typedef int32_t gr_date;

/* Parse YYYY-MM-DD (a real calendar date, years 1800-2200) into *out.
 * Returns GR_OK or GR_E_ARG. */
GR_EXTERN gr_status gr_date_parse(const char *text, gr_date *out);

/* Format a date into `buf` (at least 11 bytes) as YYYY-MM-DD; returns buf. */
GR_EXTERN char *gr_date_format(gr_date date, char *buf);

/* Copy `text` into `buf` (`size` bytes, always NUL-terminated when size
 * > 0, cut between characters when too small) made safe to show on a
 * terminal: C0 and C1 control characters, DEL, the line separators and
 * the bidirectional overrides as \n, \t, \r, \xHH or \uHHHH, and bytes
 * that are not UTF-8 as \xHH; everything else as it is. Returns the length
 * the whole escaped text needs (as snprintf does). The library's own
 * messages and diagnostics are already escaped; use this for strings of a
 * catalog or a command line that you print yourself. */
GR_EXTERN size_t gr_text_escape(const char *text, char *buf, size_t size);

/* Free memory the library handed to the caller (the text of
 * gr_json_finish() and of the gr_*_to_json() functions); accepts NULL. */
GR_EXTERN void gr_free(void *p);

/* The library's version as "MAJOR.MINOR.PATCH"; a static string. */
GR_EXTERN const char *gr_version(void);

#ifdef __cplusplus
}
#endif
#endif /* GUARANTOR_COMMON_H */
