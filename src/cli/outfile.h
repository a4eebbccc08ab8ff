/*
 * An output file written whole or not at all (outfile.c).
 */
#ifndef GUARANTOR_CLI_OUTFILE_H
#define GUARANTOR_CLI_OUTFILE_H

#include <limits.h>
#include <stdio.h>
#include <sys/types.h>

typedef struct cli_outfile {
  char target[PATH_MAX]; /* The file written: the path, or what its link names. */
  char dir[PATH_MAX];    /* Its directory, where the temporary file goes. */
  mode_t mode;           /* The old file's permissions, or the umask's. */
  int to_stdout;         /* The path was "-": standard output, written as is. */
} cli_outfile;

/* Decide where writing `path` goes, before any work is done: -1 with a
 * one-line reason in why[0..n) when it cannot be written (not a regular
 * file, a directory that cannot be written in). "-" is standard output
 * (out->to_stdout; the caller then prints nothing else there). */
int cli_outfile_resolve(const char *path, cli_outfile *out, char *why, size_t n);

/* Write the file: fill(fp, ctx) writes the content (0 on success) into a
 * temporary file, which then replaces the target (for "-", straight to
 * standard output, then flushed). -1 with a reason when
 * anything failed; the target is then as it was. */
int cli_outfile_write(const cli_outfile *out, int (*fill)(FILE *fp, void *ctx), void *ctx, char *why, size_t n);

#endif /* GUARANTOR_CLI_OUTFILE_H */
