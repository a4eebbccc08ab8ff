/*
 * Properties of the deterrence model (issue 12, "Properties, as tests"):
 * the monotonicity the model's own logic demands, asserted over
 * arrangements and cases generated at random from fixed seeds.
 *
 * Two levels:
 *  (a) the equations of one draw — gr__weigh, gr__choose, gr__p_no_attack,
 *      gr__fight, gr__defence_in_place — for parameter vectors θ drawn
 *      from the built-in priors (gr__sample_theta). There is no Monte Carlo
 *      noise here: each property must hold for every θ, every case and
 *      every option. Comparisons allow 1e-12 relative for floating-point
 *      rounding only (exp, log and pow are not guaranteed monotone to the
 *      last bit), far below any effect the perturbations make.
 *  (b) end to end, gr_simulate on common random numbers (the same seed):
 *      counts compared between arrangements that differ in one respect.
 *
 * The θ draws are the priors' own (gr__sample_theta) and, every other
 * one, "wide" draws that move parameters into the tails of their priors
 * (theta_of()): a property must hold for every θ the priors can give.
 *
 * test_model.c pins each equation at known values; this file says which
 * way the outputs must move when an input moves. A violation prints the
 * property, the arrangement and case, the θ draw (and on the first, every
 * value of θ) and the numbers before and after; PROPS_VERBOSE=1 also
 * prints the arrangement's generated YAML, PROPS_ALL=1 every violation,
 * not the first eight.
 *
 * The properties the model or its priors break today are marked MODEL BUG
 * or PRIOR BUG where they are tested and run apart (test_properties
 * --model-bugs; the CTest test test_properties_model_bugs), so that the
 * rest of this file stays a gate.
 *
 * What the model's logic demands, in one place (docs/model.md, "Decision"):
 * the aggressor attacks with option o when U_o + τ ε_o beats τ ε_0, where
 * U_o = gain_o x success_o - cost_o - punishment_o; a guarantee can only
 * add punishment (every term is a non-negative perceived honour times a
 * non-negative threat) and defence (every addition is non-negative, every
 * factor at least 1), so anything that raises honour, punishment or
 * defence lowers every U_o and so raises P(no attack) =
 * 1 / (1 + sum_o exp(U_o / τ)), and, on the same decision errors ε, turns
 * no deterred draw into an attack.
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
#include "mc/dist.h"
#include "mc/mc.h"
#include "test_util.h"

/* ---- A deterministic generator (SplitMix64) ------------------------------ */

typedef struct prng {
  uint64_t s;
} prng;

