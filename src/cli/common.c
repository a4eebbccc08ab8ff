/*
 * Helpers shared by the commands: loading with diagnostics, errors for
 * unknown ids, usage errors, wrapping text.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "guarantor/facts.h"
#include "provenance.h"

void cli_print_diags(const gr_catalog *cat, FILE *fp) {
  char line[2048];
  for (size_t i = 0; i < gr_catalog_diag_count(cat); i++) {
    gr_diag_format(gr_catalog_diag(cat, i), line, sizeof line);
    fprintf(fp, "%s\n", line);
  }
}

gr_catalog *cli_load(char *const *files, size_t nfiles, int *status) {
  return cli_load_with(files, nfiles, false, status);
}

/* Read `fp` to its end, or to one byte past the catalog's input limit
 * (the loader then refuses it as too large), into a new buffer; NULL when
 * out of memory or on a read error. */
static char *read_capped(FILE *fp, size_t *len) {
  size_t cap = 64 * 1024, n = 0, limit = (size_t)GR_MAX_INPUT_BYTES + 1;
  char *buf = malloc(cap);
  while (buf != NULL && n < limit) {
    size_t want = cap - n < limit - n ? cap - n : limit - n;
    size_t got = fread(buf + n, 1, want, fp);
    n += got;
    if (got == 0) break;
    if (n == cap) {
      char *nb = realloc(buf, cap * 2);
      if (nb == NULL) {
        free(buf);
        return NULL;
      }
      buf = nb;
      cap *= 2;
    }
  }
  if (buf != NULL && ferror(fp)) {
    free(buf);
    return NULL;
  }
  *len = n;
  return buf;
}

/* Load one file, or standard input for "-" (its diagnostics name it
 * "<stdin>"), and record its SHA-256 for the provenance. A file that can
 * be read is read once, its bytes hashed and loaded: the hash is of what
 * was loaded. Anything else (cannot be opened, a regular file over the
 * limit) goes to the library, which says why; its hash stays unknown. */
static void load_one(gr_catalog *cat, const char *path, gr_error *err) {
  bool is_stdin = strcmp(path, "-") == 0;
  FILE *fp = is_stdin ? stdin : fopen(path, "rb");
  struct stat sb;
  if (fp != NULL && !is_stdin && fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode) &&
      (uintmax_t)sb.st_size > GR_MAX_INPUT_BYTES) {
    fclose(fp);
    fp = NULL;
  }
  size_t len = 0;
  char *data = fp ? read_capped(fp, &len) : NULL;
  if (fp != NULL && !is_stdin) fclose(fp);
  if (data == NULL && !is_stdin) {
    gr_catalog_load_file(cat, path, err);
    cli_provenance_add_input(path, NULL, 1);
    return;
  }
  gr_catalog_load_buffer(cat, is_stdin ? CLI_STDIN_NAME : path, data ? data : "", data ? len : 0, err);
  cli_provenance_add_input(path, data, data ? len : 1);
  free(data);
}

static gr_catalog *load_all(char *const *files, size_t nfiles, bool history, const char *const *names,
                            const char *const *texts, size_t ntexts, bool keep_invalid, int *status);

gr_catalog *cli_load_with(char *const *files, size_t nfiles, bool history, int *status) {
  return load_all(files, nfiles, history, NULL, NULL, 0, false, status);
}

gr_catalog *cli_load_ex(char *const *files, size_t nfiles, bool history, bool keep_invalid, int *status) {
  return load_all(files, nfiles, history, NULL, NULL, 0, keep_invalid, status);
}

gr_catalog *cli_load_buffers(char *const *files, size_t nfiles, bool history, const char *const *names,
                             const char *const *texts, size_t ntexts, int *status) {
  return load_all(files, nfiles, history, names, texts, ntexts, false, status);
}

/* What the cli_load functions do: the files, then texts[0..ntexts) under
 * names[i]; with `keep_invalid`, a catalog with errors is returned too. */
