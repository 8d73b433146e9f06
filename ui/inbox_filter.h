// The inbox's view of the leads: sorted by one column, then narrowed by filters and a search.
// Pure functions over the store and its index (no ImGui), so they are tested and measured on
// their own. Both steps are linear passes or one integer sort over precomputed keys: at 100k
// leads a header click or a keystroke stays within a frame (see tests/bench/bench_inbox.cpp).
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "app_index.h"
#include "store.h"

namespace fc::ui {

enum InboxColumn { kColAccount, kColCategory, kColScore, kColState, kColOwner, kColAge, kColCount };

enum class Band : int { any, hot, warm, cold };
// A score's band under the scoring rules' thresholds (store.lead_book.rules: hot, warm), so a
// rules change moves colours and band filters with it.
Band band_of(const ScoringRules& rules, double score);
const char* band_name(Band b);

constexpr std::uint32_t kAnyRow = UINT32_MAX;        // a filter that lets everything through
constexpr std::uint32_t kUnassignedRow = UINT32_MAX - 1;  // owner filter: leads nobody owns

struct InboxFilter {
    Band band = Band::any;
    double min_score = -1e9;   // inclusive score range
    double max_score = 1e9;
    int state = -1;            // a LeadState, -1: any
    std::uint32_t owner = kAnyRow;     // user row, kUnassignedRow, or kAnyRow
    std::uint32_t dealer = kAnyRow;    // dealer row
    std::uint32_t category = kAnyRow;  // product category row
    std::uint32_t campaign = kAnyRow;  // campaign row
    std::string search;        // as typed; matched folded against account and contact names
};

struct InboxState {
    InboxFilter filter;
    int sort_column = kColScore;
    bool ascending = false;
    std::vector<std::uint32_t> sorted;  // every lead row, in sort order
    std::vector<std::uint32_t> order;   // the rows shown: `sorted` narrowed by the filter
    bool dirty = true;         // sort (and then filter) again before the next draw
    bool filter_dirty = true;  // filter again before the next draw
    // Search cache: accounts matching `hit_query`, so typing one more letter rechecks only
    // the accounts that matched before.
    std::string hit_query;
    std::vector<std::uint8_t> account_hit;
    bool hits_valid = false;
};

void sort_inbox(const Store& s, const AppIndex& ix, InboxState& inbox);
void filter_inbox(const Store& s, const AppIndex& ix, InboxState& inbox);
// Sorts and/or filters when marked dirty.
void refresh_inbox(const Store& s, const AppIndex& ix, InboxState& inbox);

}  // namespace fc::ui
