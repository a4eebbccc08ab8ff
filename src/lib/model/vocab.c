/*
 * The closed vocabularies of the model, one table each, one row per term
 * with a one-line definition. Rows of ordered tables run weakest first; the
 * enum values in model.h index these rows, so both must change together
 * (tests/test_tables.c checks the counts).
 */
#include <string.h>

#include "model/schema.h"

static const gr_term obligation_kinds[] = {
    {"consultation", "Guarantors consult each other and the protected state; no further promise."},
    {"sanctions", "Economic and financial sanctions against the aggressor."},
    {"economic_aid", "Budget support, reconstruction and financial assistance."},
    {"intelligence_sharing", "Sharing of intelligence, surveillance and targeting data."},
    {"training", "Training of the protected state's armed forces."},
    {"arms_supply", "Supply of weapons and ammunition, in peacetime and/or wartime (value per year)."},
    {"air_defence_supply", "Supply of air- and missile-defence systems and interceptors."},
    {"naval_presence", "Guarantor warships present in or near the protected state's waters."},
    {"air_cover", "Guarantor aircraft over the protected state: air policing up to a no-fly zone."},
    {"reassurance_force", "Guarantor ground troops stationed in the protected state (size, location)."},
    {"military_intervention", "Armed force to repel an attack and restore territory (Article-5-like)."},
    {"ceasefire_monitoring", "Monitors who verify a ceasefire and report violations; they do not fight. Usually standing (no trigger): in place in peacetime."},
    {"logistics", "Transport, maintenance and supply lines for the protected state's forces; standing, or set off by an attack."},
    {"prepositioned_stocks", "Weapons, ammunition and equipment kept in depots in or near the protected state: standing in peacetime, released on an attack."},
    {"fortification_support", "Help building and financing fortifications and barriers along the line; standing (no trigger)."},
    {"force_financing", "Financing of the protected state's armed forces and defence budget; standing, or increased on an attack."},
};

/* Strength rank of each kind (GR_OB_ order), weakest 0: the kinds appended
 * later take their place among the older ones. */
static const int kind_ranks[] = {
    [GR_OB_CONSULTATION] = 0,          [GR_OB_CEASEFIRE_MONITORING] = 1,
    [GR_OB_SANCTIONS] = 2,             [GR_OB_ECONOMIC_AID] = 3,
    [GR_OB_FORCE_FINANCING] = 4,       [GR_OB_INTELLIGENCE_SHARING] = 5,
    [GR_OB_TRAINING] = 6,              [GR_OB_FORTIFICATION_SUPPORT] = 7,
    [GR_OB_LOGISTICS] = 8,             [GR_OB_PREPOSITIONED_STOCKS] = 9,
    [GR_OB_ARMS_SUPPLY] = 10,          [GR_OB_AIR_DEFENCE_SUPPLY] = 11,
    [GR_OB_NAVAL_PRESENCE] = 12,       [GR_OB_AIR_COVER] = 13,
    [GR_OB_REASSURANCE_FORCE] = 14,    [GR_OB_MILITARY_INTERVENTION] = 15,
};
_Static_assert(sizeof kind_ranks / sizeof kind_ranks[0] == GR_OB__COUNT, "a rank per obligation kind");

int gr_obligation_kind_rank(int kind) { return kind >= 0 && kind < GR_OB__COUNT ? kind_ranks[kind] : -1; }

static const gr_term legal_forms[] = {
    {"political_declaration", "A statement of intent; binds nobody in law."},
    {"memorandum", "A signed memorandum of assurances (Budapest 1994); not a treaty."},
    {"executive_agreement", "An agreement concluded by governments without parliamentary ratification."},
    {"treaty_signed", "A treaty signed by the parties but not (yet) ratified."},
    {"treaty_ratified", "A treaty signed and ratified by the parties' parliaments."},
};

static const gr_term activations[] = {
    {"automatic", "Applies as soon as a triggering event occurs; no further decision."},
    {"after_consultation", "Applies after the guarantors consult, within a stated deadline."},
    {"discretionary", "The guarantor decides freely whether and how to act."},
    {"consensus", "Every guarantor must agree, so any one of them can block it."},
    {"by_body", "A named body (commission, council) decides by its stated rule."},
};

static const gr_term event_kinds[] = {
    {"armed_attack", "A ground offensive across the line or the border."},
    {"limited_incursion", "A small, local ground incursion with limited aims."},
    {"strike", "Missile, drone or air strikes without a ground advance."},
    {"attack_on_guarantor_forces", "An attack on a guarantor's forces where they are stationed."},
    {"ceasefire_violation", "Fire across the line in breach of a ceasefire."},
    {"hybrid", "Cyber attack, sabotage or other deniable action."},
    {"blockade", "A naval or other blockade of the protected state's trade."},
    {"joins_alliance", "The acting state joins an alliance (key: organisation)."},
    {"acquires_nuclear_weapons", "The acting state acquires nuclear weapons."},
    {"force_buildup", "The acting state's armed forces grow (key: troops, the size reached)."},
};

