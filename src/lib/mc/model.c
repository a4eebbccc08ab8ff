/*
 * The deterrence model's equations and tables (docs/model.md, sections 2.2
 * to 2.7): honour, the forces, success, the aggressor's decision, the
 * battle and the timing of help. Pure functions of a compiled arrangement
 * and a draw's parameter vector.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mc/dist.h"
#include "mc/mc.h"

/* ---- Tables of the model (docs/model.md, "Honour" and "Battle") ------ */

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
 * delay, and whether it puts the guarantor in combat. */
const gr__kind_row gr__kinds[GR_OB__COUNT] = {
    [GR_OB_CONSULTATION] = {GR__P_COST_CONSULTATION, -1, GR__PUN_NONE, GR__P_DELAY_FAST, false},
    [GR_OB_SANCTIONS] = {GR__P_COST_OTHER, -1, GR__PUN_SANCTIONS, GR__P_DELAY_SANCTIONS, false},
    [GR_OB_ECONOMIC_AID] = {GR__P_COST_OTHER, -1, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false},
    [GR_OB_INTELLIGENCE_SHARING] = {GR__P_COST_OTHER, GR__P_INTELLIGENCE_FACTOR, GR__PUN_NONE, GR__P_DELAY_FAST, false},
    [GR_OB_TRAINING] = {GR__P_COST_OTHER, GR__P_TRAINING_FACTOR, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false},
    [GR_OB_ARMS_SUPPLY] = {GR__P_COST_SUPPLY, -1, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false},
    [GR_OB_AIR_DEFENCE_SUPPLY] = {GR__P_COST_SUPPLY, GR__P_AIR_DEFENCE_FACTOR, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false},
    [GR_OB_NAVAL_PRESENCE] = {GR__P_COST_PRESENCE, GR__P_NAVAL_FACTOR, GR__PUN_MILITARY, GR__P_DELAY_INTERVENTION, true},
    [GR_OB_AIR_COVER] = {GR__P_COST_COMBAT, GR__P_AIR_COVER_FACTOR, GR__PUN_MILITARY, GR__P_DELAY_FAST, true},
    [GR_OB_REASSURANCE_FORCE] = {GR__P_COST_COMBAT, -1, GR__PUN_MILITARY, GR__P_DELAY_FAST, true},
    [GR_OB_MILITARY_INTERVENTION] = {GR__P_COST_COMBAT, -1, GR__PUN_MILITARY, GR__P_DELAY_INTERVENTION, true},
    /* The kinds added for the post-2025 texts (docs/model.md, "Kinds"):
     * assumption, each costs and acts like its nearest older kind —
     * monitors like consultation (they report, they do not fight),
     * logistics and stocks like arms supply (stocks already stand, so no
     * shipping delay), fortification and financing like economic aid. */
    [GR_OB_CEASEFIRE_MONITORING] = {GR__P_COST_CONSULTATION, -1, GR__PUN_NONE, GR__P_DELAY_FAST, false},
    [GR_OB_LOGISTICS] = {GR__P_COST_SUPPLY, -1, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false},
    [GR_OB_PREPOSITIONED_STOCKS] = {GR__P_COST_SUPPLY, -1, GR__PUN_SUPPORT, GR__P_DELAY_FAST, false},
    [GR_OB_FORTIFICATION_SUPPORT] = {GR__P_COST_OTHER, -1, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false},
    [GR_OB_FORCE_FINANCING] = {GR__P_COST_OTHER, -1, GR__PUN_SUPPORT, GR__P_DELAY_SUPPLY, false},
};

/* The defence factors, in a fixed order for the per-draw arrays. */
const int gr__factor_params[GR__NFACTORS] = {GR__P_INTELLIGENCE_FACTOR, GR__P_TRAINING_FACTOR, GR__P_AIR_DEFENCE_FACTOR,
                                    GR__P_NAVAL_FACTOR, GR__P_AIR_COVER_FACTOR};

const int gr__scale_share[GR_SCALE__COUNT] = {GR__P_ATTACK_SHARE_MINOR, GR__P_ATTACK_SHARE_LIMITED,
                                                 GR__P_ATTACK_SHARE_MAJOR, GR__P_ATTACK_SHARE_MASSIVE};

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

