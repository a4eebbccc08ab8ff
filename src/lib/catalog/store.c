/*
 * The catalog: record storage with the override and duplicate rules,
 * diagnostics, lookups, and the entry points that load files.
 */
#include <errno.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <stdint.h>

#include "catalog/catalog_int.h"

gr_catalog *gr_catalog_new(void) { return calloc(1, sizeof(gr_catalog)); }

void gr_catalog_free(gr_catalog *cat) {
  if (cat == NULL) return;
  for (int k = 0; k < GR_REC__COUNT; k++) {
    free(cat->recs[k].items);
    free(cat->recs[k].builtin);
  }
  free(cat->diags);
  free(cat->refs);
  free(cat->files);
  gr__strmap_free(&cat->index);
  gr__arena_free(&cat->arena);
  free(cat);
}

/* ---- Diagnostics ------------------------------------------------------ */

void gr__vdiag(gr_catalog *cat, gr_severity sev, const gr_pos *pos, const char *fmt, va_list ap) {
  if (cat->kept[sev] == GR_CATALOG_MAX_DIAGS) {
    cat->dropped[sev]++;
    return;
  }
  if (cat->ndiags == cat->capdiags) {
    size_t cap = cat->capdiags ? cat->capdiags * 2 : 32;
    gr_diag *d = realloc(cat->diags, cap * sizeof *d);
    if (d == NULL) {
      cat->oom = 1;
      return;
    }
    cat->diags = d;
    cat->capdiags = cap;
  }
  char raw[1024], buf[1024];
  vsnprintf(raw, sizeof raw, fmt, ap);
  gr_text_escape(raw, buf, sizeof buf); /* Input quoted in a message stays text. */
  const char *msg = gr__arena_strdup(&cat->arena, buf);
  if (msg == NULL) {
    cat->oom = 1;
    return;
  }
  cat->kept[sev]++;
  gr_diag *d = &cat->diags[cat->ndiags++];
  d->severity = sev;
  d->file = pos && pos->file ? pos->file : "";
  d->line = pos ? pos->line : 0;
  d->column = pos ? pos->column : 0;
  d->message = msg;
}

void gr__diag(gr_catalog *cat, gr_severity sev, const gr_pos *pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  gr__vdiag(cat, sev, pos, fmt, ap);
  va_end(ap);
}

size_t gr_catalog_diag_count(const gr_catalog *cat) { return cat ? cat->ndiags : 0; }

const gr_diag *gr_catalog_diag(const gr_catalog *cat, size_t i) {
  return cat && i < cat->ndiags ? &cat->diags[i] : NULL;
}

size_t gr_catalog_diag_count_severity(const gr_catalog *cat, gr_severity sev) {
  return cat && (unsigned)sev <= GR_SEV_NOTE ? cat->kept[sev] : 0;
}

size_t gr_catalog_diag_dropped(const gr_catalog *cat, gr_severity sev) {
  return cat && (unsigned)sev <= GR_SEV_NOTE ? cat->dropped[sev] : 0;
}

static const char *const severity_names[] = {"error", "warning", "note"};

size_t gr_diag_format(const gr_diag *d, char *buf, size_t size) {
  const char *sev = severity_names[d->severity];
  char file[1024]; /* A file's name is input too. */
  gr_text_escape(d->file, file, sizeof file);
  int n;
  if (file[0] == '\0')
    n = snprintf(buf, size, "%s: %s", sev, d->message);
  else if (d->line <= 0)
    n = snprintf(buf, size, "%s: %s: %s", file, sev, d->message);
  else
    n = snprintf(buf, size, "%s:%d:%d: %s: %s", file, d->line, d->column, sev, d->message);
  return n < 0 ? 0 : (size_t)n;
}

/* Fill `err` from the first error diagnostic at or after index `from`. */
static gr_status first_error(const gr_catalog *cat, size_t from, gr_status code, gr_error *err) {
  for (size_t i = from; i < cat->ndiags; i++) {
    const gr_diag *d = &cat->diags[i];
    if (d->severity == GR_SEV_ERROR)
      return gr__fail_at(err, code, d->file[0] ? d->file : NULL, d->line, d->column, "%s", d->message);
  }
  return gr__fail(err, code, "%s", gr_strerror(code));
}

