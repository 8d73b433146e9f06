// Moving a deal through the customer's progress:
//   deal.move {"deal_id", "to": "exploring"|"evaluating"|"deciding"|"bought"|"lost", "reason"?}
// Open stages move freely; bought (won) and lost close the deal and need a reason, kept on the
// deal with the time it closed. A closed deal does not move again (a new interest is a new
// lead). Refused moves change nothing and name the offending field.
#pragma once
#include "commands.h"

namespace fc {

bool is_deal_command(const std::string& kind);
MaybeError apply_deal_command(Store& s, const Command& c);

}  // namespace fc
