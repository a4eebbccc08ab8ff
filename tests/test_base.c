/*
 * The base module: the stable sort (against a reference on random inputs,
 * and its stability), the string map (growth, replacement, absent keys),
 * dates (every kind of bad text, leap years, day arithmetic) and the one
 * policy of "did you mean".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/base.h"
#include "base/json_int.h"

typedef struct item {
  int key, seq;
} item;

static int by_key(const void *a, const void *b, void *ctx) {
  (void)ctx;
  int x = ((const item *)a)->key, y = ((const item *)b)->key;
  return x < y ? -1 : x > y;
}

/* Random keys from a small range (many ties): the result must be sorted by
 * key and, among equal keys, in input order. */
static void test_sort_is_sorted_and_stable(void **state) {
  (void)state;
  uint64_t rng = 88172645463325252ULL;
  for (size_t n = 0; n < 300; n += 1 + n / 4) {
    item *a = malloc((n ? n : 1) * sizeof *a);
    assert_non_null(a);
    for (size_t i = 0; i < n; i++) {
      rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
      a[i].key = (int)(rng % 7);
      a[i].seq = (int)i;
    }
    gr__sort(a, n, sizeof *a, by_key, NULL);
    for (size_t i = 1; i < n; i++) {
      assert_true(a[i - 1].key <= a[i].key);
      if (a[i - 1].key == a[i].key) assert_true(a[i - 1].seq < a[i].seq);
    }
    free(a);
  }
}

static void test_sort_trivial_sizes(void **state) {
  (void)state;
  item one = {3, 0};
  gr__sort(&one, 1, sizeof one, by_key, NULL);
  gr__sort(NULL, 0, sizeof one, by_key, NULL);
  assert_int_equal(one.key, 3);
}

static void test_strmap(void **state) {
  (void)state;
  gr__strmap m = {0};
  char keys[1000][8];
  size_t v = 0;
  assert_false(gr__strmap_get(&m, "a", &v));
  for (size_t i = 0; i < 1000; i++) {
    snprintf(keys[i], sizeof keys[i], "k%zu", i);
    assert_int_equal(gr__strmap_put(&m, keys[i], i), 0);
  }
  assert_int_equal(m.n, 1000);
  assert_true(m.cap >= 2000);
  for (size_t i = 0; i < 1000; i++) {
    assert_true(gr__strmap_get(&m, keys[i], &v));
    assert_int_equal(v, i);
  }
  assert_false(gr__strmap_get(&m, "k1000", &v));
  assert_false(gr__strmap_get(&m, NULL, &v));
  assert_int_equal(gr__strmap_put(&m, "k5", 42), 0); /* Replaces. */
  assert_true(gr__strmap_get(&m, keys[5], &v));
  assert_int_equal(v, 42);
  assert_int_equal(m.n, 1000);
  gr__strmap_free(&m);
  assert_int_equal(m.cap, 0);
}

static void test_fnv1a_known_answers(void **state) {
  (void)state;
  /* FNV-1a 64 test vectors (Fowler, Noll, Vo; the reference's test suite). */
  assert_true(gr__fnv1a("", 0, GR__FNV_OFFSET) == 0xcbf29ce484222325ULL);
  assert_true(gr__fnv1a("a", 1, GR__FNV_OFFSET) == 0xaf63dc4c8601ec8cULL);
  assert_true(gr__fnv1a("foobar", 6, GR__FNV_OFFSET) == 0x85944171f73967e8ULL);
}

