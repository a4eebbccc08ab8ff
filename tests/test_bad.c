/*
 * The malformed-input corpus: for every tests/bad/NAME.yaml (or .json) the
 * loader must print exactly the lines of tests/bad/NAME.err for that file,
 * in order. Files are loaded from inside tests/bad, so their names in the
 * messages are bare. One more case is generated here rather than committed:
 * a file just over the size limit.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "guarantor/catalog.h"
#include "test_util.h"


/* The diagnostics for `name`, one per line, as the program prints them. */
static char *diagnostics_for(const char *name, size_t *errors) {
  gr_error err = GR_ERROR_INIT;
  gr_catalog *cat = gr_catalog_new();
  assert_non_null(cat);
  assert_int_equal(gr_catalog_load_builtin(cat, &err), GR_OK);
  gr_catalog_load_file(cat, name, &err);
  gr_catalog_validate(cat, &err);
  size_t cap = 4096, len = 0;
  char *out = malloc(cap);
  assert_non_null(out);
  out[0] = '\0';
  *errors = 0;
  char line[2048];
  for (size_t i = 0; i < gr_catalog_diag_count(cat); i++) {
    const gr_diag *d = gr_catalog_diag(cat, i);
    if (strcmp(d->file, name) != 0) continue;
    if (d->severity == GR_SEV_ERROR) (*errors)++;
    size_t n = gr_diag_format(d, line, sizeof line);
    while (len + n + 2 > cap) {
      cap *= 2;
      out = realloc(out, cap);
      assert_non_null(out);
    }
    memcpy(out + len, line, n);
    len += n;
    out[len++] = '\n';
    out[len] = '\0';
  }
  gr_catalog_free(cat);
  gr_error_clear(&err);
  return out;
}

static void test_one(void **state) {
  const char *name = *state;
  char expected_path[512];
  snprintf(expected_path, sizeof expected_path, "%.*s.err", (int)(strrchr(name, '.') - name), name);
  char *expected = test_read_all(expected_path);
  if (expected == NULL) fail_msg("%s: no expected-output file %s", name, expected_path);
  size_t errors;
  char *got = diagnostics_for(name, &errors);
  if (strcmp(got, expected) != 0)
    fprintf(stderr, "--- %s: expected\n%s--- got\n%s---\n", name, expected, got);
  assert_string_equal(got, expected);
  (void)errors;
  assert_true(got[0] != '\0'); /* Every file in the corpus is flawed. */
  free(expected);
  free(got);
}

static void test_too_large(void **state) {
  (void)state;
  char dir[] = "/tmp/gr-test-bad-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char cwd[1024];
  assert_non_null(getcwd(cwd, sizeof cwd));
  assert_int_equal(chdir(dir), 0);
  FILE *fp = fopen("huge.yaml", "wb");
  assert_non_null(fp);
  static const char line[] = "# a comment line, repeated until the file passes the limit\n";
  const size_t lines = GR_MAX_INPUT_BYTES / (sizeof line - 1) + 1;
  for (size_t i = 0; i < lines; i++) fputs(line, fp);
  fclose(fp);
  size_t errors;
  char *got = diagnostics_for("huge.yaml", &errors);
  char want[256];
  snprintf(want, sizeof want,
           "huge.yaml:1:1: error: file too large to be a spec (%zu bytes; the limit is %u)\n",
           lines * (sizeof line - 1), GR_MAX_INPUT_BYTES);
  assert_string_equal(got, want);
  free(got);
  remove("huge.yaml");
  assert_int_equal(chdir(cwd), 0);
  rmdir(dir);
}

static int by_name(const void *a, const void *b) {
  return strcmp(((const struct CMUnitTest *)a)->name, ((const struct CMUnitTest *)b)->name);
}

int main(void) {
  if (chdir(GR_SOURCE_DIR "/tests/bad") != 0) {
    perror(GR_SOURCE_DIR "/tests/bad");
    return 1;
  }
  DIR *d = opendir(".");
  if (d == NULL) return 1;
  struct CMUnitTest *tests = calloc(1024, sizeof *tests);
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 1023) {
    size_t len = strlen(e->d_name);
    int yaml = len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0;
    int json = len > 5 && strcmp(e->d_name + len - 5, ".json") == 0;
    if (!yaml && !json) continue;
    char *name = strdup(e->d_name);
    tests[n].name = name;
    tests[n].test_func = test_one;
    tests[n].initial_state = name;
    n++;
  }
  closedir(d);
  qsort(tests, n, sizeof *tests, by_name);
  if (n < 30) {
    fprintf(stderr, "tests/bad holds %zu files; at least 30 are expected\n", n);
    return 1;
  }
  tests[n].name = "too-large (generated)";
  tests[n].test_func = test_too_large;
  n++;
  int rc = _cmocka_run_group_tests("bad inputs", tests, n, NULL, NULL);
  for (size_t i = 0; i + 1 < n; i++) free((void *)tests[i].initial_state);
  free(tests);
  return rc;
}
