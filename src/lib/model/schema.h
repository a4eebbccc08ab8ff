/*
 * The schema of every record and nested value, as data: one row per key
 * saying its type, whether it is required, where it is stored and its valid
 * range. The loader, the serialiser and the docs follow these tables.
 *
 * Checks that tie several keys of one object together (a beta needs a and
 * b) run here too; they report through a sink that the caller (the loader)
 * provides, so the model depends on nothing above it.
 */
#ifndef GUARANTOR_MODEL_SCHEMA_H
#define GUARANTOR_MODEL_SCHEMA_H

#include "base/base.h"
#include "guarantor/model.h"

typedef enum gr__ftype {
  GR__F_STR,   /* const char *: any string */
  GR__F_ID,    /* const char *: an identifier (record id or topic) */
  GR__F_REF,   /* const char *: the id of a record of kind `ref` */
  GR__F_INT,   /* int */
  GR__F_NUM,   /* double */
  GR__F_DATE,  /* gr_date */
  GR__F_BOOL,  /* bool */
  GR__F_ENUM,  /* int: a term of table `table` */
  GR__F_OBJ,   /* an embedded struct described by `sub` */
  GR__F_LIST   /* a list {T *items; size_t n;} of `elem` */
} gr__ftype;

enum {
  GR__REQ = 1u << 0,   /* The key must be given. */
  GR__RANGE = 1u << 1, /* Numbers must lie in [min, max]. */
  GR__GROUP = 1u << 2, /* REF to an actor that must be an organisation or group. */
  GR__EMPTY = 1u << 3  /* A required list that may be empty, said so explicitly. */
};

typedef struct gr__schema gr__schema;

/* Where checks report: the caller's function receives each message. */
typedef struct gr__sink gr__sink;
struct gr__sink {
  void (*emit)(gr__sink *sink, gr_severity sev, const gr_pos *pos, const char *message);
};

/* Format a message and hand it to the sink. */
void gr__check_error(gr__sink *s, const gr_pos *pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void gr__check_warning(gr__sink *s, const gr_pos *pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

typedef struct gr__field {
  const char *key;
  gr__ftype type;
  gr__ftype elem;         /* For LIST: the element type. */
  unsigned flags;
  size_t offset;
  int table;              /* ENUM: a gr_table_id. */
  int ref;                /* REF: a gr_record_kind. */
  const gr__schema *sub;  /* OBJ, or LIST of OBJ. */
  double min, max;        /* With GR__RANGE. */
  const char *ename;      /* The name of its GR_KEY_ constant, after the prefix. */
} gr__field;

/* A check run on a parsed object, for rules that tie keys together. */
typedef void (*gr__check_fn)(gr__sink *sink, void *obj, const gr_pos *pos);

struct gr__schema {
  const char *name;     /* For messages: "obligation", "source", ... */
  size_t size;          /* sizeof the struct. */
  const gr__field *fields;
  size_t nfields;
  int shorthand;        /* Field a bare scalar fills, or -1. */
  size_t given_off;     /* offsetof the uint64_t given mask. */
  size_t pos_off;       /* offsetof the gr_pos. */
  gr__check_fn check;
};

/* The schema of each top-level record kind, and its top-level keys. */
extern const gr__schema *const gr__record_schemas[GR_REC__COUNT];
extern const char *const gr__list_keys[GR_REC__COUNT]; /* "actors", ... */

/* The index of `key` in a schema, or -1. */
int gr__schema_field(const gr__schema *s, const char *key);

/* The id of a record (every record kind starts with given, then id), and
 * where it was written. */
const char *gr__record_id(gr_record_kind kind, const void *rec);
const gr_pos *gr__record_pos(gr_record_kind kind, const void *rec);

/* Continue the FNV-1a hash `h` over the numbers parameter p's draws
 * depend on (schema.c says which, and how they are written). */
uint64_t gr__parameter_hash(const gr_parameter *p, uint64_t h);

#endif /* GUARANTOR_MODEL_SCHEMA_H */
