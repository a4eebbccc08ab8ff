/*
 * End-to-end tests of the analyst's loop (issue 13): each question an
 * analyst asked is one command, and its output answers it. The program is
 * run as a user would; outputs are parsed as JSON (libfyaml) or CSV.
 */
#include <math.h>
#include <stdbool.h>

#include <libfyaml.h>

#include "cli_util.h"

/* ---- Parsing what the program printed ------------------------------------ */

static struct fy_document *json_of(const char *text) {
  struct fy_document *d = fy_document_build_from_string(NULL, text, FY_NT);
  assert_non_null(d);
  return d;
}

static const char *value_at(struct fy_document *d, const char *path) {
  struct fy_node *n = fy_node_by_path(fy_document_root(d), path, FY_NT, FYNWF_DONT_FOLLOW);
  if (n == NULL) fail_msg("no %s in the output", path);
  const char *s = fy_node_get_scalar0(n);
  assert_non_null(s);
  return s;
}

static double number_at(struct fy_document *d, const char *path) { return atof(value_at(d, path)); }

/* A CSV table: the header's fields and each row's, RFC 4180 quoting. */
enum { MAX_COLS = 128, MAX_ROWS = 256 };
typedef struct table {
  char *cell[MAX_ROWS + 1][MAX_COLS];
  int ncols, nrows; /* Rows after the header. */
} table;

static table *csv_of(const char *text) {
  table *t = calloc(1, sizeof *t);
  assert_non_null(t);
  int row = 0, col = 0;
  const char *p = text;
  while (*p) {
    char buf[4096];
    size_t k = 0;
    if (*p == '"') {
      for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
        if (*p == '"') p++;
        if (k < sizeof buf - 1) buf[k++] = *p;
      }
      if (*p == '"') p++;
    } else {
      while (*p && *p != ',' && *p != '\n')
        if (k < sizeof buf - 1) buf[k++] = *p++;
    }
    buf[k] = '\0';
    assert_true(row <= MAX_ROWS && col < MAX_COLS);
    t->cell[row][col++] = strdup(buf);
    if (*p == ',') {
      p++;
    } else {
      if (row == 0) t->ncols = col;
      else assert_int_equal(col, t->ncols); /* Every row as wide as the header. */
      col = 0;
      row++;
      if (*p == '\n') p++;
    }
  }
  t->nrows = row - 1;
  return t;
}

static int column(const table *t, const char *name) {
  for (int c = 0; c < t->ncols; c++)
    if (strcmp(t->cell[0][c], name) == 0) return c;
  fail_msg("no column %s", name);
  return -1;
}

static const char *cell(const table *t, int row, const char *name) { return t->cell[row + 1][column(t, name)]; }
static double num(const table *t, int row, const char *name) { return atof(cell(t, row, name)); }

static int row_of(const table *t, const char *col, const char *value) {
  for (int r = 0; r < t->nrows; r++)
    if (strcmp(cell(t, r, col), value) == 0) return r;
  fail_msg("no row with %s = %s", col, value);
  return -1;
}

static void table_free(table *t) {
  for (int r = 0; r <= MAX_ROWS; r++)
    for (int c = 0; c < MAX_COLS; c++) free(t->cell[r][c]);
  free(t);
}

/* ---- Differences, not only levels ---------------------------------------- */

/* "Is NATO-lite better than the coalition?": compare --baseline gives each
 * arrangement's difference from the coalition, paired on the same draws,
 * the baseline run first as the reference row even when not named. */
