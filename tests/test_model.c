/*
 * Known answers of the compiled model (docs/model.md, sections 2.2 to 2.7):
 * for fixed parameter vectors θ, not random ones, the honour log-odds, the
 * covariates the compiler derives, the perceived defence, the chance of
 * success, the punishment and the decision equal values computed here by
 * hand from the equations of docs/model.md; the quantiles of days to help
 * equal their order statistics. Each expected value is written out from the
 * specification, independently of src/lib/mc, so that a change to an
 * equation (a shift dropped, a max made a sum, a weight forced to 1, a rank
 * off by one) fails a test (tests/mutation/run.sh checks that it does).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "guarantor/assess.h"
#include "mc/mc.h"
#include "mc/stats.h"

/* A test arrangement against the built-in offensive on Zaporizhzhia (RUS,
 * armed_attack, major, UA-23 government side). */
static const char *const KAT =
    "arrangement:\n"
    "  id: kat\n  title: Known answers\n  protects: UKR\n  date: 2025-06-01\n  status: proposed\n"
    "  legal_form: treaty_signed\n  sources: [{assumption: test}]\n"
    "  obligations:\n"
    "    - {guarantor: USA, kind: military_intervention, triggers: [armed_attack], activation: automatic,\n"
    "       sources: [{assumption: test}]}\n"
    "    - {guarantor: USA, kind: air_cover, triggers: [armed_attack], activation: discretionary,\n"
    "       sources: [{assumption: test}]}\n"
    "    - {guarantor: DEU, kind: reassurance_force, troops: 5000, commitment: willing,\n"
    "       location: {regions: [UA-23]}, triggers: [attack_on_guarantor_forces],\n"
    "       activation: after_consultation, deadline_days: 30, sources: [{assumption: test}]}\n"
    "    - {guarantor: FRA, kind: sanctions, triggers: [armed_attack], activation: automatic,\n"
    "       sources: [{assumption: test}]}\n"
    "    - {guarantor: GBR, kind: arms_supply, value: 1000, triggers: [armed_attack], activation: automatic,\n"
    "       sources: [{assumption: test}]}\n";

/* Issue 10's cases (docs/model.md, sections 2.2, 2.3 and 2.5): groups as
 * guarantors, a force cap, a menu of means, the appended kinds, and a
 * position dated after the arrangement, each a file of its own. Groups:
 * COAL holds SA directly and through NRD, SB through NRD, and SC, whose
 * personnel is not given; NOP holds only SC; EMPTY holds nobody. */
#define T_SRC "sources: [{assumption: test}]"
#define T_ARR(id, extra)                                                                                           \
  "arrangement:\n  id: " id "\n  title: t\n  protects: UKR\n  date: 2025-06-01\n  status: proposed\n"             \
  "  legal_form: treaty_signed\n  " T_SRC "\n" extra "  obligations:\n"
#define T_OB(g, what) "    - {guarantor: " g ", " what ", triggers: [armed_attack], activation: automatic, " T_SRC "}\n"
static const char *const ISSUE10[] = {
    "actors:\n"
    "  - {id: NRD, name: N, type: group, memberships: [COAL], " T_SRC "}\n"
    "  - {id: COAL, name: C, type: group, " T_SRC "}\n"
    "  - {id: NOP, name: P, type: organisation, " T_SRC "}\n"
    "  - {id: EMPTY, name: E, type: group, " T_SRC "}\n"
    "  - {id: SA, name: A, type: state, personnel: 10000, memberships: [NRD, COAL], " T_SRC "}\n"
    "  - {id: SB, name: B, type: state, personnel: 20000, memberships: [NRD], " T_SRC "}\n"
    "  - {id: SC, name: C, type: state, memberships: [COAL, NOP], " T_SRC "}\n"
    "events:\n"
    "  - {id: ev-nato, title: t, kind: armed_attack, aggressor: NATO, target: UKR, scale: major,\n"
    "     locations: [{region: UA-23, side: government}], " T_SRC "}\n"
    "positions:\n"
    "  - {id: gbr-2030-test, actor: GBR, topic: test_arms, date: 2030-01-01, rule: forbid, confidence: high,\n"
    "     summary: t, match: {kinds: [arms_supply], guarantors: [GBR]}, source: {assumption: test}}\n",
    T_ARR("g-coal", "") T_OB("COAL", "kind: military_intervention"),
    T_ARR("g-nato", "") T_OB("NATO", "kind: military_intervention"),
    T_ARR("g-p5", "") T_OB("P5", "kind: military_intervention"),
    T_ARR("g-empty", "") T_OB("EMPTY", "kind: sanctions"),
    T_ARR("g-nop", "") T_OB("NOP", "kind: sanctions"),
    T_ARR("g-sc", "") T_OB("SC", "kind: sanctions"),
    T_ARR("cap-600", "  force_cap: 600000\n") T_OB("USA", "kind: consultation"),
    T_ARR("cap-900", "  force_cap: 900000\n") T_OB("USA", "kind: consultation"),
    T_ARR("cap-none", "") T_OB("USA", "kind: consultation"),
    T_ARR("cap-0", "  force_cap: 0\n") T_OB("USA", "kind: consultation"),
    T_ARR("menu", "") T_OB("CAN", "means: [military_intervention, air_cover, arms_supply]")
        T_OB("NLD", "means: [logistics, force_financing, prepositioned_stocks]"),
    T_ARR("menu-cheapest", "") T_OB("CAN", "kind: arms_supply") T_OB("NLD", "kind: force_financing"),
};

