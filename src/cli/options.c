/*
 * The option parser (options.h): getopt_long driven by each command's
 * table, values checked and converted before they are stored.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"

enum { MAX_OPTIONS = 32 };

int cli_read_count(const char *text, uint64_t min, uint64_t max, uint64_t *out) {
  const char *p = text;
  uint64_t m = 0;
  int digits = 0, frac = 0, point = 0;
  for (; *p; p++) {
    if (*p == '.' && !point) {
      point = 1;
      continue;
    }
    if (!isdigit((unsigned char)*p)) break;
    uint64_t d = (uint64_t)(*p - '0');
    if (m > (UINT64_MAX - d) / 10) return -1; /* More than 64 bits hold. */
    m = m * 10 + d;
    digits++;
    frac += point;
  }
  if (digits == 0) return -1;
  long e = 0;
  if (*p == 'e' || *p == 'E') {
    p++;
    if (*p == '+') p++;
    if (!isdigit((unsigned char)*p)) return -1;
    for (; isdigit((unsigned char)*p); p++) {
      e = e * 10 + (*p - '0');
      if (e > 100) return -1;
    }
  }
  if (*p != '\0') return -1;
  /* m x 10^(e - frac), exactly, or refused. */
  for (long k = e - frac; k > 0; k--) {
    if (m > UINT64_MAX / 10) return -1;
    m *= 10;
  }
  for (long k = frac - e; k > 0; k--) {
    if (m % 10 != 0) return -1; /* Not whole. */
    m /= 10;
  }
  if (m < min || m > max) return -1;
  *out = m;
  return 0;
}

static const cli_option *find_option(const cli_spec *spec, int key) {
  for (size_t i = 0; i < spec->noptions; i++)
    if (spec->options[i].letter ? spec->options[i].letter == key : (int)(256 + i) == key) return &spec->options[i];
  return NULL;
}

/* The option as the user may write it, for messages: "-n" or "--seed". */
static void option_label(const cli_option *o, char *buf, size_t n) {
  if (o->letter && strlen(o->name) == 1) snprintf(buf, n, "-%c", o->letter);
  else snprintf(buf, n, "--%s", o->name);
}

static int store(const cli_spec *spec, const cli_option *o, const char *value, void *settings) {
  char *field = (char *)settings + o->offset;
  char label[48];
  option_label(o, label, sizeof label);
  switch (o->kind) {
  case CLI_FLAG: *(int *)(void *)field = 1; return EXIT_OK;
  case CLI_TEXT: *(const char **)(void *)field = value; return EXIT_OK;
  case CLI_LIST: {
    cli_list *l = (cli_list *)(void *)field;
    char **items = realloc(l->items, (l->n + 1) * sizeof *items);
    if (items == NULL) return EXIT_FAIL;
    l->items = items;
    l->items[l->n++] = (char *)value;
    return EXIT_OK;
  }
  case CLI_COUNT: {
    uint64_t v;
    if (cli_read_count(value, o->min, o->max, &v) != 0)
      return cli_usage_error(spec->command, "%s takes a whole number from %llu to %llu, not '%s'", label,
                             (unsigned long long)o->min, (unsigned long long)o->max, value);
    *(uint64_t *)(void *)field = v;
    return EXIT_OK;
  }
  case CLI_REAL: {
    char *end;
    errno = 0;
    double v = strtod(value, &end);
    if (end == value || *end || errno || !isfinite(v) || !(v > o->lo && v < o->hi) || isspace((unsigned char)*value))
      return cli_usage_error(spec->command, "%s takes a number between %g and %g (both excluded), not '%s'", label,
                             o->lo, o->hi, value);
    *(double *)(void *)field = v;
    return EXIT_OK;
  }
  case CLI_DATE: {
    gr_date d;
    if (gr_date_parse(value, &d) != GR_OK)
      return cli_usage_error(spec->command, "%s takes a date as YYYY-MM-DD, not '%s'", label, value);
    *(gr_date *)(void *)field = d;
    return EXIT_OK;
  }
  }
  return EXIT_FAIL;
}