static void test_compare_baseline(void **state) {
  (void)state;
  run r = prog("compare", "nato-lite-2025", "nato-membership", "--baseline", "coalition-2025", "-n", "40000",
               "--csv", NULL);
  assert_int_equal(r.status, 0);
  table *t = csv_of(r.out);
  assert_int_equal(t->nrows, 3);
  assert_string_equal(cell(t, 0, "arrangement"), "coalition-2025");
  for (int i = 0; i < 3; i++) {
    assert_string_equal(cell(t, i, "baseline"), "coalition-2025");
    /* The difference is the levels' difference (to the printed rounding)... */
    double d = num(t, i, "attack") - num(t, 0, "attack");
    assert_true(fabs(num(t, i, "vs_attack") - d) < 2e-6);
    assert_true(num(t, i, "vs_attack_lo") <= num(t, i, "vs_attack") &&
                num(t, i, "vs_attack") <= num(t, i, "vs_attack_hi"));
    assert_true(num(t, i, "deterred_prior_p10") < num(t, i, "deterred_prior_p90"));
  }
  /* ...its own is exactly zero... */
  assert_true(num(t, 0, "vs_attack") == 0 && num(t, 0, "vs_attack_lo") == 0 && num(t, 0, "vs_attack_hi") == 0);
  /* ...and NATO membership, which deters more in this model, is ahead by
   * more than its paired interval, which is narrower than the two
   * marginal intervals together. */
  int nato = row_of(t, "arrangement", "nato-membership");
  assert_true(num(t, nato, "vs_attack_hi") < 0);
  double paired = num(t, nato, "vs_attack_hi") - num(t, nato, "vs_attack_lo");
  double marginal = num(t, nato, "attack_hi") - num(t, nato, "attack_lo") + num(t, 0, "attack_hi") - num(t, 0, "attack_lo");
  assert_true(paired < marginal / 2);
  table_free(t);
  done(&r);

  /* The text table names the baseline and says what the intervals mean. */
  r = prog("compare", "nato-lite-2025", "--baseline", "coalition-2025", "-n", "20000", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "Baseline: coalition-2025"));
  assert_non_null(strstr(r.out, "fewer attacks than coalition-2025"));
  assert_non_null(strstr(r.out, "(baseline)"));
  assert_non_null(strstr(r.out, "overstate the uncertainty of a difference"));
  assert_non_null(strstr(r.out, "prior 80%"));
  done(&r);

  /* With no baseline: no guarantee, named as such. */
  r = prog("compare", "nato-lite-2025", "-n", "20000", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "fewer attacks than no guarantee"));
  assert_null(strstr(r.out, "Baseline:"));
  done(&r);
  r = prog("compare", "nato-lite-2025", "--baseline", "none", "-n", "20000", "--json", NULL);
  assert_int_equal(r.status, 0);
  struct fy_document *d = json_of(r.out);
  assert_string_equal(value_at(d, "/arrangements/0/simulation/vs_baseline/baseline"), "none");
  assert_true(number_at(d, "/arrangements/0/simulation/vs_baseline/attack/estimate") ==
              -number_at(d, "/arrangements/0/simulation/fewer_attacks/estimate"));
  assert_true(number_at(d, "/arrangements/0/simulation/prior_spread/deterred/p10") <
              number_at(d, "/arrangements/0/simulation/prior_spread/deterred/p90"));
  fy_document_destroy(d);
  done(&r);

  r = prog("compare", "--baseline", "no-such-plan", "-n", "100", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "no arrangement 'no-such-plan'"));
  done(&r);
}

/* simulate --baseline: the same figures against another arrangement. */
static void test_simulate_baseline(void **state) {
  (void)state;
  run r = prog("simulate", "nato-lite-2025", "--baseline", "coalition-2025", "-n", "20000", "--json", NULL);
  assert_int_equal(r.status, 0);
  struct fy_document *d = json_of(r.out);
  assert_string_equal(value_at(d, "/result/vs_baseline/baseline"), "coalition-2025");
  assert_string_equal(value_at(d, "/result/arrangement"), "nato-lite-2025");
  assert_true(number_at(d, "/result/prior_spread/deterred/parameter_draws") == 20000);
  fy_document_destroy(d);
  done(&r);
  r = prog("simulate", "nato-lite-2025", "--baseline", "coalition-2025", "-n", "20000", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "Against coalition-2025, on the same draws:"));
  assert_non_null(strstr(r.out, "Over the priors (central 80% of the parameter draws"));
  done(&r);
  r = prog("simulate", "nato-lite-2025", "--baseline", "nato-lite-2025", "-n", "100", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "--baseline nato-lite-2025 is the arrangement simulated"));
  done(&r);
}

/* ---- What-ifs and sweeps, one command each --------------------------------- */

/* "Drop the US backstop from coalition-2025": the variant without the
 * US, paired with the original on the same draws. */
