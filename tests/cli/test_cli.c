/*
 * End-to-end tests of the guarantor program: run it as a user would, check
 * the exit status, stdout and stderr.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "guarantor/common.h"
#include <libfyaml.h>

#include "cli_util.h"

static int parses_as_json(const char *text) {
  struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET | FYPCF_JSON_FORCE};
  struct fy_document *fyd = fy_document_build_from_string(&cfg, text, strlen(text));
  if (fyd == NULL) return 0;
  fy_document_destroy(fyd);
  return 1;
}

static void test_version_and_help(void **state) {
  (void)state;
  run r = prog("--version", NULL);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.out, "guarantor " GR_VERSION_STRING "\n");
  done(&r);
  r = prog("--help", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "show"));
  assert_non_null(strstr(r.out, "check"));
  done(&r);
  static const char *const cmds[] = {"show", "check", "trigger", "assess", "simulate", "compare", "report",
                                     "backtest"};
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
    r = prog(cmds[i], "--help", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Usage: guarantor "));
    assert_non_null(strstr(r.out, "Exit status"));
    assert_string_equal(r.err, "");
    done(&r);
    r = prog("help", cmds[i], NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Usage: guarantor "));
    done(&r);
  }
}

static void test_usage_errors(void **state) {
  (void)state;
  run r = prog(NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "Usage:"));
  done(&r);
  r = prog("frobnicate", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "unknown command 'frobnicate'"));
  done(&r);
  r = prog("show", "--bogus", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "unknown option '--bogus'"));
  done(&r);
  r = prog("check", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "no FILE given"));
  done(&r);
  r = prog("show", "a", "b", NULL);
  assert_int_equal(r.status, 2);
  done(&r);
}

static void test_show_lists_catalog(void **state) {
  (void)state;
  run r = prog("show", NULL);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.err, "");
  static const char *const want[] = {"Arrangements (10)", "budapest-1994", "us-deterrence-2021",
                                     "istanbul-2022", "guarantees-2023", "coalition-2025",
                                     "nato-lite-2025", "russia-p5-2025", "us-ambiguity-2025",
                                     "eu-membership", "nato-membership", "Events (12)",
                                     "offensive-zaporizhzhia", "Regions (27)", "Actors ("};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    if (strstr(r.out, want[i]) == NULL) fprintf(stderr, "missing: %s\n", want[i]);
    assert_non_null(strstr(r.out, want[i]));
  }
  done(&r);
}

static void test_show_one_arrangement(void **state) {
  (void)state;
  run r = prog("show", "coalition-2025", NULL);
  assert_int_equal(r.status, 0);
  static const char *const want[] = {"coalition-2025 — ", "protects:    UKR (Ukraine)",
                                     "legal form:  executive_agreement", "reassurance_force",
                                     "conditions: un_mandate", "ITA (Italy)", "POL (Poland)",
                                     "declined", "Sources:", "002_3480e6c57a14e5b5.txt"};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    if (strstr(r.out, want[i]) == NULL) fprintf(stderr, "missing: %s\n", want[i]);
    assert_non_null(strstr(r.out, want[i]));
  }
  done(&r);
  r = prog("show", "istanbul-2022", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "scope excludes: UA-14"));
  done(&r);
  static const char *const others[] = {"FRA", "UA-23", "strike-kyiv", "rus-2021-nato-accession",
                                       "002_3480e6c57a14e5b5.txt"};
  for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
    r = prog("show", others[i], NULL);
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, others[i], strlen(others[i])) == 0);
    done(&r);
  }
}

static void test_show_unknown_suggests(void **state) {
  (void)state;
  run r = prog("show", "coalitoin-2025", NULL);
  assert_int_equal(r.status, 2);
  assert_string_equal(r.out, "");
  assert_non_null(strstr(r.err, "no item 'coalitoin-2025' in the catalog (did you mean 'coalition-2025'"));
  done(&r);
  r = prog("show", "zzzzzz-qqqq", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "'guarantor show' lists them"));
  done(&r);
}

static struct fy_document *json_doc(const char *text);
static const char *scalar(struct fy_node *n, const char *path);

static void test_kinds(void **state) {
  (void)state;
  run r = prog("show", "--kinds", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "Obligation kinds (obligation_kind), weakest first"));
  assert_non_null(strstr(r.out, "consensus"));
  assert_non_null(strstr(r.out, "Every guarantor must agree"));
  done(&r);
  r = prog("show", "--kinds", "--json", NULL);
  assert_int_equal(r.status, 0);
  struct fy_document *doc = json_doc(r.out);
  struct fy_node *root = fy_document_root(doc);
  assert_string_equal(scalar(root, "/legal_form/title"), "Legal forms");
  assert_string_equal(scalar(root, "/legal_form/ordered"), "true");
  assert_string_equal(scalar(root, "/legal_form/terms/4/name"), "treaty_ratified");
  assert_string_equal(scalar(root, "/activation/ordered"), "false");
  fy_document_destroy(doc);
  done(&r);
}

/* The JSON before its provenance (the last key, which says how the output
 * was made: the command lines differ). */
