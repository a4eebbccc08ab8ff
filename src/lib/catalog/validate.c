/*
 * Checks that need more than one record: references resolve to records of
 * the right kind, guarantors are not the state they protect, scopes name
 * regions of the protected state, and so on. Runs once, after every file
 * has been loaded, so a user's file may refer to records of another file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog_int.h"
#include "model/params.h"

static void check_refs(gr_catalog *cat) {
  for (size_t i = 0; i < cat->nrefs; i++) {
    const gr__ref *r = &cat->refs[i];
    const void *rec = gr_catalog_find(cat, (gr_record_kind)r->kind, r->id);
    if (rec == NULL) {
      const char *s[1];
      if (gr_catalog_suggest(cat, (gr_record_kind)r->kind, r->id, s, 1) == 1)
        gr__diag(cat, GR_SEV_ERROR, &r->pos, "unknown %s '%s' (did you mean '%s'?)",
                 gr_record_kind_name((gr_record_kind)r->kind), r->id, s[0]);
      else
        gr__diag(cat, GR_SEV_ERROR, &r->pos, "unknown %s '%s'",
                 gr_record_kind_name((gr_record_kind)r->kind), r->id);
      continue;
    }
    if ((r->flags & GR__GROUP) && r->kind == GR_REC_ACTOR &&
        ((const gr_actor *)rec)->type == GR_ACTOR_STATE)
      gr__diag(cat, GR_SEV_ERROR, &r->pos, "'%s' is a state; an organisation or group is expected here",
               r->id);
  }
}

/* A region named in an arrangement must belong to the protected state. */
static void check_region_of(gr_catalog *cat, const char *region_id, const gr_pos *pos,
                            const char *state, const char *whose) {
  const gr_region *r = gr_catalog_region(cat, region_id);
  if (r == NULL || r->state == NULL || state == NULL) return; /* Reported elsewhere. */
  if (strcmp(r->state, state) != 0)
    gr__diag(cat, GR_SEV_ERROR, pos, "region '%s' belongs to '%s', not to %s '%s'", region_id,
             r->state, whose, state);
}

static void check_clauses(gr_catalog *cat, const gr_scope_clauses *cs, const char *state) {
  for (size_t i = 0; i < cs->n; i++)
    for (size_t j = 0; j < cs->items[i].regions.n; j++)
      check_region_of(cat, cs->items[i].regions.items[j], &cs->items[i].pos, state,
                      "the protected state");
}

/* Facts only a scenario (or the user) can make true: nothing in an
 * arrangement derives them (engine/facts.c), and no fact rule of the
 * catalog does. */
static bool only_stated(const gr_catalog *cat, int fact) {
  if (fact == GR_FACT_RATIFIED || fact == GR_FACT_NEUTRALITY_OBSERVED) return false;
  for (size_t i = 0; i < cat->recs[GR_REC_FACT_RULE].n; i++)
    if (((const gr_fact_rule *)cat->recs[GR_REC_FACT_RULE].items[i])->fact == fact) return false;
  return true;
}

static bool some_scenario_states(const gr_catalog *cat, int fact) {
  for (size_t i = 0; i < cat->recs[GR_REC_SCENARIO].n; i++) {
    const gr_scenario *sc = cat->recs[GR_REC_SCENARIO].items[i];
    for (size_t j = 0; j < sc->facts.n; j++)
      if (sc->facts.items[j].fact == fact && sc->facts.items[j].value) return true;
  }
  return false;
}

static void check_reachable(gr_catalog *cat, int fact, const gr_pos *pos, const char *what) {
  if (only_stated(cat, fact) && !some_scenario_states(cat, fact))
    gr__diag(cat, GR_SEV_WARNING, pos,
             "%s needs %s, which no scenario in the catalog states and nothing derives: it holds only with --facts",
             what, gr_table_name(GR_T_FACT, fact));
}

/* Kinds whose forces fight somewhere: where must be said. */
static bool combat_kind(int kind) {
  return kind == GR_OB_NAVAL_PRESENCE || kind == GR_OB_AIR_COVER || kind == GR_OB_REASSURANCE_FORCE ||
         kind == GR_OB_MILITARY_INTERVENTION;
}

