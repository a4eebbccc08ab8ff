/*
 * guarantor — differences, not only levels: which assumptions decide
 * whether arrangement A deters more than arrangement B, and where in the
 * parameter space the ordering flips (docs/discovery.md).
 *
 * D(θ) = P_A(deterred | θ) - P_B(deterred | θ), both arrangements compiled
 * against the same case and evaluated on the same parameter vector θ
 * (P(deterred | θ) is the aggressor's logit probability of not attacking,
 * docs/model.md, section 2.5).
 *
 *  - gr_sensitivity_difference_new(): first- and total-order Sobol indices
 *    of D over the uncertain parameters either decision reads, with the
 *    estimator and bootstrap intervals of gr_sobol() (sim.h).
 *  - gr_discovery_new(): scenario discovery with PRIM, the Patient Rule
 *    Induction Method (Friedman & Fisher 1999; Bryant & Lempert 2010): the
 *    boxes of parameter values in which the less frequent ordering holds,
 *    each with its coverage, density and mass, each kept only when its
 *    density on draws it was not found on is clearly above the base rate.
 *
 * Ownership: results are the caller's, freed with their _free function
 * (which accepts NULL); they borrow the catalog's records (arrangements,
 * parameters, the case), so the catalog must outlive them. Thread safety:
 * see common.h; both functions run their own OpenMP threads inside the
 * call. With the same seed the result is bit-identical for any number of
 * threads.
 */
#ifndef GUARANTOR_DISCOVERY_H
#define GUARANTOR_DISCOVERY_H

#include <stdbool.h>
#include <stdint.h>

