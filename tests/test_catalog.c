/*
 * The built-in catalog: it loads without a single diagnostic, holds what the
 * foundation issue asks for, and every quote it cites stands verbatim in the
 * document it names (data/sources/).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "guarantor/catalog.h"
#include "test_util.h"

static gr_catalog *cat;

static int setup(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  cat = gr_catalog_new();
  if (cat == NULL || gr_catalog_load_builtin(cat, &err) != GR_OK) return -1;
  int rc = gr_catalog_validate(cat, &err) == GR_OK ? 0 : -1;
  gr_error_clear(&err);
  return rc;
}

static int teardown(void **state) {
  (void)state;
  gr_catalog_free(cat);
  return 0;
}

static void test_no_diagnostics(void **state) {
  (void)state;
  char buf[2048];
  for (size_t i = 0; i < gr_catalog_diag_count(cat); i++) {
    gr_diag_format(gr_catalog_diag(cat, i), buf, sizeof buf);
    fprintf(stderr, "%s\n", buf);
  }
  assert_int_equal(gr_catalog_diag_count(cat), 0);
}

static void test_required_ids(void **state) {
  (void)state;
  static const char *const arrangements[] = {
      "budapest-1994", "us-deterrence-2021", "istanbul-2022", "guarantees-2023", "coalition-2025",
      "nato-lite-2025", "russia-p5-2025", "us-ambiguity-2025", "eu-membership", "nato-membership"};
  for (size_t i = 0; i < sizeof arrangements / sizeof arrangements[0]; i++)
    assert_non_null(gr_catalog_arrangement(cat, arrangements[i]));
  assert_int_equal(gr_catalog_count(cat, GR_REC_ARRANGEMENT), 10);
  static const char *const events[] = {"offensive-zaporizhzhia", "strike-kyiv", "attack-reassurance-force",
                                       "incursion-kharkiv", "blockade-odesa", "violation-donetsk",
                                       "clash-donetsk-occupied", "hybrid-attack"};
  for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) assert_non_null(gr_catalog_event(cat, events[i]));
  static const char *const actors[] = {"UKR", "RUS", "USA", "GBR", "FRA", "DEU", "ITA", "POL",
                                       "CHN", "TUR", "CAN", "NLD", "EU",  "NATO", "UN"};
  for (size_t i = 0; i < sizeof actors / sizeof actors[0]; i++) assert_non_null(gr_catalog_actor(cat, actors[i]));
  assert_int_equal(gr_catalog_actor(cat, "NATO")->type, GR_ACTOR_ORGANISATION);
  assert_true(gr_catalog_actor(cat, "USA")->nuclear);
  assert_false(gr_catalog_actor(cat, "UKR")->nuclear);
}

/* Events say which side of the line they are on (issue 2). */
static void test_event_sides(void **state) {
  (void)state;
  const gr_event *e = gr_catalog_event(cat, "offensive-zaporizhzhia");
  assert_int_equal(e->kind, GR_EV_ARMED_ATTACK);
  assert_string_equal(e->locations.items[0].region, "UA-23");
  assert_int_equal(e->locations.items[0].side, GR_SIDE_GOVERNMENT);
  e = gr_catalog_event(cat, "clash-donetsk-occupied");
  assert_string_equal(e->locations.items[0].region, "UA-14");
  assert_int_equal(e->locations.items[0].side, GR_SIDE_OCCUPIED);
  e = gr_catalog_event(cat, "violation-donetsk");
  assert_int_equal(e->kind, GR_EV_CEASEFIRE_VIOLATION);
  assert_int_equal(e->locations.items[0].side, GR_SIDE_LINE);
  e = gr_catalog_event(cat, "strike-kyiv");
  assert_string_equal(e->locations.items[0].region, "UA-30");
  e = gr_catalog_event(cat, "attack-reassurance-force");
  assert_int_equal(e->kind, GR_EV_ATTACK_ON_GUARANTOR_FORCES);
}

static void test_regions_and_snapshots(void **state) {
  (void)state;
  size_t ukr = 0;
  for (size_t i = 0; i < gr_catalog_count(cat, GR_REC_REGION); i++) {
    const gr_region *r = gr_catalog_at(cat, GR_REC_REGION, i);
    if (strcmp(r->state, "UKR") != 0) continue;
    ukr++;
    assert_true(strncmp(r->id, "UA-", 3) == 0);
    int have[3] = {0, 0, 0};
    for (size_t j = 0; j < r->control.n; j++) {
      if (r->control.items[j].date == 20220223) have[0] = 1;
      if (r->control.items[j].date == 20220329) have[1] = 1;
      if (r->control.items[j].date == 20250815) have[2] = 1;
    }
    assert_true(have[0] && have[1] && have[2]);
  }
  assert_int_equal(ukr, 27);
  const gr_region *crimea = gr_catalog_region(cat, "UA-43");
  assert_int_equal(crimea->control.items[0].status, GR_CTL_OCCUPIED);
  const gr_region *zap = gr_catalog_region(cat, "UA-23");
  assert_int_equal(zap->control.items[0].status, GR_CTL_GOVERNMENT);
  assert_int_equal(zap->control.items[zap->control.n - 1].status, GR_CTL_PARTLY_OCCUPIED);
  const gr_region *don = gr_catalog_region(cat, "UA-14");
  assert_int_equal(don->control.items[0].status, GR_CTL_PARTLY_OCCUPIED);
}

