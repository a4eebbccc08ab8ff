/*
 * The deterrence model's equations and tables (docs/model.md): the
 * aggressor's options, honour, the forces in place and the help that
 * comes, the time a defence holds, the chance of success of each option,
 * the aggressor's noisy choice, and what happens when it attacks. Pure
 * functions of a compiled arrangement and a draw's parameter vector.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mc/dist.h"
#include "mc/mc.h"

/* ---- Tables of the model (docs/model.md, "Honour" and "Forces") ------ */

/* Logit shifts by legal form, activation mode and commitment; -1: the
 * reference (shift 0). */
const int gr__legal_shift[GR_LF__COUNT] = {GR__P_LEGAL_POLITICAL_DECLARATION, GR__P_LEGAL_MEMORANDUM,
                                              GR__P_LEGAL_EXECUTIVE_AGREEMENT, GR__P_LEGAL_TREATY_SIGNED, -1};
const int gr__activation_shift[GR_ACT__COUNT] = {-1, GR__P_ACT_AFTER_CONSULTATION, GR__P_ACT_DISCRETIONARY,
                                                    GR__P_ACT_CONSENSUS, GR__P_ACT_BY_BODY};
const int gr__commitment_shift[GR_COMMIT__COUNT] = {-1, GR__P_COMMIT_WILLING, GR__P_COMMIT_CONDITIONAL,
                                                       GR__P_COMMIT_UNDECIDED, -1};

/* Per obligation kind (GR_OB_ order): cost class shift, the factor it
 * multiplies defence by (or -1), its punishment class, its deployment
 * delay, whether it puts the guarantor in combat, whether its money buys
 * defence. */
const gr__kind_row gr__kinds[GR_OB__COUNT] = {
    [GR_OB_CONSULTATION] = {GR__P_COST_CONSULTATION, -1, GR__PUN_NONE, GR__P_DELAY_FAST, false, false},
    [GR_OB_SANCTIONS] = {GR__P_COST_OTHER, -1, GR__PUN_SANCTIONS, GR__P_DELAY_SANCTIONS, false, false},
    [GR_OB_ECONOMIC_AID] = {GR__P_COST_OTHER, -1, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false, false},
    [GR_OB_INTELLIGENCE_SHARING] = {GR__P_COST_OTHER, GR__P_INTELLIGENCE_FACTOR, GR__PUN_NONE, GR__P_DELAY_FAST, false, false},
    [GR_OB_TRAINING] = {GR__P_COST_OTHER, GR__P_TRAINING_FACTOR, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false, false},
    [GR_OB_ARMS_SUPPLY] = {GR__P_COST_SUPPLY, -1, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false, true},
    [GR_OB_AIR_DEFENCE_SUPPLY] = {GR__P_COST_SUPPLY, GR__P_AIR_DEFENCE_FACTOR, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false, false},
    [GR_OB_NAVAL_PRESENCE] = {GR__P_COST_PRESENCE, GR__P_NAVAL_FACTOR, GR__PUN_MILITARY, GR__P_DELAY_INTERVENTION, true, false},
    [GR_OB_AIR_COVER] = {GR__P_COST_COMBAT, GR__P_AIR_COVER_FACTOR, GR__PUN_MILITARY, GR__P_DELAY_FAST, true, false},
    [GR_OB_REASSURANCE_FORCE] = {GR__P_COST_COMBAT, -1, GR__PUN_MILITARY, GR__P_DELAY_FAST, true, false},
    [GR_OB_MILITARY_INTERVENTION] = {GR__P_COST_COMBAT, -1, GR__PUN_MILITARY, GR__P_DELAY_INTERVENTION, true, false},
    /* The kinds added for the post-2025 texts (docs/model.md, "Kinds"):
     * assumption, each costs and acts like its nearest older kind —
     * monitors like consultation (they report, they do not fight),
     * logistics like arms supply without the arms, stocks and force
     * financing buy defence like arms (stocks already stand, so no
     * shipping delay), fortification like economic aid. */
    [GR_OB_CEASEFIRE_MONITORING] = {GR__P_COST_CONSULTATION, -1, GR__PUN_NONE, GR__P_DELAY_FAST, false, false},
    [GR_OB_LOGISTICS] = {GR__P_COST_SUPPLY, -1, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false, false},
    [GR_OB_PREPOSITIONED_STOCKS] = {GR__P_COST_SUPPLY, -1, GR__PUN_SUPPORT, GR__P_DELAY_FAST, false, true},
    [GR_OB_FORTIFICATION_SUPPORT] = {GR__P_COST_OTHER, -1, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false, false},
    [GR_OB_FORCE_FINANCING] = {GR__P_COST_OTHER, -1, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false, true},
};