static size_t body_length(const char *json) {
  const char *p = NULL;
  for (const char *q = strstr(json, "\"provenance\""); q; q = strstr(q + 1, "\"provenance\"")) p = q;
  assert_non_null(p);
  return (size_t)(p - json);
}

static void assert_same_body(const char *a, const char *b) {
  size_t n = body_length(a);
  assert_int_equal(n, body_length(b));
  assert_memory_equal(a, b, n);
}

/* `show ID --json` round-trips through `check` for every arrangement. */
static void test_show_json_round_trips(void **state) {
  (void)state;
  static const char *const ids[] = {"budapest-1994", "us-deterrence-2021", "istanbul-2022",
                                    "guarantees-2023", "coalition-2025", "nato-lite-2025",
                                    "russia-p5-2025", "us-ambiguity-2025", "eu-membership",
                                    "nato-membership", "UKR", "UA-14", "hybrid-attack"};
  for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
    run r = prog("show", ids[i], "--json", NULL);
    assert_int_equal(r.status, 0);
    assert_true(parses_as_json(r.out));
    char path[128];
    snprintf(path, sizeof path, "%s/%s.json", tmpdir, ids[i]);
    write_file(path, r.out);
    run c = prog("check", path, NULL);
    if (c.status != 0) fprintf(stderr, "%s", c.err);
    assert_int_equal(c.status, 0);
    assert_string_equal(c.out, "");
    assert_non_null(strstr(c.err, "note: "));
    assert_non_null(strstr(c.err, "overrides the built-in one"));
    done(&c);
    run again = prog("show", "-f", path, ids[i], "--json", NULL);
    assert_int_equal(again.status, 0);
    assert_same_body(again.out, r.out);
    done(&again);
    done(&r);
  }
  run all = prog("show", "--json", NULL);
  assert_int_equal(all.status, 0);
  assert_true(parses_as_json(all.out));
  done(&all);
}

/* Every string of `want` is in `text`; the missing ones are named. */
static void expect_all(const char *text, const char *const *want, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (strstr(text, want[i]) == NULL) fprintf(stderr, "missing: %s\n", want[i]);
    assert_non_null(strstr(text, want[i]));
  }
}

static const char *example_path(void) {
  static char path[512];
  snprintf(path, sizeof path, "%s/docs/examples/new-plan.yaml", GR_SOURCE_DIR);
  return path;
}

/* `show` of an arrangement prints what issue 10 added to the format:
 * parties, bodies, terms, the promised form, the conditions on the
 * protected state, territorial terms, clauses, menus, where each obligation
 * acts, the thresholds of triggers, and every assumption it rests on. */
static void test_show_new_arrangement(void **state) {
  (void)state;
  run r = prog("show", "new-plan", "-f", example_path(), NULL);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.err, "");
  static const char *const want[] = {
      "legal form:  political_declaration (of the instrument)",
      "promises:    treaty_ratified (the form of the guarantee it promises)",
      "term:        from 2026-06-01 (assumed) for 10 years, renewal by_agreement",
      "in force if: ceasefire_in_force (all must hold; until then \"not yet in force\")",
      "force cap:   Ukraine's armed forces at most 800000",
      "alliance:    Ukraine may not join NATO except by consensus of its members",
      "troop bar:   no foreign troops of EUROPE members in Ukraine in peacetime",
      "Parties (5):", "proposer  USA (United States of America), 2026-02-10", "endorser  DEU (Germany)\n",
      "Bodies (2):", "jmc — Joint Monitoring Commission", "members: USA, UKR, RUS; chair: USA; decides by consensus",
      "Territorial terms (2):", "held_de_facto: UA-43 Autonomous Republic of Crimea, UA-40 Sevastopol",
      "Clauses (3):", "sanctions_snap_back:",
      "USA (United States of America): a menu of 5 means, up to military_intervention — firm",
      "means:      any one of military_intervention, intelligence_sharing, logistics, sanctions, consultation",
      "where:      from the air only, based outside",
      "where:      based in POL (Poland), a neighbouring state",
      "where:      offshore — Black Sea",
      "where:      stationed in UA-23 Zaporizhzhia Oblast, UA-14 Donetsk Oblast",
      "where:      not stated",
      "triggers:   armed_attack (at least major, deliberate, lasting at least 3 days)",
      "activation: by_body by council (Guarantors' Council: majority)",
      "term:       from 2026-01-01 for 5 years, renewal automatic (over the arrangement's)",
      "void if:    protected_state_attacks_first, protected_state_strikes_cities",
      "EU is an organisation, not a state: read as its member states",
      "assumed: deadline_days — the text says 'promptly'; three days taken",
      "Assumptions it rests on:",
      "  - start (marked assumed): the text says 'on entry into force'",
      "  - party DEU (endorser): Germany welcomed the text",
      "  - obligation 1 (USA menu), where: the text names no place",
      "  - obligation 1 (USA menu): a menu of means",
      "  - obligation 2 (FRA air_cover), aircraft 40: the text says 'European fighter jets'",
      "  - obligation 2 (FRA air_cover), deadline_days (marked assumed): ",
      "  - obligation 6 (EU force_financing), value 5000: ",
      "  - obligation 7 (GBR training), where: not stated, so read as unknown",
      "  - fact ceasefire_in_force (entry into force): ",
      "  - fact parliament_approval (a condition of obligation 5): ",
  };
  expect_all(r.out, want, sizeof want / sizeof want[0]);
  assert_null(strstr(r.out, "sourced"));
  done(&r);
  /* An arrangement that marks nothing says so, and claims nothing more. */
  r = prog("show", "us-deterrence-2021", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "Assumptions it rests on:\n  none marked in its encoding"));
  assert_null(strstr(r.out, "sourced"));
  done(&r);
  /* The catalog's assumed troop shares and unstated places are listed. */
  r = prog("show", "coalition-2025", NULL);
  assert_int_equal(r.status, 0);
  static const char *const coalition[] = {
      "  - obligation 1 (FRA reassurance_force), troops 10000: France's share",
      "  - obligation 7 (USA menu), where: the source does not say where the aircraft would be based",
      "  - fact un_mandate (a condition of obligation 4): false",
  };
  expect_all(r.out, coalition, sizeof coalition / sizeof coalition[0]);
  assert_null(strstr(r.out, "obligation 5 (POL reassurance_force), where")); /* Declined: it stands nowhere. */
  done(&r);
}