/* What obligation b adds to the defence, in troop-equivalents (model.md,
 * "Battle"). */
double gr__addition(const gr__cob *b, const double *th) {
  switch (b->kind) {
  case GR_OB_REASSURANCE_FORCE:
    return b->troops * th[GR__P_GUARANTOR_QUALITY] * (b->engaged ? 1.0 : th[GR__P_RESERVE_SHARE]);
  case GR_OB_MILITARY_INTERVENTION:
    return (b->troops > 0 ? b->troops : b->g_personnel * th[GR__P_INTERVENTION_SHARE]) * th[GR__P_GUARANTOR_QUALITY];
  case GR_OB_ARMS_SUPPLY:
    return (b->value >= 0 ? b->value : th[GR__P_ARMS_DEFAULT_MUSD]) / 1000.0 * th[GR__P_ARMS_YEARS] *
           th[GR__P_ARMS_TROOPS_PER_BUSD];
  default:
    return 0;
  }
}

/* The log-odds that b is honoured (model.md, "Honour"); `base` is
 * logit(honour_base) - cost_combat_shift, the same for every obligation of
 * a draw. */
double gr__honour_logit(const gr__cob *b, const double *th, double base) {
  double l = base + th[gr__kinds[b->kind].cost];
  if (gr__legal_shift[b->form] >= 0) l += th[gr__legal_shift[b->form]];
  if (gr__activation_shift[b->activation] >= 0) l += th[gr__activation_shift[b->activation]];
  if (gr__commitment_shift[b->commitment] >= 0) l += th[gr__commitment_shift[b->commitment]];
  if (b->tripwire) l += th[GR__P_TRIPWIRE];
  if (b->approval) l += th[GR__P_APPROVAL];
  if (b->nuclear) l += th[GR__P_NUCLEAR];
  if (b->own == 2) l += th[GR__P_OWN_VETO];
  else if (b->own == 1) l += th[GR__P_OWN_OBJECTION];
  return l;
}

double gr__honour_base_logit(const double *th) {
  return log(th[GR__P_HONOUR_BASE] / (1 - th[GR__P_HONOUR_BASE])) - th[GR__P_COST_COMBAT];
}

/* Probability that an attack succeeds at force ratio s/d. */
double gr__p_success(double s, double d, const double *th) {
  if (d <= 0) return 1;
  return gr__sigmoid(th[GR__P_SUCCESS_SLOPE] * (log(s / d) - log(th[GR__P_FORCE_RATIO_THRESHOLD])));
}

/* The aggressor's decision (model.md, "Decision"): true when it attacks.
 * It weighs every acting obligation by the honour probability it
 * perceives. The honour log-odds are left in logit[] for gr__fight(). */
int gr__work_init(gr__work *w, size_t nobs, size_t ng) {
  w->logit = malloc((nobs ? nobs : 1) * sizeof *w->logit);
  w->pun = malloc((ng ? ng : 1) * GR__PUN_COUNT * sizeof *w->pun);
  w->honours = malloc((ng ? ng : 1) * sizeof *w->honours);
  return w->logit && w->pun && w->honours ? 0 : -1;
}

void gr__work_free(gr__work *w) {
  free(w->logit);
  free(w->pun);
  free(w->honours);
  w->logit = w->pun = NULL;
  w->honours = NULL;
}