static gr_catalog *cat;
static const gr_arrangement *kat;
static const gr_event *ev;

static int setup(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  cat = gr_catalog_new();
  int ok = gr_catalog_load_builtin(cat, &err) == GR_OK;
  for (size_t i = 0; ok && i < sizeof ISSUE10 / sizeof ISSUE10[0]; i++)
    ok = gr_catalog_load_buffer(cat, "issue10.yaml", ISSUE10[i], strlen(ISSUE10[i]), &err) == GR_OK;
  ok = ok && gr_catalog_load_buffer(cat, "kat.yaml", KAT, strlen(KAT), &err) == GR_OK &&
       gr_catalog_validate(cat, &err) == GR_OK;
  if (!ok) fprintf(stderr, "%s\n", err.message);
  gr_error_clear(&err);
  kat = gr_catalog_arrangement(cat, "kat");
  ev = gr_catalog_event(cat, "offensive-zaporizhzhia");
  return ok ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  gr_catalog_free(cat);
  return 0;
}

static double personnel(const char *id) { return gr_catalog_actor(cat, id)->personnel.value; }

/* The shift a guarantor's own positions give (section 2.2, "Own
 * positions"), from the assess engine's verdict at `date`: 2 veto, 1
 * objection. */
static int own_at(const char *guarantor, gr_date date) {
  gr_assessment *as = NULL;
  const char *only[1] = {guarantor};
  assert_int_equal(gr_assessment_new(cat, kat, NULL, date, only, 1, &as, NULL), GR_OK);
  gr_verdict v = as->actors[0].verdict;
  gr_assessment_free(as);
  return v == GR_VERDICT_VETOES ? 2 : v == GR_VERDICT_OBJECTS ? 1 : 0;
}

/* The same at the date the model reads positions without --as-of: the
 * trigger engine's, here the arrangement's own (the event has no day 0). */
static int own_of(const char *guarantor) { return own_at(guarantor, kat->date); }
static double logit(double p) { return log(p / (1 - p)); }
static double sigma(double x) { return 1 / (1 + exp(-x)); }

/* A parameter vector with a distinct value for each parameter, so that a
 * term read from the wrong place shows. */
static void theta(double *th) {
  for (int j = 0; j < GR__P_COUNT; j++) th[j] = 0.01 * (j + 1);
  th[GR__P_HONOUR_BASE] = 0.62;
  th[GR__P_COST_COMBAT] = -0.21;
  th[GR__P_COST_OTHER] = 0.17;
  th[GR__P_COST_SUPPLY] = 0.09;
  th[GR__P_LEGAL_TREATY_SIGNED] = -0.33;
  th[GR__P_ACT_AFTER_CONSULTATION] = -0.41;
  th[GR__P_ACT_DISCRETIONARY] = -0.77;
  th[GR__P_COMMIT_WILLING] = -0.52;
  th[GR__P_TRIPWIRE] = 1.13;
  th[GR__P_APPROVAL] = -0.61;
  th[GR__P_NUCLEAR] = -0.87;
  th[GR__P_OWN_VETO] = -1.9;
  th[GR__P_OWN_OBJECTION] = -0.45;
  th[GR__P_PERCEPTION_BIAS] = 0.23;
  th[GR__P_AGGRESSOR_OPTIMISM] = 1.3;
  th[GR__P_ATTACK_SHARE_MAJOR] = 0.35;
  th[GR__P_DEFENCE_SHARE] = 0.12;
  th[GR__P_FORCE_RATIO_THRESHOLD] = 2.7;
  th[GR__P_SUCCESS_SLOPE] = 2.2;
  th[GR__P_GUARANTOR_QUALITY] = 1.4;
  th[GR__P_RESERVE_SHARE] = 0.3;
  th[GR__P_INTERVENTION_SHARE] = 0.04;
  th[GR__P_AIR_COVER_FACTOR] = 1.25;
  th[GR__P_ARMS_TROOPS_PER_BUSD] = 2500;
  th[GR__P_ARMS_YEARS] = 1.5;
  th[GR__P_GAIN] = 1;
  th[GR__P_WAR_COST] = 0.05;
  th[GR__P_PUNISH_MILITARY] = 0.6;
  th[GR__P_PUNISH_SANCTIONS] = 0.11;
  th[GR__P_PUNISH_SUPPORT] = 0.07;
}

