/*
 * guarantor show [ID] [--kinds] [--json] [-f FILE]...: list the catalog, or
 * describe one item.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "guarantor/facts.h"
#include "options.h"
#include "provenance.h"

typedef struct settings {
  int json, kinds, history;
  cli_list files;
} settings;

static const cli_option options[] = {
    CLI_OPT(settings, "json", 0, CLI_FLAG, json, NULL,
            "print in the file format, as JSON: one item round-trips\nthrough 'guarantor check'; without ID, the whole "
            "catalog"),
    CLI_OPT(settings, "history", 0, CLI_FLAG, history, NULL,
            "with the historical cases of 'guarantor backtest' (their\nactors, capabilities, arrangements, scenarios, cases)"),
    CLI_OPT(settings, "kinds", 0, CLI_FLAG, kinds, NULL,
            "print the vocabularies (obligation kinds, legal forms,\nactivation modes, event kinds, ...) with "
            "definitions"),
    CLI_OPT(settings, "file", 'f', CLI_LIST, files, "F",
            "load F (YAML or JSON) on top of the built-in catalog;\nmay be repeated"),
};

static const cli_spec spec = {
    "show",
    "guarantor show [ID] [--json] [--history] [-f FILE]...\n"
    "       guarantor show --kinds [--json]",
    "Without ID, list everything in the catalog by kind (arrangements,\n"
    "events, scenarios, positions, actors, regions, documents, parameters).\n"
    "With ID, describe that item: an arrangement's parties, bodies, terms,\n"
    "conditions, guarantors, obligations (means, where, triggers, scope),\n"
    "sources and every assumption it rests on; a scenario's events in day\n"
    "order and its facts; an actor's memberships and figures with sources;\n"
    "with --history, a historical case's question, outcome and coding.\n",
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

/* " (assumed)" when `key` is among the values `l` marks as assumed, else
 * "": the reason is listed under "Assumptions". */
static const char *assumed_mark(const gr_assumedlist *l, const char *key) {
  for (size_t i = 0; i < l->n; i++)
    if (l->items[i].key && strcmp(l->items[i].key, key) == 0) return " (assumed)";
  return "";
}

static void print_assumed(FILE *fp, const gr_assumedlist *l, int indent) {
  for (size_t i = 0; i < l->n; i++)
    fprintf(fp, "%*sassumed: %s — %s\n", indent, "", cli_text(l->items[i].key), cli_text(l->items[i].reason));
}


/* Where an obligation's forces act, in words, on the current line. */
static void print_where(FILE *fp, const gr_catalog *cat, const gr_location *l) {
  bool basing = l->regions.n > 0 || l->based_in != NULL || GR_GIVEN(l, GR_KEY_LOCATION_BASING);
  if (!basing) fputs("not stated", fp);
  else if (l->basing == GR_BASING_STATIONED) {
    fputs("stationed in ", fp);
    if (l->regions.n) print_regions(fp, cat, &l->regions);
    else fputs("the protected state (no region named)", fp);
  } else if (l->basing == GR_BASING_NEIGHBOURING) {
    const gr_actor *b = l->based_in ? gr_catalog_actor(cat, l->based_in) : NULL;
    fprintf(fp, "based in %s (%s), a neighbouring state", l->based_in ? l->based_in : "?", b ? b->name : "?");
  } else if (l->basing == GR_BASING_OFFSHORE) {
    fputs("offshore", fp);
  } else {
    fputs("from the air only, based outside", fp);
  }
  if (l->note) fprintf(fp, " — %s", cli_text(l->note));
}

/* A trigger: the event kind and the thresholds the event must reach. */
static void print_trigger(FILE *fp, const gr_trigger *t) {
  char th[160];
  fprintf(fp, "%s%s", tname(GR_T_EVENT_KIND, t->event), cli_thresholds(t, th, sizeof th));
}

/* A term: start, duration, renewal, as given ("from 2026-06-01 for 10
 * years, renewal by_agreement"), each part marked when `as` marks its key
 * assumed. */
static void print_term(FILE *fp, gr_date start, double years, bool renewal_given, int renewal,
                       const gr_assumedlist *as) {
  char d[11];
  if (start) fprintf(fp, "from %s%s", gr_date_format(start, d), assumed_mark(as, "start"));
  if (years > 0) fprintf(fp, "%sfor %.15g years%s", start ? " " : "", years, assumed_mark(as, "duration_years"));
  if (renewal_given)
    fprintf(fp, "%srenewal %s%s", start || years > 0 ? ", " : "", tname(GR_T_RENEWAL, renewal),
            assumed_mark(as, "renewal"));
}

