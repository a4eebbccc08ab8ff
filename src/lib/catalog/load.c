/*
 * The loader: bytes -> checks on the raw input -> YAML events (libfyaml) ->
 * a small tree with 1-based positions -> records, following the schemas of
 * schema.c. Every problem becomes a diagnostic and loading goes on, so one
 * run reports them all.
 *
 * libfyaml's document API (0.7) does not expose the position of mapping and
 * sequence nodes, which every message needs; its event API does, so the
 * loader builds its own tree from events.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfyaml.h>
#include <utf8proc.h>

#include "catalog/catalog_int.h"

/* ---- Diagnostics from the loader ------------------------------------- */

/* The loader's state while it reads one file; its sink receives the
 * schema checks' messages. */
typedef struct loader {
  gr__sink sink; /* First: the sink's callback finds the loader from it. */
  gr_catalog *cat;
  const char *file; /* Arena copy of the file name. */
  size_t errors;    /* Errors this file added. */
} loader;

static void loader_emit(gr__sink *sink, gr_severity sev, const gr_pos *pos, const char *message) {
  loader *ld = (loader *)(void *)sink;
  gr__diag(ld->cat, sev, pos, "%s", message);
  if (sev == GR_SEV_ERROR) ld->errors++;
}

static void load_error(loader *ld, const gr_pos *pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void load_error(loader *ld, const gr_pos *pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  gr__vdiag(ld->cat, GR_SEV_ERROR, pos, fmt, ap);
  va_end(ap);
  ld->errors++;
}

/* ---- The tree ------------------------------------------------------- */

enum { Y_SCALAR, Y_MAP, Y_SEQ };

typedef struct ynode {
  int type;
  int quoted; /* Scalar written in quotes (or as a block scalar). */
  gr_pos pos;
  const char *text; /* Scalar text, NUL-terminated. */
  size_t len;
  struct ynode **kids; /* MAP: key, value, key, value...; SEQ: items. */
  size_t n, cap;
} ynode;

typedef struct tree {
  gr__arena arena; /* Freed when the file is done. */
  loader *ld;
  int oom;
} tree;

static ynode *ynode_new(tree *t, int type, const gr_pos *pos) {
  ynode *y = gr__arena_alloc(&t->arena, sizeof *y);
  if (y == NULL) {
    t->oom = 1;
    return NULL;
  }
  y->type = type;
  y->pos = *pos;
  return y;
}

static int ynode_push(tree *t, ynode *parent, ynode *kid) {
  if (parent->n == parent->cap) {
    size_t cap = parent->cap ? parent->cap * 2 : 8;
    ynode **k = gr__arena_alloc(&t->arena, cap * sizeof *k);
    if (k == NULL) {
      t->oom = 1;
      return -1;
    }
    if (parent->n) memcpy(k, parent->kids, parent->n * sizeof *k);
    parent->kids = k;
    parent->cap = cap;
  }
  parent->kids[parent->n++] = kid;
  return 0;
}

static const char *type_name(const ynode *y) {
  switch (y->type) {
  case Y_MAP: return "a mapping";
  case Y_SEQ: return "a list";
  default: return y->quoted ? "a string" : "a scalar";
  }
}

/* Position of an event, 1-based (libfyaml's marks are 0-based). */
static gr_pos event_pos(loader *ld, struct fy_event *fye) {
  const struct fy_mark *m = NULL;
  if (fye->type == FYET_SCALAR && fye->scalar.value != NULL)
    m = fy_token_start_mark(fye->scalar.value);
  if (m == NULL) m = fy_event_start_mark(fye);
  gr_pos p = {ld->file, m ? m->line + 1 : 0, m ? m->column + 1 : 0};
  /* libfyaml marks a quoted scalar after its opening quote and an alias
   * after its '*'; point at the first character the user typed. */
  if (m != NULL && p.column > 1) {
    if (fye->type == FYET_ALIAS) p.column--;
    if (fye->type == FYET_SCALAR && fye->scalar.value != NULL) {
      enum fy_scalar_style st = fy_token_scalar_style(fye->scalar.value);
      if (st == FYSS_SINGLE_QUOTED || st == FYSS_DOUBLE_QUOTED) p.column--;
    }
  }
  return p;
}

/* Parse `len` bytes into a tree; NULL when the YAML is malformed (the
 * errors are reported) or holds no document. */
static ynode *build_tree(tree *t, const char *data, size_t len, int json) {
  loader *ld = t->ld;
  struct fy_diag_cfg dcfg;
  fy_diag_cfg_default(&dcfg);
  dcfg.fp = NULL;
  dcfg.colorize = false;
  struct fy_diag *diag = fy_diag_create(&dcfg);
  if (diag == NULL) {
    t->oom = 1;
    return NULL;
  }
  fy_diag_set_collect_errors(diag, true);
  struct fy_parse_cfg pcfg;
  memset(&pcfg, 0, sizeof pcfg);
  pcfg.flags = FYPCF_QUIET | (json ? FYPCF_JSON_FORCE : FYPCF_JSON_NONE);
  pcfg.diag = diag;
  struct fy_parser *fyp = fy_parser_create(&pcfg);
  if (fyp == NULL || fy_parser_set_string(fyp, data, len) != 0) {
    if (fyp) fy_parser_destroy(fyp);
    fy_diag_destroy(diag);
    t->oom = 1;
    return NULL;
  }

  ynode *root = NULL;
  ynode *stack[256];
  int depth = 0, docs = 0, failed = 0, ended = 0;
  struct fy_event *fye;
  gr_pos last = {ld->file, 1, 1};
  /* libfyaml reports a failed allocation as a stream error, often with no
   * message; malloc's errno tells it from malformed YAML. */
  errno = 0;
  while ((fye = fy_parser_parse(fyp)) != NULL) {
    gr_pos pos = event_pos(ld, fye);
    /* An empty value (`key:` and nothing) has no mark: use its key's. */
    if (pos.line == 0) pos = last;
    else if (fye->type == FYET_SCALAR) last = pos;
    ynode *y = NULL;
    /* Tags (!!str 5000) would change what a value is; rather than ignore
     * them, refuse them. */
    struct fy_token *tag = fye->type == FYET_SCALAR           ? fye->scalar.tag
                           : fye->type == FYET_MAPPING_START  ? fye->mapping_start.tag
                           : fye->type == FYET_SEQUENCE_START ? fye->sequence_start.tag
                                                              : NULL;
    if (tag != NULL) {
      /* As written: a handle and a suffix (!!str), or a verbatim tag. */
      size_t hn = 0, sn = 0;
      const char *h = fy_tag_token_handle(tag, &hn), *sfx = fy_tag_token_suffix(tag, &sn);
      if (h == NULL || sfx == NULL) {
        h = "!";
        hn = 1;
        sfx = "";
        sn = 0;
      }
      const struct fy_mark *tm = fy_token_start_mark(tag);
      gr_pos tp = tm ? (gr_pos){ld->file, tm->line + 1, tm->column + 1} : pos;
      load_error(ld, &tp, "YAML tags (%.*s%.*s) are not supported: write the value plainly", (int)hn, h, (int)sn,
                 sfx);
      failed = 1;
    }
    switch (fye->type) {
    case FYET_STREAM_END:
      ended = 1;
      break;
    case FYET_DOCUMENT_START:
      if (++docs == 2) {
        load_error(ld, &pos, "a file holds one YAML document; found a second one");
        failed = 1;
      }
      break;
    case FYET_MAPPING_START:
    case FYET_SEQUENCE_START:
      y = ynode_new(t, fye->type == FYET_MAPPING_START ? Y_MAP : Y_SEQ, &pos);
      break;
    case FYET_SCALAR: {
      size_t n = 0;
      const char *s = fy_token_get_text(fye->scalar.value, &n);
      if (s != NULL && memchr(s, '\0', n) != NULL) {
        load_error(ld, &pos, "a NUL character (written as an escape) is not allowed in text");
        failed = 1;
      }
      y = ynode_new(t, Y_SCALAR, &pos);
      if (y != NULL) {
        y->text = gr__arena_strndup(&t->arena, s ? s : "", s ? n : 0);
        y->len = s ? n : 0;
        y->quoted = fy_token_scalar_style(fye->scalar.value) != FYSS_PLAIN;
        if (y->text == NULL) t->oom = 1;
      }
      break;
    }
    case FYET_ALIAS:
      load_error(ld, &pos, "YAML aliases (*name) are not supported: write the value out");
      failed = 1;
      y = ynode_new(t, Y_SCALAR, &pos);
      if (y != NULL) y->text = "";
      break;
    case FYET_MAPPING_END:
    case FYET_SEQUENCE_END:
      if (depth > 0) depth--;
      break;
    default:
      break;
    }
    fy_parser_event_free(fyp, fye);
    if (t->oom) break;
    if (y == NULL || docs > 1) continue;
    if (depth == 0) {
      if (root == NULL) root = y;
    } else if (ynode_push(t, stack[depth - 1], y) != 0) {
      break;
    }
    if (y->type != Y_SCALAR) {
      if (depth == (int)(sizeof stack / sizeof stack[0])) {
        load_error(ld, &pos, "nesting deeper than %d levels", depth);
        failed = 1;
        break;
      }
      stack[depth++] = y;
    }
  }

  if (fy_parser_get_stream_error(fyp) && errno == ENOMEM) {
    t->oom = 1;
  } else if (fy_parser_get_stream_error(fyp)) {
    void *iter = NULL;
    struct fy_diag_error *de;
    int reported = 0;
    while ((de = fy_diag_errors_iterate(diag, &iter)) != NULL) {
      gr_pos p = {ld->file, de->line, de->column};
      load_error(ld, &p, "malformed YAML: %s", de->msg ? de->msg : "syntax error");
      reported = 1;
    }
    if (!reported) {
      gr_pos p = {ld->file, 0, 0};
      load_error(ld, &p, "malformed YAML");
    }
    failed = 1;
  } else if (!ended && !failed && !t->oom) {
    /* The parser stopped with no error and no end: it could not allocate. */
    t->oom = 1;
  }
  fy_parser_destroy(fyp);
  fy_diag_destroy(diag);
  return failed ? NULL : root;
}

/* ---- Raw input checks ------------------------------------------------ */

/* Line and column (1-based, in characters) of byte offset `off`. */
static gr_pos offset_pos(loader *ld, const char *data, size_t off) {
  gr_pos p = {ld->file, 1, 1};
  for (size_t i = 0; i < off; i++) {
    if (data[i] == '\n') {
      p.line++;
      p.column = 1;
    } else if (((unsigned char)data[i] & 0xC0) != 0x80) {
      p.column++;
    }
  }
  return p;
}

const char *gr__register_file(gr_catalog *cat, const char *name) {
  const char *copy = gr__arena_strdup(&cat->arena, name);
  if (copy == NULL) return NULL;
  if (cat->nfiles == cat->capfiles) {
    size_t cap = cat->capfiles ? cat->capfiles * 2 : 16;
    const char **f = realloc(cat->files, cap * sizeof *f);
    if (f == NULL) return NULL;
    cat->files = f;
    cat->capfiles = cap;
  }
  cat->files[cat->nfiles++] = copy;
  return copy;
}

void gr__report_too_large(gr_catalog *cat, const char *name, size_t size) {
  gr_pos top = {name, 1, 1};
  gr__diag(cat, GR_SEV_ERROR, &top, "file too large to be a spec (%zu bytes; the limit is %u)", size,
           GR_MAX_INPUT_BYTES);
}

static bool is_blank_or_end(const char *data, size_t len, size_t i) {
  return i >= len || data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n';
}

/*
 * libfyaml 0.7.12 (Debian's) frees a simple key twice, corrupting the heap,
 * when a value indicator ':' inside an open complex key ('? ') is followed
 * on its line by whitespace holding a tab and then a block indicator
 * ('-', '?', ':', '|', '>'): "? s:<TAB>-" crashes any program parsing it.
 * Such a line is an error in YAML anyway (a tab may not indent a block
 * entry), so a file with both an indicator '?' and such a tab is refused
 * here, before the parser sees it. The test over-approximates on purpose
 * (quotes, comments and flow collections are not told apart): a false
 * refusal says what to change; a miss would crash.
 */
static int check_tab_after_value(loader *ld, const char *data, size_t len) {
  bool complex_key = false;
  for (size_t i = 0; i < len && !complex_key; i++)
    complex_key = data[i] == '?' && is_blank_or_end(data, len, i + 1);
  if (!complex_key) return 0;
  for (size_t i = 0; i < len; i++) {
    if (data[i] != ':') continue;
    size_t j = i + 1, tab = 0;
    bool found = false;
    for (; j < len && (data[j] == ' ' || data[j] == '\t'); j++)
      if (data[j] == '\t' && !found) {
        found = true;
        tab = j;
      }
    if (!found || j == i + 1 || j >= len) continue;
    char c = data[j];
    if (c == '?' || c == ':' || c == '|' || c == '>' || (c == '-' && is_blank_or_end(data, len, j + 1))) {
      gr_pos p = offset_pos(ld, data, tab);
      load_error(ld, &p, "a tab between ':' and '%c' in a file with a complex key ('? '): use spaces (YAML forbids "
                         "tabs as indentation, and the parser cannot recover from this one)", c);
      return -1;
    }
  }
  return 0;
}

static int check_raw(loader *ld, const char *data, size_t len) {
  gr_pos top = {ld->file, 1, 1};
  if (len > GR_MAX_INPUT_BYTES) {
    gr__report_too_large(ld->cat, ld->file, len);
    ld->errors++;
    return -1;
  }
  const char *nul = memchr(data, '\0', len);
  if (nul != NULL) {
    gr_pos p = offset_pos(ld, data, (size_t)(nul - data));
    load_error(ld, &p, "binary file: NUL byte at offset %zu", (size_t)(nul - data));
    return -1;
  }
  size_t i = 0;
  while (i < len) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)data + i,
                                          (utf8proc_ssize_t)(len - i), &cp);
    if (n < 0) {
      gr_pos p = offset_pos(ld, data, i);
      load_error(ld, &p, "invalid UTF-8 (byte 0x%02X at offset %zu)",
                     (unsigned)(unsigned char)data[i], i);
      return -1;
    }
    i += (size_t)n;
  }
  int blank = 1;
  for (i = 0; i < len && blank; i++) {
    if (data[i] == '#') {
      while (i < len && data[i] != '\n') i++;
    } else if (data[i] != ' ' && data[i] != '\t' && data[i] != '\r' && data[i] != '\n') {
      blank = 0;
    }
  }
  if (blank) {
    load_error(ld, &top, "file is empty: expected records such as 'actors:' or 'arrangement:'");
    return -1;
  }
  return check_tab_after_value(ld, data, len);
}

