#include "lead_commands.h"
#include "deal_json.h"
#include "enum_names.h"
#include "follow_up_rules.h"
#include "lead_engine.h"
#include "qualification.h"
#include "record_json.h"
#include "sla.h"
#include "workflow_commands.h"

namespace fc {
namespace {

// Engine errors name fields relative to the payload.
MaybeError in_payload(MaybeError e) {
    if (e && !e->field.empty()) e->field = "payload." + e->field;
    return e;
}

MaybeError lead_transition(Store& s, const Command& c) {
    TransitionRequest q;
    q.at = c.at;
    JsonReader r(c.payload, "payload");
    r.id("lead_id", q.lead_id, true);
    r.enumeration("to", q.to, true, parse_lead_state);
    r.string("reason", q.reason, false, 2000);
    if (const json* d = r.nested("deal", false, json::value_t::object, "an object")) {
        Deal deal;
        JsonReader dr(*d, r.path_of("deal"));
        dr.id("id", deal.id, true);
        dr.integer("amount", deal.amount, false, 0, 1000000000000);
        dr.enumeration("stage", deal.stage, false, parse_deal_stage);
        if (auto e = dr.finish()) return e;
        q.deal = std::move(deal);
    }
    if (auto e = r.finish()) return e;
    const Lead* lead = s.leads.find(q.lead_id);
    LeadState from = lead ? lead->state : LeadState::new_lead;
    if (auto e = in_payload(transition_lead(s, q))) return e;
    // On the lead's timeline, and seen by follow-up triggers (deal won / lost) and reports.
    if (const Lead* after = s.leads.find(q.lead_id))
        log_state_change(s, derived_id(c.id, "s"), *after, from, after->state, c.at, c.author,
                         q.reason);
    return std::nullopt;
}

MaybeError lead_qualify(Store& s, const Command& c) {
    BantUpdate u;
    JsonReader r(c.payload, "payload");
    r.id("lead_id", u.lead_id, true);
    auto item = [&](const char* key, std::optional<BantItem>& out) {
        bool given = c.payload.is_object() && c.payload.contains(key) &&
                     !c.payload.at(key).is_null();
        BantItem b;
        read_bant(r, key, b);  // also marks the key as known when absent
        if (given && !r.failed()) out = std::move(b);
    };
    item("budget", u.budget);
    item("authority", u.authority);
    item("need", u.need);
    item("timeline", u.timeline);
    if (auto e = r.finish()) return e;
    return in_payload(qualify_lead(s, u));
}

MaybeError scoring_rules_put(Store& s, const Command& c) {
    ScoringRules rules;
    if (auto e = from_json(c.payload, rules, "payload")) return e;
    ensure_lead_book(s, c.at);
    set_scoring_rules(s, rules);
    return std::nullopt;
}

// A rule document is validated whole and kept as given: a bad one changes nothing.
template <class Rules>
MaybeError put_rule_document(const Command& c, json& slot) {
    Rules rules;
    if (auto e = from_json(c.payload, rules, "payload")) return e;
    slot = c.payload;
    return std::nullopt;
}

}  // namespace

MaybeError apply_lead_command(Store& s, const Command& c, bool& handled) {
    handled = true;
    if (c.kind == "lead.transition") return lead_transition(s, c);
    if (c.kind == "lead.qualify") return lead_qualify(s, c);
    if (c.kind == "scoring_rules.put") return scoring_rules_put(s, c);
    if (c.kind == "sla_policy.put") return put_rule_document<SlaPolicy>(c, s.sla_policy);
    if (c.kind == "follow_up_rules.put")
        return put_rule_document<FollowUpRules>(c, s.follow_up_rules);
    handled = false;
    return std::nullopt;
}

}  // namespace fc