static const gr_body *find_body(const gr_arrangement *a, const char *id) {
  for (size_t i = 0; id != NULL && i < a->bodies.n; i++)
    if (a->bodies.items[i].id && strcmp(a->bodies.items[i].id, id) == 0) return &a->bodies.items[i];
  return NULL;
}

static void show_obligation(FILE *fp, const gr_catalog *cat, const gr_arrangement *a, size_t i,
                            const gr_obligation *o) {
  const gr_actor *g = gr_catalog_actor(cat, o->guarantor);
  fprintf(fp, "  %2zu. %s (%s): ", i + 1, o->guarantor, g ? g->name : "?");
  if (o->means.n) fprintf(fp, "a menu of %zu means, up to %s", o->means.n, tname(GR_T_OBLIGATION_KIND, o->kind));
  else fputs(tname(GR_T_OBLIGATION_KIND, o->kind), fp);
  fprintf(fp, " — %s\n", tname(GR_T_COMMITMENT, o->commitment));
  if (g != NULL && g->type != GR_ACTOR_STATE)
    fprintf(fp, "      guarantor:  %s is %s, not a state: read as its member states\n", o->guarantor,
            g->type == GR_ACTOR_ORGANISATION ? "an organisation" : "a group");
  if (o->means.n) {
    fputs("      means:      any one of ", fp);
    print_enumlist(fp, GR_T_OBLIGATION_KIND, &o->means);
    fputc('\n', fp);
  }
  if (o->troops.given) print_quantity(fp, "troops", &o->troops, "");
  if (o->value.given) print_quantity(fp, "value", &o->value, " $M/year");
  if (o->aircraft.given) print_quantity(fp, "aircraft", &o->aircraft, "");
  if (cli_location_given(o) || o->location.note || cli_stands_somewhere(o)) {
    fputs("      where:      ", fp);
    print_where(fp, cat, &o->location);
    fputc('\n', fp);
    if (o->location.source.given) print_source(fp, &o->location.source, 8);
  }
  fputs("      triggers:   ", fp);
  if (o->triggers.n == 0) fputs("(none stated)", fp);
  for (size_t j = 0; j < o->triggers.n; j++) {
    if (j) fputs(", ", fp);
    print_trigger(fp, &o->triggers.items[j]);
  }
  fprintf(fp, "\n      activation: %s", tname(GR_T_ACTIVATION, o->activation));
  if (o->activation == GR_ACT_AFTER_CONSULTATION && o->deadline_days)
    fprintf(fp, " (within %d days)", o->deadline_days);
  if (o->body) {
    const gr_body *b = find_body(a, o->body);
    fprintf(fp, " by %s", cli_text(o->body));
    if (b)
      fprintf(fp, " (%s: %s)", cli_text(b->title),
              GR_GIVEN(b, GR_KEY_BODY_RULE) ? tname(GR_T_DECISION_RULE, b->rule) : "rule not stated");
  }
  if (o->body_rule) fprintf(fp, " (%s)", cli_text(o->body_rule));
  fputc('\n', fp);
  if (o->conditions.n) {
    fputs("      conditions: ", fp);
    print_enumlist(fp, GR_T_FACT, &o->conditions);
    fputc('\n', fp);
  }
  print_clauses(fp, cat, "includes", &o->scope.include);
  print_clauses(fp, cat, "excludes", &o->scope.exclude);
  bool own_term = o->start || o->duration_years > 0 || GR_GIVEN(o, GR_KEY_OBLIGATION_RENEWAL);
  if (own_term) {
    fputs("      term:       ", fp);
    print_term(fp, o->start, o->duration_years, GR_GIVEN(o, GR_KEY_OBLIGATION_RENEWAL), o->renewal, &o->assumed);
    bool arr_term = a->start || a->duration_years > 0 || GR_GIVEN(a, GR_KEY_ARRANGEMENT_RENEWAL);
    fprintf(fp, "%s\n", arr_term ? " (over the arrangement's)" : "");
  }
  if (o->revocation.n) {
    fputs("      void if:    ", fp);
    print_enumlist(fp, GR_T_REVOCATION, &o->revocation);
    fputc('\n', fp);
  }
  print_assumed(fp, &o->assumed, 6);
  if (o->note) cli_wrap(fp, o->note, 6, 78);
  print_sources(fp, &o->sources, 6);
}

