/*
 * guarantor — the deterrence Monte Carlo (docs/model.md has every equation).
 *
 * One draw samples the uncertain parameters (data/parameters.yaml, or a
 * user's file) and the guarantors' behaviour. Draw i uses counter-based
 * Philox4x32-10 streams keyed by (seed, i) and by what is drawn, so a result
 * is bit-identical for any number of threads, and several arrangements run
 * together see the same draws (common random numbers). Every output is a
 * count of draws, so it comes with a 95 % interval.
 *
 * Ownership: parameters, results and sensitivity analyses are the
 * caller's, each freed with its _free function; they borrow the catalog's
 * records, so the catalog must outlive them. Thread safety: see common.h;
 * gr_simulate() and gr_sensitivity_new() run their own OpenMP threads
 * inside the call and return only when they are done.
 */
#ifndef GUARANTOR_SIM_H
#define GUARANTOR_SIM_H

#include <stdbool.h>

#include "catalog.h"
#include "facts.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The model's parameters, resolved from a catalog: one per id the model
 * needs. Points into the catalog, which must outlive it. */
typedef struct gr_params gr_params;

/* Resolve the parameters from `cat`, which must be valid (else
 * GR_E_MISUSE); GR_E_INVALID with `err` naming the first missing id. Free
 * with gr_params_free() (accepts NULL). */
GR_EXTERN gr_status gr_params_new(const gr_catalog *cat, gr_params **out, gr_error *err);
GR_EXTERN void gr_params_free(gr_params *p);

/* A 64-bit hash naming the parameter set, so that a result says which
 * assumptions produced it (docs/model.md, "Reproducibility", says what it
 * covers). */
GR_EXTERN uint64_t gr_params_hash(const gr_params *p);

/* The number of parameters, and the i-th in the model's order. */
GR_EXTERN size_t gr_params_count(const gr_params *p);
GR_EXTERN const gr_parameter *gr_params_at(const gr_params *p, size_t i);

/* A proportion k/n with its 95 % Wilson score interval (Wilson 1927).
 * With n = 0 the estimate and bounds are NaN. */
typedef struct gr_proportion {
  uint64_t k, n;
  double estimate, lo, hi;
} gr_proportion;

GR_EXTERN gr_proportion gr_wilson(uint64_t k, uint64_t n, double z);

/* A quantile of a distribution of days, with a 95 % order-statistic
 * interval; NaN when there were no observations. */
typedef struct gr_quantile {
  double q, value, lo, hi;
} gr_quantile;

/*
 * How to run a simulation. Initialise with gr_sim_options_init(&o,
 * sizeof o) before setting fields: the size tells the library which fields
 * the caller knows of, so that fields added in later versions take their
 * defaults for programs built against these headers.
 */
typedef struct gr_sim_options {
  size_t size;         /* Set by gr_sim_options_init(). */
  uint64_t draws;      /* Number of draws; with precision > 0, the most.
                          Default 100000. */
  uint64_t seed;       /* Default 1. */
  int threads;         /* 0 (the default): as many as OpenMP offers. */
  double precision;    /* Stop when the 95 % half-widths of P(attack),
                          P(attack succeeds) and the two gains over no
                          guarantee are all below it (checked every 4 batches of 65536 draws);
                          0 (the default): run all draws. */
  /* Called every 4 batches with the draws done and the most planned. */
  void (*progress)(uint64_t done, uint64_t total, void *ctx);
  void *progress_ctx;
  /* Asked every 4 batches: when it returns true, the run stops and its
   * result is marked partial. A SIGINT handler can set a flag it reads. */
  bool (*cancel)(void *ctx);
  void *cancel_ctx;
  /* Several processes (MPI ranks): process `rank` of `ranks` runs every
   * ranks-th batch of draws, and `reduce` must replace data[0..n) by its
   * element-wise sum over all processes (MPI_Allreduce with MPI_SUM), the
   * same call in every process. Integer counts make the sum exact, so the
   * result is the same for any number of ranks. ranks 0 or 1: one process. */
  int rank, ranks;
  void (*reduce)(uint64_t *data, size_t n, void *ctx);
  void *reduce_ctx;
  /* Appended with issue 13. The index in the run's arrangements of the
   * baseline every arrangement's result is paired with (gr_sim_result's
   * vs_ fields), or -1 (the default): no baseline but the built-in one,
   * the same case with no guarantee. */
  int baseline;
} gr_sim_options;

