#include "indexes.h"
#include <algorithm>

namespace fc {
namespace {

template <class T>
void sort_by_time(Rows& rows, const std::vector<T>& table) {
    std::sort(rows.begin(), rows.end(), [&](std::uint32_t a, std::uint32_t b) {
        Time ta = table[a].at, tb = table[b].at;
        return ta != tb ? ta < tb : a < b;
    });
}

// Appended rows usually arrive in time order, so this is an append in the common case.
template <class T>
void insert_by_time(Rows& rows, const std::vector<T>& table, std::uint32_t row) {
    auto it = std::upper_bound(rows.begin(), rows.end(), row, [&](std::uint32_t r, std::uint32_t x) {
        Time tr = table[r].at, tx = table[x].at;
        return tr != tx ? tr < tx : r < x;
    });
    rows.insert(it, row);
}

template <class T>
std::uint32_t row_of(const Table<T>& t, const Id& id) {
    return t.row_of(id);
}

bool moves_owner(LeadEventKind k) {
    return k == LeadEventKind::assigned || k == LeadEventKind::reassigned ||
           k == LeadEventKind::sla_redirect;
}

void erase_row(Rows& rows, std::uint32_t row) {
    auto it = std::find(rows.begin(), rows.end(), row);
    if (it != rows.end()) rows.erase(it);
}

// Folds rows [from, size) of each table into idx. `sorted` false: append unsorted and let the
// caller sort once (the bulk build).
void fold(Indexes& idx, const Store& s, bool bulk) {
    idx.activities_of_account.resize(s.accounts.size());
    idx.tasks_of_account.resize(s.accounts.size());
    idx.leads_of_account.resize(s.accounts.size());
    idx.contacts_of_account.resize(s.accounts.size());
    for (size_t r = idx.contacts; r < s.contacts.size(); ++r) {
        std::uint32_t acc = row_of(s.accounts, s.contacts.rows[r].account_id);
        if (acc != kNoRow) idx.contacts_of_account[acc].push_back(std::uint32_t(r));
    }
    idx.tasks_of_lead.resize(s.leads.size());
    idx.events_of_lead.resize(s.leads.size());
    idx.accounts = s.accounts.size();
    idx.contacts = s.contacts.size();

    const auto& acts = s.activities.rows;
    idx.activity_category.resize(acts.size());
    idx.activity_campaign.resize(acts.size());
    idx.activity_at.resize(acts.size());
    idx.activity_account.resize(acts.size());
    idx.activity_type.resize(acts.size());
    for (size_t r = idx.activities; r < acts.size(); ++r) {
        const Activity& a = acts[r];
        auto row = std::uint32_t(r);
        idx.activity_category[r] = category_code(s, a.product_category);
        idx.activity_at[r] = a.at;
        idx.activity_type[r] = a.type;
        idx.activity_campaign[r] = a.campaign_id.empty() ? kNoRow : row_of(s.campaigns, a.campaign_id);
        std::uint32_t acc = row_of(s.accounts, a.account_id);
        idx.activity_account[r] = acc;
        if (acc == kNoRow) continue;
        if (bulk) idx.activities_of_account[acc].push_back(row);
        else insert_by_time(idx.activities_of_account[acc], acts, row);
    }
    idx.activities = acts.size();

    const size_t old_leads = idx.leads;
    idx.lead_account.resize(s.leads.size());
    idx.lead_category.resize(s.leads.size());
    for (size_t r = idx.leads; r < s.leads.size(); ++r) {
        const Lead& l = s.leads.rows[r];
        std::uint32_t acc = row_of(s.accounts, l.account_id);
        idx.lead_account[r] = acc;
        idx.lead_category[r] = category_code(s, l.product_category);
        if (acc != kNoRow) idx.leads_of_account[acc].push_back(std::uint32_t(r));
        if (!l.owner.empty()) idx.leads_of_owner[l.owner].push_back(std::uint32_t(r));
    }
    idx.leads = s.leads.size();

    for (size_t r = idx.tasks; r < s.tasks.size(); ++r) {
        const Task& t = s.tasks.rows[r];
        auto row = std::uint32_t(r);
        std::uint32_t acc = t.account_id.empty() ? kNoRow : row_of(s.accounts, t.account_id);
        std::uint32_t lead = t.lead_id.empty() ? kNoRow : row_of(s.leads, t.lead_id);
        if (acc != kNoRow) idx.tasks_of_account[acc].push_back(row);
        if (lead != kNoRow) idx.tasks_of_lead[lead].push_back(row);
        if (!t.assignee.empty()) idx.tasks_of_assignee[t.assignee].push_back(row);
    }
    idx.tasks = s.tasks.size();

    const auto& events = s.lead_events.rows;
    for (size_t r = idx.events; r < events.size(); ++r) {
        const LeadEvent& e = events[r];
        std::uint32_t lead = row_of(s.leads, e.lead_id);
        if (lead == kNoRow) continue;
        if (e.kind == LeadEventKind::sla_notice && !e.to_owner.empty())
            idx.notices_to_user[e.to_owner].push_back(std::uint32_t(r));
        if (bulk) idx.events_of_lead[lead].push_back(std::uint32_t(r));
        else insert_by_time(idx.events_of_lead[lead], events, std::uint32_t(r));
        // Leads folded in just now were filed under their current owner already.
        if (!bulk && lead < old_leads && moves_owner(e.kind)) {
            if (!e.from_owner.empty()) erase_row(idx.leads_of_owner[e.from_owner], lead);
            if (!e.to_owner.empty()) idx.leads_of_owner[e.to_owner].push_back(lead);
        }
    }
    idx.events = events.size();
}

}  // namespace

std::uint16_t category_code(const Store& s, const Id& category) {
    if (category.empty()) return 0;
    std::uint32_t r = row_of(s.categories, category);
    return r == kNoRow ? 0 : std::uint16_t(r + 1);
}

size_t lower_bound_at(const Rows& rows, const std::vector<Activity>& table, Time t) {
    return size_t(std::lower_bound(rows.begin(), rows.end(), t,
                                   [&](std::uint32_t r, Time x) { return table[r].at < x; }) -
                  rows.begin());
}

size_t lower_bound_at(const Rows& rows, const std::vector<Time>& activity_at, Time t) {
    return size_t(std::lower_bound(rows.begin(), rows.end(), t,
                                   [&](std::uint32_t r, Time x) { return activity_at[r] < x; }) -
                  rows.begin());
}

Indexes build_indexes(const Store& s) {
    Indexes idx;
    fold(idx, s, true);
    for (Rows& r : idx.activities_of_account) sort_by_time(r, s.activities.rows);
    for (Rows& r : idx.events_of_lead) sort_by_time(r, s.lead_events.rows);
    return idx;
}

void refresh_indexes(Indexes& idx, const Store& s) { fold(idx, s, false); }

}  // namespace fc