/* `show SCENARIO` lists its events in day order with their dates, actors,
 * kinds and targets, and its facts with their sources; scenarios have their
 * place in the listing; `show EVENT` prints the keys events gained. */
static void test_show_scenario_and_event(void **state) {
  (void)state;
  run r = prog("show", "np-strike-first", "-f", example_path(), NULL);
  assert_int_equal(r.status, 0);
  static const char *const want[] = {
      "np-strike-first — Ukraine strikes first, then Russia attacks\n",
      "    date:      2027-06-01 (day 0)\n",
      "Events (2), in day order:\n  day 0    2027-06-01  UKR strike against RUS (limited): np-strike-belgorod — ",
      "  day 12   2027-06-13  RUS armed_attack against UKR (major): np-offensive — ",
      "  ceasefire_in_force = true\n    - assumption: the scenario is set after the ceasefire\n",
  };
  expect_all(r.out, want, sizeof want / sizeof want[0]);
  done(&r);
  r = prog("show", "np-grey-zone", "-f", example_path(), NULL);
  assert_int_equal(r.status, 0);
  static const char *const grey[] = {
      "    date:      none", "  day 0    RUS strike against UKR (minor): np-stray-drone",
      "  day 90   UKR force_buildup to 900000 troops: np-buildup", "  parliament_approval = false",
      "  assumed: facts — whether the Bundestag would vote is not known",
  };
  expect_all(r.out, grey, sizeof grey / sizeof grey[0]);
  done(&r);
  r = prog("show", "-f", example_path(), NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "\nScenarios (16)\n"));
  assert_non_null(strstr(r.out, "\n  np-after-ceasefire                     2027-06-01   1 event   "));
  done(&r);
  r = prog("show", "np-buildup", "-f", example_path(), NULL);
  assert_int_equal(r.status, 0);
  static const char *const buildup[] = {"    kind:      force_buildup\n", "    actor:     UKR\n",
                                        "    troops:    900000 (the size its forces reach)\n"};
  expect_all(r.out, buildup, sizeof buildup / sizeof buildup[0]);
  assert_null(strstr(r.out, "target"));
  assert_null(strstr(r.out, "intent"));
  done(&r);
  r = prog("show", "np-stray-drone", "-f", example_path(), NULL);
  assert_int_equal(r.status, 0);
  static const char *const drone[] = {"    kind:      strike (minor)\n", "    intent:    unclear\n",
                                      "    lasts:     1 day\n", "    strikes:   infrastructure\n",
                                      "    assumed: intent — nobody has claimed it"};
  expect_all(r.out, drone, sizeof drone / sizeof drone[0]);
  done(&r);
  r = prog("show", "offensive-zaporizhzhia", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "    intent:    deliberate (not stated: taken as deliberate)\n"));
  done(&r);
}

/* `show ID --json` round-trips the keys of issue 10: an arrangement, its
 * events and scenarios dumped, checked and loaded again print the same. */
static void test_show_json_round_trips_new_keys(void **state) {
  (void)state;
  static const char *const ids[] = {"new-plan", "np-strike-belgorod", "np-offensive", "np-stray-drone",
                                    "np-buildup", "np-after-ceasefire", "np-strike-first", "np-grey-zone"};
  enum { N = sizeof ids / sizeof ids[0] };
  char paths[N][160];
  char *json[N];
  for (size_t i = 0; i < N; i++) {
    run r = prog("show", ids[i], "--json", "-f", example_path(), NULL);
    assert_int_equal(r.status, 0);
    assert_true(parses_as_json(r.out));
    snprintf(paths[i], sizeof paths[i], "%s/rt-%s.json", tmpdir, ids[i]);
    write_file(paths[i], r.out);
    json[i] = r.out;
    free(r.err);
  }
  static const char *const keys[] = {"\"promised_form\"", "\"parties\"", "\"bodies\"", "\"entry_into_force\"",
                                     "\"force_cap\"", "\"alliance_bar\"", "\"troop_bar\"", "\"territory\"",
                                     "\"clauses\"", "\"means\"", "\"basing\"", "\"min_duration_days\"",
                                     "\"assumed\""};
  expect_all(json[0], keys, sizeof keys / sizeof keys[0]);
  assert_non_null(strstr(json[3], "\"intent\": \"unclear\""));
  assert_non_null(strstr(json[7], "\"facts\""));
  run c = prog("check", paths[0], paths[1], paths[2], paths[3], paths[4], paths[5], paths[6], paths[7], NULL);
  if (c.status != 0) fprintf(stderr, "%s", c.err);
  assert_int_equal(c.status, 0);
  assert_string_equal(c.err, "");
  done(&c);
  for (size_t i = 0; i < N; i++) {
    run again = prog("show", ids[i], "--json", "-f", paths[0], "-f", paths[1], "-f", paths[2], "-f", paths[3], "-f",
                     paths[4], "-f", paths[5], "-f", paths[6], "-f", paths[7], NULL);
    assert_int_equal(again.status, 0);
    assert_same_body(again.out, json[i]);
    done(&again);
    free(json[i]);
  }
}

