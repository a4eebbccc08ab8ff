/*
 * guarantor — what-ifs: a variant of an arrangement made from a list of
 * edits, without editing any file ("drop the US", "a force of 60,000",
 * "as a ratified treaty").
 *
 * The variant is a record in the file format, with its own id, every
 * changed value marked `assumed` with the edit that made it, and the
 * positions that name the original arrangement copied to name the variant
 * too, so that a what-if changes only what its edits change. It is loaded
 * into a new catalog like any file (a catalog cannot take records once
 * validated) and validated there: an edit that makes the record invalid is
 * reported by the validator at "what-if:LINE:COL".
 *
 * Edits, one per gr_what_if_add() call:
 *   drop ACTOR              remove every obligation of ACTOR
 *   add ACTOR=LIKE          ACTOR takes a copy of LIKE's obligations
 *   set FIELD=VALUE         the arrangement's legal_form or status
 *   set WHO.FIELD=VALUE     each obligation of WHO: troops, value ($M a
 *                           year), commitment or activation
 *   set WHO.KIND.FIELD=VALUE  only WHO's obligations of that kind
 * where WHO is a guarantor's id, * (every guarantor) or #N, the N-th
 * obligation (from 1, as `show` numbers them). A number may be xF: the
 * value given times F (troops=x2 doubles each force that states one).
 * Ownership: a gr_what_if owns copies of its edits.
 */
#ifndef GUARANTOR_WHATIF_H
#define GUARANTOR_WHATIF_H

#include "catalog.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gr_what_if gr_what_if;

/* An empty list of edits, or NULL when out of memory. Free with
 * gr_what_if_free() (accepts NULL). */
GR_EXTERN gr_what_if *gr_what_if_new(void);
GR_EXTERN void gr_what_if_free(gr_what_if *w);

/* Parse one edit and append it: GR_E_ARG (NULL), GR_E_PARSE with `err`
 * saying what is wrong and what was expected, GR_E_NOMEM. Values are
 * checked against the vocabularies here; actors against a catalog when the
 * edits are applied. */
GR_EXTERN gr_status gr_what_if_add(gr_what_if *w, const char *edit, gr_error *err);

/* The number of edits, and the i-th as given (borrowed from w). */
GR_EXTERN size_t gr_what_if_count(const gr_what_if *w);
GR_EXTERN const char *gr_what_if_edit(const gr_what_if *w, size_t i);

/*
 * The records of the variant of `arr` (a record of the valid catalog
 * `cat`) with id `variant_id`: one JSON text, the caller's to free with
 * gr_free(), holding the arrangement and a copy of every position naming
 * `arr` that names the variant too. GR_E_INVALID when an edit does not
 * apply (an actor that is not a guarantor, no obligation of that kind, an
 * obligation number out of range, an unknown actor for `add`), with `err`
 * naming the edit.
 */
GR_EXTERN gr_status gr_what_if_records(const gr_catalog *cat, const gr_arrangement *arr, const gr_what_if *w,
                                       const char *variant_id, char **json, gr_error *err);

#ifdef __cplusplus
}
#endif
#endif /* GUARANTOR_WHATIF_H */