static void near(double got, double want) {
  if (!(fabs(got - want) <= 1e-12 * (1 + fabs(want)))) {
    fprintf(stderr, "got %.17g, want %.17g\n", got, want);
    fail();
  }
}

/* Section 2.2: η = b0 + c[kind] + L[form] + M[activation] + C[commitment]
 * + the tripwire, approval, nuclear and own-position shifts. */
static void test_honour_log_odds(void **state) {
  (void)state;
  double th[GR__P_COUNT];
  theta(th);
  double b0 = logit(0.62) - (-0.21);
  near(gr__honour_base_logit(th), b0);
  gr__cob b;
  memset(&b, 0, sizeof b);
  b.kind = GR_OB_MILITARY_INTERVENTION;
  b.form = GR_LF_TREATY_RATIFIED;
  b.activation = GR_ACT_AUTOMATIC;
  b.commitment = GR_COMMIT_FIRM;
  /* The reference obligation: honour_base itself. */
  near(gr__honour_logit(&b, th, b0), logit(0.62));
  /* Each shift alone, then all together. */
  b.tripwire = true;
  near(gr__honour_logit(&b, th, b0), logit(0.62) + 1.13);
  b.tripwire = false;
  b.approval = true;
  near(gr__honour_logit(&b, th, b0), logit(0.62) - 0.61);
  b.approval = false;
  b.nuclear = true;
  near(gr__honour_logit(&b, th, b0), logit(0.62) - 0.87);
  b.nuclear = false;
  b.own = 2;
  near(gr__honour_logit(&b, th, b0), logit(0.62) - 1.9);
  b.own = 1;
  near(gr__honour_logit(&b, th, b0), logit(0.62) - 0.45);
  b = (gr__cob){.kind = GR_OB_SANCTIONS, .form = GR_LF_TREATY_SIGNED, .activation = GR_ACT_AFTER_CONSULTATION,
                .commitment = GR_COMMIT_WILLING, .tripwire = true, .approval = true, .nuclear = true, .own = 2};
  near(gr__honour_logit(&b, th, b0), b0 + 0.17 - 0.33 - 0.41 - 0.52 + 1.13 - 0.61 - 0.87 - 1.9);
}