static gr_catalog *load_all(char *const *files, size_t nfiles, bool history, const char *const *names,
                            const char *const *texts, size_t ntexts, bool keep_invalid, int *status) {
  gr_error err = GR_ERROR_INIT;
  size_t nstdin = 0;
  for (size_t i = 0; i < nfiles; i++) nstdin += strcmp(files[i], "-") == 0;
  if (nstdin > 1) {
    cli_error(NULL, "'-' (standard input) is given %zu times; only one file can be read from standard input", nstdin);
    *status = EXIT_USAGE;
    return NULL;
  }
  gr_catalog *cat = gr_catalog_new();
  if (cat == NULL) {
    fprintf(stderr, "guarantor: out of memory\n");
    *status = EXIT_FAIL;
    return NULL;
  }
  gr_status builtin = gr_catalog_load_builtin(cat, &err);
  if (history && builtin == GR_OK) builtin = gr_catalog_load_history(cat, &err);
  for (size_t i = 0; i < nfiles; i++) load_one(cat, files[i], &err);
  for (size_t i = 0; i < ntexts; i++) gr_catalog_load_buffer(cat, names[i], texts[i], strlen(texts[i]), &err);
  gr_status st = gr_catalog_validate(cat, &err);
  /* A what-if's record replaces the built-in one on purpose: the note
   * saying so would only repeat the "What-if:" line of the output. */
  char line[2048];
  for (size_t i = 0; i < gr_catalog_diag_count(cat); i++) {
    const gr_diag *d = gr_catalog_diag(cat, i);
    bool ours = false;
    for (size_t k = 0; k < ntexts && !ours; k++) ours = d->severity == GR_SEV_NOTE && strcmp(d->file, names[k]) == 0;
    if (ours) continue;
    gr_diag_format(d, line, sizeof line);
    fprintf(stderr, "%s\n", line);
  }
  if (st == GR_E_NOMEM || builtin == GR_E_NOMEM) {
    fprintf(stderr, "guarantor: out of memory\n");
    *status = EXIT_FAIL;
  } else if (builtin != GR_OK) {
    fprintf(stderr, "guarantor: the built-in catalog has errors (a bug; please report it)\n");
    *status = EXIT_FAIL;
  } else if (st != GR_OK) {
    size_t n = gr_catalog_diag_count_severity(cat, GR_SEV_ERROR), more = gr_catalog_diag_dropped(cat, GR_SEV_ERROR);
    if (more > 0)
      fprintf(stderr, "guarantor: %zu errors (the first %zu shown); nothing done\n", n + more, n);
    else
      fprintf(stderr, "guarantor: %zu error%s; nothing done\n", n, n == 1 ? "" : "s");
    *status = EXIT_USAGE;
    if (keep_invalid) {
      gr_error_clear(&err);
      return cat;
    }
  } else {
    *status = EXIT_OK;
    gr_error_clear(&err);
    return cat;
  }
  gr_error_clear(&err);
  gr_catalog_free(cat);
  return NULL;
}

__attribute__((format(printf, 2, 0))) static void verror(const char *cmd, const char *fmt, va_list ap) {
  char raw[2048], line[2048];
  vsnprintf(raw, sizeof raw, fmt, ap);
  gr_text_escape(raw, line, sizeof line);
  fprintf(stderr, "guarantor%s%s: %s\n", cmd ? " " : "", cmd ? cmd : "", line);
}

void cli_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  verror(cmd, fmt, ap);
  va_end(ap);
}

const char *cli_text(const char *text) {
  static char bufs[4][4096];
  static unsigned next;
  char *b = bufs[next++ % 4];
  gr_text_escape(text, b, sizeof bufs[0]);
  return b;
}

void cli_unknown_id(const gr_catalog *cat, gr_record_kind kind, const char *id) {
  const char *near[4];
  size_t n = gr_catalog_suggest(cat, kind, id, near, 4);
  const char *what = kind == GR_REC__COUNT ? "item" : gr_record_kind_name(kind);
  char hint[512] = "";
  for (size_t i = 0; i < n; i++) {
    size_t used = strlen(hint);
    snprintf(hint + used, sizeof hint - used, "%s'%s'", i ? ", " : " (did you mean ", near[i]);
  }
  cli_error(NULL, "no %s '%s' in the catalog%s%s", what, id, hint, n ? "?)" : "; 'guarantor show' lists them");
}

int cli_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  verror(cmd, fmt, ap);
  va_end(ap);
  fprintf(stderr, "Try 'guarantor %s --help'.\n", cmd);
  return EXIT_USAGE;
}

void cli_wrap(FILE *fp, const char *text, int indent, int width) {
  int col = 0;
  const char *p = text;
  while (*p) {
    while (*p == ' ' || *p == '\n') p++;
    if (!*p) break;
    size_t w = strcspn(p, " \n");
    if (col > indent && col + 1 + (int)w > width) {
      fputc('\n', fp);
      col = 0;
    }
    if (col == 0) {
      fprintf(fp, "%*s", indent, "");
      col = indent;
    } else {
      fputc(' ', fp);
      col++;
    }
    fwrite(p, 1, w, fp);
    col += (int)w;
    p += w;
  }
  if (col > 0) fputc('\n', fp);
}