/* The "Assumptions it rests on" list (assumptions.c). */
static void print_assumption(void *ctx, const char *where, const char *what) {
  fprintf((FILE *)ctx, "  - %s: %s\n", where, cli_text(what));
}

static void show_assumptions(FILE *fp, const gr_catalog *cat, const gr_arrangement *a) {
  fputs("\nAssumptions it rests on:\n", fp);
  if (cli_assumptions(cat, a, print_assumption, fp) == 0)
    cli_wrap(fp,
             "none marked in its encoding: no source is an assumption and no value is marked assumed (the "
             "model's own assumptions are in docs/model.md).",
             2, 78);
}

/* The sections an arrangement may add to its head: who took part, which
 * bodies decide, territorial terms and recorded clauses. */
static void show_parties(FILE *fp, const gr_catalog *cat, const gr_arrangement *a) {
  if (a->parties.n == 0) return;
  fprintf(fp, "\nParties (%zu):\n", a->parties.n);
  for (size_t i = 0; i < a->parties.n; i++) {
    const gr_party *p = &a->parties.items[i];
    const gr_actor *x = gr_catalog_actor(cat, p->actor);
    char d[11];
    fprintf(fp, "  %-9s %s (%s)", tname(GR_T_PARTY_ROLE, p->role), p->actor, x ? x->name : "?");
    if (p->date) fprintf(fp, ", %s", gr_date_format(p->date, d));
    fputc('\n', fp);
    print_source(fp, &p->source, 4);
  }
}

static void show_bodies(FILE *fp, const gr_arrangement *a) {
  if (a->bodies.n == 0) return;
  fprintf(fp, "\nBodies (%zu):\n", a->bodies.n);
  for (size_t i = 0; i < a->bodies.n; i++) {
    const gr_body *b = &a->bodies.items[i];
    fprintf(fp, "  %s — %s\n      members: ", cli_text(b->id), cli_text(b->title));
    if (GR_GIVEN(b, GR_KEY_BODY_MEMBERS)) print_strlist(fp, &b->members);
    else fputs("not stated", fp);
    if (b->chair) fprintf(fp, "; chair: %s", b->chair);
    if (!GR_GIVEN(b, GR_KEY_BODY_RULE)) fputs("; its decision rule is not stated\n", fp);
    else if (b->rule == GR_DECIDE_CHAIR) fputs("; the chair decides\n", fp);
    else fprintf(fp, "; decides by %s\n", tname(GR_T_DECISION_RULE, b->rule));
    if (b->note) cli_wrap(fp, b->note, 6, 78);
    print_source(fp, &b->source, 6);
  }
}

static void show_territory(FILE *fp, const gr_catalog *cat, const gr_arrangement *a) {
  if (a->territory.n == 0) return;
  fprintf(fp, "\nTerritorial terms (%zu):\n", a->territory.n);
  for (size_t i = 0; i < a->territory.n; i++) {
    const gr_territory *t = &a->territory.items[i];
    fprintf(fp, "  %s: ", tname(GR_T_TERRITORY_STATUS, t->status));
    print_regions(fp, cat, &t->regions);
    if (t->note) fprintf(fp, " — %s", cli_text(t->note));
    fputc('\n', fp);
    print_source(fp, &t->source, 6);
  }
}

static void show_clauses(FILE *fp, const gr_arrangement *a) {
  if (a->clauses.n == 0) return;
  fprintf(fp, "\nClauses (%zu):\n", a->clauses.n);
  for (size_t i = 0; i < a->clauses.n; i++) {
    const gr_clause *c = &a->clauses.items[i];
    fprintf(fp, "  %s:\n", tname(GR_T_CLAUSE_KIND, c->kind));
    cli_wrap(fp, c->text, 6, 78);
    print_source(fp, &c->source, 6);
  }
}

