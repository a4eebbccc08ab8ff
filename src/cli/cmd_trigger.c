/*
 * guarantor trigger ARRANGEMENT CASE: which obligations a scenario (or a
 * single event) sets off, on which day, and which do not and why. Several
 * arrangements and cases (ARR,ARR CASE,CASE, or --all): a table of
 * outcomes, arrangement by case.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "provenance.h"
#include "whatif.h"
#include "guarantor/facts.h"
#include "guarantor/trigger.h"

typedef struct settings {
  cli_list facts;
  gr_date as_of;
  int json, csv, all;
  cli_list files;
  cli_what_if_options wi;
} settings;

static const cli_option options[] = {
    CLI_OPT(settings, "facts", 0, CLI_LIST, facts, "F=V,...",
            "override facts, e.g. --facts un_mandate=true\n('guarantor show --kinds' lists them; the defaults\n"
            "follow from the arrangement and are printed)"),
    CLI_OPT(settings, "as-of", 0, CLI_DATE, as_of, "DATE",
            "resolve region control and terms at DATE (YYYY-MM-DD;\ndefault: the scenario's date or the event's day 0,\n"
            "else the arrangement's date; a dated case refuses\nanother date)"),
    CLI_OPT(settings, "all", 0, CLI_FLAG, all, NULL,
            "every arrangement of the catalog; without CASE, on every\nscenario"),
    CLI_OPT_WHAT_IF_EDITS(settings, wi),
    CLI_OPT_JSON(settings, json),
    CLI_OPT(settings, "csv", 0, CLI_FLAG, csv, NULL,
            "one row per arrangement, case and obligation (CSV, with\nthe provenance in trailing columns)"),
    CLI_OPT_FILES(settings, files),
};

static const cli_spec spec = {
    "trigger",
    "guarantor trigger ARRANGEMENT[,ARR...] CASE[,CASE...] [--facts F=V,...]\n"
    "                        [--as-of DATE] [--json | --csv] [-f FILE]...\n"
    "       guarantor trigger --all [CASE[,CASE...]] [options]",
    "The activation timeline of an arrangement for a case: a scenario (events\n"
    "in day order by either side, and the facts that hold) or one event. The\n"
    "obligations answer the first event in which another actor strikes the\n"
    "protected state; the protected state's own acts before it are read by\n"
    "the revocation clauses. For every\n"
    "obligation one outcome with its reason -- activates (on which day),\n"
    "needs consultation (deadline), at discretion, blocked (which condition\n"
    "is false, or who can veto), out of scope (the event's region is\n"
    "excluded), not triggered (wrong kind or scale of event), not yet in\n"
    "force, lapsed, declined. An attack on a region where a guarantor's own\n"
    "reassurance force stands engages that force (tripwire).\n"
    "\n"
    "Several arrangements or cases (ids joined by commas, or --all for every\n"
    "arrangement): a table of how many obligations have each outcome, one\n"
    "row per arrangement and case; --csv gives every obligation's outcome\n"
    "and reason (one row per arrangement, case and obligation), --json every\n"
    "timeline. Obligations are numbered from 1, in the arrangement's order,\n"
    "as 'guarantor show ARRANGEMENT' numbers them.\n",
    options,
    sizeof options / sizeof options[0],
    0,
    2,
    "expected ARRANGEMENT and CASE (a scenario or an event), or --all [CASE]",
    "Exit status: 0 ok, 2 unknown id, bad file or usage, 1 failure.\n"
    "The rules, in the order they are tried: docs/engines.md.\n",
};

static const char *day_text(const gr_timeline_entry *a, char *buf, size_t n) {
  if (a->day_from < 0) snprintf(buf, n, "-");
  else if (a->day_to == a->day_from) snprintf(buf, n, "day %d", a->day_from);
  else if (a->day_to < 0) snprintf(buf, n, "day %d+", a->day_from);
  else snprintf(buf, n, "day %d-%d", a->day_from, a->day_to);
  return buf;
}

static void print_event(FILE *fp, const gr_event *ev) {
  fprintf(fp, "%s (%s", cli_text(ev->title), gr_table_name(GR_T_EVENT_KIND, ev->kind));
  if (GR_GIVEN(ev, GR_KEY_EVENT_SCALE)) fprintf(fp, ", scale %s", gr_table_name(GR_T_SCALE, ev->scale));
  if (GR_GIVEN(ev, GR_KEY_EVENT_INTENT)) fprintf(fp, ", %s", gr_table_name(GR_T_INTENT, ev->intent));
  if (GR_GIVEN(ev, GR_KEY_EVENT_DURATION_DAYS))
    fprintf(fp, ", %d day%s", ev->duration_days, ev->duration_days == 1 ? "" : "s");
  for (size_t i = 0; i < ev->targets.n; i++)
    fprintf(fp, "%s%s", i ? ", " : "; strikes ", gr_table_name(GR_T_TARGET_CLASS, ev->targets.items[i]));
  fputs(")\n", fp);
}

static void print_human(FILE *fp, const gr_catalog *cat, const gr_timeline *tl) {
  const gr_arrangement *arr = tl->arrangement;
  const gr_event *ev = tl->event;
  char d[11], day[32];
  fprintf(fp, "%s under %s, as of %s (%s)\n", tl->scenario ? tl->scenario->id : ev->id, arr->id,
          gr_date_format(tl->as_of, d), tl->date_from);
  if (tl->scenario) {
    fprintf(fp, "  scenario:    %s\n", cli_text(tl->scenario->title));
    for (size_t i = 0; i < tl->nsteps; i++) {
      const gr_timeline_step *st = &tl->steps[i];
      fprintf(fp, "  day %-4d     %-8s %s %s%s%s: ", st->day, gr_step_role_name(st->role), st->event->aggressor,
              st->event->id, st->event->target ? " -> " : "", st->event->target ? st->event->target : "");
      print_event(fp, st->event);
    }
    if (ev == NULL) fprintf(fp, "  trigger:     none: no event strikes %s\n", arr->protects);
  }
  if (ev != NULL) {
    fputs("  event:       ", fp);
    print_event(fp, ev);
  }
  for (size_t i = 0; ev != NULL && i < ev->locations.n; i++) {
    const gr_region *r = gr_catalog_region(cat, ev->locations.items[i].region);
    fprintf(fp, "  where:       %s %s (%s side)\n", ev->locations.items[i].region, r ? r->name : "?",
            gr_table_name(GR_T_SIDE, ev->locations.items[i].side));
  }
  fprintf(fp, "  arrangement: %s (%s, %s)\n", arr->title, gr_table_name(GR_T_LEGAL_FORM, arr->legal_form),
          gr_table_name(GR_T_ARRANGEMENT_STATUS, arr->status));
  if (tl->note) fprintf(fp, "  note:        %s\n", tl->note);
  for (size_t i = 0; i < tl->ntripwires; i++) {
    const gr_region *r = gr_catalog_region(cat, tl->tripwires[i].region);
    fprintf(fp, "  tripwire:    %s's force (%.15g troops) in %s %s is under attack: for %s the event\n"
                "               also counts as attack_on_guarantor_forces\n",
            tl->tripwires[i].guarantor, tl->tripwires[i].troops, tl->tripwires[i].region, r ? r->name : "?",
            tl->tripwires[i].guarantor);
  }
  fputs("\nTimeline:\n", fp);
  size_t counts[GR_OUT__COUNT] = {0};
  for (size_t i = 0; i < tl->n; i++) {
    const gr_timeline_entry *a = &tl->items[i];
    const gr_obligation *o = a->obligation;
    counts[a->outcome]++;
    char kind[48];
    fprintf(fp, "  %-9s %-5s %-22s %s%s\n", day_text(a, day, sizeof day), o->guarantor,
            cli_kind_label(o, kind, sizeof kind), gr_outcome_name(a->outcome),
            a->tripwire ? " (tripwire)" : "");
    char line[512];
    snprintf(line, sizeof line, "%s [rule: %s]", a->reason, a->rule);
    cli_wrap(fp, line, 12, 96);
  }
  if (tl->n == 0) fputs("  (none: the arrangement promises nothing)\n", fp);
  fputs("\nSummary:", fp);
  int first = 1;
  for (int k = 0; k < GR_OUT__COUNT; k++)
    if (counts[k]) {
      fprintf(fp, "%s %zu %s", first ? "" : ",", counts[k], gr_outcome_name((gr_outcome)k));
      first = 0;
    }
  fprintf(fp, " (of %zu obligations)\n\n", tl->n);
  cli_print_facts(fp, tl->facts);
}

/* Split "A,B,C" into its ids in `out` (pointers into `buf`, which is
 * changed); the number of ids, or 0 when one is empty. */
