/*
 * The deterrence Monte Carlo. docs/model.md states the model; the comments
 * here point at its sections.
 *
 * Layout: an arrangement is first "compiled" (trigger engine, assess
 * engine, catalog look-ups) into a flat array of obligations with their
 * fixed covariates; the draw loop then touches only that array, the
 * parameter vector of the draw and per-thread integer counters, with no
 * allocation and no catalog access. Every output is an integer count, so
 * summing the threads' counters gives the same result for any number of
 * threads.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "dist.h"
#include "guarantor/assess.h"
#include "guarantor/sim.h"
#include "guarantor/trigger.h"
#include "internal.h"
#include "model_params.h"
#include "stats.h"

/* ---- Parameters ------------------------------------------------------ */

#define GR__P_NAME(name, id) id,
static const char *const param_ids[GR__P_COUNT] = {GR__MODEL_PARAMS(GR__P_NAME)};
#undef GR__P_NAME

struct gr_params {
  const gr_parameter *p[GR__P_COUNT];
  uint64_t hash;
};


gr_status gr_params_new(const gr_catalog *cat, gr_params **out, gr_error *err) {
  if (out) *out = NULL;
  if (cat == NULL || out == NULL) return gr__fail(err, GR_E_ARG, "gr_params_new: NULL argument");
  gr_params *ps = calloc(1, sizeof *ps);
  if (ps == NULL) return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  uint64_t h = 1469598103934665603ULL; /* FNV-1a 64 offset basis. */
  for (int i = 0; i < GR__P_COUNT; i++) {
    ps->p[i] = gr_catalog_parameter(cat, param_ids[i]);
    if (ps->p[i] == NULL) {
      free(ps);
      return gr__fail(err, GR_E_INVALID, "the model needs parameter '%s', which no loaded file defines", param_ids[i]);
    }
    char *json = gr_record_to_json(GR_REC_PARAMETER, ps->p[i]);
    if (json == NULL) {
      free(ps);
      return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
    }
    for (const unsigned char *c = (const unsigned char *)json; *c; c++) h = (h ^ *c) * 1099511628211ULL;
    free(json);
  }
  ps->hash = h;
  *out = ps;
  if (err) memset(err, 0, sizeof *err);
  return GR_OK;
}

void gr_params_free(gr_params *p) { free(p); }
uint64_t gr_params_hash(const gr_params *p) { return p ? p->hash : 0; }
size_t gr_params_count(const gr_params *p) { return p ? GR__P_COUNT : 0; }
const gr_parameter *gr_params_at(const gr_params *p, size_t i) { return p && i < GR__P_COUNT ? p->p[i] : NULL; }

/* ---- Tables of the model (docs/model.md, "Honour" and "Battle") ------ */

/* Logit shifts by legal form, activation mode and commitment; -1: the
 * reference (shift 0). */
static const int legal_shift[GR_LF__COUNT] = {GR__P_LEGAL_POLITICAL_DECLARATION, GR__P_LEGAL_MEMORANDUM,
                                              GR__P_LEGAL_EXECUTIVE_AGREEMENT, GR__P_LEGAL_TREATY_SIGNED, -1};
static const int activation_shift[GR_ACT__COUNT] = {-1, GR__P_ACT_AFTER_CONSULTATION, GR__P_ACT_DISCRETIONARY,
                                                    GR__P_ACT_CONSENSUS, GR__P_ACT_BY_BODY};
static const int commitment_shift[GR_COMMIT__COUNT] = {-1, GR__P_COMMIT_WILLING, GR__P_COMMIT_CONDITIONAL,
                                                       GR__P_COMMIT_UNDECIDED, -1};

/* Per obligation kind (GR_OB_ order): cost class shift, the factor it
 * multiplies defence by (or -1), its punishment class, its deployment
 * delay, and whether it puts the guarantor in combat. */
enum { PUN_NONE = -1, PUN_MILITARY, PUN_SANCTIONS, PUN_SUPPORT, PUN__COUNT };
static const struct kind_row {
  int cost, factor, punish, delay;
  bool combat;
} kinds[GR_OB__COUNT] = {
    [GR_OB_CONSULTATION] = {GR__P_COST_CONSULTATION, -1, PUN_NONE, GR__P_DELAY_FAST, false},
    [GR_OB_SANCTIONS] = {GR__P_COST_OTHER, -1, PUN_SANCTIONS, GR__P_DELAY_SANCTIONS, false},
    [GR_OB_ECONOMIC_AID] = {GR__P_COST_OTHER, -1, PUN_SUPPORT, GR__P_DELAY_SUPPLY, false},
    [GR_OB_INTELLIGENCE_SHARING] = {GR__P_COST_OTHER, GR__P_INTELLIGENCE_FACTOR, PUN_NONE, GR__P_DELAY_FAST, false},
    [GR_OB_TRAINING] = {GR__P_COST_OTHER, GR__P_TRAINING_FACTOR, PUN_SUPPORT, GR__P_DELAY_SUPPLY, false},
    [GR_OB_ARMS_SUPPLY] = {GR__P_COST_SUPPLY, -1, PUN_SUPPORT, GR__P_DELAY_SUPPLY, false},
    [GR_OB_AIR_DEFENCE_SUPPLY] = {GR__P_COST_SUPPLY, GR__P_AIR_DEFENCE_FACTOR, PUN_SUPPORT, GR__P_DELAY_SUPPLY, false},
    [GR_OB_NAVAL_PRESENCE] = {GR__P_COST_PRESENCE, GR__P_NAVAL_FACTOR, PUN_MILITARY, GR__P_DELAY_INTERVENTION, true},
    [GR_OB_AIR_COVER] = {GR__P_COST_COMBAT, GR__P_AIR_COVER_FACTOR, PUN_MILITARY, GR__P_DELAY_FAST, true},
    [GR_OB_REASSURANCE_FORCE] = {GR__P_COST_COMBAT, -1, PUN_MILITARY, GR__P_DELAY_FAST, true},
    [GR_OB_MILITARY_INTERVENTION] = {GR__P_COST_COMBAT, -1, PUN_MILITARY, GR__P_DELAY_INTERVENTION, true},
};