static void test_dates(void **state) {
  (void)state;
  gr_date d = 0;
  assert_int_equal(gr__date_read("2024-02-29", 10, &d), GR__DATE_OK);
  assert_int_equal(d, 20240229);
  assert_int_equal(gr__date_read("2023-02-29", 10, &d), GR__DATE_INVALID);
  assert_int_equal(gr__date_read("1900-02-29", 10, &d), GR__DATE_INVALID);
  assert_int_equal(gr__date_read("2000-02-29", 10, &d), GR__DATE_OK);
  assert_int_equal(gr__date_read("2023-13-01", 10, &d), GR__DATE_INVALID);
  assert_int_equal(gr__date_read("2023-04-31", 10, &d), GR__DATE_INVALID);
  assert_int_equal(gr__date_read("2023-01-00", 10, &d), GR__DATE_INVALID);
  assert_int_equal(gr__date_read("1799-12-31", 10, &d), GR__DATE_RANGE);
  assert_int_equal(gr__date_read("2201-01-01", 10, &d), GR__DATE_RANGE);
  assert_int_equal(gr__date_read("2023-1-01", 9, &d), GR__DATE_FORMAT);
  assert_int_equal(gr__date_read("01-02-2023", 10, &d), GR__DATE_FORMAT);
  assert_int_equal(gr__date_read("2023/01/02", 10, &d), GR__DATE_FORMAT);
  assert_int_equal(gr__date_read(NULL, 0, &d), GR__DATE_FORMAT);
  assert_int_equal(gr_date_parse("2022-03-29", &d), GR_OK);
  assert_int_equal(gr_date_parse("2022-03-32", &d), GR_E_ARG);
  assert_int_equal(gr_date_parse(NULL, &d), GR_E_ARG);
  char buf[11];
  assert_string_equal(gr_date_format(20220329, buf), "2022-03-29");
  assert_int_equal(gr__days_from_civil(19700101), 0);
  assert_int_equal(gr__days_from_civil(20000301) - gr__days_from_civil(20000228), 2);
  assert_int_equal(gr__days_from_civil(20220224) - gr__days_from_civil(20140227), 2919);
}

static void test_suggestions(void **state) {
  (void)state;
  assert_int_equal(gr__edit_distance("kitten", "sitting", 10), 3);
  assert_int_equal(gr__edit_distance("", "abc", 10), 3);
  assert_int_equal(gr__edit_distance("FRA", "fra", 10), 0);
  assert_true(gr__edit_distance("abcdefgh", "zzzzzzzz", 2) > 2);
  assert_int_equal(gr__suggest_cap(3), 1);
  assert_int_equal(gr__suggest_cap(6), 2);
  assert_int_equal(gr__suggest_cap(7), 3);
  assert_int_equal(gr__suggest_cap(12), 5);
  const char *c[] = {"guarantor", "activation", "obligations", NULL};
  assert_string_equal(gr__closest("gurantor", c, 4), "guarantor");
  assert_string_equal(gr__closest("activaton", c, 4), "activation");
  assert_null(gr__closest("zebra", c, 4));
  /* Four edits in a long word are within the cap of one policy. */
  assert_string_equal(gr__closest("oblgatinz", c, 4), "obligations");
}

/* The writer: layout, escaping, numbers, and refusing misuse. */
static void test_json_writer(void **state) {
  (void)state;
  gr_json *w = gr_json_new(0);
  gr_json_begin_object(w);
  gr_json_key(w, "s");
  gr_json_string(w, "a\"b\\c\n\x01</x>&");
  gr_json_key(w, "n");
  gr_json_begin_array(w);
  gr_json_number(w, 0.1);
  gr_json_number(w, 1e300 * 1e300);
  gr_json_int(w, -5);
  gr_json_uint(w, UINT64_MAX);
  gr_json_bool(w, true);
  gr_json_null(w);
  gr_json_date(w, 20220329);
  gr_json_date(w, 0);
  gr_json_string(w, NULL);
  gr_json_end_array(w);
  gr_json_key(w, "empty");
  gr_json_begin_object(w);
  gr_json_end_object(w);
  gr_json_key(w, "words");
  gr__json_begin_inline_array(w);
  gr_json_string(w, "a");
  gr_json_string(w, "b");
  gr__json_end_inline_array(w);
  gr_json_end_object(w);
  assert_int_equal(gr_json_status(w), GR_OK);
  char *text = gr_json_finish(w);
  assert_string_equal(text, "{\n"
                            "  \"s\": \"a\\\"b\\\\c\\n\\u0001</x>&\",\n"
                            "  \"n\": [\n"
                            "    0.1,\n    null,\n    -5,\n    18446744073709551615,\n    true,\n    null,\n"
                            "    \"2022-03-29\",\n    null,\n    null\n"
                            "  ],\n"
                            "  \"empty\": {},\n"
                            "  \"words\": [\"a\", \"b\"]\n"
                            "}\n");
  gr_free(text);

  w = gr_json_new(GR_JSON_HTML_SAFE);
  gr__json_begin_wrapper(w, "{\"x\": [");
  gr_json_string(w, "<&>");
  gr__json_end_wrapper(w, "]}");
  text = gr_json_finish(w);
  assert_string_equal(text, "{\"x\": [\"\\u003c\\u0026\\u003e\"]}\n");
  gr_free(text);

  /* Misuse is sticky and ends in NULL. */
  w = gr_json_new(0);
  gr_json_begin_object(w);
  gr_json_string(w, "no key");
  assert_int_equal(gr_json_status(w), GR_E_MISUSE);
  assert_null(gr_json_text(w, NULL));
  assert_null(gr_json_finish(w));
  w = gr_json_new(0);
  gr_json_end_array(w);
  assert_int_equal(gr_json_status(w), GR_E_MISUSE);
  gr_json_free(w);
  w = gr_json_new(0);
  gr_json_begin_array(w);
  gr_json_key(w, "k");
  assert_int_equal(gr_json_status(w), GR_E_MISUSE);
  gr_json_free(w);
  w = gr_json_new(0);
  gr_json_begin_array(w);
  assert_null(gr_json_finish(w)); /* Still open. */
  w = gr_json_new(0);
  for (int i = 0; i < 65; i++) gr_json_begin_array(w);
  assert_int_equal(gr_json_status(w), GR_E_MISUSE);
  gr_json_free(w);
  gr_json_free(NULL);
  assert_null(gr_json_finish(NULL));
  assert_int_equal(gr_json_status(NULL), GR_E_ARG);
  gr_json_key(NULL, "k"); /* No crash. */
}

