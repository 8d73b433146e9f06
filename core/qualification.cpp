#include "qualification.h"
#include <algorithm>
#include "enum_names.h"
#include "lead_engine.h"

namespace fc {
namespace {

using S = LeadState;

bool closed(S s) { return s == S::converted || s == S::disqualified; }

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string state_name(S s) { return std::string(name_of(s)); }

Error refuse(const char* field, const std::string& message) {
    return Error{"invalid_transition", field, message};
}

// Why `from -> to` is not a step of the lifecycle, in words a rep can act on.
std::string why_not(S from, S to) {
    if (to == S::new_lead) return "a lead cannot go back to new once someone has worked it";
    if (to == S::qualified)
        return "a " + state_name(from) + " lead is worked before it is qualified: move it to "
                                          "working first";
    if (to == S::converted) return "only a qualified lead can be converted: qualify it first";
    return state_name(from) + " -> " + state_name(to) + " is not a step of the lead lifecycle";
}

std::string joined(const std::vector<std::string_view>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i) out += i + 1 == names.size() ? " and " : ", ";
        out += names[i];
    }
    return out;
}

}  // namespace

bool transition_allowed(S from, S to) {
    switch (from) {
    case S::new_lead: return to == S::working || to == S::nurture || to == S::disqualified;
    case S::working: return to == S::qualified || to == S::nurture || to == S::disqualified;
    case S::qualified:
        return to == S::converted || to == S::working || to == S::nurture ||
               to == S::disqualified;
    case S::nurture: return to == S::working || to == S::disqualified;
    default: return false;
    }
}

std::vector<std::string_view> missing_bant(const ScoringRules& rules, const Lead& l) {
    const BantItem* items[] = {&l.budget, &l.authority, &l.need, &l.timeline};
    std::vector<std::string_view> missing;
    for (size_t i = 0; i < size_t(BantKey::count_); ++i)
        if (rules.bant_required[i] && !items[i]->met) missing.push_back(name_of(BantKey(i)));
    return missing;
}

MaybeError transition_lead(Store& store, const TransitionRequest& q) {
    ensure_lead_book(store, q.at);
    const Lead* found = store.leads.find(q.lead_id);
    if (!found)
        return Error{"not_found", "lead_id", "lead \"" + q.lead_id + "\" does not exist"};
    const Lead& cur = *found;
    if (closed(cur.state))
        return refuse("to", "lead \"" + cur.id + "\" is " + state_name(cur.state) +
                                ": a closed lead does not change; new signals open a new lead");
    if (cur.state == q.to) return refuse("to", "lead \"" + cur.id + "\" is already " +
                                                   state_name(q.to));
    if (!transition_allowed(cur.state, q.to)) return refuse("to", why_not(cur.state, q.to));
    if (q.to == S::qualified) {
        auto missing = missing_bant(store.lead_book.rules, cur);
        if (!missing.empty())
            return Error{"not_qualified", "to",
                         joined(missing) + (missing.size() > 1 ? " are" : " is") +
                             " not met yet: the qualification rules require " +
                             (missing.size() > 1 ? "them" : "it") + " before qualified"};
    }
    if (q.to == S::disqualified && blank(q.reason))
        return Error{"missing_field", "reason", "reason is required to disqualify a lead"};
    if (q.to == S::converted) {
        if (!q.deal) return Error{"missing_field", "deal", "deal is required to convert a lead"};
        if (q.deal->id.empty())
            return Error{"missing_field", "deal.id", "deal.id is required to convert a lead"};
        if (store.deals.contains(q.deal->id))
            return Error{"conflict", "deal.id", "deal \"" + q.deal->id + "\" already exists"};
        if (q.deal->amount < 0)
            return Error{"out_of_range", "deal.amount", "deal.amount must not be negative"};
    }

    // All checks passed: from here on nothing can fail.
    Lead l = cur;
    // A transition stamped before the lead existed (a skewed client clock) counts from creation.
    Time at = std::max(q.at, l.created_at);
    if (l.state == S::new_lead && l.first_response_at == 0) l.first_response_at = at;
    l.state = q.to;
    if (q.to == S::disqualified) {
        l.closed_at = at;
        l.disqualify_reason = q.reason;
    }
    if (q.to == S::converted) {
        l.closed_at = at;
        Deal d = *q.deal;
        d.lead_id = l.id;
        d.account_id = l.account_id;
        d.dealer_id = l.dealer_id;
        d.owner = l.owner;
        d.product_category = l.product_category;
        d.created_at = at;
        store.deals.put(std::move(d));
    }
    std::uint32_t row = store.leads.put(std::move(l));
    leads_on_lead(store, row);  // closing moves the window: later signals may open a new lead
    return std::nullopt;
}

MaybeError qualify_lead(Store& store, const BantUpdate& u) {
    Lead* found = store.leads.find(u.lead_id);
    if (!found)
        return Error{"not_found", "lead_id", "lead \"" + u.lead_id + "\" does not exist"};
    if (closed(found->state))
        return Error{"invalid_transition", "lead_id",
                     "lead \"" + u.lead_id + "\" is " + state_name(found->state) +
                         ": the checklist of a closed lead does not change"};
    Lead l = *found;
    const std::pair<const char*, std::pair<const std::optional<BantItem>*, BantItem*>> items[] = {
        {"budget", {&u.budget, &l.budget}},
        {"authority", {&u.authority, &l.authority}},
        {"need", {&u.need, &l.need}},
        {"timeline", {&u.timeline, &l.timeline}}};
    for (const auto& [name, item] : items) {
        if (!*item.first) continue;
        if ((*item.first)->met && blank((*item.first)->evidence))
            return Error{"missing_field", std::string(name) + ".evidence",
                         std::string(name) + ".evidence is required when the item is met"};
        *item.second = **item.first;
    }
    if (l.state == S::qualified) {
        auto missing = missing_bant(store.lead_book.rules, l);
        if (!missing.empty())
            return Error{"invalid_transition", std::string(missing.front()) + ".met",
                         joined(missing) + " must stay met while the lead is qualified: move "
                                           "it back to working first"};
    }
    *found = std::move(l);
    return std::nullopt;
}

}  // namespace fc
