/*
 * PRIM, the Patient Rule Induction Method (prim.c): boxes of inputs where
 * a 0/1 outcome is dense. Generic: it knows nothing of the model; the
 * scenario discovery of discovery.c feeds it parameter draws.
 */
#ifndef GUARANTOR_MC_PRIM_H
#define GUARANTOR_MC_PRIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "guarantor/discovery.h"

/* The most boxes gr__prim_cover() looks for. */
enum { GR__PRIM_MAX_BOXES = 10 };

typedef struct gr__prim_options {
  double peel_alpha;   /* Share of the box peeled off per step (0, 0.5). */
  double paste_alpha;  /* Share of the box pasted back per step (0, 0.5). */
  double mass_min;     /* A peel never leaves less than this share of the rows. */
  double density_min;  /* Choice on the trajectory: see gr__prim(). */
  double significance; /* gr__prim_cover(): the held-out test's level. */
  unsigned max_boxes;  /* gr__prim_cover(): at most this many (<= GR__PRIM_MAX_BOXES). */
} gr__prim_options;

/* A box: lo[j] <= x_j <= hi[j] for every input j (-INFINITY, +INFINITY:
 * that side is unrestricted), its trajectory, and the figures of
 * gr__prim_cover() (coverage, density, mass on the held-out rows). */
typedef struct gr__prim_box {
  double *lo, *hi;          /* k each, owned. */
  gr_discovery_step *traj;  /* Owned; ntraj steps, `chosen` the box's. */
  size_t ntraj, chosen;
  double coverage, density, mass, base_rate, p_value;
  uint64_t count, positives; /* Held-out rows in the box, and 1s among them. */
  bool accepted;
  char reason[200];
} gr__prim_box;

/*
 * One box by peeling and pasting (Friedman & Fisher 1999) over the rows
 * rows[0..nrows) of the n x k row-major matrix x (row r is x[r k .. r k +
 * k)), outcome y[r] in {0, 1}. The trajectory's coverage, density and mass
 * are over those rows. The box chosen is the step of the trajectory after
 * the first (the unrestricted box is not a box) of largest coverage whose
 * density reaches o->density_min, else the one of largest harmonic mean
 * of coverage and density; its restrictions are pruned by quasi-p-value
 * (prim.c, prune()); a side that excludes
 * none of the rows is made unrestricted. `box` must be zeroed or freed;
 * it receives owned arrays. 0, or -1 when out of memory. Allocates its
 * workspace on entry, never per row.
 */
int gr__prim(const double *x, size_t n, size_t k, const unsigned char *y, const size_t *rows, size_t nrows,
             const gr__prim_options *o, gr__prim_box *box);

/* The boxes of a covering search. */
typedef struct gr__prim_result {
  gr__prim_box boxes[GR__PRIM_MAX_BOXES]; /* Accepted, then at most one refused. */
  size_t nboxes;
  char reason[200]; /* Why no box was searched for at all, else "". */
} gr__prim_result;

/*
 * Up to o->max_boxes boxes by covering (Bryant & Lempert 2010, section
 * 3): the even rows find a box (gr__prim()), the odd rows, held out,
 * measure it; a box is kept when its held-out density is above the
 * held-out base rate with a one-sided binomial p-value below
 * o->significance; then the rows in it (both halves) are removed and the
 * search starts again. The first box refused ends the search; it is kept
 * with its reason. `r` receives owned arrays: free with
 * gr__prim_result_free(). 0, or -1 when out of memory.
 */
int gr__prim_cover(const double *x, size_t n, size_t k, const unsigned char *y, const gr__prim_options *o,
                   gr__prim_result *r);
void gr__prim_result_free(gr__prim_result *r);
void gr__prim_box_free(gr__prim_box *b);

#endif /* GUARANTOR_MC_PRIM_H */
