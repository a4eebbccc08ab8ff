/*
 * PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999, "Bump
 * hunting in high-dimensional data", Statistics and Computing 9: 123-143),
 * for a 0/1 outcome, as scenario discovery uses it (Bryant & Lempert 2010,
 * "Thinking inside the box: a participatory, computer-assisted approach to
 * scenario discovery", Technological Forecasting & Social Change 77:
 * 34-49; the conventions of the EMA Workbench's prim module, whose code is
 * not copied here).
 *
 * Peeling (Friedman & Fisher, section 4): starting from the box holding
 * every row, each step considers, for every input, removing the peel_alpha
 * share of the box's rows with the smallest values of the input, or the
 * largest, and takes the removal with the largest gain in mean outcome per
 * row removed, (ybar_new - ybar_old) / (rows removed). It stops when the
 * next box would hold fewer than mass_min of the rows, or when no removal
 * is possible, or when every row of the box has outcome 1. Ties of an
 * input's values are never split: a cut keeps or removes every row of a
 * value.
 *
 * Pasting (section 5.2): from the last box of the peeling, each step
 * considers widening one restricted side to take in paste_alpha of the
 * box's rows among those outside it on that side alone, and takes the
 * widening that raises the mean most, while one raises it.
 *
 * The trajectory is every box of the peeling and then of the pasting, each
 * with its coverage (the share of all 1s it holds), density (the share of
 * its rows that are 1s) and mass (the share of all rows it holds). The box
 * reported is chosen on it (Bryant & Lempert's analyst choosing on the
 * coverage-density trade-off, made a rule): the largest coverage among
 * the boxes whose density reaches density_min (0.8 by default, the EMA
 * Workbench's default threshold), else the box of the largest harmonic
 * mean of coverage and density.
 *
 * The restrictions of the chosen box that a quasi-p-value does not
 * support are then dropped (prune() below).
 *
 * Covering (Bryant & Lempert, section 3.3), with a significance guard:
 * gr__prim_cover() finds each box on the even rows and measures it on the
 * odd rows, which the search has not seen, so that its figures carry no
 * selection bias; it keeps the box only when its held-out density is
 * above the held-out base rate with a one-sided binomial p-value below
 * `significance` (a box PRIM finds in noise has a held-out density near
 * the base rate), then removes the box's rows and searches again.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "base/base.h"
#include "mc/prim.h"

typedef struct order_ctx {
  const double *x;
  size_t k, j;
} order_ctx;

static int by_input(const void *a, const void *b, void *vctx) {
  const order_ctx *c = vctx;
  double u = c->x[*(const size_t *)a * c->k + c->j], v = c->x[*(const size_t *)b * c->k + c->j];
  return u < v ? -1 : u > v;
}

/* The search's state over rows[0..nrows) of x. */
typedef struct prim_ws {
  const double *x;
  size_t k;
  const unsigned char *y;
  size_t nrows;
  size_t *order;      /* k x nrows: the rows by each input, ascending, stably. */
  unsigned char *in;  /* n: the row is in the current box. */
  size_t *buf;        /* nrows: scratch of the pasting. */
  double *lo, *hi;    /* The current box. */
  size_t count, pos;  /* Its rows, and its 1s. */
  size_t total_pos;   /* 1s among all the rows. */
  gr_discovery_step *traj;
  double *bounds;     /* Per step, lo[0..k) then hi[0..k). */
  size_t ntraj, cap;
} prim_ws;

#define X(w, r, j) ((w)->x[(r) * (w)->k + (j)])

/* A side restricts when it excludes some row: a bound below every row's
 * value (above, for an upper one) is none. */
static bool lo_restricts(const prim_ws *w, size_t j, double lo) {
  return w->nrows > 0 && lo > X(w, w->order[j * w->nrows], j);
}
static bool hi_restricts(const prim_ws *w, size_t j, double hi) {
  return w->nrows > 0 && hi < X(w, w->order[j * w->nrows + w->nrows - 1], j);
}