static uint64_t rnd_next(prng *r) {
  uint64_t z = (r->s += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}
static double rnd_unif(prng *r) { return (double)(rnd_next(r) >> 11) * 0x1p-53; }
static int rnd_int(prng *r, int n) { return (int)(rnd_unif(r) * n); }
static bool rnd_coin(prng *r, double p) { return rnd_unif(r) < p; }

/* ---- Text ---------------------------------------------------------------- */

typedef struct text {
  char *s;
  size_t n, cap;
} text;

static void put(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(text *t, const char *fmt, ...) {
  va_list ap, aq;
  va_start(ap, fmt);
  va_copy(aq, ap);
  int k = vsnprintf(NULL, 0, fmt, aq);
  va_end(aq);
  assert_true(k >= 0);
  if (t->n + (size_t)k + 1 > t->cap) {
    t->cap = 2 * (t->n + (size_t)k + 1);
    t->s = realloc(t->s, t->cap);
    assert_non_null(t->s);
  }
  vsnprintf(t->s + t->n, t->cap - t->n, fmt, ap);
  va_end(ap);
  t->n += (size_t)k;
}

/* ---- Generated arrangements ---------------------------------------------- */

#define SRC "sources: [{assumption: test}]"
#define SEED 20250612u /* Of the generator, the θ draws and the runs. */

/* Guarantors from the built-in catalog: states, and two organisations
 * weighed by their members. UKR is protected, RUS the aggressor of every
 * case. */
static const char *const GUARANTORS[] = {"USA", "GBR", "FRA", "DEU", "ITA", "POL", "CAN", "NLD", "TUR", "NATO", "EU"};
enum { NGUARANTORS = sizeof GUARANTORS / sizeof GUARANTORS[0] };
/* Zaporizhzhia (the offensive's), Kyiv oblast and Odesa (the reassurance
 * force's bases), Kharkiv (the incursion's), Kyiv city (the strike's),
 * Donetsk (the violation's, on the line). */
static const char *const REGIONS[] = {"UA-23", "UA-32", "UA-51", "UA-63", "UA-30", "UA-14"};
enum { NREGIONS = sizeof REGIONS / sizeof REGIONS[0] };
static const int TRIGGERS[] = {GR_EV_ARMED_ATTACK,         GR_EV_LIMITED_INCURSION,   GR_EV_STRIKE,
                               GR_EV_ATTACK_ON_GUARANTOR_FORCES, GR_EV_CEASEFIRE_VIOLATION, GR_EV_BLOCKADE};
enum { NTRIGGERS = sizeof TRIGGERS / sizeof TRIGGERS[0] };

static bool sized_kind(int k) { return k == GR_OB_REASSURANCE_FORCE || k == GR_OB_MILITARY_INTERVENTION; }
static bool money_kind(int k) {
  return k == GR_OB_ARMS_SUPPLY || k == GR_OB_PREPOSITIONED_STOCKS || k == GR_OB_FORCE_FINANCING;
}

/* The tail of an obligation after its guarantor and kind: random
 * commitment, size, location, triggers and activation. */
static void random_terms(prng *r, text *t, int kind) {
  static const int commitments[] = {GR_COMMIT_FIRM,        GR_COMMIT_FIRM,      GR_COMMIT_FIRM, GR_COMMIT_WILLING,
                                    GR_COMMIT_CONDITIONAL, GR_COMMIT_UNDECIDED, GR_COMMIT_DECLINED};
  int cm = commitments[rnd_int(r, sizeof commitments / sizeof commitments[0])];
  if (cm != GR_COMMIT_FIRM || rnd_coin(r, 0.3)) put(t, ", commitment: %s", gr_table_name(GR_T_COMMITMENT, cm));
  if (sized_kind(kind) && rnd_coin(r, 0.6)) put(t, ", troops: %d", 1000 + 500 * rnd_int(r, 120));
  if (money_kind(kind) && rnd_coin(r, 0.6)) put(t, ", value: %d", 100 + 50 * rnd_int(r, 100));
  if (kind == GR_OB_REASSURANCE_FORCE) {
    /* Half of them where three of the cases strike (Zaporizhzhia). */
    int a = rnd_coin(r, 0.5) ? 0 : rnd_int(r, NREGIONS), b = rnd_int(r, NREGIONS);
    if (a == b || rnd_coin(r, 0.5)) put(t, ", location: {regions: [%s]}", REGIONS[a]);
    else put(t, ", location: {regions: [%s, %s]}", REGIONS[a], REGIONS[b]);
  }
  /* A quarter have no trigger: firm ones of a strengthening kind are
   * delivered before any attack (standing). */
  if (!rnd_coin(r, 0.25)) {
    unsigned m = 0;
    while (m == 0)
      for (int i = 0; i < NTRIGGERS; i++)
        if (rnd_coin(r, i == 0 ? 0.7 : 0.35)) m |= 1u << i;
    put(t, ", triggers: [");
    const char *sep = "";
    for (int i = 0; i < NTRIGGERS; i++)
      if (m >> i & 1u) put(t, "%s%s", sep, gr_table_name(GR_T_EVENT_KIND, TRIGGERS[i])), sep = ", ";
    put(t, "]");
  }
  int act = rnd_int(r, GR_ACT__COUNT);
  put(t, ", activation: %s", gr_table_name(GR_T_ACTIVATION, act));
  if (act == GR_ACT_AFTER_CONSULTATION && rnd_coin(r, 0.5)) put(t, ", deadline_days: %d", 1 + rnd_int(r, 60));
  if (act == GR_ACT_BY_BODY) put(t, ", body: council");
  put(t, ", " SRC "}\n");
}

static void random_obligation(prng *r, text *t) {
  put(t, "    - {guarantor: %s, ", GUARANTORS[rnd_int(r, NGUARANTORS)]);
  if (rnd_coin(r, 0.1)) {
    /* A menu of means: the model reads its cheapest. */
    int a = rnd_int(r, GR_OB__COUNT), b = (a + 1 + rnd_int(r, GR_OB__COUNT - 1)) % GR_OB__COUNT;
    put(t, "means: [%s, %s]", gr_table_name(GR_T_OBLIGATION_KIND, a), gr_table_name(GR_T_OBLIGATION_KIND, b));
    random_terms(r, t, -1);
    return;
  }
  int kind = rnd_int(r, GR_OB__COUNT);
  put(t, "kind: %s", gr_table_name(GR_T_OBLIGATION_KIND, kind));
  random_terms(r, t, kind);
}

static void header(text *t, const char *id, int form, long cap) {
  put(t,
      "arrangement:\n  id: %s\n  title: generated\n  protects: UKR\n  date: 2025-06-01\n  status: proposed\n"
      "  legal_form: %s\n  " SRC "\n",
      id, gr_table_name(GR_T_LEGAL_FORM, form));
  if (cap >= 0) put(t, "  force_cap: %ld\n", cap);
  put(t, "  obligations:\n");
}

/* Arrangement `id`: 1 to 6 random obligations; a force cap on one in five. */
static void random_arrangement(prng *r, text *t, const char *id, bool capped) {
  header(t, id, rnd_int(r, GR_LF__COUNT), capped ? 100000 + 50000 * rnd_int(r, 18) : -1);
  int n = 1 + rnd_int(r, 6);
  for (int i = 0; i < n; i++) random_obligation(r, t);
}

/* Two test states alike in everything but nuclear arms (with capabilities,
 * so that every weight of a case stays CINC-based), and two cases of our
 * own in Zaporizhzhia: a full-scale invasion and a limited incursion. */
static const char *const EXTRA =
    "actors:\n"
    "  - {id: XNUC, name: Nuclear test state, type: state, personnel: 150000, nuclear: true,\n"
    "     nuclear_since: 1960-01-01, nuclear_source: {assumption: test}, " SRC "}\n"
    "  - {id: XCON, name: Conventional test state, type: state, personnel: 150000, nuclear: false, " SRC "}\n"
    "capabilities:\n"
    "  - {id: cap-xnuc, actor: XNUC, source: {assumption: test},\n"
    "     years: [{year: 2016, personnel: 150000, expenditure: 50000000, cinc: 0.02}]}\n"
    "  - {id: cap-xcon, actor: XCON, source: {assumption: test},\n"
    "     years: [{year: 2016, personnel: 150000, expenditure: 50000000, cinc: 0.02}]}\n"
    "events:\n"
    "  - {id: prop-invasion, title: t, kind: armed_attack, aggressor: RUS, target: UKR, scale: massive,\n"
    "     locations: [{region: UA-23, side: government}], " SRC "}\n"
    "  - {id: prop-incursion, title: t, kind: limited_incursion, aggressor: RUS, target: UKR, scale: limited,\n"
    "     locations: [{region: UA-23, side: government}], " SRC "}\n";

/* The cases of level (a): every option and sub-model (offensive with the
 * probe below it, invasion, incursions where a force may stand and where
 * none of the generated ones does, strike, blockade, a ceasefire
 * violation on the line). */
static const char *const EVENTS[] = {"offensive-zaporizhzhia", "prop-invasion", "prop-incursion", "incursion-kharkiv",
                                     "strike-kyiv",            "blockade-odesa", "violation-donetsk"};
enum { NEVENTS = sizeof EVENTS / sizeof EVENTS[0] };

enum { NRANDOM = 40 }; /* Random arrangements of level (a). */

/* ---- Fixture ------------------------------------------------------------- */

typedef struct pcase {
  gr__carr c;
  const char *arr, *ev;
} pcase;

static gr_catalog *cat;
static gr_params *ps;
static pcase *cases;
static size_t ncases;
static gr__work work;
static gr__cob *scratch; /* Room for a perturbed copy of any case's obligations. */
static size_t max_obs;
static text yaml_random[NRANDOM];

static bool verbose(void) { return getenv("PROPS_VERBOSE") != NULL; }

static const char *yaml_of(const char *arr) {
  for (int i = 0; i < NRANDOM; i++) {
    char id[16];
    snprintf(id, sizeof id, "prop-%02d", i);
    if (!strcmp(id, arr)) return yaml_random[i].s;
  }
  return NULL;
}

/* The pairs of level (b): built in load_pairs(). */
static gr_status load_pairs(gr_catalog *c, gr_error *err);

static int setup(void **state) {
  (void)state;
  gr_error err = GR_ERROR_INIT;
  cat = gr_catalog_new();
  int ok = gr_catalog_load_builtin(cat, &err) == GR_OK &&
           gr_catalog_load_buffer(cat, "extra.yaml", EXTRA, strlen(EXTRA), &err) == GR_OK;
  prng r = {SEED};
  for (int i = 0; ok && i < NRANDOM; i++) {
    char id[16];
    snprintf(id, sizeof id, "prop-%02d", i);
    random_arrangement(&r, &yaml_random[i], id, i % 5 == 4);
    ok = gr_catalog_load_buffer(cat, id, yaml_random[i].s, yaml_random[i].n, &err) == GR_OK;
    if (!ok) fprintf(stderr, "%s", yaml_random[i].s);
  }
  ok = ok && load_pairs(cat, &err) == GR_OK;
  ok = ok && gr_catalog_validate(cat, &err) == GR_OK && gr_params_new(cat, &ps, &err) == GR_OK;
  if (!ok) {
    fprintf(stderr, "setup: %s\n", err.message);
    gr_error_clear(&err);
    return -1;
  }
  cases = calloc(NRANDOM * NEVENTS, sizeof *cases);
  size_t max_g = 0;
  for (int i = 0; i < NRANDOM; i++)
    for (int e = 0; e < NEVENTS; e++) {
      char id[16];
      snprintf(id, sizeof id, "prop-%02d", i);
      const gr_arrangement *a = gr_catalog_arrangement(cat, id);
      pcase *pc = &cases[ncases];
      if (gr__compile(cat, a, NULL, gr_catalog_event(cat, EVENTS[e]), NULL, 0, &pc->c, &err) != GR_OK) {
        fprintf(stderr, "setup: %s against %s: %s\n%s", id, EVENTS[e], err.message, yaml_random[i].s);
        gr_error_clear(&err);
        return -1;
      }
      gr__carr_delays(&pc->c, ps);
      pc->arr = a->id;
      pc->ev = EVENTS[e];
      if (pc->c.nobs > max_obs) max_obs = pc->c.nobs;
      if (pc->c.ng > max_g) max_g = pc->c.ng;
      ncases++;
    }
  scratch = calloc(max_obs + 1, sizeof *scratch);
  if (scratch == NULL || gr__work_init(&work, max_obs, max_g) != 0) return -1;
  gr_error_clear(&err);
  return 0;
}

static void free_runs(void);
static void free_pairs(void);
static bool runs_done;

static int teardown(void **state) {
  (void)state;
  if (runs_done) free_runs();
  for (size_t i = 0; i < ncases; i++) gr__carr_free(&cases[i].c);
  free(cases);
  free(scratch);
  gr__work_free(&work);
  gr_params_free(ps);
  gr_catalog_free(cat);
  for (int i = 0; i < NRANDOM; i++) free(yaml_random[i].s);
  free_pairs();
  return 0;
}

/* ---- Checking ------------------------------------------------------------ */

/* A property's tally: how many comparisons, how many failed; the first
 * few failures are printed with their case, θ draw and numbers. */
typedef struct tally {
  const char *name;
  unsigned long checks, violations;
} tally;

static const pcase *cur_case;
static uint64_t cur_draw;
static const char *cur_what; /* The perturbation, for the message. */
static double cur_theta[GR__P_COUNT]; /* The θ of the draw, for the message. */
static bool have_theta;

static void violated(tally *t, const char *quantity, double before, double after) {
  if (t->violations++ < (getenv("PROPS_ALL") ? 100000u : 8u)) {
    fprintf(stderr, "VIOLATED %s: %s against %s, theta draw %llu%s (seed %u)%s%s: %s %.17g -> %.17g\n", t->name,
            cur_case ? cur_case->arr : "?", cur_case ? cur_case->ev : "?", (unsigned long long)cur_draw,
            have_theta && cur_draw % 2 ? " (wide)" : "", SEED, cur_what ? ", " : "", cur_what ? cur_what : "",
            quantity, before, after);
    if (t->violations == 1 && have_theta) {
      fprintf(stderr, "  theta:");
      for (int j = 0; j < GR__P_FIRST_DELAY; j++) fprintf(stderr, " %s=%.6g", gr__param_specs[j].id, cur_theta[j]);
      fprintf(stderr, "\n");
    }
    if (verbose() && cur_case && yaml_of(cur_case->arr)) fprintf(stderr, "%s", yaml_of(cur_case->arr));
  }
}

static bool close_enough(double a, double b) { return fabs(a - b) <= 1e-12 * (fabs(a) + fabs(b)) + 1e-300; }

/* after >= before, up to rounding. */
static void rises(tally *t, const char *quantity, double before, double after) {
  t->checks++;
  if (!(after >= before || close_enough(after, before))) violated(t, quantity, before, after);
}
static void falls(tally *t, const char *quantity, double before, double after) {
  t->checks++;
  if (!(after <= before || close_enough(after, before))) violated(t, quantity, before, after);
}

static void finish(tally *t) {
  fprintf(stderr, "  %-58s %8lu checks, %lu violated\n", t->name, t->checks, t->violations);
  assert_true(t->checks > 0);
  assert_int_equal(t->violations, 0);
}

static const char *const OPTION_SUCCESS[GR_OPTION__COUNT] = {"success[probe]", "success[strike]", "success[blockade]",
                                                             "success[offensive]", "success[invasion]"};
static const char *const OPTION_VALUE[GR_OPTION__COUNT] = {"value[probe]", "value[strike]", "value[blockade]",
                                                           "value[offensive]", "value[invasion]"};
static const char *const OPTION_DEFENCE[GR_OPTION__COUNT] = {"defence[probe]", "defence[strike]", "defence[blockade]",
                                                             "defence[offensive]", "defence[invasion]"};
static const char *const OPTION_FIGHT[GR_OPTION__COUNT] = {"fight[probe]", "fight[strike]", "fight[blockade]",
                                                           "fight[offensive]", "fight[invasion]"};

/* The option chosen with draw `draw`'s decision errors (gr__sample_choice,
 * gr__choose, as run.c calls them), -1 for no attack: the one place this
 * file reads the form of the errors. */
static int chosen(const gr__carr *c, const gr__weighing *w, const double *th, uint64_t seed, uint64_t draw) {
  return gr__choose(c, w, th, gr__sample_choice(seed, draw));
}

typedef struct side {
  const gr__carr *c;
  const double *th;
} side;

enum { CHECK_SUCCESS = 1, CHECK_FIGHT = 2 };

/* `more` deters at least as much as `less`: for every open option its
 * value is no higher (and, with CHECK_SUCCESS, its chance of success no
 * higher), P(no attack) no lower, and on the draw's decision errors no
 * draw that `less` deters is an attack under `more`; with CHECK_FIGHT,
 * an attack by any open option that fails against `less` fails against
 * `more` on the same random numbers. */
static void deters_more(tally *t, side less, side more, unsigned flags) {
  gr__weighing wl, wm;
  gr__weigh(less.c, less.th, &work, &wl);
  double pl = gr__p_no_attack(less.c, &wl, less.th);
  gr__weigh(more.c, more.th, &work, &wm);
  double pm = gr__p_no_attack(more.c, &wm, more.th);
  assert_int_equal(less.c->available, more.c->available);
  for (int o = 0; o < GR_OPTION__COUNT; o++) {
    if (!(less.c->available >> o & 1u)) continue;
    falls(t, OPTION_VALUE[o], wl.value[o], wm.value[o]);
    if (flags & CHECK_SUCCESS) falls(t, OPTION_SUCCESS[o], wl.success[o], wm.success[o]);
    if (flags & CHECK_SUCCESS && gr__options[o].fight == GR__FIGHT_GROUND)
      rises(t, OPTION_DEFENCE[o], wl.defence[o], wm.defence[o]);
  }
  rises(t, "P(no attack)", pl, pm);
  if (less.th[GR__P_DECISION_NOISE] == more.th[GR__P_DECISION_NOISE]) {
    int cl = chosen(less.c, &wl, less.th, SEED, cur_draw), cm = chosen(more.c, &wm, more.th, SEED, cur_draw);
    rises(t, "deterred on the draw's errors (1 = yes)", cl < 0, cm < 0);
  }
  if (flags & CHECK_FIGHT)
    for (int o = 0; o < GR_OPTION__COUNT; o++) {
      if (!(less.c->available >> o & 1u)) continue;
      gr__weigh(less.c, less.th, &work, &wl);
      bool sl = gr__fight(less.c, o, ps, less.th, &work, SEED, cur_draw, NULL);
      gr__weigh(more.c, more.th, &work, &wm);
      bool sm = gr__fight(more.c, o, ps, more.th, &work, SEED, cur_draw, NULL);
      falls(t, OPTION_FIGHT[o], sl, sm);
    }
}

/* A copy of c whose obligations are in `scratch`, to perturb. */
static gr__carr copy_of(const gr__carr *c) {
  gr__carr m = *c;
  memcpy(scratch, c->obs, c->nobs * sizeof *scratch);
  m.obs = scratch;
  return m;
}

/* θ draws per case: every case meets the same first draws, and each a few
 * of its own. Every other one is "wide": each parameter, with probability
 * 1/2, replaced by a quantile of its prior at a uniform level in
 * (0.001, 0.999), so that the tails of the priors and their combinations
 * (high honour with a small local share, say), where a property is
 * likelier to break, are visited too. A property must hold for every θ
 * the priors can give, not only for typical ones. */
static void theta_of(size_t k, uint64_t j, double *th) {
  cur_draw = j < 4 ? j : 1000 + k * 64 + j;
  gr__sample_theta(ps, SEED, cur_draw, th);
  if (cur_draw % 2 == 1) {
    prng r = {SEED ^ (cur_draw * 0x9e3779b97f4a7c15u)};
    for (int p = 0; p < GR__P_FIRST_DELAY; p++)
      if (rnd_coin(&r, 0.5)) th[p] = gr__in_domain(p, gr__param_quantile(ps->p[p], 0.001 + 0.998 * rnd_unif(&r)));
  }
  memcpy(cur_theta, th, sizeof cur_theta);
  have_theta = true;
}

/* The generated cases reach what the properties are about: forces
 * engaged where the attack falls and in the rear, tripwires, obligations
 * delivered before the attack, pending approvals, stated refusals,
 * group guarantors, nuclear-armed and other guarantors, binding
 * caps, and every option. A change to the generator or the compiler that
 * loses one of these fails here rather than thinning the tests unseen. */
static void test_generator_coverage(void **state) {
  (void)state;
  unsigned long engaged = 0, rear = 0, tripwire = 0, standing = 0, approval = 0, said = 0, groups = 0, nuclear = 0,
                conventional = 0, capped = 0, sized = 0, money = 0, nobs = 0, options[GR_OPTION__COUNT] = {0};
  for (size_t k = 0; k < ncases; k++) {
    const gr__carr *c = &cases[k].c;
    capped += c->protected_ < c->protected_uncapped;
    for (int o = 0; o < GR_OPTION__COUNT; o++) options[o] += (c->available >> o & 1u) != 0;
    for (size_t i = 0; i < c->nobs; i++) {
      const gr__cob *b = &c->obs[i];
      nobs++;
      engaged += b->engaged;
      rear += b->kind == GR_OB_REASSURANCE_FORCE && !b->engaged;
      tripwire += b->tripwire;
      standing += b->standing;
      approval += b->approval;
      said += b->said > 0;
      groups += b->members > 0;
      nuclear += b->g_nuclear;
      conventional += !b->g_nuclear;
      sized += sized_kind(b->kind) && b->troops > 0;
      money += gr__kinds[b->kind].buys && b->value >= 0;
    }
  }
  fprintf(stderr,
          "  %zu cases, %lu obligations: %lu engaged, %lu forces in the rear, %lu with a tripwire, %lu standing, %lu "
          "approval pending, %lu said, %lu by groups, %lu by nuclear-armed guarantors, %lu sized forces, %lu with "
          "money; %lu cases capped\n",
          ncases, nobs, engaged, rear, tripwire, standing, approval, said, groups, nuclear, sized, money, capped);
  assert_true(engaged && rear && tripwire && standing && approval && said && groups && nuclear && conventional &&
              capped && sized && money);
  for (int o = 0; o < GR_OPTION__COUNT; o++) assert_true(options[o] > 0);
}

/* ---- (a) The equations of one draw ------------------------------------------ */

/* How each parameter moves P(no attack) when it rises, by its meaning:
 * +1 it can only deter more, -1 only less. Honour shifts raise the
 * log-odds of the obligations they apply to (so perceived honour,
 * punishment and expected help); the defence's terms (shares, quality,
 * factors, money, the threshold ratio, the days a defence holds, which
 * let more help arrive in time) raise the defence; costs and punishments
 * lower every option's value; the aggressor's terms (optimism, force
 * shares, gains, the strike's and blockade's chances) raise it.
 * cost_combat_shift is the reference of the cost classes: it is taken off
 * the base log-odds and put back for combat kinds only, so raising it
 * lowers every other kind's honour. Left out, because their direction
 * depends on the case: decision_noise (its own property below),
 * success_slope and hold_elasticity (they steepen a curve about the
 * threshold ratio, raising success on one side of it and lowering it on
 * the other), and the delays (not read by the decision). */
static const struct direction {
  int param, sign;
} DIRECTIONS[] = {
    {GR__P_HONOUR_BASE, +1},          {GR__P_HONOUR_POST_1945, +1},      {GR__P_LEGAL_POLITICAL_DECLARATION, +1},
    {GR__P_LEGAL_MEMORANDUM, +1},     {GR__P_LEGAL_EXECUTIVE_AGREEMENT, +1}, {GR__P_LEGAL_TREATY_SIGNED, +1},
    {GR__P_ACT_AFTER_CONSULTATION, +1}, {GR__P_ACT_DISCRETIONARY, +1},   {GR__P_ACT_CONSENSUS, +1},
    {GR__P_ACT_BY_BODY, +1},          {GR__P_COMMIT_WILLING, +1},        {GR__P_COMMIT_CONDITIONAL, +1},
    {GR__P_COMMIT_UNDECIDED, +1},     {GR__P_TRIPWIRE, +1},              {GR__P_APPROVAL, +1},
    {GR__P_NUCLEAR, +1},              {GR__P_SAID_REFUSES, +1},          {GR__P_SAID_RELUCTANT, +1},
    {GR__P_COST_COMBAT, -1},          {GR__P_COST_PRESENCE, +1},         {GR__P_COST_SUPPLY, +1},
    {GR__P_COST_OTHER, +1},           {GR__P_COST_CONSULTATION, +1},     {GR__P_PERCEPTION_BIAS, +1},
    {GR__P_AGGRESSOR_OPTIMISM, -1},   {GR__P_ATTACK_SHARE_LIMITED, -1},  {GR__P_ATTACK_SHARE_MAJOR, -1},
    {GR__P_ATTACK_SHARE_MASSIVE, -1}, {GR__P_DEFENCE_SHARE, +1},         {GR__P_PROBE_LOCAL_SHARE, +1},
    {GR__P_FORCE_RATIO_THRESHOLD, +1}, {GR__P_HOLD_DAYS, +1},            {GR__P_GUARANTOR_QUALITY, +1},
    {GR__P_RESERVE_SHARE, +1},        {GR__P_INTERVENTION_SHARE, +1},    {GR__P_AIR_COVER_FACTOR, +1},
    {GR__P_AIR_DEFENCE_FACTOR, +1},   {GR__P_INTELLIGENCE_FACTOR, +1},   {GR__P_TRAINING_FACTOR, +1},
    {GR__P_NAVAL_FACTOR, +1},         {GR__P_ARMS_TROOPS_PER_BUSD, +1},  {GR__P_ARMS_DEFAULT_MUSD, +1},
    {GR__P_ARMS_YEARS, +1},           {GR__P_STRIKE_SUCCESS, -1},        {GR__P_BLOCKADE_SUCCESS, -1},
    {GR__P_BLOCKADE_BREAK, +1},       {GR__P_GAIN, -1},                  {GR__P_GAIN_OFFENSIVE, -1},
    {GR__P_GAIN_PROBE, -1},           {GR__P_GAIN_STRIKE, -1},           {GR__P_GAIN_BLOCKADE, -1},
    {GR__P_WAR_COST, +1},             {GR__P_COST_OFFENSIVE, +1},        {GR__P_COST_PROBE, +1},
    {GR__P_COST_STRIKE, +1},          {GR__P_COST_BLOCKADE, +1},         {GR__P_PUNISH_MILITARY, +1},
    {GR__P_NUCLEAR_PUNISHMENT, +1},   {GR__P_PUNISH_SANCTIONS, +1},      {GR__P_PUNISH_SUPPORT, +1},
};

/* v raised by a random step inside parameter j's domain. */
static double raised(int j, double v, double u) {
  const gr__domain_row *d = &gr__domains[gr__param_specs[j].domain];
  double hi = d->hi < 1e3 ? d->hi : v + 10 * (fabs(v) + 1);
  if (gr__param_specs[j].domain == GR__DOM_LOGIT) hi = v + 3;
  return gr__in_domain(j, v + (hi - v) * (0.02 + 0.98 * u));
}

/* A perturbation of case c, the i-th of the ways `units` counts (NULL: one
 * way): it makes m (a copy of c whose obligations are in `scratch`) and
 * the θ of either side, and says which side must deter more: +1 m (with
 * θ `up`), -1 c (with θ `th`), 0 skip. c is a copy of the case whose
 * scalar fields it may change too (its obligations are the case's). */
typedef int (*perturbation)(gr__carr *c, size_t i, gr__carr *m, double *th, double *up, prng *r, const void *ctx);

/* Property t over every case, `draws` θ each (theta_of), and each of the
 * ways to perturb it: deters_more with `flags`. */
static void over_cases(tally *t, uint64_t draws, size_t (*units)(const gr__carr *), perturbation apply,
                       const void *ctx, unsigned flags, uint64_t seed) {
  prng r = {seed};
  for (size_t k = 0; k < ncases; k++) {
    cur_case = &cases[k];
    size_t n = units ? units(&cases[k].c) : 1;
    for (size_t i = 0; i < n; i++)
      for (uint64_t d = 0; d < draws; d++) {
        double th[GR__P_COUNT], up[GR__P_COUNT];
        theta_of(k, d, th);
        memcpy(up, th, sizeof th);
        gr__carr c = cases[k].c, m = copy_of(&c);
        int more = apply(&c, i, &m, th, up, &r, ctx);
        memcpy(cur_theta, th, sizeof cur_theta);
        if (more > 0) deters_more(t, (side){&c, th}, (side){&m, up}, flags);
        else if (more < 0) deters_more(t, (side){&m, up}, (side){&c, th}, flags);
      }
  }
}

static size_t per_obligation(const gr__carr *c) { return c->nobs; }
static size_t per_guarantor(const gr__carr *c) { return c->ng; }

/* Every parameter moves P(no attack), every option's value and success,
 * and the battle, in the direction its meaning gives it (the table
 * above), for every case and θ: the model's equations are monotone in
 * each of their inputs. This covers, among others, "raising honour_base
 * never lowers P(deterred)" and "more arms money never lowers it". */
static int raise_parameter(gr__carr *c, size_t i, gr__carr *m, double *th, double *up, prng *r,
                           const void *ctx) {
  (void)c, (void)i, (void)m;
  static char what[128];
  const struct direction *dir = ctx;
  int j = dir->param;
  up[j] = raised(j, th[j], rnd_unif(r));
  snprintf(what, sizeof what, "%s %.17g -> %.17g", gr__param_specs[j].id, th[j], up[j]);
  cur_what = what;
  return dir->sign;
}

static void test_parameter_directions(void **state) {
  (void)state;
  size_t n = sizeof DIRECTIONS / sizeof DIRECTIONS[0];
  /* Each parameter the decision reads has its direction stated once, or
   * is one of those whose direction depends on the case: a parameter
   * added to the model must be placed here. */
  static const int undirected[] = {GR__P_DECISION_NOISE, GR__P_SUCCESS_SLOPE, GR__P_HOLD_ELASTICITY};
  for (int j = 0; j < GR__P_FIRST_DELAY; j++) {
    int stated = 0;
    for (size_t i = 0; i < n; i++) stated += DIRECTIONS[i].param == j;
    for (size_t i = 0; i < sizeof undirected / sizeof undirected[0]; i++) stated += undirected[i] == j;
    if (stated != 1) fprintf(stderr, "parameter %s: direction stated %d times\n", gr__param_specs[j].id, stated);
    assert_int_equal(stated, 1);
  }
  for (size_t i = 0; i < n; i++) {
    char name[96];
    snprintf(name, sizeof name, "raising %s %s P(deterred)", gr__param_specs[DIRECTIONS[i].param].id,
             DIRECTIONS[i].sign > 0 ? "never lowers" : "never raises");
    tally t = {name, 0, 0};
    over_cases(&t, 6, NULL, raise_parameter, &DIRECTIONS[i], CHECK_SUCCESS | CHECK_FIGHT, SEED + 1 + i);
    cur_what = NULL;
    finish(&t);
  }
}

/* Raising honour_base over its whole range, step by step: P(no attack)
 * never falls (every obligation's log-odds rise with it, and with them
 * perceived punishment and expected help). */
static void test_honour_base_sweep(void **state) {
  (void)state;
  tally t = {"honour_base swept 0..1 never lowers P(deterred)", 0, 0};
  for (size_t k = 0; k < ncases; k++) {
    cur_case = &cases[k];
    double th[GR__P_COUNT], before = -1;
    theta_of(k, 0, th);
    for (int s = 0; s <= 20; s++) {
      th[GR__P_HONOUR_BASE] = s / 20.0;
      gr__weighing w;
      gr__weigh(&cases[k].c, th, &work, &w);
      double p = gr__p_no_attack(&cases[k].c, &w, th);
      if (s > 0) rises(&t, "P(no attack)", before, p);
      before = p;
    }
  }
  finish(&t);
}

/* Adding troops to a force (an engaged reassurance force above all: the
 * brigade on the line) never raises any option's chance of success: the
 * troops add to the defence in place (or to the help sent), and a
 * stronger defence holds longer, so no help that arrived in time before
 * is late now. Nor does it raise P(attack), nor turn a failed attack
 * into a success on the same random numbers. A stated size only: an
 * unsized intervention is a share of the guarantor's personnel, which a
 * small stated size replaces. ctx: whether the force is engaged. */
static int more_troops(gr__carr *c, size_t i, gr__carr *m, double *th, double *up, prng *r,
                       const void *ctx) {
  (void)th, (void)up;
  const gr__cob *b = &c->obs[i];
  if (!sized_kind(b->kind) || !(b->troops > 0) || b->engaged != *(const bool *)ctx) return 0;
  m->obs[i].troops = b->troops * (1 + 3 * rnd_unif(r)) + 100;
  return +1;
}

static void test_more_troops(void **state) {
  (void)state;
  static const bool engaged = true, not_engaged = false;
  tally e = {"more troops on an engaged force never raise success", 0, 0};
  over_cases(&e, 8, per_obligation, more_troops, &engaged, CHECK_SUCCESS | CHECK_FIGHT, SEED + 2);
  finish(&e);
  tally t = {"more troops on a force not engaged never raise success", 0, 0};
  over_cases(&t, 8, per_obligation, more_troops, &not_engaged, CHECK_SUCCESS | CHECK_FIGHT, SEED + 2);
  finish(&t);
}

/* More money for arms (a stated value of arms supply, stocks or force
 * financing) never lowers P(deterred): it buys troop-equivalents, before
 * the attack (standing) or after it. */
static int more_money(gr__carr *c, size_t i, gr__carr *m, double *th, double *up, prng *r, const void *ctx) {
  (void)th, (void)up, (void)ctx;
  const gr__cob *b = &c->obs[i];
  if (!gr__kinds[b->kind].buys || b->value < 0) return 0;
  m->obs[i].value = b->value * (1 + 4 * rnd_unif(r)) + 10;
  return +1;
}

static void test_more_money(void **state) {
  (void)state;
  tally t = {"more arms money never lowers P(deterred)", 0, 0};
  over_cases(&t, 8, per_obligation, more_money, NULL, CHECK_SUCCESS | CHECK_FIGHT, SEED + 3);
  finish(&t);
}

/* Making a guarantor nuclear-armed never lowers P(deterred): its military
 * punishment is multiplied by nuclear_punishment_factor, which is at
 * least 1; nothing else reads g_nuclear. */
static int nuclear_armed(gr__carr *c, size_t g, gr__carr *m, double *th, double *up, prng *r,
                         const void *ctx) {
  (void)th, (void)up, (void)r, (void)ctx;
  int more = 0;
  for (size_t i = 0; i < c->nobs; i++)
    if (c->obs[i].g == (int)g && !c->obs[i].g_nuclear) m->obs[i].g_nuclear = true, more = +1;
  return more;
}

static void test_nuclear_guarantor(void **state) {
  (void)state;
  tally t = {"a nuclear-armed guarantor never lowers P(deterred)", 0, 0};
  over_cases(&t, 8, per_guarantor, nuclear_armed, NULL, CHECK_SUCCESS | CHECK_FIGHT, SEED + 4);
  finish(&t);
}

/* An arrangement never deters less than no guarantee at all
 * (gr__carr_bare), for the same θ: its obligations can only add
 * punishment (non-negative) and defence (non-negative additions, factors
 * of at least 1, a longer hold, so more help in time); the options open
 * are the same. This holds exactly when the arrangement caps nothing.
 *
 * It does NOT hold for an arrangement with a binding force_cap: the
 * baseline is weighed with the protected state's uncapped forces
 * (gr__carr_bare in mc.h: "no obligation, no force cap"), and a cap is a
 * term of the arrangement that weakens the defence. Such an arrangement
 * can deter less than no guarantee — by design, not an error: the cap is
 * the price of the arrangement. What does hold is that its obligations
 * never deter less than the same cap without them, checked here for the
 * capped arrangements; test_force_cap_can_cost_deterrence shows the
 * exception happens. ctx: whether the arrangement caps. */
static int no_guarantee(gr__carr *c, size_t i, gr__carr *m, double *th, double *up, prng *r, const void *ctx) {
  (void)i, (void)th, (void)up, (void)r;
  bool capped = c->protected_ < c->protected_uncapped;
  if (capped != *(const bool *)ctx) return 0;
  gr__carr_bare(c, m);
  m->protected_ = c->protected_;
  return -1;
}

static void test_never_below_baseline(void **state) {
  (void)state;
  static const bool capped = true, uncapped = false;
  tally t = {"an arrangement (no cap) never deters less than no guarantee", 0, 0};
  over_cases(&t, 32, NULL, no_guarantee, &uncapped, CHECK_SUCCESS | CHECK_FIGHT, SEED + 5);
  finish(&t);
  tally tc = {"a capped arrangement never deters less than the cap alone", 0, 0};
  over_cases(&tc, 32, NULL, no_guarantee, &capped, CHECK_SUCCESS | CHECK_FIGHT, SEED + 5);
  finish(&tc);
}

/* The exception above, shown: a binding cap can leave an arrangement
 * deterring less than no guarantee. */
static void test_force_cap_can_cost_deterrence(void **state) {
  (void)state;
  unsigned long below = 0, capped = 0;
  for (size_t k = 0; k < ncases; k++) {
    const gr__carr *c = &cases[k].c;
    if (!(c->protected_ < c->protected_uncapped)) continue;
    gr__carr bare;
    gr__carr_bare(c, &bare);
    for (uint64_t d = 0; d < 32; d++) {
      double th[GR__P_COUNT];
      theta_of(k, d, th);
      gr__weighing wb, wc;
      gr__weigh(&bare, th, &work, &wb);
      gr__weigh(c, th, &work, &wc);
      below += gr__p_no_attack(c, &wc, th) < gr__p_no_attack(&bare, &wb, th) * (1 - 1e-9);
      capped++;
    }
  }
  fprintf(stderr, "  a binding cap deters less than no guarantee in %lu of %lu capped (case, theta)\n", below,
          capped);
  assert_true(capped > 0 && below > 0);
}

/* Dropping any one obligation never raises P(deterred): what it added
 * (punishment, per guarantor and class the largest of its obligations';
 * help; a factor) is non-negative. The converse of "adding an obligation
 * never lowers it", at the level of the compiled arrangement. */
static int drop_obligation(gr__carr *c, size_t i, gr__carr *m, double *th, double *up, prng *r,
                           const void *ctx) {
  (void)th, (void)up, (void)r, (void)ctx;
  memmove(&m->obs[i], &m->obs[i + 1], (c->nobs - i - 1) * sizeof *m->obs);
  m->nobs = c->nobs - 1;
  return -1;
}

static void test_fewer_obligations(void **state) {
  (void)state;
  tally t = {"dropping an obligation never raises P(deterred)", 0, 0};
  over_cases(&t, 6, per_obligation, drop_obligation, NULL, CHECK_SUCCESS | CHECK_FIGHT, SEED + 6);
  finish(&t);
}

/* A larger cap on the protected state's forces never lowers P(deterred):
 * its forces are the base of the defence in place. Swept from no forces
 * to uncapped, in tenths. */
static size_t tenths(const gr__carr *c) {
  (void)c;
  return 10;
}

static int larger_cap(gr__carr *c, size_t s, gr__carr *m, double *th, double *up, prng *r, const void *ctx) {
  (void)th, (void)up, (void)r, (void)ctx;
  c->protected_ = c->protected_uncapped * (double)s / 10.0;
  m->protected_ = c->protected_uncapped * (double)(s + 1) / 10.0;
  return +1;
}

static void test_larger_cap(void **state) {
  (void)state;
  tally t = {"a larger force cap never lowers P(deterred)", 0, 0};
  over_cases(&t, 6, tenths, larger_cap, NULL, CHECK_SUCCESS | CHECK_FIGHT, SEED + 7);
  finish(&t);
}

/* A stronger aggressor never deters more: its attack is larger, so each
 * ground option's chance of success higher and the defence's hold
 * shorter (less help in time). */
static int stronger_aggressor(gr__carr *c, size_t i, gr__carr *m, double *th, double *up, prng *r,
                              const void *ctx) {
  (void)i, (void)th, (void)up, (void)ctx;
  m->aggressor = c->aggressor * (1 + 2 * rnd_unif(r));
  return -1;
}

static void test_stronger_aggressor(void **state) {
  (void)state;
  tally t = {"a stronger aggressor never raises P(deterred)", 0, 0};
  over_cases(&t, 6, NULL, stronger_aggressor, NULL, CHECK_SUCCESS | CHECK_FIGHT, SEED + 8);
  finish(&t);
}

/* Help that is expected sooner never deters less: an obligation whose
 * mean delay falls below the days the defence holds counts in the
 * aggressor's weighing. (The battle draws its own delays: not checked.) */
static int faster_help(gr__carr *c, size_t i, gr__carr *m, double *th, double *up, prng *r, const void *ctx) {
  (void)i, (void)th, (void)up, (void)ctx;
  for (size_t x = 0; x < c->nobs; x++) m->obs[x].mean_delay *= rnd_unif(r);
  return +1;
}

static void test_faster_help(void **state) {
  (void)state;
  tally t = {"help expected sooner never lowers P(deterred)", 0, 0};
  over_cases(&t, 6, NULL, faster_help, NULL, CHECK_SUCCESS, SEED + 9);
  finish(&t);
}

/* Moving a reassurance force from the rear (engaged = false) to the
 * struck region (engaged = true) never lowers P(deterred): in the rear it
 * counts only if honoured, only in part (reserve_share) and only if it
 * arrives while the defence holds; on the line it fights from day 0, in
 * full, without a decision, and lengthens the hold for all other help.
 * The compiler also gives the force's guarantor a tripwire when it stands
 * where the attack falls (tripwire_shift on every obligation of that
 * guarantor), which can only raise honour while the shift is positive,
 * as its meaning says it is.
 *
 * Two ways this fails today, each kept apart in the known-bugs group
 * (test_properties --model-bugs, a CTest test of its own):
 *
 * MODEL BUG (src/lib/mc/model.c): against a probe. The defence in place —
 * the engaged force included — is multiplied by probe_local_share (a
 * probe meets only a local share of it), while help sent after the probe
 * is added in full; so a force on the line meets a probe at
 * probe_local_share (0.05-0.25) of its strength, and the same force in
 * the rear at reserve_share (0.2-0.6) times its perceived honour. When
 * reserve_share x honour > probe_local_share, moving it to the line
 * weakens the defence against the probe. gr__weigh and gr__fight both do
 * this ("if (o == GR_OPTION_PROBE) d *= th[GR__P_PROBE_LOCAL_SHARE]" in
 * gr__defence_in_place against "help += pt * gr__addition(b, th)" and
 * "help += gr__addition(b, th)"). A force stationed where the attack
 * falls and help sent to it must meet a probe alike.
 *
 * PRIOR BUG (data/parameters.yaml): tripwire_shift is normal(1.0, 0.4),
 * below 0 in 0.6 % of draws, though its sources argue the direction (a
 * force under attack makes its government likelier to fight). In those
 * draws the tripwire lowers every obligation of the guarantor, and moving
 * its force to the line can lower P(deterred): a prior whose sign is
 * known should not cross it (a lognormal, or a normal truncated at 0).
 *
 * The passing test covers every other option, and the tripwire with the
 * shift at 0 or above. */
enum { MOVE_ENGAGED, MOVE_WITH_TRIPWIRE, MOVE_WITH_NEGATIVE_TRIPWIRE };
typedef struct move {
  bool probe; /* The probe alone, or every option but the probe. */
  int how;
} move;

static int to_the_line(gr__carr *c, size_t i, gr__carr *m, double *th, double *up, prng *r, const void *ctx) {
  (void)r;
  const move *mv = ctx;
  const gr__cob *b = &c->obs[i];
  if (b->kind != GR_OB_REASSURANCE_FORCE || b->engaged) return 0;
  unsigned probe = 1u << GR_OPTION_PROBE;
  c->available = mv->probe ? c->available & probe : c->available & ~probe;
  if (c->available == 0) return 0;
  m->available = c->available;
  m->obs[i].engaged = true;
  if (mv->how != MOVE_ENGAGED)
    for (size_t x = 0; x < c->nobs; x++)
      if (m->obs[x].g == b->g) m->obs[x].tripwire = true;
  if (mv->how == MOVE_WITH_TRIPWIRE && th[GR__P_TRIPWIRE] < 0) th[GR__P_TRIPWIRE] = up[GR__P_TRIPWIRE] = 0;
  /* The low end of the prior: its 0.1 % quantile (it was -0.24 under a
   * normal prior; the lognormal keeps it positive). */
  if (mv->how == MOVE_WITH_NEGATIVE_TRIPWIRE)
    th[GR__P_TRIPWIRE] = up[GR__P_TRIPWIRE] = gr__param_quantile(ps->p[GR__P_TRIPWIRE], 0.001);
  return +1;
}

static void rear_to_line(tally *t, bool probe, int how) {
  move mv = {probe, how};
  over_cases(t, 16, per_obligation, to_the_line, &mv, CHECK_SUCCESS | CHECK_FIGHT, SEED + 10);
  finish(t);
}

static void test_rear_to_line(void **state) {
  (void)state;
  tally t = {"a force moved from the rear to the line never lowers P(deterred)", 0, 0};
  rear_to_line(&t, false, MOVE_ENGAGED);
  tally w = {"  ... with its guarantor's tripwire (shift >= 0)", 0, 0};
  rear_to_line(&w, false, MOVE_WITH_TRIPWIRE);
}

static void test_rear_to_line_probe(void **state) {
  (void)state;
  tally t = {"a force moved to the line, against a probe (was MODEL BUG)", 0, 0};
  rear_to_line(&t, true, MOVE_ENGAGED);
}

static void test_rear_to_line_negative_tripwire(void **state) {
  (void)state;
  tally t = {"a force moved to the line, tripwire_shift at its prior's 0.1 % quantile (was PRIOR BUG)", 0, 0};
  rear_to_line(&t, false, MOVE_WITH_NEGATIVE_TRIPWIRE);
}

/* Decision noise: P(no attack) = 1 / (1 + exp(U_best / τ)) tends to 1/2
 * as τ grows, from below when the best option is worth taking (U_best >
 * 0) and from above when it is not; at τ = 0 the aggressor attacks exactly
 * when its best option is worth it. The error is on the comparison of the
 * best option with not attacking, so this holds for any number of open
 * options. */
static void test_decision_noise(void **state) {
  (void)state;
  tally t = {"more decision noise moves P(deterred) toward 1/2", 0, 0};
  prng r = {SEED + 6};
  for (size_t k = 0; k < ncases; k++) {
    const gr__carr *c = &cases[k].c;
    cur_case = &cases[k];
    for (uint64_t d = 0; d < 16; d++) {
      double th[GR__P_COUNT], up[GR__P_COUNT];
      theta_of(k, d, th);
      memcpy(up, th, sizeof th);
      up[GR__P_DECISION_NOISE] = th[GR__P_DECISION_NOISE] * (1 + 5 * rnd_unif(&r));
      gr__weighing w;
      gr__weigh(c, th, &work, &w);
      double p = gr__p_no_attack(c, &w, th), q = gr__p_no_attack(c, &w, up);
      bool pos = false;
      for (int o = 0; o < GR_OPTION__COUNT; o++)
        if (c->available >> o & 1u) pos |= w.value[o] > 0;
      if (!pos) {
        falls(&t, "P(no attack), best option unattractive", p, q);
        rises(&t, "1/2 below P(no attack)", 0.5, q);
      } else {
        rises(&t, "P(no attack), best option attractive", p, q);
        falls(&t, "P(no attack) below 1/2", 0.5, q);
      }
      /* τ = 0: the aggressor attacks exactly when some option is worth it. */
      up[GR__P_DECISION_NOISE] = 0;
      rises(&t, "P(no attack) at tau 0 (1 = every option unattractive)", pos ? 0 : 1, gr__p_no_attack(c, &w, up));
      falls(&t, "P(no attack) at tau 0 (1 = every option unattractive)", pos ? 0 : 1, gr__p_no_attack(c, &w, up));
    }
  }
  finish(&t);
}

/* A second way to attack that is worth less than the best does not by
 * itself make an attack likelier (the error is on the comparison with not
 * attacking, not on each option): U = (+0.01, -10) and (+0.01) alone give
 * the same P(no attack) at any noise. */
static void test_noise_mixed_signs(void **state) {
  (void)state;
  gr__carr c;
  memset(&c, 0, sizeof c);
  gr__weighing w;
  memset(&w, 0, sizeof w);
  w.value[GR_OPTION_PROBE] = 0.01;
  w.value[GR_OPTION_OFFENSIVE] = -10;
  double th[GR__P_COUNT] = {0};
  for (double tau = 0.05; tau < 2; tau *= 2) {
    th[GR__P_DECISION_NOISE] = tau;
    c.available = 1u << GR_OPTION_PROBE | 1u << GR_OPTION_OFFENSIVE;
    double two = gr__p_no_attack(&c, &w, th);
    c.available = 1u << GR_OPTION_PROBE;
    double one = gr__p_no_attack(&c, &w, th);
    assert_true(two == one);
    assert_true(fabs(one - 1 / (1 + exp(0.01 / tau))) < 1e-15);
  }
}

/* The no-guarantee baseline and the arrangement on the same decision
 * errors: no draw is an attack under the arrangement and deterred without
 * it (uncapped), with the errors of many draws, not only the θ draw's. */
static void test_choice_follows_values(void **state) {
  (void)state;
  tally t = {"no draw deterred without a guarantee is attacked with one", 0, 0};
  for (size_t k = 0; k < ncases; k++) {
    const gr__carr *c = &cases[k].c;
    cur_case = &cases[k];
    if (c->protected_ < c->protected_uncapped) continue;
    gr__carr bare;
    gr__carr_bare(c, &bare);
    double th[GR__P_COUNT];
    theta_of(k, 0, th);
    gr__weighing wb, wc;
    gr__weigh(&bare, th, &work, &wb);
    gr__weigh(c, th, &work, &wc);
    for (uint64_t e = 0; e < 64; e++) {
      cur_draw = e;
      rises(&t, "deterred (1 = yes)", chosen(&bare, &wb, th, SEED + 7, e) < 0, chosen(c, &wc, th, SEED + 7, e) < 0);
    }
  }
  finish(&t);
}

/* One draw as run.c runs it: the aggressor's choice on the draw's decision
 * errors, then the battle. 0: deterred, 1: attacked, the attack failed,
 * 2: attacked, the attack succeeded. */
static int outcome(const gr__carr *c, const double *th, uint64_t draw, int *option) {
  gr__weighing w;
  gr__weigh(c, th, &work, &w);
  int o = chosen(c, &w, th, SEED, draw);
  *option = o;
  if (o < 0) return 0;
  return gr__fight(c, o, ps, th, &work, SEED, draw, NULL) ? 2 : 1;
}

static int open_options(const gr__carr *c) {
  int n = 0;
  for (int o = 0; o < GR_OPTION__COUNT; o++) n += (c->available >> o & 1u) != 0;
  return n;
}

/* P(attack succeeds), draw for draw, for three ways of deterring more (an
 * arrangement against no guarantee, three times the troops on every
 * engaged force, a higher honour_base). With one option open, whatever
 * deters more also succeeds less: the attacks it still meets are a subset
 * of the draws, by the same option, against a defence no weaker, on the
 * same battle numbers. With several options open this is not so, and
 * cannot be: a stronger defence or a heavier punishment can turn the
 * aggressor from an ambitious option it would have lost to a modest one
 * it wins (an offensive that fails becomes a probe that succeeds), and
 * P(attack succeeds) counts success at whatever was attempted. That is
 * the headline's definition, not an error in an equation: the test
 * asserts the one-option cases and counts the substitutions in the
 * others. */
static void test_success_draw_for_draw(void **state) {
  (void)state;
  tally t = {"one option open: deterring more never raises P(succeeds)", 0, 0};
  unsigned long subst = 0, multi = 0;
  for (size_t k = 0; k < ncases; k++) {
    const gr__carr *c = &cases[k].c;
    cur_case = &cases[k];
    if (c->protected_ < c->protected_uncapped) continue;
    gr__carr bare, more = copy_of(c);
    gr__carr_bare(c, &bare);
    for (size_t i = 0; i < c->nobs; i++)
      if (scratch[i].engaged) scratch[i].troops = 3 * scratch[i].troops + 1000;
    for (uint64_t d = 0; d < 16; d++) {
      double th[GR__P_COUNT], up[GR__P_COUNT];
      theta_of(k, d, th);
      memcpy(up, th, sizeof th);
      up[GR__P_HONOUR_BASE] = th[GR__P_HONOUR_BASE] + (1 - th[GR__P_HONOUR_BASE]) / 2;
      side pairs[3][2] = {{{&bare, th}, {c, th}}, {{c, th}, {&more, th}}, {{c, th}, {c, up}}};
      for (int p = 0; p < 3; p++)
        for (uint64_t e = 0; e < 4; e++) {
          uint64_t draw = cur_draw * 4 + e;
          int olo, ohi;
          int lo = outcome(pairs[p][0].c, pairs[p][0].th, draw, &olo);
          int hi = outcome(pairs[p][1].c, pairs[p][1].th, draw, &ohi);
          if (open_options(c) == 1) {
            falls(&t, "attacked (1 = yes)", lo > 0, hi > 0);
            falls(&t, "succeeded (1 = yes)", lo == 2, hi == 2);
            continue;
          }
          multi++;
          if (hi == 2 && lo != 2 && subst++ == 0)
            fprintf(stderr,
                    "  e.g. %s against %s, theta draw %llu, draw %llu, %s: %s (%s) becomes %s, which succeeds\n",
                    c->arr->id, cases[k].ev, (unsigned long long)cur_draw, (unsigned long long)draw,
                    p == 0 ? "no guarantee -> the arrangement" : p == 1 ? "3x troops on the line" : "honour_base up",
                    olo < 0 ? "no attack" : gr_attack_option_name(olo), lo == 1 ? "fails" : "deterred",
                    gr_attack_option_name(ohi));
        }
    }
  }
  fprintf(stderr, "  several options open: a success where the weaker side had none in %lu of %lu draws\n", subst,
          multi);
  finish(&t);
}

/* The equations on their own: a ground attack's chance of success rises
 * with the attack and falls with the defence; the days a defence holds
 * do the opposite; the defence in place never falls when the protected
 * state's forces rise. */
static void test_battle_equations(void **state) {
  (void)state;
  tally t = {"success rises with attack, falls with defence; hold opposite", 0, 0};
  prng r = {SEED + 8};
  for (uint64_t d = 0; d < 2000; d++) {
    double th[GR__P_COUNT];
    cur_case = NULL;
    have_theta = false;
    cur_draw = d;
    gr__sample_theta(ps, SEED, d, th);
    double s = exp(8 + 8 * rnd_unif(&r)), dd = exp(8 + 8 * rnd_unif(&r)), f = 1 + 3 * rnd_unif(&r);
    rises(&t, "p_success(s up)", gr__p_success(s, dd, th), gr__p_success(s * f, dd, th));
    falls(&t, "p_success(d up)", gr__p_success(s, dd, th), gr__p_success(s, dd * f, th));
    falls(&t, "hold_days(s up)", gr__hold_days(s, dd, th), gr__hold_days(s * f, dd, th));
    rises(&t, "hold_days(d up)", gr__hold_days(s, dd, th), gr__hold_days(s, dd * f, th));
    /* The edges: no defence falls at once; no attack never succeeds. */
    rises(&t, "p_success(s, 0) = 1", 1, gr__p_success(s, 0, th));
    falls(&t, "p_success(0, d) = 0", 0, gr__p_success(0, dd, th));
    falls(&t, "hold_days(s, 0) = 0", 0, gr__hold_days(s, 0, th));
  }
  for (size_t k = 0; k < ncases; k++) {
    const gr__carr *c = &cases[k].c;
    cur_case = &cases[k];
    double th[GR__P_COUNT];
    theta_of(k, 0, th);
    gr__carr hi = *c;
    hi.protected_ = c->protected_ * 1.5 + 1;
    for (int o = 0; o < GR_OPTION__COUNT; o++)
      if (gr__options[o].fight == GR__FIGHT_GROUND)
        rises(&t, "defence in place (protected forces up)", gr__defence_in_place(c, o, th),
              gr__defence_in_place(&hi, o, th));
  }
  finish(&t);
}

/* The honour shifts in the order their meanings give them: a weaker legal
 * form, a looser commitment, a costlier kind of help, a stated refusal
 * are honoured less, in expectation: each prior's mean is at most the
 * next stronger one's, the reference (ratified, firm, automatic, combat)
 * being 0; a tripwire raises honour, a pending approval and a nuclear
 * aggressor lower it. The priors are independent normals, so a single
 * draw can invert an order (a signed treaty honoured more than a ratified
 * one): that is uncertainty about the sizes, not an error, and each
 * property of level (a) holds draw by draw whatever the order; the rate
 * of inversions is printed. */
static void test_prior_orders(void **state) {
  (void)state;
  /* Weakest first; `reference`: the last is at most 0, the reference's shift. */
  static const struct {
    int n, p[5];
    bool reference;
  } chains[] = {
      {4,
       {GR__P_LEGAL_POLITICAL_DECLARATION, GR__P_LEGAL_MEMORANDUM, GR__P_LEGAL_EXECUTIVE_AGREEMENT,
        GR__P_LEGAL_TREATY_SIGNED},
       true},
      {3, {GR__P_COMMIT_UNDECIDED, GR__P_COMMIT_CONDITIONAL, GR__P_COMMIT_WILLING}, true},
      {1, {GR__P_ACT_DISCRETIONARY}, true},
      {1, {GR__P_ACT_CONSENSUS}, true},
      {1, {GR__P_ACT_BY_BODY}, true},
      {1, {GR__P_ACT_AFTER_CONSULTATION}, true},
      {2, {GR__P_SAID_REFUSES, GR__P_SAID_RELUCTANT}, true},
      {1, {GR__P_APPROVAL}, true},
      {1, {GR__P_NUCLEAR}, true},
      /* Costlier help is honoured less: combat (the reference) below
       * presence below supply below the rest below talk. */
      {5,
       {GR__P_COST_COMBAT, GR__P_COST_PRESENCE, GR__P_COST_SUPPLY, GR__P_COST_OTHER, GR__P_COST_CONSULTATION},
       false},
  };
  enum { NCHAINS = sizeof chains / sizeof chains[0], DRAWS = 4000 };
  unsigned long inverted[NCHAINS][5] = {{0}}, negative = 0;
  for (uint64_t d = 0; d < DRAWS; d++) {
    double th[GR__P_COUNT];
    gr__sample_theta(ps, SEED, d, th);
    for (size_t c = 0; c < NCHAINS; c++)
      for (int i = 0; i < chains[c].n; i++) {
        double next = i + 1 < chains[c].n ? th[chains[c].p[i + 1]] : chains[c].reference ? 0 : INFINITY;
        inverted[c][i] += th[chains[c].p[i]] > next;
      }
    negative += th[GR__P_TRIPWIRE] < 0;
  }
  for (size_t c = 0; c < NCHAINS; c++)
    for (int i = 0; i < chains[c].n; i++) {
      int j = chains[c].p[i];
      bool last = i + 1 == chains[c].n;
      if (last && !chains[c].reference) continue;
      double mean = gr__param_mean(ps->p[j]), next = last ? 0 : gr__param_mean(ps->p[chains[c].p[i + 1]]);
      fprintf(stderr, "  %-28s mean %5.2f <= %-24s %5.2f; above it in %4.1f %% of draws\n", gr__param_specs[j].id,
              mean, last ? "the reference" : gr__param_specs[chains[c].p[i + 1]].id, next,
              100.0 * (double)inverted[c][i] / DRAWS);
      assert_true(mean <= next);
    }
  double tw = gr__param_mean(ps->p[GR__P_TRIPWIRE]);
  fprintf(stderr, "  tripwire_shift mean %.2f >= 0; below 0 in %.1f %% of draws\n", tw,
          100.0 * (double)negative / DRAWS);
  assert_true(tw >= 0);
}

/* ---- (b) End to end --------------------------------------------------------- */

/* Pairs of arrangements that differ in one respect, built on a random
 * core of obligations (no force cap, no force of its own in Zaporizhzhia):
 *   core         the core alone
 *   troops-lo/hi core + a reassurance force in UA-23 of T, then 3T troops
 *   rear         core + the same force of T in UA-32 (the rear)
 *   money-lo/hi  core + arms supply of V, then 4V $M a year
 *   cap-lo/hi    the core under a force cap of 150,000, then 400,000
 *   conv/nuc     core + a combat obligation by XCON, then by XNUC (alike
 *                but for nuclear arms)
 * The obligation that varies comes last with the same guarantor and kind,
 * so the core's random streams are the same in every variant. (XNUC and
 * XCON draw different honour streams, a stream hashing its guarantor's
 * id; the decision reads none, so their attack counts are still paired
 * draw for draw.) */
enum { NPAIRS = 10, NVARIANTS = 10 };
static const char *const VARIANTS[NVARIANTS] = {"core",   "troops-lo", "troops-hi", "rear",  "money-lo",
                                                "money-hi", "cap-lo",  "cap-hi",    "conv",  "nuc"};
enum { V_CORE, V_TROOPS_LO, V_TROOPS_HI, V_REAR, V_MONEY_LO, V_MONEY_HI, V_CAP_LO, V_CAP_HI, V_CONV, V_NUC };
static text yaml_pairs[NPAIRS][NVARIANTS];

static gr_status load_pairs(gr_catalog *c, gr_error *err) {
  prng r = {SEED + 100};
  for (int p = 0; p < NPAIRS; p++) {
    text core = {0};
    int n = 1 + rnd_int(&r, 4), form = rnd_int(&r, GR_LF__COUNT);
    for (int i = 0; i < n; i++) {
      put(&core, "    - {guarantor: %s, ", GUARANTORS[rnd_int(&r, NGUARANTORS)]);
      int kind;
      do kind = rnd_int(&r, GR_OB__COUNT);
      while (kind == GR_OB_REASSURANCE_FORCE);
      put(&core, "kind: %s", gr_table_name(GR_T_OBLIGATION_KIND, kind));
      random_terms(&r, &core, kind);
    }
    const char *g = GUARANTORS[rnd_int(&r, 9)]; /* A state. */
    const char *m = GUARANTORS[rnd_int(&r, 9)];
    int troops = 2000 + 1000 * rnd_int(&r, 40), money = 200 + 100 * rnd_int(&r, 30);
    static const int combat[] = {GR_OB_MILITARY_INTERVENTION, GR_OB_AIR_COVER, GR_OB_NAVAL_PRESENCE};
    int ck = combat[rnd_int(&r, 3)];
    const char *force_act = rnd_coin(&r, 0.5) ? "automatic" : "after_consultation";
    for (int v = 0; v < NVARIANTS; v++) {
      text *t = &yaml_pairs[p][v];
      char id[32];
      snprintf(id, sizeof id, "pair-%02d-%s", p, VARIANTS[v]);
      header(t, id, form, v == V_CAP_LO ? 150000 : v == V_CAP_HI ? 400000 : -1);
      put(t, "%s", core.s);
      if (v == V_TROOPS_LO || v == V_TROOPS_HI || v == V_REAR)
        put(t,
            "    - {guarantor: %s, kind: reassurance_force, troops: %d, location: {regions: [%s]},\n"
            "       triggers: [attack_on_guarantor_forces, armed_attack], activation: %s, " SRC "}\n",
            g, v == V_TROOPS_HI ? 3 * troops : troops, v == V_REAR ? "UA-32" : "UA-23", force_act);
      if (v == V_MONEY_LO || v == V_MONEY_HI)
        put(t,
            "    - {guarantor: %s, kind: arms_supply, value: %d, triggers: [armed_attack], activation: automatic, "
            SRC "}\n",
            m, v == V_MONEY_HI ? 4 * money : money);
      if (v == V_CONV || v == V_NUC)
        put(t, "    - {guarantor: %s, kind: %s, triggers: [armed_attack, strike, blockade], activation: automatic, " SRC
               "}\n",
            v == V_NUC ? "XNUC" : "XCON", gr_table_name(GR_T_OBLIGATION_KIND, ck));
      if (gr_catalog_load_buffer(c, id, t->s, t->n, err) != GR_OK) {
        fprintf(stderr, "%s", t->s);
        free(core.s);
        return err ? err->code : GR_E_INVALID;
      }
    }
    free(core.s);
  }
  return GR_OK;
}

static void free_pairs(void) {
  for (int p = 0; p < NPAIRS; p++)
    for (int v = 0; v < NVARIANTS; v++) free(yaml_pairs[p][v].s);
}

/* The cases of level (b): ground attacks of each scale, a strike, a
 * blockade. */
static const char *const RUN_EVENTS[] = {"offensive-zaporizhzhia", "prop-invasion", "prop-incursion", "strike-kyiv",
                                         "blockade-odesa"};
enum { NRUN_EVENTS = sizeof RUN_EVENTS / sizeof RUN_EVENTS[0] };
enum { NRUN = NPAIRS * NVARIANTS + NRANDOM };
enum { RUN_DRAWS = 4000 };

static gr_sim_result *runs[NRUN_EVENTS][NRUN];
static const gr_arrangement *run_arrs[NRUN];

static gr_sim_options run_options(uint64_t draws, int threads) { return test_sim_options(draws, SEED, threads); }

/* Every pair and random arrangement against each case, on the same draws;
 * once, for every test of level (b). */
static void ensure_runs(void) {
  if (runs_done) return;
  runs_done = true;
  size_t n = 0;
  for (int p = 0; p < NPAIRS; p++)
    for (int v = 0; v < NVARIANTS; v++) {
      char id[32];
      snprintf(id, sizeof id, "pair-%02d-%s", p, VARIANTS[v]);
      run_arrs[n++] = gr_catalog_arrangement(cat, id);
    }
  for (int i = 0; i < NRANDOM; i++) {
    char id[16];
    snprintf(id, sizeof id, "prop-%02d", i);
    run_arrs[n++] = gr_catalog_arrangement(cat, id);
  }
  for (size_t i = 0; i < n; i++) assert_non_null(run_arrs[i]);
  gr_sim_options o = run_options(RUN_DRAWS, 1);
  for (int e = 0; e < NRUN_EVENTS; e++) {
    gr_error err = GR_ERROR_INIT;
    const gr_event *ev = gr_catalog_event(cat, RUN_EVENTS[e]);
    gr_status st = gr_simulate(cat, ps, run_arrs, NRUN, ev, NULL, 0, &o, runs[e], &err);
    if (st != GR_OK) fprintf(stderr, "%s: %s\n", RUN_EVENTS[e], err.message);
    gr_error_clear(&err);
    assert_int_equal(st, GR_OK);
  }
}

static void free_runs(void) {
  for (int e = 0; e < NRUN_EVENTS; e++)
    for (int a = 0; a < NRUN; a++) gr_sim_result_free(runs[e][a]);
}

static const gr_sim_result *pair_run(int e, int p, int v) {
  ensure_runs();
  return runs[e][p * NVARIANTS + v];
}

static void count_violated(tally *t, const char *ev, const char *less, const char *more, const char *quantity,
                           uint64_t before, uint64_t after) {
  if (t->violations++ < 8)
    fprintf(stderr, "VIOLATED %s: %s, %s -> %s: %s %llu -> %llu of %d draws (seed %u)\n", t->name, ev, less, more,
            quantity, (unsigned long long)before, (unsigned long long)after, RUN_DRAWS, SEED);
}

/* `more` is attacked in no more draws than `less`, on the same draws:
 * draw for draw it deters whatever `less` deters (level (a)), so the
 * count can only be lower. */
static void fewer_attacks_than(tally *t, int e, const gr_sim_result *less, const gr_sim_result *more) {
  t->checks++;
  if (more->attack.k > less->attack.k)
    count_violated(t, RUN_EVENTS[e], less->arrangement->id, more->arrangement->id, "attacks", less->attack.k,
                   more->attack.k);
}

/* Every result's own bookkeeping, and no arrangement above its baseline:
 * draws = deterred + attacks; the attacks are the options chosen, each
 * open; no arrangement without a binding cap is attacked in more draws
 * than no guarantee, so its gain fewer_attacks is at least 0; and the
 * baseline is the same for every arrangement of a case (it reads nothing
 * of the arrangement but its case). */
static void test_run_against_baseline(void **state) {
  (void)state;
  tally t = {"end to end: P(attack) <= base_attack, fewer_attacks >= 0", 0, 0};
  ensure_runs();
  for (int e = 0; e < NRUN_EVENTS; e++)
    for (int a = 0; a < NRUN; a++) {
      const gr_sim_result *r = runs[e][a];
      assert_int_equal(r->draws, RUN_DRAWS);
      assert_int_equal(r->deterred.k + r->attack.k, r->draws);
      uint64_t chosen = 0;
      for (int o = 0; o < GR_OPTION__COUNT; o++) {
        chosen += r->chosen[o].k;
        if (!(r->available >> o & 1u)) assert_int_equal(r->chosen[o].k, 0);
      }
      assert_int_equal(chosen, r->attack.k);
      assert_true(r->succeeds.k <= r->attack.k && r->base_succeeds.k <= r->base_attack.k);
      assert_int_equal(r->base_attack.k, runs[e][0]->base_attack.k);
      assert_int_equal(r->base_succeeds.k, runs[e][0]->base_succeeds.k);
      const gr_arrangement *arr = r->arrangement;
      bool capped = GR_GIVEN(arr, GR_KEY_ARRANGEMENT_FORCE_CAP) &&
                    arr->force_cap.value < gr_catalog_actor(cat, "UKR")->personnel.value;
      if (capped) continue;
      t.checks++;
      if (r->attack.k > r->base_attack.k || r->fewer_attacks.estimate < 0)
        count_violated(&t, RUN_EVENTS[e], "no guarantee", arr->id, "attacks", r->base_attack.k, r->attack.k);
    }
  finish(&t);
}

/* The pairs: more troops on the line, more money, a higher cap, a
 * nuclear-armed guarantor, each added obligation: never more attacks.
 * Each is exact draw for draw (level (a)) except the force added on the
 * line (core -> troops-lo), which gives its guarantor a tripwire: exact
 * while tripwire_shift >= 0 (see the PRIOR BUG of test_rear_to_line). */
static void test_run_pairs(void **state) {
  (void)state;
  tally t = {"end to end: troops, money, cap, nuclear, added obligation", 0, 0};
  for (int e = 0; e < NRUN_EVENTS; e++)
    for (int p = 0; p < NPAIRS; p++) {
      fewer_attacks_than(&t, e, pair_run(e, p, V_TROOPS_LO), pair_run(e, p, V_TROOPS_HI));
      fewer_attacks_than(&t, e, pair_run(e, p, V_MONEY_LO), pair_run(e, p, V_MONEY_HI));
      fewer_attacks_than(&t, e, pair_run(e, p, V_CAP_LO), pair_run(e, p, V_CAP_HI));
      fewer_attacks_than(&t, e, pair_run(e, p, V_CAP_HI), pair_run(e, p, V_CORE));
      fewer_attacks_than(&t, e, pair_run(e, p, V_CONV), pair_run(e, p, V_NUC));
      fewer_attacks_than(&t, e, pair_run(e, p, V_CORE), pair_run(e, p, V_MONEY_LO));
      fewer_attacks_than(&t, e, pair_run(e, p, V_CORE), pair_run(e, p, V_CONV));
      fewer_attacks_than(&t, e, pair_run(e, p, V_CORE), pair_run(e, p, V_TROOPS_LO));
      fewer_attacks_than(&t, e, pair_run(e, p, V_CORE), pair_run(e, p, V_REAR));
    }
  finish(&t);
}

/* Moving the force from the rear to the line, end to end. Not exact draw
 * for draw today (the MODEL BUG and PRIOR BUG of test_rear_to_line: the
 * probe open below every ground attack, a negative tripwire shift in
 * 0.6 % of draws), so a failure here may be either of those. */
static void test_run_rear_to_line(void **state) {
  (void)state;
  tally t = {"end to end: a force moved from the rear to the line", 0, 0};
  for (int e = 0; e < NRUN_EVENTS; e++)
    for (int p = 0; p < NPAIRS; p++) fewer_attacks_than(&t, e, pair_run(e, p, V_REAR), pair_run(e, p, V_TROOPS_LO));
  finish(&t);
}

static int popcount(unsigned m) {
  int n = 0;
  for (; m; m &= m - 1) n++;
  return n;
}

/* P(attack succeeds), end to end: more troops on the line never raise it
 * where one option is open (prop-incursion: a probe), draw for draw, so
 * the count can only fall. Where several are open the aggressor can
 * substitute a modest option it wins for an ambitious one it loses
 * (test_success_draw_for_draw): there the counts are printed, not
 * asserted. */
static void test_run_success(void **state) {
  (void)state;
  tally t = {"end to end, one option: more troops on the line never raise P(succeeds)", 0, 0};
  for (int e = 0; e < NRUN_EVENTS; e++) {
    unsigned long up = 0, pairs = 0;
    for (int p = 0; p < NPAIRS; p++) {
      const gr_sim_result *lo = pair_run(e, p, V_TROOPS_LO), *hi = pair_run(e, p, V_TROOPS_HI);
      if (popcount(lo->available) > 1) {
        pairs++;
        up += hi->succeeds.k > lo->succeeds.k;
        continue;
      }
      t.checks++;
      if (hi->succeeds.k > lo->succeeds.k)
        count_violated(&t, RUN_EVENTS[e], lo->arrangement->id, hi->arrangement->id, "successful attacks",
                       lo->succeeds.k, hi->succeeds.k);
    }
    if (pairs) fprintf(stderr, "  %s (several options): more successes with more troops in %lu of %lu pairs\n",
                       RUN_EVENTS[e], up, pairs);
  }
  finish(&t);
}

/* Honour raised end to end: the same priors but honour_post_1945_shift's
 * mean one logit higher. A normal draw is its mean plus sd times a
 * standard variate drawn the same way whatever the mean, so every draw's
 * θ is the same but for that shift, one logit up for every obligation
 * (every case here is dated after 1945): draw for draw, whatever was
 * deterred stays deterred, so the attacks can only fall; the baseline,
 * with no obligation, does not move; with one option open the successes
 * can only fall too. */
static void test_run_honour(void **state) {
  (void)state;
  ensure_runs();
  tally t = {"end to end: honour one logit higher never raises P(attack)", 0, 0};
  gr_params hp = *ps;
  gr_parameter shift = *ps->p[GR__P_HONOUR_POST_1945];
  assert_int_equal(shift.distribution, GR_DIST_NORMAL);
  shift.mean += 1;
  hp.p[GR__P_HONOUR_POST_1945] = &shift;
  gr_sim_options o = run_options(RUN_DRAWS, 1);
  static const int events[] = {0, 2}; /* The offensive; the incursion (one option). */
  for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
    int e = events[i];
    gr_sim_result *r[NRUN];
    assert_int_equal(gr_simulate(cat, &hp, run_arrs, NRUN, gr_catalog_event(cat, RUN_EVENTS[e]), NULL, 0, &o, r, NULL),
                     GR_OK);
    for (int a = 0; a < NRUN; a++) {
      const gr_sim_result *lo = runs[e][a], *hi = r[a];
      assert_int_equal(hi->base_attack.k, lo->base_attack.k);
      assert_int_equal(hi->base_succeeds.k, lo->base_succeeds.k);
      t.checks++;
      if (hi->attack.k > lo->attack.k)
        count_violated(&t, RUN_EVENTS[e], "honour as given", "one logit up", lo->arrangement->id, lo->attack.k,
                       hi->attack.k);
      if (popcount(lo->available) == 1) {
        t.checks++;
        if (hi->succeeds.k > lo->succeeds.k)
          count_violated(&t, RUN_EVENTS[e], "honour as given", "one logit up", "successful attacks", lo->succeeds.k,
                         hi->succeeds.k);
      }
    }
    for (int a = 0; a < NRUN; a++) gr_sim_result_free(r[a]);
  }
  finish(&t);
}

/* The same results for 1 and 2 threads, bit for bit: counts are integers
 * summed at the end, every draw's numbers are addressed by (seed, draw).
 * Across a batch boundary (65,536 draws) too. */
static void same_result(const gr_sim_result *a, const gr_sim_result *b) {
  assert_int_equal(a->draws, b->draws);
  assert_ptr_equal(a->arrangement, b->arrangement);
#define SAME(f) assert_memory_equal(&a->f, &b->f, sizeof a->f)
  SAME(deterred);
  SAME(holds);
  SAME(no_help);
  SAME(help_median);
  SAME(help_p90);
  SAME(troops);
  SAME(money);
  SAME(chosen);
  SAME(attack);
  SAME(succeeds);
  SAME(base_attack);
  SAME(base_succeeds);
  SAME(fewer_attacks);
  SAME(fewer_successes);
  assert_int_equal(a->threat, b->threat);
  assert_int_equal(a->available, b->available);
  assert_int_equal(a->nobligations, b->nobligations);
  for (size_t i = 0; i < a->nobligations; i++) SAME(obligations[i].honoured);
  assert_int_equal(a->nguarantors, b->nguarantors);
  for (size_t g = 0; g < a->nguarantors; g++) SAME(guarantors[g].honours_any);
#undef SAME
}

static void test_threads_bit_identical(void **state) {
  (void)state;
  ensure_runs();
  static const struct {
    uint64_t draws;
    size_t n;
  } sizes[] = {{RUN_DRAWS, NRUN}, {65536 + 1500, 3}};
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
    gr_sim_result *two[NRUN];
    gr_sim_options o = run_options(sizes[s].draws, 2);
    const gr_event *ev = gr_catalog_event(cat, "offensive-zaporizhzhia");
    assert_int_equal(gr_simulate(cat, ps, run_arrs, sizes[s].n, ev, NULL, 0, &o, two, NULL), GR_OK);
    gr_sim_result *one[NRUN];
    if (sizes[s].draws == RUN_DRAWS) {
      for (size_t a = 0; a < sizes[s].n; a++) one[a] = runs[0][a];
    } else {
      o = run_options(sizes[s].draws, 1);
      assert_int_equal(gr_simulate(cat, ps, run_arrs, sizes[s].n, ev, NULL, 0, &o, one, NULL), GR_OK);
    }
    for (size_t a = 0; a < sizes[s].n; a++) same_result(one[a], two[a]);
    for (size_t a = 0; a < sizes[s].n; a++) {
      gr_sim_result_free(two[a]);
      if (sizes[s].draws != RUN_DRAWS) gr_sim_result_free(one[a]);
    }
  }
}

