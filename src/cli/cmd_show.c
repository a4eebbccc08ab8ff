/*
 * guarantor show [ID] [--kinds] [--json] [-f FILE]...: list the catalog, or
 * describe one item.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"

typedef struct settings {
  int json, kinds;
  cli_list files;
} settings;

static const cli_option options[] = {
    CLI_OPT(settings, "json", 0, CLI_FLAG, json, NULL,
            "print in the file format, as JSON: one item round-trips\nthrough 'guarantor check'; without ID, the whole "
            "catalog"),
    CLI_OPT(settings, "kinds", 0, CLI_FLAG, kinds, NULL,
            "print the vocabularies (obligation kinds, legal forms,\nactivation modes, event kinds, ...) with "
            "definitions"),
    CLI_OPT(settings, "file", 'f', CLI_LIST, files, "F",
            "load F (YAML or JSON) on top of the built-in catalog;\nmay be repeated"),
};

static const cli_spec spec = {
    "show",
    "guarantor show [ID] [--json] [-f FILE]...\n"
    "       guarantor show --kinds [--json]",
    "Without ID, list everything in the catalog by kind (arrangements,\n"
    "events, positions, actors, regions, documents, parameters). With ID,\n"
    "describe that item: an arrangement's guarantors, obligations, legal form,\n"
    "scope and sources; an actor's memberships and figures with their sources.\n",
    options,
    sizeof options / sizeof options[0],
    0,
    1,
    "give at most one ID",
    "Exit status: 0 ok, 2 unknown ID, bad file or usage, 1 failure.\n",
};

/* ---- Small printing helpers ------------------------------------------ */

static const char *tname(gr_table_id t, int v) { return gr_table_name(t, v); }

static void print_source(FILE *fp, const gr_source *s, int indent) {
  fprintf(fp, "%*s- ", indent, "");
  cli_print_source(fp, s);
  fputc('\n', fp);
}

static void print_sources(FILE *fp, const gr_sourcelist *l, int indent) {
  for (size_t i = 0; i < l->n; i++) print_source(fp, &l->items[i], indent);
}

static void print_strlist(FILE *fp, const gr_strlist *l) {
  for (size_t i = 0; i < l->n; i++) fprintf(fp, "%s%s", i ? ", " : "", l->items[i]);
}

static void print_enumlist(FILE *fp, gr_table_id t, const gr_intlist *l) {
  for (size_t i = 0; i < l->n; i++) fprintf(fp, "%s%s", i ? ", " : "", tname(t, l->items[i]));
}

static void print_quantity(FILE *fp, const char *label, const gr_quantity *q, const char *unit) {
  fprintf(fp, "      %s: %.15g%s", label, q->value, unit);
  if (q->year) fprintf(fp, " (%d)", q->year);
  fputc('\n', fp);
  if (q->source.doc || q->source.ref || q->source.assumption) print_source(fp, &q->source, 8);
}

static const char *region_name(const gr_catalog *cat, const char *id) {
  const gr_region *r = gr_catalog_region(cat, id);
  return r ? r->name : "?";
}

static void print_regions(FILE *fp, const gr_catalog *cat, const gr_strlist *l) {
  for (size_t i = 0; i < l->n; i++)
    fprintf(fp, "%s%s %s", i ? ", " : "", l->items[i], region_name(cat, l->items[i]));
}

static void print_clauses(FILE *fp, const gr_catalog *cat, const char *what,
                          const gr_scope_clauses *cs) {
  for (size_t i = 0; i < cs->n; i++) {
    const gr_scope_clause *c = &cs->items[i];
    fprintf(fp, "      scope %s: ", what);
    if (c->regions.n) print_regions(fp, cat, &c->regions);
    else fputs("the whole protected state", fp);
    if (c->sides.n) {
      fputs(" (", fp);
      print_enumlist(fp, GR_T_SIDE, &c->sides);
      fputs(" side)", fp);
    }
    if (c->as_of) {
      char d[11];
      fprintf(fp, " as of %s", gr_date_format(c->as_of, d));
    }
    if (c->note) fprintf(fp, " — %s", c->note);
    fputc('\n', fp);
  }
}