/* The defence factors, in a fixed order for the per-draw arrays (the
 * GR__SLOT_ order). */
const int gr__factor_params[GR__NFACTORS] = {GR__P_INTELLIGENCE_FACTOR, GR__P_TRAINING_FACTOR, GR__P_AIR_DEFENCE_FACTOR,
                                             GR__P_NAVAL_FACTOR, GR__P_AIR_COVER_FACTOR};

/* The aggressor's options (docs/model.md, "Options"). The event each is
 * weighed as by the trigger engine is the case's own for the option it
 * names; a less ambitious ground option is the same attack at its scale. */
const gr__option_row gr__options[GR_OPTION__COUNT] = {
    [GR_OPTION_PROBE] = {"probe", GR_EV_ARMED_ATTACK, GR_SCALE_LIMITED, 1, GR__P_ATTACK_SHARE_LIMITED, GR__P_GAIN_PROBE,
                         GR__P_COST_PROBE, GR__FIGHT_GROUND},
    [GR_OPTION_STRIKE] = {"strike", GR_EV_STRIKE, GR_SCALE_MAJOR, 2, -1, GR__P_GAIN_STRIKE, GR__P_COST_STRIKE,
                          GR__FIGHT_STRIKE},
    [GR_OPTION_BLOCKADE] = {"blockade", GR_EV_BLOCKADE, GR_SCALE_MAJOR, 2, -1, GR__P_GAIN_BLOCKADE,
                            GR__P_COST_BLOCKADE, GR__FIGHT_BLOCKADE},
    [GR_OPTION_OFFENSIVE] = {"offensive", GR_EV_ARMED_ATTACK, GR_SCALE_MAJOR, 3, GR__P_ATTACK_SHARE_MAJOR,
                             GR__P_GAIN_OFFENSIVE, GR__P_COST_OFFENSIVE, GR__FIGHT_GROUND},
    [GR_OPTION_INVASION] = {"invasion", GR_EV_ARMED_ATTACK, GR_SCALE_MASSIVE, 4, GR__P_ATTACK_SHARE_MASSIVE, GR__P_GAIN,
                            GR__P_WAR_COST, GR__FIGHT_GROUND},
};

const char *gr_attack_option_name(int option) {
  return option >= 0 && option < GR_OPTION__COUNT ? gr__options[option].name : "?";
}

/* An armed attack, or one on a guarantor's forces in the protected state,
 * by its scale; a limited incursion and a ceasefire violation are probes;
 * a strike and a blockade their own options. The rest (a hybrid attack,
 * acts that are not attacks) have no sub-model. */
int gr__option_of(int event_kind, int scale) {
  static const int by_scale[GR_SCALE__COUNT] = {GR_OPTION_PROBE, GR_OPTION_PROBE, GR_OPTION_OFFENSIVE,
                                                GR_OPTION_INVASION};
  switch (event_kind) {
  case GR_EV_ARMED_ATTACK:
  case GR_EV_ATTACK_ON_GUARANTOR_FORCES: return scale >= 0 && scale < GR_SCALE__COUNT ? by_scale[scale] : -1;
  case GR_EV_LIMITED_INCURSION:
  case GR_EV_CEASEFIRE_VIOLATION: return GR_OPTION_PROBE;
  case GR_EV_STRIKE: return GR_OPTION_STRIKE;
  case GR_EV_BLOCKADE: return GR_OPTION_BLOCKADE;
  default: return -1;
  }
}