/* ---- References and records --------------------------------------- */

void gr__ref_add(gr_catalog *cat, int kind, unsigned flags, const char *id, const gr_pos *pos) {
  if (cat->nrefs == cat->caprefs) {
    size_t cap = cat->caprefs ? cat->caprefs * 2 : 256;
    gr__ref *r = realloc(cat->refs, cap * sizeof *r);
    if (r == NULL) {
      cat->oom = 1;
      return;
    }
    cat->refs = r;
    cat->caprefs = cap;
  }
  gr__ref *r = &cat->refs[cat->nrefs++];
  r->kind = kind;
  r->flags = flags;
  r->id = id;
  r->pos = *pos;
}

/* The index maps every id to its kind and its place among the records of
 * that kind: ids are unique across kinds. */
enum { KIND_BITS = 4 };
_Static_assert(GR_REC__COUNT <= 1 << KIND_BITS, "record kinds fit the index's kind bits");

static bool indexed(const gr_catalog *cat, const char *id, gr_record_kind *kind, size_t *at) {
  size_t v;
  if (!gr__strmap_get(&cat->index, id, &v)) return false;
  *kind = (gr_record_kind)(v & ((1u << KIND_BITS) - 1));
  *at = v >> KIND_BITS;
  return true;
}

static long find_index(const gr_catalog *cat, gr_record_kind kind, const char *id) {
  gr_record_kind k;
  size_t at;
  return indexed(cat, id, &k, &at) && k == kind ? (long)at : -1;
}

void gr__record_add(gr_catalog *cat, gr_record_kind kind, void *rec) {
  const char *id = gr__record_id(kind, rec);
  const gr_pos *pos = gr__record_pos(kind, rec);
  gr__recset *rs = &cat->recs[kind];
  gr_record_kind other;
  size_t at;
  if (indexed(cat, id, &other, &at)) {
    const gr_pos *first = gr__record_pos(other, cat->recs[other].items[at]);
    if (other != kind) {
      gr__diag(cat, GR_SEV_ERROR, pos, "id '%s' is already used by %s at %s:%d:%d; ids must be unique", id,
               gr_record_kind_name(other), first->file, first->line, first->column);
    } else if (rs->builtin[at] && !cat->loading_builtin) {
      gr__diag(cat, GR_SEV_NOTE, pos, "%s '%s' overrides the built-in one", gr_record_kind_name(kind), id);
      rs->items[at] = rec;
      rs->builtin[at] = 0;
    } else {
      gr__diag(cat, GR_SEV_ERROR, pos, "duplicate %s id '%s' (first defined at %s:%d:%d)", gr_record_kind_name(kind),
               id, first->file, first->line, first->column);
    }
    return;
  }
  if (rs->n == rs->cap) {
    size_t cap = rs->cap ? rs->cap * 2 : 32;
    void **items = realloc(rs->items, cap * sizeof *items);
    if (items == NULL) {
      cat->oom = 1;
      return;
    }
    rs->items = items;
    unsigned char *b = realloc(rs->builtin, cap);
    if (b == NULL) {
      cat->oom = 1;
      return;
    }
    rs->builtin = b;
    rs->cap = cap;
  }
  if (gr__strmap_put(&cat->index, id, rs->n << KIND_BITS | (size_t)kind) != 0) {
    cat->oom = 1;
    return;
  }
  rs->items[rs->n] = rec;
  rs->builtin[rs->n] = (unsigned char)(cat->loading_builtin != 0);
  rs->n++;
}

/* ---- Loading ---------------------------------------------------------- */

/* Loading is over once the catalog is validated: a record loaded later
 * would escape the checks (a dangling reference would pass). */
static gr_status may_load(const gr_catalog *cat, const char *fn, gr_error *err) {
  if (cat->validated)
    return gr__fail(err, GR_E_MISUSE, "%s: the catalog is validated already: load every file before "
                                     "gr_catalog_validate()", fn);
  return GR_OK;
}

