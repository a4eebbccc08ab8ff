/*
 * compare --sweep: every combination of the swept values, each a full
 * comparison on the same seed (common random numbers: a difference between
 * runs is the swept value's, not sampling noise, for every parameter the
 * sweep does not touch), its rows written and flushed as it finishes, so
 * that an interrupted sweep keeps what it did.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "guarantor/json.h"
#include "progress.h"
#include "sweep.h"

enum { KEY_PARAM, KEY_FACT, KEY_EDIT };

typedef struct sweep {
  char column[136]; /* Its column: the key as given, before '='. */
  char name[128];    /* The parameter, fact or edit path it sets. */
  int type;
  char **values;
  size_t n;
} sweep;

static void sweeps_free(sweep *s, size_t n) {
  for (size_t i = 0; s && i < n; i++) {
    for (size_t v = 0; v < s[i].n; v++) free(s[i].values[v]);
    free(s[i].values);
  }
  free(s);
}

/* The values of LIST: v1,v2,... or lo:hi:n (n evenly spaced, both ends
 * included). */
static int parse_values(const char *cmd, const char *spec, const char *list, sweep *s) {
  const char *c1 = strchr(list, ':');
  if (c1 && strchr(c1 + 1, ':')) {
    char *end;
    errno = 0;
    double lo = strtod(list, &end);
    bool ok = end == c1 && !errno;
    double hi = strtod(c1 + 1, &end);
    ok = ok && *end == ':' && !errno;
    long n = strtol(end + 1, &end, 10);
    if (!ok || *end != '\0' || n < 2 || n > 1000 || !isfinite(lo) || !isfinite(hi))
      return cli_usage_error(cmd, "--sweep %s: expected LO:HI:N with 2 <= N <= 1000", spec);
    s->values = calloc((size_t)n, sizeof *s->values);
    if (s->values == NULL) return EXIT_FAIL;
    for (long i = 0; i < n; i++) {
      char buf[64];
      snprintf(buf, sizeof buf, "%.15g", lo + (hi - lo) * (double)i / (double)(n - 1));
      if ((s->values[s->n++] = strdup(buf)) == NULL) return EXIT_FAIL;
    }
    return EXIT_OK;
  }
  size_t n = 1;
  for (const char *p = list; *p; p++) n += *p == ',';
  s->values = calloc(n, sizeof *s->values);
  if (s->values == NULL) return EXIT_FAIL;
  for (const char *p = list;;) {
    size_t len = strcspn(p, ",");
    if (len == 0) return cli_usage_error(cmd, "--sweep %s: an empty value", spec);
    if ((s->values[s->n++] = strndup(p, len)) == NULL) return EXIT_FAIL;
    if (p[len] == '\0') break;
    p += len + 1;
  }
  return EXIT_OK;
}

static int parse_sweep(const char *cmd, const gr_catalog *cat, const char *spec, sweep *s) {
  const char *eq = strchr(spec, '=');
  if (eq == NULL || eq == spec || eq[1] == '\0')
    return cli_usage_error(cmd, "--sweep '%s': expected KEY=V1,V2,... or KEY=LO:HI:N", spec);
  snprintf(s->column, sizeof s->column, "%.*s", (int)(eq - spec), spec);
  snprintf(s->name, sizeof s->name, "%.*s", (int)(eq - spec), spec);
  if (strncmp(s->name, "fact:", 5) == 0) {
    s->type = KEY_FACT;
    memmove(s->name, s->name + 5, strlen(s->name + 5) + 1);
    if (gr_table_find(GR_T_FACT, s->name) < 0)
      return cli_usage_error(cmd, "--sweep '%s': no fact '%s' ('guarantor show --kinds' lists them)", spec, s->name);
  } else if (strchr(s->name, '.') || strchr(s->name, '/') || strcmp(s->name, "legal_form") == 0 ||
             strcmp(s->name, "status") == 0) {
    s->type = KEY_EDIT;
  } else if (gr_catalog_parameter(cat, s->name)) {
    s->type = KEY_PARAM;
  } else {
    cli_unknown_id(cat, GR_REC_PARAMETER, s->name);
    return cli_usage_error(cmd, "--sweep '%s': KEY is a parameter id, fact:NAME, or an edit's path (ARR/WHO.FIELD)",
                           spec);
  }
  return parse_values(cmd, spec, eq + 1, s);
}

/* A list that is `base` with one more item, sharing base's strings. */
static int extend(cli_list *out, const cli_list *base, char *item) {
  out->items = calloc(base->n + 2, sizeof *out->items);
  if (out->items == NULL) return -1;
  if (base->n) memcpy(out->items, base->items, base->n * sizeof *out->items); /* base->items may be NULL. */
  out->n = base->n;
  if (item) out->items[out->n++] = item;
  return 0;
}