/* ---- One draw ----------------------------------------------------------- */

/* The parameter vector of a draw: one stream for all of them, read in the
 * model's order. Every arrangement of a run sees the same vector. */
void gr__sample_theta(const gr_params *ps, uint64_t seed, uint64_t draw, double *th) {
  gr__stream s;
  gr__stream_init(&s, seed, draw, GR__STREAM_PARAM(0));
  for (int j = 0; j < GR__P_COUNT; j++) {
    const gr_parameter *p = ps->p[j];
    th[j] = p->distribution == GR_DIST_FIXED || j >= GR__P_FIRST_DELAY ? p->value : gr__in_domain(j, gr__param_draw(p, &s));
  }
}

/* The draw's decision error: a standard logistic variate by inversion,
 * log(u / (1 - u)). */
double gr__sample_choice(uint64_t seed, uint64_t draw) {
  gr__stream s;
  gr__stream_init(&s, seed, draw, GR__STREAM_CHOICE);
  double u = gr__uniform(&s);
  return log(u / (1 - u));
}

/* What obligation b adds to the defence when it fights, in
 * troop-equivalents (docs/model.md, "Forces"): a force's troops times
 * their quality (a force in the rear, in part); an unsized intervention a
 * share of the personnel behind the guarantor; money that buys defence,
 * a year's worth when sent after the attack, arms_years' worth when
 * delivered before it. */
double gr__addition(const gr__cob *b, const double *th) {
  if (gr__kinds[b->kind].buys) {
    double musd = b->value >= 0 ? b->value : th[GR__P_ARMS_DEFAULT_MUSD];
    return musd / 1000.0 * (b->standing ? th[GR__P_ARMS_YEARS] : 1.0) * th[GR__P_ARMS_TROOPS_PER_BUSD];
  }
  switch (b->kind) {
  case GR_OB_REASSURANCE_FORCE:
    return b->troops * th[GR__P_GUARANTOR_QUALITY] * (b->engaged ? 1.0 : th[GR__P_RESERVE_SHARE]);
  case GR_OB_MILITARY_INTERVENTION:
    return (b->troops > 0 ? b->troops : b->g_personnel * th[GR__P_INTERVENTION_SHARE]) * th[GR__P_GUARANTOR_QUALITY];
  default:
    return 0;
  }
}

/* The draw's base log-odds: logit(honour_base), shifted for a case dated
 * 1945 or later (docs/model.md, "Honour"). */
double gr__honour_base_logit(const gr__carr *c, const double *th) {
  double h = th[GR__P_HONOUR_BASE];
  /* A Beta draw can be 0 or 1 to machine precision: keep the log-odds finite. */
  if (h < 1e-12) h = 1e-12;
  if (h > 1 - 1e-12) h = 1 - 1e-12;
  return log(h / (1 - h)) - th[GR__P_COST_COMBAT] + (c->post1945 ? th[GR__P_HONOUR_POST_1945] : 0);
}

/* The log-odds that b is honoured (docs/model.md, "Honour"). What the
 * guarantor said about this kind of help moves it; whether the guarantor
 * likes the arrangement does not. */
double gr__honour_logit(const gr__cob *b, const double *th, double base) {
  double l = base + th[gr__kinds[b->kind].cost];
  if (gr__legal_shift[b->form] >= 0) l += th[gr__legal_shift[b->form]];
  if (gr__activation_shift[b->activation] >= 0) l += th[gr__activation_shift[b->activation]];
  if (gr__commitment_shift[b->commitment] >= 0) l += th[gr__commitment_shift[b->commitment]];
  if (b->tripwire) l += th[GR__P_TRIPWIRE];
  if (b->approval) l += th[GR__P_APPROVAL];
  if (b->nuclear) l += th[GR__P_NUCLEAR];
  if (b->said == 2) l += th[GR__P_SAID_REFUSES];
  else if (b->said == 1) l += th[GR__P_SAID_RELUCTANT];
  return l;
}

