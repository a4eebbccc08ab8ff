/*
 * The deterrence Monte Carlo's internals, shared by its files: the
 * parameters in the model's order (params.c), the compiled form of an
 * arrangement (compile.c), the model's equations and tables (model.c), the
 * run (run.c) and the sensitivity analysis (sensitivity.c). docs/model.md
 * states the model.
 */
#ifndef GUARANTOR_MC_H
#define GUARANTOR_MC_H

#include <math.h>
#include <stdbool.h>

#include "base/base.h"
#include "guarantor/sim.h"
#include "model/params.h"
#include "mc/rng.h"

/* ---- Parameters (params.c) --------------------------------------------- */

struct gr_params {
  const gr_parameter *p[GR__P_COUNT];
  uint64_t hash;
};

/* ---- Tables of the model (model.c; docs/model.md, "Honour", "Battle") ---- */

/* Logit shifts by legal form, activation mode and commitment: a parameter
 * index, or -1 for the reference (shift 0). */
extern const int gr__legal_shift[GR_LF__COUNT];
extern const int gr__activation_shift[GR_ACT__COUNT];
extern const int gr__commitment_shift[GR_COMMIT__COUNT];

/* Per obligation kind (GR_OB_ order): cost class shift, the factor it
 * multiplies defence by (or -1), its punishment class, its deployment
 * delay, whether it puts the guarantor in combat, and whether money given
 * under it buys defence at arms_troops_per_busd. */
enum { GR__PUN_NONE = -1, GR__PUN_MILITARY, GR__PUN_SANCTIONS, GR__PUN_SUPPORT, GR__PUN_COUNT };
typedef struct gr__kind_row {
  int cost, factor, punish, delay;
  bool combat, buys;
} gr__kind_row;
extern const gr__kind_row gr__kinds[GR_OB__COUNT];

/* The defence factors, in a fixed order for the per-draw arrays. */
enum { GR__NFACTORS = 5 };
extern const int gr__factor_params[GR__NFACTORS];
enum { GR__SLOT_INTELLIGENCE, GR__SLOT_TRAINING, GR__SLOT_AIR_DEFENCE, GR__SLOT_NAVAL, GR__SLOT_AIR_COVER };

/* The aggressor's options (docs/model.md, "Options"): the event the
 * trigger engine weighs for each, its ambition (an option is open when the
 * case names it, or it is a ground option less ambitious than the one
 * named), the parameters of its force share (-1: no ground force), gain
 * and cost, and how it is fought. */
enum { GR__FIGHT_GROUND, GR__FIGHT_STRIKE, GR__FIGHT_BLOCKADE };
typedef struct gr__option_row {
  const char *name;
  int event, scale, rank, share, gain, cost, fight;
} gr__option_row;
extern const gr__option_row gr__options[GR_OPTION__COUNT];

/* The option a threatened event is weighed as, or -1 when the model has
 * no sub-model for its kind (a hybrid attack, an attack on a guarantor's
 * forces, an act that is not an attack). */
int gr__option_of(int event_kind, int scale);

enum { GR__HIST_DAYS = 731 }; /* Days 0..729, and 730+. */

/* ---- Options (run.c) ------------------------------------------------------- */

/* Copy the caller's options into a full-size struct, the fields its build
 * lacks at their defaults; GR_E_MISUSE when they were not initialised. */
gr_status gr__sim_options_read(const gr_sim_options *opts, gr_sim_options *o, const char *fn, gr_error *err);

/* ---- Compiled arrangements (compile.c) ----------------------------------- */

/* One obligation as the model reads it. `kind` is the kind the model
 * reads (for a menu of means, its cheapest: docs/model.md, "Menus");
 * g_personnel is the personnel behind the guarantor (a group's members
 * summed); weight is w_g, the guarantor's capability over the aggressor's,
 * without a cap (docs/model.md, "Punishment"). acts[o] says whether the
 * trigger engine lets it act on option o; `acting` is acts[] of the
 * option the case names. A standing obligation (no trigger, firm, in
 * force: arms, training, stocks delivered in peacetime) is part of the
 * defender's strength before any attack; an engaged one is a force
 * stationed where the attack falls, which fights in self-defence without
 * a decision. `said` is 2 when the guarantor has said it will not deliver
 * this kind of help, 1 when it opposes it, else 0. */
typedef struct gr__cob {
  size_t index;
  int kind, activation, form, commitment, slot, g, said;
  bool acting, tripwire, approval, nuclear, engaged, standing, g_nuclear;
  bool acts[GR_OPTION__COUNT];
  double troops, value, g_personnel, weight, mean_delay;
  int deadline, members;
  uint32_t stream;
} gr__cob;