/* What the compiler derives for each obligation (sections 2.1 to 2.3). */
static void test_compiled_covariates(void **state) {
  (void)state;
  gr__carr c;
  gr_error err = GR_ERROR_INIT;
  assert_int_equal(gr__compile(cat, kat, NULL, ev, NULL, 0, &c, &err), GR_OK);
  near(c.aggressor, personnel("RUS"));
  near(c.protected_, personnel("UKR"));
  assert_int_equal(c.share, GR__P_ATTACK_SHARE_MAJOR);
  assert_int_equal(c.nobs, 5);
  assert_int_equal(c.ng, 4);
  assert_string_equal(c.g[0], "USA");
  assert_string_equal(c.g[1], "DEU");
  const gr__cob *usa_int = &c.obs[0], *usa_air = &c.obs[1], *deu = &c.obs[2], *fra = &c.obs[3], *gbr = &c.obs[4];
  for (size_t i = 0; i < c.nobs; i++) {
    assert_int_equal(c.obs[i].index, i);
    assert_true(c.obs[i].acting);
    assert_int_equal(c.obs[i].form, GR_LF_TREATY_SIGNED);
    assert_int_equal(c.obs[i].own, own_of(c.g[c.obs[i].g]));
  }
  /* In the built-in positions in force on the arrangement's date
   * (2025-06-01): the USA vetoes (no US troops), the United Kingdom
   * accepts; France and Germany stated theirs on 2025-08-22, later, so they
   * are not read (test_positions_date has them). */
  assert_int_equal(usa_int->own, 2);
  assert_int_equal(deu->own, 0);
  assert_int_equal(fra->own, 0);
  assert_int_equal(gbr->own, 0);
  /* The USA: combat kinds against a nuclear aggressor; executive approval;
   * as large as Russia or larger, so full weight. */
  assert_true(usa_int->nuclear && usa_air->nuclear);
  assert_false(usa_int->approval || usa_air->approval);
  assert_false(usa_int->tripwire || usa_air->tripwire);
  near(usa_int->weight, 1);
  assert_int_equal(usa_air->activation, GR_ACT_DISCRETIONARY);
  /* Germany's force stands in the struck region: a tripwire, engaged; its
   * parliament must approve first; weight N_DEU / N_RUS. */
  assert_true(deu->tripwire && deu->engaged && deu->approval && deu->nuclear);
  near(deu->weight, personnel("DEU") / personnel("RUS"));
  assert_true(deu->weight < 1);
  near(deu->troops, 5000);
  assert_int_equal(deu->deadline, 30);
  assert_int_equal(deu->commitment, GR_COMMIT_WILLING);
  /* Sanctions and arms are not combat kinds. */
  assert_false(fra->nuclear || fra->approval || gbr->nuclear || gbr->approval);
  near(gbr->value, 1000);
  gr__carr_free(&c);
  /* With the parliament's approval given, Germany's shift goes. */
  gr_facts *f = NULL;
  assert_int_equal(gr_facts_new(cat, kat, &f, &err), GR_OK);
  assert_int_equal(gr_facts_parse(f, "parliament_approval=true", &err), GR_OK);
  assert_int_equal(gr__compile(cat, kat, NULL, ev, f, 0, &c, &err), GR_OK);
  assert_false(c.obs[2].approval);
  gr__carr_free(&c);
  gr_facts_free(f);
  gr_error_clear(&err);
}

/* Sections 2.3 to 2.5, by hand: the perceived defence, the attack, the
 * chance of success, the punishment and the margin. */
static void test_decision_by_hand(void **state) {
  (void)state;
  double th[GR__P_COUNT];
  theta(th);
  gr__carr c;
  assert_int_equal(gr__compile(cat, kat, NULL, ev, NULL, 0, &c, NULL), GR_OK);
  gr__work work;
  assert_int_equal(gr__work_init(&work, c.nobs, c.ng), 0);
  const double *lg = work.logit;
  gr__weighing w;
  gr__weigh(&c, th, &work, &w);

  double b0 = logit(0.62) + 0.21, beta = 0.23;
  const double own[3] = {0, -0.45, -1.9}; /* accepts, objects, vetoes */
  /* Log-odds (2.2) and perceived honour. */
  double e_int = b0 - 0.21 - 0.33 - 0.87 + own[own_of("USA")];        /* combat, treaty_signed, nuclear */
  double e_air = b0 - 0.21 - 0.33 - 0.77 - 0.87 + own[own_of("USA")]; /* ... discretionary */
  double e_deu = b0 - 0.21 - 0.33 - 0.41 - 0.52 + 1.13 - 0.61 - 0.87 + own[own_of("DEU")];
  /* ... after consultation, willing, tripwire, approval pending */
  double e_fra = b0 + 0.17 - 0.33 + own[own_of("FRA")];
  double e_gbr = b0 + 0.09 - 0.33 + own[own_of("GBR")];
  near(lg[0], e_int);
  near(lg[1], e_air);
  near(lg[2], e_deu);
  near(lg[3], e_fra);
  near(lg[4], e_gbr);
  double p_int = sigma(e_int + beta), p_air = sigma(e_air + beta), p_deu = sigma(e_deu + beta);
  double p_fra = sigma(e_fra + beta), p_gbr = sigma(e_gbr + beta);
  /* Additions (2.3). */
  double a_int = personnel("USA") * 0.04 * 1.4;  /* no troops stated: N_g · ι, times q */
  double a_deu = 5000 * 1.4 * 1;                 /* stands in the struck region: engaged */
  double a_gbr = 1000 / 1000.0 * 1.5 * 2500;     /* $M a year / 1000 · years · troops per $bn */
  double d0 = personnel("UKR") * 0.12;
  double defence = (d0 + p_int * a_int + p_deu * a_deu + p_gbr * a_gbr) * (1 + (1.25 - 1) * p_air);
  near(w.defence, defence);
  double attack = personnel("RUS") * 0.35 * 1.3;
  near(w.attack, attack);
  /* Success (2.4). */
  double success = 1 / (1 + pow(2.7 * defence / attack, 2.2));
  near(w.success, success);
  near(gr__p_success(attack, defence, th), success);
  /* Punishment (2.5): per guarantor and class, the largest; the military
   * class weighted by size (capped at 1). */
  double pun_usa = fmax(p_int, p_air) * 0.6 * 1;
  double pun_deu = p_deu * 0.6 * (personnel("DEU") / personnel("RUS"));
  double punishment = pun_usa + pun_deu + p_fra * 0.11 + p_gbr * 0.07;
  near(w.punishment, punishment);
  near(w.margin, 1 * success - 0.05 - punishment);
  assert_int_equal(gr__decide(&c, th, &work), w.margin > 0);
  /* A war costly enough deters; a free one with no punishment does not. */
  th[GR__P_WAR_COST] = 5;
  assert_false(gr__decide(&c, th, &work));
  gr__work_free(&work);
  gr__carr_free(&c);
}