/* The terms and the conditions on the protected state, in the head. */
static void show_terms(FILE *fp, const gr_catalog *cat, const gr_arrangement *a) {
  const gr_assumedlist *as = &a->assumed;
  if (a->start || a->duration_years > 0 || GR_GIVEN(a, GR_KEY_ARRANGEMENT_RENEWAL)) {
    fputs("  term:        ", fp);
    print_term(fp, a->start, a->duration_years, GR_GIVEN(a, GR_KEY_ARRANGEMENT_RENEWAL), a->renewal, as);
    fputc('\n', fp);
  }
  if (a->entry_into_force.n) {
    fputs("  in force if: ", fp);
    print_enumlist(fp, GR_T_FACT, &a->entry_into_force);
    fprintf(fp, "%s (all must hold; until then \"not yet in force\")\n", assumed_mark(as, "entry_into_force"));
  }
  const gr_actor *p = gr_catalog_actor(cat, a->protects);
  const char *pn = p ? p->name : a->protects;
  if (a->force_cap.given) {
    fprintf(fp, "  force cap:   %s's armed forces at most %.15g%s\n", pn, a->force_cap.value,
            assumed_mark(as, "force_cap"));
    if (a->force_cap.source.given) print_source(fp, &a->force_cap.source, 15);
  }
  if (a->alliance_bar.given) {
    fprintf(fp, "  alliance:    %s may not join %s%s%s\n", pn, a->alliance_bar.organisation,
            a->alliance_bar.by_consensus ? " except by consensus of its members" : "",
            assumed_mark(as, "alliance_bar"));
    print_source(fp, &a->alliance_bar.source, 15);
  }
  if (a->troop_bar.given) {
    fputs("  troop bar:   no foreign troops", fp);
    if (a->troop_bar.from) fprintf(fp, " of %s members", a->troop_bar.from);
    fprintf(fp, " in %s%s%s\n", pn, a->troop_bar.peacetime_only ? " in peacetime" : "",
            assumed_mark(as, "troop_bar"));
    print_source(fp, &a->troop_bar.source, 15);
  }
}

static void show_arrangement(FILE *fp, const gr_catalog *cat, const gr_arrangement *a) {
  char d[11];
  const gr_actor *p = gr_catalog_actor(cat, a->protects);
  const gr_assumedlist *as = &a->assumed;
  fprintf(fp, "%s — %s\n\n", a->id, a->title);
  fprintf(fp, "  protects:    %s (%s)\n", a->protects, p ? p->name : "?");
  fprintf(fp, "  date:        %s%s%s\n", gr_date_format(a->date, d), a->date_inferred ? " (inferred)" : "",
          assumed_mark(as, "date"));
  fprintf(fp, "  status:      %s%s\n", tname(GR_T_ARRANGEMENT_STATUS, a->status), assumed_mark(as, "status"));
  fprintf(fp, "  legal form:  %s%s", tname(GR_T_LEGAL_FORM, a->legal_form), assumed_mark(as, "legal_form"));
  if (GR_GIVEN(a, GR_KEY_ARRANGEMENT_PROMISED_FORM)) fputs(" (of the instrument)", fp);
  for (size_t i = 0; i < a->legal_forms.n; i++)
    fprintf(fp, "%s%s: %s", i ? ", " : "; ", a->legal_forms.items[i].guarantor,
            tname(GR_T_LEGAL_FORM, a->legal_forms.items[i].legal_form));
  fputc('\n', fp);
  if (GR_GIVEN(a, GR_KEY_ARRANGEMENT_PROMISED_FORM))
    fprintf(fp, "  promises:    %s%s (the form of the guarantee it promises)\n",
            tname(GR_T_LEGAL_FORM, a->promised_form), assumed_mark(as, "promised_form"));
  show_terms(fp, cat, a);
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
  show_parties(fp, cat, a);
  show_bodies(fp, a);
  show_territory(fp, cat, a);
  show_clauses(fp, a);
  fprintf(fp, "\nObligations (%zu):\n", a->obligations.n);
  for (size_t i = 0; i < a->obligations.n; i++) show_obligation(fp, cat, a, i, &a->obligations.items[i]);
  fputs("\nSources:\n", fp);
  print_sources(fp, &a->sources, 2);
  show_assumptions(fp, cat, a);
}