void gr__weigh(const gr__carr *c, const double *th, gr__work *work, gr__weighing *w) {
  double base = gr__honour_base_logit(th);
  double add = 0, fac[GR__NFACTORS] = {0}, *pun = work->pun, *logit = work->logit;
  memset(pun, 0, sizeof(double) * GR__PUN_COUNT * c->ng);
  for (size_t i = 0; i < c->nobs; i++) {
    const gr__cob *b = &c->obs[i];
    if (!b->acting) continue;
    logit[i] = gr__honour_logit(b, th, base);
    double pt = gr__sigmoid(logit[i] + th[GR__P_PERCEPTION_BIAS]);
    add += pt * gr__addition(b, th);
    if (b->slot >= 0 && pt > fac[b->slot]) fac[b->slot] = pt;
    int pc = gr__kinds[b->kind].punish;
    if (pc != GR__PUN_NONE) {
      double v = pc == GR__PUN_MILITARY ? th[GR__P_PUNISH_MILITARY] * b->weight
                 : pc == GR__PUN_SANCTIONS ? th[GR__P_PUNISH_SANCTIONS]
                                       : th[GR__P_PUNISH_SUPPORT];
      double *slot = &pun[(size_t)b->g * GR__PUN_COUNT + (size_t)pc];
      if (pt * v > *slot) *slot = pt * v;
    }
  }
  double d = (c->protected_ * th[GR__P_DEFENCE_SHARE] + add);
  for (int f = 0; f < GR__NFACTORS; f++) d *= 1 + (th[gr__factor_params[f]] - 1) * fac[f];
  double s = c->aggressor * th[c->share] * th[GR__P_AGGRESSOR_OPTIMISM];
  double punishment = 0;
  for (size_t g = 0; g < c->ng; g++)
    for (int k = 0; k < GR__PUN_COUNT; k++) punishment += pun[g * GR__PUN_COUNT + (size_t)k];
  w->defence = d;
  w->attack = s;
  w->success = gr__p_success(s, d, th);
  w->punishment = punishment;
  w->margin = th[GR__P_GAIN] * w->success - th[GR__P_WAR_COST] - punishment;
}

bool gr__decide(const gr__carr *c, const double *th, gr__work *work) {
  gr__weighing w;
  gr__weigh(c, th, work, &w);
  return w.margin > 0;
}

/* What happens when the aggressor attacks (model.md, "Battle" and
 * "Timing"): who honours, whether the defence holds, when help comes. */
/* A delay in days, the u-quantile of delay parameter j. */
static double delay(const gr_params *ps, int j, double u) { return gr__in_domain(j, gr__param_quantile(ps->p[j], u)); }

void gr__fight(const gr__carr *c, const gr_params *ps, const double *th, gr__work *work, uint64_t seed,
                  uint64_t draw, gr__counts *n) {
  double add = 0;
  bool fac[GR__NFACTORS] = {false}, *g_honours = work->honours;
  const double *logit = work->logit;
  memset(g_honours, 0, sizeof *g_honours * c->ng);
  double first = INFINITY;
  for (size_t i = 0; i < c->nobs; i++) {
    const gr__cob *b = &c->obs[i];
    if (!b->acting) continue;
    gr__stream s;
    gr__stream_init(&s, seed, draw, b->stream);
    double u = gr__uniform(&s);
    if (u >= gr__sigmoid(logit[i])) continue;
    n->ob[i]++;
    add += gr__addition(b, th);
    if (b->slot >= 0) fac[b->slot] = true;
    /* Talk is not help, and neither is watching: monitors report a
     * violation, they do not fight it (docs/model.md, section 2.9). */
    if (b->kind == GR_OB_CONSULTATION || b->kind == GR_OB_CEASEFIRE_MONITORING) continue;
    g_honours[b->g] = true;
    double decision = 0;
    switch (b->activation) {
    case GR_ACT_AUTOMATIC: decision = 0; break;
    case GR_ACT_AFTER_CONSULTATION:
      decision = b->deadline > 0 ? b->deadline : delay(ps, GR__P_DELAY_CONSULTATION, gr__uniform(&s));
      break;
    case GR_ACT_DISCRETIONARY: decision = delay(ps, GR__P_DELAY_DISCRETION, gr__uniform(&s)); break;
    default: decision = delay(ps, GR__P_DELAY_CONSULTATION, gr__uniform(&s)); break;
    }
    double t = decision + delay(ps, gr__kinds[b->kind].delay, gr__uniform(&s));
    if (t < first) first = t;
  }
  for (size_t g = 0; g < c->ng; g++) n->g[g] += g_honours[g];
  double d = c->protected_ * th[GR__P_DEFENCE_SHARE] + add;
  for (int f = 0; f < GR__NFACTORS; f++)
    if (fac[f]) d *= th[gr__factor_params[f]];
  gr__stream battle;
  gr__stream_init(&battle, seed, draw, GR__STREAM_BATTLE);
  if (gr__uniform(&battle) >= gr__p_success(c->aggressor * th[c->share], d, th)) n->holds++;
  if (isfinite(first)) {
    n->helped++;
    size_t day = first >= GR__HIST_DAYS - 1 ? GR__HIST_DAYS - 1 : (size_t)first;
    n->hist[day]++;
  }
}
