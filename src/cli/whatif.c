/*
 * What-ifs on the command line: the options read into edits of
 * arrangements (the library's gr_what_if) and parameter records, loaded
 * after the user's files into a fresh catalog, and named in every output.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "guarantor/whatif.h"
#include "whatif.h"

bool cli_what_if_given(const cli_what_if_options *o) {
  return o->set.n || o->drop.n || o->add.n || o->param.n;
}

void cli_what_ifs_free(cli_what_ifs *w) {
  for (size_t i = 0; i < w->n; i++) {
    free(w->originals[i]);
    free(w->variants[i]);
    free(w->edits[i]);
  }
  for (size_t i = 0; i < w->nparams; i++) free(w->params[i]);
  free(w->originals);
  free(w->variants);
  free(w->edits);
  free(w->params);
  memset(w, 0, sizeof *w);
}

const char *cli_what_if_variant(const cli_what_ifs *w, const char *id) {
  for (size_t i = 0; i < w->n; i++)
    if (strcmp(w->originals[i], id) == 0) return w->variants[i];
  return NULL;
}

const char **cli_what_if_ids(const gr_catalog *cat, const cli_what_ifs *w, char *const *ids, size_t nids, size_t *n) {
  size_t total = nids ? nids : gr_catalog_count(cat, GR_REC_ARRANGEMENT);
  const char **out = calloc(2 * total + 1, sizeof *out);
  *n = 0;
  if (out == NULL) return NULL;
  for (size_t i = 0; i < total; i++) {
    const char *id = nids ? ids[i] : ((const gr_arrangement *)gr_catalog_at(cat, GR_REC_ARRANGEMENT, i))->id;
    /* A variant is listed after its original, not where it was loaded. */
    bool variant = false;
    for (size_t v = 0; !nids && v < w->n; v++) variant |= strcmp(w->variants[v], id) == 0;
    if (variant) continue;
    out[(*n)++] = id;
    const char *v = cli_what_if_variant(w, id);
    if (v) out[(*n)++] = v;
  }
  return out;
}

/* One edit as a command line gave it: the arrangement it names (ARR/EDIT,
 * else the command's only arrangement), and the edit itself. */
static int split_edit(const char *cmd, const gr_catalog *cat, const char *text, char *const *ids, size_t nids,
                      const gr_arrangement **arr, const char **rest) {
  const char *slash = strchr(text, '/');
  if (slash) {
    char id[256];
    snprintf(id, sizeof id, "%.*s", (int)(slash - text), text);
    if ((*arr = gr_catalog_arrangement(cat, id)) == NULL) {
      cli_unknown_id(cat, GR_REC_ARRANGEMENT, id);
      return EXIT_USAGE;
    }
    *rest = slash + 1;
    return EXIT_OK;
  }
  if (nids != 1)
    return cli_usage_error(cmd, "what-if '%s': say which arrangement it changes (ARR/%s)%s", text, text,
                           nids ? ": several are given" : "");
  if ((*arr = gr_catalog_arrangement(cat, ids[0])) == NULL) {
    cli_unknown_id(cat, GR_REC_ARRANGEMENT, ids[0]);
    return EXIT_USAGE;
  }
  *rest = text;
  return EXIT_OK;
}

static const char *const dist_keys[][3] = {
    [GR_DIST_FIXED] = {"value", NULL, NULL},       [GR_DIST_BETA] = {"a", "b", NULL},
    [GR_DIST_NORMAL] = {"mean", "sd", NULL},       [GR_DIST_LOGNORMAL] = {"mu", "sigma", NULL},
    [GR_DIST_UNIFORM] = {"min", "max", NULL},      [GR_DIST_TRIANGULAR] = {"min", "mode", "max"},
};

void cli_describe_prior(const gr_parameter *p, char *buf, size_t n) {
  const double v[][3] = {[GR_DIST_FIXED] = {p->value}, [GR_DIST_BETA] = {p->a, p->b},
                         [GR_DIST_NORMAL] = {p->mean, p->sd}, [GR_DIST_LOGNORMAL] = {p->mu, p->sigma},
                         [GR_DIST_UNIFORM] = {p->min, p->max}, [GR_DIST_TRIANGULAR] = {p->min, p->mode, p->max}};
  int d = p->distribution;
  if (d == GR_DIST_FIXED) {
    snprintf(buf, n, "%.15g", p->value);
    return;
  }
  size_t k = (size_t)snprintf(buf, n, "%s(", gr_table_name(GR_T_DISTRIBUTION, d));
  for (int i = 0; i < 3 && dist_keys[d][i] && k < n; i++)
    k += (size_t)snprintf(buf + k, n - k, "%s%.15g", i ? ", " : "", v[d][i]);
  if (k < n) snprintf(buf + k, n - k, ")");
}