typedef struct gr__carr {
  const gr_arrangement *arr;
  gr__cob *obs;
  size_t nobs;
  const char **g; /* Its distinct guarantors, in order of appearance. */
  size_t ng;
  double aggressor, protected_;
  double protected_uncapped;   /* Before the arrangement's force cap. */
  int threat;                  /* The option the case names. */
  unsigned available;          /* Bit o: option o is open. */
  bool post1945;               /* The case's date is 1945 or later (0: as things stand, so yes). */
  bool weight_by_cinc;         /* w_g from CINC (else from personnel: a capability missing). */
  const gr_scenario *scenario; /* The case: a scenario, or NULL and */
  const gr_event *event;       /* the single event; then the trigger. */
  gr_date as_of;               /* The date the case was read at. */
  gr_date forces_date;         /* The date personnel and nuclear status were read at; 0: as things stand. */
} gr__carr;

/* Each obligation's mean delay before help arrives (decision and
 * deployment, the parameters' means), which the aggressor weighs. */
void gr__carr_delays(gr__carr *c, const gr_params *ps);

/* The arrangement with no guarantee at all that c is weighed against: the
 * same case, no obligation, no force cap. Borrows c's pointers. */
void gr__carr_bare(const gr__carr *c, gr__carr *bare);

/* Compile `arr` against scenario `sc` or, when it is NULL, event `ev`,
 * under `facts` (trigger engine, assess engine, catalog look-ups) into
 * `c`; free with gr__carr_free(). */
gr_status gr__compile(const gr_catalog *cat, const gr_arrangement *arr, const gr_scenario *sc, const gr_event *ev,
                      const gr_facts *facts, gr_date as_of, gr__carr *c, gr_error *err);
void gr__carr_free(gr__carr *c);

/* ---- One draw (model.c) ------------------------------------------------ */

/* What one thread needs for a draw of the compiled arrangements it runs,
 * allocated before the draws (nothing is allocated in the loop): the honour
 * log-odds per obligation, the punishment per guarantor and class, whether
 * each guarantor honoured something. Sized for the largest arrangement, so
 * an arrangement may have any number of obligations and guarantors. */
typedef struct gr__work {
  double *logit;
  double *perceived; /* σ(logit + perception_bias), per obligation. */
  double *pun;
  bool *honours;
  int *base_choice;   /* run.c: per arrangement, the no-guarantee case's */
  bool *base_success; /* choice and outcome of the current draw, */
  double *base_p;     /* and its P(deterred | θ); */
  int *choice;        /* the arrangement's own choice, outcome and */
  bool *success;      /* P(deterred | θ), for the pairing with a */
  double *p;          /* baseline arrangement. */
} gr__work;

/* Room for nobs obligations and ng guarantors; -1 when out of memory
 * (then gr__work_free() is still to be called). */
int gr__work_init(gr__work *w, size_t nobs, size_t ng);
void gr__work_free(gr__work *w);

/* Per-thread, per-arrangement counters. */
typedef struct gr__counts {
  uint64_t draws, deterred, attacks, holds, helped, succeeds;
  uint64_t base_attacks, both_attack, base_succeeds, both_succeed;
  uint64_t bl_attacks, both_attack_bl, bl_succeeds, both_succeed_bl; /* With the baseline. */
  uint64_t chosen[GR_OPTION__COUNT];
  uint64_t hist[GR__HIST_DAYS];
  uint64_t *ob;       /* Per obligation, in attack draws: ob[i] honoured,
                         ob[nobs + i] acting on the option chosen. */
  uint64_t *g;        /* Honours any, per guarantor, in attack draws. */
} gr__counts;
enum { GR__NCOUNTS = 14 + GR_OPTION__COUNT }; /* The scalar counters above. */

static inline double gr__sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

/* A value of parameter j kept inside its domain (model/params.h). The
 * loader admits only distributions whose values lie in it, up to 10
 * standard deviations of a normal's or lognormal's log: this clamps the
 * draws beyond (fewer than one in 10^23), so that no equation meets a
 * value it cannot take. */
static inline double gr__in_domain(int j, double v) {
  const gr__domain_row *d = &gr__domains[gr__param_specs[j].domain];
  if (!(v >= d->lo)) v = d->lo_open ? d->lo + 1e-300 : d->lo; /* Also a NaN. */
  if (v > d->hi) v = d->hi;
  return v;
}

