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
 * delay, and whether it puts the guarantor in combat. */
enum { GR__PUN_NONE = -1, GR__PUN_MILITARY, GR__PUN_SANCTIONS, GR__PUN_SUPPORT, GR__PUN_COUNT };
typedef struct gr__kind_row {
  int cost, factor, punish, delay;
  bool combat;
} gr__kind_row;
extern const gr__kind_row gr__kinds[GR_OB__COUNT];

/* The defence factors, in a fixed order for the per-draw arrays. */
enum { GR__NFACTORS = 5 };
extern const int gr__factor_params[GR__NFACTORS];

/* The attack share parameter of each event scale. */
extern const int gr__scale_share[GR_SCALE__COUNT];

enum { GR__HIST_DAYS = 731 }; /* Days 0..729, and 730+. */

/* ---- Options (run.c) ------------------------------------------------------- */

/* Copy the caller's options into a full-size struct, the fields its build
 * lacks at their defaults; GR_E_MISUSE when they were not initialised. */
gr_status gr__sim_options_read(const gr_sim_options *opts, gr_sim_options *o, const char *fn, gr_error *err);

/* ---- Compiled arrangements (compile.c) ----------------------------------- */

/* One obligation as the model reads it. `kind` is the kind the model
 * reads (for a menu of means, its cheapest: docs/model.md, section 2.2);
 * g_personnel is N_g, the guarantor's personnel or, for an organisation or
 * group, the sum over the `members` states it was expanded to (0 members:
 * its own; docs/model.md, section 2.3). */
typedef struct gr__cob {
  size_t index;
  int kind, activation, form, commitment, slot, g, own;
  bool acting, tripwire, approval, nuclear, engaged;
  double troops, value, g_personnel, weight;
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
  int share;
  const gr_scenario *scenario; /* The case: a scenario, or NULL and */
  const gr_event *event;       /* the single event; then the trigger. */
  gr_date as_of;               /* The date the case was read at. */
  gr_date forces_date;         /* The date personnel and nuclear status were read at; 0: as things stand. */
} gr__carr;

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
  double *pun;
  bool *honours;
} gr__work;

/* Room for nobs obligations and ng guarantors; -1 when out of memory
 * (then gr__work_free() is still to be called). */
int gr__work_init(gr__work *w, size_t nobs, size_t ng);
void gr__work_free(gr__work *w);

/* Per-thread, per-arrangement counters. */
typedef struct gr__counts {
  uint64_t draws, deterred, attacks, holds, helped;
  uint64_t hist[GR__HIST_DAYS];
  uint64_t *ob;       /* Honoured, per obligation, in attack draws. */
  uint64_t *g;        /* Honours any, per guarantor, in attack draws. */
} gr__counts;

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

/* What obligation b adds to the defence, in troop-equivalents. */
double gr__addition(const gr__cob *b, const double *th);

/* logit(honour_base) - cost_combat_shift: the same for every obligation
 * of a draw. */
double gr__honour_base_logit(const double *th);

/* The log-odds that b is honoured, from the draw's base. */
double gr__honour_logit(const gr__cob *b, const double *th, double base);

/* Probability that an attack succeeds at force ratio s/d. */
double gr__p_success(double s, double d, const double *th);

/* What the aggressor weighs (docs/model.md, "Decision"): the defence it
 * perceives (troop-equivalents, every acting obligation weighted by the
 * honour probability it perceives), its own attacking force, its
 * perceived chance of success, the punishment it expects (per guarantor
 * and class, the largest), and gain x success - war cost - punishment. */
typedef struct gr__weighing {
  double defence, attack, success, punishment, margin;
} gr__weighing;

/* Weigh the decision for parameter vector th; leaves the honour log-odds
 * of every acting obligation in work->logit. */
void gr__weigh(const gr__carr *c, const double *th, gr__work *work, gr__weighing *w);

/* The aggressor's decision: true when it attacks (its margin is above 0).
 * Leaves the honour log-odds of every acting obligation in work->logit. */
bool gr__decide(const gr__carr *c, const double *th, gr__work *work);

/* What happens when the aggressor attacks: who honours, whether the
 * defence holds, when help comes; counted into n. */
void gr__fight(const gr__carr *c, const gr_params *ps, const double *th, gr__work *work, uint64_t seed,
               uint64_t draw, gr__counts *n);

#endif /* GUARANTOR_MC_H */