gr_status gr_catalog_load_buffer(gr_catalog *cat, const char *name, const void *data, size_t len,
                                 gr_error *err) {
  if (cat == NULL || name == NULL || (data == NULL && len > 0))
    return gr__fail(err, GR_E_ARG, "gr_catalog_load_buffer: NULL argument");
  if (may_load(cat, "gr_catalog_load_buffer", err) != GR_OK) return GR_E_MISUSE;
  size_t before = cat->ndiags;
  gr_status st = gr__load_bytes(cat, name, data ? data : "", len);
  if (st == GR_E_NOMEM || cat->oom) return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  if (st != GR_OK) return first_error(cat, before, st, err);
  gr__ok(err);
  return GR_OK;
}

gr_status gr_catalog_load_file(gr_catalog *cat, const char *path, gr_error *err) {
  if (cat == NULL || path == NULL) return gr__fail(err, GR_E_ARG, "gr_catalog_load_file: NULL argument");
  if (may_load(cat, "gr_catalog_load_file", err) != GR_OK) return GR_E_MISUSE;
  size_t before = cat->ndiags; /* The error this call adds follows. */
  FILE *fp = fopen(path, "rb");
  if (fp == NULL) {
    gr_pos p = {gr__register_file(cat, path), 0, 0};
    if (p.file == NULL) cat->oom = 1;
    gr__diag(cat, GR_SEV_ERROR, &p, "cannot open: %s", strerror(errno));
    return first_error(cat, before, GR_E_IO, err);
  }
  /* A regular file over the limit is refused unread, with its true size;
   * anything else is read to at most one chunk past the limit. */
  struct stat sb;
  if (fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode) && (uintmax_t)sb.st_size > GR_MAX_INPUT_BYTES) {
    fclose(fp);
    const char *name = gr__register_file(cat, path);
    if (name == NULL) cat->oom = 1;
    else gr__report_too_large(cat, name, (size_t)sb.st_size);
    return first_error(cat, before, GR_E_INVALID, err);
  }
  size_t cap = 64 * 1024, len = 0;
  char *buf = malloc(cap);
  while (buf != NULL) {
    size_t got = fread(buf + len, 1, cap - len, fp);
    len += got;
    if (got == 0 || len > GR_MAX_INPUT_BYTES) break;
    if (len == cap) {
      char *nb = realloc(buf, cap * 2);
      if (nb == NULL) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = nb;
      cap *= 2;
    }
  }
  int ioerr = ferror(fp);
  fclose(fp);
  if (buf == NULL) {
    cat->oom = 1;
    return gr_catalog_load_buffer(cat, path, NULL, 0, err);
  }
  if (ioerr) {
    free(buf);
    gr_pos p = {gr__register_file(cat, path), 0, 0};
    gr__diag(cat, GR_SEV_ERROR, &p, "read error");
    return first_error(cat, before, GR_E_IO, err);
  }
  gr_status st = gr_catalog_load_buffer(cat, path, buf, len, err);
  free(buf);
  return st;
}

static gr_status load_blobs(gr_catalog *cat, const gr__blob *blobs, size_t n, const char *fn, gr_error *err) {
  if (cat == NULL) return gr__fail(err, GR_E_ARG, "%s: NULL argument", fn);
  if (may_load(cat, fn, err) != GR_OK) return GR_E_MISUSE;
  gr_status worst = GR_OK;
  cat->loading_builtin = 1;
  for (size_t i = 0; i < n; i++) {
    gr_status st = gr_catalog_load_buffer(cat, blobs[i].name, blobs[i].data, blobs[i].len, worst == GR_OK ? err : NULL);
    if (st != GR_OK && worst == GR_OK) worst = st;
  }
  cat->loading_builtin = 0;
  return worst;
}

gr_status gr_catalog_load_builtin(gr_catalog *cat, gr_error *err) {
  return load_blobs(cat, gr__builtin, gr__builtin_count, "gr_catalog_load_builtin", err);
}

gr_status gr_catalog_load_history(gr_catalog *cat, gr_error *err) {
  return load_blobs(cat, gr__history, gr__history_count, "gr_catalog_load_history", err);
}

static int file_index(const gr_catalog *cat, const char *file) {
  for (size_t i = 0; i < cat->nfiles; i++)
    if (cat->files[i] == file || strcmp(cat->files[i], file) == 0) return (int)i;
  return -1;
}

