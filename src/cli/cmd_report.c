/*
 * guarantor report: one self-contained HTML file. The template
 * (report/template.html) and the charting libraries (vega, vega-lite,
 * vega-embed, from npm) are embedded in the program at build time; this
 * file only computes the data, writes it as HTML-safe JSON into the
 * template, and renames the result into place once it is complete.
 */
#include <errno.h>
#include <stdarg.h>
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
#include "guarantor/backtest.h"
#include "guarantor/sim.h"
#include "guarantor/trigger.h"
#include "progress.h"
#include "ranks.h"
#include "difference.h"
#include "provenance.h"
#include "simout.h"
#include "whatif.h"

typedef struct settings {
  const char *out, *event;
  gr_date as_of;
  uint64_t draws, seed, threads, samples, backtest_draws, scenario_draws;
  int quiet, no_backtest;
  cli_list files, facts;
  cli_what_if_options wi;
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
    CLI_OPT_COUNT(settings, "backtest-draws", 0, backtest_draws, "N",
                  "model draws per historical case in the section \"Does the\nmodel fit history?\" (default 20000)", 1,
                  CLI_MAX_DRAWS),
    CLI_OPT(settings, "no-backtest", 0, CLI_FLAG, no_backtest, NULL, "leave that section out"),
    CLI_OPT_COUNT(settings, "scenario-draws", 0, scenario_draws, "N",
                  "draws per arrangement of each other catalog scenario,\n"
                  "for the page's scenario selector (default 20000)", 1, CLI_MAX_DRAWS),
    CLI_OPT_WHAT_IF(settings, wi),
    CLI_OPT(settings, "quiet", 'q', CLI_FLAG, quiet, NULL, "do not print the table"),
    CLI_OPT_FILES(settings, files),
};