static void test_check_reports_every_error(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof path, "%s/bad.yaml", tmpdir);
  write_file(path,
             "arrangement:\n"
             "  id: mine\n"
             "  title: Mine\n"
             "  protects: UKR\n"
             "  date: 2025-13-01\n"
             "  status: proposed\n"
             "  legal_form: treaty\n"
             "  sources: [{assumption: x}]\n"
             "  obligations:\n"
             "    - {guarantor: FRa, kind: sanctions, activation: automatic, sources: [{assumption: x}]}\n");
  run r = prog("check", path, NULL);
  assert_int_equal(r.status, 2);
  assert_string_equal(r.out, "");
  char want[1024];
  snprintf(want, sizeof want,
           "%s:5:9: error: 'date' is not a valid date: 2025-13-01\n"
           "%s:7:15: error: unknown legal_form 'treaty' for 'legal_form' (expected one of: "
           "political_declaration, memorandum, executive_agreement, treaty_signed, treaty_ratified)\n"
           "%s:10:19: error: unknown actor 'FRa' (did you mean 'FRA'?)\n"
           "guarantor: 3 errors; nothing done\n",
           path, path, path);
  assert_string_equal(r.err, want);
  done(&r);
}

static void test_check_clean_and_verbose(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof path, "%s/good.yaml", tmpdir);
  write_file(path,
             "arrangement:\n"
             "  id: mine\n"
             "  title: Mine\n"
             "  protects: UKR\n"
             "  date: 2025-11-01\n"
             "  status: proposed\n"
             "  legal_form: treaty_signed\n"
             "  sources: [{assumption: \"an example\"}]\n"
             "  obligations:\n"
             "    - {guarantor: FRA, kind: sanctions, activation: automatic, sources: [{assumption: x}]}\n"
             "positions:\n"
             "  - {id: my-pos, actor: FRA, topic: t, date: 2025-11-01, rule: prefer, confidence: low,\n"
             "     summary: s, match: {kinds: [sanctions]}, source: {assumption: x}}\n");
  run r = prog("check", path, NULL);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.out, "");
  assert_string_equal(r.err, "");
  done(&r);
  r = prog("check", "--verbose", path, NULL);
  assert_int_equal(r.status, 0);
  char want[512];
  snprintf(want, sizeof want, "%s: 1 arrangement, 1 position\nok: 0 warnings\n", path);
  assert_string_equal(r.out, want);
  done(&r);
  r = prog("show", "-f", path, "mine", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "mine — Mine"));
  done(&r);
  r = prog("check", "/nonexistent/x.yaml", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "/nonexistent/x.yaml: error: cannot open: No such file or directory"));
  done(&r);
}


/* ---- JSON checks through libfyaml ------------------------------------ */

static struct fy_document *json_doc(const char *text) {
  struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET | FYPCF_JSON_FORCE};
  struct fy_document *fyd = fy_document_build_from_string(&cfg, text, strlen(text));
  assert_non_null(fyd);
  return fyd;
}

static struct fy_node *at(struct fy_node *n, const char *path) {
  struct fy_node *r = fy_node_by_path(n, path, FY_NT, FYNWF_DONT_FOLLOW);
  if (r == NULL) fprintf(stderr, "no %s\n", path);
  assert_non_null(r);
  return r;
}

static const char *scalar(struct fy_node *n, const char *path) {
  struct fy_node *v = at(n, path);
  const char *s = fy_node_get_scalar0(v);
  assert_non_null(s);
  return s;
}

static int one_of(const char *s, const char *const *set) {
  for (; *set; set++)
    if (!strcmp(s, *set)) return 1;
  return 0;
}

static const char *const ARRANGEMENTS[] = {"budapest-1994", "us-deterrence-2021", "istanbul-2022",
                                           "guarantees-2023", "coalition-2025", "nato-lite-2025",
                                           "russia-p5-2025", "us-ambiguity-2025", "eu-membership",
                                           "nato-membership"};
static const char *const EVENTS[] = {"offensive-zaporizhzhia", "strike-kyiv", "attack-reassurance-force",
                                     "incursion-kharkiv", "blockade-odesa", "violation-donetsk",
                                     "clash-donetsk-occupied", "hybrid-attack"};