static size_t split_ids(char *buf, char **out, size_t cap) {
  size_t n = 0;
  char *p = buf;
  for (;;) {
    char *comma = strchr(p, ',');
    if (comma) *comma = '\0';
    if (*p == '\0' || n == cap) return 0;
    out[n++] = p;
    if (!comma) return n;
    p = comma + 1;
  }
}

/* One cell of the table: an arrangement on a case. */
typedef struct cell {
  const gr_arrangement *arr;
  const char *case_id;
  gr_timeline *tl;
} cell;

static void csv_sources(FILE *fp, const gr_sourcelist *l) {
  char *text = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&text, &len);
  if (m != NULL) {
    for (size_t i = 0; i < l->n; i++) {
      if (i) fputs(" | ", m);
      cli_print_source(m, &l->items[i]);
    }
    fclose(m);
  }
  cli_csv_text(fp, text ? text : "");
  free(text);
}

static void print_csv(FILE *fp, const cell *cells, size_t n, const cli_provenance *pv) {
  fputs("arrangement,case,event,as_of,obligation,guarantor,kind,commitment,outcome,day_from,day_to,tripwire,rule,"
        "condition,blocker,reason,sources" CLI_PROVENANCE_CSV_HEADER "\n",
        fp);
  char d[11];
  for (size_t c = 0; c < n; c++) {
    const gr_timeline *tl = cells[c].tl;
    for (size_t i = 0; i < tl->n; i++) {
      const gr_timeline_entry *a = &tl->items[i];
      const gr_obligation *o = a->obligation;
      cli_csv_text(fp, tl->arrangement->id);
      fputc(',', fp);
      cli_csv_text(fp, cells[c].case_id);
      fputc(',', fp);
      cli_csv_text(fp, tl->event ? tl->event->id : NULL);
      fprintf(fp, ",%s,%zu,", gr_date_format(tl->as_of, d), a->index + 1);
      cli_csv_text(fp, o->guarantor);
      fprintf(fp, ",%s,%s,%s,", gr_table_name(GR_T_OBLIGATION_KIND, o->kind),
              gr_table_name(GR_T_COMMITMENT, o->commitment), gr_outcome_name(a->outcome));
      if (a->day_from >= 0) fprintf(fp, "%d", a->day_from);
      fputc(',', fp);
      if (a->day_to >= 0) fprintf(fp, "%d", a->day_to);
      fprintf(fp, ",%s,", a->tripwire ? "true" : "false");
      cli_csv_text(fp, a->rule);
      fputc(',', fp);
      cli_csv_text(fp, a->fact >= 0 ? gr_table_name(GR_T_FACT, a->fact) : NULL);
      fputc(',', fp);
      cli_csv_text(fp, a->blocker);
      fputc(',', fp);
      cli_csv_text(fp, a->reason);
      fputc(',', fp);
      csv_sources(fp, &o->sources);
      cli_provenance_csv(fp, pv);
      fputc('\n', fp);
    }
  }
}

