/*
 * guarantor report: one self-contained HTML file. The template
 * (report/template.html) and the charting libraries (vega, vega-lite,
 * vega-embed, from npm) are embedded in the program at build time; this
 * file only computes the data, writes it as HTML-safe JSON into the
 * template, and renames the result into place once it is complete.
 */
#include <errno.h>
#include <stddef.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assets.h"
#include "cli.h"
#include "options.h"
#include "outfile.h"
#include "guarantor/assess.h"
#include "guarantor/sim.h"
#include "guarantor/trigger.h"
#include "progress.h"
#include "ranks.h"
#include "simout.h"

typedef struct settings {
  const char *out, *event;
  gr_date as_of;
  uint64_t draws, seed, threads, samples;
  int quiet;
  cli_list files, facts;
} settings;

static const cli_option options[] = {
    CLI_OPT(settings, "o", 'o', CLI_TEXT, out, "FILE",
            "where to write (default report.html); written to a\ntemporary file beside it and renamed when complete"),
    CLI_OPT(settings, "event", 0, CLI_TEXT, event, "CASE",
            "the scenario or event to run (default " CLI_DEFAULT_CASE ")"),
    CLI_OPT_FACTS(settings, facts),
    CLI_OPT(settings, "as-of", 0, CLI_DATE, as_of, "DATE", "positions and control as of DATE"),
    CLI_OPT_COUNT(settings, "n", 'n', draws, "DRAWS", "draws per arrangement (default 200000)", 1, CLI_MAX_DRAWS),
    CLI_OPT_SEED(settings, seed, "random seed (default 1)"),
    CLI_OPT_THREADS(settings, threads),
    CLI_OPT_COUNT(settings, "samples", 0, samples, "N", "base samples of each sensitivity analysis (default 4096)", 16,
                  1000000),
    CLI_OPT_PARAMS(settings, files),
    CLI_OPT(settings, "quiet", 'q', CLI_FLAG, quiet, NULL, "do not print the table"),
    CLI_OPT_FILES(settings, files),
};

static const cli_spec spec = {
    "report",
    "guarantor report [ARRANGEMENT...] [-o FILE] [--event CASE] [--as-of DATE]\n"
    "                        [-n DRAWS] [--seed S] [--threads T] [--samples N]\n"
    "                        [--facts F=V,...]\n"
    "                        [--params FILE] [--quiet] [-f FILE]...",
    "Write one self-contained HTML report (no network needed to open it): the\n"
    "comparison table (sortable), deterrence against acceptability, each\n"
    "arrangement's obligations in plain words, activation timeline, verdicts\n"
    "per actor with the quoted sources, honour rates and sensitivity tornado,\n"
    "the assumptions it rests on, and the model's limits. Also prints the\n"
    "comparison table, unless --quiet.\n",
    options,
    sizeof options / sizeof options[0],
    0,
    INT32_MAX,
    "",
    "Exit status: 0 ok, 1 failure (an earlier report is left intact), 2 bad\n"
    "input or usage.\n",
};

const cli_asset *cli_asset_get(const char *name) {
  for (size_t i = 0; i < cli_assets_count; i++)
    if (cli_assets[i].name != NULL && strcmp(cli_assets[i].name, name) == 0) return &cli_assets[i];
  return NULL;
}

/* ---- The data ------------------------------------------------------------ */

static void json_quantity(gr_json *w, const char *key, const gr_quantity *q) {
  gr_json_key(w, key);
  if (!q->given) {
    gr_json_null(w);
    return;
  }
  gr_json_begin_object(w);
  gr_json_key(w, "value");
  gr_json_number(w, q->value);
  gr_json_key(w, "source");
  if (q->source.doc || q->source.ref || q->source.assumption) gr_json_source(w, &q->source);
  else gr_json_null(w);
  gr_json_end_object(w);
}