/* trigger --json on every arrangement against every event. */
static void test_trigger_json_everywhere(void **state) {
  (void)state;
  static const char *const outcomes[] = {"activates", "needs consultation", "at discretion", "blocked",
                                         "out of scope", "not triggered", "not yet in force", "lapsed",
                                         "declined", NULL};
  for (size_t a = 0; a < sizeof ARRANGEMENTS / sizeof ARRANGEMENTS[0]; a++) {
    run show = prog("show", ARRANGEMENTS[a], "--json", NULL);
    struct fy_document *sd = json_doc(show.out);
    int nob = fy_node_sequence_item_count(at(fy_document_root(sd), "/arrangement/obligations"));
    for (size_t e = 0; e < sizeof EVENTS / sizeof EVENTS[0]; e++) {
      run r = prog("trigger", ARRANGEMENTS[a], EVENTS[e], "--json", NULL);
      assert_int_equal(r.status, 0);
      assert_string_equal(r.err, "");
      struct fy_document *d = json_doc(r.out);
      struct fy_node *root = fy_document_root(d);
      assert_string_equal(scalar(root, "/arrangement"), ARRANGEMENTS[a]);
      assert_string_equal(scalar(root, "/event"), EVENTS[e]);
      struct fy_node *tl = at(root, "/timeline");
      assert_int_equal(fy_node_sequence_item_count(tl), nob);
      long total = 0;
      for (int k = 0; outcomes[k]; k++) {
        char path[64];
        snprintf(path, sizeof path, "/summary/%s", outcomes[k]);
        total += atol(scalar(root, path));
      }
      assert_int_equal(total, nob);
      void *it = NULL;
      struct fy_node *item;
      while ((item = fy_node_sequence_iterate(tl, &it)) != NULL) {
        assert_true(one_of(scalar(item, "/outcome"), outcomes));
        assert_true(strlen(scalar(item, "/reason")) > 10);
        assert_true(strlen(scalar(item, "/rule")) > 0);
        assert_true(fy_node_sequence_item_count(at(item, "/sources")) > 0);
      }
      assert_non_null(at(root, "/facts/un_mandate/value"));
      fy_document_destroy(d);
      done(&r);
    }
    fy_document_destroy(sd);
    done(&show);
  }
}

/* assess --json on every arrangement: verdicts agree with their rules. */
static void test_assess_json_everywhere(void **state) {
  (void)state;
  for (size_t a = 0; a < sizeof ARRANGEMENTS / sizeof ARRANGEMENTS[0]; a++) {
    run r = prog("assess", ARRANGEMENTS[a], "--json", NULL);
    assert_int_equal(r.status, 0);
    struct fy_document *d = json_doc(r.out);
    struct fy_node *root = fy_document_root(d);
    assert_string_equal(scalar(root, "/arrangement"), ARRANGEMENTS[a]);
    void *it = NULL;
    struct fy_node *act;
    int nactors = 0, nvetoes = 0;
    while ((act = fy_node_sequence_iterate(at(root, "/actors"), &it)) != NULL) {
      nactors++;
      const char *verdict = scalar(act, "/verdict");
      int veto = 0, objection = 0;
      void *rit = NULL;
      struct fy_node *rule;
      while ((rule = fy_node_sequence_iterate(at(act, "/rules"), &rit)) != NULL) {
        const char *st = scalar(rule, "/state");
        /* A party's acceptance rests on its part in the text, not on a
         * position: its source is the party entry's. */
        if (!strcmp(st, "party")) {
          assert_non_null(at(rule, "/party"));
          continue;
        }
        const char *kind = scalar(rule, "/rule");
        if (!strcmp(st, "violated")) {
          if (!strcmp(kind, "forbid") || !strcmp(kind, "require")) veto = 1;
          else objection = 1;
        }
        assert_true(strlen(scalar(rule, "/source/doc")) > 0);
        assert_true(strlen(scalar(rule, "/source/quote")) > 0);
      }
      assert_string_equal(verdict, veto ? "vetoes" : objection ? "objects" : "accepts");
      nvetoes += veto;
    }
    /* Read at its own date, an arrangement sees the positions said by
     * then: Budapest (1994) and the US charter (2021) their signatories. */
    assert_true(nactors >= 3);
    assert_int_equal(fy_node_sequence_item_count(at(root, "/summary/vetoes")), nvetoes);
    fy_document_destroy(d);
    done(&r);
  }
}

