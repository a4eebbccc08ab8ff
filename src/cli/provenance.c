/*
 * Provenance of JSON and CSV outputs (provenance.h): the program, its
 * command line, the SHA-256 of every input (nettle), the run's settings.
 */
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "cli.h"
#include "guarantor/sim.h"
#include "provenance.h"
#include "whatif.h"

static int saved_argc;
static char **saved_argv;
static cli_input *inputs;
static size_t ninputs;

void cli_provenance_set_argv(int argc, char **argv) {
  /* A copy of the pointers: getopt permutes argv as it parses. */
  static char *none[1] = {"guarantor"};
  free(saved_argv != none ? saved_argv : NULL);
  saved_argv = malloc(((size_t)argc + 1) * sizeof *saved_argv);
  if (saved_argv == NULL || argc < 1) {
    free(saved_argv);
    saved_argv = none;
    saved_argc = 1;
    return;
  }
  memcpy(saved_argv, argv, ((size_t)argc + 1) * sizeof *saved_argv);
  saved_argc = argc;
}

/* The command line's i-th word; the program's name without its directory
 * (where it was run from is no part of what it computed). */
static const char *arg(int i) {
  if (i > 0) return saved_argv[i];
  const char *slash = strrchr(saved_argv[0], '/');
  return slash ? slash + 1 : saved_argv[0];
}

void cli_sha256_hex(const void *data, size_t len, char hex[65]) {
  struct sha256_ctx ctx;
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_init(&ctx);
  sha256_update(&ctx, len, data);
  sha256_digest(&ctx, sizeof digest, digest);
  static const char digits[] = "0123456789abcdef";
  for (size_t i = 0; i < sizeof digest; i++) {
    hex[2 * i] = digits[digest[i] >> 4];
    hex[2 * i + 1] = digits[digest[i] & 15];
  }
  hex[64] = '\0';
}

int cli_provenance_add_input(const char *path, const void *data, size_t len) {
  cli_input *n = realloc(inputs, (ninputs + 1) * sizeof *n);
  if (n == NULL) return -1;
  inputs = n;
  inputs[ninputs].path = path;
  if (data != NULL || len == 0) cli_sha256_hex(data ? data : "", len, inputs[ninputs].sha256);
  else inputs[ninputs].sha256[0] = '\0';
  ninputs++;
  return 0;
}

size_t cli_provenance_ninputs(void) { return ninputs; }
const cli_input *cli_provenance_input(size_t i) { return i < ninputs ? &inputs[i] : NULL; }

void cli_provenance_init(cli_provenance *p, const char *command) {
  memset(p, 0, sizeof *p);
  p->command = command;
}

static void hex64(uint64_t v, char buf[17]) { snprintf(buf, 17, "%016llx", (unsigned long long)v); }

void cli_provenance_of_run(cli_provenance *p, const char *command, const gr_sim_result *r, int32_t as_of,
                           char *const *facts, size_t nfacts, const struct cli_what_ifs *what_if) {
  cli_provenance_init(p, command);
  p->has_seed = true;
  p->seed = r->seed;
  p->draws = r->draws;
  p->has_params_hash = true;
  p->params_hash = r->params_hash;
  p->scenario = r->scenario ? r->scenario->id : r->event->id;
  p->as_of = as_of;
  p->facts = facts;
  p->nfacts = nfacts;
  p->what_if = what_if;
}

void cli_provenance_json(gr_json *w, const cli_provenance *p) {
  char buf[32];
  gr_json_key(w, "provenance");
  gr_json_begin_object(w);
  gr_json_key(w, "program");
  gr_json_string(w, "guarantor");
  gr_json_key(w, "version");
  gr_json_string(w, gr_version());
  gr_json_key(w, "command");
  gr_json_string(w, p->command);
  gr_json_key(w, "command_line");
  gr_json_begin_array(w);
  for (int i = 0; i < saved_argc; i++) gr_json_string(w, arg(i));
  gr_json_end_array(w);
  gr_json_key(w, "seed");
  if (p->has_seed) gr_json_uint(w, p->seed);
  else gr_json_null(w);
  gr_json_key(w, "draws");
  if (p->has_seed) gr_json_uint(w, p->draws);
  else gr_json_null(w);
  gr_json_key(w, "params_hash");
  if (p->has_params_hash) {
    hex64(p->params_hash, buf);
    gr_json_string(w, buf);
  } else {
    gr_json_null(w);
  }
  gr_json_key(w, "scenario");
  gr_json_string(w, p->scenario);
  gr_json_key(w, "as_of");
  if (p->as_of) gr_json_date(w, p->as_of);
  else gr_json_null(w);
  gr_json_key(w, "facts");
  gr_json_begin_array(w);
  for (size_t i = 0; i < p->nfacts; i++) gr_json_string(w, p->facts[i]);
  gr_json_end_array(w);
  gr_json_key(w, "inputs");
  gr_json_begin_array(w);
  for (size_t i = 0; i < ninputs; i++) {
    gr_json_begin_object(w);
    gr_json_key(w, "path");
    gr_json_string(w, inputs[i].path);
    gr_json_key(w, "sha256");
    gr_json_string(w, inputs[i].sha256[0] ? inputs[i].sha256 : NULL);
    gr_json_end_object(w);
  }
  gr_json_end_array(w);
  if (p->what_if && (p->what_if->n || p->what_if->nparams)) cli_what_if_json(w, p->what_if);
  gr_json_end_object(w);
}