/* Section 2.4's edge cases and a value by hand. */
static void test_success_probability(void **state) {
  (void)state;
  double th[GR__P_COUNT];
  theta(th);
  th[GR__P_FORCE_RATIO_THRESHOLD] = 3;
  th[GR__P_SUCCESS_SLOPE] = 2;
  near(gr__p_success(300, 100, th), 0.5);      /* At the threshold ratio. */
  near(gr__p_success(600, 100, th), 0.8);      /* 1 / (1 + (3/6)^2) */
  near(gr__p_success(100, 100, th), 0.1);      /* 1 / (1 + 3^2) */
  near(gr__p_success(100, 0, th), 1);          /* No defence. */
}

/* Quantiles of days to help (section 1): the value of rank ceil(nq) - 1
 * (0-based) and the ranks nq ± 1.96 sqrt(nq(1-q)), rounded outwards. */
static void test_quantile_ranks(void **state) {
  (void)state;
  uint64_t hist[20] = {0};
  for (int d = 0; d < 10; d++) hist[d] = 1; /* One observation on each of days 0..9. */
  gr_quantile m = gr__hist_quantile(hist, 20, 0.5);
  near(m.value, 4);
  near(m.lo, 1); /* floor(5 - 3.099) */
  near(m.hi, 9); /* ceil(5 + 3.099) = 9, the last rank */
  gr_quantile p = gr__hist_quantile(hist, 20, 0.9);
  near(p.value, 8);
  near(p.lo, 7);
  near(p.hi, 9);
  /* Weighted bins: 3 on day 2, 5 on day 7, 2 on day 11 (ranks 0-2, 3-7, 8-9). */
  memset(hist, 0, sizeof hist);
  hist[2] = 3;
  hist[7] = 5;
  hist[11] = 2;
  m = gr__hist_quantile(hist, 20, 0.5);
  near(m.value, 7); /* rank 4 */
  near(m.lo, 2);    /* rank 1 */
  near(m.hi, 11);   /* rank 9 */
  gr_quantile q = gr__hist_quantile(hist, 20, 0.3);
  near(q.value, 2); /* rank ceil(3) - 1 = 2: the last on day 2 */
  memset(hist, 0, sizeof hist);
  q = gr__hist_quantile(hist, 20, 0.5);
  assert_true(isnan(q.value) && isnan(q.lo) && isnan(q.hi));
}

/* ---- Issue 10 ------------------------------------------------------------ */

static void compile_ok(const char *id, gr__carr *c) {
  gr_error err = GR_ERROR_INIT;
  gr_status st = gr__compile(cat, gr_catalog_arrangement(cat, id), NULL, ev, NULL, 0, c, &err);
  if (st != GR_OK) fprintf(stderr, "%s: %s\n", id, err.message);
  assert_int_equal(st, GR_OK);
  gr_error_clear(&err);
}

static void compile_refused(const char *id, const gr_event *e, const char *message) {
  gr__carr c;
  gr_error err = GR_ERROR_INIT;
  assert_int_equal(gr__compile(cat, gr_catalog_arrangement(cat, id), NULL, e, NULL, 0, &c, &err), GR_E_INVALID);
  assert_string_equal(err.message, message);
  gr_error_clear(&err);
}

