/*
 * End-to-end tests of the guarantor program: run it as a user would, check
 * the exit status, stdout and stderr.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <libfyaml.h>

typedef struct run {
  int status;
  char *out;
  char *err;
} run;

static char tmpdir[64];

static char *slurp(const char *path) {
  FILE *fp = fopen(path, "rb");
  assert_non_null(fp);
  size_t cap = 1 << 16, len = 0;
  char *s = malloc(cap);
  size_t got;
  while ((got = fread(s + len, 1, cap - len - 1, fp)) > 0) {
    len += got;
    if (cap - len < 2) s = realloc(s, cap *= 2);
  }
  s[len] = '\0';
  fclose(fp);
  return s;
}

/* Run the program with NULL-terminated arguments; capture everything. */
static run prog(const char *first, ...) {
  const char *argv[32] = {GR_PROGRAM, first};
  int argc = first ? 2 : 1;
  va_list ap;
  va_start(ap, first);
  while (first && argc < 31 && (argv[argc] = va_arg(ap, const char *)) != NULL) argc++;
  va_end(ap);
  argv[argc] = NULL;
  char outp[128], errp[128];
  snprintf(outp, sizeof outp, "%s/stdout", tmpdir);
  snprintf(errp, sizeof errp, "%s/stderr", tmpdir);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    int o = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int e = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int in = open("/dev/null", O_RDONLY);
    dup2(o, 1);
    dup2(e, 2);
    dup2(in, 0);
    execv(GR_PROGRAM, (char *const *)argv);
    _exit(127);
  }
  int st;
  waitpid(pid, &st, 0);
  run r = {WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st), slurp(outp), slurp(errp)};
  return r;
}

static void done(run *r) {
  free(r->out);
  free(r->err);
}

static void write_file(const char *path, const char *text) {
  FILE *fp = fopen(path, "wb");
  assert_non_null(fp);
  fputs(text, fp);
  fclose(fp);
}

static int parses_as_json(const char *text) {
  struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET | FYPCF_JSON_FORCE};
  struct fy_document *fyd = fy_document_build_from_string(&cfg, text, strlen(text));
  if (fyd == NULL) return 0;
  fy_document_destroy(fyd);
  return 1;
}

static int setup(void **state) {
  (void)state;
  snprintf(tmpdir, sizeof tmpdir, "/tmp/gr-cli-XXXXXX");
  return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  return system(cmd) == 0 ? 0 : -1;
}

static void test_version_and_help(void **state) {
  (void)state;
  run r = prog("--version", NULL);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.out, "guarantor 0.1.0\n");
  done(&r);
  r = prog("--help", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "show"));
  assert_non_null(strstr(r.out, "check"));
  done(&r);
  static const char *const cmds[] = {"show", "check"};
  for (size_t i = 0; i < 2; i++) {
    r = prog(cmds[i], "--help", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Usage: guarantor "));
    assert_non_null(strstr(r.out, "Exit status"));
    assert_string_equal(r.err, "");
    done(&r);
    r = prog("help", cmds[i], NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Usage: guarantor "));
    done(&r);
  }
}

static void test_usage_errors(void **state) {
  (void)state;
  run r = prog(NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "Usage:"));
  done(&r);
  r = prog("frobnicate", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "unknown command 'frobnicate'"));
  done(&r);
  r = prog("show", "--bogus", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "unknown option '--bogus'"));
  done(&r);
  r = prog("check", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "no FILE given"));
  done(&r);
  r = prog("show", "a", "b", NULL);
  assert_int_equal(r.status, 2);
  done(&r);
}

static void test_show_lists_catalog(void **state) {
  (void)state;
  run r = prog("show", NULL);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.err, "");
  static const char *const want[] = {"Arrangements (10)", "budapest-1994", "us-deterrence-2021",
                                     "istanbul-2022", "guarantees-2023", "coalition-2025",
                                     "nato-lite-2025", "russia-p5-2025", "us-ambiguity-2025",
                                     "eu-membership", "nato-membership", "Events (8)",
                                     "offensive-zaporizhzhia", "Regions (27)", "Actors ("};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    if (strstr(r.out, want[i]) == NULL) fprintf(stderr, "missing: %s\n", want[i]);
    assert_non_null(strstr(r.out, want[i]));
  }
  done(&r);
}

static void test_show_one_arrangement(void **state) {
  (void)state;
  run r = prog("show", "coalition-2025", NULL);
  assert_int_equal(r.status, 0);
  static const char *const want[] = {"coalition-2025 — ", "protects:    UKR (Ukraine)",
                                     "legal form:  executive_agreement", "reassurance_force",
                                     "conditions: un_mandate", "ITA (Italy)", "POL (Poland)",
                                     "declined", "Sources:", "002_3480e6c57a14e5b5.txt"};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    if (strstr(r.out, want[i]) == NULL) fprintf(stderr, "missing: %s\n", want[i]);
    assert_non_null(strstr(r.out, want[i]));
  }
  done(&r);
  r = prog("show", "istanbul-2022", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "scope excludes: UA-14"));
  done(&r);
  static const char *const others[] = {"FRA", "UA-23", "strike-kyiv", "rus-2021-nato-accession",
                                       "002_3480e6c57a14e5b5.txt"};
  for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
    r = prog("show", others[i], NULL);
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, others[i], strlen(others[i])) == 0);
    done(&r);
  }
}

