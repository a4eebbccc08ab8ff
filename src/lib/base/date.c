/*
 * Dates as YYYYMMDD integers: one parser (the loader's messages and
 * gr_date_parse() both come from it), formatting, and day arithmetic.
 */
#include <string.h>

#include "base/base.h"

static int days_in_month(int y, int m) {
  static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return d[m - 1];
}

gr__date_check gr__date_read(const char *s, size_t len, gr_date *out) {
  if (s == NULL || len != 10 || s[4] != '-' || s[7] != '-') return GR__DATE_FORMAT;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return GR__DATE_FORMAT;
  int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
  if (y < GR__YEAR_MIN || y > GR__YEAR_MAX) return GR__DATE_RANGE;
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return GR__DATE_INVALID;
  if (out) *out = y * 10000 + m * 100 + d;
  return GR__DATE_OK;
}

gr_status gr_date_parse(const char *s, gr_date *out) {
  if (s == NULL) return GR_E_ARG;
  return gr__date_read(s, strlen(s), out) == GR__DATE_OK ? GR_OK : GR_E_ARG;
}

char *gr_date_format(gr_date date, char *buf) {
  int y = date / 10000, m = (date / 100) % 100, d = date % 100;
  /* The ranges are checked by the loader; clamp so the output fits. */
  if (y < 0 || y > 9999) y = 0;
  if (m < 0) m = 0;
  if (d < 0) d = 0;
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

/* Days since 1970-01-01 (Hinnant, "chrono-compatible low-level date
 * algorithms", days_from_civil). */
/* H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (2013),
 * civil_from_days: the inverse of days_from_civil below. */
gr_date gr__civil_from_days(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
  return (gr_date)(y * 10000 + m * 100 + d);
}

long gr__days_from_civil(gr_date date) {
  long y = date / 10000, m = (date / 100) % 100, d = date % 100;
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