static void test_drop_us_backstop(void **state) {
  (void)state;
  run r = prog("simulate", "coalition-2025", "--drop", "USA", "-n", "20000", "--json", NULL);
  assert_int_equal(r.status, 0);
  struct fy_document *d = json_of(r.out);
  assert_string_equal(value_at(d, "/what_if/0/variant"), "coalition-2025-what-if");
  assert_string_equal(value_at(d, "/what_if/0/of"), "coalition-2025");
  assert_string_equal(value_at(d, "/what_if/0/edits/0"), "drop USA");
  assert_string_equal(value_at(d, "/result/arrangement"), "coalition-2025-what-if");
  assert_string_equal(value_at(d, "/result/vs_baseline/baseline"), "coalition-2025");
  /* No US guarantor is left. */
  struct fy_node *gs = fy_node_by_path(fy_document_root(d), "/result/guarantors", FY_NT, FYNWF_DONT_FOLLOW);
  void *it = NULL;
  for (struct fy_node *g; (g = fy_node_sequence_iterate(gs, &it)) != NULL;)
    assert_string_not_equal(fy_node_get_scalar0(fy_node_by_path(g, "/guarantor", FY_NT, FYNWF_DONT_FOLLOW)), "USA");
  /* The US air cover and intelligence help the defence: without them,
   * attacks succeed no less often than with them. */
  assert_true(number_at(d, "/result/vs_baseline/attack_succeeds/estimate") >= 0);
  fy_document_destroy(d);
  done(&r);
  r = prog("simulate", "coalition-2025", "--drop", "USA", "-n", "20000", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "What-if: coalition-2025-what-if is coalition-2025 with: drop USA"));
  assert_non_null(strstr(r.out, "Against coalition-2025, on the same draws:"));
  done(&r);
}

/* "A force of 60,000 instead of 32,000": every share of the reassurance
 * force times 60/32; the troops on offer say so. */
static void test_force_of_60000(void **state) {
  (void)state;
  run r = prog("simulate", "coalition-2025", "--set", "*.reassurance_force.troops=x1.875", "-n", "20000", "--json",
               NULL);
  assert_int_equal(r.status, 0);
  struct fy_document *d = json_of(r.out);
  assert_true(number_at(d, "/result/troops") == 60000);
  /* Paired with the original: a difference with an interval, not a guess. */
  double lo = number_at(d, "/result/vs_baseline/attack/lo"), hi = number_at(d, "/result/vs_baseline/attack/hi");
  assert_true(lo <= hi);
  fy_document_destroy(d);
  done(&r);
}

/* "Italy in under a UN mandate": in the scenario with a mandate, the
 * coalition against the same coalition without Italy. */
static void test_italy_under_un_mandate(void **state) {
  (void)state;
  run r = prog("compare", "coalition-2025", "--drop", "ITA", "--event", "un-mandate-offensive-zaporizhzhia",
               "--baseline", "coalition-2025-what-if", "-n", "20000", "--csv", NULL);
  assert_int_equal(r.status, 0);
  table *t = csv_of(r.out);
  assert_int_equal(t->nrows, 2);
  int with = row_of(t, "arrangement", "coalition-2025");
  assert_string_equal(cell(t, with, "baseline"), "coalition-2025-what-if");
  assert_string_equal(cell(t, row_of(t, "arrangement", "coalition-2025-what-if"), "what_if"), "drop ITA");
  /* With Italy's force on offer the coalition offers more troops. */
  assert_true(num(t, with, "troops") > num(t, row_of(t, "arrangement", "coalition-2025-what-if"), "troops"));
  table_free(t);
  done(&r);
  /* Italy's force acts only under a mandate: the trigger engine says so. */
  r = prog("trigger", "coalition-2025", "un-mandate-offensive-zaporizhzhia", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "ITA"));
  done(&r);
}

/* "coalition-2025 as a ratified treaty": beside the original, with the
 * difference paired. */
static void test_as_ratified_treaty(void **state) {
  (void)state;
  run r = prog("compare", "coalition-2025", "--set", "legal_form=treaty_ratified", "--baseline", "coalition-2025", "-n",
               "40000", "--csv", NULL);
  assert_int_equal(r.status, 0);
  table *t = csv_of(r.out);
  assert_int_equal(t->nrows, 2);
  int v = row_of(t, "arrangement", "coalition-2025-what-if");
  assert_string_equal(cell(t, v, "legal_form"), "treaty_ratified");
  assert_string_equal(cell(t, v, "what_if"), "set legal_form=treaty_ratified");
  /* A treaty is honoured more often than an executive agreement
   * (legal-form shifts, data/parameters.yaml): fewer attacks, by more than
   * the paired interval. */
  assert_true(num(t, v, "vs_attack_hi") < 0);
  table_free(t);
  done(&r);
  r = prog("compare", "coalition-2025", "--set", "legal_form=treaty", "-n", "100", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "unknown value 'treaty'"));
  done(&r);
  r = prog("compare", "coalition-2025", "nato-lite-2025", "--drop", "USA", "-n", "100", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "what-if 'USA': say which arrangement it changes (ARR/USA): several are given"));
  done(&r);
}

/* "A sweep of honour_base over five values for all arrangements into one
 * CSV": one row per run and arrangement, the swept value in its column,
 * and the gains grow with the honour rate. */
