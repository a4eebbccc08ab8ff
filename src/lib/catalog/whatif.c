/*
 * What-ifs (whatif.h): edits parsed into a list, then applied to the
 * record of an arrangement as the file format has it (dump.c's JSON, read
 * back as a libfyaml tree), so that the variant goes through the loader and
 * the validator like any file and nothing is changed behind their back.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfyaml.h>

#include "base/base.h"
#include "catalog/catalog_int.h"
#include "guarantor/whatif.h"

typedef enum edit_op { EDIT_DROP, EDIT_ADD, EDIT_SET } edit_op;

/* The fields an edit can set, and the vocabulary of their values (-1: a
 * number). On the arrangement when `arrangement` is true. */
typedef struct field_row {
  const char *name;
  int table;
  bool arrangement;
} field_row;

static const field_row fields[] = {
    {"legal_form", GR_T_LEGAL_FORM, true},  {"status", GR_T_ARRANGEMENT_STATUS, true},
    {"troops", -1, false},                  {"value", -1, false},
    {"commitment", GR_T_COMMITMENT, false}, {"activation", GR_T_ACTIVATION, false},
};
enum { NFIELDS = sizeof fields / sizeof fields[0] };

typedef struct edit {
  edit_op op;
  char *text;   /* As given. */
  char *who;    /* An actor, "#N", or NULL (the arrangement). */
  char *kind;   /* An obligation kind, or NULL (any). */
  char *value;  /* The value set, or the actor copied (add). */
  int field;    /* Index in fields[] (set). */
  double number;
  bool times;   /* The number multiplies the value given ("x2"). */
} edit;

struct gr_what_if {
  edit *items;
  size_t n, cap;
};

gr_what_if *gr_what_if_new(void) { return calloc(1, sizeof(gr_what_if)); }

static void edit_free(edit *e) {
  free(e->text);
  free(e->who);
  free(e->kind);
  free(e->value);
}

void gr_what_if_free(gr_what_if *w) {
  if (w == NULL) return;
  for (size_t i = 0; i < w->n; i++) edit_free(&w->items[i]);
  free(w->items);
  free(w);
}

size_t gr_what_if_count(const gr_what_if *w) { return w ? w->n : 0; }

const char *gr_what_if_edit(const gr_what_if *w, size_t i) { return w && i < w->n ? w->items[i].text : NULL; }

static char *dup_range(const char *s, size_t n) {
  char *d = malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

/* An id as the catalog spells them: letters, digits, '-', '_', '#'; or
 * "*", every guarantor. */
static bool word_ok(const char *s) {
  if (strcmp(s, "*") == 0) return true;
  if (*s == '\0') return false;
  for (; *s; s++)
    if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '#') return false;
  return true;
}

/* A value of vocabulary `table`, or an error naming the closest words. */
static gr_status check_term(int table, const char *value, const char *edit_text, gr_error *err) {
  if (gr_table_find((gr_table_id)table, value) >= 0) return GR_OK;
  const gr_table *t = gr_table_get((gr_table_id)table);
  const char *names[64];
  size_t n = t->count < 64 ? t->count : 64;
  for (size_t i = 0; i < n; i++) names[i] = t->terms[i].name;
  const char *best = gr__closest(value, names, n);
  if (best) return gr__fail(err, GR_E_PARSE, "what-if '%s': unknown value '%s' (did you mean '%s'?)", edit_text, value, best);
  /* Nothing close: a short vocabulary is listed whole. */
  if (t->count <= 16) {
    char words[512];
    size_t k = 0;
    words[0] = '\0';
    for (size_t i = 0; i < n && k < sizeof words; i++)
      k += (size_t)snprintf(words + k, sizeof words - k, "%s%s", i ? ", " : "", names[i]);
    if (k < sizeof words)
      return gr__fail(err, GR_E_PARSE, "what-if '%s': unknown value '%s' (one of: %s)", edit_text, value, words);
  }
  return gr__fail(err, GR_E_PARSE, "what-if '%s': unknown value '%s' ('guarantor show --kinds' lists them)", edit_text,
                  value);
}

