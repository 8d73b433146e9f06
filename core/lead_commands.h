// The lead engine's commands: payload validation and dispatch to qualification.h and
// lead_engine.h. apply_command (commands.h) routes these kinds here:
//   lead.transition   {"lead_id", "to", "reason"?, "deal"?: {"id", "amount"?, "stage"?}}
//   lead.qualify      {"lead_id", "budget"?|"authority"?|"need"?|"timeline"?: {"met", "evidence"?}}
//   scoring_rules.put the rule set itself (scoring_rules.h), re-scoring the whole book
//   sla_policy.put    the SLA policy document (sla.h), kept in Store::sla_policy
//   follow_up_rules.put {"rules": [...]} (follow_up_rules.h), kept in Store::follow_up_rules
#pragma once
#include "commands.h"

namespace fc {

// Returns nullopt when applied; an error (and an unchanged store) otherwise. `handled` is set
// to false for kinds that are not lead commands.
MaybeError apply_lead_command(Store& store, const Command& c, bool& handled);

}  // namespace fc