static void test_sweep_honour_base(void **state) {
  (void)state;
  run r = prog("compare", "--sweep", "honour_base=0.2,0.3,0.4,0.5,0.6", "--csv", "-n", "4000", NULL);
  assert_int_equal(r.status, 0);
  table *t = csv_of(r.out);
  assert_int_equal(t->nrows, 50);
  assert_string_equal(t->cell[0][0], "run");
  assert_string_equal(t->cell[0][1], "honour_base");
  double last = -1;
  for (int i = 0; i < t->nrows; i++) {
    if (strcmp(cell(t, i, "arrangement"), "nato-membership") != 0) continue;
    double f = num(t, i, "fewer_attacks");
    assert_true(f > last); /* On common random numbers: strictly. */
    last = f;
  }
  table_free(t);
  done(&r);
  r = prog("compare", "budapest-1994", "--sweep", "honour_base=0.2:0.6:3", "--json", "-n", "1000", NULL);
  assert_int_equal(r.status, 0);
  int lines = 0;
  for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n"), lines++) {
    struct fy_document *d = json_of(line);
    assert_string_equal(value_at(d, "/arrangement"), "budapest-1994");
    fy_document_destroy(d);
  }
  assert_int_equal(lines, 3);
  done(&r);
  r = prog("compare", "--sweep", "honor_base=0.2,0.3", "-n", "100", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "honor_base"));
  done(&r);
}

/* "Which assumptions decide between nato-lite-2025 and coalition-2025, and
 * where does the ordering flip": the indices of the difference and the
 * PRIM boxes, in one command. */
static void test_which_assumptions_decide(void **state) {
  (void)state;
  run r = prog("compare", "nato-lite-2025", "coalition-2025", "--sensitivity", "--samples", "1024", "-n", "10000",
               "--json", NULL);
  assert_int_equal(r.status, 0);
  struct fy_document *d = json_of(r.out);
  assert_string_equal(value_at(d, "/difference/sensitivity/arrangement"), "nato-lite-2025");
  assert_string_equal(value_at(d, "/difference/sensitivity/versus"), "coalition-2025");
  /* The indices are ordered by total index, each inside its interval's
   * neighbourhood, and at least one parameter matters. */
  double t0 = number_at(d, "/difference/sensitivity/indices/0/total");
  double t1 = number_at(d, "/difference/sensitivity/indices/1/total");
  assert_true(t0 >= t1 && t0 > 0.05);
  /* The flip is the minority ordering; every accepted box has its bounds,
   * and a density above the base rate it was tested against. */
  double ab = number_at(d, "/difference/discovery/a_beats_b/estimate");
  assert_true(ab > 0 && ab < 0.5);
  struct fy_node *boxes = fy_node_by_path(fy_document_root(d), "/difference/discovery/boxes", FY_NT,
                                          FYNWF_DONT_FOLLOW);
  assert_true(fy_node_sequence_item_count(boxes) >= 1);
  if (strcmp(value_at(d, "/difference/discovery/boxes/0/accepted"), "true") == 0) {
    assert_true(number_at(d, "/difference/discovery/boxes/0/density") >
                number_at(d, "/difference/discovery/boxes/0/base_rate"));
    assert_non_null(fy_node_by_path(fy_document_root(d), "/difference/discovery/boxes/0/bounds/0/parameter", FY_NT,
                                    FYNWF_DONT_FOLLOW));
  }
  fy_document_destroy(d);
  done(&r);
  r = prog("compare", "nato-lite-2025", "coalition-2025", "--sensitivity", "--samples", "512", "-n", "5000", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "Which assumptions decide whether nato-lite-2025 beats coalition-2025"));
  assert_non_null(strstr(r.out, "Where the ordering flips"));
  done(&r);
  r = prog("compare", "nato-lite-2025", "--sensitivity", "-n", "100", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "--sensitivity compares two arrangements, A and B; this run has 1"));
  done(&r);
}

/* trigger and assess read the variant in place of the original, and say
 * so; they take no --param (they read no parameter). */
