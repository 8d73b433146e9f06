// Lead routing as data: territory (postal-code prefixes -> dealer), product line -> team,
// round robin or least-loaded inside a team with a capacity cap, and a named fallback queue so
// a lead with no eligible assignee is never lost.
//
// Rules JSON:
// {"territories": [{"country": "DE", "postal_prefix": "80", "dealer": "D1"}, ...],
//  "teams": [{"id": "d1-cars", "dealer": "D1", "categories": ["new-cars", "used-cars"],
//             "members": ["D1-R1", "D1-R2"], "strategy": "round_robin", "capacity": 40}, ...],
//  "fallback_queue": "C-1"}
// Territories: the longest matching prefix wins; several dealers on the same prefix are tried in
// the order listed (the second is "the next dealer" for a redirect). A lead whose account
// matches no territory stays with its current dealer (central leads keep the account's dealer).
// Teams: a team naming the lead's category first, else a team with no categories (catch-all).
// The fallback queue is a user id (a central desk whose Now queue is the queue): leads parked
// there are visible and reassignable like any other.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>
#include "commands.h"
#include "indexes.h"

namespace fc {

enum class RoutingStrategy : std::uint8_t { round_robin, least_loaded };

struct Territory {
    std::string country;        // ISO code; empty matches every country
    std::string postal_prefix;  // may be empty: the whole country
    Id dealer_id;
};

struct Team {
    Id id;
    Id dealer_id;
    std::vector<Id> categories;  // empty: every category
    std::vector<Id> members;     // in rotation order
    RoutingStrategy strategy = RoutingStrategy::round_robin;
    int capacity = 0;            // open leads per member; 0 = no cap
};

struct RoutingRules {
    std::vector<Territory> territories;
    std::vector<Team> teams;
    Id fallback_queue;
};

MaybeError from_json(const json& j, RoutingRules& out, const std::string& path = "");
// Every dealer, member and the fallback queue must exist; members belong to the team's dealer.
MaybeError check_references(const Store& s, const RoutingRules& r, const std::string& path = "");
// One round-robin team per dealer with all its reps, no cap, fallback to the first central user.
RoutingRules default_routing_rules(const Store& s);

// Derived from the store: open leads per owner and each team's rotation position (the member
// after the one who most recently received a lead). Updated by route_lead as it assigns.
struct RoutingState {
    std::unordered_map<Id, int> open_leads;
    std::unordered_map<Id, size_t> next_member;  // team id -> index into members
};
RoutingState build_routing_state(const Store& s, const Indexes& idx, const RoutingRules& r);

struct RouteDecision {
    Id owner;
    Id dealer_id;
    Id team_id;            // empty for the fallback queue
    bool fallback = false;
    std::string reason;    // why this person, in words for the timeline
};

// Picks the owner for a lead, skipping `exclude` (people who already held it) and members at
// capacity. Counts the assignment into `state`.
RouteDecision route_lead(const Store& s, const RoutingRules& r, RoutingState& state,
                         const Lead& lead, const std::vector<Id>& exclude = {});

// The team of `dealer` for `category` (a catch-all team when none names it), or nullptr.
const Team* team_for(const RoutingRules& r, const Id& dealer, const Id& category);
// The member the team's strategy picks next, or nullptr when nobody is eligible.
const Id* pick_member(const Team& t, RoutingState& state, const std::vector<Id>& exclude = {});

// lead.reassign commands for every open lead without an owner. Command ids derive from the
// lead and its assignment count, so planning twice before applying yields the same commands.
std::vector<Command> plan_routing(const Store& s, const Indexes& idx, const RoutingRules& r,
                                  RoutingState& state, Time now);

// A command made by the system (rules, SLA sweeps): author "system", numbered by the caller.
Command system_command(const Id& id, const char* kind, json payload, Time now);

}  // namespace fc
