#include "rules_preview.h"
#include <algorithm>
#include "lead_engine.h"

namespace fc::ui {
namespace {

bool is_open(const Lead& l) {
    return l.state != LeadState::converted && l.state != LeadState::disqualified;
}

size_t band_slot(const ScoringRules& r, double score) {
    switch (band_of(r, score)) {
        case LeadBand::hot: return 0;
        case LeadBand::warm: return 1;
        default: return 2;
    }
}

// Open lead rows, highest score first, ties by id (as every replica would list them).
std::vector<std::uint32_t> ranked(const Store& s, const std::vector<double>& score) {
    std::vector<std::uint32_t> rows;
    for (std::uint32_t r = 0; r < s.leads.size(); ++r)
        if (is_open(s.leads.rows[r])) rows.push_back(r);
    std::sort(rows.begin(), rows.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (score[a] != score[b]) return score[a] > score[b];
        return s.leads.rows[a].id < s.leads.rows[b].id;
    });
    return rows;
}

}  // namespace

InboxPreview preview_inbox_order(Store& s, const ScoringRules& candidate, size_t top_n) {
    InboxPreview out;
    std::vector<double> before(s.leads.size());
    for (size_t r = 0; r < s.leads.size(); ++r) before[r] = s.leads.rows[r].score;
    RulesPreview p = preview_rules(s, candidate);
    out.new_leads = p.new_leads;
    std::vector<std::uint32_t> old_order = ranked(s, before), new_order = ranked(s, p.scores);
    std::vector<int> old_rank(s.leads.size(), 0);
    for (size_t i = 0; i < old_order.size(); ++i) old_rank[old_order[i]] = int(i) + 1;
    const ScoringRules& current = s.lead_book.rules;
    for (size_t i = 0; i < new_order.size(); ++i) {
        std::uint32_t r = new_order[i];
        ++out.bands_before[band_slot(current, before[r])];
        ++out.bands_after[band_slot(candidate, p.scores[r])];
        if (old_rank[r] != int(i) + 1) ++out.moved;
        if (i < top_n) out.top.push_back({r, old_rank[r], int(i) + 1, before[r], p.scores[r]});
    }
    return out;
}

}  // namespace fc::ui
