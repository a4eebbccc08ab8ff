/*
 * guarantor — common definitions: export macro, status codes, the error
 * struct every fallible call fills, and version information.
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

#define GR_VERSION_MAJOR 0
#define GR_VERSION_MINOR 1
#define GR_VERSION_PATCH 0
#define GR_VERSION_STRING "0.1.0"

/*
 * Status codes. This enum is append-only: a value, once released, keeps its
 * number and meaning. gr_strerror() gives a one-line description of each.
 */
typedef enum gr_status {
  GR_OK = 0,
  GR_E_NOMEM = 1,     /* Out of memory. */
  GR_E_IO = 2,        /* A file could not be read or written. */
  GR_E_PARSE = 3,     /* The input is not well-formed YAML or JSON. */
  GR_E_INVALID = 4,   /* The input is well-formed but breaks a rule. */
  GR_E_NOT_FOUND = 5, /* No item has the requested id. */
  GR_E_ARG = 6,       /* A caller passed an invalid argument. */
  GR_E_INTERNAL = 7,  /* A bug in the library. */
  GR_E_MISUSE = 8     /* A call out of order, e.g. an engine run on a catalog
                         that has not been validated. */
} gr_status;

/*
 * A failure report, owned by the caller. Fallible functions fill it with the
 * status, a one-line message and, where the failure has a place in an input
 * file, that file's name and the 1-based line and column (0 when unknown).
 */
typedef struct gr_error {
  gr_status code;
  char file[256];
  int line;
  int column;
  char message[512];
} gr_error;

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

/* A one-line description of a status code; never NULL. */
GR_EXTERN const char *gr_strerror(gr_status code);

/* Free memory the library handed to the caller (the text of
 * gr_json_finish() and the gr_*_to_json() functions); accepts NULL. */
GR_EXTERN void gr_free(void *p);

/* The library's version as "MAJOR.MINOR.PATCH"; a static string. */
GR_EXTERN const char *gr_version(void);

#ifdef __cplusplus
}
#endif
#endif /* GUARANTOR_COMMON_H */
