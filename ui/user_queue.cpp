#include "user_queue.h"
#include "lead_scoring.h"

namespace fc::ui {
namespace {

fc::Band sla_band(const ScoringRules& rules, double score) {
    switch (fc::band_of(rules, score)) {
        case LeadBand::hot: return fc::Band::hot;
        case LeadBand::warm: return fc::Band::warm;
        default: return fc::Band::cold;
    }
}

}  // namespace

std::vector<fc::NowItem> user_now_queue(const AppState& app) {
    const ScoringRules& rules = app.store.lead_book.rules;
    BandOf band = [&rules](const Lead& l) { return sla_band(rules, l.score); };
    return build_now_queue(app.store, app.core_index, app.workflow.calendars, app.workflow.sla, band,
                           app.user_id, app.now);
}

}  // namespace fc::ui