/* The defence factors, in a fixed order for the per-draw arrays. */
static const int factor_params[] = {GR__P_INTELLIGENCE_FACTOR, GR__P_TRAINING_FACTOR, GR__P_AIR_DEFENCE_FACTOR,
                                    GR__P_NAVAL_FACTOR, GR__P_AIR_COVER_FACTOR};
enum { NFACTORS = sizeof factor_params / sizeof factor_params[0] };

static int factor_slot(int param) {
  for (int i = 0; i < NFACTORS; i++)
    if (factor_params[i] == param) return i;
  return -1;
}

static const int scale_share[GR_SCALE__COUNT] = {GR__P_ATTACK_SHARE_MINOR, GR__P_ATTACK_SHARE_LIMITED,
                                                 GR__P_ATTACK_SHARE_MAJOR, GR__P_ATTACK_SHARE_MASSIVE};

enum { MAX_GUARANTORS = 64, HIST_DAYS = 731 }; /* Days 0..729, and 730+. */
#define GR__MAX_OBLIGATIONS 256

/* ---- Compiled arrangements ------------------------------------------- */

typedef struct cob {
  size_t index;
  int kind, activation, form, commitment, slot, g, own;
  bool acting, tripwire, approval, nuclear, engaged;
  double troops, value, g_personnel, weight;
  int deadline;
  uint32_t stream;
} cob;

typedef struct carr {
  const gr_arrangement *arr;
  cob *obs;
  size_t nobs;
  const char *g[MAX_GUARANTORS];
  size_t ng;
  double aggressor, protected_;
  int share;
} carr;

