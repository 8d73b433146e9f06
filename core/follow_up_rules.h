// Follow-up rules ("the dentist method", seed 000): data that turns events into tasks.
//
// {"rules": [{
//    "id": "tyre-rotation",
//    "trigger": {"on": "activity", "activity_type": "purchase", "product_category": "tyres",
//                "amount_over": 0},
//    "delay": {"days": 0, "months": 6},
//    "recurrence": {"every_months": 6, "max_occurrences": 0},
//    "assignee": "owner",            // owner | dealer_manager | service_team
//    "channel": "phone",             // phone | email | visit | any: which consent applies
//    "when_not_allowed": "block",    // block (create it blocked, with the reason) | skip
//    "max_late_days": 30,            // an occurrence due longer ago than this is not created
//    "title": "Tyre rotation for {account}: {category} bought {date}"}]}
//
// Triggers ("on"): activity (type, optional category, optional amount_over in minor units,
// strictly greater); lead_state (to_state); deal_won / deal_lost; no_contact (days).
// deal_won / deal_lost read the lead event log (a lead becoming converted / disqualified) until
// the Deal record lands; deal_outcome_events() is the one place to rewire then.
// Title placeholders: {account} {contact} {category} {amount} {date} {occurrence}.
//
// Planning is pure: plan_follow_ups() returns task.create commands. Task ids are derived from
// rule + source (+ occurrence), and task.create never overwrites, so re-running the rules any
// number of times never duplicates or reopens a task. Recurrence: occurrence k+1 is created once
// occurrence k has come due ("book the next check-up"), so a run never floods a backlog.
// Consent: a contact marked do_not_contact, or without consent for the rule's channel, gets no
// task (skip) or a blocked task that carries the reason (block, the default).
// Assignee fallbacks: owner -> the account's lead owner for the source's category (any of the
// account's leads otherwise) -> dealer manager -> routing fallback queue; service_team -> the
// routing team of the account's dealer for category "service" -> dealer manager -> fallback.
#pragma once
#include <optional>
#include <string>
#include <vector>
#include "commands.h"
#include "indexes.h"
#include "routing.h"

namespace fc {

enum class TriggerOn : std::uint8_t { activity, lead_state, deal_won, deal_lost, no_contact };
enum class AssigneeKind : std::uint8_t { owner, dealer_manager, service_team };
enum class Channel : std::uint8_t { any, phone, email, visit };

struct FollowUpRule {
    Id id;
    TriggerOn on = TriggerOn::activity;
    std::optional<ActivityType> activity_type;
    Id product_category;          // empty: any
    Money amount_over = -1;       // -1: no threshold
    LeadState to_state = LeadState::disqualified;
    int no_contact_days = 0;
    int delay_days = 0;
    int delay_months = 0;
    int every_months = 0;         // 0: not recurring
    int max_occurrences = 0;      // recurring: 0 = no limit
    AssigneeKind assignee = AssigneeKind::owner;
    Channel channel = Channel::any;
    bool skip_when_not_allowed = false;
    int max_late_days = 30;
    std::string title;
};

struct FollowUpRules {
    std::vector<FollowUpRule> rules;
};

MaybeError from_json(const json& j, FollowUpRules& out, const std::string& path = "");
// Satisfaction call 15 days after a purchase; check call 2 days after a service over 500.00;
// tyre rotation every 6 months after a tyre purchase; a call 30 days after a lost deal.
json default_follow_up_rules_json();
FollowUpRules default_follow_up_rules();

// Lead events that mean a deal was won (converted) or lost (disqualified).
bool is_deal_outcome(const LeadEvent& e, bool won);

struct FollowUpContext {
    const RoutingRules* routing = nullptr;  // service_team and the fallback queue
    RoutingState* routing_state = nullptr;
};

std::vector<Command> plan_follow_ups(const Store& s, const Indexes& idx, const FollowUpRules& rules,
                                     Time now, FollowUpContext ctx = {});

}  // namespace fc
