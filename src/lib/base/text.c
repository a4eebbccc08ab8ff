/*
 * Text that came from an input, made safe to show on a terminal: control
 * characters and bytes that are not UTF-8 become visible escapes instead of
 * commands to the terminal (an ESC ] 0 ; ... BEL in a title would otherwise
 * set the window's title, a CSI sequence move the cursor or recolour).
 */
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "base/base.h"

/* Whether a code point is one a terminal or a bidirectional renderer acts
 * on: C0 and C1 controls, DEL, the line and paragraph separators and the
 * bidirectional embeddings, overrides and isolates (which can make text
 * read differently from what it holds). */
bool gr__acts_on_display(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t gr_text_escape(const char *text, char *buf, size_t size) {
  if (text == NULL) text = "";
  const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
  size_t len = strlen(text);
  size_t need = 0;     /* The length the whole escaped text needs. */
  size_t used = 0;     /* What is in buf: whole pieces only. */
  bool fits = size > 0; /* Once a piece does not fit, nothing more is copied. */
  for (size_t i = 0; i < len;) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
    char piece[16];
    size_t plen;
    if (k <= 0) { /* Not UTF-8: the byte, in hex. */
      plen = (size_t)snprintf(piece, sizeof piece, "\\x%02X", s[i]);
      k = 1;
    } else if (!gr__acts_on_display((uint32_t)cp)) {
      plen = (size_t)k;
      memcpy(piece, s + i, plen);
    } else if (cp == '\n' || cp == '\t' || cp == '\r') {
      plen = (size_t)snprintf(piece, sizeof piece, "\\%c", cp == '\n' ? 'n' : cp == '\t' ? 't' : 'r');
    } else if (cp < 0x80) {
      plen = (size_t)snprintf(piece, sizeof piece, "\\x%02X", (unsigned)cp);
    } else {
      plen = (size_t)snprintf(piece, sizeof piece, "\\u%04X", (unsigned)cp);
    }
    fits = fits && used + plen < size;
    if (fits) {
      memcpy(buf + used, piece, plen);
      used += plen;
    }
    need += plen;
    i += (size_t)k;
  }
  if (size > 0) buf[used] = '\0';
  return need;
}
