// Derived lookups over the store, so timelines, the Now queue, SLA clocks and reports never scan
// all 1M activities per request. A cache, never a source of truth: build_indexes() derives it
// from the store, refresh_indexes() folds in rows appended since (every table only appends;
// owner changes are followed through the lead event log, which every owner change writes).
// One gap: a task moved to another account or assignee by `task.put` keeps its old slot until
// the next build_indexes(); readers re-check the row, so a stale slot is skipped, never shown.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <vector>
#include "store.h"

namespace fc {

using Rows = std::vector<std::uint32_t>;

struct Indexes {
    // By account / lead row. Activity and event lists are sorted by (at, row). A contact's
    // stream is its account's, filtered: a per-contact index would cost 1M more lookups at
    // load for a view that only ever pages through one account.
    std::vector<Rows> activities_of_account;
    std::vector<Rows> tasks_of_account;
    std::vector<Rows> tasks_of_lead;
    std::vector<Rows> leads_of_account;
    std::vector<Rows> contacts_of_account;
    std::vector<Rows> events_of_lead;
    std::unordered_map<Id, Rows> leads_of_owner;
    std::unordered_map<Id, Rows> tasks_of_assignee;
    std::unordered_map<Id, Rows> notices_to_user;  // sla_notice event rows by notified user
    // Interned per activity row, for tight loops in reports and filters.
    std::vector<std::uint16_t> activity_category;  // category row + 1; 0 = none
    std::vector<std::uint32_t> activity_campaign;  // campaign row; kNoRow = none
    std::vector<Time> activity_at;
    std::vector<std::uint32_t> activity_account;   // account row; kNoRow = unknown account
    std::vector<ActivityType> activity_type;
    // Per lead row: its account row and category code, so per-lead loops hash nothing.
    // (A lead moved to another account or category by lead.put keeps its old values until
    // build_indexes(); the lead engine never does that.)
    std::vector<std::uint32_t> lead_account;
    std::vector<std::uint16_t> lead_category;
    // Rows of each table already folded in.
    size_t accounts = 0, contacts = 0, activities = 0, tasks = 0, leads = 0, events = 0;
};

Indexes build_indexes(const Store& s);
void refresh_indexes(Indexes& idx, const Store& s);

// Category row + 1 of a category id (0 when empty or unknown), as in activity_category.
std::uint16_t category_code(const Store& s, const Id& category);

// Position in a (at, row)-sorted activity list of the first entry at or after `t`.
size_t lower_bound_at(const Rows& rows, const std::vector<Activity>& table, Time t);
size_t lower_bound_at(const Rows& rows, const std::vector<Time>& activity_at, Time t);

}  // namespace fc