/* coalition-2025 names every contributor with its stated condition or
 * doubt (issue 2). */
static void test_coalition_contributors(void **state) {
  (void)state;
  const gr_arrangement *a = gr_catalog_arrangement(cat, "coalition-2025");
  int fra = 0, ita = 0, gbr = 0, deu = 0, pol = 0, usa_troops = 0, usa_intel = 0, usa_air = 0;
  for (size_t i = 0; i < a->obligations.n; i++) {
    const gr_obligation *o = &a->obligations.items[i];
    if (o->kind == GR_OB_REASSURANCE_FORCE) {
      if (!strcmp(o->guarantor, "FRA")) fra = o->commitment == GR_COMMIT_WILLING;
      if (!strcmp(o->guarantor, "ITA"))
        ita = o->commitment == GR_COMMIT_CONDITIONAL && o->conditions.n == 1 &&
              o->conditions.items[0] == GR_FACT_UN_MANDATE;
      if (!strcmp(o->guarantor, "GBR")) gbr = o->commitment == GR_COMMIT_UNDECIDED;
      if (!strcmp(o->guarantor, "DEU")) deu = o->commitment == GR_COMMIT_UNDECIDED;
      if (!strcmp(o->guarantor, "POL")) pol = o->commitment == GR_COMMIT_DECLINED;
      if (!strcmp(o->guarantor, "USA")) usa_troops = 1;
      if (!strcmp(o->guarantor, "FRA")) assert_string_not_equal(o->troops.source.assumption, "");
    }
    if (!strcmp(o->guarantor, "USA") && o->kind == GR_OB_INTELLIGENCE_SHARING) usa_intel = 1;
    if (!strcmp(o->guarantor, "USA") && o->kind == GR_OB_AIR_COVER) usa_air = 1;
  }
  assert_true(fra && ita && gbr && deu && pol && usa_intel && usa_air);
  assert_false(usa_troops);
}

static void test_istanbul_and_p5(void **state) {
  (void)state;
  const gr_arrangement *ist = gr_catalog_arrangement(cat, "istanbul-2022");
  assert_int_equal(ist->legal_form, GR_LF_TREATY_RATIFIED);
  int excludes_donbas = 0;
  for (size_t i = 0; i < ist->obligations.n; i++) {
    const gr_scope_clauses *ex = &ist->obligations.items[i].scope.exclude;
    for (size_t j = 0; j < ex->n; j++)
      for (size_t k = 0; k < ex->items[j].regions.n; k++)
        if (!strcmp(ex->items[j].regions.items[k], "UA-14")) excludes_donbas = 1;
  }
  assert_true(excludes_donbas);
  const gr_arrangement *p5 = gr_catalog_arrangement(cat, "russia-p5-2025");
  int rus_consensus = 0;
  for (size_t i = 0; i < p5->obligations.n; i++) {
    const gr_obligation *o = &p5->obligations.items[i];
    if (!strcmp(o->guarantor, "RUS") && o->activation == GR_ACT_CONSENSUS) rus_consensus = 1;
  }
  assert_true(rus_consensus);
  const gr_arrangement *bud = gr_catalog_arrangement(cat, "budapest-1994");
  assert_int_equal(bud->legal_form, GR_LF_MEMORANDUM);
  assert_string_equal(gr_catalog_arrangement(cat, "nato-membership")->accession, "NATO");
  assert_string_equal(gr_catalog_arrangement(cat, "eu-membership")->accession, "EU");
}

/* ---- Every quote is verbatim in its document ---------------------------- */


static size_t quotes_checked, quotes_bad;

static void check_source(const gr_source *s, const char *where) {
  if (s->doc == NULL) return;
  char path[1024];
  snprintf(path, sizeof path, "%s/data/sources/%s", GR_SOURCE_DIR, s->doc);
  char *text = test_read_all(path);
  if (text == NULL) {
    fprintf(stderr, "%s: cannot read %s\n", where, path);
    quotes_bad++;
    return;
  }
  quotes_checked++;
  if (strstr(text, s->quote) == NULL) {
    fprintf(stderr, "%s:%d:%d: quote not found verbatim in %s: \"%s\"\n", s->pos.file, s->pos.line,
            s->pos.column, s->doc, s->quote);
    quotes_bad++;
  }
  free(text);
}

