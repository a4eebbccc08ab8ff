/*
 * Hostile inputs and faults, end to end (issue 9's reproducers, each kept):
 * parameter files the model cannot take, command lines out of range,
 * signals, outputs that cannot be written, report paths that are not
 * regular files. Each must end with exit 2 (bad input) or 1 (failure) and
 * a one-line message, never a signal, an abort, a hang or exit 0 with a
 * wrong result. (Malformed files have their exact messages in tests/bad.)
 */
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "cli_util.h"

static char *path_in_tmp(const char *name) {
  static char buf[4][512];
  static int next;
  char *p = buf[next++ % 4];
  snprintf(p, 512, "%s/%s", tmpdir, name);
  return p;
}

/* A parameter file holding one parameter. */
static const char *params(const char *name, const char *body) {
  char *p = path_in_tmp(name);
  char text[512];
  snprintf(text, sizeof text, "parameters:\n  - {%s, sources: [{assumption: test}]}\n", body);
  write_file(p, text);
  return p;
}

static void expect_refused(run r, const char *message) {
  if (r.status != 2 || strstr(r.err, message) == NULL) fprintf(stderr, "status %d, stderr:\n%s\n", r.status, r.err);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, message));
  assert_string_equal(r.out, "");
  done(&r);
}

/* Parameters the model cannot take are refused at load time, by check as
 * by simulate, with the file's line and column. */
static void test_parameter_files(void **state) {
  (void)state;
  static const struct {
    const char *body, *message;
  } cases[] = {
      {"id: delay_supply_days, title: t, unit: days, distribution: normal, mean: 1, sd: 100",
       ":2:5: error: 'delay_supply_days' is a delay in days in [0, 36525]: a normal distribution reaches"},
      {"id: delay_fast_days, title: t, distribution: fixed, value: -1e15",
       ":2:5: error: 'delay_fast_days' is a delay in days in [0, 36525], not -1e+15"},
      {"id: delay_supply_days, title: t, distribution: fixed, value: -2", "is a delay in days in [0, 36525], not -2"},
      {"id: honour_base, title: t, distribution: fixed, value: 1.4", "'honour_base' is a probability in [0, 1], not 1.4"},
      {"id: honour_bsae, title: t, unit: probability, distribution: fixed, value: 0.5",
       "the model reads no parameter 'honour_bsae' (did you mean 'honour_base'?)"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *p = params("p.yaml", cases[i].body);
    expect_refused(prog("check", p, NULL), cases[i].message);
    expect_refused(prog("simulate", "coalition-2025", "-n", "2000", "--params", p, NULL), cases[i].message);
  }
}

/* Shapes GSL's beta quantile aborts or hangs on run, simulate and
 * sensitivity alike, in well under a second each. */
static void test_extreme_beta_runs(void **state) {
  (void)state;
  static const char *const bodies[] = {
      "id: honour_base, title: t, unit: probability, distribution: beta, a: 0.001, b: 1000",
      "id: honour_base, title: t, unit: probability, distribution: beta, a: 1e6, b: 1e6",
  };
  for (size_t i = 0; i < 2; i++) {
    const char *p = params("beta.yaml", bodies[i]);
    time_t t0 = time(NULL);
    run r = prog("simulate", "coalition-2025", "-n", "5000", "--sensitivity", "--samples", "512", "--params", p,
                 NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Sensitivity of P(deterred)"));
    assert_null(strstr(r.out, "nan"));
    done(&r);
    assert_true(time(NULL) - t0 < 20);
  }
}

/* Numbers on the command line: range-checked, decimal; threads capped at a
 * multiple of the cores, with a message. */
static void test_command_line_numbers(void **state) {
  (void)state;
  run r = prog("simulate", "budapest-1994", "-n", "1000", "--threads", "1000", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.err, "--threads 1000 is more than 4 per core on this machine"));
  assert_null(strstr(r.out, "1000 threads"));
  done(&r);
  r = prog("simulate", "budapest-1994", "--threads", "100000", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "--threads takes a whole number from 1 to 1024, not '100000'"));
  done(&r);
  r = prog("simulate", "--help", NULL);
  assert_non_null(strstr(r.out, "(whole number, 0 to 18446744073709551615)")); /* --seed's range, stated. */
  done(&r);
}

