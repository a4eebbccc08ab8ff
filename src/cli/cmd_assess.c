/*
 * guarantor assess ARRANGEMENT: which actors can accept it, as of a date,
 * each verdict with the rules that decided it and their sources. Several
 * arrangements (ARR,ARR or --all): a table of verdicts, actor by
 * arrangement.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "provenance.h"
#include "whatif.h"
#include "guarantor/assess.h"

typedef struct settings {
  gr_date as_of;
  const char *actors;
  cli_list facts;
  int json, csv, all;
  cli_list files;
  cli_what_if_options wi;
} settings;

static const cli_option options[] = {
    CLI_OPT(settings, "as-of", 0, CLI_DATE, as_of, "DATE",
            "positions and parties in force at DATE (YYYY-MM-DD;\ndefault: the arrangement's own date)"),
    CLI_OPT(settings, "actors", 0, CLI_TEXT, actors, "A,B", "only these actors (ids, e.g. RUS,USA)"),
    CLI_OPT_FACTS(settings, facts),
    CLI_OPT(settings, "all", 0, CLI_FLAG, all, NULL, "every arrangement of the catalog"),
    CLI_OPT_WHAT_IF_EDITS(settings, wi),
    CLI_OPT_JSON(settings, json),
    CLI_OPT(settings, "csv", 0, CLI_FLAG, csv, NULL,
            "one row per actor and arrangement, with the rule that\ndecides the verdict and its source (CSV, with the\n"
            "provenance in trailing columns)"),
    CLI_OPT_FILES(settings, files),
};

static const cli_spec spec = {
    "assess",
    "guarantor assess ARRANGEMENT[,ARR...] [--as-of DATE] [--actors A,B,...]\n"
    "                        [--facts F=V,...] [--json | --csv] [-f FILE]...\n"
    "       guarantor assess --all [options]",
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
    "ones that name the arrangement are read.\n"
    "\n"
    "Several arrangements (ids joined by commas, or --all): a table of\n"
    "verdicts, one row per actor and one column per arrangement ('-': no\n"
    "recorded position; blank: no position in force and no part in it);\n"
    "--csv one row per actor and arrangement with the deciding rule and its\n"
    "source, --json every assessment.\n",
    options,
    sizeof options / sizeof options[0],
    0,
    1,
    "expected ARRANGEMENT (ids joined by commas for several), or --all",
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

/* The rule that decides an actor's verdict: the first broken one, else
 * its part in the arrangement, else the first met; NULL without rules. */
static const gr_rule_result *deciding_rule(const gr_actor_assessment *aa) {
  static const gr_rule_state order[] = {GR_RULE_VIOLATED, GR_RULE_PARTY, GR_RULE_MET, GR_RULE_LAPSED};
  for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
    for (size_t j = 0; j < aa->nrules; j++)
      if (aa->rules[j].state == order[k]) return &aa->rules[j];
  return NULL;
}

static void print_csv(FILE *fp, gr_assessment *const *as, size_t n, const cli_provenance *pv) {
  fputs("arrangement,as_of,actor,actor_name,verdict,rules_broken,rule_state,rule,position,confidence,"
        "rule_date,reason,source" CLI_PROVENANCE_CSV_HEADER "\n",
        fp);
  char d[11];
  for (size_t a = 0; a < n; a++)
    for (size_t i = 0; i < as[a]->nactors; i++) {
      const gr_actor_assessment *aa = &as[a]->actors[i];
      size_t broken = 0;
      for (size_t j = 0; j < aa->nrules; j++) broken += aa->rules[j].state == GR_RULE_VIOLATED;
      cli_csv_text(fp, as[a]->arrangement->id);
      fprintf(fp, ",%s,", gr_date_format(as[a]->as_of, d));
      cli_csv_text(fp, aa->actor->id);
      fputc(',', fp);
      cli_csv_text(fp, aa->actor->name);
      fprintf(fp, ",%s,%zu,", aa->verdict == GR_VERDICT_NO_POSITION ? "no position" : gr_verdict_name(aa->verdict),
              broken);
      const gr_rule_result *r = deciding_rule(aa);
      const gr_position *p = r ? r->position : NULL;
      if (r != NULL) {
        fprintf(fp, "%s,", gr_rule_state_name(r->state));
        cli_csv_text(fp, p ? gr_table_name(GR_T_RULE, p->rule) : gr_table_name(GR_T_PARTY_ROLE, r->party->role));
        fputc(',', fp);
        cli_csv_text(fp, p ? p->id : NULL);
        fprintf(fp, ",%s,", p ? gr_table_name(GR_T_CONFIDENCE, p->confidence) : "");
        if (p) fputs(gr_date_format(p->date, d), fp);
        else if (r->party && r->party->date) fputs(gr_date_format(r->party->date, d), fp);
        fputc(',', fp);
        cli_csv_text(fp, r->reason);
        fputc(',', fp);
        char *text = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&text, &len);
        const gr_source *src = p ? &p->source : r->party ? &r->party->source : NULL;
        if (m != NULL) {
          if (src) cli_print_source(m, src);
          fclose(m);
        }
        cli_csv_text(fp, text ? text : "");
        free(text);
      } else {
        fputs(",,,,,,", fp);
      }
      cli_provenance_csv(fp, pv);
      fputc('\n', fp);
    }
}

