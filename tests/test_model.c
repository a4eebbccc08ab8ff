/*
 * Known answers of the compiled model (docs/model.md): for fixed parameter
 * vectors θ, not random ones, the honour log-odds, the covariates the
 * compiler derives, the defence in place, the days a defence holds, the
 * help that arrives in time, the chance of success of each option, the
 * punishment, each option's value and the logit choice equal values
 * computed here by hand from the equations of docs/model.md; the quantiles of days to help
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
    "  - {id: ev-strike, title: t, kind: strike, aggressor: RUS, target: UKR, scale: major,\n"
    "     locations: [{region: UA-23, side: government}], " T_SRC "}\n"
    "  - {id: ev-blockade, title: t, kind: blockade, aggressor: RUS, target: UKR, scale: major,\n"
    "     locations: [{region: UA-23, side: government}], " T_SRC "}\n"
    "  - {id: ev-hybrid, title: t, kind: hybrid, aggressor: RUS, target: UKR, scale: major,\n"
    "     locations: [{region: UA-23, side: government}], " T_SRC "}\n"
    "  - {id: ev-invasion, title: t, kind: armed_attack, aggressor: RUS, target: UKR, scale: massive,\n"
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
  th[GR__P_SAID_REFUSES] = -1.9;
  th[GR__P_SAID_RELUCTANT] = -0.45;
  th[GR__P_HONOUR_POST_1945] = -1.7;
  th[GR__P_DECISION_NOISE] = 0.1;
  th[GR__P_ATTACK_SHARE_LIMITED] = 0.03;
  th[GR__P_ATTACK_SHARE_MASSIVE] = 0.45;
  th[GR__P_PROBE_LOCAL_SHARE] = 0.1;
  th[GR__P_HOLD_DAYS] = 30;
  th[GR__P_HOLD_ELASTICITY] = 2;
  th[GR__P_STRIKE_SUCCESS] = 0.4;
  th[GR__P_BLOCKADE_SUCCESS] = 0.5;
  th[GR__P_BLOCKADE_BREAK] = 0.7;
  th[GR__P_AIR_DEFENCE_FACTOR] = 1.1;
  th[GR__P_NAVAL_FACTOR] = 1.05;
  th[GR__P_GAIN_OFFENSIVE] = 0.5;
  th[GR__P_GAIN_PROBE] = 0.08;
  th[GR__P_GAIN_STRIKE] = 0.15;
  th[GR__P_GAIN_BLOCKADE] = 0.25;
  th[GR__P_COST_OFFENSIVE] = 0.04;
  th[GR__P_COST_PROBE] = 0.01;
  th[GR__P_COST_STRIKE] = 0.02;
  th[GR__P_COST_BLOCKADE] = 0.03;
  th[GR__P_NUCLEAR_PUNISHMENT] = 2;
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

/* Honour: η = logit(h) - c_combat + [1945 or later] s_era + c[kind] +
 * L[form] + M[activation] + C[commitment] + the tripwire, approval,
 * nuclear and said shifts. */
static void test_honour_log_odds(void **state) {
  (void)state;
  double th[GR__P_COUNT];
  theta(th);
  gr__carr c;
  memset(&c, 0, sizeof c);
  double b0 = logit(0.62) - (-0.21);
  near(gr__honour_base_logit(&c, th), b0);
  c.post1945 = true;
  near(gr__honour_base_logit(&c, th), b0 - 1.7);
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
  b.said = 2;
  near(gr__honour_logit(&b, th, b0), logit(0.62) - 1.9);
  b.said = 1;
  near(gr__honour_logit(&b, th, b0), logit(0.62) - 0.45);
  b = (gr__cob){.kind = GR_OB_SANCTIONS, .form = GR_LF_TREATY_SIGNED, .activation = GR_ACT_AFTER_CONSULTATION,
                .commitment = GR_COMMIT_WILLING, .tripwire = true, .approval = true, .nuclear = true, .said = 2};
  near(gr__honour_logit(&b, th, b0), b0 + 0.17 - 0.33 - 0.41 - 0.52 + 1.13 - 0.61 - 0.87 - 1.9);
}