/* Point 11 (section 2.3, "Sizes"): an organisation or group is weighed by
 * its member states, each once, the aggressor left out; or refused with a
 * message naming it. Before, each of these had N_g = 0 and w_g = 0. */
static void test_group_guarantors(void **state) {
  (void)state;
  double th[GR__P_COUNT];
  theta(th);
  gr__carr c;
  /* COAL: SA (directly and through NRD, counted once) and SB (through
   * NRD); SC, whose personnel is not given, is left out. */
  compile_ok("g-coal", &c);
  near(c.obs[0].g_personnel, 10000 + 20000);
  assert_int_equal(c.obs[0].members, 2);
  near(c.obs[0].weight, 30000 / personnel("RUS"));
  near(gr__addition(&c.obs[0], th), 30000 * 0.04 * 1.4); /* N_g · ι · q, unsized. */
  gr__carr_free(&c);
  /* NATO: its nine member states of the catalog; together larger than
   * Russia, so full weight. */
  compile_ok("g-nato", &c);
  double nato = personnel("USA") + personnel("GBR") + personnel("FRA") + personnel("DEU") + personnel("ITA") +
                personnel("POL") + personnel("CAN") + personnel("NLD") + personnel("TUR");
  near(c.obs[0].g_personnel, nato);
  assert_int_equal(c.obs[0].members, 9);
  near(c.obs[0].weight, 1);
  gr__carr_free(&c);
  /* The P5 against Russia: Russia does not punish itself. */
  compile_ok("g-p5", &c);
  near(c.obs[0].g_personnel, personnel("CHN") + personnel("FRA") + personnel("GBR") + personnel("USA"));
  assert_int_equal(c.obs[0].members, 4);
  gr__carr_free(&c);
  /* A state keeps its own personnel. */
  compile_ok("menu", &c);
  near(c.obs[0].g_personnel, personnel("CAN"));
  assert_int_equal(c.obs[0].members, 0);
  gr__carr_free(&c);
  /* Nothing to weigh: refused, never a silent zero. */
  compile_refused("g-empty", ev,
                  "the model cannot weigh guarantor 'EMPTY': a group with no member whose personnel is known; name "
                  "its members as guarantors");
  compile_refused("g-nop", ev,
                  "the model cannot weigh guarantor 'NOP': an organisation with no member whose personnel is known; "
                  "name its members as guarantors");
  compile_refused("g-sc", ev,
                  "the model cannot weigh guarantor 'SC': a state whose personnel is not given; give it in an "
                  "actors file");
  /* The aggressor is a state, not expanded. */
  compile_refused("kat", gr_catalog_event(cat, "ev-nato"),
                  "the model cannot weigh the aggressor 'NATO': an organisation, not a state");
}

/* Point 3 (section 2.3, D0): the protected state defends with at most
 * force_cap. */
static void test_force_cap(void **state) {
  (void)state;
  gr__carr c;
  compile_ok("cap-900", &c); /* Above Ukraine's 800,000: no effect. */
  near(c.protected_, personnel("UKR"));
  gr__carr_free(&c);
  compile_ok("cap-none", &c);
  near(c.protected_, personnel("UKR"));
  gr__carr_free(&c);
  compile_ok("cap-600", &c);
  near(c.protected_, 600000);
  /* Known answer: a consultation adds nothing, so D̃ = 600,000 · δ. */
  double th[GR__P_COUNT];
  theta(th);
  gr__work work;
  assert_int_equal(gr__work_init(&work, c.nobs, c.ng), 0);
  gr__weighing w;
  gr__weigh(&c, th, &work, &w);
  double defence = 600000 * 0.12, attack = personnel("RUS") * 0.35 * 1.3;
  near(w.defence, defence);
  near(w.success, 1 / (1 + pow(2.7 * defence / attack, 2.2)));
  near(w.margin, w.success - 0.05);
  gr__work_free(&work);
  gr__carr_free(&c);
}

/* Point 3, as a property: on the draws of the built-in priors, wherever
 * the aggressor attacks at one cap it attacks at every lower cap, so
 * lowering the cap never raises P(deterred). */
