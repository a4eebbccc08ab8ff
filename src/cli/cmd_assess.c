/*
 * guarantor assess ARRANGEMENT: which actors can accept it, as of a date,
 * each verdict with the rules that decided it and their sources.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "whatif.h"
#include "guarantor/assess.h"

typedef struct settings {
  gr_date as_of;
  const char *actors;
  cli_list facts;
  int json;
  cli_list files;
  cli_what_if_options wi;
} settings;

static const cli_option options[] = {
    CLI_OPT(settings, "as-of", 0, CLI_DATE, as_of, "DATE",
            "positions and parties in force at DATE (YYYY-MM-DD;\ndefault: the arrangement's own date)"),
    CLI_OPT(settings, "actors", 0, CLI_TEXT, actors, "A,B", "only these actors (ids, e.g. RUS,USA)"),
    CLI_OPT_FACTS(settings, facts),
    CLI_OPT_WHAT_IF_EDITS(settings, wi),
    CLI_OPT_JSON(settings, json),
    CLI_OPT_FILES(settings, files),
};

static const cli_spec spec = {
    "assess",
    "guarantor assess ARRANGEMENT [--as-of DATE] [--actors A,B,...]\n"
    "                        [--facts F=V,...] [--set|--drop|--add EDIT]...\n"
    "                        [--json] [-f FILE]...",
    "Check an arrangement against every actor's stated positions in force at\n"
    "a date (the latest position of each actor on each topic; by default the\n"
    "arrangement's own date). Per actor:\n"
    "  accepts   no rule is broken\n"
    "  objects   a prefer/oppose rule is broken\n"
    "  vetoes    a forbid/require rule is broken\n"
    "with each rule, its confidence and its source (document and quote).\n"
    "A rule lapses when one of its 'unless' facts holds (Italy: no troops\n"
    "unless there is a UN mandate). An actor that proposed, signed or\n"
    "endorsed the arrangement accepts it; of its own positions only later\n"
    "ones that name the arrangement are read. A what-if (--set, --drop,\n"
    "--add) assesses the arrangement so changed (ARR-what-if), no file\n"
    "edited, e.g. --set legal_form=treaty_ratified or --drop USA.\n",
    options,
    sizeof options / sizeof options[0],
    1,
    1,
    "expected one ARRANGEMENT",
    "Exit status: 0 ok, 2 unknown id, bad file or usage, 1 failure.\n"
    "How rules match: docs/engines.md.\n",
};

/* Split "A,B,C" into the ids, pointers into the copy `buf`; NULL when out
 * of memory. *n receives how many. */
static const char **split_ids(char *buf, size_t *n) {
  size_t cap = 1;
  for (const char *p = buf; *p; p++) cap += *p == ',';
  const char **out = malloc(cap * sizeof *out);
  *n = 0;
  if (out == NULL) return NULL;
  for (char *tok = strtok(buf, ","); tok && *n < cap; tok = strtok(NULL, ",")) out[(*n)++] = tok;
  return out;
}

static void summary_list(FILE *fp, const gr_assessment *as, gr_verdict v, const char *label) {
  int any = 0;
  for (size_t i = 0; i < as->nactors; i++)
    if (as->actors[i].verdict == v) fprintf(fp, "%s%s", any++ ? ", " : label, as->actors[i].actor->id);
  if (!any) fprintf(fp, "%snobody", label);
  fputc('\n', fp);
}