static double cinc(const char *id) {
  double v = 0;
  assert_true(gr_catalog_cinc(cat, id, 0, &v, NULL, NULL));
  return v;
}

/* The mean of a triangular delay parameter, from its record. */
static double tri_mean(const char *id) {
  const gr_parameter *p = gr_catalog_parameter(cat, id);
  assert_non_null(p);
  return (p->min + p->mode + p->max) / 3;
}

/* What the compiler derives for each obligation and the case. */
static void test_compiled_covariates(void **state) {
  (void)state;
  gr__carr c;
  gr_error err = GR_ERROR_INIT;
  assert_int_equal(gr__compile(cat, kat, NULL, ev, NULL, 0, &c, &err), GR_OK);
  near(c.aggressor, personnel("RUS"));
  near(c.protected_, personnel("UKR"));
  near(c.protected_uncapped, personnel("UKR"));
  /* A major armed attack: the offensive, with the probe open below it. */
  assert_int_equal(c.threat, GR_OPTION_OFFENSIVE);
  assert_int_equal(c.available, 1u << GR_OPTION_OFFENSIVE | 1u << GR_OPTION_PROBE);
  assert_true(c.post1945); /* As things stand. */
  assert_true(c.weight_by_cinc);
  assert_int_equal(c.nobs, 5);
  assert_int_equal(c.ng, 4);
  assert_string_equal(c.g[0], "USA");
  assert_string_equal(c.g[1], "DEU");
  const gr__cob *usa_int = &c.obs[0], *usa_air = &c.obs[1], *deu = &c.obs[2], *fra = &c.obs[3], *gbr = &c.obs[4];
  for (size_t i = 0; i < c.nobs; i++) {
    assert_int_equal(c.obs[i].index, i);
    assert_true(c.obs[i].acting);
    /* Every trigger here answers an armed attack of any scale (Germany's,
     * its force hit): each acts on the probe too. */
    assert_true(c.obs[i].acts[GR_OPTION_OFFENSIVE] && c.obs[i].acts[GR_OPTION_PROBE]);
    assert_false(c.obs[i].acts[GR_OPTION_STRIKE] || c.obs[i].acts[GR_OPTION_INVASION]);
    assert_int_equal(c.obs[i].form, GR_LF_TREATY_SIGNED);
    assert_false(c.obs[i].standing);
  }
  /* What each said of its kind of help, in the positions in force on the
   * arrangement's date (2025-06-01): the USA forbade its own military
   * intervention (2022), not air cover; France and Germany stated theirs
   * on 2025-08-22, later; the United Kingdom's 2030 test position not yet. */
  assert_int_equal(usa_int->said, 2);
  assert_int_equal(usa_air->said, 0);
  assert_int_equal(deu->said, 0);
  assert_int_equal(fra->said, 0);
  assert_int_equal(gbr->said, 0);
  /* The USA: combat kinds against a nuclear aggressor; nuclear-armed
   * itself; executive approval; weight CINC_USA / CINC_RUS, uncapped. */
  assert_true(usa_int->nuclear && usa_air->nuclear && usa_int->g_nuclear);
  assert_false(usa_int->approval || usa_air->approval);
  assert_false(usa_int->tripwire || usa_air->tripwire);
  near(usa_int->weight, cinc("USA") / cinc("RUS"));
  assert_true(usa_int->weight > 1);
  assert_int_equal(usa_air->activation, GR_ACT_DISCRETIONARY);
  /* Germany's force stands in the struck region: a tripwire, engaged; its
   * parliament must approve first; not nuclear-armed. */
  assert_true(deu->tripwire && deu->engaged && deu->approval && deu->nuclear);
  assert_false(deu->g_nuclear);
  near(deu->weight, cinc("DEU") / cinc("RUS"));
  near(deu->troops, 5000);
  assert_int_equal(deu->deadline, 30);
  assert_int_equal(deu->commitment, GR_COMMIT_WILLING);
  /* Sanctions and arms are not combat kinds. */
  assert_false(fra->nuclear || fra->approval || gbr->nuclear || gbr->approval);
  assert_true(fra->g_nuclear && gbr->g_nuclear);
  near(gbr->value, 1000);
  /* Mean delays: decision then deployment. */
  gr_params *ps = NULL;
  assert_int_equal(gr_params_new(cat, &ps, NULL), GR_OK);
  gr__carr_delays(&c, ps);
  near(usa_int->mean_delay, tri_mean("delay_intervention_days"));
  near(usa_air->mean_delay, tri_mean("delay_discretion_days") + tri_mean("delay_fast_days"));
  near(deu->mean_delay, 30 + tri_mean("delay_fast_days")); /* Its stated deadline. */
  near(gbr->mean_delay, tri_mean("delay_supply_days"));
  gr_params_free(ps);
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

/* The options a case opens, and the kinds the model refuses. */
static void test_options(void **state) {
  (void)state;
  static const struct {
    int kind, scale, option;
  } map[] = {
      {GR_EV_ARMED_ATTACK, GR_SCALE_MINOR, GR_OPTION_PROBE},      {GR_EV_ARMED_ATTACK, GR_SCALE_LIMITED, GR_OPTION_PROBE},
      {GR_EV_ARMED_ATTACK, GR_SCALE_MAJOR, GR_OPTION_OFFENSIVE},  {GR_EV_ARMED_ATTACK, GR_SCALE_MASSIVE, GR_OPTION_INVASION},
      {GR_EV_LIMITED_INCURSION, GR_SCALE_MAJOR, GR_OPTION_PROBE}, {GR_EV_CEASEFIRE_VIOLATION, GR_SCALE_MINOR, GR_OPTION_PROBE},
      {GR_EV_STRIKE, GR_SCALE_MINOR, GR_OPTION_STRIKE},           {GR_EV_BLOCKADE, GR_SCALE_MAJOR, GR_OPTION_BLOCKADE},
      {GR_EV_HYBRID, GR_SCALE_MAJOR, -1},                         {GR_EV_ATTACK_ON_GUARANTOR_FORCES, GR_SCALE_LIMITED, GR_OPTION_PROBE},
      {GR_EV_FORCE_BUILDUP, GR_SCALE_MAJOR, -1},
  };
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    assert_int_equal(gr__option_of(map[i].kind, map[i].scale), map[i].option);
  gr__carr c;
  assert_int_equal(gr__compile(cat, kat, NULL, gr_catalog_event(cat, "ev-invasion"), NULL, 0, &c, NULL), GR_OK);
  assert_int_equal(c.threat, GR_OPTION_INVASION);
  assert_int_equal(c.available, 1u << GR_OPTION_INVASION | 1u << GR_OPTION_OFFENSIVE | 1u << GR_OPTION_PROBE);
  gr__carr_free(&c);
  /* A strike: open with the probe; nothing of kat answers a strike. */
  assert_int_equal(gr__compile(cat, kat, NULL, gr_catalog_event(cat, "ev-strike"), NULL, 0, &c, NULL), GR_OK);
  assert_int_equal(c.available, 1u << GR_OPTION_STRIKE | 1u << GR_OPTION_PROBE);
  assert_false(c.obs[0].acts[GR_OPTION_STRIKE]);
  assert_true(c.obs[0].acts[GR_OPTION_PROBE]);
  gr__carr_free(&c);
  gr_error err = GR_ERROR_INIT;
  assert_int_equal(gr__compile(cat, kat, NULL, gr_catalog_event(cat, "ev-hybrid"), NULL, 0, &c, &err), GR_E_INVALID);
  assert_string_equal(err.message, "the model cannot weigh event 'ev-hybrid': it has no sub-model for hybrid (it weighs "
                                   "armed attacks, attacks on a guarantor's forces, limited incursions, ceasefire "
                                   "violations, strikes and blockades)");
  gr_error_clear(&err);
}

/* The decision by hand: the defence in place, the days it holds, the
 * help expected in time, success, punishment and each option's value;
 * then the choice and its logit probability. */
static void test_decision_by_hand(void **state) {
  (void)state;
  double th[GR__P_COUNT];
  theta(th);
  gr__carr c;
  assert_int_equal(gr__compile(cat, kat, NULL, ev, NULL, 0, &c, NULL), GR_OK);
  gr_params *ps = NULL;
  assert_int_equal(gr_params_new(cat, &ps, NULL), GR_OK);
  gr__carr_delays(&c, ps);
  gr__work work;
  assert_int_equal(gr__work_init(&work, c.nobs, c.ng), 0);
  const double *lg = work.logit;
  gr__weighing w;
  gr__weigh(&c, th, &work, &w);

  double b0 = logit(0.62) + 0.21 - 1.7, beta = 0.23;
  double e_int = b0 - 0.21 - 0.33 - 0.87 - 1.9;  /* combat, treaty_signed, nuclear, said it will not */
  double e_air = b0 - 0.21 - 0.33 - 0.77 - 0.87; /* ... discretionary */
  double e_deu = b0 - 0.21 - 0.33 - 0.41 - 0.52 + 1.13 - 0.61 - 0.87;
  /* ... after consultation, willing, tripwire, approval pending */
  double e_fra = b0 + 0.17 - 0.33;
  double e_gbr = b0 + 0.09 - 0.33;
  near(lg[0], e_int);
  near(lg[1], e_air);
  near(lg[2], e_deu);
  near(lg[3], e_fra);
  near(lg[4], e_gbr);
  double p_int = sigma(e_int + beta), p_air = sigma(e_air + beta), p_deu = sigma(e_deu + beta);
  double p_fra = sigma(e_fra + beta), p_gbr = sigma(e_gbr + beta);
  /* The offensive. In place: Ukraine's share and Germany's engaged force,
   * which fights without a decision. */
  double d0 = personnel("UKR") * 0.12 + 5000 * 1.4;
  near(gr__defence_in_place(&c, GR_OPTION_OFFENSIVE, th), d0);
  double attack = personnel("RUS") * 0.35 * 1.3;
  double hold = 30 * pow(attack / (d0 * 2.7), -2);
  near(gr__hold_days(attack, d0, th), hold);
  assert_true(hold < 20); /* Shorter than any help's mean delay: none counts. */
  near(w.defence[GR_OPTION_OFFENSIVE], d0);
  near(w.attack[GR_OPTION_OFFENSIVE], attack);
  double success = 1 / (1 + pow(2.7 * d0 / attack, 2.2));
  near(w.success[GR_OPTION_OFFENSIVE], success);
  /* Punishment: per guarantor and class, the largest; military weighted
   * by CINC without a cap, doubled for a nuclear-armed guarantor. */
  double w_usa = cinc("USA") / cinc("RUS"), w_deu = cinc("DEU") / cinc("RUS"), w_fra = cinc("FRA") / cinc("RUS");
  double punishment = fmax(p_int, p_air) * 0.6 * w_usa * 2 + p_deu * 0.6 * w_deu + p_fra * 0.11 * w_fra + p_gbr * 0.07;
  near(w.punishment[GR_OPTION_OFFENSIVE], punishment);
  near(w.value[GR_OPTION_OFFENSIVE], 0.5 * success - 0.04 - punishment);
  /* The probe meets a tenth of the defence with 3 % of Russia's forces. */
  double dp = d0 * 0.1, sp = personnel("RUS") * 0.03 * 1.3;
  near(w.defence[GR_OPTION_PROBE], dp);
  near(w.success[GR_OPTION_PROBE], 1 / (1 + pow(2.7 * dp / sp, 2.2)));
  near(w.punishment[GR_OPTION_PROBE], punishment);
  /* Options not open are not weighed. */
  near(w.value[GR_OPTION_INVASION], 0);
  near(w.value[GR_OPTION_STRIKE], 0);
  /* With days to spare, help counts, weighted by perceived honour:
   * the intervention N_USA ι q, arms a year's worth, air cover's factor. */
  th[GR__P_HOLD_DAYS] = 1e6;
  gr__weigh(&c, th, &work, &w);
  double help = p_int * personnel("USA") * 0.04 * 1.4 + p_gbr * 1000 / 1000.0 * 2500;
  near(w.defence[GR_OPTION_OFFENSIVE], (d0 + help) * (1 + (1.25 - 1) * p_air));
  th[GR__P_HOLD_DAYS] = 30;
  gr__weigh(&c, th, &work, &w);
  /* The choice: the option of largest value, taken when its value plus
   * τ ε beats not attacking. */
  int best = w.value[GR_OPTION_PROBE] >= w.value[GR_OPTION_OFFENSIVE] ? GR_OPTION_PROBE : GR_OPTION_OFFENSIVE;
  double vb = w.value[best];
  assert_int_equal(gr__choose(&c, &w, th, -vb / 0.1 + 0.01), best);
  assert_int_equal(gr__choose(&c, &w, th, -vb / 0.1 - 0.01), -1);
  /* The logit probability of not attacking: 1 / (1 + exp(U_best / τ)). */
  near(gr__p_no_attack(&c, &w, th), 1 / (1 + exp(vb / 0.1)));
  /* An option not open is never chosen, however large its value. */
  w.value[GR_OPTION_INVASION] = 1e6;
  assert_int_equal(gr__choose(&c, &w, th, -vb / 0.1 - 0.01), -1);
  near(gr__p_no_attack(&c, &w, th), 1 / (1 + exp(vb / 0.1)));
  gr_params_free(ps);
  gr__work_free(&work);
  gr__carr_free(&c);
}

/* What was delivered before the attack is the defender's own: a standing
 * arms supply adds arms_years' worth to the defence in place, whatever
 * the guarantor's honour; help sent after the attack counts in the battle
 * only if it arrives while the defence holds. */
static void test_delivered_and_in_time(void **state) {
  (void)state;
  double th[GR__P_COUNT];
  theta(th);
  gr__cob arms = {.kind = GR_OB_ARMS_SUPPLY, .value = 2000, .standing = true, .slot = -1};
  gr__carr c;
  memset(&c, 0, sizeof c);
  c.aggressor = 1e6;
  c.protected_ = c.protected_uncapped = 1e5;
  c.available = 1u << GR_OPTION_OFFENSIVE;
  c.threat = GR_OPTION_OFFENSIVE;
  c.obs = &arms;
  c.nobs = 1;
  near(gr__defence_in_place(&c, GR_OPTION_OFFENSIVE, th), 1e5 * 0.12 + 2000 / 1000.0 * 1.5 * 2500);
  /* Sent after the attack, the same supply is not in place. */
  arms.standing = false;
  near(gr__defence_in_place(&c, GR_OPTION_OFFENSIVE, th), 1e5 * 0.12);
  /* A huge intervention, honoured for certain, that decides the battle if
   * it arrives: against a defence that holds for hours it comes too late. */
  gr_params *ps = NULL;
  assert_int_equal(gr_params_new(cat, &ps, NULL), GR_OK);
  gr__cob force = {.kind = GR_OB_MILITARY_INTERVENTION, .troops = 1e9, .form = GR_LF_TREATY_RATIFIED,
                   .activation = GR_ACT_AUTOMATIC, .commitment = GR_COMMIT_FIRM, .slot = -1, .stream = 12345};
  force.acts[GR_OPTION_OFFENSIVE] = true;
  force.acting = true;
  c.obs = &force;
  c.ng = 1;
  gr__work work;
  assert_int_equal(gr__work_init(&work, 1, 1), 0);
  th[GR__P_HONOUR_BASE] = 1 - 1e-12;
  th[GR__P_COST_COMBAT] = 0;
  uint64_t ob[3] = {0}, g[2] = {0};
  gr__counts n;
  memset(&n, 0, sizeof n);
  n.ob = ob;
  n.g = g;
  gr__weighing w;
  for (uint64_t draw = 0; draw < 20; draw++) {
    th[GR__P_HOLD_DAYS] = 1e-6; /* Broken before any help can come. */
    gr__weigh(&c, th, &work, &w);
    assert_true(gr__fight(&c, GR_OPTION_OFFENSIVE, ps, th, &work, 7, draw, &n));
    th[GR__P_HOLD_DAYS] = 1e6; /* Holds until help comes. */
    gr__weigh(&c, th, &work, &w);
    assert_false(gr__fight(&c, GR_OPTION_OFFENSIVE, ps, th, &work, 7, draw, &n));
  }
  assert_int_equal(ob[0], 40); /* Honoured every time: the difference is time. */
  gr__work_free(&work);
  gr_params_free(ps);
}

/* Strike and blockade by hand. */
static void test_strike_and_blockade(void **state) {
  (void)state;
  static const char *const arr =
      "arrangement:\n  id: sb\n  title: t\n  protects: UKR\n  date: 2025-06-01\n  status: proposed\n"
      "  legal_form: treaty_ratified\n  " T_SRC "\n  obligations:\n"
      "    - {guarantor: GBR, kind: air_cover, triggers: [strike, blockade], activation: automatic, " T_SRC "}\n"
      "    - {guarantor: FRA, kind: naval_presence, triggers: [blockade], activation: automatic, " T_SRC "}\n"
      "    - {guarantor: POL, kind: air_defence_supply, activation: automatic, " T_SRC "}\n";
  gr_catalog *c2 = gr_catalog_new();
  gr_error err = GR_ERROR_INIT;
  assert_int_equal(gr_catalog_load_builtin(c2, &err), GR_OK);
  assert_int_equal(gr_catalog_load_buffer(c2, "t.yaml", ISSUE10[0], strlen(ISSUE10[0]), &err), GR_OK);
  assert_int_equal(gr_catalog_load_buffer(c2, "sb.yaml", arr, strlen(arr), &err), GR_OK);
  assert_int_equal(gr_catalog_validate(c2, &err), GR_OK);
  double th[GR__P_COUNT];
  theta(th);
  gr__carr c;
  gr__work work;
  assert_int_equal(gr__work_init(&work, 3, 3), 0);
  gr__weighing w;
  const gr_arrangement *a = gr_catalog_arrangement(c2, "sb");
  assert_int_equal(gr__compile(c2, a, NULL, gr_catalog_event(c2, "ev-strike"), NULL, 0, &c, &err), GR_OK);
  /* Poland's air defence stands: delivered before, no trigger. */
  assert_true(c.obs[2].standing);
  assert_false(c.obs[0].standing || c.obs[1].standing);
  gr__weigh(&c, th, &work, &w);
  double b0 = logit(0.62) + 0.21 - 1.7, beta = 0.23;
  double p_air = sigma(b0 - 0.21 - 0.87 + beta); /* combat, nuclear aggressor */
  near(w.success[GR_OPTION_STRIKE], 0.4 / (1.1 * (1 + 0.25 * p_air)));
  near(w.punishment[GR_OPTION_STRIKE], p_air * 0.6 * (cinc("GBR") / cinc("RUS")) * 2);
  near(w.value[GR_OPTION_STRIKE], 0.15 * w.success[GR_OPTION_STRIKE] - 0.02 - w.punishment[GR_OPTION_STRIKE]);
  gr__carr_free(&c);
  assert_int_equal(gr__compile(c2, a, NULL, gr_catalog_event(c2, "ev-blockade"), NULL, 0, &c, &err), GR_OK);
  gr__weigh(&c, th, &work, &w);
  double p_nav = sigma(b0 + 0.01 * (1 + GR__P_COST_PRESENCE) - 0.87 + beta); /* presence, nuclear */
  near(w.success[GR_OPTION_BLOCKADE], 0.5 * (1 - 0.7 * fmax(p_nav, p_air)));
  gr__carr_free(&c);
  gr__work_free(&work);
  gr_catalog_free(c2);
  gr_error_clear(&err);
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
  /* No CINC for the test states: every weight of the case falls back on
   * personnel. */
  assert_false(c.weight_by_cinc);
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
  double nato_cinc = cinc("USA") + cinc("GBR") + cinc("FRA") + cinc("DEU") + cinc("ITA") + cinc("POL") + cinc("CAN") +
                     cinc("NLD") + cinc("TUR");
  assert_true(c.weight_by_cinc);
  near(c.obs[0].weight, nato_cinc / cinc("RUS"));
  assert_true(c.obs[0].g_nuclear); /* The USA, the United Kingdom, France. */
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
  near(w.defence[GR_OPTION_OFFENSIVE], defence);
  near(w.success[GR_OPTION_OFFENSIVE], 1 / (1 + pow(2.7 * defence / attack, 2.2)));
  near(w.value[GR_OPTION_OFFENSIVE], 0.5 * w.success[GR_OPTION_OFFENSIVE] - 0.04);
  /* The no-guarantee baseline drops the cap. */
  gr__carr bare;
  gr__carr_bare(&c, &bare);
  near(bare.protected_, personnel("UKR"));
  assert_int_equal(bare.nobs, 0);
  gr__work_free(&work);
  gr__carr_free(&c);
}

/* Point 3, as a property: on the draws of the built-in priors, the
 * probability of not attacking never rises as the cap falls. */
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
  double deterred[NCAPS] = {0};
  for (size_t k = 0; k < NCAPS; k++) gr__carr_delays(&c[k], ps);
  for (uint64_t d = 0; d < 20000; d++) {
    double th[GR__P_COUNT];
    gr__sample_theta(ps, 7, d, th);
    double before = 1;
    for (size_t k = 0; k < NCAPS; k++) {
      gr__weighing w;
      gr__weigh(&c[k], th, &work, &w);
      double p = gr__p_no_attack(&c[k], &w, th);
      assert_true(p <= before);
      deterred[k] += p;
      before = p;
    }
  }
  /* The cap bites: fewer deterred at 600,000 than uncapped. */
  near(deterred[0], deterred[1]);
  assert_true(deterred[2] < deterred[1]);
  assert_true(deterred[3] < deterred[2]);
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
  /* Days to spare: every help counts. */
  th[GR__P_HOLD_DAYS] = 1e6;
  gr__weigh(&menu, th, &wm, &a);
  gr__weigh(&plain, th, &wp, &b);
  for (size_t i = 0; i < 2; i++) near(wm.logit[i], wp.logit[i]);
  near(a.defence[GR_OPTION_OFFENSIVE], b.defence[GR_OPTION_OFFENSIVE]);
  near(a.punishment[GR_OPTION_OFFENSIVE], b.punishment[GR_OPTION_OFFENSIVE]);
  near(a.value[GR_OPTION_OFFENSIVE], b.value[GR_OPTION_OFFENSIVE]);
  /* By hand: arms supply costs cost_supply_shift and adds arms; both
   * punish in the support class, the largest per guarantor. */
  double b0 = logit(0.62) + 0.21 - 1.7;
  near(wm.logit[0], b0 + 0.09 - 0.33);
  near(wm.logit[1], b0 + 0.17 - 0.33);
  double p0 = sigma(wm.logit[0] + 0.23), p1 = sigma(wm.logit[1] + 0.23);
  near(a.punishment[GR_OPTION_OFFENSIVE], (p0 + p1) * 0.07);
  /* Both buy defence, a year's worth when sent after the attack. */
  double year = th[GR__P_ARMS_DEFAULT_MUSD] / 1000.0 * 2500;
  near(a.defence[GR_OPTION_OFFENSIVE], personnel("UKR") * 0.12 + (p0 + p1) * year);
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
      [GR_OB_CEASEFIRE_MONITORING] = {GR__P_COST_CONSULTATION, -1, GR__PUN_NONE, GR__P_DELAY_FAST, false, false},
      [GR_OB_LOGISTICS] = {GR__P_COST_SUPPLY, -1, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false, false},
      [GR_OB_PREPOSITIONED_STOCKS] = {GR__P_COST_SUPPLY, -1, GR__PUN_SUPPORT, GR__P_DELAY_FAST, false, true},
      [GR_OB_FORTIFICATION_SUPPORT] = {GR__P_COST_OTHER, -1, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false, false},
      [GR_OB_FORCE_FINANCING] = {GR__P_COST_OTHER, -1, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false, true},
  };
  double th[GR__P_COUNT];
  theta(th);
  for (int k = GR_OB_CEASEFIRE_MONITORING; k < GR_OB__COUNT; k++) {
    const gr__kind_row *r = &gr__kinds[k];
    assert_true(r->cost == want[k].cost && r->factor == want[k].factor && r->punish == want[k].punish &&
                r->delay == want[k].delay && r->combat == want[k].combat && r->buys == want[k].buys);
    gr__cob b = {.kind = k, .troops = 1000, .value = 500, .g_personnel = 1e5};
    /* Stocks and financing buy defence, a year's worth when sent after
     * the attack, arms_years' worth when delivered before; the others add
     * no troop-equivalents. */
    near(gr__addition(&b, th), want[k].buys ? 500 / 1000.0 * 2500 : 0);
    b.standing = true;
    near(gr__addition(&b, th), want[k].buys ? 500 / 1000.0 * 1.5 * 2500 : 0);
  }
}