static void test_trigger_and_assess_human(void **state) {
  (void)state;
  run r = prog("trigger", "coalition-2025", "after-ceasefire-offensive-zaporizhzhia", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "Timeline:"));
  assert_non_null(strstr(r.out, "ITA   reassurance_force      blocked"));
  assert_non_null(strstr(r.out, "condition un_mandate is false"));
  done(&r);
  r = prog("trigger", "coalition-2025", "after-ceasefire-offensive-zaporizhzhia", "--facts", "un_mandate=true", NULL);
  assert_int_equal(r.status, 0);
  assert_null(strstr(r.out, "ITA   reassurance_force      blocked"));
  assert_non_null(strstr(r.out, "un_mandate                     true   given"));
  done(&r);
  r = prog("trigger", "istanbul-2022", "offensive-zaporizhzhia", "--facts", "un_mandate=true", "--facts",
           "us_backstop=true", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "un_mandate                     true   given"));
  assert_non_null(strstr(r.out, "us_backstop                    true   given"));
  done(&r);
  r = prog("assess", "coalition-2025", "--actors", "CHN,RUS", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "Accepts: nobody"));
  assert_non_null(strstr(r.out, "No recorded position: CHN"));
  done(&r);
  r = prog("assess", "coalition-2025", "--actors", "RUS,USA", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "RUS   vetoes"));
  assert_non_null(strstr(r.out, "USA   accepts"));
  assert_non_null(strstr(r.out, "Vetoes:  RUS"));
  assert_non_null(strstr(r.out, "Lacks the acceptance of: RUS"));
  done(&r);
}

static void test_trigger_and_assess_errors(void **state) {
  (void)state;
  run r = prog("trigger", "coalition-2025", "offensive-zaporozhye", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "no scenario or event 'offensive-zaporozhye' in the catalog (did you mean 'offensive-zaporizhzhia'?)"));
  done(&r);
  r = prog("trigger", "coalition", "strike-kyiv", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "no arrangement 'coalition' in the catalog (did you mean 'coalition-2025'"));
  done(&r);
  r = prog("trigger", "coalition-2025", "strike-kyiv", "--facts", "un_mandat=true", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "--facts: unknown fact 'un_mandat' (did you mean 'un_mandate'?)"));
  done(&r);
  r = prog("trigger", "coalition-2025", "strike-kyiv", "--as-of", "2025-02-30", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "--as-of takes a date as YYYY-MM-DD, not '2025-02-30'"));
  done(&r);
  r = prog("trigger", "coalition-2025", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "expected ARRANGEMENT and CASE (a scenario or an event)"));
  done(&r);
  r = prog("trigger", "coalition-2025", "strike-kyiv", "--facts", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "'--facts' needs a value"));
  done(&r);
  r = prog("assess", "coalition-2025", "--actors", "RUS,XYZ", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "no actor 'XYZ'"));
  done(&r);
  r = prog("assess", NULL);
  assert_int_equal(r.status, 2);
  done(&r);
}

static void test_simulate_and_compare(void **state) {
  (void)state;
  run a = prog("simulate", "coalition-2025", "-n", "70000", "--threads", "1", "--json", NULL);
  run b = prog("simulate", "coalition-2025", "-n", "70000", "--threads", "2", "--json", NULL);
  assert_int_equal(a.status, 0);
  assert_int_equal(b.status, 0);
  struct fy_document *da = json_doc(a.out), *db = json_doc(b.out);
  struct fy_node *ra = fy_document_root(da), *rb = fy_document_root(db);
  assert_string_equal(scalar(ra, "/result/event"), "offensive-zaporizhzhia");
  assert_string_equal(scalar(ra, "/result/draws"), "70000");
  assert_string_equal(scalar(ra, "/result/seed"), "1");
  assert_int_equal(strlen(scalar(ra, "/result/params_hash")), 16);
  double est = atof(scalar(ra, "/result/deterred/estimate")), lo = atof(scalar(ra, "/result/deterred/lo")),
         hi = atof(scalar(ra, "/result/deterred/hi"));
  assert_true(lo <= est && est <= hi && lo > 0 && hi < 1);
  /* Thread count changes nothing but the field that reports it. */
  static const char *const same[] = {"/result/deterred/k", "/result/attack/k", "/result/attack_succeeds/k",
                                     "/result/fewer_attacks/estimate", "/result/holds_given_attack/k",
                                     "/result/no_help_given_attack/k", "/result/first_help_days/0/days",
                                     "/result/first_help_days/1/days", "/result/guarantors/0/honours_any/k"};
  for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
    assert_string_equal(scalar(ra, same[i]), scalar(rb, same[i]));
  assert_string_equal(scalar(rb, "/result/threads"), "2");
  fy_document_destroy(da);
  fy_document_destroy(db);
  done(&a);
  done(&b);

  run h = prog("simulate", "nato-membership", "strike-kyiv", "-n", "20000", NULL);
  assert_int_equal(h.status, 0);
  assert_non_null(strstr(h.out, "nato-membership against strike-kyiv"));
  assert_non_null(strstr(h.out, "P(attack)"));
  assert_non_null(strstr(h.out, "Fewer attacks than no guarantee"));
  assert_non_null(strstr(h.out, "Conditional on an attack"));
  assert_non_null(strstr(h.out, "If attacked, who honours what"));
  done(&h);

  run s = prog("simulate", "istanbul-2022", "-n", "20000", "--sensitivity", "--samples", "1024", "--json", NULL);
  assert_int_equal(s.status, 0);
  struct fy_document *ds = json_doc(s.out);
  assert_true(fy_node_sequence_item_count(at(fy_document_root(ds), "/sensitivity/indices")) > 5);
  fy_document_destroy(ds);
  done(&s);

  run c = prog("compare", "-n", "20000", "--csv", NULL);
  assert_int_equal(c.status, 0);
  int lines = 0;
  for (const char *p = c.out; *p; p++) lines += *p == '\n';
  assert_int_equal(lines, 11);
  assert_true(strncmp(c.out, "arrangement,guarantors,strongest,legal_form,vetoes,threat,attack,", 65) == 0);
  done(&c);
  c = prog("compare", "budapest-1994", "nato-membership", "-n", "20000", "--json", NULL);
  assert_int_equal(c.status, 0);
  struct fy_document *dc = json_doc(c.out);
  assert_int_equal(fy_node_sequence_item_count(at(fy_document_root(dc), "/arrangements")), 2);
  assert_string_equal(scalar(fy_document_root(dc), "/arrangements/1/id"), "nato-membership");
  fy_document_destroy(dc);
  done(&c);
  c = prog("compare", "-n", "20000", NULL);
  assert_int_equal(c.status, 0);
  assert_non_null(strstr(c.out, "P(attack) [95%]"));
  assert_non_null(strstr(c.out, "coalition-2025"));
  done(&c);
}