/* Diagnostics sort by file (in load order), line and column; stably, so
 * that messages at one place keep the order they were found in. */
static int diag_cmp(const void *a, const void *b, void *ctx) {
  const gr_catalog *cat = ctx;
  const gr_diag *x = a, *y = b;
  int fx = file_index(cat, x->file), fy = file_index(cat, y->file);
  if (fx != fy) return fx < fy ? -1 : 1;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  return x->column < y->column ? -1 : x->column > y->column;
}

static void sort_diags(gr_catalog *cat) { gr__sort(cat->diags, cat->ndiags, sizeof *cat->diags, diag_cmp, cat); }

gr_status gr_catalog_validate(gr_catalog *cat, gr_error *err) {
  if (cat == NULL) return gr__fail(err, GR_E_ARG, "gr_catalog_validate: NULL argument");
  if (!cat->validated) {
    gr__validate(cat);
    cat->validated = 1;
    sort_diags(cat);
  }
  if (cat->oom) return gr__fail(err, GR_E_NOMEM, "%s", gr_strerror(GR_E_NOMEM));
  if (gr_catalog_diag_count_severity(cat, GR_SEV_ERROR) > 0) return first_error(cat, 0, GR_E_INVALID, err);
  gr__ok(err);
  return GR_OK;
}

bool gr_catalog_is_valid(const gr_catalog *cat) {
  return cat != NULL && cat->validated && !cat->oom && gr_catalog_diag_count_severity(cat, GR_SEV_ERROR) == 0;
}

gr_status gr__catalog_ready(const gr_catalog *cat, const char *fn, gr_error *err) {
  if (cat == NULL) return gr__fail(err, GR_E_ARG, "%s: NULL catalog", fn);
  if (!cat->validated)
    return gr__fail(err, GR_E_MISUSE, "%s: the catalog has not been validated: call gr_catalog_validate() after "
                                     "the last load", fn);
  if (!gr_catalog_is_valid(cat))
    return gr__fail(err, GR_E_MISUSE, "%s: the catalog has errors (gr_catalog_validate() failed): the engines "
                                     "need a valid one", fn);
  return GR_OK;
}

gr_status gr__catalog_has(const gr_catalog *cat, gr_record_kind kind, const void *rec, const char *fn, gr_error *err) {
  if (rec == NULL) return gr__fail(err, GR_E_ARG, "%s: NULL %s", fn, gr_record_kind_name(kind));
  const char *id = gr__record_id(kind, rec);
  if (id == NULL || gr_catalog_find(cat, kind, id) != rec)
    return gr__fail(err, GR_E_MISUSE, "%s: the %s '%s' is not one of this catalog's", fn, gr_record_kind_name(kind),
                    id ? id : "?");
  return GR_OK;
}

/* ---- Lookups ------------------------------------------------------------ */

size_t gr_catalog_count(const gr_catalog *cat, gr_record_kind kind) {
  if (cat == NULL || (int)kind < 0 || kind >= GR_REC__COUNT) return 0;
  return cat->recs[kind].n;
}

const void *gr_catalog_at(const gr_catalog *cat, gr_record_kind kind, size_t i) {
  if (i >= gr_catalog_count(cat, kind)) return NULL;
  return cat->recs[kind].items[i];
}

bool gr_catalog_at_builtin(const gr_catalog *cat, gr_record_kind kind, size_t i) {
  if (i >= gr_catalog_count(cat, kind)) return false;
  return cat->recs[kind].builtin[i] != 0;
}

long gr__record_index(const gr_catalog *cat, gr_record_kind kind, const char *id) {
  return find_index(cat, kind, id);
}

const void *gr_catalog_find(const gr_catalog *cat, gr_record_kind kind, const char *id) {
  if (cat == NULL || id == NULL || (int)kind < 0 || kind >= GR_REC__COUNT) return NULL;
  long i = find_index(cat, kind, id);
  return i < 0 ? NULL : cat->recs[kind].items[i];
}

const void *gr_catalog_lookup(const gr_catalog *cat, const char *id, gr_record_kind *kind) {
  gr_record_kind k;
  size_t at;
  if (cat == NULL || id == NULL || !indexed(cat, id, &k, &at)) return NULL;
  if (kind) *kind = k;
  return cat->recs[k].items[at];
}

