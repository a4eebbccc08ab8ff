/*
 * guarantor trigger ARRANGEMENT CASE: which obligations a scenario (or a
 * single event) sets off, on which day, and which do not and why.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "whatif.h"
#include "guarantor/trigger.h"

typedef struct settings {
  cli_list facts;
  gr_date as_of;
  int json;
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
    CLI_OPT_WHAT_IF_EDITS(settings, wi),
    CLI_OPT_JSON(settings, json),
    CLI_OPT_FILES(settings, files),
};

static const cli_spec spec = {
    "trigger",
    "guarantor trigger ARRANGEMENT CASE [--facts F=V,...] [--as-of DATE]\n"
    "                        [--set|--drop|--add EDIT]... [--json] [-f FILE]...",
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
    "reassurance force stands engages that force (tripwire). A what-if\n"
    "(--set, --drop, --add) gives the timeline of the arrangement so changed\n"
    "(ARR-what-if), no file edited, e.g. --set ITA.commitment=firm.\n",
    options,
    sizeof options / sizeof options[0],
    2,
    2,
    "expected ARRANGEMENT and CASE (a scenario or an event)",
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

int cmd_trigger(int argc, char **argv) {
  settings o = {0};
  char **args;
  int nargs, rc = cli_parse(&spec, argc, argv, &o, &args, &nargs);
  gr_catalog *cat = NULL;
  gr_timeline *tl = NULL;
  gr_facts *facts = NULL;
  gr_error err = GR_ERROR_INIT;
  cli_what_ifs wi = {0};
  if (rc != EXIT_OK) goto done;
  /* A what-if replaces the arrangement with its variant. */
  cat = cli_load_what_if("trigger", o.files.items, o.files.n, false, &o.wi, args, 1, &wi, &rc);
  if (cat == NULL) goto done;
  const gr_arrangement *arr = cli_what_if_find(cat, &wi, args[0]);
  const gr_scenario *sc = NULL;
  const gr_event *ev = NULL;
  if (arr == NULL || cli_find_case(cat, args[1], &sc, &ev) != 0 ||
      (facts = cli_facts(cat, arr, o.facts.items, o.facts.n, "trigger")) == NULL) {
    rc = EXIT_USAGE;
    goto done;
  }
  cli_warn_unread_facts(cat, arr, facts, "trigger");
  gr_status st = sc ? gr_timeline_scenario_new(cat, arr, sc, facts, o.as_of, &tl, &err)
                    : gr_timeline_new(cat, arr, ev, facts, o.as_of, &tl, &err);
  if (st != GR_OK) {
    rc = st == GR_E_ARG ? cli_usage_error("trigger", "%s", err.message) : EXIT_FAIL;
    if (st != GR_E_ARG) cli_error("trigger", "%s", err.message);
    goto done;
  }
  if (o.json) {
    gr_json *w = gr_json_new(0);
    gr_json_timeline(w, tl);
    rc = cli_what_if_print_json(stdout, w, &wi);
  } else {
    cli_what_if_print(stdout, &wi);
    print_human(stdout, cat, tl);
  }
  if (fflush(stdout) != 0) rc = EXIT_FAIL;
done:
  gr_error_clear(&err);
  cli_what_ifs_free(&wi);
  gr_facts_free(facts);
  gr_timeline_free(tl);
  gr_catalog_free(cat);
  cli_settings_free(&spec, &o);
  return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
}
