#include "workflow.h"

namespace fc {

WorkflowConfig default_workflow_config(const Store& s) {
    WorkflowConfig c;
    c.routing = default_routing_rules(s);
    (void)build_calendars(s, nullptr, c.calendars);  // unknown zones fall back to UTC below
    if (c.calendars.by_dealer.empty())
        for (const Dealer& d : s.dealers.rows)
            c.calendars.by_dealer[d.id] = default_calendar(find_time_zone("UTC"));
    use_store_rule_documents(s, c);
    return c;
}

void use_store_rule_documents(const Store& s, WorkflowConfig& c) {
    c.sla = SlaPolicy{};
    if (!s.sla_policy.is_null()) (void)from_json(s.sla_policy, c.sla);
    c.follow_ups = default_follow_up_rules();
    if (!s.follow_up_rules.is_null()) (void)from_json(s.follow_up_rules, c.follow_ups);
}

MaybeError load_workflow_config(const Store& s, const json& doc, WorkflowConfig& out) {
    WorkflowConfig c;
    JsonReader r(doc, "");
    const json* routing = r.nested("routing", false, json::value_t::object, "an object");
    const json* sla = r.nested("sla", false, json::value_t::object, "an object");
    const json* calendars = r.nested("calendars", false, json::value_t::object, "an object");
    const json* follow_ups = r.nested("follow_ups", false, json::value_t::object, "an object");
    if (auto e = r.finish()) return e;
    if (routing) {
        if (auto e = from_json(*routing, c.routing, "routing")) return e;
    } else {
        c.routing = default_routing_rules(s);
    }
    if (auto e = check_references(s, c.routing, "routing")) return e;
    if (sla)
        if (auto e = from_json(*sla, c.sla, "sla")) return e;
    if (auto e = build_calendars(s, calendars, c.calendars, "calendars")) return e;
    if (follow_ups) {
        if (auto e = from_json(*follow_ups, c.follow_ups, "follow_ups")) return e;
    } else {
        c.follow_ups = default_follow_up_rules();
    }
    out = std::move(c);
    return std::nullopt;
}

WorkflowRun run_workflow(const Store& s, const Indexes& idx, const WorkflowConfig& cfg,
                         const BandOf& band_of, Time now) {
    WorkflowRun run;
    RoutingState state = build_routing_state(s, idx, cfg.routing);
    run.routing = plan_routing(s, idx, cfg.routing, state, now);
    run.sla = plan_sla_escalations(s, idx, cfg.calendars, cfg.sla, band_of, cfg.routing, state, now);
    run.follow_ups = plan_follow_ups(s, idx, cfg.follow_ups, now, {&cfg.routing, &state});
    return run;
}

MaybeError run_workflow_and_apply(Store& s, Indexes& idx, const WorkflowConfig& cfg,
                                  const BandOf& band_of, Time now, std::vector<Command>* applied) {
    // Round 1 routes; round 2 sees the new owners; a third finds nothing unless rules chain.
    for (int round = 0; round < 4; ++round) {
        WorkflowRun run = run_workflow(s, idx, cfg, band_of, now);
        if (run.routing.empty() && run.sla.empty() && run.follow_ups.empty()) return std::nullopt;
        for (auto* list : {&run.routing, &run.sla, &run.follow_ups}) {
            for (Command& c : *list) {
                if (auto e = apply_command(s, c)) return e;
                if (applied) applied->push_back(std::move(c));
            }
            refresh_indexes(idx, s);
            if (!run.routing.empty()) break;  // re-plan with the new owners first
        }
    }
    return std::nullopt;
}

}  // namespace fc