double gr__p_success(double s, double d, const double *th) {
  if (d <= 0) return 1;
  if (s <= 0) return 0;
  return gr__sigmoid(th[GR__P_SUCCESS_SLOPE] * (log(s / d) - log(th[GR__P_FORCE_RATIO_THRESHOLD])));
}

double gr__hold_days(double s, double d, const double *th) {
  if (d <= 0) return 0;
  if (s <= 0) return 3650;
  double t = th[GR__P_HOLD_DAYS] * pow(s / (d * th[GR__P_FORCE_RATIO_THRESHOLD]), -th[GR__P_HOLD_ELASTICITY]);
  return t < 3650 ? t : 3650;
}

/* Whether b is help in place before any decision: delivered before the
 * attack, or a force stationed where it falls. */
static bool in_place(const gr__cob *b) { return b->standing || b->engaged; }

void gr__standing_slots(const gr__carr *c, bool *stand) {
  for (int f = 0; f < GR__NFACTORS; f++) stand[f] = false;
  for (size_t i = 0; i < c->nobs; i++)
    if (c->obs[i].standing && c->obs[i].slot >= 0) stand[c->obs[i].slot] = true;
}

/* The defence in place before the probe's local share: the protected
 * state's share, the forces engaged and what was delivered, times each
 * factor delivered (stand, from gr__standing_slots). */
static double in_place_defence(const gr__carr *c, const double *th, const bool *stand) {
  double d = c->protected_ * th[GR__P_DEFENCE_SHARE];
  for (size_t i = 0; i < c->nobs; i++) {
    const gr__cob *b = &c->obs[i];
    /* A stationed force fights the attack that reaches it, whatever the
     * option's trigger says; what was delivered is the defender's own. */
    if (in_place(b)) d += gr__addition(b, th);
  }
  /* Each factor delivered before the attack multiplies once, however
   * many deliver it. */
  for (int f = 0; f < GR__NFACTORS; f++)
    if (stand[f]) d *= th[gr__factor_params[f]];
  return d;
}

double gr__defence_in_place(const gr__carr *c, int o, const double *th) {
  bool stand[GR__NFACTORS];
  gr__standing_slots(c, stand);
  double d = in_place_defence(c, th, stand);
  if (o == GR_OPTION_PROBE) d *= th[GR__P_PROBE_LOCAL_SHARE];
  return d;
}

int gr__work_init(gr__work *w, size_t nobs, size_t ng) {
  w->logit = malloc((nobs ? nobs : 1) * sizeof *w->logit);
  w->perceived = malloc((nobs ? nobs : 1) * sizeof *w->perceived);
  w->pun = malloc((ng ? ng : 1) * GR__PUN_COUNT * sizeof *w->pun);
  w->honours = malloc((ng ? ng : 1) * sizeof *w->honours);
  return w->logit && w->perceived && w->pun && w->honours ? 0 : -1;
}

void gr__work_free(gr__work *w) {
  free(w->logit);
  free(w->perceived);
  free(w->pun);
  free(w->honours);
  w->logit = w->perceived = w->pun = NULL;
  w->honours = NULL;
}

/* The punishment b threatens, by its class (docs/model.md,
 * "Punishment"): military punishment scales with the guarantor's
 * capability over the aggressor's, without a cap, and by the nuclear
 * factor when the guarantor is nuclear-armed; sanctions with the same
 * weight; support is flat. */
static double punishment_of(const gr__cob *b, int pc, const double *th) {
  switch (pc) {
  case GR__PUN_MILITARY:
    return th[GR__P_PUNISH_MILITARY] * b->weight * (b->g_nuclear ? th[GR__P_NUCLEAR_PUNISHMENT] : 1.0);
  case GR__PUN_SANCTIONS: return th[GR__P_PUNISH_SANCTIONS] * b->weight;
  default: return th[GR__P_PUNISH_SUPPORT];
  }
}