size_t gr_catalog_suggest(const gr_catalog *cat, gr_record_kind kind, const char *id,
                          const char **out, size_t max) {
  if (cat == NULL || id == NULL || out == NULL || max == 0) return 0;
  size_t len = strlen(id);
  size_t cap = gr__suggest_cap(len);
  size_t n = 0;
  size_t dist[16];
  if (max > 16) max = 16;
  for (int k = 0; k < GR_REC__COUNT; k++) {
    if (kind != GR_REC__COUNT && k != (int)kind) continue;
    for (size_t i = 0; i < cat->recs[k].n; i++) {
      const void *rec = cat->recs[k].items[i];
      const char *cand = gr__record_id((gr_record_kind)k, rec);
      size_t d = gr__edit_distance(id, cand, cap);
      /* A name or alias equal to the word is as good as the id itself. */
      if (k == GR_REC_ACTOR) {
        const gr_actor *a = rec;
        /* A record that failed to load may lack its name. */
        if (a->name != NULL && strcasecmp(a->name, id) == 0) d = 0;
        for (size_t j = 0; j < a->aliases.n; j++)
          if (strcasecmp(a->aliases.items[j], id) == 0) d = 0;
      } else if (k == GR_REC_REGION) {
        const gr_region *r = rec;
        if (r->name != NULL && strcasecmp(r->name, id) == 0) d = 0;
        for (size_t j = 0; j < r->aliases.n; j++)
          if (strcasecmp(r->aliases.items[j], id) == 0) d = 0;
      } else if (len >= 4 && strstr(cand, id) != NULL) {
        d = d < cap ? d : cap; /* A fragment of a long id. */
      }
      if (d > cap) continue;
      size_t at = n < max ? n++ : max;
      if (at == max) {
        if (d >= dist[max - 1]) continue;
        at = max - 1;
      }
      while (at > 0 && dist[at - 1] > d) {
        out[at] = out[at - 1];
        dist[at] = dist[at - 1];
        at--;
      }
      out[at] = cand;
      dist[at] = d;
    }
  }
  return n;
}

const char *gr_record_id(gr_record_kind kind, const void *record) {
  if ((int)kind < 0 || kind >= GR_REC__COUNT || record == NULL) return NULL;
  return gr__record_id(kind, record);
}

const gr_pos *gr_record_pos(gr_record_kind kind, const void *record) {
  if ((int)kind < 0 || kind >= GR_REC__COUNT || record == NULL) return NULL;
  return gr__record_pos(kind, record);
}

const gr_actor *gr_catalog_actor(const gr_catalog *cat, const char *id) {
  return gr_catalog_find(cat, GR_REC_ACTOR, id);
}
const gr_region *gr_catalog_region(const gr_catalog *cat, const char *id) {
  return gr_catalog_find(cat, GR_REC_REGION, id);
}
const gr_arrangement *gr_catalog_arrangement(const gr_catalog *cat, const char *id) {
  return gr_catalog_find(cat, GR_REC_ARRANGEMENT, id);
}
const gr_position *gr_catalog_position(const gr_catalog *cat, const char *id) {
  return gr_catalog_find(cat, GR_REC_POSITION, id);
}
const gr_event *gr_catalog_event(const gr_catalog *cat, const char *id) {
  return gr_catalog_find(cat, GR_REC_EVENT, id);
}
const gr_parameter *gr_catalog_parameter(const gr_catalog *cat, const char *id) {
  return gr_catalog_find(cat, GR_REC_PARAMETER, id);
}
const gr_document *gr_catalog_document(const gr_catalog *cat, const char *id) {
  return gr_catalog_find(cat, GR_REC_DOCUMENT, id);
}

/* Membership followed without memory to spare: depth first, each path at
 * most as long as there are actors, so it ends even on a cycle; linear on
 * the chains and trees of real catalogs. */