static void check_arrangement(gr_catalog *cat, const gr_arrangement *a) {
  const gr_actor *prot = a->protects ? gr_catalog_actor(cat, a->protects) : NULL;
  for (size_t i = 0; i < a->entry_into_force.n; i++)
    check_reachable(cat, a->entry_into_force.items[i], &a->pos, "its entry into force");
  for (size_t i = 0; i < a->territory.n; i++)
    for (size_t j = 0; j < a->territory.items[i].regions.n; j++)
      check_region_of(cat, a->territory.items[i].regions.items[j], &a->territory.items[i].pos, a->protects,
                      "the protected state");
  if (prot != NULL && prot->type != GR_ACTOR_STATE && prot->type != GR_ACTOR_TERRITORY)
    gr__diag(cat, GR_SEV_ERROR, &a->pos, "'%s' protects '%s', which is not a state or a territory", a->id,
             a->protects);
  for (size_t i = 0; i < a->obligations.n; i++) {
    const gr_obligation *o = &a->obligations.items[i];
    if (o->guarantor && a->protects && strcmp(o->guarantor, a->protects) == 0)
      gr__diag(cat, GR_SEV_ERROR, &o->pos, "guarantor '%s' is the protected state itself",
               o->guarantor);
    for (size_t j = 0; j < o->location.regions.n; j++)
      check_region_of(cat, o->location.regions.items[j], &o->location.pos, a->protects,
                      "the protected state");
    if (o->location.based_in && o->location.regions.n > 0 && a->protects &&
        strcmp(o->location.based_in, a->protects) != 0)
      gr__diag(cat, GR_SEV_ERROR, &o->location.pos,
               "a location is either regions of the protected state or 'based_in' another state, not both");
    check_clauses(cat, &o->scope.include, a->protects);
    check_clauses(cat, &o->scope.exclude, a->protects);
    char what[160];
    snprintf(what, sizeof what, "the %s obligation of '%s'",
             o->means.n ? "menu" : gr_table_name(GR_T_OBLIGATION_KIND, o->kind), o->guarantor ? o->guarantor : "?");
    for (size_t j = 0; j < o->conditions.n; j++) check_reachable(cat, o->conditions.items[j], &o->pos, what);
    if (combat_kind(o->kind) && !GR_GIVEN(o, GR_KEY_OBLIGATION_LOCATION))
      gr__diag(cat, GR_SEV_WARNING, &o->pos,
               "%s says nothing about where its forces act ('location'): positions on forces in the protected "
               "state cannot judge it", what);
    /* Terms that contradict an obligation: forces stationed in a zone the
     * arrangement demilitarises, or from states its troop bar excludes
     * (in peacetime, when the bar is for peacetime only). */
    for (size_t j = 0; j < o->location.regions.n && o->commitment != GR_COMMIT_DECLINED; j++)
      for (size_t t = 0; t < a->territory.n; t++) {
        const gr_territory *z = &a->territory.items[t];
        for (size_t r = 0; z->status == GR_TERR_DEMILITARISED && r < z->regions.n; r++)
          if (strcmp(z->regions.items[r], o->location.regions.items[j]) == 0)
            gr__diag(cat, GR_SEV_WARNING, &o->location.pos,
                     "%s stations forces in %s, which the arrangement demilitarises", what, z->regions.items[r]);
      }
    bool peacetime = o->kind == GR_OB_REASSURANCE_FORCE || o->kind == GR_OB_CEASEFIRE_MONITORING || o->triggers.n == 0;
    if (GR_GIVEN(a, GR_KEY_ARRANGEMENT_TROOP_BAR) && o->commitment != GR_COMMIT_DECLINED && o->guarantor &&
        GR_GIVEN(o, GR_KEY_OBLIGATION_LOCATION) && o->location.basing == GR_BASING_STATIONED &&
        (peacetime || !a->troop_bar.peacetime_only) &&
        (a->troop_bar.from == NULL || gr_catalog_actor_in(cat, o->guarantor, a->troop_bar.from)))
      gr__diag(cat, GR_SEV_WARNING, &o->location.pos,
               "%s stations forces in the protected state%s, which the arrangement's troop bar excludes%s%s", what,
               peacetime ? " in peacetime" : "", a->troop_bar.from ? " for members of " : "",
               a->troop_bar.from ? a->troop_bar.from : "");
    for (size_t j = 0; j < o->revocation.n; j++)
      if (o->revocation.items[j] == GR_REV_PROTECTED_STATE_EXCEEDS_FORCE_CAP && !GR_GIVEN(a, GR_KEY_ARRANGEMENT_FORCE_CAP))
        gr__diag(cat, GR_SEV_ERROR, &o->pos, "revocation 'protected_state_exceeds_force_cap' needs the arrangement's 'force_cap'");
  }
  for (size_t i = 0; i < a->legal_forms.n; i++) {
    const gr_guarantor_form *lf = &a->legal_forms.items[i];
    int found = 0;
    for (size_t j = 0; j < a->obligations.n && !found; j++)
      if (lf->guarantor && a->obligations.items[j].guarantor &&
          strcmp(lf->guarantor, a->obligations.items[j].guarantor) == 0)
        found = 1;
    if (!found && lf->guarantor)
      gr__diag(cat, GR_SEV_WARNING, &lf->pos,
               "legal form given for '%s', which has no obligation in this arrangement", lf->guarantor);
  }
}