/* ---- Scalars ----------------------------------------------------------- */

static int want_scalar(loader *ld, const ynode *y, const char *what) {
  if (y->type == Y_SCALAR) return 0;
  load_error(ld, &y->pos, "'%s' must be a single value, found %s", what, type_name(y));
  return -1;
}

static int is_null(const ynode *y) {
  return y->type == Y_SCALAR && !y->quoted &&
         (y->len == 0 || strcmp(y->text, "~") == 0 || strcmp(y->text, "null") == 0 ||
          strcmp(y->text, "Null") == 0 || strcmp(y->text, "NULL") == 0);
}

static int valid_id(const char *s, size_t len) {
  if (len == 0 || len > 64) return 0;
  unsigned char c0 = (unsigned char)s[0];
  if (!((c0 >= 'A' && c0 <= 'Z') || (c0 >= 'a' && c0 <= 'z') || (c0 >= '0' && c0 <= '9'))) return 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_' || c == '.'))
      return 0;
  }
  return 1;
}

/* A number written plainly; rejects .nan/.inf and their C spellings. */
static int parse_number(loader *ld, const ynode *y, const char *what, double *out) {
  if (want_scalar(ld, y, what) != 0) return -1;
  const char *s = y->text;
  if (y->quoted) {
    load_error(ld, &y->pos, "'%s' must be a number, found the string \"%s\"", what, s);
    return -1;
  }
  const char *t = s[0] == '-' || s[0] == '+' ? s + 1 : s;
  if (strcmp(t, ".nan") == 0 || strcmp(t, ".NaN") == 0 || strcmp(t, ".NAN") == 0 ||
      strcmp(t, ".inf") == 0 || strcmp(t, ".Inf") == 0 || strcmp(t, ".INF") == 0) {
    load_error(ld, &y->pos, "'%s' must be a finite number, not %s", what, s);
    return -1;
  }
  char *end = NULL;
  errno = 0;
  double v = strtod(s, &end);
  int alpha_in = 0;
  for (const char *c = t; *c; c++)
    if ((*c >= 'a' && *c <= 'z' && *c != 'e') || (*c >= 'A' && *c <= 'Z' && *c != 'E')) alpha_in = 1;
  if (y->len == 0 || end == s || *end != '\0' || alpha_in) {
    load_error(ld, &y->pos, "'%s' must be a number, not '%s'", what, s);
    return -1;
  }
  if (!isfinite(v) || errno == ERANGE) {
    load_error(ld, &y->pos, "'%s' must be a finite number, not %s", what, s);
    return -1;
  }
  *out = v;
  return 0;
}