/* ---- The rows ------------------------------------------------------------ */

static void csv_text(FILE *fp, const char *s) {
  /* Plain when nothing in it needs quotes (numbers, ids), as R, pandas
   * and Stata read either way. */
  if (*s && strcspn(s, ",\"\n\r ") == strlen(s)) {
    fputs(s, fp);
    return;
  }
  fputc('"', fp);
  for (; *s; s++) {
    if (*s == '"') fputc('"', fp);
    fputc(*s, fp);
  }
  fputc('"', fp);
}

static void csv_header(FILE *fp, const sweep *s, size_t ns) {
  fputs("run", fp);
  for (size_t i = 0; i < ns; i++) {
    fputc(',', fp);
    csv_text(fp, s[i].column);
  }
  fputs(",arrangement,attack,attack_lo,attack_hi,succeeds,succeeds_lo,succeeds_hi,fewer_attacks,fewer_attacks_lo,"
        "fewer_attacks_hi,fewer_successes,fewer_successes_lo,fewer_successes_hi,deterred,deterred_lo,deterred_hi,"
        "deterred_prior_p10,deterred_prior_median,deterred_prior_p90,baseline,vs_attack,vs_attack_lo,vs_attack_hi,"
        "vs_succeeds,vs_succeeds_lo,vs_succeeds_hi,draws,seed,params_hash,partial\n",
        fp);
}

static void csv_row(FILE *fp, size_t run, const sweep *s, size_t ns, const size_t *at, const gr_sim_result *r) {
  fprintf(fp, "%zu", run);
  for (size_t i = 0; i < ns; i++) {
    fputc(',', fp);
    csv_text(fp, s[i].values[at[i]]);
  }
  fputc(',', fp);
  csv_text(fp, r->arrangement->id);
  const gr_proportion *p[] = {&r->attack, &r->succeeds};
  for (int k = 0; k < 2; k++) fprintf(fp, ",%.6f,%.6f,%.6f", p[k]->estimate, p[k]->lo, p[k]->hi);
  const gr_difference *d[] = {&r->fewer_attacks, &r->fewer_successes};
  for (int k = 0; k < 2; k++) fprintf(fp, ",%.6f,%.6f,%.6f", d[k]->estimate, d[k]->lo, d[k]->hi);
  fprintf(fp, ",%.6f,%.6f,%.6f", r->deterred.estimate, r->deterred.lo, r->deterred.hi);
  fprintf(fp, ",%.6f,%.6f,%.6f,", r->deterred_prior.lo, r->deterred_prior.median, r->deterred_prior.hi);
  csv_text(fp, cli_baseline_id(r));
  const gr_difference *v[] = {&r->vs_attack, &r->vs_succeeds};
  for (int k = 0; k < 2; k++) fprintf(fp, ",%.6f,%.6f,%.6f", v[k]->estimate, v[k]->lo, v[k]->hi);
  fprintf(fp, ",%llu,%llu,%016llx,%s\n", (unsigned long long)r->draws, (unsigned long long)r->seed,
          (unsigned long long)r->params_hash, r->partial ? "true" : "false");
}

static void json_value(gr_json *w, const char *v) {
  char *end;
  double x = strtod(v, &end);
  if (*v && *end == '\0' && isfinite(x)) gr_json_number(w, x);
  else if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0) gr_json_bool(w, v[0] == 't');
  else gr_json_string(w, v);
}

static void json_interval(gr_json *w, const char *key, double est, double lo, double hi) {
  gr_json_key(w, key);
  gr_json_number(w, est);
  char k[64];
  snprintf(k, sizeof k, "%s_lo", key);
  gr_json_key(w, k);
  gr_json_number(w, lo);
  snprintf(k, sizeof k, "%s_hi", key);
  gr_json_key(w, k);
  gr_json_number(w, hi);
}

