/*
 * Dates as YYYYMMDD integers: parsing and formatting.
 */
#include <string.h>

#include "base/base.h"

gr_status gr_date_parse(const char *s, gr_date *out) {
  static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return GR_E_ARG;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return GR_E_ARG;
  int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return GR_E_ARG;
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > mdays[m - 1] + (m == 2 && leap)) return GR_E_ARG;
  if (out) *out = y * 10000 + m * 100 + d;
  return GR_OK;
}

char *gr_date_format(gr_date date, char *buf) {
  int y = date / 10000, m = (date / 100) % 100, d = date % 100;
  /* The ranges are checked by the loader; clamp so the output fits. */
  if (y < 0 || y > 9999) y = 0;
  buf[0] = (char)('0' + y / 1000);
  buf[1] = (char)('0' + (y / 100) % 10);
  buf[2] = (char)('0' + (y / 10) % 10);
  buf[3] = (char)('0' + y % 10);
  buf[4] = '-';
  buf[5] = (char)('0' + (m / 10) % 10);
  buf[6] = (char)('0' + m % 10);
  buf[7] = '-';
  buf[8] = (char)('0' + (d / 10) % 10);
  buf[9] = (char)('0' + d % 10);
  buf[10] = '\0';
  return buf;
}