static uint32_t fnv32(const char *s, uint32_t h) {
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static double personnel_of(const gr_catalog *cat, const char *id) {
  const gr_actor *a = gr_catalog_actor(cat, id);
  return a && a->personnel.given ? a->personnel.value : 0;
}

static gr_status compile(const gr_catalog *cat, const gr_arrangement *arr, const gr_event *ev, const gr_facts *facts,
                         gr_date as_of, carr *c, gr_error *err) {
  memset(c, 0, sizeof *c);
  c->arr = arr;
  c->aggressor = personnel_of(cat, ev->aggressor);
  c->protected_ = personnel_of(cat, arr->protects);
  if (c->aggressor <= 0 || c->protected_ <= 0)
    return gr__fail(err, GR_E_INVALID, "the model needs the personnel of '%s' and '%s'", ev->aggressor, arr->protects);
  c->share = scale_share[ev->scale];
  gr_timeline *tl = NULL;
  gr_status st = gr_timeline_new(cat, arr, ev, facts, as_of, &tl, err);
  if (st != GR_OK) return st;
  if (arr->obligations.n > GR__MAX_OBLIGATIONS) {
    gr_timeline_free(tl);
    return gr__fail(err, GR_E_INVALID, "'%s' has more than %d obligations", arr->id, GR__MAX_OBLIGATIONS);
  }
  c->obs = calloc(arr->obligations.n ? arr->obligations.n : 1, sizeof *c->obs);
  if (c->obs == NULL) {
    gr_timeline_free(tl);
    return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  }
  /* Guarantors, and what their own positions say of the arrangement. */
  for (size_t i = 0; i < arr->obligations.n; i++) {
    const char *g = arr->obligations.items[i].guarantor;
    size_t j = 0;
    while (j < c->ng && strcmp(c->g[j], g) != 0) j++;
    if (j == c->ng) {
      if (c->ng == MAX_GUARANTORS) {
        gr_timeline_free(tl);
        free(c->obs);
        c->obs = NULL;
        return gr__fail(err, GR_E_INVALID, "'%s' has more than %d guarantors", arr->id, MAX_GUARANTORS);
      }
      c->g[c->ng++] = g;
    }
  }
  gr_assessment *as = NULL;
  st = gr_assessment_new(cat, arr, facts, as_of, c->g, c->ng, &as, err);
  if (st != GR_OK) {
    gr_timeline_free(tl);
    free(c->obs);
        c->obs = NULL;
    return st;
  }
  const gr_actor *agg = gr_catalog_actor(cat, ev->aggressor);
  for (size_t t = 0; t < tl->n; t++) {
    const gr_timeline_entry *e = &tl->items[t];
    const gr_obligation *o = e->obligation;
    cob *b = &c->obs[c->nobs++];
    b->index = e->index;
    b->kind = o->kind;
    b->activation = o->activation;
    b->commitment = o->commitment;
    b->form = arr->legal_form;
    for (size_t k = 0; k < arr->legal_forms.n; k++)
      if (!strcmp(arr->legal_forms.items[k].guarantor, o->guarantor)) b->form = arr->legal_forms.items[k].legal_form;
    b->acting = e->outcome == GR_OUT_ACTIVATES || e->outcome == GR_OUT_NEEDS_CONSULTATION ||
                e->outcome == GR_OUT_AT_DISCRETION;
    while (b->g < (int)c->ng && strcmp(c->g[b->g], o->guarantor) != 0) b->g++;
    for (size_t k = 0; k < tl->ntripwires; k++)
      if (!strcmp(tl->tripwires[k].guarantor, o->guarantor)) {
        b->tripwire = true;
        if (o->kind == GR_OB_REASSURANCE_FORCE && gr_catalog_region(cat, tl->tripwires[k].region) &&
            o->location.regions.n)
          for (size_t r = 0; r < o->location.regions.n; r++)
            if (!strcmp(o->location.regions.items[r], tl->tripwires[k].region)) b->engaged = true;
      }
    const gr_actor *ga = gr_catalog_actor(cat, o->guarantor);
    b->approval = kinds[o->kind].combat && ga && (ga->given >> 8 & 1u) &&
                  ga->deploy_approval == GR_APPROVAL_PARLIAMENT_PRIOR && !facts->value[GR_FACT_PARLIAMENT_APPROVAL];
    b->nuclear = kinds[o->kind].combat && agg && agg->nuclear;
    /* The guarantor's own verdict (the assessment lists actors in catalog
     * order, not in the arrangement's). */
    b->own = 0;
    for (size_t k = 0; k < as->nactors; k++)
      if (!strcmp(as->actors[k].actor->id, o->guarantor))
        b->own = as->actors[k].verdict == GR_VERDICT_VETOES ? 2 : as->actors[k].verdict == GR_VERDICT_OBJECTS ? 1 : 0;
    b->troops = o->troops.given ? o->troops.value : 0;
    b->value = o->value.given ? o->value.value : -1;
    b->g_personnel = personnel_of(cat, o->guarantor);
    b->weight = b->g_personnel / c->aggressor < 1 ? b->g_personnel / c->aggressor : 1;
    b->deadline = o->activation == GR_ACT_AFTER_CONSULTATION ? o->deadline_days : 0;
    b->slot = kinds[o->kind].factor >= 0 ? factor_slot(kinds[o->kind].factor) : -1;
    /* The obligation's random stream: the same guarantor and kind get the
     * same numbers in every arrangement (common random numbers). */
    int ordinal = 0;
    for (size_t k = 0; k < e->index; k++)
      ordinal += !strcmp(arr->obligations.items[k].guarantor, o->guarantor) && arr->obligations.items[k].kind == o->kind;
    uint32_t h = fnv32(o->guarantor, 2166136261u);
    h = (h ^ (uint32_t)o->kind) * 16777619u;
    h = (h ^ (uint32_t)ordinal) * 16777619u;
    b->stream = h & 0x7ffffffeu;
  }
  /* Back in the arrangement's order: streams do not depend on the sort. */
  for (size_t i = 1; i < c->nobs; i++) {
    cob cur = c->obs[i];
    size_t j = i;
    while (j > 0 && c->obs[j - 1].index > cur.index) {
      c->obs[j] = c->obs[j - 1];
      j--;
    }
    c->obs[j] = cur;
  }
  gr_assessment_free(as);
  gr_timeline_free(tl);
  return GR_OK;
}

/* ---- One draw ----------------------------------------------------------- */

/* The parameter vector of a draw: one stream for all of them, read in the
 * model's order. Every arrangement of a run sees the same vector. */
static void sample_theta(const gr_params *ps, uint64_t seed, uint64_t draw, double *th) {
  gr__stream s;
  gr__stream_init(&s, seed, draw, GR__STREAM_PARAM(0));
  for (int j = 0; j < GR__P_COUNT; j++) {
    const gr_parameter *p = ps->p[j];
    th[j] = p->distribution == GR_DIST_FIXED || j >= GR__P_FIRST_DELAY ? p->value : gr__param_draw(p, &s);
  }
}

static inline double sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

/* What obligation b adds to the defence, in troop-equivalents (model.md,
 * "Battle"). */
static double addition(const cob *b, const double *th) {
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
static double honour_logit(const cob *b, const double *th, double base) {
  double l = base + th[kinds[b->kind].cost];
  if (legal_shift[b->form] >= 0) l += th[legal_shift[b->form]];
  if (activation_shift[b->activation] >= 0) l += th[activation_shift[b->activation]];
  if (commitment_shift[b->commitment] >= 0) l += th[commitment_shift[b->commitment]];
  if (b->tripwire) l += th[GR__P_TRIPWIRE];
  if (b->approval) l += th[GR__P_APPROVAL];
  if (b->nuclear) l += th[GR__P_NUCLEAR];
  if (b->own == 2) l += th[GR__P_OWN_VETO];
  else if (b->own == 1) l += th[GR__P_OWN_OBJECTION];
  return l;
}

static double honour_base_logit(const double *th) {
  return log(th[GR__P_HONOUR_BASE] / (1 - th[GR__P_HONOUR_BASE])) - th[GR__P_COST_COMBAT];
}

/* Probability that an attack succeeds at force ratio s/d. */
static double p_success(double s, double d, const double *th) {
  if (d <= 0) return 1;
  return sigmoid(th[GR__P_SUCCESS_SLOPE] * (log(s / d) - log(th[GR__P_FORCE_RATIO_THRESHOLD])));
}

/* Per-thread, per-arrangement counters. */
typedef struct counts {
  uint64_t draws, deterred, attacks, holds, helped;
  uint64_t hist[HIST_DAYS];
  uint64_t *ob;       /* Honoured, per obligation, in attack draws. */
  uint64_t *g;        /* Honours any, per guarantor, in attack draws. */
} counts;

/* The aggressor's decision (model.md, "Decision"): true when it attacks.
 * It weighs every acting obligation by the honour probability it
 * perceives. The honour log-odds are left in logit[] for fight(). */
static bool decide(const carr *c, const double *th, double *logit) {
  double base = honour_base_logit(th);
  double add = 0, fac[NFACTORS] = {0}, pun[MAX_GUARANTORS][PUN__COUNT];
  memset(pun, 0, sizeof(double) * PUN__COUNT * c->ng);
  for (size_t i = 0; i < c->nobs; i++) {
    const cob *b = &c->obs[i];
    if (!b->acting) continue;
    logit[i] = honour_logit(b, th, base);
    double pt = sigmoid(logit[i] + th[GR__P_PERCEPTION_BIAS]);
    add += pt * addition(b, th);
    if (b->slot >= 0 && pt > fac[b->slot]) fac[b->slot] = pt;
    int pc = kinds[b->kind].punish;
    if (pc != PUN_NONE) {
      double v = pc == PUN_MILITARY ? th[GR__P_PUNISH_MILITARY] * b->weight
                 : pc == PUN_SANCTIONS ? th[GR__P_PUNISH_SANCTIONS]
                                       : th[GR__P_PUNISH_SUPPORT];
      if (pt * v > pun[b->g][pc]) pun[b->g][pc] = pt * v;
    }
  }
  double d = (c->protected_ * th[GR__P_DEFENCE_SHARE] + add);
  for (int f = 0; f < NFACTORS; f++) d *= 1 + (th[factor_params[f]] - 1) * fac[f];
  double s = c->aggressor * th[c->share] * th[GR__P_AGGRESSOR_OPTIMISM];
  double punishment = 0;
  for (size_t g = 0; g < c->ng; g++)
    for (int k = 0; k < PUN__COUNT; k++) punishment += pun[g][k];
  return th[GR__P_GAIN] * p_success(s, d, th) - th[GR__P_WAR_COST] - punishment > 0;
}

/* What happens when the aggressor attacks (model.md, "Battle" and
 * "Timing"): who honours, whether the defence holds, when help comes. */
static void fight(const carr *c, const gr_params *ps, const double *th, const double *logit, uint64_t seed,
                  uint64_t draw, counts *n) {
  double add = 0;
  bool fac[NFACTORS] = {false}, g_honours[MAX_GUARANTORS] = {false};
  double first = INFINITY;
  for (size_t i = 0; i < c->nobs; i++) {
    const cob *b = &c->obs[i];
    if (!b->acting) continue;
    gr__stream s;
    gr__stream_init(&s, seed, draw, b->stream);
    double u = gr__uniform(&s);
    if (u >= sigmoid(logit[i])) continue;
    n->ob[i]++;
    add += addition(b, th);
    if (b->slot >= 0) fac[b->slot] = true;
    if (b->kind == GR_OB_CONSULTATION) continue; /* Talk is not help. */
    g_honours[b->g] = true;
    double decision = 0;
    switch (b->activation) {
    case GR_ACT_AUTOMATIC: decision = 0; break;
    case GR_ACT_AFTER_CONSULTATION:
      decision = b->deadline > 0 ? b->deadline : gr__param_quantile(ps->p[GR__P_DELAY_CONSULTATION], gr__uniform(&s));
      break;
    case GR_ACT_DISCRETIONARY: decision = gr__param_quantile(ps->p[GR__P_DELAY_DISCRETION], gr__uniform(&s)); break;
    default: decision = gr__param_quantile(ps->p[GR__P_DELAY_CONSULTATION], gr__uniform(&s)); break;
    }
    double t = decision + gr__param_quantile(ps->p[kinds[b->kind].delay], gr__uniform(&s));
    if (t < first) first = t;
  }
  for (size_t g = 0; g < c->ng; g++) n->g[g] += g_honours[g];
  double d = c->protected_ * th[GR__P_DEFENCE_SHARE] + add;
  for (int f = 0; f < NFACTORS; f++)
    if (fac[f]) d *= th[factor_params[f]];
  gr__stream battle;
  gr__stream_init(&battle, seed, draw, GR__STREAM_BATTLE);
  if (gr__uniform(&battle) >= p_success(c->aggressor * th[c->share], d, th)) n->holds++;
  if (isfinite(first)) {
    n->helped++;
    size_t day = first >= HIST_DAYS - 1 ? HIST_DAYS - 1 : (size_t)first;
    n->hist[day]++;
  }
}

/* ---- The run ------------------------------------------------------------ */

static void add_counts(counts *to, const counts *from, size_t nobs, size_t ng) {
  to->draws += from->draws;
  to->deterred += from->deterred;
  to->attacks += from->attacks;
  to->holds += from->holds;
  to->helped += from->helped;
  for (size_t d = 0; d < HIST_DAYS; d++) to->hist[d] += from->hist[d];
  for (size_t i = 0; i < nobs; i++) to->ob[i] += from->ob[i];
  for (size_t g = 0; g < ng; g++) to->g[g] += from->g[g];
}

static void counts_free(counts *c, size_t n) {
  if (c == NULL) return;
  for (size_t a = 0; a < n; a++) {
    free(c[a].ob);
    free(c[a].g);
  }
  free(c);
}

static void counts_zero(counts *c, const carr *cs, size_t n) {
  for (size_t a = 0; a < n; a++) {
    uint64_t *ob = c[a].ob, *g = c[a].g;
    memset(ob, 0, sizeof(uint64_t) * (cs[a].nobs + 1));
    memset(g, 0, sizeof(uint64_t) * (cs[a].ng + 1));
    memset(&c[a], 0, sizeof c[a]);
    c[a].ob = ob;
    c[a].g = g;
  }
}

static counts *counts_new(const carr *cs, size_t n) {
  counts *c = calloc(n, sizeof *c);
  if (c == NULL) return NULL;
  for (size_t a = 0; a < n; a++) {
    c[a].ob = calloc(cs[a].nobs + 1, sizeof(uint64_t));
    c[a].g = calloc(cs[a].ng + 1, sizeof(uint64_t));
    if (c[a].ob == NULL || c[a].g == NULL) {
      counts_free(c, n); /* calloc left the others NULL. */
      return NULL;
    }
  }
  return c;
}

/* Counters as one flat array (for a reduction across processes): per
 * arrangement draws, deterred, attacks, holds, helped, the histogram, the
 * obligations' and the guarantors' counts. */
static size_t flat_size(const carr *cs, size_t n) {
  size_t k = 0;
  for (size_t a = 0; a < n; a++) k += 5 + HIST_DAYS + cs[a].nobs + cs[a].ng;
  return k;
}

static void flatten(counts *c, const carr *cs, size_t n, uint64_t *out, bool back) {
  size_t k = 0;
  for (size_t a = 0; a < n; a++) {
    uint64_t *fields[5] = {&c[a].draws, &c[a].deterred, &c[a].attacks,
                           &c[a].holds, &c[a].helped};
    for (int f = 0; f < 5; f++, k++) {
      if (back) *fields[f] = out[k];
      else out[k] = *fields[f];
    }
    for (size_t d = 0; d < HIST_DAYS; d++, k++) {
      if (back) c[a].hist[d] = out[k];
      else out[k] = c[a].hist[d];
    }
    for (size_t i = 0; i < cs[a].nobs; i++, k++) {
      if (back) c[a].ob[i] = out[k];
      else out[k] = c[a].ob[i];
    }
    for (size_t g = 0; g < cs[a].ng; g++, k++) {
      if (back) c[a].g[g] = out[k];
      else out[k] = c[a].g[g];
    }
  }
}

static bool precise_enough(const counts *tot, size_t n, double precision) {
  for (size_t a = 0; a < n; a++) {
    gr_proportion d = gr_wilson(tot[a].deterred, tot[a].draws, 1.959964);
    if (d.n == 0 || (d.hi - d.lo) / 2 >= precision) return false;
    gr_proportion h = gr_wilson(tot[a].holds, tot[a].attacks, 1.959964);
    if (h.n > 0 && (h.hi - h.lo) / 2 >= precision) return false;
    gr_proportion none = gr_wilson(tot[a].attacks - tot[a].helped, tot[a].attacks, 1.959964);
    if (none.n > 0 && (none.hi - none.lo) / 2 >= precision) return false;
  }
  return true;
}

static gr_sim_result *make_result(const carr *c, const counts *t, const gr_event *ev, const gr_sim_options *o,
                                  uint64_t hash, int threads, bool partial) {
  gr_sim_result *r = calloc(1, sizeof *r);
  if (r == NULL) return NULL;
  r->obligations = calloc(c->arr->obligations.n ? c->arr->obligations.n : 1, sizeof *r->obligations);
  r->guarantors = calloc(c->ng ? c->ng : 1, sizeof *r->guarantors);
  if (r->obligations == NULL || r->guarantors == NULL) {
    gr_sim_result_free(r);
    return NULL;
  }
  const double z = 1.959964;
  r->arrangement = c->arr;
  r->event = ev;
  r->draws = t->draws;
  r->seed = o->seed;
  r->params_hash = hash;
  r->threads = threads;
  r->partial = partial;
  r->deterred = gr_wilson(t->deterred, t->draws, z);
  r->holds = gr_wilson(t->holds, t->attacks, z);
  r->no_help = gr_wilson(t->attacks - t->helped, t->attacks, z);
  r->help_median = gr__hist_quantile(t->hist, HIST_DAYS, 0.5);
  r->help_p90 = gr__hist_quantile(t->hist, HIST_DAYS, 0.9);
  for (size_t i = 0; i < c->arr->obligations.n; i++) {
    const gr_obligation *ob = &c->arr->obligations.items[i];
    if (ob->commitment == GR_COMMIT_DECLINED) continue;
    r->troops += ob->troops.given ? ob->troops.value : 0;
    r->money += ob->value.given ? ob->value.value : 0;
  }
  for (size_t i = 0; i < c->nobs; i++) {
    gr_sim_obligation *so = &r->obligations[i];
    so->index = c->obs[i].index;
    so->obligation = &c->arr->obligations.items[so->index];
    so->acting = c->obs[i].acting;
    so->honoured = gr_wilson(t->ob[i], so->acting ? t->attacks : 0, z);
  }
  r->nobligations = c->nobs;
  for (size_t g = 0; g < c->ng; g++) {
    r->guarantors[g].guarantor = c->g[g];
    r->guarantors[g].honours_any = gr_wilson(t->g[g], t->attacks, z);
  }
  r->nguarantors = c->ng;
  return r;
}

gr_status gr_simulate(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *const *arrs, size_t n,
                      const gr_event *ev, const gr_facts *facts, gr_date as_of, const gr_sim_options *opts,
                      gr_sim_result **out, gr_error *err) {
  if (cat == NULL || ps == NULL || arrs == NULL || n == 0 || ev == NULL || opts == NULL || out == NULL)
    return gr__fail(err, GR_E_ARG, "gr_simulate: NULL argument");
  for (size_t a = 0; a < n; a++) out[a] = NULL;
  if (opts->draws == 0) return gr__fail(err, GR_E_ARG, "the number of draws must be positive");
  carr *cs = calloc(n, sizeof *cs);
  if (cs == NULL) return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  gr_status st = GR_OK;
  for (size_t a = 0; a < n && st == GR_OK; a++) {
    gr_facts f;
    if (facts) f = facts[a];
    else gr_facts_default(cat, arrs[a], &f);
    st = compile(cat, arrs[a], ev, &f, as_of, &cs[a], err);
  }
  int threads = opts->threads > 0 ? opts->threads : 1;
#ifdef _OPENMP
  if (opts->threads <= 0) threads = omp_get_max_threads();
#else
  threads = 1;
#endif
  counts **per = st == GR_OK ? calloc((size_t)threads, sizeof *per) : NULL;
  counts *tot = st == GR_OK ? counts_new(cs, n) : NULL;
  if (st == GR_OK && (per == NULL || tot == NULL)) st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  for (int t = 0; st == GR_OK && t < threads; t++)
    if ((per[t] = counts_new(cs, n)) == NULL) st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));

  bool partial = false;
  const uint64_t batch = 1u << 16;
  enum { CHECK_EVERY = 4 };
  int ranks = opts->ranks > 1 && opts->reduce ? opts->ranks : 1, rank = ranks > 1 ? opts->rank : 0;
  size_t nflat = flat_size(cs, n);
  uint64_t *flat = st == GR_OK ? calloc(nflat + 1, sizeof *flat) : NULL;
  if (st == GR_OK && flat == NULL) st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  uint64_t done = 0, total = opts->draws;
  for (uint64_t b = 0; st == GR_OK && done < total; b++) {
    uint64_t m = total - done < batch ? total - done : batch;
    uint64_t from = done;
    /* With several processes, batch b belongs to process b mod ranks. */
    if ((int)(b % (uint64_t)ranks) == rank) {
#pragma omp parallel num_threads(threads)
      {
        int tid = 0;
#ifdef _OPENMP
        tid = omp_get_thread_num();
#endif
        counts *mine = per[tid];
        double th[GR__P_COUNT], logit[GR__MAX_OBLIGATIONS];
#pragma omp for schedule(static)
        for (uint64_t i = from; i < from + m; i++) {
          sample_theta(ps, opts->seed, i, th);
          for (size_t a = 0; a < n; a++) {
            counts *k = &mine[a];
            k->draws++;
            if (!decide(&cs[a], th, logit)) {
              k->deterred++;
              continue;
            }
            k->attacks++;
            fight(&cs[a], ps, th, logit, opts->seed, i, k);
          }
        }
      }
    }
    done += m;
    /* Decide together whether to go on, every CHECK_EVERY batches whatever
     * the number of processes (so a --precision run stops at the same draw
     * for any number of ranks); every process must take the same branch,
     * so the stop signal is summed across them. */
    bool last_of_round = (b + 1) % CHECK_EVERY == 0 || done >= total;
    if (!last_of_round) continue;
    if (opts->progress) opts->progress(done, total, opts->progress_ctx);
    uint64_t stop = opts->cancel && *opts->cancel ? 1 : 0;
    if (ranks > 1) opts->reduce(&stop, 1, opts->reduce_ctx);
    if (stop) {
      partial = done < total;
      break;
    }
    if (opts->precision > 0 && done < total) {
      /* Integer sums: the same whatever the threads and processes did.
       * The totals serve as the scratch space: they are summed afresh at
       * the end. */
      counts_zero(tot, cs, n);
      for (int t = 0; t < threads; t++)
        for (size_t a = 0; a < n; a++) add_counts(&tot[a], &per[t][a], cs[a].nobs, cs[a].ng);
      if (ranks > 1) {
        flatten(tot, cs, n, flat, false);
        opts->reduce(flat, nflat, opts->reduce_ctx);
        flatten(tot, cs, n, flat, true);
      }
      if (precise_enough(tot, n, opts->precision)) break;
    }
  }
  if (st == GR_OK) counts_zero(tot, cs, n);
  for (int t = 0; st == GR_OK && t < threads; t++)
    for (size_t a = 0; a < n; a++) add_counts(&tot[a], &per[t][a], cs[a].nobs, cs[a].ng);
  if (st == GR_OK && ranks > 1) {
    flatten(tot, cs, n, flat, false);
    opts->reduce(flat, nflat, opts->reduce_ctx);
    flatten(tot, cs, n, flat, true);
  }
  free(flat);
  for (size_t a = 0; st == GR_OK && a < n; a++) {
    out[a] = make_result(&cs[a], &tot[a], ev, opts, ps->hash, threads, partial);
    if (out[a] == NULL) st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  }
  if (st != GR_OK)
    for (size_t a = 0; a < n; a++) {
      gr_sim_result_free(out[a]);
      out[a] = NULL;
    }
  for (int t = 0; per && t < threads; t++) counts_free(per[t], n);
  free(per);
  counts_free(tot, n);
  for (size_t a = 0; a < n; a++) free(cs[a].obs);
  free(cs);
  if (st == GR_OK && err) memset(err, 0, sizeof *err);
  return st;
}

