#include "inbox_preview.h"
#include <algorithm>
#include <numeric>

namespace fc {

std::vector<std::uint32_t> top_scored_leads(const Store& s, size_t n) {
    const auto& leads = s.leads.rows;
    std::vector<std::uint32_t> rows(leads.size());
    std::iota(rows.begin(), rows.end(), 0u);
    n = std::min(n, rows.size());
    // The inbox compares scores as floats (ui/inbox_filter.cpp): two doubles equal as floats
    // are a tie there, broken by row, and must be here too.
    auto first = [&](std::uint32_t a, std::uint32_t b) {
        float sa = float(leads[a].score), sb = float(leads[b].score);
        return sa != sb ? sa > sb : a < b;
    };
    std::partial_sort(rows.begin(), rows.begin() + std::ptrdiff_t(n), rows.end(), first);
    rows.resize(n);
    std::sort(rows.begin(), rows.end());
    return rows;
}

Store inbox_preview(const Store& s, size_t n) {
    Store out;
    out.dealers = s.dealers;
    out.users = s.users;
    out.categories = s.categories;
    out.campaigns = s.campaigns;
    out.lead_book.rules = s.lead_book.rules;
    out.sla_policy = s.sla_policy;
    out.follow_up_rules = s.follow_up_rules;
    std::vector<std::uint32_t> leads = top_scored_leads(s, n);
    // Accounts in their own row order, like the leads.
    std::vector<std::uint32_t> accounts;
    for (std::uint32_t l : leads) {
        std::uint32_t a = s.accounts.row_of(s.leads.rows[l].account_id);
        if (a != kNoRow) accounts.push_back(a);
    }
    std::sort(accounts.begin(), accounts.end());
    accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
    for (std::uint32_t a : accounts) out.accounts.put(s.accounts.rows[a]);
    for (std::uint32_t l : leads) out.leads.put(s.leads.rows[l]);
    return out;
}

}  // namespace fc