/* --param ID=SPEC as a parameter record replacing the catalog's, written
 * into `jw`; 0, or an exit status after printing why. */
static int param_record(const char *cmd, const gr_catalog *cat, const char *spec, gr_json *jw, char **change) {
  const char *eq = strchr(spec, '=');
  if (eq == NULL || eq == spec || eq[1] == '\0')
    return cli_usage_error(cmd, "--param '%s': expected ID=VALUE or ID=DIST(...)", spec);
  char id[128];
  snprintf(id, sizeof id, "%.*s", (int)(eq - spec), spec);
  const gr_parameter *p = gr_catalog_parameter(cat, id);
  if (p == NULL) {
    cli_unknown_id(cat, GR_REC_PARAMETER, id);
    return EXIT_USAGE;
  }
  const char *v = eq + 1, *open = strchr(v, '(');
  int dist = GR_DIST_FIXED;
  double x[3] = {0, 0, 0};
  int nx = 0;
  char *end;
  if (open == NULL) {
    errno = 0;
    x[0] = strtod(v, &end);
    if (*end != '\0' || errno || !isfinite(x[0]))
      return cli_usage_error(cmd, "--param '%s': '%s' is not a number or DIST(...)", spec, v);
    nx = 1;
  } else {
    char name[32];
    snprintf(name, sizeof name, "%.*s", (int)(open - v), v);
    if ((dist = gr_table_find(GR_T_DISTRIBUTION, name)) < 0 || dist == GR_DIST_FIXED)
      return cli_usage_error(cmd,
                             "--param '%s': unknown distribution '%s' (beta, normal, lognormal, uniform, triangular)",
                             spec, name);
    const char *q = open + 1;
    for (;;) {
      errno = 0;
      double t = strtod(q, &end);
      if (end == q || errno || !isfinite(t) || nx == 3) break;
      x[nx++] = t;
      while (*end == ' ') end++;
      if (*end == ',') q = end + 1;
      else break;
    }
    int want = dist_keys[dist][2] ? 3 : 2;
    if (*end != ')' || end[1] != '\0' || nx != want)
      return cli_usage_error(cmd, "--param '%s': %s takes %d numbers: %s(%s, %s%s%s)", spec, name, want, name,
                             dist_keys[dist][0], dist_keys[dist][1], want == 3 ? ", " : "",
                             want == 3 ? dist_keys[dist][2] : "");
  }
  char was[160], reason[512];
  cli_describe_prior(p, was, sizeof was);
  snprintf(reason, sizeof reason, "what-if of the user, not a source: --param %s (was %s)", spec, was);
  gr_json_begin_object(jw);
  gr_json_key(jw, "id");
  gr_json_string(jw, p->id);
  gr_json_key(jw, "title");
  gr_json_string(jw, p->title);
  if (p->unit) {
    gr_json_key(jw, "unit");
    gr_json_string(jw, p->unit);
  }
  gr_json_key(jw, "distribution");
  gr_json_string(jw, gr_table_name(GR_T_DISTRIBUTION, dist));
  for (int i = 0; i < nx; i++) {
    gr_json_key(jw, dist_keys[dist][i]);
    gr_json_number(jw, x[i]);
  }
  gr_json_key(jw, "sources");
  gr_json_begin_array(jw);
  gr_json_begin_object(jw);
  gr_json_key(jw, "assumption");
  gr_json_string(jw, reason);
  gr_json_end_object(jw);
  gr_json_end_array(jw);
  gr_json_end_object(jw);
  char text[400];
  snprintf(text, sizeof text, "%s (was %s)", spec, was);
  *change = strdup(text);
  return *change ? EXIT_OK : EXIT_FAIL;
}

/* Append to a growing array of strings; -1 when out of memory. */
static int push(char ***arr, size_t n, char *s) {
  char **a = realloc(*arr, (n + 1) * sizeof *a);
  if (a == NULL || s == NULL) {
    if (a) *arr = a;
    free(s);
    return -1;
  }
  a[n] = s;
  *arr = a;
  return 0;
}