static int json_row(FILE *fp, size_t run, const sweep *s, size_t ns, const size_t *at, const gr_sim_result *r) {
  gr_json *w = gr_json_new(0);
  gr_json_begin_object(w);
  gr_json_key(w, "run");
  gr_json_uint(w, run);
  for (size_t i = 0; i < ns; i++) {
    gr_json_key(w, s[i].column);
    json_value(w, s[i].values[at[i]]);
  }
  gr_json_key(w, "arrangement");
  gr_json_string(w, r->arrangement->id);
  json_interval(w, "attack", r->attack.estimate, r->attack.lo, r->attack.hi);
  json_interval(w, "succeeds", r->succeeds.estimate, r->succeeds.lo, r->succeeds.hi);
  json_interval(w, "fewer_attacks", r->fewer_attacks.estimate, r->fewer_attacks.lo, r->fewer_attacks.hi);
  json_interval(w, "fewer_successes", r->fewer_successes.estimate, r->fewer_successes.lo, r->fewer_successes.hi);
  json_interval(w, "deterred", r->deterred.estimate, r->deterred.lo, r->deterred.hi);
  gr_json_key(w, "deterred_prior_p10");
  gr_json_number(w, r->deterred_prior.lo);
  gr_json_key(w, "deterred_prior_median");
  gr_json_number(w, r->deterred_prior.median);
  gr_json_key(w, "deterred_prior_p90");
  gr_json_number(w, r->deterred_prior.hi);
  gr_json_key(w, "baseline");
  gr_json_string(w, cli_baseline_id(r));
  json_interval(w, "vs_attack", r->vs_attack.estimate, r->vs_attack.lo, r->vs_attack.hi);
  json_interval(w, "vs_succeeds", r->vs_succeeds.estimate, r->vs_succeeds.lo, r->vs_succeeds.hi);
  gr_json_key(w, "draws");
  gr_json_uint(w, r->draws);
  gr_json_key(w, "seed");
  gr_json_uint(w, r->seed);
  char hash[20];
  snprintf(hash, sizeof hash, "%016llx", (unsigned long long)r->params_hash);
  gr_json_key(w, "params_hash");
  gr_json_string(w, hash);
  gr_json_key(w, "partial");
  gr_json_bool(w, r->partial);
  gr_json_end_object(w);
  char *text = gr_json_finish(w);
  if (text == NULL) return EXIT_FAIL;
  /* One object a line: the writer's line breaks are whitespace. */
  for (char *c = text; *c; c++)
    if (*c == '\n') *c = ' ';
  fprintf(fp, "%s\n", text);
  gr_free(text);
  return EXIT_OK;
}

static void text_row(FILE *fp, size_t run, const sweep *s, size_t ns, const size_t *at, const gr_sim_result *r) {
  char a[64], f[64], p[48];
  fprintf(fp, "%-4zu", run);
  for (size_t i = 0; i < ns; i++) fprintf(fp, " %-14s", s[i].values[at[i]]);
  gr_difference fa = cli_fewer(&r->vs_attack);
  fprintf(fp, " %-24s %-22s %-25s %s%s\n", r->arrangement->id, cli_fmt_prop(&r->attack, a, sizeof a),
          cli_fmt_diff(&fa, f, sizeof f), cli_fmt_spread(&r->vs_deterred_prior, true, p, sizeof p),
          r->partial ? "  [PARTIAL]" : "");
}