static gr_status parse_set(edit *e, const char *body, gr_error *err) {
  const char *eq = strchr(body, '=');
  if (eq == NULL || eq == body || eq[1] == '\0')
    return gr__fail(err, GR_E_PARSE, "what-if '%s': expected set FIELD=VALUE or set WHO[.KIND].FIELD=VALUE", e->text);
  char *path = dup_range(body, (size_t)(eq - body));
  if (path == NULL || (e->value = strdup(eq + 1)) == NULL) {
    free(path);
    return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  }
  /* Up to three dot-separated parts: [WHO.[KIND.]]FIELD. */
  char *parts[3] = {NULL, NULL, NULL};
  size_t np = 0;
  for (char *p = path, *dot; np < 3; p = dot + 1) {
    parts[np++] = p;
    if ((dot = strchr(p, '.')) == NULL) break;
    *dot = '\0';
  }
  gr_status st = GR_OK;
  const char *fname = parts[np - 1];
  e->field = -1;
  for (int f = 0; f < NFIELDS; f++)
    if (strcmp(fields[f].name, fname) == 0) e->field = f;
  if (strchr(fname, '.') != NULL) {
    st = gr__fail(err, GR_E_PARSE, "what-if '%s': too many parts before '=' (expected WHO.KIND.FIELD at most)", e->text);
  } else if (e->field < 0) {
    const char *names[NFIELDS];
    for (int f = 0; f < NFIELDS; f++) names[f] = fields[f].name;
    const char *best = gr__closest(fname, names, NFIELDS);
    st = gr__fail(err, GR_E_PARSE,
                  "what-if '%s': '%s' cannot be set%s%s%s (fields: legal_form, status; per obligation: troops, value, "
                  "commitment, activation)",
                  e->text, fname, best ? " (did you mean '" : "", best ? best : "", best ? "'?)" : "");
  } else if (fields[e->field].arrangement != (np == 1)) {
    st = fields[e->field].arrangement
             ? gr__fail(err, GR_E_PARSE, "what-if '%s': %s belongs to the arrangement: set %s=VALUE", e->text, fname,
                        fname)
             : gr__fail(err, GR_E_PARSE, "what-if '%s': say whose %s: set GUARANTOR.%s=VALUE or set #N.%s=VALUE", e->text,
                        fname, fname, fname);
  } else if (np >= 2 && (!word_ok(parts[0]) || (np == 3 && !word_ok(parts[1])))) {
    st = gr__fail(err, GR_E_PARSE, "what-if '%s': expected a guarantor's id or #N before '.'", e->text);
  } else if (np == 3 && gr_table_find(GR_T_OBLIGATION_KIND, parts[1]) < 0) {
    st = check_term(GR_T_OBLIGATION_KIND, parts[1], e->text, err);
  } else if (fields[e->field].table >= 0) {
    st = check_term(fields[e->field].table, e->value, e->text, err);
  } else {
    char *end;
    errno = 0;
    e->times = e->value[0] == 'x';
    e->number = strtod(e->value + e->times, &end);
    if (*end != '\0' || errno || !isfinite(e->number) || e->number < 0 || end == e->value + e->times)
      st = gr__fail(err, GR_E_PARSE, "what-if '%s': %s must be a number of 0 or more, or xF to multiply by F, not '%s'",
                    e->text, fname, e->value);
  }
  if (st == GR_OK && np >= 2 && ((e->who = strdup(parts[0])) == NULL || (np == 3 && (e->kind = strdup(parts[1])) == NULL)))
    st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  free(path);
  return st;
}