static void show_actor(FILE *fp, const gr_catalog *cat, const gr_actor *a) {
  fprintf(fp, "%s — %s (%s)\n", a->id, a->name, tname(GR_T_ACTOR_TYPE, a->type));
  if (a->type != GR_ACTOR_STATE) {
    /* Its direct members, however each was declared (a member's
     * memberships, or this record's `members`). */
    size_t shown = 0;
    for (size_t i = 0, n = gr_catalog_count(cat, GR_REC_ACTOR); i < n; i++) {
      const gr_actor *m = gr_catalog_at(cat, GR_REC_ACTOR, i);
      for (size_t k = 0; k < m->memberships.n; k++)
        if (strcmp(m->memberships.items[k], a->id) == 0) {
          fprintf(fp, "%s%s", shown++ ? ", " : "    members:     ", m->id);
          break;
        }
    }
    fputs(shown ? "\n" : "    members:     none in the catalog\n", fp);
  }
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
  if (m->arrangements.n) {
    fputs(" arrangements ", fp);
    print_strlist(fp, &m->arrangements);
    fputc(';', fp);
  }
  if (GR_GIVEN(m, GR_KEY_MATCH_PROMISED_FORM_MIN))
    fprintf(fp, " promised form >= %s;", tname(GR_T_LEGAL_FORM, m->promised_form_min));
  if (GR_GIVEN(m, GR_KEY_MATCH_PROMISED_FORM_MAX))
    fprintf(fp, " promised form <= %s;", tname(GR_T_LEGAL_FORM, m->promised_form_max));
  if (GR_GIVEN(m, GR_KEY_MATCH_FORCE_CAP_BELOW)) fprintf(fp, " force cap below %.15g;", m->force_cap_below);
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
  fprintf(fp, "    kind:      %s", tname(GR_T_EVENT_KIND, e->kind));
  if (GR_GIVEN(e, GR_KEY_EVENT_SCALE)) fprintf(fp, " (%s)", tname(GR_T_SCALE, e->scale));
  fputc('\n', fp);
  if (e->target) fprintf(fp, "    aggressor: %s, target: %s\n", e->aggressor, e->target);
  else fprintf(fp, "    actor:     %s\n", e->aggressor);
  if (e->organisation) fprintf(fp, "    joins:     %s\n", e->organisation);
  if (e->troops.given) {
    fprintf(fp, "    troops:    %.15g (the size its forces reach)\n", e->troops.value);
    if (e->troops.source.given) print_source(fp, &e->troops.source, 15);
  }
  if (GR_GIVEN(e, GR_KEY_EVENT_INTENT)) fprintf(fp, "    intent:    %s\n", tname(GR_T_INTENT, e->intent));
  else if (e->kind < GR_EV_JOINS_ALLIANCE) fputs("    intent:    deliberate (not stated: taken as deliberate)\n", fp);
  if (GR_GIVEN(e, GR_KEY_EVENT_DURATION_DAYS))
    fprintf(fp, "    lasts:     %d day%s\n", e->duration_days, e->duration_days == 1 ? "" : "s");
  if (e->targets.n) {
    fputs("    strikes:   ", fp);
    print_enumlist(fp, GR_T_TARGET_CLASS, &e->targets);
    fputc('\n', fp);
  }
  for (size_t i = 0; i < e->locations.n; i++)
    fprintf(fp, "    where:     %s %s (%s side)\n", e->locations.items[i].region,
            region_name(cat, e->locations.items[i].region), tname(GR_T_SIDE, e->locations.items[i].side));
  if (e->day0) {
    char d[11];
    fprintf(fp, "    day 0:     %s\n", gr_date_format(e->day0, d));
  }
  print_assumed(fp, &e->assumed, 4);
  if (e->summary) cli_wrap(fp, e->summary, 4, 78);
  fputs("Sources:\n", fp);
  print_sources(fp, &e->sources, 2);
}

/* `date` plus `days`, through days since 1970-01-01 (H. Hinnant's
 * days_from_civil and civil_from_days, proleptic Gregorian). */
static gr_date date_plus(gr_date date, int days) {
  long y = date / 10000, m = date / 100 % 100, d = date % 100;
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long z = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy + days;
  era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = yoe + era * 400 + (m <= 2);
  return (gr_date)(y * 10000 + m * 100 + d);
}

