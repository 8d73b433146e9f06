#include "lead_engine.h"
#include <array>
#include <cmath>
#include <map>
#include <utility>

namespace fc {
namespace {

constexpr double kHalfLifeDays = 30;
constexpr double kCreateThreshold = 25;

// Points per activity type, in ActivityType order.
constexpr std::array<double, size_t(ActivityType::count_)> kPoints = {
    30,  // web_form
    20,  // inbound_call
    0,   // outbound_call: our own touch is not the buyer's signal
    10,  // inbound_email
    0,   // outbound_email
    15,  // visit
    35,  // test_drive
    8,   // literature_request
    10,  // seminar
    30,  // quote_request
    5,   // quote
    0,   // purchase
    0,   // service
    -15, // complaint
    -30, // unsubscribe
    -10, // email_bounce
    0};  // note

bool is_explicit_request(ActivityType t) {
    return t == ActivityType::web_form || t == ActivityType::test_drive ||
           t == ActivityType::quote_request;
}

}  // namespace

void rebuild_leads(Store& store, Time now) {
    struct Signal {
        double score = 0;
        Time first = 0;
        bool explicit_request = false;
    };
    std::map<std::pair<Id, Id>, Signal> signals;  // (account, category) -> aggregate
    for (const Activity& a : store.activities.rows) {
        if (a.product_category.empty() || a.at > now) continue;
        Signal& s = signals[{a.account_id, a.product_category}];
        double age_days = double(now - a.at) / 86400.0;
        s.score += kPoints[size_t(a.type)] * std::exp2(-age_days / kHalfLifeDays);
        if (kPoints[size_t(a.type)] > 0 && (s.first == 0 || a.at < s.first)) s.first = a.at;
        s.explicit_request = s.explicit_request || is_explicit_request(a.type);
    }
    std::map<std::pair<Id, Id>, Lead*> open;
    for (Lead& l : store.leads.rows) open[{l.account_id, l.product_category}] = &l;
    for (const auto& [key, s] : signals) {
        auto it = open.find(key);
        if (it != open.end()) {
            it->second->score = std::round(s.score * 10) / 10;
            continue;
        }
        if (!s.explicit_request && s.score < kCreateThreshold) continue;
        const Account* acc = store.accounts.find(key.first);
        if (!acc || s.first == 0) continue;
        Lead l;
        l.id = "L-" + key.first + "-" + key.second;
        l.account_id = key.first;
        l.product_category = key.second;
        l.dealer_id = acc->dealer_id;
        l.created_at = s.first;
        l.score = std::round(s.score * 10) / 10;
        store.leads.put(std::move(l));
    }
}

}  // namespace fc
