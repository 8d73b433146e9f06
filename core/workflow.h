// The workflow rules as one document, and the sweep that applies them.
//
// {"routing": <routing.h>, "sla": <sla.h SlaPolicy>, "calendars": <sla.h calendars config>,
//  "follow_ups": <follow_up_rules.h>}    every part optional; errors name "routing.teams[2]..."
//
// run_workflow() is what a client or the server calls on a timer (and after a sync): it routes
// unowned leads, escalates SLA breaches, and plans follow-ups, returning commands to apply in
// order with apply_command (give them a client id and seq first if they go to the sync log).
// Everything it plans has a deterministic id, so two replicas sweeping the same data plan the
// same commands, and a sweep right after applying one plans nothing.
#pragma once
#include "follow_up_rules.h"
#include "sla.h"

namespace fc {

struct WorkflowConfig {
    RoutingRules routing;
    SlaPolicy sla;
    Calendars calendars;
    FollowUpRules follow_ups;
};

// Missing parts take the defaults: default_routing_rules(store), SlaPolicy{}, dealer zones with
// default hours, default_follow_up_rules().
MaybeError load_workflow_config(const Store& s, const json& doc, WorkflowConfig& out);
// Store::sla_policy and Store::follow_up_rules, when set, replace the defaults.
WorkflowConfig default_workflow_config(const Store& s);
// Compiles the store's rule documents (validated when they were put) into `c`; unset ones
// become the defaults again.
void use_store_rule_documents(const Store& s, WorkflowConfig& c);

struct WorkflowRun {
    std::vector<Command> routing;
    std::vector<Command> sla;
    std::vector<Command> follow_ups;
};

// Plans the three steps against the store as it is. SLA escalation and follow-ups see the
// routing decisions only after they are applied, so apply `routing` and sweep again when it is
// not empty (run_workflow_and_apply does exactly that).
WorkflowRun run_workflow(const Store& s, const Indexes& idx, const WorkflowConfig& cfg,
                         const BandOf& band_of, Time now);

// Plans and applies until nothing is left to do (at most a few rounds), keeping idx fresh.
// Returns the applied commands; stops at the first command that fails and reports it.
MaybeError run_workflow_and_apply(Store& s, Indexes& idx, const WorkflowConfig& cfg,
                                  const BandOf& band_of, Time now, std::vector<Command>* applied = nullptr);

}  // namespace fc