static void print_table(FILE *fp, gr_assessment *const *as, size_t n, const gr_catalog *cat) {
  fputs("Verdicts of each actor, by arrangement (positions in force at --as-of, else at\n"
        "each arrangement's own date; '-': no recorded position; blank: no position in\n"
        "force and no part in it; 'guarantor assess ARR' gives the rules and quotes):\n\n",
        fp);
  int wa = 5;
  fprintf(fp, "%-*s", wa, "actor");
  for (size_t a = 0; a < n; a++) {
    int w = (int)strlen(as[a]->arrangement->id);
    fprintf(fp, "  %-*s", w < 7 ? 7 : w, as[a]->arrangement->id);
  }
  fputc('\n', fp);
  for (size_t k = 0; k < gr_catalog_count(cat, GR_REC_ACTOR); k++) {
    const gr_actor *actor = gr_catalog_at(cat, GR_REC_ACTOR, k);
    bool any = false;
    for (size_t a = 0; a < n && !any; a++)
      for (size_t i = 0; i < as[a]->nactors; i++) any |= as[a]->actors[i].actor == actor;
    if (!any) continue;
    char line[4096];
    int used = snprintf(line, sizeof line, "%-*s", wa, actor->id);
    for (size_t a = 0; a < n && used > 0 && (size_t)used < sizeof line; a++) {
      const char *v = "";
      for (size_t i = 0; i < as[a]->nactors; i++)
        if (as[a]->actors[i].actor == actor)
          v = as[a]->actors[i].verdict == GR_VERDICT_NO_POSITION ? "-" : gr_verdict_name(as[a]->actors[i].verdict);
      int w = (int)strlen(as[a]->arrangement->id);
      used += snprintf(line + used, sizeof line - (size_t)used, "  %-*s", w < 7 ? 7 : w, v);
    }
    size_t len = strlen(line);
    while (len > 0 && line[len - 1] == ' ') line[--len] = '\0';
    fprintf(fp, "%s\n", line);
  }
  fputs("\nLacks the acceptance of:\n", fp);
  for (size_t a = 0; a < n; a++) {
    int any = 0;
    fprintf(fp, "  %s: ", as[a]->arrangement->id);
    for (size_t i = 0; i < as[a]->nactors; i++)
      if (as[a]->actors[i].verdict == GR_VERDICT_OBJECTS || as[a]->actors[i].verdict == GR_VERDICT_VETOES)
        fprintf(fp, "%s%s", any++ ? ", " : "", as[a]->actors[i].actor->id);
    fprintf(fp, "%s\n", any ? "" : "nobody");
  }
}