void gr_sim_result_free(gr_sim_result *r) {
  if (r == NULL) return;
  free(r->obligations);
  free(r->guarantors);
  free(r);
}

/* ---- Sensitivity of P(deterred) ------------------------------------- */

typedef struct sens_ctx {
  const gr_params *ps;
  const carr *c;
  const int *which; /* Parameter index of each input. */
  size_t k;
} sens_ctx;

static double deterred_at(const double *x, void *vctx) {
  const sens_ctx *s = vctx;
  double th[GR__P_COUNT];
  for (int j = 0; j < GR__P_COUNT; j++) th[j] = s->ps->p[j]->distribution == GR_DIST_FIXED ? s->ps->p[j]->value
                                                                                          : gr__param_mean(s->ps->p[j]);
  for (size_t i = 0; i < s->k; i++) th[s->which[i]] = gr__param_quantile(s->ps->p[s->which[i]], x[i]);
  double logit[GR__MAX_OBLIGATIONS];
  return decide(s->c, th, logit) ? 0.0 : 1.0;
}

gr_status gr_sensitivity_new(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *arr,
                             const gr_event *ev, const gr_facts *facts, gr_date as_of, uint64_t base_samples,
                             uint64_t seed, int threads, gr_sensitivity **out, gr_error *err) {
  if (out) *out = NULL;
  if (cat == NULL || ps == NULL || arr == NULL || ev == NULL || out == NULL)
    return gr__fail(err, GR_E_ARG, "gr_sensitivity_new: NULL argument");
  gr_facts f;
  if (facts) f = *facts;
  else gr_facts_default(cat, arr, &f);
  carr c;
  gr_status st = compile(cat, arr, ev, &f, as_of, &c, err);
  if (st != GR_OK) return st;
  /* The uncertain parameters the decision reads for this arrangement and
   * event: the rest (delays, drawn after the decision; shifts of legal
   * forms, modes or kinds it does not have; other scales' attack shares)
   * have indices of exactly zero and are left out, which also keeps the
   * design low-dimensional. */
  bool reads[GR__P_COUNT] = {false};
  static const int always[] = {GR__P_HONOUR_BASE, GR__P_COST_COMBAT, GR__P_PERCEPTION_BIAS, GR__P_AGGRESSOR_OPTIMISM,
                               GR__P_DEFENCE_SHARE, GR__P_FORCE_RATIO_THRESHOLD, GR__P_SUCCESS_SLOPE, GR__P_GAIN,
                               GR__P_WAR_COST};
  for (size_t i = 0; i < sizeof always / sizeof always[0]; i++) reads[always[i]] = true;
  reads[c.share] = true;
  for (size_t i = 0; i < c.nobs; i++) {
    const cob *b = &c.obs[i];
    if (!b->acting) continue;
    if (legal_shift[b->form] >= 0) reads[legal_shift[b->form]] = true;
    if (activation_shift[b->activation] >= 0) reads[activation_shift[b->activation]] = true;
    if (commitment_shift[b->commitment] >= 0) reads[commitment_shift[b->commitment]] = true;
    reads[kinds[b->kind].cost] = true;
    if (b->tripwire) reads[GR__P_TRIPWIRE] = true;
    if (b->approval) reads[GR__P_APPROVAL] = true;
    if (b->nuclear) reads[GR__P_NUCLEAR] = true;
    if (b->own == 2) reads[GR__P_OWN_VETO] = true;
    if (b->own == 1) reads[GR__P_OWN_OBJECTION] = true;
    if (kinds[b->kind].factor >= 0) reads[kinds[b->kind].factor] = true;
    int pc = kinds[b->kind].punish;
    if (pc == PUN_MILITARY) reads[GR__P_PUNISH_MILITARY] = true;
    if (pc == PUN_SANCTIONS) reads[GR__P_PUNISH_SANCTIONS] = true;
    if (pc == PUN_SUPPORT) reads[GR__P_PUNISH_SUPPORT] = true;
    if (b->kind == GR_OB_REASSURANCE_FORCE || b->kind == GR_OB_MILITARY_INTERVENTION) reads[GR__P_GUARANTOR_QUALITY] = true;
    if (b->kind == GR_OB_REASSURANCE_FORCE && !b->engaged) reads[GR__P_RESERVE_SHARE] = true;
    if (b->kind == GR_OB_MILITARY_INTERVENTION && !(b->troops > 0)) reads[GR__P_INTERVENTION_SHARE] = true;
    if (b->kind == GR_OB_ARMS_SUPPLY) {
      reads[GR__P_ARMS_YEARS] = reads[GR__P_ARMS_TROOPS_PER_BUSD] = true;
      if (b->value < 0) reads[GR__P_ARMS_DEFAULT_MUSD] = true;
    }
  }
  int which[GR__P_COUNT];
  size_t k = 0;
  for (int j = 0; j < GR__P_FIRST_DELAY; j++)
    if (reads[j] && ps->p[j]->distribution != GR_DIST_FIXED) which[k++] = j;
  gr_sensitivity *s = calloc(1, sizeof *s);
  gr_sobol_index *idx = calloc(k ? k : 1, sizeof *idx);
  if (s) s->items = calloc(k ? k : 1, sizeof *s->items);
  if (s == NULL || idx == NULL || s->items == NULL) {
    free(idx);
    gr_sensitivity_free(s);
    free(c.obs);
    return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  }
  sens_ctx ctx = {ps, &c, which, k};
  st = gr_sobol(k, base_samples, deterred_at, &ctx, threads, 200, seed, idx, &s->mean, &s->variance, err);
  free(c.obs);
  if (st != GR_OK) {
    free(idx);
    gr_sensitivity_free(s);
    return st;
  }
  s->arrangement = arr;
  s->base_samples = base_samples;
  s->n = k;
  for (size_t i = 0; i < k; i++) {
    s->items[i].parameter = ps->p[which[i]];
    s->items[i].index = idx[i];
  }
  free(idx);
  /* Rank by total-order index, ties by parameter order (stable). */
  for (size_t i = 1; i < k; i++) {
    gr_sensitivity_item cur = s->items[i];
    size_t j = i;
    while (j > 0 && s->items[j - 1].index.total < cur.index.total) {
      s->items[j] = s->items[j - 1];
      j--;
    }
    s->items[j] = cur;
  }
  *out = s;
  if (err) memset(err, 0, sizeof *err);
  return GR_OK;
}

