/*
 * "Did you mean": edit distance between identifiers, and the closest of a
 * list of candidates.
 */
#include <ctype.h>
#include <string.h>

#include "base/base.h"

/* Levenshtein distance (Wagner & Fischer 1974), case-insensitive, with one
 * row of storage; stops early once every entry of a row exceeds `cap`. */
size_t gr__edit_distance(const char *a, const char *b, size_t cap) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 128 || lb > 128) return cap + 1;
  size_t row[129];
  for (size_t j = 0; j <= lb; j++) row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t diag = row[0], best = row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t up = row[j];
      size_t cost = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]) ? 0 : 1;
      size_t v = diag + cost;
      if (up + 1 < v) v = up + 1;
      if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
      row[j] = v;
      diag = up;
      if (v < best) best = v;
    }
    if (best > cap) return cap + 1;
  }
  return row[lb];
}

size_t gr__suggest_cap(size_t len) { return len <= 3 ? 1 : len <= 6 ? 2 : len / 3 + 1; }

const char *gr__closest(const char *word, const char *const *cands, size_t n) {
  size_t cap = gr__suggest_cap(strlen(word));
  const char *best = NULL;
  size_t best_d = cap + 1;
  for (size_t i = 0; i < n; i++) {
    if (cands[i] == NULL) continue;
    size_t d = gr__edit_distance(word, cands[i], cap);
    if (d < best_d) {
      best_d = d;
      best = cands[i];
    }
  }
  return best;
}