int cmd_assess(int argc, char **argv) {
  settings o = {0};
  char **args;
  int nargs, rc = cli_parse(&spec, argc, argv, &o, &args, &nargs);
  char *ids_buf = NULL, *arr_buf = NULL;
  const char **ids = NULL, **arr_ids = NULL;
  const gr_arrangement **arrs = NULL;
  gr_catalog *cat = NULL;
  cli_what_ifs wi = {0};
  gr_assessment **as = NULL;
  gr_facts **facts = NULL;
  size_t narrs = 0;
  gr_error err = GR_ERROR_INIT;
  if (rc != EXIT_OK) goto done;
  if (o.json && o.csv) {
    rc = cli_usage_error("assess", "--json and --csv exclude each other");
    goto done;
  }
  if (o.all ? nargs != 0 : nargs != 1) {
    rc = cli_usage_error("assess", "%s", o.all ? "--all takes no ARRANGEMENT" : spec.args_error);
    goto done;
  }
  if (o.actors != NULL && strspn(o.actors, ", ") == strlen(o.actors)) {
    rc = cli_usage_error("assess", "--actors needs at least one actor id");
    goto done;
  }
  /* A what-if replaces each arrangement it changes with its variant; an
   * edit needs no ARR/ prefix when one arrangement is named. */
  bool one = !o.all && nargs == 1 && strchr(args[0], ',') == NULL;
  cat = cli_load_what_if("assess", o.files.items, o.files.n, false, &o.wi, args, one ? 1 : 0, &wi, &rc);
  if (cat) cli_what_if_print(o.json || o.csv ? stderr : stdout, &wi);
  if (cat == NULL) goto done;
  size_t narg_ids = 0;
  if (o.all) {
    narrs = gr_catalog_count(cat, GR_REC_ARRANGEMENT);
  } else {
    if ((arr_buf = strdup(args[0])) == NULL || (arr_ids = split_ids(arr_buf, &narg_ids)) == NULL) {
      rc = EXIT_FAIL;
      goto done;
    }
    if (narg_ids == 0) {
      rc = cli_usage_error("assess", "expected an ARRANGEMENT id, not '%s'", args[0]);
      goto done;
    }
    narrs = narg_ids;
  }
  arrs = calloc(narrs + 1, sizeof *arrs);
  facts = calloc(narrs + 1, sizeof *facts);
  as = calloc(narrs + 1, sizeof *as);
  if (arrs == NULL || facts == NULL || as == NULL) {
    rc = EXIT_FAIL;
    goto done;
  }
  for (size_t a = 0; a < narrs; a++) {
    arrs[a] = o.all ? gr_catalog_at(cat, GR_REC_ARRANGEMENT, a) : cli_what_if_find(cat, &wi, arr_ids[a]);
    if (arrs[a] == NULL || (facts[a] = cli_facts(cat, arrs[a], o.facts.items, o.facts.n, "assess")) == NULL) {
      rc = EXIT_USAGE;
      goto done;
    }
  }
  cli_warn_unread_facts_in(cat, arrs, narrs, facts[0], "assess");
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
  for (size_t a = 0; a < narrs; a++)
    if (gr_assessment_new(cat, arrs[a], facts[a], o.as_of, ids, nids, &as[a], &err) != GR_OK) {
      cli_error("assess", "%s", err.message);
      rc = err.code == GR_E_NOT_FOUND ? EXIT_USAGE : EXIT_FAIL;
      goto done;
    }
  cli_provenance pv;
  cli_provenance_init(&pv, "assess");
  pv.what_if = &wi;
  pv.as_of = o.as_of;
  pv.facts = o.facts.items;
  pv.nfacts = o.facts.n;
  bool single = narrs == 1 && !o.all;
  if (o.csv) {
    print_csv(stdout, as, narrs, &pv);
  } else if (o.json) {
    gr_json *w = single ? gr_json_new(0) : cli_json_begin_table(arrs, narrs);
    if (single) {
      gr_json_assessment(w, as[0]);
    } else {
      gr_json_key(w, "assessments");
      gr_json_begin_array(w);
      for (size_t a = 0; a < narrs; a++) gr_json_assessment(w, as[a]);
      gr_json_end_array(w);
      gr_json_end_object(w);
    }
    rc = cli_print_json_provenance(stdout, w, &pv);
  } else if (single) {
    print_human(stdout, as[0]);
  } else {
    print_table(stdout, as, narrs, cat);
  }
  if (fflush(stdout) != 0) rc = EXIT_FAIL;
done:
  cli_what_ifs_free(&wi);
  gr_error_clear(&err);
  for (size_t a = 0; a < narrs; a++) {
    if (facts) gr_facts_free(facts[a]);
    if (as) gr_assessment_free(as[a]);
  }
  free(facts);
  free(as);
  free(arrs);
  gr_catalog_free(cat);
  free(ids_buf);
  free(ids);
  free(arr_buf);
  free(arr_ids);
  cli_settings_free(&spec, &o);
  return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
}
