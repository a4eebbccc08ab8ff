/*
 * guarantor — the catalog: loading, validating and looking up records.
 *
 * A catalog holds every record loaded into it: first, usually, the built-in
 * catalog compiled into the library, then a user's files, which extend it
 * and replace built-in records of the same id. Loading never stops at the
 * first problem: every problem found becomes a diagnostic (file, line,
 * column, severity, message), read back with gr_catalog_diag(). The library
 * prints nothing; the caller decides what to show.
 *
 * A catalog has two stages: loading, then, after gr_catalog_validate(),
 * use. Loading after validation is refused (GR_E_MISUSE), and the engines
 * refuse a catalog that was not validated or has errors.
 *
 * Typical use:
 *
 *   gr_error err = GR_ERROR_INIT;
 *   gr_catalog *cat = gr_catalog_new();
 *   gr_catalog_load_builtin(cat, &err);
 *   gr_catalog_load_file(cat, "my.yaml", &err);
 *   if (gr_catalog_validate(cat, &err) != GR_OK) { ...print diagnostics... }
 *   const gr_arrangement *a = gr_catalog_arrangement(cat, "coalition-2025");
 *   ...
 *   gr_catalog_free(cat);
 *   gr_error_clear(&err);
 *
 * Ownership and lifetime: the catalog owns every record, string and
 * diagnostic it holds; records stay valid until gr_catalog_free().
 * Diagnostics (gr_catalog_diag()) stay valid until the next load or
 * validation, which may move them. Thread safety: loading and validating
 * are for one thread; a validated catalog may be read from any number of
 * threads at once (every function taking a const gr_catalog *).
 */
#ifndef GUARANTOR_CATALOG_H
#define GUARANTOR_CATALOG_H

#include "common.h"
#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gr_catalog gr_catalog;

/* One problem found in the input. Strings are owned by the catalog. */
typedef struct gr_diag {
  gr_severity severity;
  const char *file; /* As given to the loader; "" when not from a file. */
  int line;         /* 1-based; 0 when unknown. */
  int column;       /* 1-based; 0 when unknown. */
  const char *message;
} gr_diag;

/* Largest input the loader accepts, in bytes: a spec is never this big. */
#define GR_MAX_INPUT_BYTES (4u * 1024u * 1024u)

/* A new empty catalog, or NULL when out of memory. Free with
 * gr_catalog_free(). */
GR_EXTERN gr_catalog *gr_catalog_new(void);

/* Free a catalog and every record, string and diagnostic it owns. Accepts
 * NULL. */
GR_EXTERN void gr_catalog_free(gr_catalog *cat);

/* Load the built-in catalog (data/ compiled into the library). Returns
 * GR_OK, or GR_E_INVALID when it has errors (a bug: the tests forbid it). */
GR_EXTERN gr_status gr_catalog_load_builtin(gr_catalog *cat, gr_error *err);

/* Load the historical cases (data/history/ compiled into the library:
 * actors of other eras, their dated capabilities, the arrangements,
 * scenarios and `cases` of the backtest, docs/backtest.md), after the
 * built-in catalog, whose actors they use. GR_E_INVALID when they have
 * errors (a bug: the tests forbid it). */
GR_EXTERN gr_status gr_catalog_load_history(gr_catalog *cat, gr_error *err);

/* Load one file. Problems become diagnostics; the return value is GR_OK
 * when this file added no error, GR_E_IO when it cannot be read, GR_E_PARSE
 * or GR_E_INVALID otherwise, with `err` describing the first error. The
 * path is copied. */
GR_EXTERN gr_status gr_catalog_load_file(gr_catalog *cat, const char *path,
                                         gr_error *err);

/* Load `len` bytes of YAML or JSON from memory, reporting problems under
 * `name`. Neither is retained: both are copied. */
GR_EXTERN gr_status gr_catalog_load_buffer(gr_catalog *cat, const char *name,
                                           const void *data, size_t len,
                                           gr_error *err);

/* Resolve references across everything loaded and run the checks that need
 * more than one record. Call once, after the last load. Returns GR_OK when
 * the catalog holds no error diagnostic, else GR_E_INVALID with `err`
 * describing the first. */
GR_EXTERN gr_status gr_catalog_validate(gr_catalog *cat, gr_error *err);

/* Whether `cat` was validated and holds no error: the engines (trigger,
 * assess, simulate) refuse any other catalog with GR_E_MISUSE. */
GR_EXTERN bool gr_catalog_is_valid(const gr_catalog *cat);

/* The diagnostics, sorted by file (in load order), line and column. */
GR_EXTERN size_t gr_catalog_diag_count(const gr_catalog *cat);
GR_EXTERN const gr_diag *gr_catalog_diag(const gr_catalog *cat, size_t i);

/* How many diagnostics of severity `sev` there are. */
GR_EXTERN size_t gr_catalog_diag_count_severity(const gr_catalog *cat,
                                                gr_severity sev);

/* A catalog keeps at most this many diagnostics of each severity: a file
 * with half a million bad keys gives the first thousand problems, not
 * half a million lines. Those found beyond it are counted, not kept. */
#define GR_CATALOG_MAX_DIAGS 1000

/* How many diagnostics of severity `sev` were found beyond
 * GR_CATALOG_MAX_DIAGS and not kept (so the problems found are
 * gr_catalog_diag_count_severity() plus this). */
GR_EXTERN size_t gr_catalog_diag_dropped(const gr_catalog *cat,
                                         gr_severity sev);