/* ---- One item, readably ----------------------------------------------- */

static void show_obligation(FILE *fp, const gr_catalog *cat, size_t i, const gr_obligation *o) {
  const gr_actor *g = gr_catalog_actor(cat, o->guarantor);
  fprintf(fp, "  %2zu. %s (%s): %s", i + 1, o->guarantor, g ? g->name : "?",
          tname(GR_T_OBLIGATION_KIND, o->kind));
  fprintf(fp, " — %s\n", tname(GR_T_COMMITMENT, o->commitment));
  if (o->troops.given) print_quantity(fp, "troops", &o->troops, "");
  if (o->value.given) print_quantity(fp, "value", &o->value, " $M/year");
  if (o->aircraft.given) print_quantity(fp, "aircraft", &o->aircraft, "");
  if (o->location.regions.n || o->location.based_in) {
    fputs("      location: ", fp);
    if (o->location.regions.n) print_regions(fp, cat, &o->location.regions);
    if (o->location.based_in) fprintf(fp, "based in %s", o->location.based_in);
    if (o->location.note) fprintf(fp, " — %s", o->location.note);
    fputc('\n', fp);
  }
  fputs("      triggers: ", fp);
  if (o->triggers.n == 0) fputs("(none stated)", fp);
  for (size_t j = 0; j < o->triggers.n; j++) {
    const gr_trigger *t = &o->triggers.items[j];
    fprintf(fp, "%s%s", j ? ", " : "", tname(GR_T_EVENT_KIND, t->event));
    if (GR_GIVEN(t, GR_KEY_TRIGGER_MIN_SCALE)) fprintf(fp, " (at least %s)", tname(GR_T_SCALE, t->min_scale));
  }
  fprintf(fp, "\n      activation: %s", tname(GR_T_ACTIVATION, o->activation));
  if (o->activation == GR_ACT_AFTER_CONSULTATION && o->deadline_days)
    fprintf(fp, " (within %d days)", o->deadline_days);
  if (o->body) fprintf(fp, " by %s", o->body);
  if (o->body_rule) fprintf(fp, " (%s)", o->body_rule);
  fputc('\n', fp);
  if (o->conditions.n) {
    fputs("      conditions: ", fp);
    print_enumlist(fp, GR_T_FACT, &o->conditions);
    fputc('\n', fp);
  }
  print_clauses(fp, cat, "includes", &o->scope.include);
  print_clauses(fp, cat, "excludes", &o->scope.exclude);
  if (o->start || o->duration_years > 0) {
    char d[11];
    fputs("      term:", fp);
    if (o->start) fprintf(fp, " from %s", gr_date_format(o->start, d));
    if (o->duration_years > 0) fprintf(fp, " for %.15g years", o->duration_years);
    if (o->renewal) fprintf(fp, ", renewal %s", tname(GR_T_RENEWAL, o->renewal));
    fputc('\n', fp);
  }
  if (o->revocation.n) {
    fputs("      void if: ", fp);
    print_enumlist(fp, GR_T_REVOCATION, &o->revocation);
    fputc('\n', fp);
  }
  if (o->note) cli_wrap(fp, o->note, 6, 78);
  print_sources(fp, &o->sources, 6);
}