#include "catalog.h"
#include "facts.h"
#include "json.h"
#include "sim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Sobol indices of D(θ) = P_A(deterred | θ) - P_B(deterred | θ) for
 * arrangements `a` and `b` of `cat` against scenario `sc` or event `ev`
 * (exactly one non-NULL), over every uncertain parameter either decision
 * reads, from `base_samples` base points; facts_a and facts_b (each may be
 * NULL: the arrangement's defaults) are made for a and b. Of `opts` it
 * reads what gr_sobol() reads. The result's `arrangement` is a, its
 * `versus` b, its mean and variance those of D. GR_E_ARG when a is b.
 * The caller frees *out with gr_sensitivity_free(). */
GR_EXTERN gr_status gr_sensitivity_difference_new(const gr_catalog *cat, const gr_params *params,
                                                  const gr_arrangement *a, const gr_arrangement *b,
                                                  const gr_scenario *sc, const gr_event *ev,
                                                  const gr_facts *facts_a, const gr_facts *facts_b, gr_date as_of,
                                                  uint64_t base_samples, const gr_sim_options *opts,
                                                  gr_sensitivity **out, gr_error *err);

/*
 * How to run a discovery. Initialise with gr_discovery_options_init(&o,
 * sizeof o) before setting fields (see gr_sim_options for why the size).
 */
typedef struct gr_discovery_options {
  size_t size;          /* Set by gr_discovery_options_init(). */
  uint64_t draws;       /* Parameter draws θ (gr_simulate()'s draws 0..n-1 of
                           the seed). Default 20000. */
  double threshold;     /* "A beats B" when D(θ) > threshold. Default 0. */
  double peel_alpha;    /* Share of the box peeled off per step. Default 0.05. */
  double paste_alpha;   /* Share of the box pasted back per step. Default 0.05. */
  double mass_min;      /* Peeling stops before the box holds less than this
                           share of the draws. Default 0.05. */
  double density_min;   /* The box chosen on the trajectory: the one of largest
                           coverage whose density reaches this; when none
                           does, the one of largest harmonic mean of
                           coverage and density. Default 0.8. */
  double significance;  /* A box is kept only when a one-sided binomial test
                           of its density against the base rate, on the
                           held-out draws, gives a p-value below this.
                           Default 0.01. */
  unsigned max_boxes;   /* At most this many boxes (covering). Default 3. */
} gr_discovery_options;

GR_EXTERN void gr_discovery_options_init(gr_discovery_options *o, size_t size);

/* One restricted parameter of a box: lo <= θ_j <= hi in the parameter's
 * own units; a side that excludes no draw is unrestricted (has_lo or
 * has_hi false, the bound then ±infinity). */
typedef struct gr_discovery_bound {
  const gr_parameter *parameter;
  bool has_lo, has_hi;
  double lo, hi;
} gr_discovery_bound;

/* One point of a peeling (then pasting) trajectory, on the draws the box
 * was found on. */
typedef struct gr_discovery_step {
  double coverage, density, mass;
  size_t restricted; /* Parameters restricted. */
} gr_discovery_step;

/* A box, measured on the held-out draws (the half it was not found on),
 * among the draws left by the boxes before it:
 *   coverage = its flips / all flips of the held-out draws,
 *   density  = its flips / its draws,
 *   mass     = its draws / all held-out draws.
 * `flips` are draws with the minority ordering. */
typedef struct gr_discovery_box {
  gr_discovery_bound *bounds; /* Restricted parameters only, in the model's order. */
  size_t nbounds;
  double coverage, density, mass;
  uint64_t draws, flips;      /* Held-out draws in the box, and flips among them. */
  double base_rate;           /* The flips' share of the held-out draws the
                                 box was searched among. */
  double p_value;             /* One-sided binomial, density > base_rate. */
  bool accepted;              /* Else `reason` says why it is refused, and
                                 no box follows it. */
  char reason[200];
  gr_discovery_step *trajectory; /* Peeling, then pasting; `chosen` is the box's. */
  size_t ntrajectory, chosen;
} gr_discovery_box;

typedef struct gr_discovery {
  const gr_arrangement *a, *b;
  const gr_scenario *scenario;     /* The case: a scenario, or NULL and */
  const gr_event *event;           /* the event. */
  gr_date as_of;
  uint64_t draws, seed, params_hash;
  double threshold;
  gr_proportion a_beats_b;         /* Draws with D(θ) > threshold. */
  bool flip_is_b;                  /* The minority ordering: true when it is "B
                                      at least as good as A" (A usually ahead). */
  gr_spread difference;            /* D(θ) across the draws. */
  const gr_parameter **inputs;     /* The parameters searched over. */
  size_t ninputs;
  gr_discovery_box *boxes;         /* Accepted boxes, then at most one refused. */
  size_t nboxes;
  char reason[200];                /* When no box was searched for at all
                                      (the ordering never flips, too few
                                      draws), why; else "". */
} gr_discovery;

/*
 * Scenario discovery for the ordering of `a` and `b` against scenario `sc`
 * or event `ev` (exactly one non-NULL): draws θ as gr_simulate() does
 * (the seed and threads of `opts`; its progress and cancel are not read),
 * labels each "A beats B" when D(θ) > o->threshold, and runs PRIM for the
 * minority label over the uncertain parameters either decision reads,
 * covering up to o->max_boxes times. `o` may be NULL (the defaults).
 * The caller frees *out with gr_discovery_free() (accepts NULL).
 */
GR_EXTERN gr_status gr_discovery_new(const gr_catalog *cat, const gr_params *params, const gr_arrangement *a,
                                     const gr_arrangement *b, const gr_scenario *sc, const gr_event *ev,
                                     const gr_facts *facts_a, const gr_facts *facts_b, gr_date as_of,
                                     const gr_sim_options *opts, const gr_discovery_options *o,
                                     gr_discovery **out, gr_error *err);
GR_EXTERN void gr_discovery_free(gr_discovery *d);

/* A discovery as JSON: the counts, the spread of D and every box with its
 * bounds, figures, test and trajectory. */
GR_EXTERN void gr_json_discovery(gr_json *w, const gr_discovery *d);

#ifdef __cplusplus
}
#endif
#endif /* GUARANTOR_DISCOVERY_H */