const void *cli_find(const gr_catalog *cat, gr_record_kind kind, const char *id) {
  const void *rec = gr_catalog_find(cat, kind, id);
  if (rec == NULL) cli_unknown_id(cat, kind, id);
  return rec;
}

void cli_print_facts(FILE *fp, const gr_facts *f) {
  const gr_table *t = gr_table_get(GR_T_FACT);
  fputs("Facts (override with --facts NAME=true|false,...):\n", fp);
  for (size_t i = 0; i < t->count; i++)
    fprintf(fp, "  %-30s %-5s  %s: %s\n", t->terms[i].name, gr_facts_value(f, (gr_fact)i) ? "true" : "false",
            gr_fact_origin_name(gr_facts_origin(f, (gr_fact)i)), gr_facts_why(f, (gr_fact)i));
}

int cli_print_json(FILE *fp, gr_json *w) {
  gr_status st = w ? gr_json_status(w) : GR_E_NOMEM;
  char *text = gr_json_finish(w);
  if (text == NULL) {
    fprintf(stderr, "guarantor: cannot write JSON: %s\n", gr_strerror(st == GR_OK ? GR_E_MISUSE : st));
    return EXIT_FAIL;
  }
  fputs(text, fp);
  gr_free(text);
  return EXIT_OK;
}

void cli_print_source(FILE *fp, const gr_source *s) {
  if (s->doc) fprintf(fp, "%s: \"%s\"", s->doc, s->quote ? s->quote : "");
  if (s->ref) fprintf(fp, "%s%s", s->doc ? "; " : "", s->ref);
  if (s->ref && s->quote && !s->doc) fprintf(fp, ": \"%s\"", s->quote);
  if (s->assumption) fprintf(fp, "%sassumption: %s", s->doc || s->ref ? "; " : "", s->assumption);
}

gr_facts *cli_facts(const gr_catalog *cat, const gr_arrangement *arr, char *const *specs, size_t n, const char *cmd) {
  gr_error err = GR_ERROR_INIT;
  gr_facts *f = NULL;
  if (gr_facts_new(cat, arr, &f, &err) != GR_OK) {
    cli_error(cmd, "%s", err.message);
  } else {
    for (size_t i = 0; i < n; i++)
      if (gr_facts_parse(f, specs[i], &err) != GR_OK) {
        cli_usage_error(cmd, "--facts: %s", err.message);
        gr_facts_free(f);
        f = NULL;
        break;
      }
  }
  gr_error_clear(&err);
  return f;
}

int cli_threads(const char *cmd, uint64_t requested) {
  if (requested == 0) return 0;
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  if (cores < 1) cores = 1;
  uint64_t cap = (uint64_t)cores * CLI_THREADS_PER_CORE;
  if (requested <= cap) return (int)requested;
  fprintf(stderr, "guarantor %s: --threads %llu is more than %d per core on this machine (%ld cores): using %llu\n",
          cmd, (unsigned long long)requested, CLI_THREADS_PER_CORE, cores, (unsigned long long)cap);
  return (int)cap;
}

void cli_pad(FILE *fp, const char *s, int width) {
  int cols = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) cols += (*p & 0xC0) != 0x80;
  fputs(s, fp);
  for (; cols < width; cols++) fputc(' ', fp);
}

int cli_find_case(const gr_catalog *cat, const char *id, const gr_scenario **sc, const gr_event **ev) {
  *sc = gr_catalog_find(cat, GR_REC_SCENARIO, id);
  *ev = gr_catalog_find(cat, GR_REC_EVENT, id);
  if (*sc && *ev) {
    cli_error(NULL, "'%s' is both a scenario and an event; rename one of them", id);
    return -1;
  }
  if (*sc || *ev) return 0;
  const char *near[4];
  size_t n = gr_catalog_suggest(cat, GR_REC_SCENARIO, id, near, 2);
  n += gr_catalog_suggest(cat, GR_REC_EVENT, id, near + n, 4 - n);
  char hint[512] = "";
  for (size_t i = 0; i < n; i++) {
    size_t used = strlen(hint);
    snprintf(hint + used, sizeof hint - used, "%s'%s'", i ? ", " : " (did you mean ", near[i]);
  }
  cli_error(NULL, "no scenario or event '%s' in the catalog%s%s", id, hint,
            n ? "?)" : "; 'guarantor show' lists them");
  return -1;
}

void cli_warn_unread_facts(const gr_catalog *cat, const gr_arrangement *arr, const gr_facts *f, const char *cmd) {
  const gr_table *t = gr_table_get(GR_T_FACT);
  for (size_t i = 0; i < t->count; i++)
    if (gr_facts_origin(f, (gr_fact)i) == GR_FACT_GIVEN && !gr_fact_is_read(cat, arr, (gr_fact)i))
      cli_error(cmd, "warning: fact %s is read by nothing in %s", t->terms[i].name, arr->id);
}

