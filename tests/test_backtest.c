/*
 * The backtest: known answers for each score and for the baselines'
 * logistic regression, leave-one-out by construction, and the command's
 * library side on a fixture (tests/backtest/fixture.yaml): refusals with
 * their reason, the "no guarantee" arrangement, determinism across
 * threads.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "backtest/backtest_int.h"
#include "guarantor/guarantor.h"

/* |a - b| <= tol, or both NaN. */
#define assert_double_equal(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

static void test_scores_known_answers(void **state) {
  (void)state;
  const double p[] = {0.9, 0.2, 0.6, 0.4}, y[] = {1, 0, 0, 1};
  const size_t idx[] = {0, 1, 2, 3};
  double s[4];
  gr__scores(p, y, idx, 4, s);
  /* Brier (0.01 + 0.04 + 0.36 + 0.36) / 4; log loss -(ln .9 + ln .8 + ln .4 + ln .4) / 4; AUC 3 of 4 pairs;
   * accuracy 2 of 4. */
  assert_double_equal(s[0], 0.1925, 1e-15);
  assert_double_equal(s[1], -(log(0.9) + log(0.8) + 2 * log(0.4)) / 4, 1e-15);
  assert_double_equal(s[2], 0.75, 1e-15);
  assert_double_equal(s[3], 0.5, 1e-15);
}

static void test_scores_clip_ties_and_one_class(void **state) {
  (void)state;
  const double p[] = {0.0, 1.0, 0.5, 0.5}, y[] = {1, 0, 1, 0};
  const size_t idx[] = {0, 1, 2, 3};
  double s[4];
  gr__scores(p, y, idx, 2, s);
  /* A certain miss costs -ln(0.001), not infinity. */
  assert_double_equal(s[1], -log(1e-3), 1e-12);
  assert_double_equal(s[2], 0.0, 0);
  const size_t tie[] = {2, 3};
  gr__scores(p, y, tie, 2, s);
  assert_double_equal(s[2], 0.5, 0); /* A tie counts one half. */
  assert_double_equal(s[3], 0.5, 0); /* 0.5 predicts no failure. */
  const size_t one[] = {0, 2};
  gr__scores(p, y, one, 2, s);
  assert_true(isnan(s[2])); /* One class: no AUC. */
}

static void test_logistic_known_answer(void **state) {
  (void)state;
  /* Reference: Newton's method in exact arithmetic (Python floats) on the
   * same penalised likelihood, lambda = 1, x standardised with the sample
   * standard deviation. */
  const double x[] = {0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0}, y[] = {1, 1, 0, 1, 0, 1, 0, 0};
  const unsigned char train[8] = {1, 1, 1, 1, 1, 1, 1, 1};
  gr__logistic f;
  assert_int_equal(gr__logistic_fit(8, 1, x, y, train, 1.0, &f), 0);
  assert_double_equal(f.beta[0], 0.0, 1e-12);
  assert_double_equal(f.beta[1], -0.7768806932857101, 1e-12);
  assert_double_equal(f.sd[0], 1.224744871391589, 1e-12);
  const double q = 1.0;
  assert_double_equal(gr__logistic_predict(&f, &q), 0.6884537926295768, 1e-12);
}

static void test_logistic_intercept_is_the_base_rate_and_separation_is_finite(void **state) {
  (void)state;
  /* A constant covariate is left out: the fit is the share of ones. */
  const double x[] = {2, 2, 2, 2, 2}, y[] = {1, 0, 0, 1, 1};
  const unsigned char train[5] = {1, 1, 1, 1, 1};
  gr__logistic f;
  assert_int_equal(gr__logistic_fit(5, 1, x, y, train, 1.0, &f), 0);
  assert_double_equal(gr__logistic_predict(&f, &x[0]), 0.6, 1e-9);
  /* Perfectly separated data: the penalty keeps the fit finite, and the
   * prediction still rises with x. */
  const double xs[] = {1, 2, 3, 4}, ys[] = {0, 0, 1, 1};
  assert_int_equal(gr__logistic_fit(4, 1, xs, ys, train, 1.0, &f), 0);
  assert_true(isfinite(f.beta[1]) && f.beta[1] > 0);
  assert_true(gr__logistic_predict(&f, &xs[0]) < gr__logistic_predict(&f, &xs[3]));
  /* Only the rows marked train count. */
  const unsigned char some[4] = {1, 0, 0, 1};
  assert_int_equal(gr__logistic_fit(4, 1, xs, ys, some, 1.0, &f), 0);
  assert_double_equal(f.mean[0], 2.5, 1e-15);
}