static bool actor_in_slowly(const gr_catalog *cat, const gr_actor *a, const char *group_id, size_t depth) {
  if (depth > cat->recs[GR_REC_ACTOR].n) return false;
  for (size_t i = 0; i < a->memberships.n; i++) {
    const char *m = a->memberships.items[i];
    if (strcmp(m, group_id) == 0) return true;
    const gr_actor *g = gr_catalog_actor(cat, m);
    if (g && actor_in_slowly(cat, g, group_id, depth + 1)) return true;
  }
  return false;
}

bool gr_catalog_actor_in(const gr_catalog *cat, const char *actor_id, const char *group_id) {
  if (cat == NULL || actor_id == NULL || group_id == NULL) return false;
  if (strcmp(actor_id, group_id) == 0) return true;
  long start = find_index(cat, GR_REC_ACTOR, actor_id);
  if (start < 0) return false;
  /* Breadth first through memberships, each actor once: linear in the
   * membership graph whatever its shape (memberships sharing groups, or a
   * cycle in a catalog not yet validated, cannot make it exponential). */
  size_t n = cat->recs[GR_REC_ACTOR].n;
  size_t *queue = malloc(n * sizeof *queue);
  unsigned char *seen = calloc(n, 1);
  if (queue == NULL || seen == NULL) {
    free(queue);
    free(seen);
    return actor_in_slowly(cat, cat->recs[GR_REC_ACTOR].items[start], group_id, 0);
  }
  bool found = false;
  size_t head = 0, tail = 0;
  queue[tail++] = (size_t)start;
  seen[start] = 1;
  while (head < tail && !found) {
    const gr_actor *a = cat->recs[GR_REC_ACTOR].items[queue[head++]];
    for (size_t i = 0; i < a->memberships.n && !found; i++) {
      const char *m = a->memberships.items[i];
      found = strcmp(m, group_id) == 0;
      long j = find_index(cat, GR_REC_ACTOR, m);
      if (j >= 0 && !seen[j]) {
        seen[j] = 1;
        queue[tail++] = (size_t)j;
      }
    }
  }
  free(queue);
  free(seen);
  return found;
}

/* ---- Dated attributes (docs/backtest.md, section 1) -------------------- */

static int year_of(gr_date date) { return (int)(date / 10000); }

/* The personnel figure of year `y` exactly (the actor's own or a
 * capabilities record's), when there is no earlier year at all. */
static bool first_year_figure(const gr_catalog *cat, const gr_actor *a, int y, double *v, int *year,
                              const gr_source **src) {
  bool found = false;
  if (a->personnel.given && a->personnel.year > 0 && a->personnel.year < y) return false;
  if (a->personnel.given && a->personnel.year == y) *v = a->personnel.value, *year = y, *src = &a->personnel.source, found = true;
  for (size_t i = 0; i < cat->recs[GR_REC_CAPABILITIES].n; i++) {
    const gr_capabilities *c = cat->recs[GR_REC_CAPABILITIES].items[i];
    if (c->actor == NULL || strcmp(c->actor, a->id) != 0) continue;
    for (size_t k = 0; k < c->years.n; k++) {
      const gr_capability_year *cy = &c->years.items[k];
      if (!GR_GIVEN(cy, GR_KEY_CAPABILITY_YEAR_PERSONNEL)) continue;
      if (cy->year < y) return false; /* An earlier year exists after all. */
      if (cy->year == y && !found) {
        *v = cy->personnel, *year = y, found = true;
        *src = GR_GIVEN(cy, GR_KEY_CAPABILITY_YEAR_SOURCE) ? &cy->source : &c->source;
      }
    }
  }
  return found;
}