static int parse_date(loader *ld, const ynode *y, const char *what, gr_date *out) {
  if (want_scalar(ld, y, what) != 0) return -1;
  switch (gr__date_read(y->text, y->len, out)) {
  case GR__DATE_OK: return 0;
  case GR__DATE_FORMAT: load_error(ld, &y->pos, "'%s' must be a date as YYYY-MM-DD, not '%s'", what, y->text); break;
  case GR__DATE_RANGE:
    load_error(ld, &y->pos, "'%s' must be between %d-01-01 and %d-12-31, not %s", what, GR__YEAR_MIN, GR__YEAR_MAX,
               y->text);
    break;
  case GR__DATE_INVALID: load_error(ld, &y->pos, "'%s' is not a valid date: %s", what, y->text); break;
  }
  return -1;
}

/* "did you mean" over a table's terms, or the list of terms. */
static void enum_error(loader *ld, const ynode *y, const char *what, int table) {
  const gr_table *t = gr_table_get((gr_table_id)table);
  const char *cands[64];
  size_t n = t->count < 64 ? t->count : 64;
  for (size_t i = 0; i < n; i++) cands[i] = t->terms[i].name;
  const char *best = gr__closest(y->text, cands, n);
  if (best != NULL) {
    load_error(ld, &y->pos, "unknown %s '%s' for '%s' (did you mean '%s'?)", t->name, y->text,
                   what, best);
    return;
  }
  char list[1024];
  size_t used = 0;
  list[0] = '\0';
  for (size_t i = 0; i < n && used < sizeof list; i++)
    used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", cands[i]);
  load_error(ld, &y->pos, "unknown %s '%s' for '%s' (expected one of: %s)", t->name, y->text,
                 what, list);
}

