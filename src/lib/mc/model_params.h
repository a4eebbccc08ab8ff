/*
 * The parameters the deterrence model reads, in a fixed order: the ids of
 * data/parameters.yaml. A draw's parameter vector is read from one random
 * stream in this order, so reordering (or changing a parameter from fixed
 * to uncertain, or its distribution family) changes the numbers every later
 * parameter receives: runs with different parameter files share common
 * random numbers only up to the first such difference.
 */
#ifndef GUARANTOR_MODEL_PARAMS_H
#define GUARANTOR_MODEL_PARAMS_H

#define GR__MODEL_PARAMS(X)                                            \
  X(HONOUR_BASE, "honour_base")                                        \
  X(LEGAL_POLITICAL_DECLARATION, "legal_political_declaration")        \
  X(LEGAL_MEMORANDUM, "legal_memorandum")                              \
  X(LEGAL_EXECUTIVE_AGREEMENT, "legal_executive_agreement")            \
  X(LEGAL_TREATY_SIGNED, "legal_treaty_signed")                        \
  X(ACT_AFTER_CONSULTATION, "act_after_consultation")                  \
  X(ACT_DISCRETIONARY, "act_discretionary")                            \
  X(ACT_CONSENSUS, "act_consensus")                                    \
  X(ACT_BY_BODY, "act_by_body")                                        \
  X(COMMIT_WILLING, "commit_willing")                                  \
  X(COMMIT_CONDITIONAL, "commit_conditional")                          \
  X(COMMIT_UNDECIDED, "commit_undecided")                              \
  X(TRIPWIRE, "tripwire_shift")                                        \
  X(APPROVAL, "approval_shift")                                        \
  X(NUCLEAR, "nuclear_shift")                                          \
  X(OWN_VETO, "own_veto_shift")                                        \
  X(OWN_OBJECTION, "own_objection_shift")                              \
  X(COST_COMBAT, "cost_combat_shift")                                  \
  X(COST_PRESENCE, "cost_presence_shift")                              \
  X(COST_SUPPLY, "cost_supply_shift")                                  \
  X(COST_OTHER, "cost_other_shift")                                    \
  X(COST_CONSULTATION, "cost_consultation_shift")                      \
  X(PERCEPTION_BIAS, "perception_bias")                                \
  X(AGGRESSOR_OPTIMISM, "aggressor_optimism")                          \
  X(ATTACK_SHARE_MINOR, "attack_share_minor")                          \
  X(ATTACK_SHARE_LIMITED, "attack_share_limited")                      \
  X(ATTACK_SHARE_MAJOR, "attack_share_major")                          \
  X(ATTACK_SHARE_MASSIVE, "attack_share_massive")                      \
  X(DEFENCE_SHARE, "defence_share")                                    \
  X(FORCE_RATIO_THRESHOLD, "force_ratio_threshold")                    \
  X(SUCCESS_SLOPE, "success_slope")                                    \
  X(GUARANTOR_QUALITY, "guarantor_quality")                            \
  X(RESERVE_SHARE, "reserve_share")                                    \
  X(INTERVENTION_SHARE, "intervention_share")                          \
  X(AIR_COVER_FACTOR, "air_cover_factor")                              \
  X(AIR_DEFENCE_FACTOR, "air_defence_factor")                          \
  X(INTELLIGENCE_FACTOR, "intelligence_factor")                        \
  X(TRAINING_FACTOR, "training_factor")                                \
  X(NAVAL_FACTOR, "naval_factor")                                      \
  X(ARMS_TROOPS_PER_BUSD, "arms_troops_per_busd")                      \
  X(ARMS_DEFAULT_MUSD, "arms_default_musd")                            \
  X(ARMS_YEARS, "arms_years")                                          \
  X(GAIN, "gain")                                                      \
  X(WAR_COST, "war_cost")                                              \
  X(PUNISH_MILITARY, "punish_military")                                \
  X(PUNISH_SANCTIONS, "punish_sanctions")                              \
  X(PUNISH_SUPPORT, "punish_support")                                  \
  X(DELAY_CONSULTATION, "delay_consultation_days")                     \
  X(DELAY_DISCRETION, "delay_discretion_days")                         \
  X(DELAY_FAST, "delay_fast_days")                                     \
  X(DELAY_SANCTIONS, "delay_sanctions_days")                           \
  X(DELAY_SUPPLY, "delay_supply_days")                                 \
  X(DELAY_INTERVENTION, "delay_intervention_days")

#define GR__P_ENUM(name, id) GR__P_##name,
enum { GR__MODEL_PARAMS(GR__P_ENUM) GR__P_COUNT };
#undef GR__P_ENUM

/* The first delay parameter: these are drawn per obligation, not per draw,
 * and cannot change whether the aggressor attacks. */
#define GR__P_FIRST_DELAY GR__P_DELAY_CONSULTATION

#endif /* GUARANTOR_MODEL_PARAMS_H */