static void test_trigger_assess_what_if(void **state) {
  (void)state;
  run r = prog("trigger", "coalition-2025", "after-ceasefire-offensive-zaporizhzhia", "--drop", "USA", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "What-if: coalition-2025-what-if is coalition-2025 with: drop USA"));
  assert_non_null(strstr(r.out, "under coalition-2025-what-if"));
  assert_null(strstr(r.out, " USA "));
  done(&r);
  r = prog("trigger", "coalition-2025", "after-ceasefire-offensive-zaporizhzhia", "--set", "ITA.commitment=firm",
           "--json", NULL);
  assert_int_equal(r.status, 0);
  struct fy_document *d = json_of(r.out);
  assert_string_equal(value_at(d, "/provenance/what_if/0/edits/0"), "set ITA.commitment=firm");
  assert_string_equal(value_at(d, "/arrangement"), "coalition-2025-what-if");
  fy_document_destroy(d);
  done(&r);
  r = prog("assess", "coalition-2025", "--set", "legal_form=treaty_ratified", "--json", NULL);
  assert_int_equal(r.status, 0);
  d = json_of(r.out);
  assert_string_equal(value_at(d, "/provenance/what_if/0/of"), "coalition-2025");
  fy_document_destroy(d);
  done(&r);
  /* Without a what-if the JSON is as it was: no "what_if" key. */
  r = prog("assess", "coalition-2025", "--json", NULL);
  assert_int_equal(r.status, 0);
  assert_null(strstr(r.out, "\"what_if\""));
  done(&r);
  r = prog("assess", "coalition-2025", "--drop", "XYZ", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "guarantor assess: what-if 'drop XYZ'"));
  done(&r);
  r = prog("assess", "coalition-2025", "--param", "honour_base=0.5", NULL);
  assert_int_equal(r.status, 2);
  done(&r);
}

/* A sweep of a fact and of an edit: a column each, named by its key (not
 * the whole KEY=LIST), every combination, the variant beside the original. */
static void test_sweep_fact_and_edit(void **state) {
  (void)state;
  run r = prog("compare", "coalition-2025", "--sweep", "coalition-2025/FRA.troops=10000:40000:4", "--sweep",
               "fact:un_mandate=true,false", "--csv", "-n", "500", NULL);
  assert_int_equal(r.status, 0);
  table *t = csv_of(r.out);
  assert_int_equal(t->nrows, 16); /* 4 x 2 runs, each the original and its variant. */
  assert_string_equal(t->cell[0][1], "coalition-2025/FRA.troops");
  assert_string_equal(t->cell[0][2], "fact:un_mandate");
  assert_string_equal(cell(t, 15, "fact:un_mandate"), "false");
  assert_string_equal(cell(t, 15, "arrangement"), "coalition-2025-what-if");
  table_free(t);
  done(&r);
}

/* The honour rate of guarantor `g` in simulate's JSON. */
static double honours_any(struct fy_document *d, const char *g) {
  struct fy_node *gs = fy_node_by_path(fy_document_root(d), "/result/guarantors", FY_NT, FYNWF_DONT_FOLLOW);
  void *it = NULL;
  for (struct fy_node *n; (n = fy_node_sequence_iterate(gs, &it)) != NULL;)
    if (strcmp(fy_node_get_scalar0(fy_node_by_path(n, "/guarantor", FY_NT, FYNWF_DONT_FOLLOW)), g) == 0)
      return atof(fy_node_get_scalar0(fy_node_by_path(n, "/honours_any/estimate", FY_NT, FYNWF_DONT_FOLLOW)));
  fail_msg("no guarantor %s", g);
  return -1;
}

/* "Italy in": Italy's force is conditional on a UN mandate. A firm
 * commitment alone does not bring it in (the condition still blocks it);
 * the mandate alone does; both, and Italy honours more often still. */
static void test_italy_firm_and_mandate(void **state) {
  (void)state;
  double h[3];
  const char *argv[3][6] = {{"--set", "ITA.commitment=firm", NULL},
                            {"--facts", "un_mandate=true", NULL},
                            {"--set", "ITA.commitment=firm", "--facts", "un_mandate=true", NULL}};
  for (int i = 0; i < 3; i++) {
    run r = prog("simulate", "coalition-2025", "-n", "20000", "--json", argv[i][0], argv[i][1], argv[i][2], argv[i][3],
                 NULL);
    assert_int_equal(r.status, 0);
    struct fy_document *d = json_of(r.out);
    h[i] = honours_any(d, "ITA");
    fy_document_destroy(d);
    done(&r);
  }
  assert_true(h[0] == 0);
  assert_true(h[1] > 0.01);
  assert_true(h[2] > h[1]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_compare_baseline),
      cmocka_unit_test(test_simulate_baseline),
      cmocka_unit_test(test_drop_us_backstop),
      cmocka_unit_test(test_force_of_60000),
      cmocka_unit_test(test_italy_under_un_mandate),
      cmocka_unit_test(test_as_ratified_treaty),
      cmocka_unit_test(test_sweep_honour_base),
      cmocka_unit_test(test_which_assumptions_decide),
      cmocka_unit_test(test_trigger_assess_what_if),
      cmocka_unit_test(test_sweep_fact_and_edit),
      cmocka_unit_test(test_italy_firm_and_mandate),
  };
  return cmocka_run_group_tests(tests, cli_setup, cli_teardown);
}