int cli_parse(const cli_spec *spec, int argc, char **argv, void *settings, char ***args, int *nargs) {
  struct option longs[MAX_OPTIONS + 2];
  char shorts[3 * MAX_OPTIONS + 4];
  size_t ns = 0, nl = 0;
  if (spec->noptions > MAX_OPTIONS) return EXIT_FAIL;
  shorts[ns++] = ':'; /* Report a missing value as ':'. */
  for (size_t i = 0; i < spec->noptions; i++) {
    const cli_option *o = &spec->options[i];
    int has_arg = o->kind == CLI_FLAG ? no_argument : required_argument;
    int key = o->letter ? o->letter : (int)(256 + i);
    if (strlen(o->name) > 1) longs[nl++] = (struct option){o->name, has_arg, NULL, key};
    if (o->letter) {
      shorts[ns++] = o->letter;
      if (has_arg == required_argument) shorts[ns++] = ':';
    }
  }
  longs[nl++] = (struct option){"help", no_argument, NULL, 'h'};
  longs[nl] = (struct option){NULL, 0, NULL, 0};
  shorts[ns++] = 'h';
  shorts[ns] = '\0';
  /* Options may follow operands (GNU style); "--" ends them. */
  const char *optstring = shorts;
  optind = 0; /* glibc: 0 re-initialises getopt fully, so the parser may run again. */
  opterr = 0;
  int c;
  unsigned char given[MAX_OPTIONS] = {0};
  while ((c = getopt_long(argc, argv, optstring, longs, NULL)) != -1) {
    if (c == 'h') {
      cli_help(spec, stdout);
      return CLI_HELP_SHOWN;
    }
    if (c == ':') return cli_usage_error(spec->command, "'%s' needs a value", argv[optind - 1]);
    const cli_option *o = c == '?' ? NULL : find_option(spec, c);
    if (o == NULL) return cli_usage_error(spec->command, "unknown option '%s'", argv[optind - 1]);
    int rc = store(spec, o, optarg, settings);
    if (rc != EXIT_OK) return rc;
    given[o - spec->options] = 1;
  }
  /* An option that changes nothing without another is refused alone. */
  for (size_t i = 0; i < spec->noptions; i++) {
    const cli_option *o = &spec->options[i];
    if (!given[i] || o->needs == NULL) continue;
    bool other = false;
    for (size_t j = 0; j < spec->noptions; j++) other |= given[j] && strcmp(spec->options[j].name, o->needs) == 0;
    if (!other) {
      char label[48];
      option_label(o, label, sizeof label);
      return cli_usage_error(spec->command, "%s changes nothing without --%s", label, o->needs);
    }
  }
  int n = argc - optind;
  if (n < spec->min_args || n > spec->max_args) return cli_usage_error(spec->command, "%s", spec->args_error);
  *args = argv + optind;
  *nargs = n;
  return EXIT_OK;
}

void cli_settings_free(const cli_spec *spec, void *settings) {
  for (size_t i = 0; i < spec->noptions; i++)
    if (spec->options[i].kind == CLI_LIST) {
      cli_list *l = (cli_list *)(void *)((char *)settings + spec->options[i].offset);
      free(l->items);
      l->items = NULL;
      l->n = 0;
    }
}

/* "  -n DRAWS", "  --seed S", "  -f, --file F" */
static int left_column(const cli_option *o, char *buf, size_t n) {
  const char *mv = o->kind == CLI_FLAG ? "" : o->metavar;
  const char *sp = o->kind == CLI_FLAG ? "" : " ";
  if (o->letter && strlen(o->name) == 1) return snprintf(buf, n, "  -%c%s%s", o->letter, sp, mv);
  if (o->letter) return snprintf(buf, n, "  -%c, --%s%s%s", o->letter, o->name, sp, mv);
  return snprintf(buf, n, "  --%s%s%s", o->name, sp, mv);
}

void cli_help(const cli_spec *spec, FILE *fp) {
  fprintf(fp, "Usage: %s\n\n%s\nOptions:\n", spec->usage, spec->description);
  int width = (int)strlen("  -h, --help");
  char left[96];
  for (size_t i = 0; i < spec->noptions; i++) {
    int w = left_column(&spec->options[i], left, sizeof left);
    if (w > width) width = w;
  }
  width += 2;
  for (size_t i = 0; i < spec->noptions; i++) {
    const cli_option *o = &spec->options[i];
    left_column(o, left, sizeof left);
    const char *h = o->help;
    int first = 1;
    while (*h) {
      size_t len = strcspn(h, "\n");
      fprintf(fp, "%-*s%.*s\n", width, first ? left : "", (int)len, h);
      first = 0;
      h += len;
      if (*h == '\n') h++;
    }
    if (o->kind == CLI_COUNT)
      fprintf(fp, "%-*s(whole number, %llu to %llu)\n", width, "", (unsigned long long)o->min,
              (unsigned long long)o->max);
    if (o->kind == CLI_REAL) fprintf(fp, "%-*s(number, above %g and below %g)\n", width, "", o->lo, o->hi);
  }
  fprintf(fp, "%-*sthis help\n\n%s", width, "  -h, --help", spec->footer);
}