/* The mean days before help b arrives (decision and deployment), which
 * the aggressor compares with the days the defence holds. */
static bool expected_in_time(const gr__cob *b, double hold) { return b->mean_delay <= hold; }

void gr__weigh(const gr__carr *c, const double *th, gr__work *work, gr__weighing *w) {
  double base = gr__honour_base_logit(c, th);
  double *logit = work->logit, *perceived = work->perceived, *pun = work->pun;
  for (size_t i = 0; i < c->nobs; i++) {
    logit[i] = gr__honour_logit(&c->obs[i], th, base);
    perceived[i] = gr__sigmoid(logit[i] + th[GR__P_PERCEPTION_BIAS]);
  }
  /* What does not depend on the option: the factors delivered, the
   * defence in place before a probe's local share. */
  bool stand[GR__NFACTORS];
  gr__standing_slots(c, stand);
  double placed = in_place_defence(c, th, stand);
  for (int o = 0; o < GR_OPTION__COUNT; o++) {
    w->defence[o] = w->attack[o] = w->success[o] = w->punishment[o] = w->value[o] = 0;
    if (!(c->available >> o & 1u)) continue;
    const gr__option_row *op = &gr__options[o];
    /* Punishment: per guarantor and class, the largest perceived threat. */
    memset(pun, 0, sizeof(double) * GR__PUN_COUNT * c->ng);
    double fac[GR__NFACTORS] = {0}, help = 0, d0 = 0, s = 0, hold = 0;
    if (op->fight == GR__FIGHT_GROUND) {
      d0 = o == GR_OPTION_PROBE ? placed * th[GR__P_PROBE_LOCAL_SHARE] : placed;
      s = c->aggressor * th[op->share] * th[GR__P_AGGRESSOR_OPTIMISM];
      hold = gr__hold_days(s, d0, th);
    }
    for (size_t i = 0; i < c->nobs; i++) {
      const gr__cob *b = &c->obs[i];
      if (!b->acts[o] || b->standing) continue;
      double pt = perceived[i];
      int pc = gr__kinds[b->kind].punish;
      if (pc != GR__PUN_NONE) {
        double v = pt * punishment_of(b, pc, th);
        double *slot = &pun[(size_t)b->g * GR__PUN_COUNT + (size_t)pc];
        if (v > *slot) *slot = v;
      }
      if (op->fight == GR__FIGHT_GROUND) {
        if (b->engaged || !expected_in_time(b, hold)) continue;
        help += pt * gr__addition(b, th);
        if (b->slot >= 0 && pt > fac[b->slot]) fac[b->slot] = pt;
      } else if (b->slot >= 0 && pt > fac[b->slot]) {
        fac[b->slot] = pt;
      }
    }
    double success;
    /* A factor already in place is not multiplied again by help sent. */
    for (int f = 0; f < GR__NFACTORS; f++)
      if (stand[f]) fac[f] = 0;
    if (op->fight == GR__FIGHT_GROUND) {
      /* A probe meets the same local share of the help as of the defence
       * in place (gr__defence_in_place applied it there). */
      double d = d0 + help * (o == GR_OPTION_PROBE ? th[GR__P_PROBE_LOCAL_SHARE] : 1);
      for (int f = 0; f < GR__NFACTORS; f++) d *= 1 + (th[gr__factor_params[f]] - 1) * fac[f];
      w->defence[o] = d;
      w->attack[o] = s;
      success = gr__p_success(s, d, th);
    } else if (op->fight == GR__FIGHT_STRIKE) {
      /* Air defence in place and air cover or air defence sent blunt a
       * strike campaign. */
      double ad = stand[GR__SLOT_AIR_DEFENCE] ? th[GR__P_AIR_DEFENCE_FACTOR] : 1;
      if (stand[GR__SLOT_AIR_COVER]) ad *= th[GR__P_AIR_COVER_FACTOR];
      ad *= 1 + (th[GR__P_AIR_DEFENCE_FACTOR] - 1) * fac[GR__SLOT_AIR_DEFENCE];
      ad *= 1 + (th[GR__P_AIR_COVER_FACTOR] - 1) * fac[GR__SLOT_AIR_COVER];
      success = th[GR__P_STRIKE_SUCCESS] / ad;
    } else {
      double contest = fac[GR__SLOT_NAVAL] > fac[GR__SLOT_AIR_COVER] ? fac[GR__SLOT_NAVAL] : fac[GR__SLOT_AIR_COVER];
      if (stand[GR__SLOT_NAVAL] || stand[GR__SLOT_AIR_COVER]) contest = 1;
      success = th[GR__P_BLOCKADE_SUCCESS] * (1 - th[GR__P_BLOCKADE_BREAK] * contest);
    }
    double punishment = 0;
    for (size_t g = 0; g < c->ng; g++)
      for (int k = 0; k < GR__PUN_COUNT; k++) punishment += pun[g * GR__PUN_COUNT + (size_t)k];
    w->success[o] = success;
    w->punishment[o] = punishment;
    w->value[o] = th[op->gain] * success - th[op->cost] - punishment;
  }
}

