/*
 * The vocabularies and schemas: every enum matches its table row for row,
 * every term has a definition, lookups work both ways, and the key indices
 * the schema checks rely on are where the checks expect them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/schema.h"

static void test_table_sizes_match_enums(void **state) {
  (void)state;
  static const struct {
    gr_table_id id;
    size_t count;
  } want[] = {
      {GR_T_OBLIGATION_KIND, GR_OB__COUNT},       {GR_T_LEGAL_FORM, GR_LF__COUNT},
      {GR_T_ACTIVATION, GR_ACT__COUNT},           {GR_T_EVENT_KIND, GR_EV__COUNT},
      {GR_T_SCALE, GR_SCALE__COUNT},              {GR_T_SIDE, GR_SIDE__COUNT},
      {GR_T_CONTROL_STATUS, GR_CTL__COUNT},       {GR_T_COMMITMENT, GR_COMMIT__COUNT},
      {GR_T_ARRANGEMENT_STATUS, GR_ST__COUNT},    {GR_T_RULE, GR_RULE__COUNT},
      {GR_T_CONFIDENCE, GR_CONF__COUNT},          {GR_T_ACTOR_TYPE, GR_ACTOR__COUNT},
      {GR_T_APPROVAL, GR_APPROVAL__COUNT},        {GR_T_REGION_TYPE, GR_REGION__COUNT},
      {GR_T_LOCATION_CLASS, GR_LOC__COUNT},       {GR_T_RENEWAL, GR_RENEW__COUNT},
      {GR_T_DISTRIBUTION, GR_DIST__COUNT},        {GR_T_FACT, GR_FACT__COUNT},
      {GR_T_PROTECTED_CONDITION, GR_PC__COUNT},   {GR_T_REVOCATION, GR_REV__COUNT},
  };
  assert_int_equal(sizeof want / sizeof want[0], GR_T__COUNT);
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    const gr_table *t = gr_table_get(want[i].id);
    assert_non_null(t);
    assert_int_equal(t->count, want[i].count);
  }
}

static void test_every_term_defined_and_unique(void **state) {
  (void)state;
  for (int id = 0; id < GR_T__COUNT; id++) {
    const gr_table *t = gr_table_get((gr_table_id)id);
    assert_non_null(t->name);
    assert_non_null(t->title);
    for (size_t i = 0; i < t->count; i++) {
      assert_true(strlen(t->terms[i].definition) > 5);
      assert_int_equal(gr_table_find((gr_table_id)id, t->terms[i].name), (int)i);
      assert_string_equal(gr_table_name((gr_table_id)id, (int)i), t->terms[i].name);
      for (size_t j = 0; j < i; j++) assert_string_not_equal(t->terms[i].name, t->terms[j].name);
    }
  }
}

static void test_enum_order_is_the_documented_one(void **state) {
  (void)state;
  /* DESIGN.md orders obligation kinds and legal forms weakest first. */
  assert_string_equal(gr_table_name(GR_T_OBLIGATION_KIND, GR_OB_CONSULTATION), "consultation");
  assert_string_equal(gr_table_name(GR_T_OBLIGATION_KIND, GR_OB_REASSURANCE_FORCE), "reassurance_force");
  assert_string_equal(gr_table_name(GR_T_OBLIGATION_KIND, GR_OB_MILITARY_INTERVENTION),
                      "military_intervention");
  assert_string_equal(gr_table_name(GR_T_LEGAL_FORM, GR_LF_POLITICAL_DECLARATION), "political_declaration");
  assert_string_equal(gr_table_name(GR_T_LEGAL_FORM, GR_LF_TREATY_RATIFIED), "treaty_ratified");
  assert_string_equal(gr_table_name(GR_T_ACTIVATION, GR_ACT_CONSENSUS), "consensus");
  assert_string_equal(gr_table_name(GR_T_EVENT_KIND, GR_EV_ATTACK_ON_GUARANTOR_FORCES),
                      "attack_on_guarantor_forces");
  assert_string_equal(gr_table_name(GR_T_FACT, GR_FACT_UN_MANDATE), "un_mandate");
  assert_true(gr_table_get(GR_T_OBLIGATION_KIND)->ordered);
  assert_true(gr_table_get(GR_T_LEGAL_FORM)->ordered);
  assert_false(gr_table_get(GR_T_ACTIVATION)->ordered);
}

static void test_out_of_range(void **state) {
  (void)state;
  assert_null(gr_table_get(GR_T__COUNT));
  assert_null(gr_table_get((gr_table_id)-1));
  assert_int_equal(gr_table_find(GR_T_RULE, "allow"), -1);
  assert_int_equal(gr_table_find(GR_T_RULE, NULL), -1);
  assert_string_equal(gr_table_name(GR_T_RULE, 99), "?");
  assert_string_equal(gr_record_kind_name(GR_REC__COUNT), "?");
  assert_string_equal(gr_strerror((gr_status)999), "unknown status");
  assert_string_equal(gr_strerror(GR_E_PARSE), "malformed YAML or JSON");
}

/* The checks in schema.c name keys by index; these must not drift. */
static void test_schema_indices(void **state) {
  (void)state;
  const gr__schema *arr = gr__record_schemas[GR_REC_ARRANGEMENT];
  assert_int_equal(gr__schema_field(arr, "obligations"), 13);
  const gr__schema *act = gr__record_schemas[GR_REC_ACTOR];
  assert_int_equal(gr__schema_field(act, "deploy_approval"), 8);
  assert_int_equal(gr__schema_field(act, "deploy_approval_source"), 9);
  const gr__schema *ev = gr__record_schemas[GR_REC_EVENT];
  assert_int_equal(gr__schema_field(ev, "locations"), 5);
  const gr__schema *par = gr__record_schemas[GR_REC_PARAMETER];
  assert_int_equal(gr__schema_field(par, "distribution"), 3);
  assert_int_equal(gr__schema_field(par, "value"), 4);
  assert_int_equal(gr__schema_field(par, "max"), 13);
  assert_true(gr_record_given(GR_REC_ARRANGEMENT, (uint64_t)1 << 13, "obligations"));
  assert_false(gr_record_given(GR_REC_ARRANGEMENT, (uint64_t)1 << 13, "sources"));
  assert_false(gr_record_given(GR_REC_ARRANGEMENT, ~(uint64_t)0, "no_such_key"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table_sizes_match_enums),
      cmocka_unit_test(test_every_term_defined_and_unique),
      cmocka_unit_test(test_enum_order_is_the_documented_one),
      cmocka_unit_test(test_out_of_range),
      cmocka_unit_test(test_schema_indices),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