static void test_simulate_errors(void **state) {
  (void)state;
  run r = prog("simulate", "coalition-2025", "-n", "0", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "-n takes a whole number from 1 to 1000000000000, not '0'"));
  done(&r);
  r = prog("simulate", "coalition-2025", "--precision", "2", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "--precision takes a number between 0 and 0.5 (both excluded), not '2'"));
  done(&r);
  /* Numbers are range-checked before they are narrowed, and written in
   * decimal: no wrapping to 1 thread or to "all cores", no hexadecimal. */
  static const char *const bad[][2] = {
      {"--threads", "4294967297"}, {"--threads", "3000000000"}, {"--threads", "0"},   {"--threads", "1e12"},
      {"--threads", "-1"},         {"-n", "0x10"},              {"-n", "1.5"},        {"-n", " 5"},
      {"--seed", "18446744073709551616"}, {"--seed", "-1"},     {"--samples", "8"},   {"-n", "1e13"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    r = prog("simulate", "coalition-2025", bad[i][0], bad[i][1], NULL);
    if (r.status != 2) fprintf(stderr, "%s %s: status %d\n", bad[i][0], bad[i][1], r.status);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "takes a whole number from"));
    assert_string_equal(r.out, "");
    done(&r);
  }
  /* What decimal allows: an exponent that keeps it whole, the largest seed. */
  r = prog("simulate", "budapest-1994", "-n", "2e3", "--seed", "18446744073709551615", "--threads", "1", "--json",
           NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "\"draws\": 2000,"));
  assert_non_null(strstr(r.out, "\"seed\": 18446744073709551615,"));
  done(&r);
  r = prog("simulate", "coalition-2025", "strike-kiev", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "did you mean 'strike-kyiv'"));
  done(&r);
  char path[128];
  snprintf(path, sizeof path, "%s/params.yaml", tmpdir);
  write_file(path, "parameters:\n  - {id: honour_base, title: t, unit: probability, distribution: fixed, value: 1.4,\n"
                   "     sources: [{assumption: test}]}\n");
  r = prog("simulate", "coalition-2025", "--params", path, NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "params.yaml:2:5: error: 'honour_base' is a probability in [0, 1], not 1.4"));
  assert_string_equal(r.out, "");
  done(&r);
  r = prog("compare", "--json", "--csv", NULL);
  assert_int_equal(r.status, 2);
  done(&r);
}

static int count_files(const char *dir) {
  char cmd[256];
  snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
  FILE *p = popen(cmd, "r");
  int n = -1;
  if (p) {
    if (fscanf(p, "%d", &n) != 1) n = -1;
    pclose(p);
  }
  return n;
}

static void test_report(void **state) {
  (void)state;
  char dir[128], out[192], hostile[256];
  snprintf(dir, sizeof dir, "%s/rep", tmpdir);
  snprintf(out, sizeof out, "%s/report.html", dir);
  snprintf(hostile, sizeof hostile, "%s/tests/report/hostile.yaml", GR_SOURCE_DIR);
  char mk[256];
  snprintf(mk, sizeof mk, "mkdir -p '%s'", dir);
  assert_int_equal(system(mk), 0);
  write_file(out, "an earlier report\n");
  /* A run that fails leaves the earlier report as it was, and no litter. */
  run r = prog("report", "-o", out, "no-such-arrangement", "-n", "1000", NULL);
  assert_int_equal(r.status, 2);
  done(&r);
  char *kept = slurp(out);
  assert_string_equal(kept, "an earlier report\n");
  free(kept);
  assert_int_equal(count_files(dir), 1);
  /* A run that succeeds replaces it whole. */
  r = prog("report", "-o", out, "-n", "5000", "--samples", "64", "-f", hostile, NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "P(attack) [95%]"));
  assert_non_null(strstr(r.out, "Wrote "));
  done(&r);
  assert_int_equal(count_files(dir), 1);
  char *html = slurp(out);
  assert_true(strncmp(html, "<!DOCTYPE html>", 15) == 0);
  assert_non_null(strstr(html, "</html>"));
  /* Hostile text stays inside the JSON data: escaped, never markup. */
  assert_null(strstr(html, "<script>window.__pwned"));
  assert_null(strstr(html, "<img src=x"));
  assert_non_null(strstr(html, "\\u003c/script\\u003e\\u003cscript\\u003ewindow.__pwned = 1"));
  /* The page needs no network: no external script or stylesheet. */
  assert_null(strstr(html, "<script src="));
  assert_null(strstr(html, "<link "));
  free(html);
  r = prog("report", "-o", "/nonexistent-dir/report.html", "-n", "1000", "--samples", "32", "-q", NULL);
  assert_int_equal(r.status, 2); /* Refused before any work is done. */
  assert_non_null(strstr(r.err, "cannot write in /nonexistent-dir: No such file or directory"));
  done(&r);
}

