/*
 * The parameters the deterrence model reads, in a fixed order: the ids of
 * data/parameters.yaml, each with the domain its values must lie in and
 * the unit it is written in. A draw's parameter vector is read from one
 * random stream in this order, so reordering (or changing a parameter from
 * fixed to uncertain, or its distribution family) changes the numbers
 * every later parameter receives: runs with different parameter files
 * share common random numbers only up to the first such difference.
 *
 * The catalog's validation checks every parameter record against this
 * table (a known id, its unit, a distribution whose every value lies in
 * the domain), so that no run can meet a value the equations cannot take.
 */
#ifndef GUARANTOR_MODEL_PARAMS_H
#define GUARANTOR_MODEL_PARAMS_H

#include "model/schema.h"

/* X(NAME, id, domain, unit) */
#define GR__MODEL_PARAMS(X) \
  X(HONOUR_BASE, "honour_base", PROBABILITY, "probability") \
  X(HONOUR_POST_1945, "honour_post_1945_shift", LOGIT, "logit") \
  X(LEGAL_POLITICAL_DECLARATION, "legal_political_declaration", LOGIT, "logit") \
  X(LEGAL_MEMORANDUM, "legal_memorandum", LOGIT, "logit") \
  X(LEGAL_EXECUTIVE_AGREEMENT, "legal_executive_agreement", LOGIT, "logit") \
  X(LEGAL_TREATY_SIGNED, "legal_treaty_signed", LOGIT, "logit") \
  X(ACT_AFTER_CONSULTATION, "act_after_consultation", LOGIT, "logit") \
  X(ACT_DISCRETIONARY, "act_discretionary", LOGIT, "logit") \
  X(ACT_CONSENSUS, "act_consensus", LOGIT, "logit") \
  X(ACT_BY_BODY, "act_by_body", LOGIT, "logit") \
  X(COMMIT_WILLING, "commit_willing", LOGIT, "logit") \
  X(COMMIT_CONDITIONAL, "commit_conditional", LOGIT, "logit") \
  X(COMMIT_UNDECIDED, "commit_undecided", LOGIT, "logit") \
  X(TRIPWIRE, "tripwire_shift", LOGIT, "logit") \
  X(APPROVAL, "approval_shift", LOGIT, "logit") \
  X(NUCLEAR, "nuclear_shift", LOGIT, "logit") \
  X(SAID_REFUSES, "said_refuses_shift", LOGIT, "logit") \
  X(SAID_RELUCTANT, "said_reluctant_shift", LOGIT, "logit") \
  X(COST_COMBAT, "cost_combat_shift", LOGIT, "logit") \
  X(COST_PRESENCE, "cost_presence_shift", LOGIT, "logit") \
  X(COST_SUPPLY, "cost_supply_shift", LOGIT, "logit") \
  X(COST_OTHER, "cost_other_shift", LOGIT, "logit") \
  X(COST_CONSULTATION, "cost_consultation_shift", LOGIT, "logit") \
  X(PERCEPTION_BIAS, "perception_bias", LOGIT, "logit") \
  X(AGGRESSOR_OPTIMISM, "aggressor_optimism", RATIO, "ratio") \
  X(DECISION_NOISE, "decision_noise", VALUE, "value") \
  X(ATTACK_SHARE_LIMITED, "attack_share_limited", SHARE, "share") \
  X(ATTACK_SHARE_MAJOR, "attack_share_major", SHARE, "share") \
  X(ATTACK_SHARE_MASSIVE, "attack_share_massive", SHARE, "share") \
  X(DEFENCE_SHARE, "defence_share", SHARE, "share") \
  X(PROBE_LOCAL_SHARE, "probe_local_share", SHARE, "share") \
  X(FORCE_RATIO_THRESHOLD, "force_ratio_threshold", RATIO, "ratio") \
  X(SUCCESS_SLOPE, "success_slope", RATIO, "per log-ratio") \
  X(HOLD_DAYS, "hold_days", DAYS, "days") \
  X(HOLD_ELASTICITY, "hold_elasticity", RATIO, "ratio") \
  X(GUARANTOR_QUALITY, "guarantor_quality", RATIO, "ratio") \
  X(RESERVE_SHARE, "reserve_share", SHARE, "share") \
  X(INTERVENTION_SHARE, "intervention_share", SHARE, "share") \
  X(AIR_COVER_FACTOR, "air_cover_factor", FACTOR, "factor") \
  X(AIR_DEFENCE_FACTOR, "air_defence_factor", FACTOR, "factor") \
  X(INTELLIGENCE_FACTOR, "intelligence_factor", FACTOR, "factor") \
  X(TRAINING_FACTOR, "training_factor", FACTOR, "factor") \
  X(NAVAL_FACTOR, "naval_factor", FACTOR, "factor") \
  X(ARMS_TROOPS_PER_BUSD, "arms_troops_per_busd", AMOUNT, "troop-equivalents per $bn") \
  X(ARMS_DEFAULT_MUSD, "arms_default_musd", AMOUNT, "$M/year") \
  X(ARMS_YEARS, "arms_years", YEARS, "years") \
  X(STRIKE_SUCCESS, "strike_success", PROBABILITY, "probability") \
  X(BLOCKADE_SUCCESS, "blockade_success", PROBABILITY, "probability") \
  X(BLOCKADE_BREAK, "blockade_break", SHARE, "share") \
  X(GAIN, "gain", VALUE, "value") \
  X(GAIN_OFFENSIVE, "gain_offensive", VALUE, "value") \
  X(GAIN_PROBE, "gain_probe", VALUE, "value") \
  X(GAIN_STRIKE, "gain_strike", VALUE, "value") \
  X(GAIN_BLOCKADE, "gain_blockade", VALUE, "value") \
  X(WAR_COST, "war_cost", VALUE, "value") \
  X(COST_OFFENSIVE, "cost_offensive", VALUE, "value") \
  X(COST_PROBE, "cost_probe", VALUE, "value") \
  X(COST_STRIKE, "cost_strike", VALUE, "value") \
  X(COST_BLOCKADE, "cost_blockade", VALUE, "value") \
  X(PUNISH_MILITARY, "punish_military", VALUE, "value") \
  X(NUCLEAR_PUNISHMENT, "nuclear_punishment_factor", FACTOR, "factor") \
  X(PUNISH_SANCTIONS, "punish_sanctions", VALUE, "value") \
  X(PUNISH_SUPPORT, "punish_support", VALUE, "value") \
  X(DELAY_CONSULTATION, "delay_consultation_days", DAYS, "days") \
  X(DELAY_DISCRETION, "delay_discretion_days", DAYS, "days") \
  X(DELAY_FAST, "delay_fast_days", DAYS, "days") \
  X(DELAY_SANCTIONS, "delay_sanctions_days", DAYS, "days") \
  X(DELAY_SUPPLY, "delay_supply_days", DAYS, "days") \
  X(DELAY_INTERVENTION, "delay_intervention_days", DAYS, "days")

