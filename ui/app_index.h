// Lookups the screens need, derived from the store once per data load and kept up to date by
// dispatch(): per account its contacts, activities (newest first), leads and tasks; per lead the
// row numbers and ranks its sort keys and filters use; folded search keys. Row numbers are
// positions in the store's tables (stable: tables only append or replace in place).
// Derived, never a source of truth: rebuild_index() from the store gives the same result.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "commands.h"
#include "store.h"

namespace fc::ui {

constexpr std::uint32_t kNoRow = UINT32_MAX;

struct AppIndex {
    // Per account row.
    std::vector<std::vector<std::uint32_t>> contacts_of;
    std::vector<std::vector<std::uint32_t>> activities_of;  // newest first
    std::vector<std::vector<std::uint32_t>> leads_of;
    std::vector<std::vector<std::uint32_t>> tasks_of;
    // Search keys: per account its folded name, then its contacts' folded names, separated by
    // '\n'; all accounts in one buffer, each ended by '\0', so a search is one linear scan.
    std::string search_blob;
    std::vector<std::uint32_t> search_begin;   // account row -> offset in search_blob (+1 end)
    std::vector<std::uint32_t> account_rank;   // position of the account in name order
    std::vector<std::uint32_t> accounts_by_name;  // account rows in name order

    // Per lead row: rows of what it refers to (kNoRow when missing or unassigned).
    std::vector<std::uint32_t> lead_account, lead_category, lead_owner, lead_dealer;
    // Per lead row: copies of what filters test, packed so a pass over 100k leads stays in
    // cache instead of visiting every Lead record.
    std::vector<float> lead_score;
    std::vector<std::uint8_t> lead_state;
    // Campaigns that touched the lead (an activity of its account about its product with that
    // campaign), as lead_campaigns[lead_campaign_begin[l] .. lead_campaign_begin[l + 1]).
    std::vector<std::uint32_t> lead_campaign_begin;
    std::vector<std::uint32_t> lead_campaigns;

    // Name-order ranks of small tables, per row.
    std::vector<std::uint32_t> category_rank, user_rank;
};

// Collation for names: folded text first (so "Öztürk" sorts with "Oz..."), raw bytes break ties.
bool name_less(const std::string& a_folded, const std::string& a,
               const std::string& b_folded, const std::string& b);

void rebuild_index(const Store& s, AppIndex& ix);

// Brings the index up to date after `c` was applied to the store.
void index_command(const Store& s, AppIndex& ix, const Command& c);

// For a small pull (ui/sync_replica.cpp), which puts records instead of applying commands:
// follows a pulled record of `table` as index_command() follows the command that writes it.
void index_pulled_record(const Store& s, AppIndex& ix, const std::string& table, const Id& id);
// Indexes the leads appended since the index last grew (pulled, or opened by the lead engine).
// Returns whether there were any.
bool index_new_leads(const Store& s, AppIndex& ix);
// Copies the scores and states of an account's leads again: the lead engine re-scores them
// when the account's activities change.
void index_account_leads(const Store& s, AppIndex& ix, std::uint32_t account);
// The campaigns that touched each lead, from all activities (rebuild_index() does it too).
void rebuild_lead_campaigns(const Store& s, AppIndex& ix);

// Does the account's folded name or one of its contacts' contain `folded_query`?
bool account_matches(const AppIndex& ix, std::uint32_t account_row, const std::string& folded_query);
// Sets hits[a] = 0 for every account not matching `folded_query` (hits sized to accounts).
void match_accounts(const AppIndex& ix, const std::string& folded_query,
                    std::vector<std::uint8_t>& hits);

}  // namespace fc::ui