static void show_arrangement(FILE *fp, const gr_catalog *cat, const gr_arrangement *a) {
  char d[11];
  const gr_actor *p = gr_catalog_actor(cat, a->protects);
  fprintf(fp, "%s — %s\n\n", a->id, a->title);
  fprintf(fp, "  protects:    %s (%s)\n", a->protects, p ? p->name : "?");
  fprintf(fp, "  date:        %s%s\n", gr_date_format(a->date, d), a->date_inferred ? " (inferred)" : "");
  fprintf(fp, "  status:      %s\n", tname(GR_T_ARRANGEMENT_STATUS, a->status));
  fprintf(fp, "  legal form:  %s", tname(GR_T_LEGAL_FORM, a->legal_form));
  for (size_t i = 0; i < a->legal_forms.n; i++)
    fprintf(fp, "%s%s: %s", i ? ", " : "; ", a->legal_forms.items[i].guarantor,
            tname(GR_T_LEGAL_FORM, a->legal_forms.items[i].legal_form));
  fputc('\n', fp);
  if (a->accession) fprintf(fp, "  accession:   %s\n", a->accession);
  if (a->command.lead || a->command.note) {
    fprintf(fp, "  command:     %s", a->command.lead ? a->command.lead : "");
    if (a->command.note) fprintf(fp, "%s%s", a->command.lead ? " — " : "", a->command.note);
    fputc('\n', fp);
  }
  if (a->protected_conditions.n) {
    fprintf(fp, "  %s accepts: ", a->protects);
    print_enumlist(fp, GR_T_PROTECTED_CONDITION, &a->protected_conditions);
    fputc('\n', fp);
  }
  fputs("  guarantors:  ", fp);
  size_t ng = gr_arrangement_guarantors(a, false, NULL, 0);
  const char **g = calloc(ng ? ng : 1, sizeof *g);
  if (g != NULL) gr_arrangement_guarantors(a, false, g, ng);
  for (size_t i = 0; g != NULL && i < ng; i++) fprintf(fp, "%s%s", i ? ", " : "", g[i]);
  free(g);
  fputc('\n', fp);
  if (a->summary) {
    fputc('\n', fp);
    cli_wrap(fp, a->summary, 2, 78);
  }
  fprintf(fp, "\nObligations (%zu):\n", a->obligations.n);
  for (size_t i = 0; i < a->obligations.n; i++) show_obligation(fp, cat, i, &a->obligations.items[i]);
  fputs("\nSources:\n", fp);
  print_sources(fp, &a->sources, 2);
}

static void show_actor(FILE *fp, const gr_catalog *cat, const gr_actor *a) {
  (void)cat;
  fprintf(fp, "%s — %s (%s)\n", a->id, a->name, tname(GR_T_ACTOR_TYPE, a->type));
  if (a->aliases.n) {
    fputs("    aliases:     ", fp);
    print_strlist(fp, &a->aliases);
    fputc('\n', fp);
  }
  if (a->memberships.n) {
    fputs("    member of:   ", fp);
    print_strlist(fp, &a->memberships);
    fputc('\n', fp);
  }
  if (a->nuclear) fputs("    nuclear:     yes\n", fp);
  if (a->personnel.given) print_quantity(fp, "personnel", &a->personnel, " active");
  if (a->budget.given) print_quantity(fp, "budget", &a->budget, " $bn");
  if (GR_GIVEN(a, GR_KEY_ACTOR_DEPLOY_APPROVAL)) {
    fprintf(fp, "    deployment:  %s\n", tname(GR_T_APPROVAL, a->deploy_approval));
    if (a->deploy_approval_source.given) print_source(fp, &a->deploy_approval_source, 18);
  }
  if (a->note) cli_wrap(fp, a->note, 4, 78);
  fputs("Sources:\n", fp);
  print_sources(fp, &a->sources, 2);
}

static void show_region(FILE *fp, const gr_region *r) {
  fprintf(fp, "%s — %s (%s of %s)\n", r->id, r->name, tname(GR_T_REGION_TYPE, r->type), r->state);
  if (r->aliases.n) {
    fputs("    aliases: ", fp);
    print_strlist(fp, &r->aliases);
    fputc('\n', fp);
  }
  fputs("Control:\n", fp);
  for (size_t i = 0; i < r->control.n; i++) {
    const gr_control *c = &r->control.items[i];
    char d[11];
    fprintf(fp, "  %s  %-16s occupied share %.2f\n", gr_date_format(c->date, d),
            tname(GR_T_CONTROL_STATUS, c->status), c->occupied_share);
    print_source(fp, &c->source, 14);
  }
}