/* Append the current box to the trajectory; -1 when out of memory. */
static int push_step(prim_ws *w) {
  if (w->ntraj == w->cap) {
    size_t cap = w->cap ? 2 * w->cap : 64;
    gr_discovery_step *t = realloc(w->traj, cap * sizeof *t);
    if (t == NULL) return -1;
    w->traj = t;
    double *b = realloc(w->bounds, cap * 2 * w->k * sizeof *b);
    if (b == NULL) return -1;
    w->bounds = b;
    w->cap = cap;
  }
  gr_discovery_step *s = &w->traj[w->ntraj];
  s->mass = (double)w->count / (double)w->nrows;
  s->density = w->count ? (double)w->pos / (double)w->count : NAN;
  s->coverage = w->total_pos ? (double)w->pos / (double)w->total_pos : NAN;
  s->restricted = 0;
  for (size_t j = 0; j < w->k; j++)
    if (lo_restricts(w, j, w->lo[j]) || hi_restricts(w, j, w->hi[j])) s->restricted++;
  memcpy(w->bounds + w->ntraj * 2 * w->k, w->lo, w->k * sizeof *w->lo);
  memcpy(w->bounds + w->ntraj * 2 * w->k + w->k, w->hi, w->k * sizeof *w->hi);
  w->ntraj++;
  return 0;
}

/* A candidate step: on input j, side lower or upper, the new bound, and
 * the rows and 1s it removes (peeling) or adds (pasting). */
typedef struct move {
  bool found, upper;
  size_t j, rows, pos;
  double bound, score;
} move;

/* The best peel of the current box (Friedman & Fisher, section 4.1). */
static move best_peel(const prim_ws *w, double alpha, double mass_min) {
  move best = {.found = false, .score = -INFINITY};
  size_t m = (size_t)floor(alpha * (double)w->count);
  if (m < 1) m = 1;
  if (m >= w->count) return best;
  for (size_t j = 0; j < w->k; j++) {
    const size_t *ord = w->order + j * w->nrows;
    for (int side = 0; side < 2; side++) {
      /* Walk the box's rows from the side's end: the m-th value (0-based)
       * is the cut; when ties make it the extreme value, the next value. */
      double cut = NAN, extreme = NAN;
      size_t seen = 0;
      for (size_t t = 0; t < w->nrows; t++) {
        size_t r = ord[side ? w->nrows - 1 - t : t];
        if (!w->in[r]) continue;
        double v = X(w, r, j);
        if (seen == 0) extreme = v;
        if (seen >= m && v != extreme) {
          cut = v;
          break;
        }
        seen++;
      }
      if (isnan(cut)) continue;
      size_t rem = 0, rp = 0;
      for (size_t t = 0; t < w->nrows; t++) {
        size_t r = ord[side ? w->nrows - 1 - t : t];
        if (!w->in[r]) continue;
        double v = X(w, r, j);
        if (side ? v <= cut : v >= cut) break;
        rem++;
        rp += w->y[r];
      }
      size_t left = w->count - rem;
      if (rem == 0 || (double)left < mass_min * (double)w->nrows) continue;
      double gain = ((double)(w->pos - rp) / (double)left - (double)w->pos / (double)w->count) / (double)rem;
      if (gain > best.score) best = (move){true, side == 1, j, rem, rp, cut, gain};
    }
  }
  return best;
}

/* Whether row r satisfies every bound of the current box but input j's. */
static bool inside_but(const prim_ws *w, size_t r, size_t j) {
  for (size_t i = 0; i < w->k; i++) {
    if (i == j) continue;
    double v = X(w, r, i);
    if (v < w->lo[i] || v > w->hi[i]) return false;
  }
  return true;
}

/* The best paste of the current box (Friedman & Fisher, section 5.2). */
static move best_paste(prim_ws *w, double alpha) {
  move best = {.found = false, .score = -INFINITY};
  size_t m = (size_t)floor(alpha * (double)w->count);
  if (m < 1) m = 1;
  for (size_t j = 0; j < w->k; j++) {
    const size_t *ord = w->order + j * w->nrows;
    for (int side = 0; side < 2; side++) {
      double bound = side ? w->hi[j] : w->lo[j];
      if (isinf(bound)) continue;
      /* The rows outside the box on this side alone, nearest first. */
      size_t nc = 0;
      for (size_t t = 0; t < w->nrows; t++) {
        size_t r = ord[side ? t : w->nrows - 1 - t];
        double v = X(w, r, j);
        if (side ? v <= bound : v >= bound) continue;
        if (inside_but(w, r, j)) w->buf[nc++] = r;
      }
      if (nc == 0) continue;
      size_t take = m < nc ? m : nc;
      double nb = X(w, w->buf[take - 1], j);
      while (take < nc && X(w, w->buf[take], j) == nb) take++; /* Ties: all or none. */
      size_t ap = 0;
      for (size_t t = 0; t < take; t++) ap += w->y[w->buf[t]];
      double dens = (double)(w->pos + ap) / (double)(w->count + take);
      if (dens > best.score) best = (move){true, side == 1, j, take, ap, nb, dens};
    }
  }
  return best;
}