/* Honour reads what the guarantor said about delivering this kind of
 * help, at the date the trigger engine reads the case (without --as-of the
 * event's day 0, else the arrangement's date): a position dated later does
 * not move it, and a position on anything else (France's preference for a
 * force of its own, an accession) does not either (issue 12, point 6). */
static void test_positions_date(void **state) {
  (void)state;
  gr_date sep, later;
  assert_int_equal(gr_date_parse("2025-09-01", &sep), GR_OK);
  assert_int_equal(gr_date_parse("2030-06-01", &later), GR_OK);
  gr__carr c;
  assert_int_equal(gr__compile(cat, kat, NULL, ev, NULL, 0, &c, NULL), GR_OK);
  assert_int_equal(c.obs[2].said, 0); /* Germany: nothing stated by 2025-06-01. */
  assert_int_equal(c.obs[3].said, 0); /* France: likewise. */
  assert_int_equal(c.obs[4].said, 0); /* The United Kingdom: its 2030 refusal not yet. */
  gr__carr_free(&c);
  /* On 2025-09-01 Germany opposes sending a force of its own; France's
   * stated preference is about its own force, not its sanctions. */
  assert_int_equal(gr__compile(cat, kat, NULL, ev, NULL, sep, &c, NULL), GR_OK);
  assert_int_equal(c.obs[0].said, 2);
  assert_int_equal(c.obs[1].said, 0);
  assert_int_equal(c.obs[2].said, 1);
  assert_int_equal(c.obs[3].said, 0);
  assert_int_equal(c.obs[4].said, 0);
  gr__carr_free(&c);
  /* In 2030 the United Kingdom has said it will not supply arms. */
  assert_int_equal(gr__compile(cat, kat, NULL, ev, NULL, later, &c, NULL), GR_OK);
  assert_int_equal(c.obs[4].said, 2);
  gr__carr_free(&c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_honour_log_odds),   cmocka_unit_test(test_compiled_covariates),
      cmocka_unit_test(test_options),           cmocka_unit_test(test_strike_and_blockade),
      cmocka_unit_test(test_delivered_and_in_time),
      cmocka_unit_test(test_decision_by_hand),  cmocka_unit_test(test_success_probability),
      cmocka_unit_test(test_quantile_ranks),    cmocka_unit_test(test_group_guarantors),
      cmocka_unit_test(test_force_cap),         cmocka_unit_test(test_lower_cap_never_deters_more),
      cmocka_unit_test(test_menu_cheapest_means), cmocka_unit_test(test_kind_rows),
      cmocka_unit_test(test_positions_date),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