#define GR__P_ENUM(name, id, domain, unit) GR__P_##name,
enum { GR__MODEL_PARAMS(GR__P_ENUM) GR__P_COUNT };
#undef GR__P_ENUM

/* The first delay parameter: these are drawn per obligation, not per draw;
 * the aggressor reads only their means (whether help arrives in time), so
 * their draws cannot change whether it attacks. */
#define GR__P_FIRST_DELAY GR__P_DELAY_CONSULTATION

/* Where a parameter's values may lie: [lo, hi], lo excluded when lo_open.
 * The bounds keep every product and logarithm of the equations finite. */
typedef enum gr__param_domain {
  GR__DOM_PROBABILITY, /* [0, 1] */
  GR__DOM_SHARE,       /* [0, 1] */
  GR__DOM_LOGIT,       /* [-50, 50]: a shift of log-odds */
  GR__DOM_RATIO,       /* (0, 1e6]: a multiplier, a threshold or a slope */
  GR__DOM_FACTOR,      /* [1, 100]: multiplies the defence */
  GR__DOM_VALUE,       /* [0, 1e6]: gain, costs and punishments, in units of the gain */
  GR__DOM_AMOUNT,      /* [0, 1e9]: troops per $bn, $M a year */
  GR__DOM_YEARS,       /* [0, 200] */
  GR__DOM_DAYS,        /* [0, 36525]: a delay of up to a hundred years */
  GR__DOM_COUNT
} gr__param_domain;

typedef struct gr__domain_row {
  const char *name; /* For messages: "a probability", ... */
  double lo, hi;
  bool lo_open;
  bool normal_ok;   /* A normal may be used: its tails beyond 10 sd are
                       clamped to the domain (reached once in 10^23). */
} gr__domain_row;

extern const gr__domain_row gr__domains[GR__DOM_COUNT];

typedef struct gr__param_spec {
  const char *id;
  gr__param_domain domain;
  const char *unit;
} gr__param_spec;

/* The model's parameters, in its order. */
extern const gr__param_spec gr__param_specs[GR__P_COUNT];

/* The index of parameter `id`, or -1 when the model reads no such one. */
int gr__param_index(const char *id);

/* The smallest and largest value parameter p's distribution can give
 * (normal: mean -/+ 10 sd; lognormal: exp(mu -/+ 10 sigma); beta: [0, 1]),
 * and whether its lower end is reached only in the limit.
 * Assumes the distribution's own keys are valid (schema.c checks them). */
void gr__param_support(const gr_parameter *p, double *lo, double *hi, bool *lo_open);

/* The first way parameter p breaks the model's table (an unknown id, a
 * unit other than its own, a value outside its domain), written into msg
 * (one line); false when there is none. */
bool gr__param_problem(const gr_parameter *p, char *msg, size_t n);

#endif /* GUARANTOR_MODEL_PARAMS_H */