gr_status gr_what_if_add(gr_what_if *w, const char *text, gr_error *err) {
  if (w == NULL || text == NULL) return gr__fail(err, GR_E_ARG, "gr_what_if_add: NULL argument");
  if (w->n == w->cap) {
    size_t cap = w->cap ? 2 * w->cap : 4;
    edit *items = realloc(w->items, cap * sizeof *items);
    if (items == NULL) return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
    w->items = items;
    w->cap = cap;
  }
  edit e = {.field = -1};
  if ((e.text = strdup(text)) == NULL) return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  gr_status st = GR_OK;
  if (strncmp(text, "drop ", 5) == 0) {
    e.op = EDIT_DROP;
    if (!word_ok(text + 5) || text[5] == '#')
      st = gr__fail(err, GR_E_PARSE, "what-if '%s': expected drop ACTOR", text);
    else if ((e.who = strdup(text + 5)) == NULL)
      st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  } else if (strncmp(text, "add ", 4) == 0) {
    e.op = EDIT_ADD;
    const char *eq = strchr(text + 4, '=');
    if (eq == NULL) {
      st = gr__fail(err, GR_E_PARSE, "what-if '%s': expected add ACTOR=LIKE (ACTOR takes a copy of LIKE's obligations)",
                    text);
    } else {
      e.who = dup_range(text + 4, (size_t)(eq - text - 4));
      e.value = strdup(eq + 1);
      if (e.who == NULL || e.value == NULL) st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
      else if (!word_ok(e.who) || !word_ok(e.value) || e.who[0] == '#' || e.value[0] == '#')
        st = gr__fail(err, GR_E_PARSE, "what-if '%s': expected add ACTOR=LIKE with two actors' ids", text);
    }
  } else if (strncmp(text, "set ", 4) == 0) {
    e.op = EDIT_SET;
    st = parse_set(&e, text + 4, err);
  } else {
    st = gr__fail(err, GR_E_PARSE, "what-if '%s': expected drop ACTOR, add ACTOR=LIKE or set ...=VALUE", text);
  }
  if (st != GR_OK) {
    edit_free(&e);
    return st;
  }
  w->items[w->n++] = e;
  gr__ok(err);
  return GR_OK;
}

/* ---- Applying the edits to the record's tree --------------------------- */

static const char *scalar_of(struct fy_node *map, const char *key) {
  struct fy_node *n = fy_node_mapping_lookup_by_string(map, key, FY_NT);
  return n && fy_node_is_scalar(n) ? fy_node_get_scalar0(n) : NULL;
}

/* Set map[key] to `value` (a YAML snippet), adding the key if missing. */
/* A node parsed from a YAML snippet: libfyaml keeps pointers into the
 * text it parses, so it gets a copy of its own to keep (and free). */
static struct fy_node *build(struct fy_document *d, const char *yaml) {
  char *copy = strdup(yaml);
  if (copy == NULL) return NULL;
  struct fy_node *n = fy_node_build_from_malloc_string(d, copy, FY_NT);
  if (n == NULL) free(copy);
  return n;
}

static int set_key(struct fy_document *d, struct fy_node *map, const char *key, const char *value) {
  struct fy_node *v = build(d, value);
  if (v == NULL) return -1;
  struct fy_node_pair *p = fy_node_mapping_lookup_pair_by_string(map, key, FY_NT);
  if (p) return fy_node_pair_set_value(p, v);
  struct fy_node *k = fy_node_create_scalar_copy(d, key, FY_NT);
  if (k == NULL) {
    fy_node_free(v);
    return -1;
  }
  return fy_node_mapping_append(map, k, v);
}

/* A double-quoted YAML scalar of `s`. */
static void quoted(const char *s, char *out, size_t n) {
  size_t k = 0;
  if (n < 3) return;
  out[k++] = '"';
  for (; *s && k + 3 < n; s++) {
    if (*s == '"' || *s == '\\') out[k++] = '\\';
    out[k++] = (char)((unsigned char)*s < 0x20 ? ' ' : *s);
  }
  out[k++] = '"';
  out[k] = '\0';
}

/* Mark `key` of `map` assumed, with the edit that set it as the reason
 * (replacing an earlier mark of the same key). */
static int mark_assumed(struct fy_document *d, struct fy_node *map, const char *key, const char *edit_text,
                        const char *was) {
  struct fy_node *list = fy_node_mapping_lookup_by_string(map, "assumed", FY_NT);
  if (list == NULL) {
    if (set_key(d, map, "assumed", "[]") != 0) return -1;
    list = fy_node_mapping_lookup_by_string(map, "assumed", FY_NT);
  }
  void *it = NULL;
  for (struct fy_node *a; (a = fy_node_sequence_iterate(list, &it)) != NULL;) {
    const char *k = scalar_of(a, "key");
    if (k && strcmp(k, key) == 0) {
      fy_node_free(fy_node_sequence_remove(list, a));
      break;
    }
  }
  char reason[1024], q[1200], item[1400];
  snprintf(reason, sizeof reason, "what-if of the user, not a source: '%s' (was %s)", edit_text, was ? was : "not given");
  quoted(reason, q, sizeof q);
  snprintf(item, sizeof item, "{key: %s, reason: %s}", key, q);
  struct fy_node *a = build(d, item);
  return a ? fy_node_sequence_append(list, a) : -1;
}

