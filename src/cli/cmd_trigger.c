/*
 * guarantor trigger ARRANGEMENT EVENT: which obligations an event sets off,
 * on which day, and which do not and why.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "guarantor/trigger.h"

static void help(FILE *fp) {
  fprintf(fp,
          "Usage: guarantor trigger ARRANGEMENT EVENT [--facts F=V,...] [--as-of DATE]\n"
          "                         [--json] [-f FILE]...\n"
          "\n"
          "The activation timeline of an arrangement for an event: for every\n"
          "obligation one outcome with its reason -- activates (on which day),\n"
          "needs consultation (deadline), at discretion, blocked (which condition\n"
          "is false, or who can veto), out of scope (the event's region is\n"
          "excluded), not triggered (wrong kind or scale of event), not yet in\n"
          "force, lapsed, declined. An attack on a region where a guarantor's own\n"
          "reassurance force stands engages that force (tripwire).\n"
          "\n"
          "Options:\n"
          "  --facts F=V,...  override facts, e.g. --facts un_mandate=true\n"
          "                   ('guarantor show --kinds' lists them; the defaults\n"
          "                   follow from the arrangement and are printed)\n"
          "  --as-of DATE     resolve region control and terms at DATE (YYYY-MM-DD;\n"
          "                   default: the event's day 0, else the arrangement's date)\n"
          "  --json           machine-readable output\n"
          "  -f, --file F     load F on top of the built-in catalog (repeatable)\n"
          "  -h, --help       this help\n"
          "\n"
          "Exit status: 0 ok, 2 unknown id, bad file or usage, 1 failure.\n"
          "The rules, in the order they are tried: docs/engines.md.\n");
}

static const char *day_text(const gr_timeline_entry *a, char *buf, size_t n) {
  if (a->day_from < 0) snprintf(buf, n, "-");
  else if (a->day_to == a->day_from) snprintf(buf, n, "day %d", a->day_from);
  else if (a->day_to < 0) snprintf(buf, n, "day %d+", a->day_from);
  else snprintf(buf, n, "day %d-%d", a->day_from, a->day_to);
  return buf;
}

static void print_human(FILE *fp, const gr_catalog *cat, const gr_timeline *tl) {
  const gr_arrangement *arr = tl->arrangement;
  const gr_event *ev = tl->event;
  char d[11], day[32];
  fprintf(fp, "%s under %s, as of %s\n", ev->id, arr->id, gr_date_format(tl->as_of, d));
  fprintf(fp, "  event:       %s (%s, scale %s)\n", ev->title, gr_table_name(GR_T_EVENT_KIND, ev->kind),
          gr_table_name(GR_T_SCALE, ev->scale));
  for (size_t i = 0; i < ev->locations.n; i++) {
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
    fprintf(fp, "  %-9s %-5s %-22s %s%s\n", day_text(a, day, sizeof day), o->guarantor,
            gr_table_name(GR_T_OBLIGATION_KIND, o->kind), gr_outcome_name(a->outcome),
            a->tripwire ? " (tripwire)" : "");
    char line[512];
    snprintf(line, sizeof line, "%s [rule: %s]", a->reason, a->rule);
    cli_wrap(fp, line, 12, 96);
  }
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
  static const struct option opts[] = {{"facts", required_argument, NULL, 'F'},
                                       {"as-of", required_argument, NULL, 'a'},
                                       {"json", no_argument, NULL, 'j'},
                                       {"file", required_argument, NULL, 'f'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  gr_date as_of = 0;
  int json = 0, c, rc = EXIT_OK;
  char **files = cli_files_new(argc), **fact_specs = cli_files_new(argc);
  size_t nfiles = 0, nfacts = 0;
  gr_catalog *cat = NULL;
  gr_timeline *tl = NULL;
  gr_facts *facts = NULL;
  gr_error err = GR_ERROR_INIT;
  if (files == NULL || fact_specs == NULL) {
    rc = EXIT_FAIL;
    goto done;
  }
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":f:h", opts, NULL)) != -1) {
    switch (c) {
    case 'F': fact_specs[nfacts++] = optarg; break;
    case 'a':
      if (cli_parse_date("trigger", optarg, &as_of) != 0) {
        rc = EXIT_USAGE;
        goto done;
      }
      break;
    case 'j': json = 1; break;
    case 'f': files[nfiles++] = optarg; break;
    case 'h': help(stdout); goto done;
    case ':': rc = cli_usage_error("trigger", "'%s' needs a value", argv[optind - 1]); goto done;
    default: rc = cli_usage_error("trigger", "unknown option '%s'", argv[optind - 1]); goto done;
    }
  }
  if (argc - optind != 2) {
    rc = cli_usage_error("trigger", "expected ARRANGEMENT and EVENT");
    goto done;
  }
  cat = cli_load(files, nfiles, &rc);
  if (cat == NULL) goto done;
  const gr_arrangement *arr = cli_find(cat, GR_REC_ARRANGEMENT, argv[optind]);
  const gr_event *ev = cli_find(cat, GR_REC_EVENT, argv[optind + 1]);
  if (arr == NULL || ev == NULL || (facts = cli_facts(cat, arr, fact_specs, nfacts, "trigger")) == NULL) {
    rc = EXIT_USAGE;
    goto done;
  }
  if (gr_timeline_new(cat, arr, ev, facts, as_of, &tl, &err) != GR_OK) {
    fprintf(stderr, "guarantor trigger: %s\n", err.message);
    rc = EXIT_FAIL;
    goto done;
  }
  if (json) {
    gr_json *w = gr_json_new(0);
    gr_json_timeline(w, tl);
    rc = cli_print_json(stdout, w);
  } else {
    print_human(stdout, cat, tl);
  }
  if (fflush(stdout) != 0) rc = EXIT_FAIL;
done:
  gr_error_clear(&err);
  gr_facts_free(facts);
  gr_timeline_free(tl);
  gr_catalog_free(cat);
  free(files);
  free(fact_specs);
  return rc;
}