/* The parameter vector of draw `draw`, in the model's order. */
void gr__sample_theta(const gr_params *ps, uint64_t seed, uint64_t draw, double *th);

/* The aggressor's decision error of draw `draw`: a standard logistic
 * variate, the same for every arrangement of a run (common random
 * numbers). */
double gr__sample_choice(uint64_t seed, uint64_t draw);

/* What obligation b adds to the defence when it fights, in
 * troop-equivalents (docs/model.md, "Forces"). */
double gr__addition(const gr__cob *b, const double *th);

/* The log-odds that b is honoured (docs/model.md, "Honour"), from
 * gr__honour_base_logit(). */
double gr__honour_base_logit(const gr__carr *c, const double *th);
double gr__honour_logit(const gr__cob *b, const double *th, double base);

/* Probability that a ground attack succeeds at force ratio s/d. */
double gr__p_success(double s, double d, const double *th);

/* Days the defence d holds against the attack s (docs/model.md, "Time"):
 * hold_days (s / (d threshold))^-hold_elasticity, at most 3650; 0 when
 * there is no defence. */
double gr__hold_days(double s, double d, const double *th);

/* The defence in place before any decision for option o: the protected
 * state's share, the forces stationed where the attack falls, what was
 * delivered before the attack (docs/model.md, "Forces"). */
double gr__defence_in_place(const gr__carr *c, int o, const double *th);

/* stand[f]: a factor of slot f was delivered before the attack (a
 * standing obligation of its kind). */
void gr__standing_slots(const gr__carr *c, bool *stand);

/* What the aggressor weighs for each option (docs/model.md, "Decision"):
 * the perceived defence and attack (ground options), its perceived chance
 * of success, the punishment it expects, and the option's value
 * U = gain x success - cost - punishment. */
typedef struct gr__weighing {
  double defence[GR_OPTION__COUNT], attack[GR_OPTION__COUNT], success[GR_OPTION__COUNT];
  double punishment[GR_OPTION__COUNT], value[GR_OPTION__COUNT];
} gr__weighing;

/* Weigh every open option for parameter vector th; leaves the honour
 * log-odds of every obligation in work->logit. */
void gr__weigh(const gr__carr *c, const double *th, gr__work *work, gr__weighing *w);

/* The option the aggressor chooses with decision error eps
 * (gr__sample_choice), or -1 for no attack: the open option of largest
 * value, taken when its value plus noise x eps beats the status quo (0).
 * The error is on the comparison with not attacking, as in a strategic
 * logit (Signorino 1999), not on each option: a second way to attack does
 * not by itself make an attack likelier. */
int gr__choose(const gr__carr *c, const gr__weighing *w, const double *th, double eps);

/* The probability that the aggressor does not attack, given th:
 * 1 / (1 + exp(value[best] / noise)). */
double gr__p_no_attack(const gr__carr *c, const gr__weighing *w, const double *th);

/* What happens when the aggressor takes option o: who honours, when help
 * comes, whether the attack succeeds; counted into n (NULL: not counted).
 * Returns whether the attack succeeded. Reads work->logit from gr__weigh(). */
bool gr__fight(const gr__carr *c, int o, const gr_params *ps, const double *th, gr__work *work, uint64_t seed,
               uint64_t draw, gr__counts *n);

/* ---- Sensitivity and discovery (sensitivity.c, discovery.c) -------------- */

/* th[j] = every parameter at its prior mean (a fixed one at its value). */
void gr__theta_at_means(const gr_params *ps, double *th);

/* P(deterred | θ) of c: gr__weigh() then gr__p_no_attack(), in `work`. */
double gr__deterred_given(const gr__carr *c, const double *th, gr__work *work);

/* The uncertain parameters the aggressor's decision reads for any of the
 * n compiled arrangements cs[0..n) (the union), in the model's order, into
 * which[0..GR__P_COUNT); returns how many. docs/model.md, section 6,
 * "Inputs", lists them. */
size_t gr__uncertain_inputs(const gr_params *ps, const gr__carr *const *cs, size_t n, int *which);

/* The threads an OpenMP region of a call runs for `requested` (0: as many
 * as OpenMP offers; 1 without OpenMP), so that a workspace can be
 * allocated for each before it. */
int gr__thread_count(int requested);

/* A proportion and a spread as the JSON of gr_json_sim_result() writes
 * them (mc_json.c). */
void gr__json_proportion(gr_json *w, const gr_proportion *p);
void gr__json_spread(gr_json *w, const gr_spread *s);

#endif /* GUARANTOR_MC_H */