/* Whether obligation `ob` (a mapping) is of kind `kind`: its kind, or one
 * of its menu's means. */
static bool of_kind(struct fy_node *ob, const char *kind) {
  const char *k = scalar_of(ob, "kind");
  if (k) return strcmp(k, kind) == 0;
  struct fy_node *means = fy_node_mapping_lookup_by_string(ob, "means", FY_NT);
  void *it = NULL;
  for (struct fy_node *m; means && (m = fy_node_sequence_iterate(means, &it)) != NULL;)
    if (fy_node_is_scalar(m) && strcmp(fy_node_get_scalar0(m), kind) == 0) return true;
  return false;
}

static gr_status apply_set(struct fy_document *d, struct fy_node *arr, struct fy_node *obs, const edit *e,
                           gr_error *err) {
  const field_row *f = &fields[e->field];
  char v[128];
  if (f->arrangement) {
    const char *was = scalar_of(arr, f->name);
    char old[64];
    snprintf(old, sizeof old, "%s", was ? was : "");
    if (set_key(d, arr, f->name, e->value) != 0 || mark_assumed(d, arr, f->name, e->text, was ? old : NULL) != 0)
      return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
    return GR_OK;
  }
  int number = 0;
  if (e->who[0] == '#') {
    char *end;
    long k = strtol(e->who + 1, &end, 10);
    if (*end != '\0' || k < 1 || (size_t)k > (size_t)fy_node_sequence_item_count(obs))
      return gr__fail(err, GR_E_INVALID, "what-if '%s': no obligation %s (this arrangement has %d)", e->text, e->who,
                      fy_node_sequence_item_count(obs));
    number = (int)k;
  }
  size_t hits = 0;
  void *it = NULL;
  int i = 0;
  for (struct fy_node *ob; (ob = fy_node_sequence_iterate(obs, &it)) != NULL;) {
    i++;
    const char *g = scalar_of(ob, "guarantor");
    if (number ? i != number : strcmp(e->who, "*") != 0 && (g == NULL || strcmp(g, e->who) != 0)) continue;
    if (e->kind && !of_kind(ob, e->kind)) continue;
    hits++;
    char old[64] = "";
    int rc;
    if (f->table < 0) {
      struct fy_node *q = fy_node_mapping_lookup_by_string(ob, f->name, FY_NT);
      const char *was = q ? scalar_of(q, "value") : NULL;
      snprintf(old, sizeof old, "%s", was ? was : "not given");
      double x = e->number;
      if (e->times) {
        /* A factor needs a value to multiply: an obligation without one
         * is left alone (and must not count as a hit). */
        if (was == NULL) {
          hits--;
          continue;
        }
        x *= strtod(was, NULL);
      }
      char reason[1024], qr[1200], item[1500];
      snprintf(reason, sizeof reason, "what-if of the user, not a source: '%s' (was %s)", e->text, old);
      quoted(reason, qr, sizeof qr);
      snprintf(v, sizeof v, "%.15g", x);
      snprintf(item, sizeof item, "{value: %s, source: {assumption: %s}}", v, qr);
      rc = set_key(d, ob, f->name, item);
    } else {
      const char *was = scalar_of(ob, f->name);
      snprintf(old, sizeof old, "%s", was ? was : "not given");
      rc = set_key(d, ob, f->name, e->value);
      if (rc == 0) rc = mark_assumed(d, ob, f->name, e->text, old);
    }
    if (rc != 0) return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  }
  if (hits == 0)
    return e->kind ? gr__fail(err, GR_E_INVALID, "what-if '%s': %s has no obligation of kind %s here", e->text, e->who,
                              e->kind)
                   : gr__fail(err, GR_E_INVALID, "what-if '%s': %s is not a guarantor of this arrangement", e->text,
                              e->who);
  return GR_OK;
}

