/*
 * What an arrangement does when an event happens, from C: load the
 * built-in catalog, validate it, compute the activation timeline of one
 * arrangement for one event, print it as JSON.
 *
 *   cc trigger.c $(pkg-config --cflags --libs guarantor) -o trigger
 *   ./trigger [ARRANGEMENT EVENT]        (default: coalition-2025
 *                                          offensive-zaporizhzhia)
 *
 * It prints what `guarantor trigger ARRANGEMENT EVENT --json` prints.
 */
#include <stdio.h>

#include <guarantor/guarantor.h>

int main(int argc, char **argv) {
  const char *arr_id = argc > 1 ? argv[1] : "coalition-2025";
  const char *ev_id = argc > 2 ? argv[2] : "offensive-zaporizhzhia";
  gr_error err = GR_ERROR_INIT;
  gr_timeline *tl = NULL;
  int rc = 1;

  gr_catalog *cat = gr_catalog_new();
  if (cat == NULL || gr_catalog_load_builtin(cat, &err) != GR_OK || gr_catalog_validate(cat, &err) != GR_OK) {
    fprintf(stderr, "trigger: %s\n", cat ? err.message : "out of memory");
    goto done;
  }
  const gr_arrangement *arr = gr_catalog_arrangement(cat, arr_id);
  const gr_event *ev = gr_catalog_event(cat, ev_id);
  if (arr == NULL || ev == NULL) {
    fprintf(stderr, "trigger: no arrangement '%s' or no event '%s'\n", arr_id, ev_id);
    goto done;
  }
  /* NULL facts: the arrangement's defaults; 0: the event's own date. */
  if (gr_timeline_new(cat, arr, ev, NULL, 0, &tl, &err) != GR_OK) {
    fprintf(stderr, "trigger: %s\n", err.message);
    goto done;
  }
  char *json = gr_timeline_to_json(tl, 0);
  if (json == NULL) {
    fprintf(stderr, "trigger: out of memory\n");
    goto done;
  }
  fputs(json, stdout);
  gr_free(json);
  rc = fflush(stdout) == 0 ? 0 : 1;
done:
  gr_timeline_free(tl);
  gr_catalog_free(cat);
  gr_error_clear(&err);
  return rc;
}
