/*
 * Files embedded in the program at build time (report_assets.c, made by
 * tools/embed.c): the report's template, charting libraries and the
 * model's limits.
 */
#ifndef GUARANTOR_CLI_ASSETS_H
#define GUARANTOR_CLI_ASSETS_H

#include <stddef.h>

typedef struct cli_asset {
  const char *name;
  const unsigned char *data;
  size_t len;
} cli_asset;

extern const cli_asset cli_assets[];
extern const size_t cli_assets_count;

/* The asset called `name`, or NULL (also when built without them). */
const cli_asset *cli_asset_get(const char *name);

#endif /* GUARANTOR_CLI_ASSETS_H */