/* The two properties marked MODEL BUG and PRIOR BUG above failed when
 * this suite was written; the model and the prior were fixed (a probe
 * meets the same local share of help as of the defence in place;
 * tripwire_shift is lognormal) and they now run with the rest. */
int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rear_to_line_probe),
      cmocka_unit_test(test_rear_to_line_negative_tripwire),
      cmocka_unit_test(test_generator_coverage),
      cmocka_unit_test(test_parameter_directions),
      cmocka_unit_test(test_honour_base_sweep),
      cmocka_unit_test(test_more_troops),
      cmocka_unit_test(test_more_money),
      cmocka_unit_test(test_nuclear_guarantor),
      cmocka_unit_test(test_never_below_baseline),
      cmocka_unit_test(test_force_cap_can_cost_deterrence),
      cmocka_unit_test(test_fewer_obligations),
      cmocka_unit_test(test_larger_cap),
      cmocka_unit_test(test_stronger_aggressor),
      cmocka_unit_test(test_faster_help),
      cmocka_unit_test(test_rear_to_line),
      cmocka_unit_test(test_decision_noise),
      cmocka_unit_test(test_noise_mixed_signs),
      cmocka_unit_test(test_choice_follows_values),
      cmocka_unit_test(test_success_draw_for_draw),
      cmocka_unit_test(test_battle_equations),
      cmocka_unit_test(test_prior_orders),
      cmocka_unit_test(test_run_against_baseline),
      cmocka_unit_test(test_run_pairs),
      cmocka_unit_test(test_run_rear_to_line),
      cmocka_unit_test(test_run_success),
      cmocka_unit_test(test_run_honour),
      cmocka_unit_test(test_threads_bit_identical),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