static gr_catalog *fixture(void) {
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  assert_int_equal(gr_catalog_load_builtin(cat, &err), GR_OK);
  assert_int_equal(gr_catalog_load_file(cat, GR_SOURCE_DIR "/tests/backtest/fixture.yaml", &err), GR_OK);
  assert_int_equal(gr_catalog_validate(cat, &err), GR_OK);
  return cat;
}

static gr_backtest *run(gr_catalog *cat, int threads) {
  gr_error err = GR_ERROR_INIT;
  gr_params *ps = NULL;
  assert_int_equal(gr_params_new(cat, &ps, &err), GR_OK);
  gr_backtest_options o;
  gr_backtest_options_init(&o, sizeof o);
  o.draws = 20000;
  o.bootstrap = 100;
  o.threads = threads;
  gr_backtest *bt = NULL;
  assert_int_equal(gr_backtest_new(cat, ps, &o, &bt, &err), GR_OK);
  gr_params_free(ps);
  return bt;
}

static void test_fixture_refusals_and_no_guarantee(void **state) {
  (void)state;
  gr_catalog *cat = fixture();
  /* The case without an arrangement got one that promises nothing. */
  const gr_arrangement *none = gr_catalog_arrangement(cat, "fixture-none.none");
  assert_non_null(none);
  assert_int_equal(none->obligations.n, 0);
  assert_string_equal(none->protects, "UKR");
  gr_backtest *bt = run(cat, 1);
  assert_int_equal(bt->ncases, 3);
  assert_int_equal(bt->nscored, 2);
  for (size_t i = 0; i < bt->ncases; i++) {
    const gr_backtest_case *bc = &bt->cases[i];
    if (strcmp(bc->kase->id, "fixture-too-early") == 0) {
      assert_false(bc->scored);
      assert_non_null(strstr(bc->why, "as of 1815-06-01"));
      assert_true(isnan(bc->loo[GR_PRED_BASE_RATE]));
      continue;
    }
    assert_true(bc->scored);
    assert_true(bc->p > 0 && bc->p < 1 && bc->p_lo <= bc->p && bc->p <= bc->p_hi);
    assert_double_equal(bc->p, 1 - bc->deterred.estimate, 0);
    /* Two scored cases, one failure: leave one out, each is predicted by
     * the other alone; in sample, by both. */
    assert_double_equal(bc->loo[GR_PRED_BASE_RATE], bc->failed ? 0.0 : 1.0, 0);
    assert_double_equal(bc->in_sample[GR_PRED_BASE_RATE], 0.5, 0);
    /* The Huth baseline does not apply to cases without his variables. */
    assert_true(isnan(bc->loo[GR_PRED_HUTH]));
  }
  gr_backtest_free(bt);
  gr_catalog_free(cat);
}

static void test_same_result_for_any_threads(void **state) {
  (void)state;
  gr_catalog *cat = fixture();
  gr_backtest *a = run(cat, 1), *b = run(cat, 2);
  assert_int_equal(a->nscores, b->nscores);
  for (size_t i = 0; i < a->ncases; i++) assert_memory_equal(&a->cases[i].p, &b->cases[i].p, sizeof(double));
  for (size_t i = 0; i < a->nscores; i++) {
    assert_memory_equal(&a->scores[i].brier, &b->scores[i].brier, sizeof(gr_score));
    assert_memory_equal(&a->scores[i].logloss, &b->scores[i].logloss, sizeof(gr_score));
  }
  gr_backtest_free(a);
  gr_backtest_free(b);
  gr_catalog_free(cat);
}