/* Set every field of `o` to its default; `size` is sizeof *o as the caller
 * compiled it. */
GR_EXTERN void gr_sim_options_init(gr_sim_options *o, size_t size);

/* The ways the model's aggressor can attack (docs/model.md, "Options"),
 * from the least ambitious: each has its own gain, cost and success
 * model. Append-only. */
typedef enum gr_attack_option {
  GR_OPTION_PROBE,     /* A probe or limited incursion: a ground battle at one point. */
  GR_OPTION_STRIKE,    /* A strike campaign: missiles and aircraft. */
  GR_OPTION_BLOCKADE,  /* A blockade. */
  GR_OPTION_OFFENSIVE, /* A major offensive: a ground battle for a region. */
  GR_OPTION_INVASION,  /* A full-scale invasion. */
  GR_OPTION__COUNT
} gr_attack_option;

/* "probe", "strike", "blockade", "offensive", "invasion"; "?" otherwise. */
GR_EXTERN const char *gr_attack_option_name(int option);

/* A difference of two proportions measured on the same draws, with a 95 %
 * interval for paired proportions (Wald, with the paired variance:
 * Agresti 2013, Categorical Data Analysis, section 11.1). NaN without
 * draws. */
typedef struct gr_difference {
  double estimate, lo, hi;
} gr_difference;

/* How a quantity that depends on the uncertain parameters θ spreads over
 * their priors (not Monte Carlo noise): its 10th, 50th and 90th
 * percentiles and its mean over the parameter draws of the run (at most
 * the first GR_SPREAD_DRAWS of them: n says how many). NaN when n = 0. */
typedef struct gr_spread {
  double lo, median, hi, mean;
  uint64_t n;
} gr_spread;

/* The parameter draws a gr_spread is computed over, at most. */
#define GR_SPREAD_DRAWS 100000

typedef struct gr_sim_obligation {
  size_t index;              /* In the arrangement. */
  const gr_obligation *obligation;
  bool acting;               /* The trigger engine let it act on the event. */
  gr_proportion honoured;    /* Among draws where the aggressor attacks with an
                                option this obligation acts on (n = 0: none). */
} gr_sim_obligation;

typedef struct gr_sim_guarantor {
  const char *guarantor;
  gr_proportion honours_any; /* Honours at least one acting obligation other
                                than consultation (gives help), if attacked. */
} gr_sim_guarantor;