static const cli_spec spec = {
    "report",
    "guarantor report [ARRANGEMENT...] [-o FILE] [--event CASE] [--as-of DATE]\n"
    "                        [-n DRAWS] [--seed S] [--threads T] [--samples N]\n"
    "                        [--facts F=V,...] [--backtest-draws N] [--no-backtest]\n"
    "                        [--params FILE] [--scenario-draws N] [--quiet]\n"
    "                        [--set|--drop|--add EDIT]... [--param ID=V]... [-f FILE]...",
    "Write one self-contained HTML report (no network needed to open it): the\n"
    "comparison table (sortable), deterrence against acceptability, each\n"
    "arrangement's obligations in plain words, activation timeline, verdicts\n"
    "per actor with the quoted sources, honour rates and sensitivity tornado,\n"
    "the assumptions it rests on, how the model scores against historical\n"
    "cases ('guarantor backtest': calibration, scores against three\n"
    "baselines, the cases it gets most wrong), and the model's limits. It\n"
    "opens with a summary in words, the gain of each arrangement over no\n"
    "guarantee with its paired interval and its spread over the priors, an\n"
    "actor x arrangement acceptability map, and which assumptions decide\n"
    "between the two leading arrangements; a selector switches the table\n"
    "and charts to every other catalog scenario (run with fewer draws:\n"
    "--scenario-draws). Also prints the comparison table, unless --quiet.\n",
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

/* ---- Obligations in plain words ------------------------------------------ */

/* A sentence being written: text appended up to a fixed size (a longer one
 * is cut, never overrun). */
typedef struct prose {
  char text[4096];
  size_t len;
} prose;

static void say(prose *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(prose *p, const char *fmt, ...) {
  if (p->len >= sizeof p->text - 1) return;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(p->text + p->len, sizeof p->text - p->len, fmt, ap);
  va_end(ap);
  if (n > 0) p->len = p->len + (size_t)n < sizeof p->text ? p->len + (size_t)n : sizeof p->text - 1;
}

/* A term of a vocabulary as words: "armed_attack" as "armed attack". */
static void say_term(prose *p, gr_table_id t, int v) {
  size_t from = p->len;
  say(p, "%s", gr_table_name(t, v));
  for (size_t i = from; i < p->len; i++)
    if (p->text[i] == '_') p->text[i] = ' ';
}

/* A list of terms: "a, b and c" (or "a, b or c"). */
static void say_terms(prose *p, gr_table_id t, const gr_intlist *l, const char *last) {
  for (size_t i = 0; i < l->n; i++) {
    say(p, "%s", i == 0 ? "" : i + 1 == l->n ? last : ", ");
    say_term(p, t, l->items[i]);
  }
}

static void say_regions(prose *p, const gr_catalog *cat, const gr_strlist *l) {
  for (size_t i = 0; i < l->n; i++) {
    const gr_region *r = gr_catalog_region(cat, l->items[i]);
    say(p, "%s%s", i == 0 ? "" : i + 1 == l->n ? " and " : ", ", r ? r->name : l->items[i]);
  }
}

/* A trigger with the thresholds the event must reach: "armed attack (at
 * least major, deliberate, lasting at least 3 days)". */
static void say_trigger(prose *p, const gr_trigger *t) {
  char th[160];
  say_term(p, GR_T_EVENT_KIND, t->event);
  say(p, "%s", cli_thresholds(t, th, sizeof th));
}

/* A scope clause: which sides of the line, in which regions, the part
 * occupied at a date, and its note; never empty (a clause that gives only
 * sides is those sides, one that gives nothing the whole protected state). */
static void say_clause(prose *p, const gr_catalog *cat, const gr_scope_clause *c) {
  static const char *const side_words[GR_SIDE__COUNT] = {
      [GR_SIDE_GOVERNMENT] = "the government-held side", [GR_SIDE_OCCUPIED] = "the occupied side",
      [GR_SIDE_LINE] = "the line of contact"};
  for (size_t i = 0; i < c->sides.n; i++) {
    int s = c->sides.items[i];
    say(p, "%s%s", i == 0 ? "" : i + 1 == c->sides.n ? " and " : ", ", s >= 0 && s < GR_SIDE__COUNT ? side_words[s] : "?");
  }
  if (c->regions.n) {
    say(p, "%s", c->sides.n ? " in " : "");
    say_regions(p, cat, &c->regions);
  } else if (c->sides.n == 0) {
    say(p, "the whole protected state");
  }
  if (c->as_of) {
    char d[11];
    say(p, ", the part occupied on %s", gr_date_format(c->as_of, d));
  }
  if (c->note) say(p, " (%s)", c->note);
}

/* Where an obligation's forces act; nothing for a kind that stands
 * nowhere and says nowhere. */
static void say_where(prose *p, const gr_catalog *cat, const gr_obligation *o) {
  const gr_location *l = &o->location;
  bool given = l->regions.n > 0 || l->based_in != NULL || GR_GIVEN(l, GR_KEY_LOCATION_BASING);
  if (!given) {
    bool stands = false;
    for (size_t i = 0; i <= o->means.n && !stands; i++) {
      int k = i < o->means.n ? o->means.items[i] : o->kind;
      stands = k == GR_OB_TRAINING || k == GR_OB_CEASEFIRE_MONITORING || k == GR_OB_PREPOSITIONED_STOCKS ||
               k == GR_OB_NAVAL_PRESENCE || k == GR_OB_AIR_COVER || k == GR_OB_REASSURANCE_FORCE ||
               k == GR_OB_MILITARY_INTERVENTION;
    }
    if (stands) say(p, "; where it would act is not stated");
    return;
  }
  if (l->basing == GR_BASING_STATIONED) {
    say(p, ", stationed in ");
    if (l->regions.n) say_regions(p, cat, &l->regions);
    else say(p, "the protected state");
  } else if (l->basing == GR_BASING_NEIGHBOURING) {
    const gr_actor *b = l->based_in ? gr_catalog_actor(cat, l->based_in) : NULL;
    say(p, ", based in %s, a neighbouring state", b ? b->name : l->based_in ? l->based_in : "?");
  } else if (l->basing == GR_BASING_OFFSHORE) {
    say(p, ", offshore");
  } else {
    say(p, ", from the air only");
  }
}

/* The obligation in one paragraph: who offers what (or which menu), how
 * much, where; how it activates, on which events and thresholds, under
 * which conditions; what its scope includes and excludes; its term (each
 * part its own, else the arrangement's); the arrangement's entry into
 * force; and what voids it. */
static void say_obligation(prose *p, const gr_catalog *cat, const gr_arrangement *a, const gr_obligation *o) {
  const gr_actor *g = gr_catalog_actor(cat, o->guarantor);
  const char *who = g ? g->name : o->guarantor;
  if (o->commitment == GR_COMMIT_DECLINED) {
    say(p, "%s has declined to offer ", who);
    say_term(p, GR_T_OBLIGATION_KIND, o->kind);
    say(p, ".");
    return;
  }
  say(p, "%s (", who);
  say_term(p, GR_T_COMMITMENT, o->commitment);
  say(p, ") offers ");
  if (o->means.n) {
    say(p, "any one of ");
    say_terms(p, GR_T_OBLIGATION_KIND, &o->means, " or ");
    say(p, " (a menu: one promise, not %zu)", o->means.n);
  } else {
    say_term(p, GR_T_OBLIGATION_KIND, o->kind);
  }
  if (o->troops.given) say(p, " of %.15g troops", o->troops.value);
  if (o->value.given) say(p, " worth $%.15gM a year", o->value.value);
  if (o->aircraft.given) say(p, " with %.15g aircraft", o->aircraft.value);
  say_where(p, cat, o);
  static const char *const activation[GR_ACT__COUNT] = {
      [GR_ACT_AUTOMATIC] = "applies automatically",
      [GR_ACT_AFTER_CONSULTATION] = "applies after consultation",
      [GR_ACT_DISCRETIONARY] = "is at the guarantor's discretion",
      [GR_ACT_CONSENSUS] = "needs the consent of every guarantor",
      [GR_ACT_BY_BODY] = "is decided by a named body"};
  say(p, ". It %s", o->activation >= 0 && o->activation < GR_ACT__COUNT ? activation[o->activation] : "?");
  if (o->activation == GR_ACT_AFTER_CONSULTATION && o->deadline_days) say(p, " within %d days", o->deadline_days);
  if (o->body) {
    const gr_body *b = NULL;
    for (size_t i = 0; i < a->bodies.n && b == NULL; i++)
      if (a->bodies.items[i].id && strcmp(a->bodies.items[i].id, o->body) == 0) b = &a->bodies.items[i];
    if (b) say(p, " (%s, by %s)", b->title, gr_table_name(GR_T_DECISION_RULE, b->rule));
    else say(p, " (%s)", o->body);
  }
  if (o->triggers.n == 0) say(p, " (no trigger named: a standing promise)");
  for (size_t i = 0; i < o->triggers.n; i++) {
    say(p, "%s", i == 0 ? " on " : i + 1 == o->triggers.n ? " or " : ", ");
    say_trigger(p, &o->triggers.items[i]);
  }
  if (o->conditions.n) {
    say(p, ", only if ");
    say_terms(p, GR_T_FACT, &o->conditions, " and ");
    say(p, " %s", o->conditions.n == 1 ? "holds" : "hold");
  }
  for (size_t i = 0; i < o->scope.include.n; i++) {
    say(p, "%s", i == 0 ? "; it covers only " : " and ");
    say_clause(p, cat, &o->scope.include.items[i]);
  }
  for (size_t i = 0; i < o->scope.exclude.n; i++) {
    say(p, "%s", i == 0 ? "; it excludes " : " and ");
    say_clause(p, cat, &o->scope.exclude.items[i]);
  }
  /* The term: each part the obligation gives, else the arrangement's. */
  bool own_start = o->start != 0, own_years = o->duration_years > 0, own_renewal = GR_GIVEN(o, GR_KEY_OBLIGATION_RENEWAL);
  gr_date start = own_start ? o->start : a->start;
  double years = own_years ? o->duration_years : a->duration_years;
  bool renewal_given = own_renewal || GR_GIVEN(a, GR_KEY_ARRANGEMENT_RENEWAL);
  int renewal = own_renewal ? o->renewal : a->renewal;
  if (start || years > 0 || renewal_given) {
    char d[11];
    say(p, ". Its term%s:", own_start || own_years || own_renewal ? "" : " (the arrangement's)");
    if (start) say(p, " from %s", gr_date_format(start, d));
    if (years > 0) say(p, " for %.15g years", years);
    if (renewal_given) {
      say(p, "%s", start || years > 0 ? ", renewal " : " renewal ");
      say_term(p, GR_T_RENEWAL, renewal);
    }
  }
  if (a->entry_into_force.n) {
    say(p, ". It enters into force only once ");
    say_terms(p, GR_T_FACT, &a->entry_into_force, " and ");
    say(p, " %s", a->entry_into_force.n == 1 ? "holds" : "hold");
  }
  if (o->revocation.n) {
    say(p, ". It is void if: ");
    say_terms(p, GR_T_REVOCATION, &o->revocation, " or ");
  }
  say(p, ".");
}

static void json_obligation(gr_json *w, const gr_catalog *cat, const gr_arrangement *a, const gr_obligation *o) {
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
  for (size_t i = 0; i < o->triggers.n; i++) {
    prose t = {.len = 0};
    say_trigger(&t, &o->triggers.items[i]);
    gr_json_string(w, t.text);
  }
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
    prose c = {.len = 0};
    say_clause(&c, cat, &o->scope.exclude.items[i]);
    gr_json_string(w, c.text);
  }
  gr_json_end_array(w);
  gr_json_key(w, "note");
  gr_json_string(w, o->note);
  prose plain = {.len = 0};
  say_obligation(&plain, cat, a, o);
  gr_json_key(w, "plain");
  gr_json_string(w, plain.text);
  gr_json_key(w, "sources");
  gr_json_sources(w, &o->sources);
  gr_json_end_object(w);
}

/* One assumption of the "Assumptions it rests on" list (assumptions.c),
 * as {"where", "what"}. */
static void json_assumption(void *ctx, const char *where, const char *what) {
  gr_json *w = ctx;
  gr_json_begin_object(w);
  gr_json_key(w, "where");
  gr_json_string(w, where);
  gr_json_key(w, "what");
  gr_json_string(w, what);
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
  const gr_backtest *backtest; /* NULL: left out, or why in backtest_why. */
  const char *backtest_why;
  /* Appended with issue 13. */
  const cli_difference *diff; /* The two leading arrangements, or NULL. */
  const gr_scenario *const *scenarios; /* Every catalog scenario, */
  gr_sim_result ***scenario_results;   /* its results (NULL when refused) */
  char **scenario_refused;             /* or why it was refused. */
  size_t nscenarios;
  const cli_what_ifs *what_if;
  const cli_provenance *provenance;
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
    for (size_t i = 0; i < a->obligations.n; i++) json_obligation(w, rr->cat, a, &a->obligations.items[i]);
    gr_json_end_array(w);
    gr_json_key(w, "assumptions");
    gr_json_begin_array(w);
    cli_assumptions(rr->cat, a, json_assumption, w);
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
  /* The priors the results rest on, with their sources. */
  gr_json_key(w, "parameters");
  gr_json_begin_array(w);
  for (size_t i = 0; i < gr_params_count(rr->params); i++) {
    const gr_parameter *p = gr_params_at(rr->params, i);
    char prior[160];
    cli_describe_prior(p, prior, sizeof prior);
    gr_json_begin_object(w);
    gr_json_key(w, "id");
    gr_json_string(w, p->id);
    gr_json_key(w, "title");
    gr_json_string(w, p->title);
    gr_json_key(w, "prior");
    gr_json_string(w, prior);
    gr_json_key(w, "sources");
    gr_json_sources(w, &p->sources);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  gr_json_key(w, "difference");
  if (rr->diff && rr->diff->sens) cli_difference_json(w, rr->diff);
  else gr_json_null(w);
  cli_what_if_json(w, rr->what_if);
  /* Every catalog scenario, for the page's selector. */
  gr_json_key(w, "scenarios");
  gr_json_begin_array(w);
  for (size_t k = 0; k < rr->nscenarios; k++) {
    gr_json_begin_object(w);
    gr_json_key(w, "id");
    gr_json_string(w, rr->scenarios[k]->id);
    gr_json_key(w, "title");
    gr_json_string(w, rr->scenarios[k]->title);
    gr_json_key(w, "main");
    gr_json_bool(w, rr->scenarios[k] == rr->cs->sc);
    gr_json_key(w, "refused");
    gr_json_string(w, rr->scenario_refused[k]);
    gr_json_key(w, "results");
    gr_json_begin_array(w);
    for (size_t i = 0; rr->scenario_results[k] && i < n; i++) gr_json_sim_result(w, rr->scenario_results[k][i]);
    gr_json_end_array(w);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  gr_json_key(w, "backtest");
  if (rr->backtest) {
    gr_json_backtest(w, rr->backtest);
  } else {
    gr_json_begin_object(w);
    gr_json_key(w, "left_out");
    gr_json_string(w, rr->backtest_why ? rr->backtest_why : "left out with --no-backtest");
    gr_json_end_object(w);
  }
  if (rr->provenance) cli_provenance_json(w, rr->provenance);
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
  settings o = {.out = "report.html", .event = CLI_DEFAULT_CASE, .draws = 200000, .seed = 1, .samples = 4096,
                .backtest_draws = 20000};
  char **args;
  int nargs, rc = cli_parse(&spec, argc, argv, &o, &args, &nargs);
  gr_catalog *cat = NULL, *hcat = NULL;
  gr_backtest *bt = NULL;
  cli_comparison cmp = {0};
  char *data = NULL;
  gr_error err = GR_ERROR_INIT;
  cli_what_ifs wi = {0};
  const char **ids = NULL;
  cli_difference diff = {0};
  size_t nsc = 0;
  const gr_scenario **scs = NULL;
  gr_sim_result ***scres = NULL;
  char **screfused = NULL;
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
  cat = cli_load_what_if("report", o.files.items, o.files.n, false, &o.wi, args, (size_t)nargs, &wi, &rc);
  if (cat == NULL) goto done;
  cli_case cs = {0};
  if (cli_find_case(cat, o.event, &cs.sc, &cs.ev) != 0) {
    rc = EXIT_USAGE;
    goto done;
  }
  size_t nids = 0;
  if ((ids = cli_what_if_ids(cat, &wi, args, (size_t)nargs, &nids)) == NULL) {
    rc = EXIT_FAIL;
    goto done;
  }
  rc = cli_comparison_run("report", cat, (char *const *)ids, nids, &cs, o.as_of, o.facts.items, o.facts.n, &so, NULL,
                          &cmp);
  if (rc != EXIT_OK) goto done;
  const cli_compare_row *rows = cmp.rows;
  const size_t n = cmp.n;
  if (rows[0].res->partial) {
    fprintf(stderr, "guarantor report: interrupted; no report written\n");
    rc = EXIT_FAIL;
    goto done;
  }
  if (!o.quiet) cli_print_compare_table(strcmp(out_path, "-") == 0 ? stderr : stdout, rows, n, &cs);
  if (cli_rank() != 0) goto done;
  cli_provenance pv;
  cli_provenance_of_run(&pv, "report", rows[0].res, o.as_of, o.facts.items, o.facts.n, &wi);
  report_run rr = {cat, cmp.params, &cs, cmp.facts, rows[0].res->event, o.as_of, o.samples, &so, false, NULL, NULL,
                   NULL, NULL, NULL, NULL, 0, &wi, &pv};
  /* Every other catalog scenario, on the same seed with fewer draws,
   * for the page's selector; one the model refuses says why. */
  nsc = gr_catalog_count(cat, GR_REC_SCENARIO);
  scs = calloc(nsc ? nsc : 1, sizeof *scs);
  scres = calloc(nsc ? nsc : 1, sizeof *scres);
  screfused = calloc(nsc ? nsc : 1, sizeof *screfused);
  if (scs == NULL || scres == NULL || screfused == NULL) {
    rc = EXIT_FAIL;
    goto done;
  }
  gr_sim_options sso = so;
  sso.draws = o.scenario_draws ? o.scenario_draws : 20000;
  sso.progress = NULL;
  sso.precision = 0;
  for (size_t k = 0; k < nsc && !cli_interrupted; k++) {
    scs[k] = gr_catalog_at(cat, GR_REC_SCENARIO, k);
    if (scs[k] == cs.sc) {
      scres[k] = cmp.res; /* The main run, borrowed. */
      continue;
    }
    gr_sim_result **res = calloc(n, sizeof *res);
    if (res == NULL) {
      rc = EXIT_FAIL;
      goto done;
    }
    gr_error serr = GR_ERROR_INIT;
    if (gr_simulate_scenario(cat, cmp.params, cmp.arrs, n, scs[k], NULL, o.as_of, &sso, res, &serr) != GR_OK) {
      screfused[k] = strdup(serr.message);
      free(res);
      res = NULL;
    }
    gr_error_clear(&serr);
    scres[k] = res;
  }
  rr.scenarios = scs;
  rr.scenario_results = scres;
  rr.scenario_refused = screfused;
  rr.nscenarios = nsc;
  /* Which assumptions decide between the two leading arrangements (by
   * fewer attacks than no guarantee). */
  if (n >= 2 && !cli_interrupted) {
    size_t first = 0, second = 1;
    if (rows[1].res->fewer_attacks.estimate > rows[0].res->fewer_attacks.estimate) first = 1, second = 0;
    for (size_t i = 2; i < n; i++) {
      double f = rows[i].res->fewer_attacks.estimate;
      if (f > rows[first].res->fewer_attacks.estimate) second = first, first = i;
      else if (f > rows[second].res->fewer_attacks.estimate) second = i;
    }
    gr_sim_options dso = so;
    dso.progress = NULL;
    if (cli_difference_run("report", cat, cmp.params, cmp.arrs[first], cmp.arrs[second], &cs, cmp.facts[first],
                           cmp.facts[second], o.as_of, &dso, NULL, o.samples, &diff) == EXIT_OK)
      rr.diff = &diff;
  }
  /* The historical cases, on a catalog of their own (the built-in one,
   * the history, the user's files) with the same parameters' files. */
  char backtest_why[1024] = "";
  if (!o.no_backtest) {
    int hrc;
    hcat = cli_load_with(o.files.items, o.files.n, true, &hrc);
    gr_params *hparams = NULL;
    gr_backtest_options bo;
    gr_backtest_options_init(&bo, sizeof bo);
    bo.draws = o.backtest_draws;
    bo.seed = o.seed;
    bo.threads = so.threads;
    bo.bootstrap = 1000;
    bo.cancel = cli_cancelled;
    if (hcat == NULL)
      snprintf(backtest_why, sizeof backtest_why, "the historical cases did not load");
    else if (gr_params_new(hcat, &hparams, &err) != GR_OK || gr_backtest_new(hcat, hparams, &bo, &bt, &err) != GR_OK)
      snprintf(backtest_why, sizeof backtest_why, "%s", err.message);
    gr_params_free(hparams);
    gr_error_clear(&err);
    rr.backtest = bt;
    rr.backtest_why = backtest_why[0] ? backtest_why : NULL;
  }
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
  /* Written to standard output (-o -), the page is all it prints. */
  if (strcmp(out_path, "-") != 0)
    printf("%sWrote %s: open it in a browser (it needs no network).\n", o.quiet ? "" : "\n", out_path);
  if (fflush(stdout) != 0) rc = EXIT_FAIL;
done:
  for (size_t k = 0; k < nsc; k++) {
    if (scres && scres[k] && scres[k] != cmp.res) {
      for (size_t i = 0; i < cmp.n; i++) gr_sim_result_free(scres[k][i]);
      free(scres[k]);
    }
    if (screfused) free(screfused[k]);
  }
  free(scs);
  free(scres);
  free(screfused);
  cli_difference_free(&diff);
  cli_what_ifs_free(&wi);
  free((void *)ids);
  gr_error_clear(&err);
  gr_free(data);
  cli_comparison_free(&cmp);
  gr_backtest_free(bt);
  gr_catalog_free(hcat);
  gr_catalog_free(cat);
  cli_settings_free(&spec, &o);
  return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
}