static void json_obligation(gr_json *w, const gr_catalog *cat, const gr_obligation *o) {
  const gr_actor *g = gr_catalog_actor(cat, o->guarantor);
  gr_json_begin_object(w);
  gr_json_key(w, "guarantor");
  gr_json_string(w, o->guarantor);
  gr_json_key(w, "guarantor_name");
  gr_json_string(w, g ? g->name : o->guarantor);
  gr_json_key(w, "kind");
  gr_json_string(w, gr_table_name(GR_T_OBLIGATION_KIND, o->kind));
  gr_json_key(w, "commitment");
  gr_json_string(w, gr_table_name(GR_T_COMMITMENT, o->commitment));
  json_quantity(w, "troops", &o->troops);
  json_quantity(w, "value", &o->value);
  json_quantity(w, "aircraft", &o->aircraft);
  gr_json_key(w, "activation");
  gr_json_string(w, gr_table_name(GR_T_ACTIVATION, o->activation));
  gr_json_key(w, "deadline_days");
  if (o->deadline_days > 0) gr_json_int(w, o->deadline_days);
  else gr_json_null(w);
  gr_json_key(w, "body");
  gr_json_string(w, o->body);
  gr_json_key(w, "triggers");
  gr_json_begin_array(w);
  for (size_t i = 0; i < o->triggers.n; i++) gr_json_string(w, gr_table_name(GR_T_EVENT_KIND, o->triggers.items[i].event));
  gr_json_end_array(w);
  gr_json_key(w, "conditions");
  gr_json_begin_array(w);
  for (size_t i = 0; i < o->conditions.n; i++) gr_json_string(w, gr_table_name(GR_T_FACT, o->conditions.items[i]));
  gr_json_end_array(w);
  gr_json_key(w, "regions");
  gr_json_begin_array(w);
  for (size_t i = 0; i < o->location.regions.n; i++) {
    const gr_region *r = gr_catalog_region(cat, o->location.regions.items[i]);
    gr_json_string(w, r ? r->name : o->location.regions.items[i]);
  }
  gr_json_end_array(w);
  gr_json_key(w, "based_in");
  gr_json_string(w, o->location.based_in);
  gr_json_key(w, "excludes");
  gr_json_begin_array(w);
  for (size_t i = 0; i < o->scope.exclude.n; i++) {
    const gr_scope_clause *c = &o->scope.exclude.items[i];
    char buf[256];
    size_t k = 0;
    buf[0] = '\0';
    for (size_t j = 0; j < c->regions.n && k < sizeof buf; j++) {
      const gr_region *r = gr_catalog_region(cat, c->regions.items[j]);
      int n = snprintf(buf + k, sizeof buf - k, "%s%s", j ? ", " : "", r ? r->name : c->regions.items[j]);
      if (n > 0) k += (size_t)n;
    }
    if (c->note && k < sizeof buf) snprintf(buf + k, sizeof buf - k, "%s(%s)", k ? " " : "", c->note);
    gr_json_string(w, buf);
  }
  gr_json_end_array(w);
  gr_json_key(w, "note");
  gr_json_string(w, o->note);
  gr_json_key(w, "sources");
  gr_json_sources(w, &o->sources);
  gr_json_end_object(w);
}