static void check_event(gr_catalog *cat, const gr_event *e) {
  for (size_t i = 0; i < e->locations.n; i++)
    if (e->locations.items[i].region)
      check_region_of(cat, e->locations.items[i].region, &e->locations.items[i].pos, e->target,
                      "the target");
}

static void check_actor(gr_catalog *cat, const gr_actor *a) {
  for (size_t i = 0; i < a->memberships.n; i++)
    if (strcmp(a->memberships.items[i], a->id) == 0)
      gr__diag(cat, GR_SEV_ERROR, &a->pos, "actor '%s' lists itself among its memberships", a->id);
}

/* A case asks about one protected party under the arrangement in force at
 * its cut-off, and its scenario must hold the threatened attack. */
static void check_case(gr_catalog *cat, const gr_case *c) {
  const gr_actor *p = gr_catalog_actor(cat, c->protects);
  if (p != NULL && p->type != GR_ACTOR_STATE && p->type != GR_ACTOR_TERRITORY)
    gr__diag(cat, GR_SEV_ERROR, &c->pos, "case '%s' protects '%s', %s: a state or a territory is protected", c->id,
             p->id, p->type == GR_ACTOR_GROUP ? "a group" : "an organisation");
  for (size_t i = 0; i < c->challengers.n; i++) {
    const gr_actor *ch = gr_catalog_actor(cat, c->challengers.items[i]);
    if (ch != NULL && ch->type != GR_ACTOR_STATE)
      gr__diag(cat, GR_SEV_ERROR, &c->pos, "case '%s': challenger '%s' is not a state", c->id, ch->id);
  }
  const gr_arrangement *a = c->arrangement ? gr_catalog_find(cat, GR_REC_ARRANGEMENT, c->arrangement) : NULL;
  if (a != NULL && a->protects && c->protects && strcmp(a->protects, c->protects) != 0)
    gr__diag(cat, GR_SEV_ERROR, &c->pos, "case '%s' is about '%s', but arrangement '%s' protects '%s'", c->id,
             c->protects, a->id, a->protects);
  char d1[11], d2[11];
  if (a != NULL && a->date > c->cutoff)
    gr__diag(cat, GR_SEV_ERROR, &c->pos,
             "case '%s': arrangement '%s' is dated %s, after the cut-off %s; name the one in force then", c->id, a->id,
             gr_date_format(a->date, d1), gr_date_format(c->cutoff, d2));
  const gr_scenario *sc = c->scenario ? gr_catalog_find(cat, GR_REC_SCENARIO, c->scenario) : NULL;
  if (sc == NULL) return;
  bool threat = false;
  for (size_t i = 0; i < sc->events.n && !threat; i++) {
    const gr_event *e = gr_catalog_find(cat, GR_REC_EVENT, sc->events.items[i].event);
    for (size_t k = 0; e != NULL && e->target && c->protects && k < c->challengers.n && !threat; k++)
      threat = e->aggressor && strcmp(e->aggressor, c->challengers.items[k]) == 0 &&
               strcmp(e->target, c->protects) == 0;
  }
  if (!threat)
    gr__diag(cat, GR_SEV_ERROR, &c->pos,
             "case '%s': scenario '%s' has no event by a challenger against '%s': the threatened attack is missing",
             c->id, sc->id, c->protects ? c->protects : "?");
  if (sc->date && sc->date != c->cutoff)
    gr__diag(cat, GR_SEV_WARNING, &c->pos, "case '%s': scenario '%s' is dated %s, the case's cut-off %s; the case "
             "reads everything at its cut-off", c->id, sc->id, gr_date_format(sc->date, d1),
             gr_date_format(c->cutoff, d2));
}

/* Two records of capabilities must not give one actor's year twice,
 * unless a user's file gives it over a built-in one: the user's figure is
 * then the one read (gr_catalog_personnel), and a note says so. */
