#include "sla.h"
#include <algorithm>
#include "workflow_commands.h"

namespace fc {
namespace {

constexpr const char* kBandKeys[3] = {"hot", "warm", "cold"};

bool is_open(LeadState s) {
    return s == LeadState::new_lead || s == LeadState::working || s == LeadState::qualified;
}

bool restarts_clock(LeadEventKind k) {
    return k == LeadEventKind::reassigned || k == LeadEventKind::sla_redirect;
}

std::int64_t budget_seconds(const SlaBudget& b) {
    return b.unit == BudgetUnit::business_hours ? std::int64_t(b.amount) * 3600
                                                : std::int64_t(b.amount) * 60;
}

// The owner's manager: a manager of the owner's dealer other than the owner.
Id manager_of(const Store& s, const Id& owner) {
    const User* u = s.users.find(owner);
    if (!u || u->dealer_id.empty()) return {};
    for (const User& m : s.users.rows)
        if (m.role == "manager" && m.dealer_id == u->dealer_id && m.id != owner) return m.id;
    return {};
}

std::string user_name(const Store& s, const Id& id) {
    const User* u = s.users.find(id);
    return u ? u->name : id;
}

}  // namespace

std::string_view band_name(Band b) {
    return b == Band::hot ? "hot" : b == Band::warm ? "warm" : "cold";
}

BandOf score_threshold_bands(BandThresholds t) {
    return [t](const Lead& l) {
        return l.score >= t.hot_at ? Band::hot : l.score >= t.warm_at ? Band::warm : Band::cold;
    };
}

std::string_view sla_state_name(SlaState s) {
    switch (s) {
        case SlaState::answered_in_time: return "answered_in_time";
        case SlaState::answered_late: return "answered_late";
        case SlaState::running: return "running";
        case SlaState::due_soon: return "due_soon";
        case SlaState::breached: return "breached";
        default: return "not_applicable";
    }
}

std::string describe(const SlaBudget& b) {
    const char* unit = b.unit == BudgetUnit::business_minutes ? " business minute"
                       : b.unit == BudgetUnit::business_hours ? " business hour"
                                                              : " business day";
    return std::to_string(b.amount) + unit + (b.amount == 1 ? "" : "s");
}

json to_json(const SlaPolicy& p) {
    json j = {{"redirect_after_percent", p.redirect_after_percent}};
    for (size_t b = 0; b < 3; ++b) {
        const SlaBudget& r = p.response[b];
        const char* unit = r.unit == BudgetUnit::business_minutes ? "business_minutes"
                           : r.unit == BudgetUnit::business_hours ? "business_hours"
                                                                  : "business_days";
        j[kBandKeys[b]] = {{unit, r.amount}, {"warn_before_minutes", p.warn_before[b] / 60}};
    }
    return j;
}

MaybeError from_json(const json& j, SlaPolicy& out, const std::string& path) {
    SlaPolicy p;
    JsonReader r(j, path);
    const json* bands[3];
    for (int b = 0; b < 3; ++b)
        bands[b] = r.nested(kBandKeys[b], false, json::value_t::object, "an object");
    r.int32("redirect_after_percent", p.redirect_after_percent, false, 0, 10000);
    if (auto e = r.finish()) return e;
    for (int b = 0; b < 3; ++b) {
        if (!bands[b]) continue;
        std::string at = r.path_of(kBandKeys[b]);
        JsonReader br(*bands[b], at);
        std::int32_t minutes = -1, hours = -1, days = -1, warn = -1;
        br.int32("business_minutes", minutes, false, 1, 100000);
        br.int32("business_hours", hours, false, 1, 10000);
        br.int32("business_days", days, false, 1, 365);
        br.int32("warn_before_minutes", warn, false, 0, 100000);
        if (auto e = br.finish()) return e;
        int given = (minutes >= 0) + (hours >= 0) + (days >= 0);
        if (given != 1)
            return Error{"invalid_field", at,
                         at + " must name exactly one of business_minutes, business_hours, "
                              "business_days"};
        p.response[size_t(b)] = minutes >= 0 ? SlaBudget{BudgetUnit::business_minutes, minutes}
                                : hours >= 0 ? SlaBudget{BudgetUnit::business_hours, hours}
                                             : SlaBudget{BudgetUnit::business_days, days};
        if (warn >= 0) p.warn_before[size_t(b)] = std::int64_t(warn) * 60;
    }
    out = p;
    return std::nullopt;
}

MaybeError build_calendars(const Store& s, const json* config, Calendars& out,
                           const std::string& path) {
    Calendars c;
    c.fallback = default_calendar(find_time_zone("UTC"));
    BusinessCalendar default_hours = c.fallback;
    bool default_has_zone = false;
    const json* dealers = nullptr;
    if (config) {
        JsonReader r(*config, path);
        const json* dh = r.nested("default_hours", false, json::value_t::object, "an object");
        dealers = r.nested("dealers", false, json::value_t::object, "an object");
        if (auto e = r.finish()) return e;
        if (dh) {
            if (auto e = from_json(*dh, default_hours, r.path_of("default_hours"))) return e;
            default_has_zone = default_hours.zone != nullptr;
        }
        if (dealers)
            for (const auto& item : dealers->items())
                if (!s.dealers.contains(item.key())) {
                    std::string f = r.path_of("dealers") + "." + item.key();
                    return Error{"not_found", f, f + " is not a known dealer"};
                }
    }
    for (size_t i = 0; i < s.dealers.rows.size(); ++i) {
        const Dealer& d = s.dealers.rows[i];
        const TimeZone* zone = find_time_zone(d.time_zone.empty() ? "UTC" : d.time_zone);
        if (!zone) {
            std::string f = "dealers[" + std::to_string(i) + "].time_zone";
            return Error{"invalid_field", f,
                         f + " \"" + d.time_zone + "\" is not one of the time zones Forecourt knows"};
        }
        BusinessCalendar cal = default_hours;
        if (!default_has_zone) cal.zone = zone;
        if (dealers) {
            auto it = dealers->find(d.id);
            if (it != dealers->end()) {
                std::string at = (path.empty() ? std::string("dealers") : path + ".dealers") + "." + d.id;
                if (auto e = from_json(*it, cal, at)) return e;
                if (!cal.zone) cal.zone = zone;
            }
        }
        c.by_dealer[d.id] = std::move(cal);
    }
    out = std::move(c);
    return std::nullopt;
}

const BusinessCalendar& calendar_for(const Calendars& c, const Id& dealer_id) {
    auto it = c.by_dealer.find(dealer_id);
    return it == c.by_dealer.end() ? c.fallback : it->second;
}

Time add_budget(const BusinessCalendar& c, Time start, const SlaBudget& b, int percent) {
    std::optional<Time> t;
    if (b.unit == BudgetUnit::business_days) {
        int days = (b.amount * percent + 99) / 100;
        t = add_business_days(c, start, days);
        if (!t) return start + std::int64_t(days) * 86400;
    } else {
        std::int64_t secs = budget_seconds(b) * percent / 100;
        t = add_business_seconds(c, start, secs);
        if (!t) return start + secs;
    }
    return *t;
}

bool is_response_touch(const Activity& a) {
    if (a.author.empty()) return false;
    switch (a.type) {
        case ActivityType::outbound_call:
        case ActivityType::outbound_email:
        case ActivityType::visit:
        case ActivityType::test_drive:
        case ActivityType::quote: return true;
        default: return false;
    }
}

namespace {
Time first_touch(const Store& s, const Indexes& idx, std::uint32_t acc, std::uint16_t cat,
                 Time from) {
    if (acc >= idx.activities_of_account.size()) return 0;
    const Rows& rows = idx.activities_of_account[acc];
    for (size_t i = lower_bound_at(rows, idx.activity_at, from); i < rows.size(); ++i) {
        std::uint32_t r = rows[i];
        std::uint16_t c = idx.activity_category[r];
        if ((c == 0 || c == cat) && is_response_touch(s.activities.rows[r])) return idx.activity_at[r];
    }
    return 0;
}
}  // namespace

Time first_response_at(const Store& s, const Indexes& idx, const Lead& lead) {
    if (lead.first_response_at != 0) return lead.first_response_at;
    std::uint32_t acc = s.accounts.row_of(lead.account_id);
    if (acc == kNoRow) return 0;
    return first_touch(s, idx, acc, category_code(s, lead.product_category), lead.created_at);
}

Time first_response_at(const Store& s, const Indexes& idx, std::uint32_t row) {
    const Lead& lead = s.leads.rows[row];
    if (lead.first_response_at != 0) return lead.first_response_at;
    if (row >= idx.lead_account.size()) return first_response_at(s, idx, lead);
    return first_touch(s, idx, idx.lead_account[row], idx.lead_category[row], lead.created_at);
}

SlaClock sla_clock(const Store& s, const Indexes& idx, const Calendars& cals,
                   const SlaPolicy& policy, std::uint32_t row, Band band, Time now) {
    const Lead& lead = s.leads.rows[row];
    SlaClock k;
    k.band = band;
    Time answered = first_response_at(s, idx, row);
    if (answered > now) answered = 0;  // logged ahead of `now`: not an answer yet
    k.answered_at = answered;
    if (!answered && !is_open(lead.state)) return k;  // closed or nurtured: no clock
    Time cutoff = answered ? answered : now;
    k.started = lead.created_at;
    if (row < idx.events_of_lead.size()) {
        for (std::uint32_t er : idx.events_of_lead[row]) {
            const LeadEvent& e = s.lead_events.rows[er];
            if (e.at > cutoff) break;
            if (restarts_clock(e.kind) && e.at > lead.created_at) {
                k.started = e.at;
                k.notified = false;
                k.redirects += e.kind == LeadEventKind::sla_redirect;
            } else if (e.kind == LeadEventKind::sla_notice && e.at >= k.started) {
                k.notified = true;
            }
        }
    }
    const BusinessCalendar& cal = calendar_for(cals, lead.dealer_id);
    const SlaBudget& budget = policy.response[size_t(band)];
    k.deadline = add_budget(cal, k.started, budget);
    if (answered) {
        k.state = answered <= k.deadline ? SlaState::answered_in_time : SlaState::answered_late;
        return k;
    }
    k.redirect_at = add_budget(cal, k.deadline, budget, policy.redirect_after_percent);
    if (now >= k.deadline) {
        k.state = SlaState::breached;
        return k;
    }
    k.business_left = business_seconds_between(cal, now, k.deadline);
    k.state = k.business_left <= policy.warn_before[size_t(band)] ? SlaState::due_soon
                                                                    : SlaState::running;
    return k;
}

std::vector<Command> plan_sla_escalations(const Store& s, const Indexes& idx,
                                          const Calendars& cals, const SlaPolicy& policy,
                                          const BandOf& band_of, const RoutingRules& routing,
                                          RoutingState& routing_state, Time now) {
    std::vector<Command> out;
    for (std::uint32_t row = 0; row < s.leads.rows.size(); ++row) {
        const Lead& lead = s.leads.rows[row];
        if (lead.owner.empty() || !is_open(lead.state)) continue;
        Band band = band_of(lead);
        SlaClock k = sla_clock(s, idx, cals, policy, row, band, now);
        if (k.state != SlaState::breached) continue;
        const BusinessCalendar& cal = calendar_for(cals, lead.dealer_id);
        const std::string window = std::to_string(k.started);
        std::string why = "no first response within " + describe(policy.response[size_t(band)]) +
                          " (" + std::string(band_name(band)) + " lead); was due " +
                          format_local(*cal.zone, k.deadline);
        if (!k.notified) {
            Id manager = manager_of(s, lead.owner);
            if (manager.empty()) manager = routing.fallback_queue;
            out.push_back(system_command(
                derived_id("sla-n", lead.id, window), "lead.sla_notice",
                {{"lead_id", lead.id}, {"notify", manager},
                 {"reason", clip_utf8("Owner " + user_name(s, lead.owner) + ": " + why, 500)}},
                now));
        }
        if (now < k.redirect_at) continue;
        // Everyone who held the lead is out of the rotation for it.
        std::vector<Id> held = {lead.owner};
        if (row < idx.events_of_lead.size())
            for (std::uint32_t er : idx.events_of_lead[row]) {
                const LeadEvent& e = s.lead_events.rows[er];
                if (!e.from_owner.empty()) held.push_back(e.from_owner);
                if (e.kind != LeadEventKind::sla_notice && !e.to_owner.empty())
                    held.push_back(e.to_owner);
            }
        RouteDecision d = route_lead(s, routing, routing_state, lead, held);
        if (d.owner == lead.owner) continue;  // already parked in the fallback queue
        --routing_state.open_leads[lead.owner];
        json p = {{"lead_id", lead.id}, {"to", d.owner},
                  {"reason", clip_utf8("Redirected from " + user_name(s, lead.owner) + ": " + why +
                                           "; " + d.reason, 500)}};
        if (d.dealer_id != lead.dealer_id) p["dealer_id"] = d.dealer_id;
        out.push_back(system_command(derived_id("sla-r", lead.id, window), "lead.redirect",
                                     std::move(p), now));
    }
    return out;
}

}  // namespace fc