int cli_print_json_text_provenance(FILE *fp, const char *text, const cli_provenance *p) {
  gr_json *pw = gr_json_new(0);
  if (pw != NULL) {
    gr_json_begin_object(pw);
    cli_provenance_json(pw, p);
    gr_json_end_object(pw);
  }
  gr_status st = pw ? gr_json_status(pw) : GR_E_NOMEM;
  char *ptext = gr_json_finish(pw);
  /* Both are objects: the body's closing brace gives way to the
   * provenance's members. */
  const char *close = text ? strrchr(text, '}') : NULL;
  if (text == NULL || ptext == NULL || close == NULL || ptext[0] != '{') {
    fprintf(stderr, "guarantor: cannot write JSON: %s\n", gr_strerror(st == GR_OK ? GR_E_MISUSE : st));
    gr_free(ptext);
    return EXIT_FAIL;
  }
  /* An empty body object "{}" takes no comma. */
  const char *q = close;
  while (q > text && (q[-1] == ' ' || q[-1] == '\n' || q[-1] == '\t')) q--;
  bool empty = q > text && q[-1] == '{';
  fwrite(text, 1, (size_t)(q - text), fp);
  fputs(empty ? "" : ",", fp);
  fputs(ptext + 1, fp);
  gr_free(ptext);
  return EXIT_OK;
}

int cli_print_json_provenance(FILE *fp, gr_json *w, const cli_provenance *p) {
  gr_status st = w ? gr_json_status(w) : GR_E_NOMEM;
  char *text = gr_json_finish(w);
  if (text == NULL) {
    fprintf(stderr, "guarantor: cannot write JSON: %s\n", gr_strerror(st == GR_OK ? GR_E_MISUSE : st));
    return EXIT_FAIL;
  }
  int rc = cli_print_json_text_provenance(fp, text, p);
  gr_free(text);
  return rc;
}

void cli_csv_text(FILE *fp, const char *s) {
  if (s == NULL) return;
  if (strpbrk(s, ",\"\r\n") == NULL) {
    fputs(s, fp);
    return;
  }
  fputc('"', fp);
  for (; *s; s++) {
    if (*s == '"') fputc('"', fp);
    fputc(*s, fp);
  }
  fputc('"', fp);
}

/* Whether a POSIX shell reads `s` as one word, unchanged. */
static bool shell_plain(const char *s) {
  if (*s == '\0') return false;
  for (; *s; s++)
    if (!(strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%", *s))) return false;
  return true;
}

void cli_provenance_csv(FILE *fp, const cli_provenance *p) {
  char buf[32];
  /* Built in memory, then quoted as one field. */
  char *line = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&line, &len);
  if (m != NULL) {
    for (int i = 0; i < saved_argc; i++) {
      if (i) fputc(' ', m);
      if (shell_plain(arg(i))) {
        fputs(arg(i), m);
      } else {
        fputc('\'', m);
        for (const char *s = arg(i); *s; s++)
          if (*s == '\'') fputs("'\\''", m);
          else fputc(*s, m);
        fputc('\'', m);
      }
    }
    fclose(m);
  }
  fputc(',', fp);
  cli_csv_text(fp, gr_version());
  fputc(',', fp);
  cli_csv_text(fp, line ? line : "");
  free(line);
  if (p->has_seed) fprintf(fp, ",%llu,%llu", (unsigned long long)p->seed, (unsigned long long)p->draws);
  else fputs(",,", fp);
  fputc(',', fp);
  if (p->has_params_hash) {
    hex64(p->params_hash, buf);
    fputs(buf, fp);
  }
  fputc(',', fp);
  cli_csv_text(fp, p->scenario);
  fputc(',', fp);
  if (p->as_of) fputs(gr_date_format(p->as_of, buf), fp);
  line = NULL;
  len = 0;
  m = open_memstream(&line, &len);
  if (m != NULL) {
    for (size_t i = 0; i < p->nfacts; i++) fprintf(m, "%s%s", i ? ";" : "", p->facts[i]);
    fclose(m);
  }
  fputc(',', fp);
  cli_csv_text(fp, line ? line : "");
  free(line);
  line = NULL;
  len = 0;
  m = open_memstream(&line, &len);
  if (m != NULL) {
    for (size_t i = 0; i < ninputs; i++) fprintf(m, "%s%s=%s", i ? ";" : "", inputs[i].path, inputs[i].sha256);
    fclose(m);
  }
  fputc(',', fp);
  cli_csv_text(fp, line ? line : "");
  free(line);
}