static void check_capabilities(gr_catalog *cat, size_t at) {
  const gr__recset *rs = &cat->recs[GR_REC_CAPABILITIES];
  const gr_capabilities *c = rs->items[at];
  for (size_t j = 0; j < rs->n; j++) {
    const gr_capabilities *o = rs->items[j];
    if (j == at || o->actor == NULL || c->actor == NULL || strcmp(o->actor, c->actor) != 0) continue;
    bool overrides = rs->builtin[j] && !rs->builtin[at];
    if (!overrides && (j > at || rs->builtin[at] != rs->builtin[j])) continue; /* Each pair once. */
    for (size_t y = 0; y < c->years.n; y++)
      for (size_t z = 0; z < o->years.n; z++)
        if (c->years.items[y].year == o->years.items[z].year) {
          if (overrides)
            gr__diag(cat, GR_SEV_NOTE, &c->years.items[y].pos,
                     "year %d of actor '%s' in capabilities '%s' replaces the built-in '%s'", c->years.items[y].year,
                     c->actor, c->id, o->id);
          else
            gr__diag(cat, GR_SEV_ERROR, &c->years.items[y].pos,
                     "year %d of actor '%s' is given in capabilities '%s' and '%s'", c->years.items[y].year,
                     c->actor, o->id, c->id);
        }
  }
}

/* A parameter must be one the model reads, in its unit, with a
 * distribution whose every value lies in its domain (model/params.h). */
static void check_parameter(gr_catalog *cat, const gr_parameter *p) {
  char msg[512];
  if (gr__param_problem(p, msg, sizeof msg)) gr__diag(cat, GR_SEV_ERROR, &p->pos, "%s", msg);
}

/* Report the cycle closed when the actor at the end of `path` (len
 * entries) names `closes`, an actor earlier on the path, among its
 * memberships: "'A' -> 'B' -> 'C' -> 'A'", '->' read "is a member of". */
static void report_cycle(gr_catalog *cat, const size_t *path, size_t len, size_t closes) {
  void *const *actors = cat->recs[GR_REC_ACTOR].items;
  size_t k = 0;
  while (path[k] != closes) k++;
  char text[768];
  size_t used = 0;
  for (size_t i = k; i <= len; i++) {
    const gr_actor *a = actors[i < len ? path[i] : closes];
    int w = snprintf(text + used, sizeof text - used, "%s'%s'", i > k ? " -> " : "", a->id);
    if (w < 0 || (size_t)w >= sizeof text - used) {
      snprintf(text + (used < sizeof text - 5 ? used : sizeof text - 5), 5, " ...");
      break;
    }
    used += (size_t)w;
  }
  const gr_actor *last = actors[path[len - 1]];
  gr__diag(cat, GR_SEV_ERROR, &last->pos, "memberships form a cycle: %s (an actor cannot be inside itself)", text);
}

/* Memberships must not form a cycle: an organisation inside itself
 * through others has no meaning, and membership queries would have none
 * to give. Depth first without recursion, each actor entered once
 * (Tarjan, "Depth-first search and linear graph algorithms", SIAM J.
 * Comput. 1(2), 1972): linear in actors and memberships; each edge back
 * to an actor on the current path closes a cycle. A self-membership has
 * its own message (check_actor). */
static void check_membership_cycles(gr_catalog *cat) {
  size_t n = cat->recs[GR_REC_ACTOR].n;
  if (n == 0) return;
  void *const *actors = cat->recs[GR_REC_ACTOR].items;
  enum { UNSEEN, ON_PATH, DONE };
  unsigned char *state = calloc(n, 1);
  size_t *path = malloc(n * sizeof *path), *next = malloc(n * sizeof *next);
  if (state == NULL || path == NULL || next == NULL) {
    cat->oom = 1;
    goto out;
  }
  for (size_t root = 0; root < n; root++) {
    if (state[root] != UNSEEN) continue;
    size_t len = 1;
    path[0] = root;
    next[0] = 0;
    state[root] = ON_PATH;
    while (len > 0) {
      size_t at = path[len - 1];
      const gr_actor *a = actors[at];
      if (next[len - 1] == a->memberships.n) {
        state[at] = DONE;
        len--;
        continue;
      }
      long j = gr__record_index(cat, GR_REC_ACTOR, a->memberships.items[next[len - 1]++]);
      if (j < 0 || (size_t)j == at) continue;
      if (state[j] == UNSEEN) {
        path[len] = (size_t)j;
        next[len] = 0;
        state[j] = ON_PATH;
        len++;
      } else if (state[j] == ON_PATH) {
        report_cycle(cat, path, len, (size_t)j);
      }
    }
  }
out:
  free(state);
  free(path);
  free(next);
}

/* A group's `members` is the other way of writing the members'
 * `memberships`: each member gains the group among its memberships (once),
 * so every look-up, the cycle check included, sees one graph. */