static const gr_term scales[] = {
    {"minor", "Isolated incidents; casualties in single or low double digits."},
    {"limited", "A local operation of battalion to brigade size."},
    {"major", "An offensive of several brigades to a few divisions."},
    {"massive", "A full-scale invasion along a broad front."},
};

static const gr_term sides[] = {
    {"government", "Territory controlled by the protected state's government."},
    {"occupied", "Territory occupied by the aggressor."},
    {"line", "On the line of contact between the two."},
};

static const gr_term control_statuses[] = {
    {"government", "Wholly controlled by the government (occupied share 0)."},
    {"partly_occupied", "Partly occupied (occupied share strictly between 0 and 1)."},
    {"occupied", "Wholly occupied (occupied share 1)."},
};

static const gr_term commitments[] = {
    {"firm", "The text commits the guarantor."},
    {"willing", "The guarantor has said it is willing; nothing is signed."},
    {"conditional", "Offered only if stated conditions hold."},
    {"undecided", "The guarantor is debating or reconsidering."},
    {"declined", "The guarantor has said no."},
};

static const gr_term arrangement_statuses[] = {
    {"proposed", "Put forward or under negotiation; not in force."},
    {"in_force", "Agreed and in force."},
    {"lapsed", "Was in force or agreed, and no longer applies."},
    {"rejected", "Proposed and rejected by a party whose consent it needs."},
    {"reference", "An existing alliance used as a yardstick (NATO, EU)."},
    {"under_negotiation", "Under negotiation, its text still to be finalised; evaluated as proposed."},
};

static const gr_term rules[] = {
    {"forbid", "Veto when the arrangement contains a matching element."},
    {"require", "Veto when the arrangement lacks a matching element."},
    {"prefer", "Objection when the arrangement lacks a matching element."},
    {"oppose", "Objection when the arrangement contains a matching element."},
};

static const gr_term confidences[] = {
    {"low", "Reported second-hand, hedged or inferred from context."},
    {"medium", "Reported by officials or sources, not stated on the record."},
    {"high", "Stated on the record by the actor's leaders or ministers."},
};

static const gr_term actor_types[] = {
    {"state", "A sovereign state (ISO 3166-1 alpha-3 id)."},
    {"organisation", "An international organisation with members (EU, NATO, UN)."},
    {"group", "An analytic grouping of states (P5, WEST)."},
    {"territory", "A protected party without armed forces of its own (West Berlin, 1948): the model weighs it at 0 personnel."},
};

static const gr_term approvals[] = {
    {"executive", "The government may deploy forces without a prior parliamentary vote."},
    {"parliament_prior", "Parliament must approve a deployment before it begins."},
    {"parliament_after", "The government deploys; parliament votes within a set time."},
};

static const gr_term region_types[] = {
    {"oblast", "A province (oblast)."},
    {"city", "A city with special status."},
    {"autonomous_republic", "An autonomous republic."},
    {"province", "A province or first-level division of any state."},
    {"territory", "A territory, colony or dependency."},
    {"island", "An island or island group."},
    {"enclave", "An enclave or exclave (a city or district surrounded by another state)."},
};

static const gr_term fact_rule_kinds[] = {
    {"party", "The actor is a party of the arrangement, in any role."},
    {"offers", "A guarantor that is the actor, or a group that includes it, has an obligation of one of the kinds on offer."},
    {"offers_in", "A guarantor that is the actor, or one of its members, has an obligation of one of the kinds on offer."},
};

static const gr_term case_results[] = {
    {"deterred", "The challenger neither attacked nor obtained its demand under threat within the window."},
    {"attacked", "The challenger used military force against the protected state within the window."},
    {"coerced", "The challenger obtained what it demanded under the threat, without attacking (the protected state or its defender conceded)."},
};

static const gr_term guarantor_actions[] = {
    {"fought", "Its forces fought the challenger."},
    {"sent_arms", "It sent arms or other military supplies, without fighting."},
    {"sanctioned", "It imposed economic or diplomatic sanctions only."},
    {"nothing", "It did nothing beyond words."},
};

static const gr_term intent_evidences[] = {
    {"strong", "Documents, orders or deployments show the challenger prepared to attack."},
    {"some", "Threats or demands, without evidence of preparations to attack."},
    {"none", "No evidence that the challenger meant to attack: a weak success of deterrence."},
    {"unknown", "The sources do not say."},
};

