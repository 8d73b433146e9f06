// Leads come from activities: a lead is the signal of one account about one product category.
// This first engine aggregates activities per account x category, opens a lead when an explicit
// request arrives or enough signals add up, and scores it with fixed points and recency decay.
#pragma once
#include "store.h"

namespace fc {

// Rebuilds lead scores from all activities at time `now`, creating leads where signals call for
// one. Existing leads keep their id, owner and state; only score (and new leads) change.
void rebuild_leads(Store& store, Time now);

}  // namespace fc