static void show_position(FILE *fp, const gr_position *p) {
  char d[11];
  const gr_match *m = &p->match;
  fprintf(fp, "%s — %s %s (%s confidence)\n", p->id, p->actor, tname(GR_T_RULE, p->rule),
          tname(GR_T_CONFIDENCE, p->confidence));
  fprintf(fp, "    date:   %s%s\n", gr_date_format(p->date, d), p->date_inferred ? " (inferred)" : "");
  fprintf(fp, "    topic:  %s\n", p->topic);
  cli_wrap(fp, p->summary, 4, 78);
  fputs("    match:", fp);
  if (m->kinds.n) {
    fputs(" kinds ", fp);
    print_enumlist(fp, GR_T_OBLIGATION_KIND, &m->kinds);
    fputc(';', fp);
  }
  if (m->guarantors.n) {
    fputs(" guarantors ", fp);
    print_strlist(fp, &m->guarantors);
    fputc(';', fp);
  }
  if (GR_GIVEN(m, GR_KEY_MATCH_LOCATION)) fprintf(fp, " location %s;", tname(GR_T_LOCATION_CLASS, m->location));
  if (GR_GIVEN(m, GR_KEY_MATCH_MIN_TROOPS)) fprintf(fp, " at least %.15g troops;", m->min_troops);
  if (GR_GIVEN(m, GR_KEY_MATCH_LEGAL_FORM_MIN)) fprintf(fp, " legal form >= %s;", tname(GR_T_LEGAL_FORM, m->legal_form_min));
  if (GR_GIVEN(m, GR_KEY_MATCH_LEGAL_FORM_MAX)) fprintf(fp, " legal form <= %s;", tname(GR_T_LEGAL_FORM, m->legal_form_max));
  if (m->accession) fprintf(fp, " accession to %s;", m->accession);
  if (m->protected_conditions.n) {
    fputs(" conditions ", fp);
    print_enumlist(fp, GR_T_PROTECTED_CONDITION, &m->protected_conditions);
    fputc(';', fp);
  }
  fputc('\n', fp);
  if (p->unless.n) {
    fputs("    unless: ", fp);
    print_enumlist(fp, GR_T_FACT, &p->unless);
    fputc('\n', fp);
  }
  fputs("Source:\n", fp);
  print_source(fp, &p->source, 2);
}

static void show_event(FILE *fp, const gr_catalog *cat, const gr_event *e) {
  fprintf(fp, "%s — %s\n", e->id, e->title);
  fprintf(fp, "    kind:      %s (%s)\n", tname(GR_T_EVENT_KIND, e->kind), tname(GR_T_SCALE, e->scale));
  fprintf(fp, "    aggressor: %s, target: %s\n", e->aggressor, e->target);
  for (size_t i = 0; i < e->locations.n; i++)
    fprintf(fp, "    where:     %s %s (%s side)\n", e->locations.items[i].region,
            region_name(cat, e->locations.items[i].region), tname(GR_T_SIDE, e->locations.items[i].side));
  if (e->day0) {
    char d[11];
    fprintf(fp, "    day 0:     %s\n", gr_date_format(e->day0, d));
  }
  if (e->summary) cli_wrap(fp, e->summary, 4, 78);
  fputs("Sources:\n", fp);
  print_sources(fp, &e->sources, 2);
}

static void show_document(FILE *fp, const gr_document *d) {
  char ds[11];
  fprintf(fp, "%s — %s\n", d->id, d->title ? d->title : "");
  fprintf(fp, "    date:   %s%s\n", gr_date_format(d->date, ds), d->date_inferred ? " (inferred)" : "");
  if (d->outlet) fprintf(fp, "    outlet: %s\n", d->outlet);
  if (d->author) fprintf(fp, "    author: %s\n", d->author);
  if (d->summary) cli_wrap(fp, d->summary, 4, 78);
}