static void check_sources(const gr_sourcelist *l, const char *where) {
  for (size_t i = 0; i < l->n; i++) check_source(&l->items[i], where);
}

static void check_quantity(const gr_quantity *q, const char *where, int record_has_source) {
  if (!q->given) return;
  check_source(&q->source, where);
  /* A number without its own source must sit in a record that has one. */
  if (!(q->source.doc || q->source.ref || q->source.assumption) && !record_has_source) {
    fprintf(stderr, "%s:%d:%d: number without a source\n", q->pos.file, q->pos.line, q->pos.column);
    quotes_bad++;
  }
}

static void test_quotes_verbatim_and_numbers_sourced(void **state) {
  (void)state;
  quotes_checked = quotes_bad = 0;
  for (size_t i = 0; i < gr_catalog_count(cat, GR_REC_ACTOR); i++) {
    const gr_actor *a = gr_catalog_at(cat, GR_REC_ACTOR, i);
    assert_true(a->sources.n > 0);
    check_sources(&a->sources, a->id);
    check_source(&a->deploy_approval_source, a->id);
    /* Actors' figures are not in their general sources: each needs its own. */
    check_quantity(&a->personnel, a->id, 0);
    check_quantity(&a->budget, a->id, 0);
  }
  for (size_t i = 0; i < gr_catalog_count(cat, GR_REC_REGION); i++) {
    const gr_region *r = gr_catalog_at(cat, GR_REC_REGION, i);
    for (size_t j = 0; j < r->control.n; j++) check_source(&r->control.items[j].source, r->id);
  }
  for (size_t i = 0; i < gr_catalog_count(cat, GR_REC_ARRANGEMENT); i++) {
    const gr_arrangement *a = gr_catalog_at(cat, GR_REC_ARRANGEMENT, i);
    assert_true(a->sources.n > 0);
    check_sources(&a->sources, a->id);
    for (size_t j = 0; j < a->obligations.n; j++) {
      const gr_obligation *o = &a->obligations.items[j];
      assert_true(o->sources.n > 0);
      check_sources(&o->sources, a->id);
      check_quantity(&o->troops, a->id, 1);
      check_quantity(&o->value, a->id, 1);
      check_quantity(&o->aircraft, a->id, 1);
    }
  }
  for (size_t i = 0; i < gr_catalog_count(cat, GR_REC_POSITION); i++) {
    const gr_position *p = gr_catalog_at(cat, GR_REC_POSITION, i);
    /* Positions are what actors said: each cites a document and a quote. */
    assert_non_null(p->source.doc);
    check_source(&p->source, p->id);
  }
  for (size_t i = 0; i < gr_catalog_count(cat, GR_REC_EVENT); i++) {
    const gr_event *e = gr_catalog_at(cat, GR_REC_EVENT, i);
    assert_true(e->sources.n > 0);
    check_sources(&e->sources, e->id);
  }
  for (size_t i = 0; i < gr_catalog_count(cat, GR_REC_PARAMETER); i++) {
    const gr_parameter *p = gr_catalog_at(cat, GR_REC_PARAMETER, i);
    assert_true(p->sources.n > 0);
    check_sources(&p->sources, p->id);
  }
  fprintf(stderr, "checked %zu quotes\n", quotes_checked);
  assert_true(quotes_checked > 100);
  assert_int_equal(quotes_bad, 0);
}

/* Positions of every actor the issue names, each dated. */
static void test_positions_cover_the_sources(void **state) {
  (void)state;
  static const struct {
    const char *actor;
    int year;
  } want[] = {{"RUS", 2021}, {"RUS", 2025}, {"USA", 2021}, {"USA", 2022}, {"USA", 2025},
              {"GBR", 2022}, {"GBR", 2025}, {"FRA", 2025}, {"ITA", 2025}, {"DEU", 2025},
              {"POL", 2025}, {"UKR", 2022}, {"UKR", 2023}, {"UKR", 2025}, {"EU", 2022}};
  for (size_t w = 0; w < sizeof want / sizeof want[0]; w++) {
    int found = 0;
    for (size_t i = 0; i < gr_catalog_count(cat, GR_REC_POSITION); i++) {
      const gr_position *p = gr_catalog_at(cat, GR_REC_POSITION, i);
      if (!strcmp(p->actor, want[w].actor) && p->date / 10000 == want[w].year) found = 1;
    }
    if (!found) fprintf(stderr, "no position of %s in %d\n", want[w].actor, want[w].year);
    assert_true(found);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_no_diagnostics),
      cmocka_unit_test(test_required_ids),
      cmocka_unit_test(test_event_sides),
      cmocka_unit_test(test_regions_and_snapshots),
      cmocka_unit_test(test_coalition_contributors),
      cmocka_unit_test(test_istanbul_and_p5),
      cmocka_unit_test(test_quotes_verbatim_and_numbers_sourced),
      cmocka_unit_test(test_positions_cover_the_sources),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