/* ---- Schema-driven parsing ------------------------------------------- */

static int parse_object(loader *ld, tree *t, const gr__schema *s, const ynode *y, void *obj,
                        const char *outer);

static void set_given(const gr__schema *s, void *obj, size_t i) {
  uint64_t mask;
  memcpy(&mask, (char *)obj + s->given_off, sizeof mask);
  mask |= (uint64_t)1 << i;
  memcpy((char *)obj + s->given_off, &mask, sizeof mask);
}

static void range_check(loader *ld, const gr__field *f, const gr_pos *pos, double v) {
  if ((f->flags & GR__RANGE) && (v < f->min || v > f->max))
    load_error(ld, pos, "'%s' must be between %.15g and %.15g, not %.15g", f->key, f->min,
                   f->max, v);
}

/* Whether text[0..len) (valid UTF-8) holds a character a terminal acts on
 * other than tab and line feed; its code point into *cp. */
static bool control_char(const char *text, size_t len, unsigned *cp) {
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
  for (size_t i = 0; i < len;) {
    if (p[i] >= 0x20 && p[i] < 0x7f) { /* Printable ASCII: most of any text. */
      i++;
      continue;
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
    if (n <= 0) return false; /* Checked as UTF-8 before; not reached. */
    if (c != '\t' && c != '\n' && gr__acts_on_display((uint32_t)c)) {
      *cp = (unsigned)c;
      return true;
    }
    i += (size_t)n;
  }
  return false;
}

/* Parse one value of type `type` (an element type when in a list) from `y`
 * into `dst`. Returns 0 on success. */
static int parse_value(loader *ld, tree *t, const gr__field *f, gr__ftype type, const ynode *y,
                       void *dst) {
  gr_catalog *cat = ld->cat;
  if (is_null(y)) {
    load_error(ld, &y->pos, "'%s' has no value", f->key);
    return -1;
  }
  switch (type) {
  case GR__F_STR:
  case GR__F_ID:
  case GR__F_REF: {
    if (want_scalar(ld, y, f->key) != 0) return -1;
    if (type != GR__F_STR && !valid_id(y->text, y->len)) {
      load_error(ld, &y->pos,
                     "'%s' is not a valid id for '%s' (letters, digits, '-', '_', '.'; at most 64)",
                     y->text, f->key);
      return -1;
    }
    if (type == GR__F_STR && y->len > 65536) {
      load_error(ld, &y->pos, "'%s' is longer than 65536 bytes", f->key);
      return -1;
    }
    if (type == GR__F_STR && strspn(y->text, " \t\r\n") == y->len) {
      load_error(ld, &y->pos, "'%s' is empty", f->key);
      return -1;
    }
    unsigned cp;
    if (type == GR__F_STR && control_char(y->text, y->len, &cp)) {
      /* Text is printed on terminals: an escape sequence in a title could
       * rewrite what the user sees. */
      load_error(ld, &y->pos, "'%s' contains a control character (U+%04X): remove it", f->key, cp);
      return -1;
    }
    char *copy = gr__arena_strndup(&cat->arena, y->text, y->len);
    if (copy == NULL) {
      cat->oom = 1;
      return -1;
    }
    memcpy(dst, &copy, sizeof copy);
    if (type == GR__F_REF) gr__ref_add(cat, f->ref, f->flags & GR__GROUP, copy, &y->pos);
    return 0;
  }
  case GR__F_INT: {
    double v;
    if (parse_number(ld, y, f->key, &v) != 0) return -1;
    if (v != floor(v) || fabs(v) > 2e9) {
      load_error(ld, &y->pos, "'%s' must be a whole number, not %s", f->key, y->text);
      return -1;
    }
    range_check(ld, f, &y->pos, v);
    int iv = (int)v;
    memcpy(dst, &iv, sizeof iv);
    return 0;
  }
  case GR__F_NUM: {
    double v;
    if (parse_number(ld, y, f->key, &v) != 0) return -1;
    range_check(ld, f, &y->pos, v);
    memcpy(dst, &v, sizeof v);
    return 0;
  }
  case GR__F_DATE: {
    gr_date d;
    if (parse_date(ld, y, f->key, &d) != 0) return -1;
    memcpy(dst, &d, sizeof d);
    return 0;
  }
  case GR__F_BOOL: {
    if (want_scalar(ld, y, f->key) != 0) return -1;
    bool b;
    if (!y->quoted && strcmp(y->text, "true") == 0) b = true;
    else if (!y->quoted && strcmp(y->text, "false") == 0) b = false;
    else {
      load_error(ld, &y->pos, "'%s' must be true or false, not '%s'", f->key, y->text);
      return -1;
    }
    memcpy(dst, &b, sizeof b);
    return 0;
  }
  case GR__F_ENUM: {
    if (want_scalar(ld, y, f->key) != 0) return -1;
    int v = gr_table_find((gr_table_id)f->table, y->text);
    if (v < 0) {
      enum_error(ld, y, f->key, f->table);
      return -1;
    }
    memcpy(dst, &v, sizeof v);
    return 0;
  }
  case GR__F_OBJ: {
    if (parse_object(ld, t, f->sub, y, dst, f->key) != 0) return -1;
    if ((f->flags & GR__RANGE) && f->sub->shorthand == 0) {
      /* A quantity: the range applies to its value. */
      const gr_quantity *q = dst;
      range_check(ld, f, &q->pos, q->value);
    }
    return 0;
  }
  case GR__F_LIST: {
    if (y->type != Y_SEQ) {
      load_error(ld, &y->pos, "'%s' must be a list, found %s", f->key, type_name(y));
      return -1;
    }
    if ((f->flags & GR__REQ) && !(f->flags & GR__EMPTY) && y->n == 0) {
      load_error(ld, &y->pos, "'%s' is empty: give at least one", f->key);
      return -1;
    }
    size_t esize = f->elem == GR__F_OBJ ? f->sub->size
                   : f->elem == GR__F_ENUM ? sizeof(int)
                                           : sizeof(const char *);
    void *items = NULL;
    if (y->n > 0) {
      items = gr__arena_alloc(&cat->arena, y->n * esize);
      if (items == NULL) {
        cat->oom = 1;
        return -1;
      }
    }
    int bad = 0;
    for (size_t i = 0; i < y->n; i++)
      if (parse_value(ld, t, f, f->elem, y->kids[i], (char *)items + i * esize) != 0) bad = 1;
    /* A list with a bad element (reported) is left empty, so that nothing
     * downstream meets a half-filled element. */
    size_t n = bad ? 0 : y->n;
    memcpy(dst, &items, sizeof items);
    memcpy((char *)dst + sizeof(void *), &n, sizeof n);
    return bad ? -1 : 0;
  }
  }
  return -1;
}

static void unknown_key(loader *ld, const gr__schema *s, const ynode *key) {
  const char *cands[64];
  size_t n = 0;
  for (size_t i = 0; i < s->nfields && n < 64; i++) cands[n++] = s->fields[i].key;
  const char *best = gr__closest(key->text, cands, n);
  if (best != NULL)
    load_error(ld, &key->pos, "unknown key '%s' in %s (did you mean '%s'?)", key->text, s->name,
                   best);
  else
    load_error(ld, &key->pos, "unknown key '%s' in %s", key->text, s->name);
}

/* Report a duplicate key among the first `upto` keys of mapping `y`. */
/* Report a duplicate key among the first `upto` keys of mapping `y`. A
 * large mapping (over 32 keys) is looked up through `seen`, which maps the
 * keys met so far to their places: linear overall, not quadratic. */
static int duplicate_key(loader *ld, const ynode *y, size_t upto, gr__strmap *seen) {
  const ynode *k = y->kids[upto];
  const ynode *o = NULL;
  if (y->n <= 64) {
    for (size_t j = 0; j < upto && o == NULL; j += 2)
      if (y->kids[j]->type == Y_SCALAR && strcmp(y->kids[j]->text, k->text) == 0) o = y->kids[j];
  } else {
    size_t at;
    if (gr__strmap_get(seen, k->text, &at)) o = y->kids[at];
    else if (gr__strmap_put(seen, k->text, upto) != 0) ld->cat->oom = 1;
  }
  if (o == NULL) return 0;
  load_error(ld, &k->pos, "duplicate key '%s' (first given at line %d)", k->text, o->pos.line);
  return 1;
}

/* Parse a mapping (or, where the schema allows, a bare scalar standing for
 * its shorthand key) into `obj`. `outer` is the key the object sits under,
 * named in messages about a shorthand value; NULL for a record. */
static int parse_object(loader *ld, tree *t, const gr__schema *s, const ynode *y, void *obj,
                        const char *outer) {
  gr_pos *pos = (gr_pos *)(void *)((char *)obj + s->pos_off);
  *pos = y->pos;
  size_t before = ld->errors;
  if (y->type == Y_SCALAR && s->shorthand >= 0) {
    gr__field f = s->fields[s->shorthand];
    if (outer != NULL) f.key = outer;
    if (parse_value(ld, t, &f, f.type, y, (char *)obj + f.offset) != 0) return -1;
    set_given(s, obj, (size_t)s->shorthand);
    return 0;
  }
  if (y->type != Y_MAP) {
    load_error(ld, &y->pos, "%s must be a mapping of keys to values, found %s", s->name,
                   type_name(y));
    return -1;
  }
  gr__strmap seen = {0};
  for (size_t i = 0; i + 1 < y->n; i += 2) {
    const ynode *k = y->kids[i], *v = y->kids[i + 1];
    if (k->type != Y_SCALAR) {
      load_error(ld, &k->pos, "keys must be plain words, found %s", type_name(k));
      continue;
    }
    if (duplicate_key(ld, y, i, &seen)) continue;
    int fi = gr__schema_field(s, k->text);
    if (fi < 0) {
      unknown_key(ld, s, k);
      continue;
    }
    const gr__field *f = &s->fields[fi];
    if (parse_value(ld, t, f, f->type, v, (char *)obj + f->offset) == 0) set_given(s, obj, (size_t)fi);
  }
  gr__strmap_free(&seen);
  uint64_t mask;
  memcpy(&mask, (char *)obj + s->given_off, sizeof mask);
  for (size_t i = 0; i < s->nfields; i++) {
    if ((s->fields[i].flags & GR__REQ) && !(mask & ((uint64_t)1 << i))) {
      /* A key that was given but failed to parse has been reported. */
      int present = 0;
      for (size_t j = 0; j + 1 < y->n; j += 2)
        if (y->kids[j]->type == Y_SCALAR && strcmp(y->kids[j]->text, s->fields[i].key) == 0)
          present = 1;
      if (!present)
        load_error(ld, &y->pos, "%s lacks the required key '%s'", s->name, s->fields[i].key);
    }
  }
  if (s->check != NULL && ld->errors == before) s->check(&ld->sink, obj, pos);
  return ld->errors == before ? 0 : -1;
}

/* ---- Top level --------------------------------------------------------- */

static const char *const top_keys[] = {
    "documents", "actors", "regions", "arrangements", "positions", "events", "parameters",
    "scenarios", "capabilities", "cases", "fact_rules", "arrangement",
};

static void parse_record(loader *ld, tree *t, gr_record_kind kind, const ynode *y) {
  const gr__schema *s = gr__record_schemas[kind];
  void *rec = gr__arena_alloc(&ld->cat->arena, s->size);
  if (rec == NULL) {
    ld->cat->oom = 1;
    return;
  }
  parse_object(ld, t, s, y, rec, NULL);
  /* A record with a readable id is added even when other keys are wrong,
   * so that references to it do not cascade into more errors. */
  if (gr__record_id(kind, rec) != NULL) gr__record_add(ld->cat, kind, rec);
}

static void parse_root(loader *ld, tree *t, const ynode *root) {
  if (root->type != Y_MAP) {
    load_error(ld, &root->pos,
                   "expected a mapping of record lists (actors:, arrangement:, ...), found %s",
                   type_name(root));
    return;
  }
  if (root->n == 0) {
    load_error(ld, &root->pos, "the file holds no records (an empty mapping): expected 'actors:', "
                               "'arrangement:' or another record list");
    return;
  }
  gr__strmap seen = {0};
  for (size_t i = 0; i + 1 < root->n; i += 2) {
    const ynode *k = root->kids[i], *v = root->kids[i + 1];
    if (k->type != Y_SCALAR) {
      load_error(ld, &k->pos, "keys must be plain words, found %s", type_name(k));
      continue;
    }
    if (duplicate_key(ld, root, i, &seen)) continue;
    if (strcmp(k->text, "arrangement") == 0) {
      parse_record(ld, t, GR_REC_ARRANGEMENT, v);
      continue;
    }
    /* What produced the file (the provenance 'guarantor show --json'
     * writes): about the file, not data of the catalog, so that the
     * program's output loads back as it is. */
    if (strcmp(k->text, "provenance") == 0) {
      if (v->type != Y_MAP) load_error(ld, &v->pos, "'provenance' must be a mapping, found %s", type_name(v));
      continue;
    }
    int kind = -1;
    for (int r = 0; r < GR_REC__COUNT; r++)
      if (strcmp(k->text, gr__list_keys[r]) == 0) kind = r;
    if (kind < 0) {
      const char *best = gr__closest(k->text, top_keys, sizeof top_keys / sizeof top_keys[0]);
      if (best != NULL)
        load_error(ld, &k->pos, "unknown top-level key '%s' (did you mean '%s'?)", k->text, best);
      else
        load_error(ld, &k->pos,
                       "unknown top-level key '%s' (expected documents, actors, regions, "
                       "arrangement, arrangements, positions, events, parameters, scenarios, "
                       "capabilities, cases or fact_rules)",
                       k->text);
      continue;
    }
    if (v->type != Y_SEQ) {
      load_error(ld, &v->pos, "'%s' must be a list of %ss, found %s", k->text,
                     gr_record_kind_name((gr_record_kind)kind), type_name(v));
      continue;
    }
    for (size_t j = 0; j < v->n; j++) parse_record(ld, t, (gr_record_kind)kind, v->kids[j]);
  }
  gr__strmap_free(&seen);
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

gr_status gr__load_bytes(gr_catalog *cat, const char *name, const char *data, size_t len) {
  loader ld = {{loader_emit}, cat, gr__register_file(cat, name), 0};
  if (ld.file == NULL) {
    cat->oom = 1;
    return GR_E_NOMEM;
  }
  if (check_raw(&ld, data, len) != 0) return GR_E_INVALID;

  tree t;
  memset(&t, 0, sizeof t);
  t.ld = &ld;
  ynode *root = build_tree(&t, data, len, ends_with(name, ".json"));
  gr_status st = GR_OK;
  if (t.oom) {
    cat->oom = 1; /* Sticky: the catalog lacks this file's records, so it cannot validate. */
    st = GR_E_NOMEM;
  } else if (root == NULL) {
    if (ld.errors == 0) {
      gr_pos p = {ld.file, 1, 1};
      load_error(&ld, &p, "file is empty: expected records such as 'actors:' or 'arrangement:'");
    }
    st = GR_E_PARSE;
  } else {
    parse_root(&ld, &t, root);
    if (cat->oom) st = GR_E_NOMEM;
    else if (ld.errors) st = GR_E_INVALID;
  }
  gr__arena_free(&t.arena);
  return st;
}