bool gr_catalog_personnel(const gr_catalog *cat, const char *actor_id, gr_date date, double *value, int *year,
                          const gr_source **source) {
  const gr_actor *a = gr_catalog_actor(cat, actor_id);
  if (a == NULL || (a->type != GR_ACTOR_STATE && a->type != GR_ACTOR_TERRITORY)) return false;
  double v = 0;
  int y = 0;
  const gr_source *src = NULL;
  bool found = false;
  if (a->type == GR_ACTOR_TERRITORY) {
    found = true;
  } else {
    /* A year's figures are known once it is over: the latest year before
     * the date's. */
    int limit = date ? year_of(date) - 1 : INT_MAX;
    /* The actor's own figure first: at an equal year it is the one kept. */
    bool dated_own = a->personnel.given && a->personnel.year > 0;
    if (dated_own && a->personnel.year <= limit) {
      v = a->personnel.value, y = a->personnel.year, src = &a->personnel.source, found = true;
    }
    /* A user's record gives the year over a built-in one. */
    bool user = dated_own;
    for (size_t i = 0; i < cat->recs[GR_REC_CAPABILITIES].n; i++) {
      const gr_capabilities *c = cat->recs[GR_REC_CAPABILITIES].items[i];
      bool mine = !cat->recs[GR_REC_CAPABILITIES].builtin[i];
      if (c->actor == NULL || strcmp(c->actor, a->id) != 0) continue;
      for (size_t k = c->years.n; k-- > 0;) {
        const gr_capability_year *cy = &c->years.items[k];
        if (cy->year > limit || !GR_GIVEN(cy, GR_KEY_CAPABILITY_YEAR_PERSONNEL)) continue;
        if (!found || cy->year > y || (cy->year == y && mine && !user)) {
          v = cy->personnel, y = cy->year, found = true, user = mine;
          src = GR_GIVEN(cy, GR_KEY_CAPABILITY_YEAR_SOURCE) ? &cy->source : &c->source;
        }
        break; /* Years are in order: the first one not after the limit is this record's latest. */
      }
    }
    /* A state new to the tables (Kuwait, independent in June 1961) has
     * no year before its first: that first year's figure, when the date
     * falls in it. */
    if (!found && date) {
      double fv;
      int fy;
      const gr_source *fs;
      if (first_year_figure(cat, a, year_of(date), &fv, &fy, &fs)) v = fv, y = fy, src = fs, found = true;
    }
    if (!found && a->personnel.given && a->personnel.year <= 0) {
      v = a->personnel.value, y = 0, src = &a->personnel.source, found = true;
    }
  }
  if (!found) return false;
  if (value) *value = v;
  if (year) *year = y;
  if (source) *source = src;
  return true;
}

bool gr_catalog_cinc(const gr_catalog *cat, const char *actor_id, gr_date date, double *value, int *year,
                     const gr_source **source) {
  const gr_actor *a = gr_catalog_actor(cat, actor_id);
  if (a == NULL || a->type != GR_ACTOR_STATE) return false;
  int limit = date ? year_of(date) - 1 : INT_MAX, y = 0, first = INT_MAX;
  double v = 0, fv = 0;
  bool found = false, user = false, ffound = false;
  const gr_source *src = NULL, *fsrc = NULL;
  for (size_t i = 0; i < cat->recs[GR_REC_CAPABILITIES].n; i++) {
    const gr_capabilities *c = cat->recs[GR_REC_CAPABILITIES].items[i];
    bool mine = !cat->recs[GR_REC_CAPABILITIES].builtin[i];
    if (c->actor == NULL || strcmp(c->actor, a->id) != 0) continue;
    for (size_t k = 0; k < c->years.n; k++) {
      const gr_capability_year *cy = &c->years.items[k];
      if (!GR_GIVEN(cy, GR_KEY_CAPABILITY_YEAR_CINC)) continue;
      const gr_source *s = GR_GIVEN(cy, GR_KEY_CAPABILITY_YEAR_SOURCE) ? &cy->source : &c->source;
      if (cy->year < first || (cy->year == first && mine)) first = cy->year, fv = cy->cinc, fsrc = s, ffound = true;
      if (cy->year > limit) continue;
      if (!found || cy->year > y || (cy->year == y && mine && !user))
        v = cy->cinc, y = cy->year, src = s, found = true, user = mine;
    }
  }
  /* A state new to the tables: its first year's figure, when the date
   * falls in that year (as for personnel). */
  if (!found && date && ffound && first == year_of(date)) v = fv, y = first, src = fsrc, found = true;
  if (!found) return false;
  if (value) *value = v;
  if (year) *year = y;
  if (source) *source = src;
  return true;
}

bool gr_actor_nuclear_at(const gr_actor *actor, gr_date date) {
  if (actor == NULL || !actor->nuclear) return false;
  if (!GR_GIVEN(actor, GR_KEY_ACTOR_NUCLEAR_SINCE) || date == 0) return true;
  return date >= actor->nuclear_since;
}
