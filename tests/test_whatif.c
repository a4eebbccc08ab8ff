/*
 * Unit tests of what-ifs (whatif.h): every edit's grammar with its exact
 * error, each edit applied to a built-in arrangement and the variant
 * loaded and validated in a fresh catalog, misuse refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "guarantor/guarantor.h"

static gr_catalog *cat;

static int setup(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  cat = gr_catalog_new();
  int rc = gr_catalog_load_builtin(cat, &err) == GR_OK && gr_catalog_validate(cat, &err) == GR_OK ? 0 : -1;
  gr_error_clear(&err);
  return rc;
}

static int teardown(void **state) {
  (void)state;
  gr_catalog_free(cat);
  return 0;
}

/* Parse `edit`: the status, and the message on failure. */
static void expect_parse(const char *edit, gr_status want, const char *message) {
  gr_what_if *w = gr_what_if_new();
  gr_error err = GR_ERROR_INIT;
  assert_int_equal(gr_what_if_add(w, edit, &err), want);
  if (message) assert_string_equal(err.message, message);
  gr_error_clear(&err);
  gr_what_if_free(w);
}

static void test_grammar(void **state) {
  (void)state;
  expect_parse("drop USA", GR_OK, NULL);
  expect_parse("add NLD=FRA", GR_OK, NULL);
  expect_parse("set legal_form=treaty_ratified", GR_OK, NULL);
  expect_parse("set FRA.troops=60000", GR_OK, NULL);
  expect_parse("set *.reassurance_force.troops=x2", GR_OK, NULL);
  expect_parse("set #3.commitment=firm", GR_OK, NULL);
  expect_parse("set legal_form=treaty_ratifed", GR_E_PARSE,
               "what-if 'set legal_form=treaty_ratifed': unknown value 'treaty_ratifed' (did you mean "
               "'treaty_ratified'?)");
  expect_parse("set FRA.troop=1", GR_E_PARSE,
               "what-if 'set FRA.troop=1': 'troop' cannot be set (did you mean 'troops'?) (fields: legal_form, "
               "status; per obligation: troops, value, commitment, activation)");
  expect_parse("set troops=5", GR_E_PARSE,
               "what-if 'set troops=5': say whose troops: set GUARANTOR.troops=VALUE or set #N.troops=VALUE");
  expect_parse("set FRA.legal_form=memorandum", GR_E_PARSE,
               "what-if 'set FRA.legal_form=memorandum': legal_form belongs to the arrangement: set legal_form=VALUE");
  expect_parse("set FRA.troops=-5", GR_E_PARSE,
               "what-if 'set FRA.troops=-5': troops must be a number of 0 or more, or xF to multiply by F, not '-5'");
  expect_parse("set FRA.commitment=sure", GR_E_PARSE,
               "what-if 'set FRA.commitment=sure': unknown value 'sure' (one of: firm, willing, conditional, "
               "undecided, declined)");
  expect_parse("set FRA.tanks.troops=5", GR_E_PARSE, NULL);
  expect_parse("set FRA", GR_E_PARSE,
               "what-if 'set FRA': expected set FIELD=VALUE or set WHO[.KIND].FIELD=VALUE");
  expect_parse("add ESP", GR_E_PARSE,
               "what-if 'add ESP': expected add ACTOR=LIKE (ACTOR takes a copy of LIKE's obligations)");
  expect_parse("drop", GR_E_PARSE, "what-if 'drop': expected drop ACTOR, add ACTOR=LIKE or set ...=VALUE");
  expect_parse("remove USA", GR_E_PARSE, NULL);
  gr_error err = GR_ERROR_INIT;
  assert_int_equal(gr_what_if_add(NULL, "drop USA", &err), GR_E_ARG);
  gr_error_clear(&err);
  gr_what_if_free(NULL);
  assert_int_equal(gr_what_if_count(NULL), 0);
  assert_null(gr_what_if_edit(NULL, 0));
}

/* The variant of `arr` under `edits`, loaded into a fresh catalog and
 * validated; NULL when `records` fails, with its message in *message. */