static gr_status apply(const gr_catalog *cat, struct fy_document *d, struct fy_node *arr, const edit *e,
                       gr_error *err) {
  struct fy_node *obs = fy_node_mapping_lookup_by_string(arr, "obligations", FY_NT);
  if (obs == NULL && e->op != EDIT_SET)
    return gr__fail(err, GR_E_INVALID, "what-if '%s': the arrangement has no obligations", e->text);
  if (e->op == EDIT_SET) {
    if (obs == NULL && !fields[e->field].arrangement)
      return gr__fail(err, GR_E_INVALID, "what-if '%s': the arrangement has no obligations", e->text);
    return apply_set(d, arr, obs, e, err);
  }
  const char *actor = e->op == EDIT_DROP ? e->who : e->value;
  if (e->op == EDIT_ADD && gr_catalog_actor(cat, e->who) == NULL)
    return gr__fail(err, GR_E_INVALID, "what-if '%s': no actor '%s' in the catalog", e->text, e->who);
  /* Collect first: the sequence must not change while it is iterated. */
  struct fy_node *hit[256];
  size_t n = 0;
  void *it = NULL;
  for (struct fy_node *ob; (ob = fy_node_sequence_iterate(obs, &it)) != NULL;) {
    const char *g = scalar_of(ob, "guarantor");
    if (g && strcmp(g, actor) == 0 && n < 256) hit[n++] = ob;
  }
  if (n == 0)
    return gr__fail(err, GR_E_INVALID, "what-if '%s': %s is not a guarantor of this arrangement", e->text, actor);
  for (size_t i = 0; i < n; i++) {
    if (e->op == EDIT_DROP) {
      fy_node_free(fy_node_sequence_remove(obs, hit[i]));
      continue;
    }
    struct fy_node *copy = fy_node_copy(d, hit[i]);
    char q[128], was[64];
    quoted(e->who, q, sizeof q);
    snprintf(was, sizeof was, "%s", actor);
    if (copy == NULL || set_key(d, copy, "guarantor", q) != 0 || mark_assumed(d, copy, "guarantor", e->text, was) != 0 ||
        fy_node_sequence_append(obs, copy) != 0)
      return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  }
  return GR_OK;
}

/* Append `variant` to every sequence under a key "arrangements" that
 * names `id`, anywhere in the tree; whether any did. */
static bool rename_refs(struct fy_document *d, struct fy_node *n, const char *id, const char *variant) {
  bool any = false;
  if (fy_node_is_mapping(n)) {
    void *it = NULL;
    for (struct fy_node_pair *p; (p = fy_node_mapping_iterate(n, &it)) != NULL;) {
      struct fy_node *k = fy_node_pair_key(p), *v = fy_node_pair_value(p);
      if (k && fy_node_is_scalar(k) && strcmp(fy_node_get_scalar0(k), "arrangements") == 0 && v &&
          fy_node_is_sequence(v)) {
        void *jt = NULL;
        bool named = false;
        for (struct fy_node *a; (a = fy_node_sequence_iterate(v, &jt)) != NULL;)
          named |= fy_node_is_scalar(a) && strcmp(fy_node_get_scalar0(a), id) == 0;
        if (named) {
          struct fy_node *s = fy_node_create_scalar_copy(d, variant, FY_NT);
          if (s && fy_node_sequence_append(v, s) == 0) any = true;
        }
      } else if (v) {
        any |= rename_refs(d, v, id, variant);
      }
    }
  } else if (fy_node_is_sequence(n)) {
    void *it = NULL;
    for (struct fy_node *c; (c = fy_node_sequence_iterate(n, &it)) != NULL;) any |= rename_refs(d, c, id, variant);
  }
  return any;
}

