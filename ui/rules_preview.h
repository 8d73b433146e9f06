// What a candidate scoring rule set would do to the inbox, computed by core's lead engine
// (preview_rules) without changing the store: the open leads' order before and after, with each
// lead's rank movement and score change, and the band counts. No ImGui: tested on its own.
#pragma once
#include <array>
#include <cstdint>
#include <vector>
#include "store.h"

namespace fc::ui {

struct PreviewRow {
    std::uint32_t lead = 0;    // lead row
    int rank_before = 0;       // 1-based, among open leads by score (ties by id)
    int rank_after = 0;
    double score_before = 0;
    double score_after = 0;
};

struct InboxPreview {
    std::vector<PreviewRow> top;        // the first `top_n` leads in the new order
    std::array<size_t, 3> bands_before{};  // open leads per band: hot, warm, cold
    std::array<size_t, 3> bands_after{};
    size_t moved = 0;          // open leads whose rank changes
    size_t new_leads = 0;      // leads the candidate rules would open
};

// Ranks are over open leads (new, working, qualified, nurture), highest score first: the
// inbox's default order without filters. The store is only read (the book may be built).
InboxPreview preview_inbox_order(Store& s, const ScoringRules& candidate, size_t top_n);

}  // namespace fc::ui