static const gr_term coding_confidences[] = {
    {"low", "The outcome itself is disputed between sources (an alternative coding is given)."},
    {"medium", "The sources agree on the outcome and differ on a detail (a date, a guarantor's response)."},
    {"high", "The sources agree on the outcome."},
};

static const gr_term location_classes[] = {
    {"any", "Anywhere."},
    {"in_protected_state", "On the protected state's territory."},
    {"outside_protected_state", "Outside the protected state (neighbouring bases, sea, air)."},
};

static const gr_term renewals[] = {
    {"none", "Ends at the end of its duration."},
    {"automatic", "Renews unless a party gives notice."},
    {"by_agreement", "Renews only if the parties agree again."},
};

static const gr_term distributions[] = {
    {"fixed", "A known value (key: value)."},
    {"beta", "Beta(a, b) on [0, 1] (keys: a, b > 0)."},
    {"normal", "Normal(mean, sd) (keys: mean, sd > 0)."},
    {"lognormal", "exp(Normal(mu, sigma)) (keys: mu, sigma > 0)."},
    {"uniform", "Uniform on [min, max] (keys: min < max)."},
    {"triangular", "Triangular on [min, max] with mode (keys: min <= mode <= max)."},
};

static const gr_term facts[] = {
    {"un_mandate", "The UN Security Council has authorised the mission."},
    {"us_backstop", "The United States backs the European force (air cover, intelligence, reserves)."},
    {"ceasefire_in_force", "A ceasefire or armistice is in force."},
    {"european_ground_force_present", "A European reassurance force stands in the protected state."},
    {"russia_consulted", "Russia was consulted on the arrangement."},
    {"neutrality_observed", "The protected state keeps its neutrality commitments."},
    {"parliament_approval", "The guarantor's parliament has approved the deployment."},
    {"ratified", "The arrangement has been ratified by the parties that must ratify it."},
};

static const gr_term protected_conditions[] = {
    {"neutrality", "The protected state stays permanently neutral."},
    {"no_nato_membership", "The protected state renounces NATO membership."},
    {"force_cap", "The protected state's armed forces are capped in size."},
    {"no_foreign_troops", "No foreign troops may be stationed on its territory."},
    {"territorial_concession", "The protected state cedes or renounces territory."},
    {"nuclear_disarmament", "The protected state gives up nuclear weapons."},
};

static const gr_term revocations[] = {
    {"protected_state_attacks_first", "Void if the protected state starts hostilities."},
    {"protected_state_joins_nato", "Void if the protected state joins NATO."},
    {"breach_of_neutrality", "Void if the protected state breaks its neutrality."},
    {"ceasefire_breach_by_protected_state", "Void if the protected state breaks the ceasefire."},
    {"protected_state_strikes_cities", "Void if the protected state strikes the aggressor's cities or capital without cause (before any attack on it)."},
    {"protected_state_joins_alliance", "Void if the protected state joins any alliance."},
    {"protected_state_exceeds_force_cap", "Void if the protected state's forces grow beyond the arrangement's force_cap."},
    {"protected_state_acquires_nuclear_weapons", "Void if the protected state acquires nuclear weapons."},
    {"protected_state_invades", "Void if the protected state invades the aggressor on the ground (an armed attack or incursion; a strike alone does not void it)."},
};

static const gr_term intents[] = {
    {"accidental", "Not meant: a stray missile, a navigation error."},
    {"unclear", "Whether it was meant is not established."},
    {"deliberate", "Meant by the acting state's command."},
};

static const gr_term target_classes[] = {
    {"military", "Armed forces and military installations."},
    {"infrastructure", "Energy, transport and other infrastructure."},
    {"cities", "Cities and their population."},
    {"capital", "The capital."},
};

static const gr_term party_roles[] = {
    {"proposer", "Put the arrangement forward."},
    {"signatory", "Signed it."},
    {"endorser", "Endorsed it without signing."},
};

static const gr_term basings[] = {
    {"stationed", "On the protected state's territory (regions: where)."},
    {"neighbouring", "Based in a neighbouring state (based_in: which), acting across the border."},
    {"offshore", "At sea, off the protected state's coast."},
    {"air_only", "From the air only, based outside the protected state."},
};

static const gr_term territory_statuses[] = {
    {"held_de_facto", "Recognised as held by the aggressor de facto: counted as occupied."},
    {"ceded", "Recognised as the aggressor's in law: counted as occupied."},
    {"frozen_line", "The line frozen where it stands at the arrangement's date."},
    {"returned", "Returned to the protected state: counted as government-held."},
    {"demilitarised", "A demilitarised zone: no forces of either side."},
};

static const gr_term decision_rules[] = {
    {"consensus", "Every member must agree: any member can block."},
    {"majority", "A majority of members decides."},
    {"chair", "The chair decides."},
};

