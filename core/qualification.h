// A lead's life after the engine opens it: the BANT checklist and the lifecycle
//
//   new -> working | nurture | disqualified
//   working -> qualified | nurture | disqualified
//   qualified -> converted | working | nurture | disqualified
//   nurture -> working | disqualified
//   converted, disqualified: closed for good (new signals open a new lead)
//
// Qualified needs every BANT item the rules require met (each with its evidence);
// disqualified needs a reason; converted creates the deal. A refused change says why and
// changes nothing. The first move out of "new" is the lead's first response.
#pragma once
#include <optional>
#include "error.h"
#include "scoring_rules.h"
#include "store.h"

namespace fc {

struct TransitionRequest {
    Id lead_id;
    LeadState to = LeadState::working;
    Time at = 0;                 // when it happened (the command's time)
    std::string reason;          // required for disqualified
    std::optional<Deal> deal;    // required for converted: id, amount, stage (the rest is filled)
};

// Partial update of the checklist: items not given stay as they are.
struct BantUpdate {
    Id lead_id;
    std::optional<BantItem> budget, authority, need, timeline;
};

bool transition_allowed(LeadState from, LeadState to);

// The required BANT items that are not met, by name ("budget", "need"); empty when qualified.
std::vector<std::string_view> missing_bant(const ScoringRules& rules, const Lead& lead);

// Checks then applies; on error the store is unchanged.
MaybeError transition_lead(Store& store, const TransitionRequest& request);
MaybeError qualify_lead(Store& store, const BantUpdate& update);

}  // namespace fc
