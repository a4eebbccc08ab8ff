/*
 * Facts about an arrangement that follow from its text alone: its
 * distinct guarantors, the legal form binding each, its strongest
 * obligation on offer.
 */
#include <string.h>

#include "model/schema.h"

size_t gr_arrangement_guarantors(const gr_arrangement *arr, bool offering, const char **out, size_t max) {
  size_t count = 0;
  if (arr == NULL) return 0;
  for (size_t i = 0; i < arr->obligations.n; i++) {
    const gr_obligation *o = &arr->obligations.items[i];
    if (o->guarantor == NULL || (offering && o->commitment == GR_COMMIT_DECLINED)) continue;
    bool seen = false;
    for (size_t j = 0; j < i && !seen; j++) {
      const gr_obligation *p = &arr->obligations.items[j];
      seen = p->guarantor != NULL && !(offering && p->commitment == GR_COMMIT_DECLINED) &&
             strcmp(p->guarantor, o->guarantor) == 0;
    }
    if (seen) continue;
    if (out != NULL && count < max) out[count] = o->guarantor;
    count++;
  }
  return count;
}

int gr_arrangement_legal_form(const gr_arrangement *arr, const char *guarantor) {
  if (arr == NULL) return -1;
  for (size_t i = 0; guarantor != NULL && i < arr->legal_forms.n; i++)
    if (arr->legal_forms.items[i].guarantor != NULL && strcmp(arr->legal_forms.items[i].guarantor, guarantor) == 0)
      return arr->legal_forms.items[i].legal_form;
  return arr->legal_form;
}

int gr_arrangement_strongest(const gr_arrangement *arr) {
  int best = -1;
  for (size_t i = 0; arr != NULL && i < arr->obligations.n; i++)
    if (arr->obligations.items[i].commitment != GR_COMMIT_DECLINED &&
        gr_obligation_kind_rank(arr->obligations.items[i].kind) > gr_obligation_kind_rank(best))
      best = arr->obligations.items[i].kind;
  return best;
}
