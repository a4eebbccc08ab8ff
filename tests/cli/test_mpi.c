/*
 * The MPI build (GUARANTOR_MPI): simulate and compare give the same counts
 * on 1, 2 and 3 ranks as the program run on its own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libfyaml.h>

/* Run a shell command; return its standard output (caller frees). */
static char *capture(const char *cmd) {
  FILE *p = popen(cmd, "r");
  assert_non_null(p);
  size_t cap = 1 << 16, len = 0, got;
  char *s = malloc(cap);
  while ((got = fread(s + len, 1, cap - len - 1, p)) > 0) {
    len += got;
    if (cap - len < 2) s = realloc(s, cap *= 2);
  }
  s[len] = '\0';
  int status = pclose(p);
  if (status != 0) fprintf(stderr, "%s: exit status %d\n%s\n", cmd, status, s);
  assert_int_equal(status, 0);
  return s;
}

static const char *get(struct fy_document *d, const char *path) {
  struct fy_node *n = fy_node_by_path(fy_document_root(d), path, FY_NT, FYNWF_DONT_FOLLOW);
  assert_non_null(n);
  return fy_node_get_scalar0(n);
}

static struct fy_document *parse(const char *text) {
  struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET | FYPCF_JSON_FORCE};
  struct fy_document *d = fy_document_build_from_string(&cfg, text, strlen(text));
  assert_non_null(d);
  return d;
}

static const char *const FIELDS[] = {"deterred/k", "deterred/n", "holds_given_attack/k", "holds_given_attack/n",
                                     "no_help_given_attack/k", "first_help_days/0/days", "first_help_days/1/days",
                                     "guarantors/0/honours_any/k", "obligations/0/honoured/k"};

static void test_simulate_any_ranks(void **state) {
  (void)state;
  /* 300000 draws: five batches, so three ranks get uneven shares. */
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "%s simulate coalition-2025 -n 300000 --threads 1 --json", GR_PROGRAM);
  char *alone = capture(cmd);
  struct fy_document *a = parse(alone);
  for (int ranks = 1; ranks <= 3; ranks++) {
    snprintf(cmd, sizeof cmd,
             "%s --allow-run-as-root --oversubscribe -n %d %s simulate coalition-2025 -n 300000 --threads 1 --json",
             GR_MPIEXEC, ranks, GR_PROGRAM);
    char *out = capture(cmd);
    struct fy_document *b = parse(out);
    for (size_t i = 0; i < sizeof FIELDS / sizeof FIELDS[0]; i++) {
      char path[128];
      snprintf(path, sizeof path, "/result/%s", FIELDS[i]);
      assert_string_equal(get(a, path), get(b, path));
    }
    fy_document_destroy(b);
    free(out);
  }
  fy_document_destroy(a);
  free(alone);
}

static void test_compare_two_ranks(void **state) {
  (void)state;
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "%s compare -n 200000 --csv", GR_PROGRAM);
  char *alone = capture(cmd);
  snprintf(cmd, sizeof cmd, "%s --allow-run-as-root --oversubscribe -n 2 %s compare -n 200000 --csv", GR_MPIEXEC,
           GR_PROGRAM);
  char *two = capture(cmd);
  assert_string_equal(alone, two);
  free(alone);
  free(two);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_simulate_any_ranks),
      cmocka_unit_test(test_compare_two_ranks),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