static void show_parameter(FILE *fp, const gr_parameter *p) {
  fprintf(fp, "%s — %s\n    distribution: %s", p->id, p->title, tname(GR_T_DISTRIBUTION, p->distribution));
  switch (p->distribution) {
  case GR_DIST_FIXED: fprintf(fp, " %.15g", p->value); break;
  case GR_DIST_BETA: fprintf(fp, "(a=%.15g, b=%.15g)", p->a, p->b); break;
  case GR_DIST_NORMAL: fprintf(fp, "(mean=%.15g, sd=%.15g)", p->mean, p->sd); break;
  case GR_DIST_LOGNORMAL: fprintf(fp, "(mu=%.15g, sigma=%.15g)", p->mu, p->sigma); break;
  case GR_DIST_UNIFORM: fprintf(fp, "(min=%.15g, max=%.15g)", p->min, p->max); break;
  default: fprintf(fp, "(min=%.15g, mode=%.15g, max=%.15g)", p->min, p->mode, p->max); break;
  }
  fprintf(fp, "%s%s\n", p->unit ? " " : "", p->unit ? p->unit : "");
  if (p->note) cli_wrap(fp, p->note, 4, 78);
  fputs("Sources:\n", fp);
  print_sources(fp, &p->sources, 2);
}

static void show_one(FILE *fp, const gr_catalog *cat, gr_record_kind kind, const void *rec) {
  switch (kind) {
  case GR_REC_ARRANGEMENT: show_arrangement(fp, cat, rec); break;
  case GR_REC_ACTOR: show_actor(fp, cat, rec); break;
  case GR_REC_REGION: show_region(fp, rec); break;
  case GR_REC_POSITION: show_position(fp, rec); break;
  case GR_REC_EVENT: show_event(fp, cat, rec); break;
  case GR_REC_DOCUMENT: show_document(fp, rec); break;
  default: show_parameter(fp, rec); break;
  }
}

/* ---- The listing ------------------------------------------------------ */

static const gr_record_kind list_order[] = {
    GR_REC_ARRANGEMENT, GR_REC_EVENT, GR_REC_POSITION, GR_REC_ACTOR,
    GR_REC_REGION,      GR_REC_DOCUMENT, GR_REC_PARAMETER,
};
static const char *const list_titles[GR_REC__COUNT] = {
    [GR_REC_DOCUMENT] = "Documents",     [GR_REC_ACTOR] = "Actors",
    [GR_REC_REGION] = "Regions",         [GR_REC_ARRANGEMENT] = "Arrangements",
    [GR_REC_POSITION] = "Positions",     [GR_REC_EVENT] = "Events",
    [GR_REC_PARAMETER] = "Parameters",
};

static void list_line(FILE *fp, gr_record_kind kind, const void *rec) {
  char d[11];
  switch (kind) {
  case GR_REC_ARRANGEMENT: {
    const gr_arrangement *a = rec;
    fprintf(fp, "  %-20s %s  %-21s %s\n", a->id, gr_date_format(a->date, d),
            tname(GR_T_LEGAL_FORM, a->legal_form), a->title);
    break;
  }
  case GR_REC_EVENT: {
    const gr_event *e = rec;
    fprintf(fp, "  %-24s %-27s %s\n", e->id, tname(GR_T_EVENT_KIND, e->kind), e->title);
    break;
  }
  case GR_REC_POSITION: {
    const gr_position *p = rec;
    fprintf(fp, "  %-28s %-4s %s %-7s %s\n", p->id, p->actor, gr_date_format(p->date, d),
            tname(GR_T_RULE, p->rule), p->summary);
    break;
  }
  case GR_REC_ACTOR: {
    const gr_actor *a = rec;
    fprintf(fp, "  %-6s ", a->id);
    cli_pad(fp, a->name, 34);
    fprintf(fp, " %s\n", tname(GR_T_ACTOR_TYPE, a->type));
    break;
  }
  case GR_REC_REGION: {
    const gr_region *r = rec;
    const char *now = r->control.n ? tname(GR_T_CONTROL_STATUS, r->control.items[r->control.n - 1].status) : "?";
    fprintf(fp, "  %-6s ", r->id);
    cli_pad(fp, r->name, 22);
    fprintf(fp, " %s (latest snapshot)\n", now);
    break;
  }
  case GR_REC_DOCUMENT: {
    const gr_document *x = rec;
    fprintf(fp, "  %-25s %s%s %s\n", x->id, gr_date_format(x->date, d), x->date_inferred ? "*" : " ",
            x->title ? x->title : "");
    break;
  }
  default: {
    const gr_parameter *p = rec;
    fprintf(fp, "  %-28s %s\n", p->id, p->title);
    break;
  }
  }
}