static void show_scenario(FILE *fp, const gr_catalog *cat, const gr_scenario *s) {
  char d[11];
  fprintf(fp, "%s — %s\n", s->id, cli_text(s->title));
  if (s->date) fprintf(fp, "    date:      %s (day 0)%s\n", gr_date_format(s->date, d), assumed_mark(&s->assumed, "date"));
  else fputs("    date:      none (positions and control are read at --as-of, else the arrangement's date)\n", fp);
  if (s->summary) cli_wrap(fp, s->summary, 4, 78);
  fprintf(fp, "Events (%zu), in day order:\n", s->events.n);
  /* The loader refuses events out of day order; print them stably sorted
   * all the same, so that the listing never contradicts its heading. */
  for (int printed = 0, last = -1; printed < (int)s->events.n;) {
    int next = -1;
    for (size_t i = 0; i < s->events.n; i++)
      if (s->events.items[i].day > last && (next < 0 || s->events.items[i].day < next)) next = s->events.items[i].day;
    if (next < 0) break;
    for (size_t i = 0; i < s->events.n; i++) {
      const gr_scenario_event *se = &s->events.items[i];
      if (se->day != next) continue;
      const gr_event *e = gr_catalog_event(cat, se->event);
      fprintf(fp, "  day %-4d ", se->day);
      if (s->date) fprintf(fp, "%s  ", gr_date_format(date_plus(s->date, se->day), d));
      if (e == NULL) {
        fprintf(fp, "%s (unknown event)\n", cli_text(se->event));
      } else {
        fprintf(fp, "%s %s", e->aggressor, tname(GR_T_EVENT_KIND, e->kind));
        if (e->target) fprintf(fp, " against %s", e->target);
        if (e->organisation) fprintf(fp, " %s", e->organisation);
        if (e->troops.given) fprintf(fp, " to %.15g troops", e->troops.value);
        if (GR_GIVEN(e, GR_KEY_EVENT_SCALE)) fprintf(fp, " (%s)", tname(GR_T_SCALE, e->scale));
        fprintf(fp, ": %s — %s\n", e->id, e->title);
      }
      printed++;
    }
    last = next;
  }
  if (s->facts.n) {
    fprintf(fp, "Facts (%zu), over the defaults; --facts overrides them:\n", s->facts.n);
    for (size_t i = 0; i < s->facts.n; i++) {
      const gr_scenario_fact *f = &s->facts.items[i];
      fprintf(fp, "  %s = %s\n", tname(GR_T_FACT, f->fact), f->value ? "true" : "false");
      print_source(fp, &f->source, 4);
    }
  } else {
    fputs("Facts: none stated (each fact keeps its default)\n", fp);
  }
  print_assumed(fp, &s->assumed, 2);
  fputs("Sources:\n", fp);
  print_sources(fp, &s->sources, 2);
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

static void show_case(FILE *fp, const gr_case *c) {
  char d[11];
  fprintf(fp, "%s — %s\n", c->id, cli_text(c->title));
  fprintf(fp, "    set:         %s\n", c->set);
  fputs("    question:\n", fp);
  cli_wrap(fp, c->question, 6, 78);
  fprintf(fp, "    cut-off:     %s, window %d days\n", gr_date_format(c->cutoff, d), c->window_days);
  fprintf(fp, "    protected:   %s\n    challengers:", c->protects);
  for (size_t i = 0; i < c->challengers.n; i++) fprintf(fp, " %s", c->challengers.items[i]);
  fprintf(fp, "\n    arrangement: %s\n    scenario:    %s\n", GR_GIVEN(c, GR_KEY_CASE_ARRANGEMENT) ? c->arrangement
              : "none in force (weighed against one that promises nothing)", c->scenario);
  if (GR_GIVEN(c, GR_KEY_CASE_BALANCE))
    fprintf(fp, "    balance:     %.15g (%s)\n", c->balance.value, cli_text(c->balance.measure));
  fprintf(fp, "    outcome:     %s", tname(GR_T_CASE_RESULT, c->outcome.result));
  if (GR_GIVEN(&c->outcome, GR_KEY_CASE_OUTCOME_DATE)) fprintf(fp, " on %s", gr_date_format(c->outcome.date, d));
  if (GR_GIVEN(&c->outcome, GR_KEY_CASE_OUTCOME_DEFENCE_HELD))
    fprintf(fp, "; the defence %s", c->outcome.defence_held ? "held" : "did not hold");
  fprintf(fp, " (%s confidence)\n", tname(GR_T_CODING_CONFIDENCE, c->confidence));
  print_source(fp, &c->outcome.source, 6);
  for (size_t i = 0; i < c->outcome.guarantors.n; i++) {
    const gr_case_response *r = &c->outcome.guarantors.items[i];
    fprintf(fp, "    %-5s %s", r->actor, tname(GR_T_GUARANTOR_ACTION, r->action));
    if (GR_GIVEN(r, GR_KEY_CASE_RESPONSE_DAYS)) fprintf(fp, ", first help after %d days", r->days);
    fputc('\n', fp);
  }
  if (GR_GIVEN(c, GR_KEY_CASE_INTENT)) {
    fprintf(fp, "    intent to attack: %s evidence\n", tname(GR_T_INTENT_EVIDENCE, c->intent.level));
    if (c->intent.evidence) cli_wrap(fp, c->intent.evidence, 6, 78);
  }
  for (size_t i = 0; i < c->alternatives.n; i++) {
    fprintf(fp, "    alternative coding: %s\n", tname(GR_T_CASE_RESULT, c->alternatives.items[i].result));
    cli_wrap(fp, c->alternatives.items[i].note, 6, 78);
  }
  for (size_t i = 0; i < c->covariates.n; i++)
    fprintf(fp, "%s%s=%.15g%s", i ? " " : "    covariates: ", c->covariates.items[i].name, c->covariates.items[i].value,
            i + 1 == c->covariates.n ? "\n" : "");
  if (c->note) cli_wrap(fp, c->note, 4, 78);
  fputs("Sources:\n", fp);
  print_sources(fp, &c->sources, 2);
}

static void show_capabilities(FILE *fp, const gr_capabilities *c) {
  fprintf(fp, "%s — dated capabilities of %s\n", c->id, c->actor);
  fprintf(fp, "    %-6s %12s %16s %10s\n", "year", "personnel", "expenditure k$", "cinc");
  for (size_t i = 0; i < c->years.n; i++) {
    const gr_capability_year *y = &c->years.items[i];
    fprintf(fp, "    %-6d", y->year);
    if (GR_GIVEN(y, GR_KEY_CAPABILITY_YEAR_PERSONNEL)) fprintf(fp, " %12.15g", y->personnel);
    else fprintf(fp, " %12s", "-");
    if (GR_GIVEN(y, GR_KEY_CAPABILITY_YEAR_EXPENDITURE)) fprintf(fp, " %16.15g", y->expenditure);
    else fprintf(fp, " %16s", "-");
    if (GR_GIVEN(y, GR_KEY_CAPABILITY_YEAR_CINC)) fprintf(fp, " %10.6f\n", y->cinc);
    else fprintf(fp, " %10s\n", "-");
  }
  if (c->note) cli_wrap(fp, c->note, 4, 78);
  fputs("Source:\n", fp);
  print_source(fp, &c->source, 2);
}

static void show_fact_rule(FILE *fp, const gr_fact_rule *r) {
  fprintf(fp, "%s — derives %s\n", r->id, tname(GR_T_FACT, r->fact));
  fprintf(fp, "    when:      %s %s", tname(GR_T_FACT_RULE_KIND, r->when), r->actor);
  for (size_t i = 0; i < r->kinds.n; i++)
    fprintf(fp, "%s%s", i ? ", " : ", of kind ", tname(GR_T_OBLIGATION_KIND, r->kinds.items[i]));
  fprintf(fp, "%s\n", r->troops ? ", with troops" : "");
  fprintf(fp, "    holds:     %s\n    otherwise: %s\n", cli_text(r->holds), cli_text(r->otherwise));
  fputs("Sources:\n", fp);
  print_sources(fp, &r->sources, 2);
}

static void show_one(FILE *fp, const gr_catalog *cat, gr_record_kind kind, const void *rec) {
  switch (kind) {
  case GR_REC_ARRANGEMENT: show_arrangement(fp, cat, rec); break;
  case GR_REC_ACTOR: show_actor(fp, cat, rec); break;
  case GR_REC_REGION: show_region(fp, rec); break;
  case GR_REC_POSITION: show_position(fp, rec); break;
  case GR_REC_EVENT: show_event(fp, cat, rec); break;
  case GR_REC_DOCUMENT: show_document(fp, rec); break;
  case GR_REC_SCENARIO: show_scenario(fp, cat, rec); break;
  case GR_REC_PARAMETER: show_parameter(fp, rec); break;
  case GR_REC_CASE: show_case(fp, rec); break;
  case GR_REC_CAPABILITIES: show_capabilities(fp, rec); break;
  case GR_REC_FACT_RULE: show_fact_rule(fp, rec); break;
  default: break;
  }
}

/* ---- The listing ------------------------------------------------------ */

static const gr_record_kind list_order[] = {
    GR_REC_ARRANGEMENT, GR_REC_EVENT,    GR_REC_SCENARIO,  GR_REC_POSITION,
    GR_REC_ACTOR,       GR_REC_REGION,   GR_REC_DOCUMENT, GR_REC_PARAMETER,
    GR_REC_CASE,        GR_REC_CAPABILITIES, GR_REC_FACT_RULE,
};
_Static_assert(sizeof list_order / sizeof list_order[0] == GR_REC__COUNT, "the listing shows every kind");
static const char *const list_titles[GR_REC__COUNT] = {
    [GR_REC_DOCUMENT] = "Documents",     [GR_REC_ACTOR] = "Actors",
    [GR_REC_REGION] = "Regions",         [GR_REC_ARRANGEMENT] = "Arrangements",
    [GR_REC_POSITION] = "Positions",     [GR_REC_EVENT] = "Events",
    [GR_REC_PARAMETER] = "Parameters",   [GR_REC_SCENARIO] = "Scenarios",
    [GR_REC_CASE] = "Historical cases",  [GR_REC_CAPABILITIES] = "Capabilities (dated)",
    [GR_REC_FACT_RULE] = "Fact rules",
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
  case GR_REC_SCENARIO: {
    const gr_scenario *s = rec;
    fprintf(fp, "  %-38s %s  %2zu event%s  %s\n", s->id, s->date ? gr_date_format(s->date, d) : "undated   ",
            s->events.n, s->events.n == 1 ? " " : "s", s->title);
    break;
  }
  case GR_REC_PARAMETER: {
    const gr_parameter *p = rec;
    fprintf(fp, "  %-28s %s\n", p->id, p->title);
    break;
  }
  case GR_REC_CASE: {
    const gr_case *c = rec;
    fprintf(fp, "  %-34s %s  %-8s %s\n", c->id, gr_date_format(c->cutoff, d),
            tname(GR_T_CASE_RESULT, c->outcome.result), c->title);
    break;
  }
  case GR_REC_FACT_RULE: {
    const gr_fact_rule *r = rec;
    fprintf(fp, "  %-30s %-30s %s %s\n", r->id, tname(GR_T_FACT, r->fact), tname(GR_T_FACT_RULE_KIND, r->when), r->actor);
    break;
  }
  case GR_REC_CAPABILITIES: {
    const gr_capabilities *c = rec;
    fprintf(fp, "  %-22s %-6s %zu year%s", c->id, c->actor, c->years.n, c->years.n == 1 ? "" : "s");
    if (c->years.n) fprintf(fp, " (%d–%d)", c->years.items[0].year, c->years.items[c->years.n - 1].year);
    fputc('\n', fp);
    break;
  }
  default:
    break;
  }
}