static gr_catalog *variant(const char *arr, const char *const *edits, size_t n, gr_status want, char *message,
                           size_t len) {
  gr_what_if *w = gr_what_if_new();
  gr_error err = GR_ERROR_INIT;
  for (size_t i = 0; i < n; i++) assert_int_equal(gr_what_if_add(w, edits[i], &err), GR_OK);
  char *json = NULL;
  assert_int_equal(gr_what_if_records(cat, gr_catalog_arrangement(cat, arr), w, "v", &json, &err), want);
  gr_what_if_free(w);
  if (want != GR_OK) {
    snprintf(message, len, "%s", err.message);
    assert_null(json);
    gr_error_clear(&err);
    return NULL;
  }
  gr_catalog *c = gr_catalog_new();
  assert_int_equal(gr_catalog_load_builtin(c, &err), GR_OK);
  assert_int_equal(gr_catalog_load_buffer(c, "what-if", json, strlen(json), &err), GR_OK);
  assert_int_equal(gr_catalog_validate(c, &err), GR_OK);
  gr_free(json);
  gr_error_clear(&err);
  return c;
}

static size_t count_of(const gr_arrangement *a, const char *guarantor) {
  size_t k = 0;
  for (size_t i = 0; i < a->obligations.n; i++) k += strcmp(a->obligations.items[i].guarantor, guarantor) == 0;
  return k;
}

static void test_edits(void **state) {
  (void)state;
  const gr_arrangement *orig = gr_catalog_arrangement(cat, "coalition-2025");
  char msg[512];
  /* drop: the US obligations go, the others stay. */
  const char *drop[] = {"drop USA"};
  gr_catalog *c = variant("coalition-2025", drop, 1, GR_OK, msg, sizeof msg);
  const gr_arrangement *v = gr_catalog_arrangement(c, "v");
  assert_non_null(v);
  assert_int_equal(count_of(v, "USA"), 0);
  assert_int_equal(v->obligations.n, orig->obligations.n - count_of(orig, "USA"));
  assert_non_null(strstr(v->title, "[what-if: drop USA]"));
  /* The original is untouched in the new catalog. */
  assert_int_equal(count_of(gr_catalog_arrangement(c, "coalition-2025"), "USA"), count_of(orig, "USA"));
  gr_catalog_free(c);
  /* add: the Netherlands take France's obligations. */
  const char *add[] = {"add NLD=FRA"};
  c = variant("coalition-2025", add, 1, GR_OK, msg, sizeof msg);
  v = gr_catalog_arrangement(c, "v");
  assert_int_equal(count_of(v, "NLD"), count_of(orig, "FRA"));
  gr_catalog_free(c);
  /* set: the troops, marked assumed with the edit; a factor; the form. */
  const char *set[] = {"set FRA.troops=60000", "set legal_form=treaty_ratified", "set GBR.commitment=firm"};
  c = variant("coalition-2025", set, 3, GR_OK, msg, sizeof msg);
  v = gr_catalog_arrangement(c, "v");
  assert_int_equal(v->legal_form, GR_LF_TREATY_RATIFIED);
  bool seen_fra = false;
  for (size_t i = 0; i < v->obligations.n; i++) {
    const gr_obligation *o = &v->obligations.items[i];
    if (strcmp(o->guarantor, "FRA") == 0) {
      assert_true(o->troops.value == 60000);
      seen_fra = true;
    }
    if (strcmp(o->guarantor, "GBR") == 0) assert_int_equal(o->commitment, GR_COMMIT_FIRM);
  }
  assert_true(seen_fra);
  bool marked = false;
  for (size_t i = 0; i < v->assumed.n; i++)
    marked |= strcmp(v->assumed.items[i].key, "legal_form") == 0 &&
              strstr(v->assumed.items[i].reason, "'set legal_form=treaty_ratified' (was executive_agreement)") != NULL;
  assert_true(marked);
  gr_catalog_free(c);
  const char *twice[] = {"set *.reassurance_force.troops=x2"};
  c = variant("coalition-2025", twice, 1, GR_OK, msg, sizeof msg);
  v = gr_catalog_arrangement(c, "v");
  double before = 0, after = 0;
  for (size_t i = 0; i < orig->obligations.n; i++)
    if (orig->obligations.items[i].kind == GR_OB_REASSURANCE_FORCE) before += orig->obligations.items[i].troops.value;
  for (size_t i = 0; i < v->obligations.n; i++)
    if (v->obligations.items[i].kind == GR_OB_REASSURANCE_FORCE) after += v->obligations.items[i].troops.value;
  assert_true(after == 2 * before && before > 0);
  gr_catalog_free(c);
  /* Edits that do not apply. */
  const char *nobody[] = {"drop CHN"};
  assert_null(variant("coalition-2025", nobody, 1, GR_E_INVALID, msg, sizeof msg));
  assert_string_equal(msg, "what-if 'drop CHN': CHN is not a guarantor of this arrangement");
  const char *kind[] = {"set FRA.naval_presence.troops=5"};
  assert_null(variant("coalition-2025", kind, 1, GR_E_INVALID, msg, sizeof msg));
  assert_string_equal(msg, "what-if 'set FRA.naval_presence.troops=5': FRA has no obligation of kind naval_presence here");
  const char *range[] = {"set #99.troops=5"};
  assert_null(variant("coalition-2025", range, 1, GR_E_INVALID, msg, sizeof msg));
  assert_non_null(strstr(msg, "no obligation #99 (this arrangement has"));
  const char *unknown[] = {"add XXX=FRA"};
  assert_null(variant("coalition-2025", unknown, 1, GR_E_INVALID, msg, sizeof msg));
  assert_string_equal(msg, "what-if 'add XXX=FRA': no actor 'XXX' in the catalog");
}