static void print_human(FILE *fp, const gr_assessment *as) {
  char d[11];
  const gr_arrangement *arr = as->arrangement;
  fprintf(fp, "%s — %s\n", arr->id, arr->title);
  fprintf(fp, "Positions in force as of %s (%s).\n\n", gr_date_format(as->as_of, d),
          !as->as_of_from_arrangement ? "--as-of"
          : as->as_of != arr->date    ? "a reference arrangement: the catalog's latest position"
                                      : "the arrangement's date");
  if (as->nactors == 0) fputs("No actor has a position in force, or a part in it, at that date.\n", fp);
  for (size_t i = 0; i < as->nactors; i++) {
    const gr_actor_assessment *aa = &as->actors[i];
    fprintf(fp, "%-5s %-7s %s\n", aa->actor->id, aa->verdict == GR_VERDICT_NO_POSITION ? "-" : gr_verdict_name(aa->verdict), aa->actor->name);
    if (aa->verdict == GR_VERDICT_NO_POSITION) fputs("      (no recorded position)\n", fp);
    /* Violated rules first: they decide the verdict. */
    for (int pass = 0; pass < 2; pass++)
      for (size_t j = 0; j < aa->nrules; j++) {
        const gr_rule_result *r = &aa->rules[j];
        if ((pass == 0) != (r->state == GR_RULE_VIOLATED)) continue;
        const gr_position *p = r->position;
        if (p == NULL) /* The actor's part in the arrangement. */
          fprintf(fp, "      %-8s %s (%s)\n", gr_rule_state_name(r->state),
                  gr_table_name(GR_T_PARTY_ROLE, r->party->role),
                  r->party->date ? gr_date_format(r->party->date, d) : "undated");
        else
          fprintf(fp, "      %-8s %s (%s confidence, %s%s) %s\n", gr_rule_state_name(r->state),
                  gr_table_name(GR_T_RULE, p->rule), gr_table_name(GR_T_CONFIDENCE, p->confidence),
                  gr_date_format(p->date, d), p->date_inferred ? ", inferred" : "", p->id);
        cli_wrap(fp, r->reason, 15, 96);
        fputs("               source: ", fp);
        cli_print_source(fp, p ? &p->source : &r->party->source);
        fputc('\n', fp);
      }
  }
  fputc('\n', fp);
  summary_list(fp, as, GR_VERDICT_VETOES, "Vetoes:  ");
  summary_list(fp, as, GR_VERDICT_OBJECTS, "Objects: ");
  summary_list(fp, as, GR_VERDICT_ACCEPTS, "Accepts: ");
  bool silent = false;
  for (size_t i = 0; i < as->nactors; i++) silent |= as->actors[i].verdict == GR_VERDICT_NO_POSITION;
  if (silent) summary_list(fp, as, GR_VERDICT_NO_POSITION, "No recorded position: ");
  int any = 0;
  fputs("Lacks the acceptance of: ", fp);
  for (size_t i = 0; i < as->nactors; i++)
    if (as->actors[i].verdict == GR_VERDICT_OBJECTS || as->actors[i].verdict == GR_VERDICT_VETOES) fprintf(fp, "%s%s", any++ ? ", " : "", as->actors[i].actor->id);
  fprintf(fp, "%s\n\n", any ? "" : "nobody");
  cli_print_facts(fp, as->facts);
}

int cmd_assess(int argc, char **argv) {
  settings o = {0};
  char **args;
  int nargs, rc = cli_parse(&spec, argc, argv, &o, &args, &nargs);
  char *ids_buf = NULL;
  const char **ids = NULL;
  gr_catalog *cat = NULL;
  gr_assessment *as = NULL;
  gr_facts *facts = NULL;
  gr_error err = GR_ERROR_INIT;
  cli_what_ifs wi = {0};
  if (rc != EXIT_OK) goto done;
  if (o.actors != NULL && strspn(o.actors, ", ") == strlen(o.actors)) {
    rc = cli_usage_error("assess", "--actors needs at least one actor id");
    goto done;
  }
  /* A what-if replaces the arrangement with its variant. */
  cat = cli_load_what_if("assess", o.files.items, o.files.n, false, &o.wi, args, 1, &wi, &rc);
  if (cat == NULL) goto done;
  const gr_arrangement *arr = cli_what_if_find(cat, &wi, args[0]);
  if (arr == NULL || (facts = cli_facts(cat, arr, o.facts.items, o.facts.n, "assess")) == NULL) {
    rc = EXIT_USAGE;
    goto done;
  }
  cli_warn_unread_facts(cat, arr, facts, "assess");
  ids_buf = o.actors ? strdup(o.actors) : NULL;
  size_t nids = 0;
  ids = ids_buf ? split_ids(ids_buf, &nids) : NULL;
  if (o.actors != NULL && ids == NULL) {
    rc = EXIT_FAIL;
    goto done;
  }
  for (size_t i = 0; i < nids; i++)
    if (cli_find(cat, GR_REC_ACTOR, ids[i]) == NULL) {
      rc = EXIT_USAGE;
      goto done;
    }
  if (gr_assessment_new(cat, arr, facts, o.as_of, ids, nids, &as, &err) != GR_OK) {
    cli_error("assess", "%s", err.message);
    rc = err.code == GR_E_NOT_FOUND ? EXIT_USAGE : EXIT_FAIL;
    goto done;
  }
  if (o.json) {
    gr_json *w = gr_json_new(0);
    gr_json_assessment(w, as);
    rc = cli_what_if_print_json(stdout, w, &wi);
  } else {
    cli_what_if_print(stdout, &wi);
    print_human(stdout, as);
  }
  if (fflush(stdout) != 0) rc = EXIT_FAIL;
done:
  gr_error_clear(&err);
  cli_what_ifs_free(&wi);
  gr_facts_free(facts);
  gr_assessment_free(as);
  gr_catalog_free(cat);
  free(ids_buf);
  free(ids);
  cli_settings_free(&spec, &o);
  return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
}