static void list_all(FILE *fp, const gr_catalog *cat) {
  for (size_t k = 0; k < sizeof list_order / sizeof list_order[0]; k++) {
    gr_record_kind kind = list_order[k];
    size_t n = gr_catalog_count(cat, kind);
    fprintf(fp, "%s%s (%zu)\n", k ? "\n" : "", list_titles[kind], n);
    for (size_t i = 0; i < n; i++) list_line(fp, kind, gr_catalog_at(cat, kind, i));
  }
  fputs("\n'guarantor show ID' describes one item; 'guarantor show --kinds' the vocabularies.\n", fp);
}

static int print_kinds(FILE *fp, int json) {
  if (json) {
    gr_json *w = gr_json_new(0);
    gr_json_vocabularies(w);
    return cli_print_json(fp, w);
  }
  for (int t = 0; t < GR_T__COUNT; t++) {
    const gr_table *tab = gr_table_get((gr_table_id)t);
    bool ranked = t == GR_T_OBLIGATION_KIND;
    fprintf(fp, "%s%s (%s)%s\n", t ? "\n" : "", tab->title, tab->name,
            tab->ordered || ranked ? ", weakest first" : "");
    /* Obligation kinds are listed by strength rank, not by row. */
    for (size_t r = 0; r < tab->count; r++)
      for (size_t i = 0; i < tab->count; i++)
        if (ranked ? gr_obligation_kind_rank((int)i) == (int)r : i == r)
          fprintf(fp, "  %-36s %s\n", tab->terms[i].name, tab->terms[i].definition);
  }
  return EXIT_OK;
}

int cmd_show(int argc, char **argv) {
  settings o = {0};
  char **args;
  int nargs, rc = cli_parse(&spec, argc, argv, &o, &args, &nargs);
  if (rc != EXIT_OK || o.kinds) {
    if (rc == EXIT_OK && nargs > 0) rc = cli_usage_error("show", "--kinds takes no ID");
    else if (rc == EXIT_OK) rc = print_kinds(stdout, o.json);
    if (rc == EXIT_OK && fflush(stdout) != 0) rc = EXIT_FAIL;
    cli_settings_free(&spec, &o);
    return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
  }
  int status;
  gr_catalog *cat = cli_load(o.files.items, o.files.n, &status);
  cli_settings_free(&spec, &o);
  if (cat == NULL) return status;
  if (nargs == 0) {
    if (o.json) {
      char *s = gr_catalog_to_json(cat, 0);
      if (s == NULL) rc = EXIT_FAIL;
      else fputs(s, stdout);
      gr_free(s);
    } else {
      list_all(stdout, cat);
    }
  } else {
    gr_record_kind kind;
    const void *rec = gr_catalog_lookup(cat, args[0], &kind);
    if (rec == NULL) {
      cli_unknown_id(cat, GR_REC__COUNT, args[0]);
      rc = EXIT_USAGE;
    } else if (o.json) {
      char *s = gr_record_to_json(kind, rec, 0);
      if (s == NULL) rc = EXIT_FAIL;
      else fputs(s, stdout);
      gr_free(s);
    } else {
      show_one(stdout, cat, kind, rec);
    }
  }
  gr_catalog_free(cat);
  if (fflush(stdout) != 0) rc = EXIT_FAIL;
  return rc;
}