void gr_sensitivity_free(gr_sensitivity *s) {
  if (s == NULL) return;
  free(s->items);
  free(s);
}

/* ---- For the benchmarks: the compiled model as JSON ------------------ */

static void jnum(FILE *fp, const char *key, double v, int last) {
  fprintf(fp, "\"%s\": %.17g%s", key, v, last ? "" : ", ");
}

char *gr__sim_model_json(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *arr, const gr_event *ev,
                         const gr_facts *facts, gr_date as_of) {
  gr_facts f;
  if (facts) f = *facts;
  else gr_facts_default(cat, arr, &f);
  carr c;
  if (compile(cat, arr, ev, &f, as_of, &c, NULL) != GR_OK) return NULL;
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  if (fp == NULL) {
    free(c.obs);
    return NULL;
  }
  fprintf(fp, "{\"arrangement\": \"%s\", \"event\": \"%s\", ", arr->id, ev->id);
  jnum(fp, "aggressor_personnel", c.aggressor, 0);
  jnum(fp, "protected_personnel", c.protected_, 0);
  fprintf(fp, "\"attack_share\": \"%s\", \"guarantors\": %zu,\n\"params\": [\n", param_ids[c.share], c.ng);
  for (int j = 0; j < GR__P_COUNT; j++) {
    const gr_parameter *p = ps->p[j];
    fprintf(fp, "  {\"id\": \"%s\", \"distribution\": \"%s\", ", param_ids[j],
            gr_table_name(GR_T_DISTRIBUTION, p->distribution));
    jnum(fp, "value", p->value, 0);
    jnum(fp, "a", p->a, 0);
    jnum(fp, "b", p->b, 0);
    jnum(fp, "mean", p->mean, 0);
    jnum(fp, "sd", p->sd, 0);
    jnum(fp, "mu", p->mu, 0);
    jnum(fp, "sigma", p->sigma, 0);
    jnum(fp, "min", p->min, 0);
    jnum(fp, "mode", p->mode, 0);
    jnum(fp, "max", p->max, 1);
    fprintf(fp, "}%s\n", j + 1 < GR__P_COUNT ? "," : "");
  }
  fputs("],\n\"obligations\": [\n", fp);
  for (size_t i = 0; i < c.nobs; i++) {
    const cob *b = &c.obs[i];
    fprintf(fp, "  {\"index\": %zu, \"kind\": \"%s\", \"activation\": \"%s\", \"legal_form\": \"%s\", "
                "\"commitment\": \"%s\", \"guarantor\": %d, \"acting\": %s, \"tripwire\": %s, \"approval\": %s, "
                "\"nuclear\": %s, \"engaged\": %s, \"own\": %d, \"deadline\": %d, ",
            b->index, gr_table_name(GR_T_OBLIGATION_KIND, b->kind), gr_table_name(GR_T_ACTIVATION, b->activation),
            gr_table_name(GR_T_LEGAL_FORM, b->form), gr_table_name(GR_T_COMMITMENT, b->commitment), b->g,
            b->acting ? "true" : "false", b->tripwire ? "true" : "false", b->approval ? "true" : "false",
            b->nuclear ? "true" : "false", b->engaged ? "true" : "false", b->own, b->deadline);
    jnum(fp, "troops", b->troops, 0);
    jnum(fp, "value", b->value, 0);
    jnum(fp, "guarantor_personnel", b->g_personnel, 0);
    jnum(fp, "weight", b->weight, 1);
    fprintf(fp, "}%s\n", i + 1 < c.nobs ? "," : "");
  }
  fputs("]}\n", fp);
  fclose(fp);
  free(c.obs);
  return buf;
}

