/*
 * Counter-based random streams: Philox4x32-10 (Salmon, Moraes, Dror & Shaw,
 * "Parallel random numbers: as easy as 1, 2, 3", SC 2011) from Random123.
 * A stream is keyed by the seed and addressed by (draw, stream id); its
 * numbers come from consecutive values of the last counter word, so any
 * draw can be regenerated without the others, on any thread or rank.
 * GSL's distributions run on a stream through gr__gsl_rng().
 */
#ifndef GUARANTOR_RNG_H
#define GUARANTOR_RNG_H

#include <stdint.h>

#include <Random123/philox.h>
#include <gsl/gsl_rng.h>

typedef struct gr__stream {
  philox4x32_key_t key;
  philox4x32_ctr_t ctr;
  philox4x32_ctr_t out;
  unsigned used;
} gr__stream;

static inline void gr__stream_init(gr__stream *s, uint64_t seed, uint64_t draw, uint32_t id) {
  s->key.v[0] = (uint32_t)seed;
  s->key.v[1] = (uint32_t)(seed >> 32);
  s->ctr.v[0] = (uint32_t)draw;
  s->ctr.v[1] = (uint32_t)(draw >> 32);
  s->ctr.v[2] = id;
  s->ctr.v[3] = 0;
  s->used = 4;
}

static inline uint32_t gr__u32(gr__stream *s) {
  if (s->used == 4) {
    s->out = philox4x32(s->ctr, s->key);
    s->ctr.v[3]++;
    s->used = 0;
  }
  return s->out.v[s->used++];
}

/* A uniform number in the open interval (0, 1), 32 bits of resolution. */
static inline double gr__uniform(gr__stream *s) { return ((double)gr__u32(s) + 0.5) * (1.0 / 4294967296.0); }

/* A gsl_rng reading from `s` (no allocation: GSL's struct is public). */
extern const gsl_rng_type gr__philox_gsl_type;
static inline gsl_rng gr__gsl_rng(gr__stream *s) {
  gsl_rng r = {&gr__philox_gsl_type, s};
  return r;
}

/* Stream ids: parameters, the battle, the aggressor's decision errors,
 * obligations (hashed into [0, 0x7ffffffe]). */
#define GR__STREAM_PARAM(i) (0x80000000u | (uint32_t)(i))
#define GR__STREAM_BATTLE 0x7fffffffu
#define GR__STREAM_CHOICE 0xfffffffeu

#endif /* GUARANTOR_RNG_H */