/* The open option of largest value (the first of equal ones). */
static int best_option(const gr__carr *c, const gr__weighing *w) {
  int best = -1;
  for (int o = 0; o < GR_OPTION__COUNT; o++)
    if (c->available >> o & 1u && (best < 0 || w->value[o] > w->value[best])) best = o;
  return best;
}

int gr__choose(const gr__carr *c, const gr__weighing *w, const double *th, double eps) {
  int best = best_option(c, w);
  return best >= 0 && w->value[best] + th[GR__P_DECISION_NOISE] * eps > 0 ? best : -1;
}

double gr__p_no_attack(const gr__carr *c, const gr__weighing *w, const double *th) {
  int best = best_option(c, w);
  if (best < 0) return 1;
  double tau = th[GR__P_DECISION_NOISE], v = w->value[best];
  if (!(tau > 0)) return v > 0 ? 0 : 1;
  return 1 / (1 + exp(v / tau));
}

/* ---- The attack ------------------------------------------------------------ */

/* A delay in days, the u-quantile of delay parameter j. */
static double delay(const gr_params *ps, int j, double u) { return gr__in_domain(j, gr__param_quantile(ps->p[j], u)); }

/* Days until b's help arrives, if honoured: the decision (none for an
 * automatic promise; a stated deadline; else the consultation or
 * discretion delay), then the deployment. */
static double arrival(const gr__cob *b, const gr_params *ps, gr__stream *s) {
  double decision = 0;
  switch (b->activation) {
  case GR_ACT_AUTOMATIC: decision = 0; break;
  case GR_ACT_AFTER_CONSULTATION:
    decision = b->deadline > 0 ? b->deadline : delay(ps, GR__P_DELAY_CONSULTATION, gr__uniform(s));
    break;
  case GR_ACT_DISCRETIONARY: decision = delay(ps, GR__P_DELAY_DISCRETION, gr__uniform(s)); break;
  default: decision = delay(ps, GR__P_DELAY_CONSULTATION, gr__uniform(s)); break;
  }
  return decision + delay(ps, gr__kinds[b->kind].delay, gr__uniform(s));
}