static void test_dated_attributes(void **state) {
  (void)state;
  gr_catalog *cat = fixture();
  double v = -1;
  int year = -1;
  /* The latest year before the date's year: 2013's figure in 2014 ... */
  assert_true(gr_catalog_personnel(cat, "UKR", 20140101, &v, &year, NULL));
  assert_double_equal(v, 130000, 0);
  assert_int_equal(year, 2013);
  /* ... not 2014's (no look-ahead: the mobilised figure of the year of
   * the crisis); in 2013 itself, the built-in table's 2012. */
  assert_true(gr_catalog_personnel(cat, "UKR", 20141231, &v, &year, NULL));
  assert_int_equal(year, 2013);
  assert_true(gr_catalog_personnel(cat, "UKR", 20130601, &v, &year, NULL));
  assert_int_equal(year, 2012);
  /* A state new to the tables is read at its first year, and not before. */
  static const char fresh[] =
      "actors:\n"
      "  - {id: NEW, name: N, type: state, sources: [{assumption: test}]}\n"
      "capabilities:\n"
      "  - {id: new-caps, actor: NEW, source: {assumption: test}, years: [{year: 1961, personnel: 5000}]}\n";
  gr_error err = GR_ERROR_INIT;
  gr_catalog *c2 = gr_catalog_new();
  assert_int_equal(gr_catalog_load_buffer(c2, "fresh.yaml", fresh, strlen(fresh), &err), GR_OK);
  assert_int_equal(gr_catalog_validate(c2, &err), GR_OK);
  assert_true(gr_catalog_personnel(c2, "NEW", 19610625, &v, &year, NULL));
  assert_int_equal(year, 1961);
  assert_true(gr_catalog_personnel(c2, "NEW", 19621231, &v, &year, NULL));
  assert_int_equal(year, 1961);
  assert_false(gr_catalog_personnel(c2, "NEW", 19600101, &v, &year, NULL));
  gr_catalog_free(c2);
  gr_error_clear(&err);
  /* As things stand: the latest of all, the actor's own 2024 figure. */
  assert_true(gr_catalog_personnel(cat, "UKR", 0, &v, &year, NULL));
  assert_int_equal(year, 2024);
  /* Groups have no personnel of their own. */
  assert_false(gr_catalog_personnel(cat, "NATO", 20140101, &v, &year, NULL));
  /* Nuclear status from the first test on. */
  const gr_actor *rus = gr_catalog_actor(cat, "RUS");
  assert_false(gr_actor_nuclear_at(rus, 19490828));
  assert_true(gr_actor_nuclear_at(rus, 19490829));
  assert_true(gr_actor_nuclear_at(rus, 0));
  assert_false(gr_actor_nuclear_at(gr_catalog_actor(cat, "UKR"), 20140101));
  gr_catalog_free(cat);
}

/* With the historical files, whose COW rows give the same years, the
 * fixture's figures are read: a user's record replaces the built-in year,
 * with a note, not an error. */
static void test_user_figures_replace_builtin(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  assert_int_equal(gr_catalog_load_builtin(cat, &err), GR_OK);
  assert_int_equal(gr_catalog_load_history(cat, &err), GR_OK);
  double v = 0;
  int year = 0;
  assert_int_equal(gr_catalog_load_file(cat, GR_SOURCE_DIR "/tests/backtest/fixture.yaml", &err), GR_OK);
  assert_int_equal(gr_catalog_validate(cat, &err), GR_OK);
  assert_true(gr_catalog_personnel(cat, "UKR", 20140220, &v, &year, NULL));
  assert_int_equal(year, 2013);
  assert_double_equal(v, 130000, 0);
  size_t notes = 0;
  for (size_t i = 0; i < gr_catalog_diag_count(cat); i++) {
    const gr_diag *d = gr_catalog_diag(cat, i);
    if (d->severity == GR_SEV_NOTE && strstr(d->message, "replaces the built-in 'cow-nmc-UKR'")) notes++;
  }
  assert_int_equal(notes, 2);
  gr_catalog_free(cat);
  gr_error_clear(&err);
}

static void test_misuse(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  gr_backtest *bt = (gr_backtest *)1;
  assert_int_equal(gr_backtest_new(NULL, NULL, NULL, &bt, &err), GR_E_ARG);
  gr_catalog *cat = fixture();
  gr_params *ps = NULL;
  assert_int_equal(gr_params_new(cat, &ps, &err), GR_OK);
  gr_backtest_options o;
  memset(&o, 0, sizeof o);
  assert_int_equal(gr_backtest_new(cat, ps, &o, &bt, &err), GR_E_MISUSE);
  gr_backtest_options_init(&o, sizeof o);
  o.set = "no-such-set";
  assert_int_equal(gr_backtest_new(cat, ps, &o, &bt, &err), GR_E_INVALID);
  assert_non_null(strstr(err.message, "no case to score in set 'no-such-set'"));
  gr_backtest_free(NULL);
  gr_error_clear(&err);
  gr_params_free(ps);
  gr_catalog_free(cat);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_scores_known_answers),
      cmocka_unit_test(test_scores_clip_ties_and_one_class),
      cmocka_unit_test(test_logistic_known_answer),
      cmocka_unit_test(test_logistic_intercept_is_the_base_rate_and_separation_is_finite),
      cmocka_unit_test(test_fixture_refusals_and_no_guarantee),
      cmocka_unit_test(test_same_result_for_any_threads),
      cmocka_unit_test(test_dated_attributes),
      cmocka_unit_test(test_user_figures_replace_builtin),
      cmocka_unit_test(test_misuse),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
