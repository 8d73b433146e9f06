#include "routing.h"
#include <algorithm>
#include "workflow_commands.h"

namespace fc {
namespace {

bool is_open(LeadState s) {
    return s == LeadState::new_lead || s == LeadState::working || s == LeadState::qualified;
}

bool contains(const std::vector<Id>& v, const Id& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

MaybeError read_id_list(const json& parent, const char* key, const std::string& path,
                        std::vector<Id>& out, bool required) {
    std::string field = path + "." + key;
    auto it = parent.find(key);
    if (it == parent.end()) {
        if (required) return Error{"missing_field", field, field + " is required"};
        return std::nullopt;
    }
    if (!it->is_array()) return Error{"invalid_type", field, field + " must be an array"};
    for (size_t i = 0; i < it->size(); ++i) {
        std::string at = field + "[" + std::to_string(i) + "]";
        const json& v = (*it)[i];
        if (!v.is_string() || v.get_ref<const std::string&>().empty())
            return Error{"invalid_type", at, at + " must be a non-empty id"};
        out.push_back(v.get<std::string>());
    }
    return std::nullopt;
}

// Dealers to try for a lead, best first: matching territories (longest prefix, then listed
// order), then the lead's own dealer.
std::vector<Id> candidate_dealers(const Store& s, const RoutingRules& r, const Lead& lead) {
    const Account* acc = s.accounts.find(lead.account_id);
    std::vector<std::pair<size_t, size_t>> matches;  // (prefix length, rule index)
    if (acc) {
        for (size_t i = 0; i < r.territories.size(); ++i) {
            const Territory& t = r.territories[i];
            if (!t.country.empty() && t.country != acc->country) continue;
            if (acc->postal_code.compare(0, t.postal_prefix.size(), t.postal_prefix) != 0) continue;
            matches.emplace_back(t.postal_prefix.size(), i);
        }
    }
    std::stable_sort(matches.begin(), matches.end(),
                     [](auto a, auto b) { return a.first > b.first; });
    std::vector<Id> dealers;
    for (auto [len, i] : matches)
        if (!contains(dealers, r.territories[i].dealer_id)) dealers.push_back(r.territories[i].dealer_id);
    if (!contains(dealers, lead.dealer_id)) dealers.push_back(lead.dealer_id);
    return dealers;
}

}  // namespace

const Team* team_for(const RoutingRules& r, const Id& dealer, const Id& category) {
    const Team* catch_all = nullptr;
    for (const Team& t : r.teams) {
        if (t.dealer_id != dealer) continue;
        if (contains(t.categories, category)) return &t;
        if (t.categories.empty() && !catch_all) catch_all = &t;
    }
    return catch_all;
}

namespace {
bool eligible(const Team& t, const RoutingState& st, const Id& member,
              const std::vector<Id>& exclude) {
    if (contains(exclude, member)) return false;
    if (t.capacity <= 0) return true;
    auto it = st.open_leads.find(member);
    return (it == st.open_leads.end() ? 0 : it->second) < t.capacity;
}
}  // namespace

const Id* pick_member(const Team& t, RoutingState& st, const std::vector<Id>& exclude) {
    const size_t n = t.members.size();
    if (n == 0) return nullptr;
    if (t.strategy == RoutingStrategy::least_loaded) {
        const Id* best = nullptr;
        int best_load = 0;
        for (const Id& m : t.members) {  // ties go to the earlier member: deterministic
            if (!eligible(t, st, m, exclude)) continue;
            int load = st.open_leads[m];
            if (!best || load < best_load) best = &m, best_load = load;
        }
        return best;
    }
    size_t& next = st.next_member[t.id];
    for (size_t k = 0; k < n; ++k) {
        size_t i = (next + k) % n;
        if (!eligible(t, st, t.members[i], exclude)) continue;
        next = (i + 1) % n;
        return &t.members[i];
    }
    return nullptr;
}

MaybeError from_json(const json& j, RoutingRules& out, const std::string& path) {
    RoutingRules rules;
    JsonReader r(j, path);
    const json* territories = r.nested("territories", false, json::value_t::array, "an array");
    const json* teams = r.nested("teams", true, json::value_t::array, "an array");
    r.id("fallback_queue", rules.fallback_queue, true);
    if (auto e = r.finish()) return e;
    auto item_path = [&](const char* key, size_t i) {
        return (path.empty() ? std::string(key) : path + "." + key) + "[" + std::to_string(i) + "]";
    };
    if (territories) {
        for (size_t i = 0; i < territories->size(); ++i) {
            Territory t;
            JsonReader tr((*territories)[i], item_path("territories", i));
            tr.string("country", t.country, false, 2);
            tr.string("postal_prefix", t.postal_prefix, false, 16);
            tr.id("dealer", t.dealer_id, true);
            if (auto e = tr.finish()) return e;
            rules.territories.push_back(std::move(t));
        }
    }
    for (size_t i = 0; i < teams->size(); ++i) {
        Team t;
        std::string at = item_path("teams", i);
        const json& tj = (*teams)[i];
        JsonReader tr(tj, at);
        tr.id("id", t.id, true);
        tr.id("dealer", t.dealer_id, true);
        tr.nested("categories", false, json::value_t::array, "an array");
        tr.nested("members", true, json::value_t::array, "an array");
        std::string strategy = "round_robin";
        tr.string("strategy", strategy, false, 32);
        if (!tr.failed() && strategy != "round_robin" && strategy != "least_loaded")
            tr.fail("invalid_field", "strategy", "must be round_robin or least_loaded");
        tr.int32("capacity", t.capacity, false, 0, 100000);
        if (auto e = tr.finish()) return e;
        if (auto e = read_id_list(tj, "categories", at, t.categories, false)) return e;
        if (auto e = read_id_list(tj, "members", at, t.members, true)) return e;
        t.strategy = strategy == "least_loaded" ? RoutingStrategy::least_loaded
                                                : RoutingStrategy::round_robin;
        for (const Team& other : rules.teams)
            if (other.id == t.id)
                return Error{"duplicate_id", at + ".id", at + ".id \"" + t.id + "\" appears twice"};
        rules.teams.push_back(std::move(t));
    }
    out = std::move(rules);
    return std::nullopt;
}

MaybeError check_references(const Store& s, const RoutingRules& r, const std::string& path) {
    auto p = [&](const std::string& rest) { return path.empty() ? rest : path + "." + rest; };
    auto missing = [](const std::string& f, const Id& id) {
        return Error{"not_found", f, f + " refers to \"" + id + "\", which does not exist"};
    };
    for (size_t i = 0; i < r.territories.size(); ++i)
        if (!s.dealers.contains(r.territories[i].dealer_id))
            return missing(p("territories[" + std::to_string(i) + "].dealer"), r.territories[i].dealer_id);
    for (size_t i = 0; i < r.teams.size(); ++i) {
        const Team& t = r.teams[i];
        std::string at = p("teams[" + std::to_string(i) + "]");
        if (!s.dealers.contains(t.dealer_id)) return missing(at + ".dealer", t.dealer_id);
        for (size_t k = 0; k < t.categories.size(); ++k)
            if (!s.categories.contains(t.categories[k]))
                return missing(at + ".categories[" + std::to_string(k) + "]", t.categories[k]);
        for (size_t k = 0; k < t.members.size(); ++k) {
            std::string f = at + ".members[" + std::to_string(k) + "]";
            const User* u = s.users.find(t.members[k]);
            if (!u) return missing(f, t.members[k]);
            if (u->dealer_id != t.dealer_id)
                return Error{"invalid_field", f, f + " works for another dealer than the team's"};
        }
    }
    if (!s.users.contains(r.fallback_queue)) return missing(p("fallback_queue"), r.fallback_queue);
    return std::nullopt;
}

RoutingRules default_routing_rules(const Store& s) {
    RoutingRules r;
    for (const Dealer& d : s.dealers.rows) {
        Team t;
        t.id = d.id + "-sales";
        t.dealer_id = d.id;
        for (const User& u : s.users.rows)
            if (u.dealer_id == d.id && u.role == "rep") t.members.push_back(u.id);
        r.teams.push_back(std::move(t));
    }
    for (const User& u : s.users.rows)
        if (u.dealer_id.empty()) {
            r.fallback_queue = u.id;
            break;
        }
    return r;
}

RoutingState build_routing_state(const Store& s, const Indexes& idx, const RoutingRules& r) {
    RoutingState st;
    for (const auto& [owner, rows] : idx.leads_of_owner) {
        int n = 0;
        for (std::uint32_t row : rows) {
            const Lead& l = s.leads.rows[row];
            n += l.owner == owner && is_open(l.state);
        }
        st.open_leads[owner] = n;
    }
    // Rotation resumes after whoever in the team most recently received a lead.
    std::unordered_map<Id, std::pair<Time, size_t>> last_received;  // user -> (at, event row)
    for (size_t i = 0; i < s.lead_events.rows.size(); ++i) {
        const LeadEvent& e = s.lead_events.rows[i];
        if (e.to_owner.empty() || e.kind == LeadEventKind::sla_notice ||
            e.kind == LeadEventKind::state_changed)
            continue;
        auto& slot = last_received[e.to_owner];
        if (std::make_pair(e.at, i) >= slot) slot = {e.at, i};
    }
    for (const Team& t : r.teams) {
        std::pair<Time, size_t> best{-1, 0};
        size_t next = 0;
        for (size_t i = 0; i < t.members.size(); ++i) {
            auto it = last_received.find(t.members[i]);
            if (it != last_received.end() && it->second > best) {
                best = it->second;
                next = (i + 1) % t.members.size();
            }
        }
        st.next_member[t.id] = next;
    }
    return st;
}

RouteDecision route_lead(const Store& s, const RoutingRules& r, RoutingState& state,
                         const Lead& lead, const std::vector<Id>& exclude) {
    std::vector<Id> dealers = candidate_dealers(s, r, lead);
    for (size_t d = 0; d < dealers.size(); ++d) {
        const Team* team = team_for(r, dealers[d], lead.product_category);
        if (!team) continue;
        const Id* who = pick_member(*team, state, exclude);
        if (!who) continue;
        RouteDecision out;
        out.owner = *who;
        out.dealer_id = dealers[d];
        out.team_id = team->id;
        out.reason = std::string(team->strategy == RoutingStrategy::round_robin ? "round robin"
                                                                                : "least loaded") +
                     " in team " + team->id + (d == 0 ? "" : " (next dealer " + dealers[d] + ")");
        ++state.open_leads[out.owner];
        return out;
    }
    RouteDecision out;
    out.owner = r.fallback_queue;
    out.dealer_id = lead.dealer_id;
    out.fallback = true;
    out.reason = "no eligible assignee (all at capacity, excluded or no team for " +
                 lead.product_category + "): parked in fallback queue " + r.fallback_queue;
    ++state.open_leads[out.owner];
    return out;
}

Command system_command(const Id& id, const char* kind, json payload, Time now) {
    return Command{id, "system", 0, kind, now, "system", std::move(payload)};
}

std::vector<Command> plan_routing(const Store& s, const Indexes& idx, const RoutingRules& r,
                                  RoutingState& state, Time now) {
    std::vector<Command> out;
    for (size_t row = 0; row < s.leads.rows.size(); ++row) {
        const Lead& l = s.leads.rows[row];
        if (!l.owner.empty() || !is_open(l.state)) continue;
        RouteDecision d = route_lead(s, r, state, l);
        size_t moves = row < idx.events_of_lead.size() ? idx.events_of_lead[row].size() : 0;
        json p = {{"lead_id", l.id}, {"to", d.owner}, {"reason", clip_utf8("routing: " + d.reason, 500)}};
        if (d.dealer_id != l.dealer_id) p["dealer_id"] = d.dealer_id;
        out.push_back(system_command(derived_id("route", l.id, std::to_string(moves)),
                                     "lead.reassign", std::move(p), now));
    }
    return out;
}

}  // namespace fc