/* Apply a peel (remove) or a paste (add) to the box. */
static void apply(prim_ws *w, const move *mv, bool paste) {
  if (mv->upper) w->hi[mv->j] = mv->bound;
  else w->lo[mv->j] = mv->bound;
  for (size_t t = 0; t < w->nrows; t++) {
    size_t r = w->order[mv->j * w->nrows + t];
    double v = X(w, r, mv->j);
    if (paste) {
      if (!w->in[r] && v >= w->lo[mv->j] && v <= w->hi[mv->j] && inside_but(w, r, mv->j)) w->in[r] = 1;
    } else if (w->in[r] && (v < w->lo[mv->j] || v > w->hi[mv->j])) {
      w->in[r] = 0;
    }
  }
  if (paste) {
    w->count += mv->rows;
    w->pos += mv->pos;
  } else {
    w->count -= mv->rows;
    w->pos -= mv->pos;
  }
}

/* The quasi-p-value level under which a restriction is kept. */
#define PRUNE_LEVEL 0.05

/*
 * Drop the restrictions that do not earn their place (Bryant & Lempert
 * 2010, section 3.2, their quasi-p-values): for each restricted side, the
 * chance that a box of the same rows drawn from the box without that side
 * would hold at least as many 1s, P(X >= pos) with X ~ Binomial(count,
 * density without it). The side of the largest such value is dropped
 * while it is at least PRUNE_LEVEL; PRIM's peeling restricts many inputs a
 * little by chance, and a box of fewer restrictions is easier to read and
 * less an artefact. One pass over the rows per round: a row outside the
 * box on exactly one side counts towards the box without that side.
 */
static int prune(prim_ws *w, double *lo, double *hi) {
  size_t k = w->k, *cnt = calloc(2 * k + 1, sizeof *cnt), *pos = calloc(2 * k + 1, sizeof *pos);
  if (cnt == NULL || pos == NULL) {
    free(cnt);
    free(pos);
    return -1;
  }
  for (;;) {
    memset(cnt, 0, (2 * k + 1) * sizeof *cnt);
    memset(pos, 0, (2 * k + 1) * sizeof *pos);
    for (size_t t = 0; t < w->nrows; t++) {
      size_t r = w->order[t], bad = 0, side = 0; /* Every row, in input 0's order. */
      for (size_t j = 0; j < k && bad < 2; j++) {
        double v = X(w, r, j);
        if (v < lo[j]) bad++, side = 2 * j;
        else if (v > hi[j]) bad++, side = 2 * j + 1;
      }
      if (bad == 0) side = 2 * k; /* In the box. */
      if (bad < 2) {
        cnt[side]++;
        pos[side] += w->y[r];
      }
    }
    size_t c = cnt[2 * k], p = pos[2 * k], drop = 2 * k;
    double worst = -1;
    for (size_t sd = 0; sd < 2 * k; sd++) {
      if (isinf(sd % 2 ? hi[sd / 2] : lo[sd / 2])) continue;
      double dens = (double)(p + pos[sd]) / (double)(c + cnt[sd]);
      double qp = c == 0 || p == 0 ? 1.0 : dens >= 1 ? 1.0 : gsl_cdf_binomial_Q((unsigned)(p - 1), dens, (unsigned)c);
      if (qp > worst) {
        worst = qp;
        drop = sd;
      }
    }
    if (drop == 2 * k || worst < PRUNE_LEVEL) break;
    if (drop % 2) hi[drop / 2] = INFINITY;
    else lo[drop / 2] = -INFINITY;
  }
  free(cnt);
  free(pos);
  return 0;
}

void gr__prim_box_free(gr__prim_box *b) {
  if (b == NULL) return;
  free(b->lo);
  free(b->hi);
  free(b->traj);
  memset(b, 0, sizeof *b);
}