/* Write `d` as "FILE:LINE:COL: error: MESSAGE" (no newline) into buf,
 * truncating to `size` bytes. Returns the length it would have had. */
GR_EXTERN size_t gr_diag_format(const gr_diag *d, char *buf, size_t size);

/* Records are complete when gr_catalog_validate() returned GR_OK. After an
 * error, a record whose id could be read is kept (so that references to it
 * do not cascade into more errors) but may lack required keys: strings NULL,
 * lists empty. */

/* The number of records of one kind, and the i-th of them (in load order,
 * a replaced built-in record keeping its place). The pointer is to the
 * kind's struct: gr_actor, gr_region, ... */
GR_EXTERN size_t gr_catalog_count(const gr_catalog *cat, gr_record_kind kind);
GR_EXTERN const void *gr_catalog_at(const gr_catalog *cat, gr_record_kind kind,
                                    size_t i);

/* Whether the i-th record of a kind comes from the built-in catalog. */
GR_EXTERN bool gr_catalog_at_builtin(const gr_catalog *cat, gr_record_kind kind,
                                     size_t i);

/* The record of one kind with this id, or NULL. */
GR_EXTERN const void *gr_catalog_find(const gr_catalog *cat, gr_record_kind kind,
                                      const char *id);

/* The record of any kind with this id (kinds tried in enum order); sets
 * *kind. NULL when none has it. */
GR_EXTERN const void *gr_catalog_lookup(const gr_catalog *cat, const char *id,
                                        gr_record_kind *kind);

/* Up to `max` ids of kind `kind` (or of any kind when kind is
 * GR_REC__COUNT) closest to `id`, best first, for "did you mean". Returns
 * how many were written to `out`; the strings are owned by the catalog. */
GR_EXTERN size_t gr_catalog_suggest(const gr_catalog *cat, gr_record_kind kind,
                                    const char *id, const char **out,
                                    size_t max);

/* The id of a record of kind `kind`, and where it was written. */
GR_EXTERN const char *gr_record_id(gr_record_kind kind, const void *record);
GR_EXTERN const gr_pos *gr_record_pos(gr_record_kind kind, const void *record);

/* Typed lookups; NULL when absent. */
GR_EXTERN const gr_actor *gr_catalog_actor(const gr_catalog *cat, const char *id);
GR_EXTERN const gr_region *gr_catalog_region(const gr_catalog *cat, const char *id);
GR_EXTERN const gr_arrangement *gr_catalog_arrangement(const gr_catalog *cat,
                                                      const char *id);
GR_EXTERN const gr_position *gr_catalog_position(const gr_catalog *cat, const char *id);
GR_EXTERN const gr_event *gr_catalog_event(const gr_catalog *cat, const char *id);
GR_EXTERN const gr_parameter *gr_catalog_parameter(const gr_catalog *cat,
                                                  const char *id);
GR_EXTERN const gr_document *gr_catalog_document(const gr_catalog *cat,
                                                const char *id);

/* Whether actor `actor_id` is, or belongs to, `group_id` (directly or
 * through organisations and groups it is a member of, at any depth).
 * Linear in the memberships; it ends on a catalog not yet validated even
 * when memberships form a cycle (which validation refuses). */
GR_EXTERN bool gr_catalog_actor_in(const gr_catalog *cat, const char *actor_id,
                                   const char *group_id);

/* An actor's active military personnel as of `date` (0: as things stand,
 * the latest figure known): the capabilities year (records of kind
 * `capabilities`) or the actor's own `personnel` figure of the latest year
 * before the date's year (a year's figures are known once it is over);
 * for an actor with no earlier year at all (a state new to the tables),
 * the figure of the date's own year; else an undated own figure.
 * A territory has 0. Writes the value, the year it is of (0 for an
 * undated figure) and its source (borrowed from the catalog; any of the
 * three may be NULL) and returns true; false when nothing is known for
 * that date or the actor is not a state or a territory. */
GR_EXTERN bool gr_catalog_personnel(const gr_catalog *cat, const char *actor_id, gr_date date, double *value,
                                    int *year, const gr_source **source);

/* The COW composite index of national capability (CINC) of state
 * `actor_id` as of `date`, read from the capabilities records as
 * personnel is (the latest year before the date's; a state new to the
 * tables, its first year's when the date falls in it; a user's record
 * over a built-in one for the same year; 0: the latest). false when none
 * is known. Outputs as gr_catalog_personnel(), each optional. */
GR_EXTERN bool gr_catalog_cinc(const gr_catalog *cat, const char *actor_id, gr_date date, double *value, int *year,
                               const gr_source **source);

/* Whether `actor` is nuclear-armed on `date` (0: as things stand):
 * `nuclear: true`, from `nuclear_since` when that is given. */
GR_EXTERN bool gr_actor_nuclear_at(const gr_actor *actor, gr_date date);

/* Serialise a record in the file format, as JSON wrapped in its top-level
 * key ({"arrangement": {...}} or {"actors": [{...}]}), so that the output
 * loads back unchanged. flags: GR_JSON_HTML_SAFE or 0 (json.h). Returns a
 * NUL-terminated string the caller frees with gr_free(), or NULL when out
 * of memory. */
GR_EXTERN char *gr_record_to_json(gr_record_kind kind, const void *record, unsigned flags);

/* Serialise every record of the catalog in the file format, as JSON.
 * Caller frees with gr_free(); NULL when out of memory. */
GR_EXTERN char *gr_catalog_to_json(const gr_catalog *cat, unsigned flags);

#ifdef __cplusplus
}
#endif
#endif /* GUARANTOR_CATALOG_H */