bool gr__fight(const gr__carr *c, int o, const gr_params *ps, const double *th, gr__work *work, uint64_t seed,
               uint64_t draw, gr__counts *n) {
  const gr__option_row *op = &gr__options[o];
  bool *g_honours = work->honours;
  const double *logit = work->logit;
  memset(g_honours, 0, sizeof *g_honours * c->ng);
  bool fac[GR__NFACTORS] = {false}, stand[GR__NFACTORS];
  gr__standing_slots(c, stand);
  double d0 = 0, s = 0, hold = 0;
  if (op->fight == GR__FIGHT_GROUND) {
    d0 = in_place_defence(c, th, stand);
    if (o == GR_OPTION_PROBE) d0 *= th[GR__P_PROBE_LOCAL_SHARE];
    s = c->aggressor * th[op->share];
    hold = gr__hold_days(s, d0, th);
  }
  double help = 0, first = INFINITY;
  /* A force stationed where a ground attack falls is help from day 0,
   * decided or not (against a strike or a blockade it does nothing). */
  for (size_t i = 0; i < c->nobs && op->fight == GR__FIGHT_GROUND; i++)
    if (c->obs[i].engaged) first = 0;
  for (size_t i = 0; i < c->nobs; i++) {
    const gr__cob *b = &c->obs[i];
    if (!b->acts[o] || b->standing) continue;
    if (n) n->ob[c->nobs + i]++;
    gr__stream st;
    gr__stream_init(&st, seed, draw, b->stream);
    double u = gr__uniform(&st);
    if (u >= gr__sigmoid(logit[i])) continue;
    if (n) n->ob[i]++;
    /* Talk is not help, and neither is watching: monitors report a
     * violation, they do not fight it (docs/model.md, "Kinds"). */
    if (b->kind == GR_OB_CONSULTATION || b->kind == GR_OB_CEASEFIRE_MONITORING) continue;
    g_honours[b->g] = true;
    /* An engaged force is already fighting: its honour is the decision
     * to reinforce and escalate, which the other obligations carry. */
    double t = b->engaged ? 0 : arrival(b, ps, &st);
    if (t < first) first = t;
    if (b->engaged) continue;
    /* Help counts in a ground battle only if it arrives while the
     * defence holds; a strike or a blockade lasts long enough for it. */
    if (op->fight == GR__FIGHT_GROUND && t > hold) continue;
    help += gr__addition(b, th);
    if (b->slot >= 0) fac[b->slot] = true;
  }
  if (n)
    for (size_t g = 0; g < c->ng; g++) n->g[g] += g_honours[g];
  double p;
  if (op->fight == GR__FIGHT_GROUND) {
    double d = d0 + help * (o == GR_OPTION_PROBE ? th[GR__P_PROBE_LOCAL_SHARE] : 1);
    for (int f = 0; f < GR__NFACTORS; f++)
      if (fac[f] && !stand[f]) d *= th[gr__factor_params[f]];
    p = gr__p_success(s, d, th);
  } else if (op->fight == GR__FIGHT_STRIKE) {
    double ad = fac[GR__SLOT_AIR_DEFENCE] || stand[GR__SLOT_AIR_DEFENCE] ? th[GR__P_AIR_DEFENCE_FACTOR] : 1;
    if (fac[GR__SLOT_AIR_COVER] || stand[GR__SLOT_AIR_COVER]) ad *= th[GR__P_AIR_COVER_FACTOR];
    p = th[GR__P_STRIKE_SUCCESS] / ad;
  } else {
    bool contested = fac[GR__SLOT_NAVAL] || fac[GR__SLOT_AIR_COVER] || stand[GR__SLOT_NAVAL] || stand[GR__SLOT_AIR_COVER];
    p = th[GR__P_BLOCKADE_SUCCESS] * (contested ? 1 - th[GR__P_BLOCKADE_BREAK] : 1);
  }
  gr__stream battle;
  gr__stream_init(&battle, seed, draw, GR__STREAM_BATTLE);
  bool succeeded = gr__uniform(&battle) < p;
  if (n == NULL) return succeeded;
  if (!succeeded) n->holds++;
  if (isfinite(first)) {
    n->helped++;
    size_t day = first >= GR__HIST_DAYS - 1 ? GR__HIST_DAYS - 1 : (size_t)first;
    n->hist[day]++;
  }
  return succeeded;
}