/* Text from inputs shown on a terminal: controls, separators, bidi
 * overrides and bytes that are not UTF-8 escaped, the rest untouched; a
 * short buffer cut between pieces; the return the length needed. */
static void test_text_escape(void **state) {
  (void)state;
  static const struct {
    const char *in, *out;
  } cases[] = {
      {"", ""},
      {"plain text, with 'quotes' and \\ backslash", "plain text, with 'quotes' and \\ backslash"},
      {"\x1b]0;title\a", "\\x1B]0;title\\x07"},
      {"a\tb\nc\rd", "a\\tb\\nc\\rd"},
      {"del\x7f", "del\\x7F"},
      {"c1 \xc2\x9b" "31m", "c1 \\u009B31m"},
      {"bidi \xe2\x80\xae", "bidi \\u202E"},
      {"sep \xe2\x80\xa8", "sep \\u2028"},
      {"Kyiv \xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2", "Kyiv \xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2"},
      {"bad \xff\xc0\x80", "bad \\xFF\\xC0\\x80"},
  };
  char buf[128];
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    size_t need = gr_text_escape(cases[i].in, buf, sizeof buf);
    assert_string_equal(buf, cases[i].out);
    assert_int_equal(need, strlen(cases[i].out));
    /* Escaping is idempotent: escaped text holds nothing to escape. */
    char again[128];
    gr_text_escape(buf, again, sizeof again);
    assert_string_equal(again, buf);
  }
  /* Cut between pieces, never inside an escape or a character. */
  char small[6];
  assert_int_equal(gr_text_escape("ab\x1b", small, sizeof small), 6);
  assert_string_equal(small, "ab");
  assert_int_equal(gr_text_escape("\xd0\x9a\xd0\x9a\xd0\x9a", small, sizeof small), 6);
  assert_string_equal(small, "\xd0\x9a\xd0\x9a");
  assert_int_equal(gr_text_escape("x", NULL, 0), 1);
  assert_int_equal(gr_text_escape(NULL, small, sizeof small), 0);
  assert_string_equal(small, "");
  assert_true(gr__acts_on_display(0x1b) && gr__acts_on_display(0x85) && !gr__acts_on_display('a') &&
              !gr__acts_on_display(0x41A));
}

/* civil_from_days inverts days_from_civil on every day of four centuries. */
static void test_civil_round_trip(void **state) {
  (void)state;
  for (long z = gr__days_from_civil(18000101); z <= gr__days_from_civil(22001231); z++)
    assert_int_equal(gr__days_from_civil(gr__civil_from_days(z)), z);
  assert_int_equal(gr__civil_from_days(0), 19700101);
  assert_int_equal(gr__civil_from_days(gr__days_from_civil(20240228) + 2), 20240301);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_civil_round_trip),
      cmocka_unit_test(test_sort_is_sorted_and_stable), cmocka_unit_test(test_sort_trivial_sizes),
      cmocka_unit_test(test_strmap),                    cmocka_unit_test(test_fnv1a_known_answers),
      cmocka_unit_test(test_dates),                     cmocka_unit_test(test_suggestions),
      cmocka_unit_test(test_json_writer),               cmocka_unit_test(test_text_escape),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
