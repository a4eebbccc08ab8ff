/*
 * The model's parameters, resolved from a catalog in the model's order,
 * with the hash that names a parameter set in every result.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog/ready.h"
#include "mc/dist.h"
#include "mc/mc.h"
#include "model/schema.h"

/* ---- Parameters ------------------------------------------------------ */

gr_status gr_params_new(const gr_catalog *cat, gr_params **out, gr_error *err) {
  if (out) *out = NULL;
  if (out == NULL) return gr__fail(err, GR_E_ARG, "gr_params_new: NULL argument");
  if (gr__catalog_ready(cat, "gr_params_new", err) != GR_OK) return err ? err->code : GR_E_MISUSE;
  gr__gsl_guard(); /* Every run needs parameters: no GSL error aborts one. */
  gr_params *ps = calloc(1, sizeof *ps);
  if (ps == NULL) return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  uint64_t h = GR__FNV_OFFSET;
  for (int i = 0; i < GR__P_COUNT; i++) {
    ps->p[i] = gr_catalog_parameter(cat, gr__param_specs[i].id);
    if (ps->p[i] == NULL) {
      free(ps);
      return gr__fail(err, GR_E_INVALID, "the model needs parameter '%s', which no loaded file defines", gr__param_specs[i].id);
    }
    h = gr__parameter_hash(ps->p[i], h);
  }
  ps->hash = h;
  *out = ps;
  gr__ok(err);
  return GR_OK;
}

void gr_params_free(gr_params *p) { free(p); }
uint64_t gr_params_hash(const gr_params *p) { return p ? p->hash : 0; }
size_t gr_params_count(const gr_params *p) { return p ? GR__P_COUNT : 0; }
const gr_parameter *gr_params_at(const gr_params *p, size_t i) { return p && i < GR__P_COUNT ? p->p[i] : NULL; }