int cli_sweep(const char *cmd, const cli_list *specs, const cli_sweep_base *b) {
  int rc = EXIT_OK;
  gr_catalog *cat = cli_load(b->files, b->nfiles, &rc);
  if (cat == NULL) return rc;
  size_t ns = specs->n, runs = 1;
  sweep *s = calloc(ns, sizeof *s);
  size_t *at = calloc(ns, sizeof *at);
  if (s == NULL || at == NULL) rc = EXIT_FAIL;
  for (size_t i = 0; rc == EXIT_OK && i < ns; i++) {
    rc = parse_sweep(cmd, cat, specs->items[i], &s[i]);
    for (size_t j = 0; rc == EXIT_OK && j < i; j++)
      if (strcmp(s[i].name, s[j].name) == 0 && s[i].type == s[j].type)
        rc = cli_usage_error(cmd, "--sweep %s: swept twice", s[i].name);
    if (rc == EXIT_OK && (runs *= s[i].n) > 100000) rc = cli_usage_error(cmd, "--sweep: more than 100000 runs");
  }
  gr_catalog_free(cat);
  FILE *fp = stdout;
  if (rc == EXIT_OK) {
    if (b->format == 1) {
      csv_header(fp, s, ns);
    } else if (b->format == 0) {
      fprintf(fp, "Sweep: %zu runs of the comparison against %s, each on the same draws (seed %llu, %llu draws)\n\n",
              runs, b->event, (unsigned long long)b->so->seed, (unsigned long long)b->so->draws);
      fprintf(fp, "%-4s", "run");
      for (size_t i = 0; i < ns; i++) fprintf(fp, " %-14s", s[i].column);
      fprintf(fp, " %-24s %-22s %-25s %s\n", "arrangement", "P(attack) [95%]",
              b->baseline && strcmp(b->baseline, "none") ? "fewer attacks than base" : "fewer attacks [95%]",
              "prior 80%");
    }
    fflush(fp);
  }
  cli_catch_sigint();
  size_t done = 0;
  for (size_t run = 1; rc == EXIT_OK && run <= runs; run++) {
    /* The run's values: the last sweep varies fastest. */
    size_t k = run - 1;
    for (size_t i = ns; i-- > 0;) {
      at[i] = k % s[i].n;
      k /= s[i].n;
    }
    cli_what_if_options wi = {0};
    cli_list facts = {0};
    char *added[3 * 64] = {0};
    size_t nadded = 0;
    /* Every option list gets this run's items after the command's own. */
    cli_list *lists[2] = {&wi.set, &wi.param};
    const cli_list *bases[2] = {&b->wi->set, &b->wi->param};
    size_t nset = 0, nparam = 0, nfact = 0;
    char *set_items[64], *param_items[64], *fact_items[64];
    for (size_t i = 0; i < ns && i < 64; i++) {
      char buf[512];
      snprintf(buf, sizeof buf, "%s=%s", s[i].name, s[i].values[at[i]]);
      char *item = added[nadded++] = strdup(buf);
      if (item == NULL) rc = EXIT_FAIL;
      else if (s[i].type == KEY_PARAM) param_items[nparam++] = item;
      else if (s[i].type == KEY_FACT) fact_items[nfact++] = item;
      else set_items[nset++] = item;
    }
    size_t counts[2] = {nset, nparam};
    char **items[2] = {set_items, param_items};
    for (int l = 0; rc == EXIT_OK && l < 2; l++) {
      if (extend(lists[l], bases[l], NULL) != 0) rc = EXIT_FAIL;
      char **grown = rc == EXIT_OK ? realloc(lists[l]->items, (lists[l]->n + counts[l] + 1) * sizeof *grown) : NULL;
      if (grown == NULL) {
        rc = EXIT_FAIL;
        break;
      }
      lists[l]->items = grown;
      for (size_t j = 0; j < counts[l]; j++) grown[lists[l]->n++] = items[l][j];
    }
    wi.drop = b->wi->drop;
    wi.add = b->wi->add;
    cli_list fbase = {(char **)b->facts, b->nfacts};
    if (rc == EXIT_OK && extend(&facts, &fbase, NULL) != 0) rc = EXIT_FAIL;
    if (rc == EXIT_OK) {
      char **grown = realloc(facts.items, (facts.n + nfact + 1) * sizeof *grown);
      if (grown == NULL) rc = EXIT_FAIL;
      else {
        facts.items = grown;
        for (size_t j = 0; j < nfact; j++) grown[facts.n++] = fact_items[j];
      }
    }
    cli_what_ifs w = {0};
    gr_catalog *rcat = NULL;
    cli_comparison cmp = {0};
    const char **ids = NULL;
    char label[64];
    snprintf(label, sizeof label, "run %zu of %zu", run, runs);
    cli_comparison_label(label);
    if (rc == EXIT_OK) rcat = cli_load_what_if(cmd, b->files, b->nfiles, false, &wi, b->ids, b->nids, &w, &rc);
    cli_case cs = {0};
    size_t nids = 0;
    if (rcat && cli_find_case(rcat, b->event, &cs.sc, &cs.ev) != 0) rc = EXIT_USAGE;
    if (rcat && rc == EXIT_OK && (ids = cli_what_if_ids(rcat, &w, b->ids, b->nids, &nids)) == NULL) rc = EXIT_FAIL;
    if (rcat && rc == EXIT_OK)
      rc = cli_comparison_run(cmd, rcat, (char *const *)ids, nids, &cs, b->as_of, facts.items, facts.n, b->so,
                              b->baseline, &cmp);
    bool partial = false;
    for (size_t i = 0; rc == EXIT_OK && i < cmp.n; i++) {
      const gr_sim_result *r = cmp.res[i];
      partial |= r->partial;
      if (b->format == 1) csv_row(fp, run, s, ns, at, r);
      else if (b->format == 2) rc = json_row(fp, run, s, ns, at, r);
      else text_row(fp, run, s, ns, at, r);
    }
    if (fflush(fp) != 0 && rc == EXIT_OK) rc = EXIT_FAIL;
    if (rc == EXIT_OK) done++;
    cli_comparison_free(&cmp);
    free((void *)ids);
    cli_what_ifs_free(&w);
    gr_catalog_free(rcat);
    free(wi.set.items);
    free(wi.param.items);
    free(facts.items);
    for (size_t j = 0; j < nadded; j++) free(added[j]);
    if (rc == EXIT_OK && (partial || cli_interrupted)) {
      fprintf(stderr, "guarantor %s: interrupted: %zu of %zu runs done%s; their rows are written\n", cmd,
              partial ? done - 1 : done, runs, partial ? " (the last one partial)" : "");
      rc = EXIT_FAIL;
    }
  }
  cli_comparison_label(NULL);
  if (rc == EXIT_OK && b->format == 0)
    fputs("\nOne row per run and arrangement; every run on the same seed (common random numbers). fewer\n"
          "attacks: P(attack) of the baseline minus this one's, paired; prior 80%: its central 80% over\n"
          "the parameter draws. --csv or --json (JSON lines) give every figure with its interval.\n",
          fp);
  sweeps_free(s, ns);
  free(at);
  return rc;
}