void cli_warn_unread_facts_in(const gr_catalog *cat, const gr_arrangement *const *arrs, size_t n, const gr_facts *f,
                              const char *cmd) {
  if (n == 1) {
    cli_warn_unread_facts(cat, arrs[0], f, cmd);
    return;
  }
  const gr_table *t = gr_table_get(GR_T_FACT);
  for (size_t i = 0; i < t->count; i++) {
    if (gr_facts_origin(f, (gr_fact)i) != GR_FACT_GIVEN) continue;
    bool read = false;
    for (size_t a = 0; a < n && !read; a++) read = gr_fact_is_read(cat, arrs[a], (gr_fact)i);
    if (!read) cli_error(cmd, "warning: fact %s is read by nothing in the %zu arrangements", t->terms[i].name, n);
  }
}

const char *cli_kind_label(const gr_obligation *o, char *buf, size_t n) {
  if (o->means.n > 0) snprintf(buf, n, "menu of %zu means", o->means.n);
  else snprintf(buf, n, "%s", gr_table_name(GR_T_OBLIGATION_KIND, o->kind));
  return buf;
}

const char *cli_thresholds(const gr_trigger *t, char *buf, size_t n) {
  size_t k = 0;
  const char *sep = " (";
  buf[0] = '\0';
#define ADD(...)                                                    \
  do {                                                              \
    int w_ = snprintf(buf + k, n - k, __VA_ARGS__);                 \
    if (w_ > 0) k += (size_t)w_ < n - k ? (size_t)w_ : n - k - 1;   \
    sep = ", ";                                                     \
  } while (0)
  if (GR_GIVEN(t, GR_KEY_TRIGGER_MIN_SCALE)) ADD("%sat least %s", sep, gr_table_name(GR_T_SCALE, t->min_scale));
  if (GR_GIVEN(t, GR_KEY_TRIGGER_INTENT))
    ADD("%s%s%s", sep, t->intent == GR_INTENT_DELIBERATE ? "" : "at least ", gr_table_name(GR_T_INTENT, t->intent));
  if (GR_GIVEN(t, GR_KEY_TRIGGER_MIN_DURATION_DAYS))
    ADD("%slasting at least %d day%s", sep, t->min_duration_days, t->min_duration_days == 1 ? "" : "s");
  if (sep[0] == ',') ADD(")");
#undef ADD
  return buf;
}

int cli_check_params_files(const gr_catalog *cat, char *const *files, size_t n, const char *cmd) {
  int bad = 0;
  for (size_t i = 0; i < n; i++) {
    const char *name = strcmp(files[i], "-") == 0 ? CLI_STDIN_NAME : files[i];
    size_t nparams = 0, nother = 0;
    for (int k = 0; k < GR_REC__COUNT; k++)
      for (size_t j = 0; j < gr_catalog_count(cat, (gr_record_kind)k); j++) {
        const gr_pos *p = gr_record_pos((gr_record_kind)k, gr_catalog_at(cat, (gr_record_kind)k, j));
        if (p->file && strcmp(p->file, name) == 0) {
          if (k == GR_REC_PARAMETER) nparams++;
          else nother++;
        }
      }
    if (nparams == 0) {
      cli_error(cmd, "--params %s holds no parameter: nothing would change", files[i]);
      bad = 1;
    } else if (nother > 0) {
      cli_error(cmd, "warning: --params %s also holds %zu record%s other than parameters (loaded as with -f)", files[i],
                nother, nother == 1 ? "" : "s");
    }
  }
  return bad ? EXIT_USAGE : EXIT_OK;
}

gr_json *cli_json_begin_table(const gr_arrangement *const *arrs, size_t n) {
  gr_json *w = gr_json_new(0);
  gr_json_begin_object(w);
  gr_json_key(w, "arrangements");
  gr_json_begin_array(w);
  for (size_t i = 0; i < n; i++) gr_json_string(w, arrs[i]->id);
  gr_json_end_array(w);
  return w;
}

void cli_json_words(gr_json *w, const char *key, const char *spaced) {
  gr_json_key(w, key);
  gr_json_begin_array(w);
  for (const char *p = spaced ? spaced : ""; *p;) {
    p += strspn(p, " ");
    size_t n = strcspn(p, " ");
    if (n == 0) break;
    char word[256];
    snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), p);
    gr_json_string(w, word);
    p += n;
  }
  gr_json_end_array(w);
}