static void test_show_unknown_suggests(void **state) {
  (void)state;
  run r = prog("show", "coalitoin-2025", NULL);
  assert_int_equal(r.status, 2);
  assert_string_equal(r.out, "");
  assert_non_null(strstr(r.err, "no item 'coalitoin-2025' in the catalog (did you mean 'coalition-2025'"));
  done(&r);
  r = prog("show", "zzzzzz-qqqq", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "'guarantor show' lists them"));
  done(&r);
}

static void test_kinds(void **state) {
  (void)state;
  run r = prog("show", "--kinds", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "Obligation kinds (obligation_kind), weakest first"));
  assert_non_null(strstr(r.out, "consensus"));
  assert_non_null(strstr(r.out, "Every guarantor must agree"));
  done(&r);
  r = prog("show", "--kinds", "--json", NULL);
  assert_int_equal(r.status, 0);
  assert_true(parses_as_json(r.out));
  assert_non_null(strstr(r.out, "\"legal_form\": {\"title\": \"Legal forms\", \"ordered\": true"));
  done(&r);
}

/* `show ID --json` round-trips through `check` for every arrangement. */
static void test_show_json_round_trips(void **state) {
  (void)state;
  static const char *const ids[] = {"budapest-1994", "us-deterrence-2021", "istanbul-2022",
                                    "guarantees-2023", "coalition-2025", "nato-lite-2025",
                                    "russia-p5-2025", "us-ambiguity-2025", "eu-membership",
                                    "nato-membership", "UKR", "UA-14", "hybrid-attack"};
  for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
    run r = prog("show", ids[i], "--json", NULL);
    assert_int_equal(r.status, 0);
    assert_true(parses_as_json(r.out));
    char path[128];
    snprintf(path, sizeof path, "%s/%s.json", tmpdir, ids[i]);
    write_file(path, r.out);
    run c = prog("check", path, NULL);
    if (c.status != 0) fprintf(stderr, "%s", c.err);
    assert_int_equal(c.status, 0);
    assert_string_equal(c.out, "");
    assert_non_null(strstr(c.err, "note: "));
    assert_non_null(strstr(c.err, "overrides the built-in one"));
    done(&c);
    run again = prog("show", "-f", path, ids[i], "--json", NULL);
    assert_int_equal(again.status, 0);
    assert_string_equal(again.out, r.out);
    done(&again);
    done(&r);
  }
  run all = prog("show", "--json", NULL);
  assert_int_equal(all.status, 0);
  assert_true(parses_as_json(all.out));
  done(&all);
}

static void test_check_reports_every_error(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof path, "%s/bad.yaml", tmpdir);
  write_file(path,
             "arrangement:\n"
             "  id: mine\n"
             "  title: Mine\n"
             "  protects: UKR\n"
             "  date: 2025-13-01\n"
             "  status: proposed\n"
             "  legal_form: treaty\n"
             "  sources: [{assumption: x}]\n"
             "  obligations:\n"
             "    - {guarantor: FRa, kind: sanctions, activation: automatic, sources: [{assumption: x}]}\n");
  run r = prog("check", path, NULL);
  assert_int_equal(r.status, 2);
  assert_string_equal(r.out, "");
  char want[1024];
  snprintf(want, sizeof want,
           "%s:5:9: error: 'date' is not a valid date: 2025-13-01\n"
           "%s:7:15: error: unknown legal_form 'treaty' for 'legal_form' (expected one of: "
           "political_declaration, memorandum, executive_agreement, treaty_signed, treaty_ratified)\n"
           "%s:10:19: error: unknown actor 'FRa' (did you mean 'FRA'?)\n"
           "guarantor: 3 errors; nothing done\n",
           path, path, path);
  assert_string_equal(r.err, want);
  done(&r);
}

static void test_check_clean_and_verbose(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof path, "%s/good.yaml", tmpdir);
  write_file(path,
             "arrangement:\n"
             "  id: mine\n"
             "  title: Mine\n"
             "  protects: UKR\n"
             "  date: 2025-11-01\n"
             "  status: proposed\n"
             "  legal_form: treaty_signed\n"
             "  sources: [{assumption: \"an example\"}]\n"
             "  obligations:\n"
             "    - {guarantor: FRA, kind: sanctions, activation: automatic, sources: [{assumption: x}]}\n"
             "positions:\n"
             "  - {id: my-pos, actor: FRA, topic: t, date: 2025-11-01, rule: prefer, confidence: low,\n"
             "     summary: s, match: {kinds: [sanctions]}, source: {assumption: x}}\n");
  run r = prog("check", path, NULL);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.out, "");
  assert_string_equal(r.err, "");
  done(&r);
  r = prog("check", "--verbose", path, NULL);
  assert_int_equal(r.status, 0);
  char want[512];
  snprintf(want, sizeof want, "%s: 1 arrangement, 1 position\nok: 0 warnings\n", path);
  assert_string_equal(r.out, want);
  done(&r);
  r = prog("show", "-f", path, "mine", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "mine — Mine"));
  done(&r);
  r = prog("check", "/nonexistent/x.yaml", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "/nonexistent/x.yaml: error: cannot open: No such file or directory"));
  done(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_version_and_help),
      cmocka_unit_test(test_usage_errors),
      cmocka_unit_test(test_show_lists_catalog),
      cmocka_unit_test(test_show_one_arrangement),
      cmocka_unit_test(test_show_unknown_suggests),
      cmocka_unit_test(test_kinds),
      cmocka_unit_test(test_show_json_round_trips),
      cmocka_unit_test(test_check_reports_every_error),
      cmocka_unit_test(test_check_clean_and_verbose),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
