// What people read for the record enums ("Outbound call", "Working"), as opposed to the wire
// names core uses in JSON and the sync log ("outbound_call", "working").
#pragma once
#include "records.h"

namespace fc::ui {

const char* label_of(ActivityType t);
const char* label_of(LeadState s);
const char* label_of(ContactRole r);

}  // namespace fc::ui