gr_catalog *cli_load_what_if(const char *cmd, char *const *files, size_t nfiles, bool history,
                             const cli_what_if_options *o, char *const *ids, size_t nids, cli_what_ifs *w, int *status) {
  memset(w, 0, sizeof *w);
  gr_catalog *cat = cli_load_with(files, nfiles, history, status);
  if (cat == NULL || !cli_what_if_given(o)) return cat;
  /* The edits of each arrangement, in the order given: --drop, --add,
   * --set (a drop before a set that names the same guarantor fails
   * loudly rather than setting nothing). */
  const gr_arrangement *arrs[64];
  gr_what_if *edits[64];
  size_t narrs = 0;
  const cli_list *lists[3] = {&o->drop, &o->add, &o->set};
  static const char *const verbs[3] = {"drop", "add", "set"};
  int rc = EXIT_OK;
  gr_error err = GR_ERROR_INIT;
  for (int l = 0; l < 3 && rc == EXIT_OK; l++)
    for (size_t i = 0; i < lists[l]->n && rc == EXIT_OK; i++) {
      const gr_arrangement *arr = NULL;
      const char *rest = NULL;
      if ((rc = split_edit(cmd, cat, lists[l]->items[i], ids, nids, &arr, &rest)) != EXIT_OK) break;
      size_t a = 0;
      while (a < narrs && arrs[a] != arr) a++;
      if (a == narrs) {
        if (narrs == 64) {
          rc = cli_usage_error(cmd, "what-ifs on more than 64 arrangements");
          break;
        }
        arrs[narrs] = arr;
        if ((edits[narrs++] = gr_what_if_new()) == NULL) {
          rc = EXIT_FAIL;
          break;
        }
      }
      char text[1024];
      snprintf(text, sizeof text, "%s %s", verbs[l], rest);
      if (gr_what_if_add(edits[a], text, &err) != GR_OK) rc = cli_usage_error(cmd, "%s", err.message);
    }
  /* The records to load: one text per variant, one for the parameters. */
  size_t ntexts = 0;
  char *texts[65];
  const char *names[65];
  for (size_t a = 0; a < narrs && rc == EXIT_OK; a++) {
    char variant[256], *json = NULL;
    snprintf(variant, sizeof variant, "%s-what-if", arrs[a]->id);
    if (gr_what_if_records(cat, arrs[a], edits[a], variant, &json, &err) != GR_OK) {
      rc = err.code == GR_E_NOMEM ? EXIT_FAIL : EXIT_USAGE;
      cli_error(cmd, "%s", err.message);
      break;
    }
    texts[ntexts] = json;
    names[ntexts++] = "what-if";
    size_t k = 0;
    char joined[2048] = "";
    for (size_t e = 0; e < gr_what_if_count(edits[a]) && k < sizeof joined; e++)
      k += (size_t)snprintf(joined + k, sizeof joined - k, "%s%s", e ? "; " : "", gr_what_if_edit(edits[a], e));
    if (push(&w->originals, w->n, strdup(arrs[a]->id)) || push(&w->variants, w->n, strdup(variant)) ||
        push(&w->edits, w->n, strdup(joined))) {
      rc = EXIT_FAIL;
      break;
    }
    w->n++;
  }
  if (rc == EXIT_OK && o->param.n) {
    gr_json *jw = gr_json_new(0);
    gr_json_begin_object(jw);
    gr_json_key(jw, "parameters");
    gr_json_begin_array(jw);
    for (size_t i = 0; i < o->param.n && rc == EXIT_OK; i++) {
      for (size_t j = 0; j < i && rc == EXIT_OK; j++)
        if (strncmp(o->param.items[i], o->param.items[j], strcspn(o->param.items[j], "=") + 1) == 0)
          rc = cli_usage_error(cmd, "--param %s: that parameter is set twice", o->param.items[i]);
      char *change = NULL;
      if (rc == EXIT_OK) rc = param_record(cmd, cat, o->param.items[i], jw, &change);
      if (rc == EXIT_OK && push(&w->params, w->nparams++, change) != 0) rc = EXIT_FAIL;
    }
    gr_json_end_array(jw);
    gr_json_end_object(jw);
    char *json = gr_json_finish(jw);
    if (rc == EXIT_OK && json == NULL) rc = EXIT_FAIL;
    if (rc == EXIT_OK) {
      texts[ntexts] = json;
      names[ntexts++] = "what-if parameters";
    } else {
      gr_free(json);
    }
  }
  for (size_t a = 0; a < narrs; a++) gr_what_if_free(edits[a]);
  gr_error_clear(&err);
  gr_catalog *out = NULL;
  if (rc == EXIT_OK) {
    out = cli_load_buffers(files, nfiles, history, names, (const char *const *)texts, ntexts, status);
    if (out == NULL) cli_error(cmd, "the what-if above does not make a valid record");
  } else {
    *status = rc;
  }
  for (size_t t = 0; t < ntexts; t++) gr_free(texts[t]);
  gr_catalog_free(cat);
  if (out == NULL) cli_what_ifs_free(w);
  return out;
}

