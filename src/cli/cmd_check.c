/*
 * guarantor check FILE...: validate user files together with the catalog.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static void help(FILE *fp) {
  fprintf(fp,
          "Usage: guarantor check [--verbose] FILE...\n"
          "\n"
          "Validate files (YAML or JSON: arrangements, positions, events, actors,\n"
          "regions, parameters) together with the built-in catalog: types, ranges,\n"
          "dates, ids and references across all files. Every problem is printed to\n"
          "stderr as FILE:LINE:COL: error: MESSAGE (or warning:); a record that\n"
          "replaces a built-in one of the same id is noted.\n"
          "\n"
          "Options:\n"
          "  -v, --verbose  print a summary of what each file holds\n"
          "  -h, --help     this help\n"
          "\n"
          "Exit status: 0 when there is no error (silent unless --verbose),\n"
          "2 when any file has an error, 1 on an internal failure.\n"
          "File format: docs/file-format.md.\n");
}

int cmd_check(int argc, char **argv) {
  static const struct option opts[] = {
      {"verbose", no_argument, NULL, 'v'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
  int verbose = 0, c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "+vh", opts, NULL)) != -1) {
    switch (c) {
    case 'v': verbose = 1; break;
    case 'h': help(stdout); return EXIT_OK;
    default: return cli_usage_error("check", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (optind >= argc) return cli_usage_error("check", "no FILE given");
  int status;
  gr_catalog *cat = cli_load(argv + optind, (size_t)(argc - optind), &status);
  if (cat == NULL) return status;
  if (verbose) {
    for (int i = optind; i < argc; i++) {
      printf("%s:", argv[i]);
      int any = 0;
      for (int k = 0; k < GR_REC__COUNT; k++) {
        size_t n = 0;
        for (size_t j = 0; j < gr_catalog_count(cat, (gr_record_kind)k); j++) {
          const gr_pos *p =
              gr_record_pos((gr_record_kind)k, gr_catalog_at(cat, (gr_record_kind)k, j));
          if (p->file && strcmp(p->file, argv[i]) == 0) n++;
        }
        if (n) {
          printf("%s %zu %s%s", any ? "," : "", n, gr_record_kind_name((gr_record_kind)k),
                 n == 1 ? "" : "s");
          any = 1;
        }
      }
      printf("%s\n", any ? "" : " no records");
    }
    printf("ok: %zu warning%s\n", gr_catalog_diag_count_severity(cat, GR_SEV_WARNING),
           gr_catalog_diag_count_severity(cat, GR_SEV_WARNING) == 1 ? "" : "s");
  }
  gr_catalog_free(cat);
  return EXIT_OK;
}