gr_status gr_what_if_records(const gr_catalog *cat, const gr_arrangement *arr, const gr_what_if *w,
                             const char *variant_id, char **json, gr_error *err) {
  static const char fn[] = "gr_what_if_records";
  if (json) *json = NULL;
  if (cat == NULL || arr == NULL || w == NULL || variant_id == NULL || json == NULL)
    return gr__fail(err, GR_E_ARG, "%s: NULL argument", fn);
  if (!gr_catalog_is_valid(cat)) return gr__fail(err, GR_E_MISUSE, "%s: the catalog must be valid", fn);
  if (!word_ok(variant_id)) return gr__fail(err, GR_E_ARG, "%s: '%s' is not an id", fn, variant_id);
  char *text = gr_record_to_json(GR_REC_ARRANGEMENT, arr, 0);
  struct fy_document *d = text ? fy_document_build_from_string(NULL, text, FY_NT) : NULL;
  struct fy_document *out = fy_document_build_from_string(NULL, "{}", FY_NT);
  gr_status st = GR_OK;
  struct fy_node *a = d ? fy_node_by_path(fy_document_root(d), "/arrangement", FY_NT, FYNWF_DONT_FOLLOW) : NULL;
  if (a == NULL || out == NULL) st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  for (size_t i = 0; st == GR_OK && i < w->n; i++) st = apply(cat, d, a, &w->items[i], err);
  if (st == GR_OK) {
    /* Its own id, and a title that says what was changed. */
    char q[160], title[2048], qt[2300];
    quoted(variant_id, q, sizeof q);
    size_t k = (size_t)snprintf(title, sizeof title, "%s [what-if:", arr->title);
    for (size_t i = 0; i < w->n && k < sizeof title; i++)
      k += (size_t)snprintf(title + k, sizeof title - k, "%s %s", i ? ";" : "", w->items[i].text);
    if (k < sizeof title) snprintf(title + k, sizeof title - k, "]");
    quoted(title, qt, sizeof qt);
    struct fy_node *copy = NULL;
    if (set_key(d, a, "id", q) != 0 || set_key(d, a, "title", qt) != 0 || (copy = fy_node_copy(out, a)) == NULL ||
        fy_node_mapping_append(fy_document_root(out), fy_node_create_scalar(out, "arrangement", FY_NT), copy) != 0)
      st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  }
  /* The positions naming the original name the variant too. Their
   * documents and texts are kept until the output is written: libfyaml's
   * copies may point into them. */
  struct fy_node *positions = NULL;
  size_t npos = gr_catalog_count(cat, GR_REC_POSITION);
  struct fy_document **pds = calloc(npos ? npos : 1, sizeof *pds);
  char **pts = calloc(npos ? npos : 1, sizeof *pts);
  if (st == GR_OK && (pds == NULL || pts == NULL)) st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  for (size_t i = 0; st == GR_OK && i < npos; i++) {
    char *pt = pts[i] = gr_record_to_json(GR_REC_POSITION, gr_catalog_at(cat, GR_REC_POSITION, i), 0);
    struct fy_document *pd = pds[i] = pt ? fy_document_build_from_string(NULL, pt, FY_NT) : NULL;
    if (pd == NULL) {
      st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
      break;
    }
    struct fy_node *root = fy_document_root(pd);
    if (rename_refs(pd, root, arr->id, variant_id)) {
      struct fy_node *seq = fy_node_mapping_lookup_by_string(root, "positions", FY_NT);
      if (positions == NULL) {
        positions = fy_node_create_sequence(out);
        if (positions == NULL ||
            fy_node_mapping_append(fy_document_root(out), fy_node_create_scalar(out, "positions", FY_NT), positions) != 0)
          st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
      }
      void *it = NULL;
      for (struct fy_node *p; st == GR_OK && seq && (p = fy_node_sequence_iterate(seq, &it)) != NULL;) {
        struct fy_node *c = fy_node_copy(out, p);
        if (c == NULL || fy_node_sequence_append(positions, c) != 0)
          st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
      }
    }
  }
  if (st == GR_OK) {
    char *s = fy_emit_document_to_string(out, FYECF_MODE_JSON | FYECF_WIDTH_INF);
    /* Copied so that the caller frees it with gr_free() like every text
     * the library returns. */
    if (s == NULL || (*json = strdup(s)) == NULL) st = gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
    free(s);
  }
  fy_document_destroy(out);
  for (size_t i = 0; pds && i < npos; i++) {
    fy_document_destroy(pds[i]);
    gr_free(pts[i]);
  }
  free(pds);
  free(pts);
  fy_document_destroy(d);
  gr_free(text);
  if (st == GR_OK) gr__ok(err);
  return st;
}
