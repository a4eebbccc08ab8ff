/*
 * Writing an output file whole or not at all: into a temporary file beside
 * the target, then renamed over it, so that a reader sees the old file or
 * the new one, never half of one.
 *
 * The target is where the path leads: through a symbolic link to the file
 * it names (the link stays), never over something that is not a regular
 * file (writing the report to /dev/null must not replace /dev/null with a
 * file). The new file keeps the old one's permissions, or takes the
 * umask's. The temporary file's name is short and fixed in length, so any
 * file name the system allows works; if the program is stopped by a signal
 * while writing, the temporary file is removed.
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

/* The temporary file, for the signal handler to remove. */
static char pending[PATH_MAX + 32];
static volatile sig_atomic_t have_pending;

static void on_signal(int sig) {
  if (have_pending) unlink(pending);
  signal(sig, SIG_DFL);
  raise(sig);
}

int cli_outfile_resolve(const char *path, cli_outfile *out, char *why, size_t n) {
  memset(out, 0, sizeof *out);
  if (strcmp(path, "-") == 0) {
    out->to_stdout = 1;
    snprintf(out->target, sizeof out->target, "%s", "standard output");
    return 0;
  }
  struct stat st;
  const char *target = path;
  char link[PATH_MAX], joined[PATH_MAX], real[PATH_MAX];
  if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
    /* Follow the link to what it names, even when that does not exist
     * yet (one level: a chain of dangling links is refused below). */
    if (realpath(path, real) != NULL) {
      target = real;
    } else {
      ssize_t len = readlink(path, link, sizeof link - 1);
      if (len < 0) {
        snprintf(why, n, "cannot read the link %s: %s", path, strerror(errno));
        return -1;
      }
      link[len] = '\0';
      if (link[0] == '/') {
        snprintf(joined, sizeof joined, "%s", link);
      } else {
        char copy[PATH_MAX];
        snprintf(copy, sizeof copy, "%s", path);
        snprintf(joined, sizeof joined, "%s/%s", dirname(copy), link);
      }
      target = joined;
    }
  }
  if (snprintf(out->target, sizeof out->target, "%s", target) >= (int)sizeof out->target) {
    snprintf(why, n, "%s: the path is too long", path);
    return -1;
  }
  if (lstat(out->target, &st) == 0) {
    if (!S_ISREG(st.st_mode)) {
      snprintf(why, n, "%s is not a regular file (%s): not writing over it", path,
               S_ISDIR(st.st_mode) ? "a directory" : S_ISLNK(st.st_mode) ? "a link to a link" : "a device, pipe or socket");
      return -1;
    }
    out->mode = st.st_mode & 07777;
  } else if (errno != ENOENT) {
    snprintf(why, n, "cannot write %s: %s", path, strerror(errno));
    return -1;
  } else {
    mode_t mask = umask(0);
    umask(mask);
    out->mode = 0666 & ~mask;
  }
  char copy[PATH_MAX];
  snprintf(copy, sizeof copy, "%s", out->target);
  snprintf(out->dir, sizeof out->dir, "%s", dirname(copy));
  if (access(out->dir, W_OK | X_OK) != 0) {
    snprintf(why, n, "cannot write in %s: %s", out->dir, strerror(errno));
    return -1;
  }
  return 0;
}

int cli_outfile_write(const cli_outfile *out, int (*fill)(FILE *fp, void *ctx), void *ctx, char *why, size_t n) {
  if (out->to_stdout) {
    if (fill(stdout, ctx) != 0 || fflush(stdout) != 0 || ferror(stdout)) {
      snprintf(why, n, "cannot write to standard output: %s", strerror(errno ? errno : EIO));
      return -1;
    }
    return 0;
  }
  snprintf(pending, sizeof pending, "%s/.guarantor-XXXXXX", out->dir);
  struct sigaction sa, old[3];
  static const int sigs[3] = {SIGINT, SIGTERM, SIGHUP};
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (int i = 0; i < 3; i++) sigaction(sigs[i], &sa, &old[i]);
  int fd = mkstemp(pending);
  if (fd < 0) {
    snprintf(why, n, "cannot create a file in %s: %s", out->dir, strerror(errno));
    for (int i = 0; i < 3; i++) sigaction(sigs[i], &old[i], NULL);
    return -1;
  }
  have_pending = 1;
  FILE *fp = fdopen(fd, "w");
  int bad = fp == NULL || fchmod(fd, out->mode) != 0 || fill(fp, ctx) != 0 || fflush(fp) != 0 || fsync(fd) != 0;
  int saved = errno;
  if (fp ? fclose(fp) != 0 : close(fd) != 0) bad = 1;
  if (!bad && rename(pending, out->target) != 0) {
    bad = 1;
    saved = errno;
  }
  if (bad) {
    snprintf(why, n, "cannot write %s: %s (any earlier file is left as it was)", out->target,
             strerror(saved ? saved : errno));
    unlink(pending);
  }
  have_pending = 0;
  for (int i = 0; i < 3; i++) sigaction(sigs[i], &old[i], NULL);
  return bad ? -1 : 0;
}
