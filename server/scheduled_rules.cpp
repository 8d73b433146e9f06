// The rules the server runs on a schedule (see scheduler.h): core's workflow sweep
// (workflow.h: routing of unowned leads, SLA notices and redirects, follow-up tasks), with the
// default workflow configuration and the score-threshold bands, the same as a client's.
// Every command it plans has a deterministic id, so a client that swept the same data first
// makes the server's copy a harmless no-op, and the other way round.
#include "scheduler.h"
#include "indexes.h"
#include "workflow.h"

namespace fc::server {
namespace {

std::vector<Command> workflow_sweep(const Store& s, Time now) {
    Indexes idx = build_indexes(s);
    WorkflowConfig cfg = default_workflow_config(s);
    WorkflowRun run = run_workflow(s, idx, cfg, score_threshold_bands(), now);
    // SLA escalation and follow-ups must see the routing decisions: route first, and let the
    // scheduler's next round plan the rest against the new owners.
    if (!run.routing.empty()) return std::move(run.routing);
    std::vector<Command> out = std::move(run.sla);
    for (Command& c : run.follow_ups) out.push_back(std::move(c));
    return out;
}

}  // namespace

std::vector<ScheduledRule> scheduled_rules() { return {{"workflow", workflow_sweep}}; }

}  // namespace fc::server