/* Runs the program with ARGV, sends SIGINT after SECONDS and returns its
 * standard output; it must stop within seconds and exit 1. */
static char *interrupted(char *const argv[], int seconds) {
  char outp[600], errp[600];
  snprintf(outp, sizeof outp, "%s/int.out", tmpdir);
  snprintf(errp, sizeof errp, "%s/int.err", tmpdir);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    int o = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0600), e = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(o, 1);
    dup2(e, 2);
    execv(GR_PROGRAM, argv);
    _exit(127);
  }
  struct timespec ts = {seconds, 0};
  nanosleep(&ts, NULL);
  kill(pid, SIGINT);
  int st;
  time_t t0 = time(NULL);
  waitpid(pid, &st, 0);
  assert_true(time(NULL) - t0 < 30);
  assert_true(WIFEXITED(st));
  assert_int_equal(WEXITSTATUS(st), 1);
  return slurp(outp);
}

/* Ctrl-C during the sensitivity analysis stops it at its next block and
 * prints what it has, marked partial, with exit 1. */
static void test_interrupted_sensitivity(void **state) {
  (void)state;
  /* Past the simulation, into the analysis (which alone takes minutes). */
  char *const argv[] = {GR_PROGRAM, "simulate", "coalition-2025", "-n",      "2000", "--sensitivity",
                        "--samples", "1000000",        "--threads", "2", NULL};
  char *out = interrupted(argv, 2);
  assert_non_null(strstr(out, "[PARTIAL: interrupted]"));
  free(out);
}

/* compare --csv interrupted marks its rows partial. */
static void test_interrupted_compare_csv(void **state) {
  (void)state;
  char *const argv[] = {GR_PROGRAM, "compare", "-n", "1000000000", "--csv", "--threads", "2", NULL};
  char *out = interrupted(argv, 1);
  assert_non_null(strstr(out, ",what_if,partial,version,"));
  assert_non_null(strstr(out, "\",true,"));
  free(out);
}

/* Output that cannot be written is a failure, for every command. */
static void test_full_output(void **state) {
  (void)state;
  static const char *const argvs[][4] = {{"show", "--kinds", NULL}, {"show", "--json", NULL}, {"--help", NULL},
                                         {"check", "--verbose", GR_SOURCE_DIR "/docs/examples/un.yaml", NULL},
                                         {"trigger", "--help", NULL}};
  for (size_t i = 0; i < sizeof argvs / sizeof argvs[0]; i++) {
    run r = prog_to("/dev/full", argvs[i][0], argvs[i][1], argvs[i][2], argvs[i][3]);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "cannot write the output: No space left on device"));
    done(&r);
  }
  /* And "check FILE --verbose": the option after the file is an option. */
  run r = prog("check", GR_SOURCE_DIR "/docs/examples/un.yaml", "--verbose", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "ok: "));
  done(&r);
}

/* report -o: never over something that is not a regular file; through a
 * link to its target; the umask obeyed; any file name the system allows. */