int gr__prim(const double *x, size_t n, size_t k, const unsigned char *y, const size_t *rows, size_t nrows,
             const gr__prim_options *o, gr__prim_box *box) {
  memset(box, 0, sizeof *box);
  prim_ws w = {.x = x, .k = k, .y = y, .nrows = nrows};
  int rc = -1;
  w.order = malloc((k ? k : 1) * (nrows ? nrows : 1) * sizeof *w.order);
  w.in = calloc(n ? n : 1, 1);
  w.buf = malloc((nrows ? nrows : 1) * sizeof *w.buf);
  w.lo = malloc((k ? k : 1) * sizeof *w.lo);
  w.hi = malloc((k ? k : 1) * sizeof *w.hi);
  box->lo = malloc((k ? k : 1) * sizeof *box->lo);
  box->hi = malloc((k ? k : 1) * sizeof *box->hi);
  if (w.order == NULL || w.in == NULL || w.buf == NULL || w.lo == NULL || w.hi == NULL || box->lo == NULL ||
      box->hi == NULL)
    goto done;
  for (size_t j = 0; j < k; j++) {
    w.lo[j] = -INFINITY;
    w.hi[j] = INFINITY;
    memcpy(w.order + j * nrows, rows, nrows * sizeof *rows);
    order_ctx c = {x, k, j};
    gr__sort(w.order + j * nrows, nrows, sizeof *w.order, by_input, &c);
  }
  for (size_t t = 0; t < nrows; t++) {
    w.in[rows[t]] = 1;
    w.pos += y[rows[t]];
  }
  w.count = nrows;
  w.total_pos = w.pos;
  if (nrows == 0 || k == 0) { /* Nothing to restrict: the unrestricted box. */
    if (push_step(&w) != 0) goto done;
    goto choose;
  }
  if (push_step(&w) != 0) goto done;
  /* Peel while a peel keeps mass_min of the rows and the box is not pure. */
  while (w.pos < w.count) {
    move mv = best_peel(&w, o->peel_alpha, o->mass_min);
    if (!mv.found) break;
    apply(&w, &mv, false);
    if (push_step(&w) != 0) goto done;
  }
  /* Paste while a paste raises the density. */
  for (;;) {
    move mv = best_paste(&w, o->paste_alpha);
    if (!mv.found || !(mv.score > (double)w.pos / (double)w.count)) break;
    apply(&w, &mv, true);
    if (push_step(&w) != 0) goto done;
  }
choose:;
  /* The box on the trajectory: largest coverage at density >= density_min
   * (ties: the denser); when none reaches it, the best balance of coverage
   * and density, their harmonic mean; never the unrestricted first box
   * when there is another. */
  size_t pick = 0;
  bool reached = false;
  double best = -1;
  for (size_t s = 1; s < w.ntraj; s++) {
    const gr_discovery_step *t = &w.traj[s];
    bool ok = t->density >= o->density_min;
    double f1 = t->coverage + t->density > 0 ? 2 * t->coverage * t->density / (t->coverage + t->density) : 0;
    if (ok) {
      const gr_discovery_step *b = &w.traj[pick];
      if (!reached || t->coverage > b->coverage || (t->coverage == b->coverage && t->density > b->density)) {
        pick = s;
        reached = true;
      }
    } else if (!reached && f1 > best) {
      pick = s;
      best = f1;
    }
  }
  box->chosen = pick;
  for (size_t j = 0; j < k; j++) {
    double lo = w.bounds[pick * 2 * k + j], hi = w.bounds[pick * 2 * k + k + j];
    box->lo[j] = nrows && lo_restricts(&w, j, lo) ? lo : -INFINITY;
    box->hi[j] = nrows && hi_restricts(&w, j, hi) ? hi : INFINITY;
  }
  if (prune(&w, box->lo, box->hi) != 0) goto done;
  box->traj = w.traj;
  box->ntraj = w.ntraj;
  w.traj = NULL;
  rc = 0;
done:
  free(w.order);
  free(w.in);
  free(w.buf);
  free(w.lo);
  free(w.hi);
  free(w.traj);
  free(w.bounds);
  if (rc != 0) gr__prim_box_free(box);
  return rc;
}

static bool in_box(const double *xr, size_t k, const gr__prim_box *b) {
  for (size_t j = 0; j < k; j++)
    if (xr[j] < b->lo[j] || xr[j] > b->hi[j]) return false;
  return true;
}

void gr__prim_result_free(gr__prim_result *r) {
  if (r == NULL) return;
  for (size_t i = 0; i < r->nboxes; i++) gr__prim_box_free(&r->boxes[i]);
  r->nboxes = 0;
}