/* Positions naming the original name the variant too, so that a what-if
 * of Istanbul is judged by the rules written about Istanbul. */
static void test_positions_follow(void **state) {
  (void)state;
  const char *none[] = {"set legal_form=treaty_ratified"};
  char msg[64];
  gr_catalog *c = variant("istanbul-2022", none, 1, GR_OK, msg, sizeof msg);
  gr_assessment *a = NULL, *b = NULL;
  gr_error err = GR_ERROR_INIT;
  const gr_arrangement *orig = gr_catalog_arrangement(c, "istanbul-2022"), *v = gr_catalog_arrangement(c, "v");
  assert_int_equal(gr_assessment_new(c, orig, NULL, 0, NULL, 0, &a, &err), GR_OK);
  assert_int_equal(gr_assessment_new(c, v, NULL, 0, NULL, 0, &b, &err), GR_OK);
  /* Istanbul is a ratified treaty already: the edit changes nothing, so
   * every verdict is the same. */
  assert_int_equal(a->nactors, b->nactors);
  for (size_t i = 0; i < a->nactors; i++) assert_int_equal(a->actors[i].verdict, b->actors[i].verdict);
  gr_assessment_free(a);
  gr_assessment_free(b);
  gr_error_clear(&err);
  gr_catalog_free(c);
}

static void test_misuse(void **state) {
  (void)state;
  gr_what_if *w = gr_what_if_new();
  char *json = (char *)"x";
  gr_error err = GR_ERROR_INIT;
  gr_catalog *raw = gr_catalog_new();
  assert_int_equal(gr_what_if_records(raw, gr_catalog_arrangement(cat, "coalition-2025"), w, "v", &json, &err),
                   GR_E_MISUSE);
  assert_null(json);
  assert_int_equal(gr_what_if_records(cat, NULL, w, "v", &json, &err), GR_E_ARG);
  assert_int_equal(gr_what_if_records(cat, gr_catalog_arrangement(cat, "coalition-2025"), w, "a b", &json, &err),
                   GR_E_ARG);
  gr_catalog_free(raw);
  gr_what_if_free(w);
  gr_error_clear(&err);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_grammar),
      cmocka_unit_test(test_edits),
      cmocka_unit_test(test_positions_follow),
      cmocka_unit_test(test_misuse),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