void cli_what_if_print(FILE *fp, const cli_what_ifs *w) {
  for (size_t i = 0; i < w->n; i++)
    fprintf(fp, "What-if: %s is %s with: %s\n", w->variants[i], w->originals[i], cli_text(w->edits[i]));
  for (size_t i = 0; i < w->nparams; i++) fprintf(fp, "What-if: parameter %s\n", cli_text(w->params[i]));
  if (w->n || w->nparams) fputc('\n', fp);
}

void cli_what_if_json(gr_json *jw, const cli_what_ifs *w) {
  gr_json_key(jw, "what_if");
  gr_json_begin_array(jw);
  for (size_t i = 0; i < w->n; i++) {
    gr_json_begin_object(jw);
    gr_json_key(jw, "variant");
    gr_json_string(jw, w->variants[i]);
    gr_json_key(jw, "of");
    gr_json_string(jw, w->originals[i]);
    gr_json_key(jw, "edits");
    gr_json_begin_array(jw);
    for (const char *e = w->edits[i]; *e;) {
      const char *sep = strstr(e, "; ");
      size_t len = sep ? (size_t)(sep - e) : strlen(e);
      char one[1024];
      snprintf(one, sizeof one, "%.*s", (int)len, e);
      gr_json_string(jw, one);
      e += len + (sep ? 2 : 0);
    }
    gr_json_end_array(jw);
    gr_json_end_object(jw);
  }
  for (size_t i = 0; i < w->nparams; i++) {
    gr_json_begin_object(jw);
    gr_json_key(jw, "parameter");
    gr_json_string(jw, w->params[i]);
    gr_json_end_object(jw);
  }
  gr_json_end_array(jw);
}

const gr_arrangement *cli_what_if_find(const gr_catalog *cat, const cli_what_ifs *w, const char *id) {
  const char *variant = cli_what_if_variant(w, id);
  return cli_find(cat, GR_REC_ARRANGEMENT, variant ? variant : id);
}

int cli_what_if_print_json(FILE *fp, gr_json *jw, const cli_what_ifs *w) {
  if (w->n == 0 && w->nparams == 0) return cli_print_json(fp, jw);
  gr_json *head = gr_json_new(0);
  if (head != NULL) {
    gr_json_begin_object(head);
    cli_what_if_json(head, w);
    gr_json_end_object(head);
  }
  gr_status st = jw ? gr_json_status(jw) : GR_E_NOMEM;
  if (st == GR_OK && head != NULL) st = gr_json_status(head);
  char *body = gr_json_finish(jw);
  char *hd = head ? gr_json_finish(head) : NULL;
  int rc = EXIT_OK;
  /* Both are objects: "{" what_if "," the body's keys "}". */
  const char *b = body ? strchr(body, '{') : NULL;
  const char *h_end = hd ? strrchr(hd, '}') : NULL;
  if (b == NULL || h_end == NULL || hd[0] != '{') {
    fprintf(stderr, "guarantor: cannot write JSON: %s\n", gr_strerror(st == GR_OK ? GR_E_MISUSE : st));
    rc = EXIT_FAIL;
  } else {
    const char *rest = b + 1 + strspn(b + 1, " \n");
    while (h_end > hd + 1 && (h_end[-1] == ' ' || h_end[-1] == '\n')) h_end--;
    fprintf(fp, "%.*s%s%s", (int)(h_end - hd), hd, *rest == '}' ? "\n" : ",\n  ", rest);
  }
  gr_free(body);
  gr_free(hd);
  return rc;
}