/* The least rows of each half for a search and a test worth making. */
enum { MIN_ROWS = 40 };

int gr__prim_cover(const double *x, size_t n, size_t k, const unsigned char *y, const gr__prim_options *o,
                   gr__prim_result *r) {
  memset(r, 0, sizeof *r);
  size_t ones = 0, test_ones = 0, ntest = n / 2, ntrain = n - ntest;
  for (size_t i = 0; i < n; i++) {
    ones += y[i];
    if (i % 2) test_ones += y[i];
  }
  if (n < 2 * MIN_ROWS) {
    snprintf(r->reason, sizeof r->reason,
             "too few draws (%zu): a box is found on half of them and tested on the other half, %d each at least", n,
             MIN_ROWS);
    return 0;
  }
  if (ones == 0 || ones == n) {
    snprintf(r->reason, sizeof r->reason, "the outcome is the same in all %zu draws: there is no flip to locate", n);
    return 0;
  }
  if (test_ones == 0 || test_ones == ones) {
    snprintf(r->reason, sizeof r->reason,
             "the %zu flips all fall in one half of the draws: too few to find a box and test it", ones);
    return 0;
  }
  unsigned char *alive = malloc(n);
  size_t *rows = malloc(ntrain * sizeof *rows);
  if (alive == NULL || rows == NULL) {
    free(alive);
    free(rows);
    return -1;
  }
  memset(alive, 1, n);
  unsigned max = o->max_boxes < GR__PRIM_MAX_BOXES ? o->max_boxes : GR__PRIM_MAX_BOXES;
  int rc = 0;
  for (unsigned b = 0; b < max; b++) {
    size_t nr = 0, pr = 0, nt = 0, pt = 0;
    for (size_t i = 0; i < n; i++) {
      if (!alive[i]) continue;
      if (i % 2 == 0) {
        rows[nr++] = i;
        pr += y[i];
      } else {
        nt++;
        pt += y[i];
      }
    }
    /* Covering ends when the flips left are too few to search among. */
    if (pr == 0 || pt == 0 || nr < MIN_ROWS || nt < MIN_ROWS) break;
    gr__prim_options ob = *o;
    ob.mass_min = o->mass_min * (double)ntrain / (double)nr; /* Of all the rows, as the first box's. */
    if (ob.mass_min > 1) ob.mass_min = 1;
    gr__prim_box *box = &r->boxes[r->nboxes];
    if (gr__prim(x, n, k, y, rows, nr, &ob, box) != 0) {
      rc = -1;
      break;
    }
    r->nboxes++;
    size_t c = 0, p = 0, restricted = 0;
    for (size_t j = 0; j < k; j++) restricted += !isinf(box->lo[j]) || !isinf(box->hi[j]);
    for (size_t i = 1; i < n; i += 2)
      if (alive[i] && in_box(x + i * k, k, box)) {
        c++;
        p += y[i];
      }
    box->count = c;
    box->positives = p;
    box->base_rate = (double)pt / (double)nt;
    box->density = c ? (double)p / (double)c : NAN;
    box->coverage = (double)p / (double)test_ones;
    box->mass = (double)c / (double)ntest;
    /* P(X >= p) for X ~ Binomial(c, base rate): the chance of a density
     * this high in a box of c draws taken at random. */
    box->p_value = c == 0 || p == 0 ? 1.0 : gsl_cdf_binomial_Q((unsigned)(p - 1), box->base_rate, (unsigned)c);
    if (restricted == 0)
      snprintf(box->reason, sizeof box->reason, "no restriction of the parameters survives: none raises the share of flips by more than chance "
                                           "(each quasi-p-value at least 0.05)");
    else if (c == 0)
      snprintf(box->reason, sizeof box->reason, "none of the held-out draws falls in the box found");
    else if (!(box->density > box->base_rate) || !(box->p_value < o->significance))
      snprintf(box->reason, sizeof box->reason,
               "its density on held-out draws, %.3f, is not clearly above the base rate %.3f (one-sided binomial "
               "p = %.2g, not below %g): the box would be an artefact of the search",
               box->density, box->base_rate, box->p_value, o->significance);
    else
      box->accepted = true;
    if (!box->accepted) break;
    for (size_t i = 0; i < n; i++)
      if (alive[i] && in_box(x + i * k, k, box)) alive[i] = 0;
  }
  free(alive);
  free(rows);
  if (rc != 0) gr__prim_result_free(r);
  return rc;
}