uint64_t gr__sim_floor(const gr_catalog *cat, const gr_params *ps, const gr_arrangement *arr, const gr_event *ev,
                       uint64_t draws, uint64_t seed, double attack_share, double *blocks_per_draw) {
  gr_facts f;
  gr_facts_default(cat, arr, &f);
  carr c;
  if (compile(cat, arr, ev, &f, 0, &c, NULL) != GR_OK) return 0;
  /* What one draw consumes: the Philox blocks of its parameter stream
   * (counted over a sample of draws: the samplers' rejection steps vary),
   * and, when the aggressor attacks, one block per acting obligation and
   * one for the battle. */
  uint64_t theta_blocks = 0, sample = draws < 10000 ? draws : 10000, acting = 0, sink = 0;
  double th[GR__P_COUNT];
  for (uint64_t i = 0; i < sample; i++) {
    gr__stream s;
    gr__stream_init(&s, seed, i, GR__STREAM_PARAM(0));
    for (int j = 0; j < GR__P_FIRST_DELAY; j++)
      th[j] = ps->p[j]->distribution == GR_DIST_FIXED ? 0 : gr__param_draw(ps->p[j], &s);
    theta_blocks += s.ctr.v[3];
    sink += (uint64_t)th[0];
  }
  for (size_t i = 0; i < c.nobs; i++) acting += c.obs[i].acting;
  double per = (double)theta_blocks / (double)(sample ? sample : 1) + attack_share * (double)(acting + 1);
  if (blocks_per_draw) *blocks_per_draw = per;
  uint64_t whole = (uint64_t)per, frac = (uint64_t)((per - (double)whole) * 1024);
  for (uint64_t i = 0; i < draws; i++) {
    uint64_t blocks = whole + ((i * 1024 / (draws ? draws : 1)) % 1024 < frac);
    for (uint64_t b = 0; b < blocks; b++) {
      gr__stream s;
      gr__stream_init(&s, seed, i, (uint32_t)b);
      sink += gr__u32(&s) ^ gr__u32(&s) ^ gr__u32(&s) ^ gr__u32(&s);
    }
  }
  free(c.obs);
  return sink;
}