static void test_lower_cap_never_deters_more(void **state) {
  (void)state;
  static const char *const caps[] = {"cap-none", "cap-900", "cap-600", "cap-0"}; /* Highest first. */
  enum { NCAPS = sizeof caps / sizeof caps[0] };
  gr__carr c[NCAPS];
  for (size_t k = 0; k < NCAPS; k++) compile_ok(caps[k], &c[k]);
  gr_params *ps = NULL;
  assert_int_equal(gr_params_new(cat, &ps, NULL), GR_OK);
  gr__work work;
  assert_int_equal(gr__work_init(&work, 1, 1), 0);
  int attacks[NCAPS] = {0};
  for (uint64_t d = 0; d < 20000; d++) {
    double th[GR__P_COUNT];
    gr__sample_theta(ps, 7, d, th);
    bool before = false;
    for (size_t k = 0; k < NCAPS; k++) {
      bool attacks_here = gr__decide(&c[k], th, &work);
      assert_true(attacks_here || !before);
      attacks[k] += attacks_here;
      before = attacks_here;
    }
  }
  /* The cap bites: fewer deterred at 600,000 than uncapped, none at 0. */
  assert_int_equal(attacks[0], attacks[1]);
  assert_true(attacks[2] > attacks[1]);
  assert_int_equal(attacks[3], 20000);
  gr__work_free(&work);
  gr_params_free(ps);
  for (size_t k = 0; k < NCAPS; k++) gr__carr_free(&c[k]);
}

/* Point 9 (section 2.2, "Menus"): a menu is read at its cheapest means,
 * exactly as an obligation of that kind (the record's kind, which the
 * loader sets to the strongest, is not what the model reads). */
static void test_menu_cheapest_means(void **state) {
  (void)state;
  const gr_arrangement *m = gr_catalog_arrangement(cat, "menu");
  assert_int_equal(m->obligations.items[0].kind, GR_OB_MILITARY_INTERVENTION);
  assert_int_equal(m->obligations.items[1].kind, GR_OB_PREPOSITIONED_STOCKS);
  gr__carr menu, plain;
  compile_ok("menu", &menu);
  compile_ok("menu-cheapest", &plain);
  assert_int_equal(menu.obs[0].kind, GR_OB_ARMS_SUPPLY);
  assert_int_equal(menu.obs[1].kind, GR_OB_FORCE_FINANCING);
  /* Not a combat kind: no nuclear or approval shift, no factor. */
  assert_false(menu.obs[0].nuclear || menu.obs[0].approval);
  assert_int_equal(menu.obs[0].slot, -1);
  /* The same random streams: honoured in the same draws. */
  for (size_t i = 0; i < 2; i++) assert_int_equal(menu.obs[i].stream, plain.obs[i].stream);
  double th[GR__P_COUNT];
  theta(th);
  gr__work wm, wp;
  assert_int_equal(gr__work_init(&wm, 2, 2), 0);
  assert_int_equal(gr__work_init(&wp, 2, 2), 0);
  gr__weighing a, b;
  gr__weigh(&menu, th, &wm, &a);
  gr__weigh(&plain, th, &wp, &b);
  for (size_t i = 0; i < 2; i++) near(wm.logit[i], wp.logit[i]);
  near(a.defence, b.defence);
  near(a.punishment, b.punishment);
  near(a.margin, b.margin);
  /* By hand: arms supply costs cost_supply_shift and adds arms; both
   * punish in the support class, the largest per guarantor. */
  double b0 = logit(0.62) + 0.21;
  near(wm.logit[0], b0 + 0.09 - 0.33);
  near(wm.logit[1], b0 + 0.17 - 0.33);
  double p0 = sigma(wm.logit[0] + 0.23), p1 = sigma(wm.logit[1] + 0.23);
  near(a.punishment, (p0 + p1) * 0.07);
  near(a.defence, personnel("UKR") * 0.12 + p0 * (th[GR__P_ARMS_DEFAULT_MUSD] / 1000.0 * 1.5 * 2500));
  gr__work_free(&wm);
  gr__work_free(&wp);
  gr__carr_free(&menu);
  gr__carr_free(&plain);
}

/* Point 9, the appended kinds (section 2.9): every kind has a full row of
 * the model's table, and the appended ones the rows docs/model.md states. */