static void json_sensitivity(gr_json *w, const gr_sensitivity *s) {
  gr_json_begin_array(w);
  for (size_t i = 0; s && i < s->n; i++) {
    const gr_sobol_index *x = &s->items[i].index;
    gr_json_begin_object(w);
    gr_json_key(w, "parameter");
    gr_json_string(w, s->items[i].parameter->id);
    gr_json_key(w, "title");
    gr_json_string(w, s->items[i].parameter->title);
    gr_json_key(w, "total");
    gr_json_number(w, x->total);
    gr_json_key(w, "total_lo");
    gr_json_number(w, x->total_lo);
    gr_json_key(w, "total_hi");
    gr_json_number(w, x->total_hi);
    gr_json_key(w, "first");
    gr_json_number(w, x->first);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
}

typedef struct report_run {
  const gr_catalog *cat;
  const gr_params *params;
  const cli_case *cs;
  gr_facts *const *facts; /* Per arrangement, in the rows' order. */
  const gr_event *ev;     /* The attack the model weighs. */
  gr_date as_of;
  uint64_t samples;
  const gr_sim_options *opts;
  bool interrupted; /* A sensitivity analysis was cut short (Ctrl-C). */
} report_run;

/* One arrangement's section. */
static gr_status json_arrangement(gr_json *w, report_run *rr, const cli_compare_row *row, const gr_facts *facts,
                                  gr_error *err) {
  const gr_arrangement *a = row->arr;
  gr_timeline *tl = NULL;
  gr_assessment *as = NULL;
  gr_sensitivity *sens = NULL;
  const gr_scenario *sc = rr->cs->sc;
  gr_status st = sc ? gr_timeline_scenario_new(rr->cat, a, sc, facts, rr->as_of, &tl, err)
                    : gr_timeline_new(rr->cat, a, rr->cs->ev, facts, rr->as_of, &tl, err);
  /* Positions are read at the date the case was: the timeline's. */
  if (st == GR_OK) st = gr_assessment_new(rr->cat, a, tl->facts, tl->as_of, NULL, 0, &as, err);
  if (st == GR_OK)
    st = sc ? gr_sensitivity_scenario_new(rr->cat, rr->params, a, sc, facts, rr->as_of, rr->samples, rr->opts, &sens,
                                          err)
            : gr_sensitivity_new(rr->cat, rr->params, a, rr->cs->ev, facts, rr->as_of, rr->samples, rr->opts, &sens,
                                 err);
  if (st == GR_OK && sens->partial) rr->interrupted = true;
  if (st == GR_OK && !rr->interrupted) {
    char d[11];
    gr_json_begin_object(w);
    gr_json_key(w, "id");
    gr_json_string(w, a->id);
    gr_json_key(w, "title");
    gr_json_string(w, a->title);
    gr_json_key(w, "summary");
    gr_json_string(w, a->summary);
    gr_json_key(w, "date");
    gr_json_string(w, gr_date_format(a->date, d));
    gr_json_key(w, "date_inferred");
    gr_json_bool(w, a->date_inferred);
    gr_json_key(w, "status");
    gr_json_string(w, gr_table_name(GR_T_ARRANGEMENT_STATUS, a->status));
    gr_json_key(w, "read_as_of");
    gr_json_string(w, gr_date_format(tl->as_of, d));
    gr_json_key(w, "read_as_of_from");
    gr_json_string(w, tl->date_from);
    gr_json_key(w, "legal_form");
    gr_json_string(w, gr_table_name(GR_T_LEGAL_FORM, a->legal_form));
    gr_json_key(w, "accession");
    gr_json_string(w, a->accession);
    gr_json_key(w, "protected_conditions");
    gr_json_begin_array(w);
    for (size_t i = 0; i < a->protected_conditions.n; i++)
      gr_json_string(w, gr_table_name(GR_T_PROTECTED_CONDITION, a->protected_conditions.items[i]));
    gr_json_end_array(w);
    gr_json_key(w, "guarantors");
    gr_json_string(w, row->guarantors);
    gr_json_key(w, "strongest");
    gr_json_string(w, cli_strongest(a));
    gr_json_key(w, "vetoes");
    gr_json_string(w, row->vetoes);
    gr_json_key(w, "sources");
    gr_json_sources(w, &a->sources);
    gr_json_key(w, "obligations");
    gr_json_begin_array(w);
    for (size_t i = 0; i < a->obligations.n; i++) json_obligation(w, rr->cat, &a->obligations.items[i]);
    gr_json_end_array(w);
    gr_json_key(w, "simulation");
    gr_json_sim_result(w, row->res);
    gr_json_key(w, "timeline");
    gr_json_timeline(w, tl);
    gr_json_key(w, "assessment");
    gr_json_assessment(w, as);
    gr_json_key(w, "sensitivity");
    json_sensitivity(w, sens);
    gr_json_end_object(w);
  }
  gr_sensitivity_free(sens);
  gr_assessment_free(as);
  gr_timeline_free(tl);
  return st;
}

/* The report's data, as HTML-safe JSON, in a string the caller frees with
 * gr_free(). */
static char *report_data(report_run *rr, const cli_compare_row *rows, size_t n, gr_error *err) {
  gr_json *w = gr_json_new(GR_JSON_HTML_SAFE);
  if (w == NULL) return NULL;
  char hash[20], d[11];
  const gr_sim_result *r0 = rows[0].res;
  snprintf(hash, sizeof hash, "%016llx", (unsigned long long)r0->params_hash);
  gr_json_begin_object(w);
  gr_json_key(w, "meta");
  gr_json_begin_object(w);
  gr_json_key(w, "version");
  gr_json_string(w, gr_version());
  gr_json_key(w, "event");
  gr_json_begin_object(w);
  gr_json_key(w, "id");
  gr_json_string(w, rr->ev->id);
  gr_json_key(w, "title");
  gr_json_string(w, rr->ev->title);
  gr_json_key(w, "kind");
  gr_json_string(w, gr_table_name(GR_T_EVENT_KIND, rr->ev->kind));
  gr_json_key(w, "scale");
  gr_json_string(w, gr_table_name(GR_T_SCALE, rr->ev->scale));
  gr_json_end_object(w);
  gr_json_key(w, "scenario");
  gr_json_string(w, rr->cs->sc ? rr->cs->sc->id : NULL);
  gr_json_key(w, "as_of");
  if (rr->as_of) gr_json_string(w, gr_date_format(rr->as_of, d));
  else gr_json_null(w);
  gr_json_key(w, "draws");
  gr_json_uint(w, r0->draws);
  gr_json_key(w, "seed");
  gr_json_uint(w, r0->seed);
  gr_json_key(w, "params_hash");
  gr_json_string(w, hash);
  gr_json_key(w, "sensitivity_samples");
  gr_json_uint(w, rr->samples);
  gr_json_key(w, "partial");
  gr_json_bool(w, r0->partial);
  gr_json_end_object(w);
  gr_json_key(w, "arrangements");
  gr_json_begin_array(w);
  gr_status st = GR_OK;
  for (size_t i = 0; i < n && st == GR_OK && !rr->interrupted; i++) st = json_arrangement(w, rr, &rows[i], rr->facts[i], err);
  gr_json_end_array(w);
  const cli_asset *md = cli_asset_get("model.md");
  gr_json_key(w, "model_md");
  if (md) {
    char *text = strndup((const char *)md->data, md->len);
    gr_json_string(w, text ? text : "");
    free(text);
  } else {
    gr_json_null(w);
  }
  gr_json_end_object(w);
  if (st != GR_OK || rr->interrupted) {
    gr_json_free(w);
    return NULL;
  }
  return gr_json_finish(w);
}

/* ---- The file ------------------------------------------------------------ */

/* Write `len` bytes of `s`; inside a script, "</script" could end it early,
 * so it is written "<\/script" (the same string to JavaScript). */
static int put_script(FILE *fp, const char *s, size_t len) {
  size_t from = 0;
  for (size_t i = 0; i + 8 <= len; i++)
    if (s[i] == '<' && s[i + 1] == '/' && strncasecmp(s + i + 2, "script", 6) == 0) {
      if (fwrite(s + from, 1, i + 1 - from, fp) != i + 1 - from || fputs("\\", fp) == EOF) return -1;
      from = i + 1;
    }
  return fwrite(s + from, 1, len - from, fp) == len - from ? 0 : -1;
}

static const struct {
  const char *marker, *asset;
} slots[] = {{"/*@VEGA@*/", "vega.min.js"},
             {"/*@VEGA_LITE@*/", "vega-lite.min.js"},
             {"/*@VEGA_EMBED@*/", "vega-embed.min.js"},
             {"@REPORT_DATA@", NULL}};

static const char *find(const char *hay, size_t n, const char *needle) {
  size_t m = strlen(needle);
  for (size_t i = 0; i + m <= n; i++)
    if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0) return hay + i;
  return NULL;
}