typedef struct gr_sim_result {
  const gr_arrangement *arrangement;
  const gr_event *event;
  uint64_t draws, seed, params_hash;
  int threads;
  bool partial;              /* Stopped early by cancel. */
  gr_proportion deterred;    /* P(the aggressor does not attack). */
  gr_proportion holds;       /* P(the defence holds | attack): conditional on the
                                draws where the aggressor attacks, so it can fall
                                as a guarantee deters (docs/model.md, "Selection"). */
  gr_proportion no_help;     /* P(no guarantor help at all | attack). */
  gr_quantile help_median;   /* Days to first help | attack and help. */
  gr_quantile help_p90;
  double troops;             /* Troops on offer (obligations not declined). */
  double money;              /* $M a year on offer (stated values). */
  gr_sim_obligation *obligations;
  size_t nobligations;
  gr_sim_guarantor *guarantors;
  size_t nguarantors;
  const gr_scenario *scenario; /* The case's scenario, or NULL for a single
                                  event; `event` is then its trigger. */
  gr_date as_of;               /* The date positions and control were read
                                  at (gr_case_date()). */
  /* Appended with issue 12: the headlines free of selection. Every
   * proportion is over all draws, not the draws with an attack. */
  int threat;                  /* The gr_attack_option the case names. */
  unsigned available;          /* Bit o set: option o is open to the aggressor. */
  gr_proportion chosen[GR_OPTION__COUNT]; /* P(the aggressor chooses option o). */
  gr_proportion attack;        /* P(attack): 1 - deterred. */
  gr_proportion succeeds;      /* P(an attack is made and succeeds). */
  gr_proportion base_attack;   /* The same with no guarantee at all (no */
  gr_proportion base_succeeds; /* obligation, no force cap), same draws. */
  gr_difference fewer_attacks;   /* base_attack - attack, paired. */
  gr_difference fewer_successes; /* base_succeeds - succeeds, paired. */
  /* Appended with issue 13: the spread over the priors, and the
   * differences from a baseline. P(deterred | θ) is the aggressor's
   * probability of not attacking given the parameters (docs/model.md,
   * "Decision"); its spread says how much the answer hangs on the priors,
   * which the intervals above (sampling noise) do not. */
  gr_spread deterred_prior;      /* P(deterred | θ) across θ. */
  gr_spread fewer_attacks_prior; /* P_none(attack | θ) - P(attack | θ) across θ. */
  const gr_arrangement *baseline; /* The options' baseline, or NULL (then the
                                     vs_ fields compare with no guarantee:
                                     vs_attack = -fewer_attacks). */
  gr_difference vs_attack;       /* attack - the baseline's attack, paired. */
  gr_difference vs_succeeds;     /* succeeds - the baseline's, paired. */
  gr_spread vs_deterred_prior;   /* P(deterred | θ) - the baseline's, across θ. */
} gr_sim_result;

/*
 * Simulate `n` arrangements of `cat` (which must be valid) against one
 * event on the same draws. `facts` may be NULL (each arrangement's
 * defaults) or an array of n, each NULL or facts made for its arrangement.
 * `opts` as set up by gr_sim_options_init() (GR_E_MISUSE when it was
 * not). On success out[0..n) receive results the caller frees with
 * gr_sim_result_free().
 */
GR_EXTERN gr_status gr_simulate(const gr_catalog *cat, const gr_params *params,
                                const gr_arrangement *const *arrs, size_t n, const gr_event *ev,
                                const gr_facts *const *facts, gr_date as_of, const gr_sim_options *opts,
                                gr_sim_result **out, gr_error *err);

/* The same against scenario `sc` of `cat`: the obligations answer its
 * first attack on the protected state (see gr_timeline_scenario_new());
 * GR_E_INVALID when it has none, for there is nothing to deter. */
GR_EXTERN gr_status gr_simulate_scenario(const gr_catalog *cat, const gr_params *params,
                                         const gr_arrangement *const *arrs, size_t n, const gr_scenario *sc,
                                         const gr_facts *const *facts, gr_date as_of,
                                         const gr_sim_options *opts, gr_sim_result **out, gr_error *err);

GR_EXTERN void gr_sim_result_free(gr_sim_result *r);

/* ---- Sensitivity ------------------------------------------------------- */

typedef struct gr_sobol_index {
  double first, first_lo, first_hi; /* S_i with a 95 % bootstrap interval. */
  double total, total_lo, total_hi; /* S_Ti likewise. */
} gr_sobol_index;

/* A model for the estimator: y = f(x) for x in the open unit cube. */
typedef double (*gr_sobol_fn)(const double *x, void *ctx);

