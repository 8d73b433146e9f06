// The selected lead: its account, contacts, score and state, and the account's latest
// activities.
#pragma once
#include "app.h"

namespace fc::ui {

void draw_lead_detail(AppState& app);

}  // namespace fc::ui