/* The report's plain words say what the data says: a side-only exclusion
 * is that side (not "it excludes ."), a trigger keeps its minimum scale,
 * intent and duration, and each obligation's paragraph gives its menu,
 * where it acts, its term (each part its own or the arrangement's), the entry into
 * force and what voids it. */
static void test_report_plain_words(void **state) {
  (void)state;
  char yaml[192], out[192];
  snprintf(yaml, sizeof yaml, "%s/plain.yaml", tmpdir);
  snprintf(out, sizeof out, "%s/plain.html", tmpdir);
  write_file(yaml,
             "arrangement:\n"
             "  id: plain\n"
             "  title: Plain words\n"
             "  protects: UKR\n"
             "  date: 2026-01-01\n"
             "  status: proposed\n"
             "  legal_form: political_declaration\n"
             "  start: 2026-06-01\n"
             "  duration_years: 10\n"
             "  renewal: by_agreement\n"
             "  entry_into_force: [ceasefire_in_force]\n"
             "  sources: [{assumption: test}]\n"
             "  obligations:\n"
             "    - guarantor: USA\n"
             "      means: [military_intervention, intelligence_sharing, sanctions]\n"
             "      location: {based_in: POL}\n"
             "      triggers: [{event: armed_attack, min_scale: major, intent: deliberate, min_duration_days: 3}]\n"
             "      activation: automatic\n"
             "      scope: {exclude: [{sides: [occupied]}]}\n"
             "      revocation: [protected_state_attacks_first]\n"
             "      sources: [{assumption: test}]\n"
             "    - guarantor: GBR\n"
             "      kind: air_cover\n"
             "      triggers: [strike]\n"
             "      activation: automatic\n"
             "      start: 2027-01-01\n"
             "      duration_years: 5\n"
             "      sources: [{assumption: test}]\n");
  run r = prog("report", "plain", "-f", yaml, "-o", out, "-n", "1000", "--samples", "16", "-q", NULL);
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  done(&r);
  char *html = slurp(out);
  static const char *const want[] = {
      /* The fields the page's own sentence reads. */
      "\"the occupied side\"",
      "\"armed attack (at least major, deliberate, lasting at least 3 days)\"",
      /* The whole paragraph, written here. */
      "\"plain\": \"United States of America (firm) offers any one of military intervention, intelligence sharing or "
      "sanctions (a menu: one promise, not 3), based in Poland, a neighbouring state. It applies automatically on "
      "armed attack (at least major, deliberate, lasting at least 3 days); it excludes the occupied side. Its term "
      "(the arrangement's): from 2026-06-01 for 10 years, renewal by agreement. It enters into force only once "
      "ceasefire in force holds. It is void if: protected state attacks first.\"",
      "\"plain\": \"United Kingdom (firm) offers air cover; where it would act is not stated. It applies "
      "automatically on strike. Its term: from 2027-01-01 for 5 years, renewal by agreement. It enters into force "
      "only once ceasefire in "
      "force holds.\"",
  };
  expect_all(html, want, sizeof want / sizeof want[0]);
  /* No exclusion is written as an empty string. */
  for (const char *at = strstr(html, "\"excludes\": ["); at != NULL; at = strstr(at + 1, "\"excludes\": [")) {
    const char *next = at + strlen("\"excludes\": [");
    next += strspn(next, " \n");
    assert_false(strncmp(next, "\"\"", 2) == 0);
  }
  free(html);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_version_and_help),
      cmocka_unit_test(test_usage_errors),
      cmocka_unit_test(test_show_lists_catalog),
      cmocka_unit_test(test_show_one_arrangement),
      cmocka_unit_test(test_show_unknown_suggests),
      cmocka_unit_test(test_kinds),
      cmocka_unit_test(test_show_json_round_trips),
      cmocka_unit_test(test_show_new_arrangement),
      cmocka_unit_test(test_show_scenario_and_event),
      cmocka_unit_test(test_show_json_round_trips_new_keys),
      cmocka_unit_test(test_check_reports_every_error),
      cmocka_unit_test(test_check_clean_and_verbose),
      cmocka_unit_test(test_trigger_json_everywhere),
      cmocka_unit_test(test_assess_json_everywhere),
      cmocka_unit_test(test_trigger_and_assess_human),
      cmocka_unit_test(test_trigger_and_assess_errors),
      cmocka_unit_test(test_simulate_and_compare),
      cmocka_unit_test(test_simulate_errors),
      cmocka_unit_test(test_report),
      cmocka_unit_test(test_report_plain_words),
  };
  return cmocka_run_group_tests(tests, cli_setup, cli_teardown);
}