static void test_kind_rows(void **state) {
  (void)state;
  static const int costs[] = {GR__P_COST_COMBAT, GR__P_COST_PRESENCE, GR__P_COST_SUPPLY, GR__P_COST_OTHER,
                              GR__P_COST_CONSULTATION};
  static const int delays[] = {GR__P_DELAY_FAST, GR__P_DELAY_SANCTIONS, GR__P_DELAY_SUPPLY,
                               GR__P_DELAY_INTERVENTION};
  for (int k = 0; k < GR_OB__COUNT; k++) {
    const gr__kind_row *r = &gr__kinds[k];
    bool cost = false, delay = false, factor = r->factor == -1;
    for (size_t i = 0; i < sizeof costs / sizeof costs[0]; i++) cost |= r->cost == costs[i];
    for (size_t i = 0; i < sizeof delays / sizeof delays[0]; i++) delay |= r->delay == delays[i];
    for (int i = 0; i < GR__NFACTORS; i++) factor |= r->factor == gr__factor_params[i];
    assert_true(cost && delay && factor);
    assert_true(r->punish >= GR__PUN_NONE && r->punish < GR__PUN_COUNT);
    assert_int_equal(r->combat, k == GR_OB_NAVAL_PRESENCE || k == GR_OB_AIR_COVER || k == GR_OB_REASSURANCE_FORCE ||
                                    k == GR_OB_MILITARY_INTERVENTION);
  }
  static const gr__kind_row want[] = {
      [GR_OB_CEASEFIRE_MONITORING] = {GR__P_COST_CONSULTATION, -1, GR__PUN_NONE, GR__P_DELAY_FAST, false},
      [GR_OB_LOGISTICS] = {GR__P_COST_SUPPLY, -1, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false},
      [GR_OB_PREPOSITIONED_STOCKS] = {GR__P_COST_SUPPLY, -1, GR__PUN_SUPPORT, GR__P_DELAY_FAST, false},
      [GR_OB_FORTIFICATION_SUPPORT] = {GR__P_COST_OTHER, -1, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false},
      [GR_OB_FORCE_FINANCING] = {GR__P_COST_OTHER, -1, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false},
  };
  double th[GR__P_COUNT];
  theta(th);
  for (int k = GR_OB_CEASEFIRE_MONITORING; k < GR_OB__COUNT; k++) {
    const gr__kind_row *r = &gr__kinds[k];
    assert_true(r->cost == want[k].cost && r->factor == want[k].factor && r->punish == want[k].punish &&
                r->delay == want[k].delay && r->combat == want[k].combat);
    gr__cob b = {.kind = k, .troops = 1000, .value = 500, .g_personnel = 1e5};
    near(gr__addition(&b, th), 0); /* They add no troop-equivalents. */
  }
}

/* Point 13 (section 2.2, "Own positions"): without --as-of the positions
 * are read at the date the trigger engine uses (the event's day 0, else
 * the arrangement's date), not at their latest; a position dated later
 * does not move the result. */
static void test_positions_date(void **state) {
  (void)state;
  gr_date sep, later;
  assert_int_equal(gr_date_parse("2025-09-01", &sep), GR_OK);
  assert_int_equal(gr_date_parse("2030-06-01", &later), GR_OK);
  gr__carr c;
  assert_int_equal(gr__compile(cat, kat, NULL, ev, NULL, 0, &c, NULL), GR_OK);
  for (size_t i = 0; i < c.nobs; i++) assert_int_equal(c.obs[i].own, own_at(c.g[c.obs[i].g], kat->date));
  assert_int_equal(c.obs[2].own, 0); /* Germany: nothing stated by 2025-06-01. */
  assert_int_equal(c.obs[3].own, 0); /* France: likewise. */
  assert_int_equal(c.obs[4].own, 0); /* The United Kingdom: its 2030 veto not yet. */
  gr__carr_free(&c);
  /* On 2025-09-01 France and Germany have stated theirs: they object. */
  assert_int_equal(gr__compile(cat, kat, NULL, ev, NULL, sep, &c, NULL), GR_OK);
  assert_int_equal(c.obs[0].own, 2);
  assert_int_equal(c.obs[2].own, 1);
  assert_int_equal(c.obs[3].own, 1);
  assert_int_equal(c.obs[4].own, 0);
  gr__carr_free(&c);
  /* In 2030 the United Kingdom's own position vetoes its arms supply. */
  assert_int_equal(gr__compile(cat, kat, NULL, ev, NULL, later, &c, NULL), GR_OK);
  assert_int_equal(c.obs[4].own, 2);
  gr__carr_free(&c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_honour_log_odds),   cmocka_unit_test(test_compiled_covariates),
      cmocka_unit_test(test_decision_by_hand),  cmocka_unit_test(test_success_probability),
      cmocka_unit_test(test_quantile_ranks),    cmocka_unit_test(test_group_guarantors),
      cmocka_unit_test(test_force_cap),         cmocka_unit_test(test_lower_cap_never_deters_more),
      cmocka_unit_test(test_menu_cheapest_means), cmocka_unit_test(test_kind_rows),
      cmocka_unit_test(test_positions_date),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