static void list_all(FILE *fp, const gr_catalog *cat) {
  for (size_t k = 0; k < sizeof list_order / sizeof list_order[0]; k++) {
    gr_record_kind kind = list_order[k];
    size_t n = gr_catalog_count(cat, kind);
    /* The historical kinds are listed when a file brings some. */
    if (n == 0 && (kind == GR_REC_CASE || kind == GR_REC_CAPABILITIES)) continue;
    fprintf(fp, "%s%s (%zu)\n", k ? "\n" : "", list_titles[kind], n);
    for (size_t i = 0; i < n; i++) list_line(fp, kind, gr_catalog_at(cat, kind, i));
  }
  fputs("\n'guarantor show ID' describes one item; 'guarantor show --kinds' the vocabularies.\n", fp);
}

static int print_kinds(FILE *fp, int json) {
  if (json) {
    gr_json *w = gr_json_new(0);
    gr_json_vocabularies(w);
    cli_provenance pv;
    cli_provenance_init(&pv, "show");
    return cli_print_json_provenance(fp, w, &pv);
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
    else if (rc == EXIT_OK && (o.files.n > 0 || o.history))
      rc = cli_usage_error("show", "--kinds reads no catalog: %s would change nothing",
                           o.history ? "--history" : "-f");
    else if (rc == EXIT_OK) rc = print_kinds(stdout, o.json);
    if (rc == EXIT_OK && fflush(stdout) != 0) rc = EXIT_FAIL;
    cli_settings_free(&spec, &o);
    return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
  }
  int status;
  gr_catalog *cat = cli_load_with(o.files.items, o.files.n, o.history != 0, &status);
  cli_settings_free(&spec, &o);
  if (cat == NULL) return status;
  cli_provenance pv;
  cli_provenance_init(&pv, "show");
  if (nargs == 0) {
    if (o.json) {
      char *s = gr_catalog_to_json(cat, 0);
      rc = cli_print_json_text_provenance(stdout, s, &pv);
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
      rc = cli_print_json_text_provenance(stdout, s, &pv);
      gr_free(s);
    } else {
      show_one(stdout, cat, kind, rec);
    }
  }
  gr_catalog_free(cat);
  if (fflush(stdout) != 0) rc = EXIT_FAIL;
  return rc;
}
