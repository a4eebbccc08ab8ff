/*
 * Helpers of the end-to-end tests: run the program as a user would, in a
 * temporary directory, and capture its exit status, stdout and stderr.
 */
#ifndef GUARANTOR_TEST_CLI_UTIL_H
#define GUARANTOR_TEST_CLI_UTIL_H

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

typedef struct run {
  int status;
  char *out;
  char *err;
} run;

static char tmpdir[64];

static inline char *slurp(const char *path) {
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

static inline run vprog(const char *out_to, const char *first, va_list ap) {
  const char *argv[32] = {GR_PROGRAM, first};
  int argc = first ? 2 : 1;
  while (first && argc < 31 && (argv[argc] = va_arg(ap, const char *)) != NULL) argc++;
  argv[argc] = NULL;
  char outp[128], errp[128];
  snprintf(outp, sizeof outp, "%s/stdout", tmpdir);
  if (out_to == NULL) out_to = outp;
  snprintf(errp, sizeof errp, "%s/stderr", tmpdir);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    int o = open(out_to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
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
  run r = {WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st), strcmp(out_to, outp) ? strdup("") : slurp(outp),
           slurp(errp)};
  return r;
}

/* Run the program with NULL-terminated arguments; capture everything. */
static inline run prog(const char *first, ...) {
  va_list ap;
  va_start(ap, first);
  run r = vprog(NULL, first, ap);
  va_end(ap);
  return r;
}

/* The same with its standard output sent to `path` (/dev/full, ...). */
static inline run prog_to(const char *path, const char *first, ...) {
  va_list ap;
  va_start(ap, first);
  run r = vprog(path, first, ap);
  va_end(ap);
  return r;
}

static inline void done(run *r) {
  free(r->out);
  free(r->err);
}

static inline void write_file(const char *path, const char *text) {
  FILE *fp = fopen(path, "wb");
  assert_non_null(fp);
  fputs(text, fp);
  fclose(fp);
}

static inline int cli_setup(void **state) {
  (void)state;
  snprintf(tmpdir, sizeof tmpdir, "/tmp/gr-cli-XXXXXX");
  return mkdtemp(tmpdir) ? 0 : -1;
}

static inline int cli_teardown(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  return system(cmd) == 0 ? 0 : -1;
}


#endif /* GUARANTOR_TEST_CLI_UTIL_H */