/*
 * First- and total-order Sobol indices of f over k independent inputs,
 * from n base points (GSL's quasi-random Sobol sequence for 2k <= 40
 * dimensions, else pseudo-random Philox points), with Saltelli's (2010)
 * estimator of S_i and Jansen's of S_Ti, and `bootstrap` resamples for the
 * intervals. n*(k+2) evaluations; of `opts` it reads the threads (f is
 * called from several at once), the seed (of the design beyond 20 inputs
 * and of the bootstrap), the progress callback (called with the rows done
 * and n) and the cancel callback, asked between blocks of 1024 rows: when
 * it says stop, the indices come from the rows done, whose number is put in
 * *done (optional; n when not cancelled). out[0..k) receives the indices;
 * *mean and *variance (optional) those of f. Its scratch is allocated
 * before any evaluation: GR_E_NOMEM when it cannot be, never an index
 * computed from fewer evaluations than it says.
 */
GR_EXTERN gr_status gr_sobol(size_t k, uint64_t n, gr_sobol_fn f, void *ctx, unsigned bootstrap,
                             const gr_sim_options *opts, gr_sobol_index *out, double *mean, double *variance,
                             uint64_t *done, gr_error *err);

typedef struct gr_sensitivity_item {
  const gr_parameter *parameter;
  gr_sobol_index index;
} gr_sensitivity_item;

typedef struct gr_sensitivity {
  const gr_arrangement *arrangement;
  uint64_t base_samples;       /* Used: fewer than asked when partial. */
  bool partial;                /* Stopped early by the cancel callback. */
  double mean;                 /* P(deterred) over the quasi-random sample. */
  double variance;
  gr_sensitivity_item *items;  /* Uncertain parameters, by total index. */
  size_t n;
  /* Appended with issue 13: NULL for the indices of P(deterred) of
   * `arrangement`; else the arrangement B of a difference, whose indices
   * are those of P_A(deterred | θ) - P_B(deterred | θ), `arrangement`
   * being A, and whose mean and variance are the difference's
   * (gr_sensitivity_difference_new() in discovery.h). */
  const gr_arrangement *versus;
} gr_sensitivity;

/* Sobol indices of P(deterred) — the aggressor's probability of choosing
 * not to attack given the parameters, the logit choice probability of
 * docs/model.md, "Decision" — for `arr` over every uncertain parameter the
 * deterrence decision reads for it (the others have index zero by
 * construction and are left out), from `base_samples` base points. Of
 * `opts` it reads what gr_sobol() reads: the seed, the threads, progress
 * and cancel (then the result says partial). Free with
 * gr_sensitivity_free() (accepts NULL). */
GR_EXTERN gr_status gr_sensitivity_new(const gr_catalog *cat, const gr_params *params,
                                       const gr_arrangement *arr, const gr_event *ev,
                                       const gr_facts *facts, gr_date as_of, uint64_t base_samples,
                                       const gr_sim_options *opts, gr_sensitivity **out, gr_error *err);
/* The same against scenario `sc` (see gr_simulate_scenario()). */
GR_EXTERN gr_status gr_sensitivity_scenario_new(const gr_catalog *cat, const gr_params *params,
                                                const gr_arrangement *arr, const gr_scenario *sc,
                                                const gr_facts *facts, gr_date as_of, uint64_t base_samples,
                                                const gr_sim_options *opts, gr_sensitivity **out,
                                                gr_error *err);
GR_EXTERN void gr_sensitivity_free(gr_sensitivity *s);

/* ---- As JSON (json.h) ---------------------------------------------------- */

/* A result: every headline figure with its interval and counts, the
 * guarantors' and obligations' honour rates. */
GR_EXTERN void gr_json_sim_result(gr_json *w, const gr_sim_result *r);
/* A sensitivity analysis: base samples, mean, variance and the indices. */
GR_EXTERN void gr_json_sensitivity(gr_json *w, const gr_sensitivity *s);
/* The same as text the caller frees with gr_free(); NULL when out of
 * memory. flags: GR_JSON_HTML_SAFE or 0. */
GR_EXTERN char *gr_sim_result_to_json(const gr_sim_result *r, unsigned flags);
GR_EXTERN char *gr_sensitivity_to_json(const gr_sensitivity *s, unsigned flags);

#ifdef __cplusplus
}
#endif
#endif /* GUARANTOR_SIM_H */
