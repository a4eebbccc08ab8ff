/*
 * Printing simulation results: shared by simulate and compare.
 */
#include <math.h>
#include <string.h>

#include "simout.h"

char *cli_fmt_prop(const gr_proportion *p, char *buf, size_t n) {
  if (p->n == 0) snprintf(buf, n, "n/a (no draws)");
  else snprintf(buf, n, "%.3f [%.3f, %.3f]", p->estimate, p->lo, p->hi);
  return buf;
}

char *cli_fmt_days(const gr_quantile *q, char *buf, size_t n) {
  if (isnan(q->value)) snprintf(buf, n, "n/a");
  else if (q->lo == q->hi && q->lo == q->value) snprintf(buf, n, "%.0f", q->value);
  else snprintf(buf, n, "%.0f [%.0f, %.0f]", q->value, q->lo, q->hi);
  return buf;
}

void cli_json_prop(json_writer *w, const gr_proportion *p) {
  json_begin_object(w);
  json_key(w, "estimate");
  json_number(w, p->estimate);
  json_key(w, "lo");
  json_number(w, p->lo);
  json_key(w, "hi");
  json_number(w, p->hi);
  json_key(w, "k");
  json_int(w, (long)p->k);
  json_key(w, "n");
  json_int(w, (long)p->n);
  json_end_object(w);
}

void cli_json_quantile(json_writer *w, const gr_quantile *q) {
  json_begin_object(w);
  json_key(w, "q");
  json_number(w, q->q);
  json_key(w, "days");
  json_number(w, q->value);
  json_key(w, "lo");
  json_number(w, q->lo);
  json_key(w, "hi");
  json_number(w, q->hi);
  json_end_object(w);
}

const char *cli_strongest(const gr_arrangement *a) {
  int best = -1;
  for (size_t i = 0; i < a->obligations.n; i++)
    if (a->obligations.items[i].commitment != GR_COMMIT_DECLINED && a->obligations.items[i].kind > best)
      best = a->obligations.items[i].kind;
  return best < 0 ? "none" : gr_table_name(GR_T_OBLIGATION_KIND, best);
}

size_t cli_guarantors(const gr_arrangement *a, char *buf, size_t n) {
  size_t k = 0, count = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < a->obligations.n; i++) {
    const char *g = a->obligations.items[i].guarantor;
    int seen = 0;
    for (size_t j = 0; j < i; j++)
      if (!strcmp(a->obligations.items[j].guarantor, g)) seen = 1;
    if (seen) continue;
    count++;
    int w = snprintf(buf + k, n - k, "%s%s", k ? " " : "", g);
    if (w > 0 && (size_t)w < n - k) k += (size_t)w;
  }
  return count;
}
