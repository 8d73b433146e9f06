// The list of rules the server runs on a schedule (see scheduler.h). Empty today on purpose:
// the SLA (redirect unanswered leads) and follow-up (tasks from purchases, services, lost
// deals) engines are core functions that land from their own branch. Each is added here as
//   {"sla", [](const Store& s, Time now) { return sla_commands(s, now); }},
// and needs nothing else: the scheduler applies what it returns as the server's own client.
#include "scheduler.h"

namespace fc::server {

std::vector<ScheduledRule> scheduled_rules() { return {}; }

}  // namespace fc::server