static void test_report_paths(void **state) {
  (void)state;
  run r = prog("report", "budapest-1994", "-n", "500", "--samples", "16", "--no-backtest", "-q", "-o", "/dev/null", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "/dev/null is not a regular file"));
  done(&r);
  struct stat st;
  assert_int_equal(stat("/dev/null", &st), 0);
  assert_true(S_ISCHR(st.st_mode));
  r = prog("report", "budapest-1994", "-n", "500", "--samples", "16", "--no-backtest", "-q", "-o", tmpdir, NULL);
  assert_int_equal(r.status, 2);
  done(&r);
  /* A link: the file it names is written, the link stays. */
  char *target = path_in_tmp("target.html"), *link = path_in_tmp("link.html");
  write_file(target, "old");
  assert_int_equal(chmod(target, 0640), 0);
  assert_int_equal(symlink(target, link), 0);
  r = prog("report", "budapest-1994", "-n", "500", "--samples", "16", "--no-backtest", "-q", "-o", link, NULL);
  assert_int_equal(r.status, 0);
  done(&r);
  assert_int_equal(lstat(link, &st), 0);
  assert_true(S_ISLNK(st.st_mode));
  assert_int_equal(stat(target, &st), 0);
  assert_true(st.st_size > 1000);
  assert_int_equal(st.st_mode & 0777, 0640); /* The old file's permissions. */
  /* A new file: the umask's. */
  char *fresh = path_in_tmp("fresh.html");
  mode_t old = umask(077);
  r = prog("report", "budapest-1994", "-n", "500", "--samples", "16", "--no-backtest", "-q", "-o", fresh, NULL);
  umask(old);
  assert_int_equal(r.status, 0);
  done(&r);
  assert_int_equal(stat(fresh, &st), 0);
  assert_int_equal(st.st_mode & 0777, 0600);
  /* A 250-byte name (the temporary file's is short). */
  char name[300];
  memset(name, 'r', 245);
  memcpy(name + 245, ".html", 6);
  char *longp = path_in_tmp(name);
  r = prog("report", "budapest-1994", "-n", "500", "--samples", "16", "--no-backtest", "-q", "-o", longp, NULL);
  assert_int_equal(r.status, 0);
  done(&r);
  assert_int_equal(stat(longp, &st), 0);
  /* The same arrangement twice would make two sections with the same ids. */
  r = prog("report", "budapest-1994", "budapest-1994", "-n", "500", "-q", "-o", fresh, NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "arrangement 'budapest-1994' is given twice"));
  done(&r);
  /* Nothing left behind but what was written. */
  r = prog("check", GR_SOURCE_DIR "/docs/examples/un.yaml", NULL);
  done(&r);
  char cmd[700];
  snprintf(cmd, sizeof cmd, "ls -a '%s' | grep -c '^.guarantor-'", tmpdir);
  FILE *p = popen(cmd, "r");
  int leftovers = -1;
  assert_int_equal(fscanf(p, "%d", &leftovers), 1);
  pclose(p);
  assert_int_equal(leftovers, 0);
}

/* compare --csv interrupted says so in every row. */
static void test_compare_csv_partial(void **state) {
  (void)state;
  run r = prog("compare", "-n", "2000", "--csv", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, ",what_if,partial,version,"));
  assert_non_null(strstr(r.out, "\",false,"));
  done(&r);
}

/* Terminal escape sequences from the command line, a file's name or its
 * text are shown escaped, never passed to the terminal. */
static void test_escapes_shown(void **state) {
  (void)state;
  static const char *const escaped = "\\x1B]0;t\\x07";
  run r = prog("show", "x\033]0;t\a", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, escaped));
  assert_null(strchr(r.err, '\033'));
  done(&r);
  r = prog("simulate", "--x\033]0;t\a", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, escaped));
  assert_null(strchr(r.err, '\033'));
  done(&r);
  r = prog("\033]0;t\a", NULL);
  assert_int_equal(r.status, 2);
  assert_null(strchr(r.err, '\033'));
  done(&r);
  /* A file whose name and text hold escapes: refused, both escaped. */
  char *bad = path_in_tmp("e\033]0;t\a.yaml");
  write_file(bad, "actors:\n  - \"k\\e[31m\": 1\n");
  r = prog("check", bad, NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "e\\x1B]0;t\\x07.yaml:2:5: error: unknown key 'k\\x1B[31m' in actor"));
  assert_null(strchr(r.err, '\033'));
  done(&r);
  /* A good file with such a name: its name is escaped on standard output. */
  char *good = path_in_tmp("g\033]0;t\a.yaml");
  write_file(good, "actors:\n  - {id: x, name: X, type: state, sources: [{assumption: test}]}\n");
  r = prog("check", "--verbose", good, NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "g\\x1B]0;t\\x07.yaml: 1 actor"));
  assert_null(strchr(r.out, '\033'));
  done(&r);
}

/* `n` groups, each a member of the next two (of the first ones again when
 * `wrap`: cycles), a state inside the first and an arrangement it
 * guarantees; written to `name` in the test directory. */
static const char *groups_file(const char *name, int n, int wrap) {
  char *p = path_in_tmp(name);
  FILE *f = fopen(p, "w");
  assert_non_null(f);
  fputs("actors:\n", f);
  for (int i = 0; i < n; i++) {
    fprintf(f, "  - {id: G%d, name: G%d, type: group, memberships: [", i, i);
    for (int k = 1; k <= 2; k++)
      if (wrap || i + k < n) fprintf(f, "%sG%d", k > 1 ? ", " : "", (i + k) % n);
    fputs("], sources: [{assumption: t}]}\n", f);
  }
  fputs("  - {id: SX, name: SX, type: state, memberships: [G0], sources: [{assumption: t}]}\n"
        "arrangements:\n"
        "  - {id: deep, title: Deep, protects: UKR, date: 2025-08-21, status: proposed,\n"
        "     legal_form: executive_agreement, sources: [{assumption: t}],\n"
        "     obligations: [{guarantor: SX, kind: reassurance_force, commitment: conditional, troops: 5000,\n"
        "                    location: {regions: [UA-51]}, triggers: [armed_attack], activation: automatic,\n"
        "                    sources: [{assumption: t}]}]}\n",
        f);
  fclose(f);
  return p;
}