static void fold_members(gr_catalog *cat) {
  for (size_t i = 0; i < cat->recs[GR_REC_ACTOR].n; i++) {
    const gr_actor *g = cat->recs[GR_REC_ACTOR].items[i];
    for (size_t k = 0; k < g->members.n; k++) {
      long j = gr__record_index(cat, GR_REC_ACTOR, g->members.items[k]);
      if (j < 0) continue; /* Reported by check_refs. */
      gr_actor *m = cat->recs[GR_REC_ACTOR].items[j];
      bool has = false;
      for (size_t x = 0; x < m->memberships.n && !has; x++) has = strcmp(m->memberships.items[x], g->id) == 0;
      if (has) continue;
      const char **items = gr__arena_alloc(&cat->arena, (m->memberships.n + 1) * sizeof *items);
      if (items == NULL) {
        cat->oom = 1;
        return;
      }
      if (m->memberships.n) memcpy(items, m->memberships.items, m->memberships.n * sizeof *items);
      items[m->memberships.n] = g->id;
      m->memberships.items = items;
      m->memberships.n++;
    }
  }
}

/* A case that names no arrangement is asked of the protected state alone:
 * give it an arrangement that promises nothing (`obligations: []`), with
 * the id "<case>.none", so the engines, which read only records of the
 * catalog, can weigh it like any other (docs/backtest.md, section 2). */
static void add_no_guarantee(gr_catalog *cat) {
  size_t n = cat->recs[GR_REC_CASE].n;
  for (size_t i = 0; i < n; i++) {
    gr_case *c = cat->recs[GR_REC_CASE].items[i];
    if (c->arrangement != NULL || c->id == NULL || c->protects == NULL) continue;
    gr_arrangement *a = gr__arena_alloc(&cat->arena, sizeof *a);
    gr_source *src = gr__arena_alloc(&cat->arena, sizeof *src);
    char id[96], title[512], why[512];
    snprintf(id, sizeof id, "%s.none", c->id);
    snprintf(title, sizeof title, "No guarantee in force (case %s)", c->id);
    snprintf(why, sizeof why, "case '%s' names no arrangement in force at its cut-off: the protected party alone", c->id);
    if (a == NULL || src == NULL || (a->id = gr__arena_strdup(&cat->arena, id)) == NULL ||
        (a->title = gr__arena_strdup(&cat->arena, title)) == NULL ||
        (src->assumption = gr__arena_strdup(&cat->arena, why)) == NULL) {
      cat->oom = 1;
      return;
    }
    src->given = 1ull << GR_KEY_SOURCE_ASSUMPTION;
    src->pos = c->pos;
    a->protects = c->protects;
    a->date = c->cutoff;
    a->status = GR_ST_IN_FORCE;
    a->legal_form = GR_LF_POLITICAL_DECLARATION;
    a->sources.items = src;
    a->sources.n = 1;
    a->pos = c->pos;
    const int keys[] = {GR_KEY_ARRANGEMENT_ID, GR_KEY_ARRANGEMENT_TITLE, GR_KEY_ARRANGEMENT_PROTECTS,
                        GR_KEY_ARRANGEMENT_DATE, GR_KEY_ARRANGEMENT_STATUS, GR_KEY_ARRANGEMENT_LEGAL_FORM,
                        GR_KEY_ARRANGEMENT_SOURCES, GR_KEY_ARRANGEMENT_OBLIGATIONS};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) a->given |= 1ull << keys[k];
    gr__record_add(cat, GR_REC_ARRANGEMENT, a);
    c->arrangement = a->id;
  }
}

void gr__validate(gr_catalog *cat) {
  add_no_guarantee(cat);
  check_refs(cat);
  fold_members(cat);
  check_membership_cycles(cat);
  for (size_t i = 0; i < cat->recs[GR_REC_ACTOR].n; i++)
    check_actor(cat, cat->recs[GR_REC_ACTOR].items[i]);
  for (size_t i = 0; i < cat->recs[GR_REC_ARRANGEMENT].n; i++)
    check_arrangement(cat, cat->recs[GR_REC_ARRANGEMENT].items[i]);
  for (size_t i = 0; i < cat->recs[GR_REC_EVENT].n; i++)
    check_event(cat, cat->recs[GR_REC_EVENT].items[i]);
  for (size_t i = 0; i < cat->recs[GR_REC_PARAMETER].n; i++)
    check_parameter(cat, cat->recs[GR_REC_PARAMETER].items[i]);
  for (size_t i = 0; i < cat->recs[GR_REC_CASE].n; i++)
    check_case(cat, cat->recs[GR_REC_CASE].items[i]);
  for (size_t i = 0; i < cat->recs[GR_REC_CAPABILITIES].n; i++)
    check_capabilities(cat, i);
}