static void print_table(FILE *fp, const cell *cells, size_t n) {
  size_t used[GR_OUT__COUNT] = {0};
  int wa = (int)strlen("arrangement"), wc = (int)strlen("case");
  for (size_t c = 0; c < n; c++) {
    for (size_t i = 0; i < cells[c].tl->n; i++) used[cells[c].tl->items[i].outcome]++;
    if ((int)strlen(cells[c].arr->id) > wa) wa = (int)strlen(cells[c].arr->id);
    if ((int)strlen(cells[c].case_id) > wc) wc = (int)strlen(cells[c].case_id);
  }
  fputs("How many of each arrangement's obligations have each outcome, by case (as of\n"
        "each case's date, else the arrangement's; 'guarantor trigger ARR CASE' gives\n"
        "the reasons, --csv every obligation):\n\n",
        fp);
  fprintf(fp, "%-*s  %-*s  %-10s", wa, "arrangement", wc, "case", "as of");
  for (int k = 0; k < GR_OUT__COUNT; k++)
    if (used[k]) fprintf(fp, "  %s", gr_outcome_name((gr_outcome)k));
  fputs("  obligations\n", fp);
  char d[11];
  for (size_t c = 0; c < n; c++) {
    const gr_timeline *tl = cells[c].tl;
    size_t counts[GR_OUT__COUNT] = {0};
    for (size_t i = 0; i < tl->n; i++) counts[tl->items[i].outcome]++;
    fprintf(fp, "%-*s  %-*s  %-10s", wa, cells[c].arr->id, wc, cells[c].case_id, gr_date_format(tl->as_of, d));
    for (int k = 0; k < GR_OUT__COUNT; k++)
      if (used[k]) fprintf(fp, "  %*zu", (int)strlen(gr_outcome_name((gr_outcome)k)), counts[k]);
    fprintf(fp, "  %*zu%s\n", (int)strlen("obligations"), tl->n,
            tl->event == NULL ? "  (no event strikes the protected state)" : "");
  }
}