static const gr_term clause_kinds[] = {
    {"compensation", "What the guarantors receive for their guarantee."},
    {"sanctions_relief", "Sanctions lifted, with the schedule and conditions."},
    {"sanctions_snap_back", "Sanctions restored automatically on a breach."},
    {"non_recognition", "Territory whose annexation is not recognised."},
    {"other", "Any other clause worth recording."},
};

#define T(name, title, ordered, rows) \
  { name, title, ordered, sizeof(rows) / sizeof(rows[0]), rows }

static const gr_table tables[GR_T__COUNT] = {
    [GR_T_OBLIGATION_KIND] = T("obligation_kind", "Obligation kinds", false, obligation_kinds),
    [GR_T_LEGAL_FORM] = T("legal_form", "Legal forms", true, legal_forms),
    [GR_T_ACTIVATION] = T("activation", "Activation modes", false, activations),
    [GR_T_EVENT_KIND] = T("event_kind", "Event kinds", false, event_kinds),
    [GR_T_SCALE] = T("scale", "Event scales", true, scales),
    [GR_T_SIDE] = T("side", "Sides of the line", false, sides),
    [GR_T_CONTROL_STATUS] = T("control_status", "Control statuses", true, control_statuses),
    [GR_T_COMMITMENT] = T("commitment", "Commitments", false, commitments),
    [GR_T_ARRANGEMENT_STATUS] = T("arrangement_status", "Arrangement statuses", false, arrangement_statuses),
    [GR_T_RULE] = T("rule", "Position rules", false, rules),
    [GR_T_CONFIDENCE] = T("confidence", "Confidence levels", true, confidences),
    [GR_T_ACTOR_TYPE] = T("actor_type", "Actor types", false, actor_types),
    [GR_T_APPROVAL] = T("approval", "Deployment approval", false, approvals),
    [GR_T_REGION_TYPE] = T("region_type", "Region types", false, region_types),
    [GR_T_LOCATION_CLASS] = T("location_class", "Location classes", false, location_classes),
    [GR_T_RENEWAL] = T("renewal", "Renewal", false, renewals),
    [GR_T_DISTRIBUTION] = T("distribution", "Distributions", false, distributions),
    [GR_T_FACT] = T("fact", "Facts", false, facts),
    [GR_T_PROTECTED_CONDITION] = T("protected_condition", "Conditions on the protected state", false, protected_conditions),
    [GR_T_REVOCATION] = T("revocation", "Revocation clauses", false, revocations),
    [GR_T_INTENT] = T("intent", "Intent", true, intents),
    [GR_T_TARGET_CLASS] = T("target_class", "What an event strikes", false, target_classes),
    [GR_T_PARTY_ROLE] = T("party_role", "Parties' roles", false, party_roles),
    [GR_T_BASING] = T("basing", "Where forces act from", false, basings),
    [GR_T_TERRITORY_STATUS] = T("territory_status", "Territorial terms", false, territory_statuses),
    [GR_T_DECISION_RULE] = T("decision_rule", "Decision rules of bodies", false, decision_rules),
    [GR_T_CLAUSE_KIND] = T("clause_kind", "Recorded clauses", false, clause_kinds),
    [GR_T_CASE_RESULT] = T("case_result", "Outcomes of historical cases", false, case_results),
    [GR_T_GUARANTOR_ACTION] = T("guarantor_action", "What a guarantor did", true, guarantor_actions),
    [GR_T_INTENT_EVIDENCE] = T("intent_evidence", "Evidence of intent to attack", true, intent_evidences),
    [GR_T_CODING_CONFIDENCE] = T("coding_confidence", "Confidence in a case's coding", true, coding_confidences),
    [GR_T_FACT_RULE_KIND] = T("fact_rule_kind", "What a fact rule looks for", false, fact_rule_kinds),
};

const gr_table *gr_table_get(gr_table_id id) {
  if ((int)id < 0 || id >= GR_T__COUNT) return NULL;
  return &tables[id];
}

int gr_table_find(gr_table_id id, const char *name) {
  const gr_table *t = gr_table_get(id);
  if (t == NULL || name == NULL) return -1;
  for (size_t i = 0; i < t->count; i++)
    if (strcmp(t->terms[i].name, name) == 0) return (int)i;
  return -1;
}

const char *gr_table_name(gr_table_id id, int value) {
  const gr_table *t = gr_table_get(id);
  if (t == NULL || value < 0 || (size_t)value >= t->count) return "?";
  return t->terms[value].name;
}

static const char *const record_kind_names[GR_REC__COUNT] = {
    "document", "actor", "region", "arrangement", "position", "event", "parameter", "scenario", "capabilities", "case", "fact rule",
};

const char *gr_record_kind_name(gr_record_kind kind) {
  if ((int)kind < 0 || kind >= GR_REC__COUNT) return "?";
  return record_kind_names[kind];
}
