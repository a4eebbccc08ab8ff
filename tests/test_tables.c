/*
 * The vocabularies and schemas: every enum matches its table row for row,
 * every term has a definition, lookups work both ways, and the key indices
 * the schema checks rely on are where the checks expect them.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdio.h>
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
      {GR_T_INTENT, GR_INTENT__COUNT},            {GR_T_TARGET_CLASS, GR_TGT__COUNT},
      {GR_T_PARTY_ROLE, GR_ROLE__COUNT},          {GR_T_BASING, GR_BASING__COUNT},
      {GR_T_TERRITORY_STATUS, GR_TERR__COUNT},    {GR_T_DECISION_RULE, GR_DECIDE__COUNT},
      {GR_T_CLAUSE_KIND, GR_CLAUSE__COUNT},       {GR_T_CASE_RESULT, GR_RESULT__COUNT},
      {GR_T_GUARANTOR_ACTION, GR_ACTION__COUNT},  {GR_T_INTENT_EVIDENCE, GR_EVIDENCE__COUNT},
      {GR_T_CODING_CONFIDENCE, GR_CODING__COUNT}, {GR_T_FACT_RULE_KIND, GR_FRULE__COUNT},
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
  /* Obligation kinds and legal forms run weakest first (guarantor/model.h). */
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
  /* Kinds appended later break the row order: strength is a rank, each
   * kind's own, the older kinds keeping their relative order. */
  assert_false(gr_table_get(GR_T_OBLIGATION_KIND)->ordered);
  for (int k = 1; k <= GR_OB_MILITARY_INTERVENTION; k++)
    assert_true(gr_obligation_kind_rank(k) > gr_obligation_kind_rank(k - 1));
  for (int k = 0; k < GR_OB__COUNT; k++)
    for (int j = 0; j < k; j++) assert_int_not_equal(gr_obligation_kind_rank(k), gr_obligation_kind_rank(j));
  assert_int_equal(gr_obligation_kind_rank(GR_OB__COUNT), -1);
  assert_true(gr_obligation_kind_rank(GR_OB_CEASEFIRE_MONITORING) < gr_obligation_kind_rank(GR_OB_SANCTIONS));
  assert_true(gr_obligation_kind_rank(GR_OB_PREPOSITIONED_STOCKS) < gr_obligation_kind_rank(GR_OB_ARMS_SUPPLY));
  assert_true(gr_table_get(GR_T_INTENT)->ordered);
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

/* Every row of every schema (records and what they nest) sits at its key
 * constant, and the constant spells the key: GR_KEY_ACTOR_DEPLOY_APPROVAL
 * is "deploy_approval". */
static size_t check_schema(const gr__schema *sc, int depth) {
  size_t rows = 0;
  assert_true(depth < 8);
  for (size_t i = 0; i < sc->nfields; i++) {
    const gr__field *f = &sc->fields[i];
    assert_non_null(f->key); /* No gap between the constants. */
    assert_non_null(f->ename);
    char upper[64];
    size_t n = strlen(f->key);
    assert_true(n < sizeof upper);
    for (size_t j = 0; j <= n; j++) upper[j] = (char)toupper((unsigned char)f->key[j]);
    if (strcmp(upper, f->ename) != 0) fprintf(stderr, "%s: key '%s' at GR_KEY_..._%s\n", sc->name, f->key, f->ename);
    assert_string_equal(upper, f->ename);
    assert_int_equal(gr__schema_field(sc, f->key), (int)i);
    rows++;
    if (f->sub != NULL) rows += check_schema(f->sub, depth + 1);
  }
  return rows;
}

static void test_key_constants_spell_their_keys(void **state) {
  (void)state;
  size_t rows = 0;
  for (int k = 0; k < GR_REC__COUNT; k++) rows += check_schema(gr__record_schemas[k], 0);
  assert_true(rows > 100);
  /* A few by name, as a reader of model.h would use them. */
  assert_int_equal(gr__schema_field(gr__record_schemas[GR_REC_ARRANGEMENT], "obligations"),
                   GR_KEY_ARRANGEMENT_OBLIGATIONS);
  assert_int_equal(gr__schema_field(gr__record_schemas[GR_REC_PARAMETER], "max"), GR_KEY_PARAMETER_MAX);
  assert_true(gr_record_given(GR_REC_ARRANGEMENT, (uint64_t)1 << GR_KEY_ARRANGEMENT_OBLIGATIONS, "obligations"));
  assert_false(gr_record_given(GR_REC_ARRANGEMENT, (uint64_t)1 << GR_KEY_ARRANGEMENT_OBLIGATIONS, "sources"));
  assert_false(gr_record_given(GR_REC_ARRANGEMENT, ~(uint64_t)0, "no_such_key"));
  gr_trigger t = {.given = (uint64_t)1 << GR_KEY_TRIGGER_MIN_SCALE};
  assert_true(GR_GIVEN(&t, GR_KEY_TRIGGER_MIN_SCALE));
  assert_false(GR_GIVEN(&t, GR_KEY_TRIGGER_EVENT));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table_sizes_match_enums),
      cmocka_unit_test(test_every_term_defined_and_unique),
      cmocka_unit_test(test_enum_order_is_the_documented_one),
      cmocka_unit_test(test_out_of_range),
      cmocka_unit_test(test_key_constants_spell_their_keys),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