/* A membership cycle (12 groups took over a minute in trigger) is refused
 * with its path at once; a deep lattice of shared groups runs at once. */
static void test_membership_cycles(void **state) {
  (void)state;
  const char *cyc = groups_file("cycle.yaml", 12, 1);
  static const char *const cmds[][2] = {{"trigger", "strike-kyiv"}, {"assess", NULL}};
  for (size_t i = 0; i < 2; i++) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run r = cmds[i][1] ? prog(cmds[i][0], "deep", cmds[i][1], "-f", cyc, NULL) : prog(cmds[i][0], "deep", "-f", cyc, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "cycle.yaml:13:5: error: memberships form a cycle: 'G0' -> 'G1' -> "));
    done(&r);
    assert_true(t1.tv_sec - t0.tv_sec < 5); /* Generous for loaded machines; it takes milliseconds. */
  }
  /* G0's chain (some 30 groups deep, 2^30 paths) with no cycle. */
  const char *dag = groups_file("lattice.yaml", 60, 0);
  run r = prog("assess", "deep", "-f", dag, "--json", NULL);
  assert_int_equal(r.status, 0);
  done(&r);
}

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* Under a 128 MiB address-space limit, checking a file too big to hold in
 * it ends in "out of memory" and exit 1 (it exited 0: an allocation
 * failure inside the YAML parser read as the end of the file). Not under
 * AddressSanitizer, whose shadow memory needs terabytes of address space. */
static void test_memory_limit(void **state) {
  (void)state;
#ifdef UNDER_ASAN
  skip();
#else
  char *path = path_in_tmp("keys.yaml");
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs("actors:\n  - {", f);
  for (int i = 0; i < 400000; i++) fprintf(f, "%sk%x", i ? "," : "", i);
  fputs("}\n", f);
  fclose(f);
  char errp[600];
  snprintf(errp, sizeof errp, "%s/limit.err", tmpdir);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    struct rlimit rl = {128u << 20, 128u << 20};
    int e = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600), o = open("/dev/null", O_WRONLY);
    dup2(o, 1);
    dup2(e, 2);
    if (setrlimit(RLIMIT_AS, &rl) != 0) _exit(126);
    execl(GR_PROGRAM, GR_PROGRAM, "check", path, (char *)NULL);
    _exit(127);
  }
  int st;
  waitpid(pid, &st, 0);
  char *err = slurp(errp);
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 1) fprintf(stderr, "status %d:\n%s\n", st, err);
  assert_true(WIFEXITED(st));
  assert_int_equal(WEXITSTATUS(st), 1);
  assert_non_null(strstr(err, "guarantor: out of memory"));
  free(err);
#endif
}

/* --actors takes any number of ids (ids after the 64th were dropped). */
static void test_many_actors(void **state) {
  (void)state;
  char ids[600] = "";
  for (int i = 0; i < 70; i++) strcat(ids, "UKR,");
  strcat(ids, "RUS");
  run r = prog("assess", "nato-membership", "--actors", ids, NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "RUS   vetoes"));
  done(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parameter_files),     cmocka_unit_test(test_extreme_beta_runs),
      cmocka_unit_test(test_command_line_numbers), cmocka_unit_test(test_interrupted_sensitivity),
      cmocka_unit_test(test_full_output),          cmocka_unit_test(test_report_paths),
      cmocka_unit_test(test_compare_csv_partial), cmocka_unit_test(test_interrupted_compare_csv),  cmocka_unit_test(test_many_actors), cmocka_unit_test(test_escapes_shown), cmocka_unit_test(test_membership_cycles), cmocka_unit_test(test_memory_limit),
  };
  return cmocka_run_group_tests(tests, cli_setup, cli_teardown);
}
