#include "inbox_filter.h"
#include <algorithm>
#include <cstring>
#include "lead_scoring.h"
#include "radix_sort.h"
#include "text_fold.h"

namespace fc::ui {
namespace {

// A float as an unsigned key with the same order (32 bits: half the radix passes of a double;
// scores are kept to 0.1, far above float precision).
std::uint64_t ordered_bits(float f) {
    std::uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    return (b >> 31) ? ~b : b | 0x80000000u;
}

std::uint64_t sort_key(const Store& s, const AppIndex& ix, std::uint32_t l, int column) {
    const Lead& lead = s.leads.rows[l];
    auto rank = [](const std::vector<std::uint32_t>& ranks, std::uint32_t row) -> std::uint64_t {
        return row < ranks.size() ? ranks[row] : UINT32_MAX;  // dangling references sort last
    };
    switch (column) {
        case kColAccount: return rank(ix.account_rank, ix.lead_account[l]);
        case kColCategory: return rank(ix.category_rank, ix.lead_category[l]);
        case kColScore: return ordered_bits(ix.lead_score[l]);
        case kColState: return ix.lead_state[l];
        case kColOwner: return rank(ix.user_rank, ix.lead_owner[l]);  // unassigned last
        case kColAge:  // older = larger age
            return ~(std::uint64_t(lead.created_at) ^ (std::uint64_t(1) << 63));
    }
    return 0;
}

bool has_campaign(const AppIndex& ix, std::uint32_t l, std::uint32_t campaign) {
    if (l + 1 >= ix.lead_campaign_begin.size()) return false;
    for (std::uint32_t i = ix.lead_campaign_begin[l]; i < ix.lead_campaign_begin[l + 1]; ++i)
        if (ix.lead_campaigns[i] == campaign) return true;
    return false;
}

void update_account_hits(const AppIndex& ix, InboxState& in, const std::string& q) {
    size_t n = ix.search_begin.empty() ? 0 : ix.search_begin.size() - 1;
    bool narrowing = in.hits_valid && in.account_hit.size() == n && !in.hit_query.empty() &&
                     q.find(in.hit_query) != std::string::npos;
    size_t previous = 0;
    if (narrowing)
        for (std::uint8_t h : in.account_hit) previous += h;
    if (narrowing && previous < n / 8) {
        // Few matched the shorter text: recheck just those.
        for (std::uint32_t a = 0; a < n; ++a)
            if (in.account_hit[a]) in.account_hit[a] = account_matches(ix, a, q);
    } else {
        if (!narrowing) in.account_hit.assign(n, 1);
        match_accounts(ix, q, in.account_hit);
    }
    in.hit_query = q;
    in.hits_valid = true;
}

}  // namespace

Band band_of(const ScoringRules& rules, double score) {
    switch (fc::band_of(rules, score)) {
        case LeadBand::hot: return Band::hot;
        case LeadBand::warm: return Band::warm;
        default: return Band::cold;
    }
}

const char* band_name(Band b) {
    switch (b) {
        case Band::hot: return "Hot";
        case Band::warm: return "Warm";
        case Band::cold: return "Cold";
        default: return "Any band";
    }
}

void sort_inbox(const Store& s, const AppIndex& ix, InboxState& in) {
    std::vector<Keyed> keyed(s.leads.size());
    for (std::uint32_t l = 0; l < keyed.size(); ++l) {
        std::uint64_t k = sort_key(s, ix, l, in.sort_column);
        keyed[l] = {in.ascending ? k : ~k, l};
    }
    // Ties keep store order in both directions (the sort is stable), so the order is
    // deterministic.
    radix_sort(keyed);
    in.sorted.resize(keyed.size());
    for (size_t i = 0; i < keyed.size(); ++i) in.sorted[i] = keyed[i].row;
    in.dirty = false;
    in.filter_dirty = true;
}

void filter_inbox(const Store& s, const AppIndex& ix, InboxState& in) {
    const InboxFilter& f = in.filter;
    std::string q = fold_for_search(f.search);
    // Leading and trailing spaces are typing noise, not part of a name.
    while (!q.empty() && q.back() == ' ') q.pop_back();
    while (!q.empty() && q.front() == ' ') q.erase(q.begin());
    bool searching = !q.empty();
    if (searching) update_account_hits(ix, in, q);
    else in.hits_valid = false;

    in.order.clear();
    in.order.reserve(in.sorted.size());
    for (std::uint32_t l : in.sorted) {
        double score = ix.lead_score[l];
        if (f.band != Band::any && ui::band_of(s.lead_book.rules, score) != f.band) continue;
        if (score < f.min_score || score > f.max_score) continue;
        if (f.state >= 0 && ix.lead_state[l] != f.state) continue;
        if (f.owner != kAnyRow &&
            (f.owner == kUnassignedRow ? ix.lead_owner[l] != kNoRow : ix.lead_owner[l] != f.owner))
            continue;
        if (f.dealer != kAnyRow && ix.lead_dealer[l] != f.dealer) continue;
        if (f.category != kAnyRow && ix.lead_category[l] != f.category) continue;
        if (f.campaign != kAnyRow && !has_campaign(ix, l, f.campaign)) continue;
        if (searching && (ix.lead_account[l] == kNoRow || !in.account_hit[ix.lead_account[l]]))
            continue;
        in.order.push_back(l);
    }
    in.filter_dirty = false;
}

void refresh_inbox(const Store& s, const AppIndex& ix, InboxState& in) {
    if (in.dirty) sort_inbox(s, ix, in);
    if (in.filter_dirty) filter_inbox(s, ix, in);
}

}  // namespace fc::ui