/* Fill the template into `fp`. */
static int compose(FILE *fp, const cli_asset *tpl, const char *data) {
  const char *t = (const char *)tpl->data, *end = t + tpl->len;
  while (t < end) {
    const char *next = end;
    size_t which = 0;
    for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++) {
      const char *m = find(t, (size_t)(end - t), slots[i].marker);
      if (m && m < next) {
        next = m;
        which = i;
      }
    }
    if (fwrite(t, 1, (size_t)(next - t), fp) != (size_t)(next - t)) return -1;
    if (next == end) break;
    if (slots[which].asset) {
      const cli_asset *a = cli_asset_get(slots[which].asset);
      if (a == NULL || put_script(fp, (const char *)a->data, a->len) != 0) return -1;
    } else if (put_script(fp, data, strlen(data)) != 0) {
      return -1;
    }
    t = next + strlen(slots[which].marker);
  }
  return 0;
}

typedef struct page {
  const cli_asset *tpl;
  const char *data;
} page;

static int fill_page(FILE *fp, void *ctx) {
  const page *p = ctx;
  return compose(fp, p->tpl, p->data);
}

int cmd_report(int argc, char **argv) {
  settings o = {.out = "report.html", .event = CLI_DEFAULT_CASE, .draws = 200000, .seed = 1, .samples = 4096};
  char **args;
  int nargs, rc = cli_parse(&spec, argc, argv, &o, &args, &nargs);
  gr_catalog *cat = NULL;
  cli_comparison cmp = {0};
  char *data = NULL;
  gr_error err = GR_ERROR_INIT;
  if (rc != EXIT_OK) goto done;
  const char *out_path = o.out;
  cli_outfile outfile;
  char why[PATH_MAX + 256];
  gr_sim_options so;
  gr_sim_options_init(&so, sizeof so);
  so.draws = o.draws;
  so.seed = o.seed;
  so.threads = cli_threads("report", o.threads);
  const cli_asset *tpl = cli_asset_get("template.html");
  if (tpl == NULL || cli_asset_get("vega.min.js") == NULL) {
    fprintf(stderr, "guarantor report: this program was built without the report's template and charting\n"
                    "libraries; run scripts/deps.sh (it installs them with npm), then make\n");
    rc = EXIT_FAIL;
    goto done;
  }
  /* Where the report goes is settled before the work: a path that cannot
   * be written is refused now, not after the simulation. */
  if (cli_rank() == 0 && cli_outfile_resolve(out_path, &outfile, why, sizeof why) != 0) {
    cli_error("report", "%s", why);
    rc = EXIT_USAGE;
    goto done;
  }
  cat = cli_load(o.files.items, o.files.n, &rc);
  if (cat == NULL) goto done;
  cli_case cs = {0};
  if (cli_find_case(cat, o.event, &cs.sc, &cs.ev) != 0) {
    rc = EXIT_USAGE;
    goto done;
  }
  rc = cli_comparison_run("report", cat, args, (size_t)nargs, &cs, o.as_of, o.facts.items, o.facts.n, &so, &cmp);
  if (rc != EXIT_OK) goto done;
  const cli_compare_row *rows = cmp.rows;
  const size_t n = cmp.n;
  if (rows[0].res->partial) {
    fprintf(stderr, "guarantor report: interrupted; no report written\n");
    rc = EXIT_FAIL;
    goto done;
  }
  if (!o.quiet) cli_print_compare_table(stdout, rows, n, &cs);
  if (cli_rank() != 0) goto done;
  report_run rr = {cat, cmp.params, &cs, cmp.facts, rows[0].res->event, o.as_of, o.samples, &so, false};
  cli_progress prog;
  cli_progress_start(&prog, "sensitivity");
  so.progress = cli_progress_update;
  so.progress_ctx = &prog;
  data = report_data(&rr, rows, n, &err);
  cli_progress_end(&prog);
  if (rr.interrupted) {
    fprintf(stderr, "guarantor report: interrupted; no report written\n");
    rc = EXIT_FAIL;
    goto done;
  }
  if (data == NULL) {
    cli_error("report", "%s", err.code != GR_OK ? err.message : "out of memory");
    rc = EXIT_FAIL;
    goto done;
  }
  page pg = {tpl, data};
  if (cli_outfile_write(&outfile, fill_page, &pg, why, sizeof why) != 0) {
    cli_error("report", "%s", why);
    rc = EXIT_FAIL;
    goto done;
  }
  printf("%sWrote %s: open it in a browser (it needs no network).\n", o.quiet ? "" : "\n", out_path);
  if (fflush(stdout) != 0) rc = EXIT_FAIL;
done:
  gr_error_clear(&err);
  gr_free(data);
  cli_comparison_free(&cmp);
  gr_catalog_free(cat);
  cli_settings_free(&spec, &o);
  return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
}