int cmd_trigger(int argc, char **argv) {
  settings o = {0};
  char **args;
  int nargs, rc = cli_parse(&spec, argc, argv, &o, &args, &nargs);
  gr_catalog *cat = NULL;
  cli_what_ifs wi = {0};
  cell *cells = NULL;
  gr_facts **facts = NULL;
  const gr_arrangement **arrs = NULL;
  char **case_ids = NULL, *arr_buf = NULL, *case_buf = NULL, *case_list = NULL;
  size_t narrs = 0, ncases = 0, ncells = 0;
  gr_error err = GR_ERROR_INIT;
  if (rc != EXIT_OK) goto done;
  if (o.json && o.csv) {
    rc = cli_usage_error("trigger", "--json and --csv exclude each other");
    goto done;
  }
  if (o.all ? nargs > 1 : nargs != 2) {
    rc = cli_usage_error("trigger", "%s", o.all ? "--all takes at most CASE (the arrangements are all of them)"
                                                 : "expected ARRANGEMENT and CASE (a scenario or an event), or --all [CASE]");
    goto done;
  }
  /* A what-if replaces each arrangement it changes with its variant; an
   * edit needs no ARR/ prefix when one arrangement is named. */
  bool one = !o.all && strchr(args[0], ',') == NULL;
  cat = cli_load_what_if("trigger", o.files.items, o.files.n, false, &o.wi, args, one ? 1 : 0, &wi, &rc);
  if (cat == NULL) goto done;
  cli_what_if_print(o.json || o.csv ? stderr : stdout, &wi);
  /* The arrangements. */
  size_t cap_arrs = o.all ? gr_catalog_count(cat, GR_REC_ARRANGEMENT) : strlen(args[0]) / 2 + 1;
  arrs = calloc(cap_arrs + 1, sizeof *arrs);
  facts = calloc(cap_arrs + 1, sizeof *facts);
  if (arrs == NULL || facts == NULL) goto oom;
  if (o.all) {
    for (size_t i = 0; i < cap_arrs; i++) arrs[narrs++] = gr_catalog_at(cat, GR_REC_ARRANGEMENT, i);
  } else {
    char **ids = calloc(cap_arrs, sizeof *ids);
    if (ids == NULL || (arr_buf = strdup(args[0])) == NULL) {
      free(ids);
      goto oom;
    }
    size_t n = split_ids(arr_buf, ids, cap_arrs);
    for (size_t i = 0; i < n && rc == EXIT_OK; i++)
      if ((arrs[narrs++] = cli_what_if_find(cat, &wi, ids[i])) == NULL) rc = EXIT_USAGE;
    free(ids);
    if (n == 0) rc = cli_usage_error("trigger", "an empty arrangement id in '%s'", args[0]);
    if (rc != EXIT_OK) goto done;
  }
  /* The cases: the operand's, or every scenario. */
  const char *case_arg = o.all ? (nargs == 1 ? args[0] : NULL) : args[1];
  if (case_arg == NULL) {
    size_t nsc = gr_catalog_count(cat, GR_REC_SCENARIO);
    case_ids = calloc(nsc + 1, sizeof *case_ids);
    if (case_ids == NULL) goto oom;
    for (size_t i = 0; i < nsc; i++)
      case_ids[ncases++] = (char *)gr_record_id(GR_REC_SCENARIO, gr_catalog_at(cat, GR_REC_SCENARIO, i));
  } else {
    size_t cap = strlen(case_arg) / 2 + 1;
    case_ids = calloc(cap, sizeof *case_ids);
    if (case_ids == NULL || (case_buf = strdup(case_arg)) == NULL) goto oom;
    ncases = split_ids(case_buf, case_ids, cap);
    if (ncases == 0) {
      rc = cli_usage_error("trigger", "an empty case id in '%s'", case_arg);
      goto done;
    }
  }
  for (size_t j = 0; j < ncases; j++) {
    const gr_scenario *sc;
    const gr_event *ev;
    if (cli_find_case(cat, case_ids[j], &sc, &ev) != 0) {
      rc = EXIT_USAGE;
      goto done;
    }
  }
  for (size_t i = 0; i < narrs; i++)
    if ((facts[i] = cli_facts(cat, arrs[i], o.facts.items, o.facts.n, "trigger")) == NULL) {
      rc = EXIT_USAGE;
      goto done;
    }
  cells = calloc(narrs * ncases + 1, sizeof *cells);
  if (cells == NULL) goto oom;
  for (size_t i = 0; i < narrs; i++)
    for (size_t j = 0; j < ncases; j++) {
      const gr_scenario *sc;
      const gr_event *ev;
      cli_find_case(cat, case_ids[j], &sc, &ev);
      cell *c = &cells[ncells++];
      c->arr = arrs[i];
      c->case_id = case_ids[j];
      gr_status st = sc ? gr_timeline_scenario_new(cat, arrs[i], sc, facts[i], o.as_of, &c->tl, &err)
                        : gr_timeline_new(cat, arrs[i], ev, facts[i], o.as_of, &c->tl, &err);
      if (st != GR_OK) {
        ncells--;
        rc = st == GR_E_ARG ? cli_usage_error("trigger", "%s", err.message) : EXIT_FAIL;
        if (st != GR_E_ARG) cli_error("trigger", "%s", err.message);
        goto done;
      }
    }
  cli_warn_unread_facts_in(cat, arrs, narrs, facts[0], "trigger");
  /* The cases, joined, for the provenance. */
  size_t len = 1;
  for (size_t j = 0; j < ncases; j++) len += strlen(case_ids[j]) + 1;
  if ((case_list = calloc(len, 1)) == NULL) goto oom;
  for (size_t j = 0; j < ncases; j++) {
    if (j) strcat(case_list, ",");
    strcat(case_list, case_ids[j]);
  }
  cli_provenance pv;
  cli_provenance_init(&pv, "trigger");
  pv.what_if = &wi;
  pv.scenario = case_list;
  pv.as_of = o.as_of;
  pv.facts = o.facts.items;
  pv.nfacts = o.facts.n;
  bool single = narrs == 1 && ncases == 1 && !o.all;
  if (o.csv) {
    print_csv(stdout, cells, ncells, &pv);
  } else if (o.json) {
    gr_json *w = single ? gr_json_new(0) : cli_json_begin_table(arrs, narrs);
    if (single) {
      gr_json_timeline(w, cells[0].tl);
    } else {
      gr_json_key(w, "cases");
      gr_json_begin_array(w);
      for (size_t j = 0; j < ncases; j++) gr_json_string(w, case_ids[j]);
      gr_json_end_array(w);
      gr_json_key(w, "timelines");
      gr_json_begin_array(w);
      for (size_t c = 0; c < ncells; c++) gr_json_timeline(w, cells[c].tl);
      gr_json_end_array(w);
      gr_json_end_object(w);
    }
    rc = cli_print_json_provenance(stdout, w, &pv);
  } else if (single) {
    print_human(stdout, cat, cells[0].tl);
  } else {
    print_table(stdout, cells, ncells);
  }
  if (fflush(stdout) != 0) rc = EXIT_FAIL;
  goto done;
oom:
  cli_error("trigger", "out of memory");
  rc = EXIT_FAIL;
done:
  cli_what_ifs_free(&wi);
  gr_error_clear(&err);
  for (size_t c = 0; c < ncells; c++) gr_timeline_free(cells[c].tl);
  for (size_t i = 0; facts && i < narrs; i++) gr_facts_free(facts[i]);
  free(cells);
  free(facts);
  free(arrs);
  free(case_ids);
  free(arr_buf);
  free(case_buf);
  free(case_list);
  gr_catalog_free(cat);
  cli_settings_free(&spec, &o);
  return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
}
