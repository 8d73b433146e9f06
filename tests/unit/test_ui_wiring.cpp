// The screens wired to core's engines: bands from the scoring rules, the lead detail's score
// explanation and state actions, the Now queue, Reports and Pipeline.
#include <doctest/doctest.h>
#include <cmath>
#include <string>
#include "dispatch.h"
#include "enum_names.h"
#include "lead_engine.h"
#include "navigation.h"
#include "now_queue.h"
#include "qualification.h"
#include "ui_harness.h"
#include "ui_test_data.h"

using namespace fc;

namespace {

// The first lead in `state` (store order), or -1.
std::int64_t first_lead_in(const ui::AppState& app, LeadState state) {
    const auto& rows = app.store.leads.rows;
    for (size_t i = 0; i < rows.size(); ++i)
        if (rows[i].state == state) return std::int64_t(i);
    return -1;
}

// Rows of the score explanation table as drawn in the last frame.
std::vector<const ui::DrawnItem*> explanation_rows() {
    std::vector<const ui::DrawnItem*> out;
    for (const ui::DrawnItem& it : ui::published_items())
        if (it.window == "Lead detail" && std::string(it.role) == "row" && it.cells.size() == 7)
            out.push_back(&it);
    return out;
}

}  // namespace

TEST_CASE("bands follow the scoring rules: raising the hot threshold empties the Hot filter") {
    ui::AppState app = test::loaded_demo_app();
    const ScoringRules& rules = app.store.lead_book.rules;
    CHECK(ui::band_of(rules, rules.hot) == ui::Band::hot);
    CHECK(ui::band_of(rules, rules.warm) == ui::Band::warm);
    CHECK(ui::band_of(rules, rules.warm - 0.1) == ui::Band::cold);

    ScoringRules changed = rules;
    changed.hot = 100000;
    REQUIRE_FALSE(ui::dispatch(app, ui::make_command("scoring_rules.put", to_json(changed))));
    CHECK(app.store.lead_book.rules.hot == 100000);
    app.inbox.filter.band = ui::Band::hot;
    ui::refresh_inbox(app.store, app.index, app.inbox);
    CHECK(app.inbox.order.empty());
}

TEST_CASE("the lead detail explains the score: contribution points sum to the displayed score") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app, ImVec2(1800, 1600));
    // An open lead with a scored window.
    std::int64_t row = -1;
    for (size_t i = 0; i < app.store.leads.size() && row < 0; ++i) {
        const Lead& l = app.store.leads.rows[i];
        if (l.state != LeadState::converted && l.state != LeadState::disqualified && l.score > 1 &&
            !explain_lead(app.store, std::uint32_t(i)).empty())
            row = std::int64_t(i);
    }
    REQUIRE(row >= 0);
    ui::open_lead(app, row);
    ui.frame();
    const Lead& lead = app.store.leads.rows[size_t(row)];
    char shown[32];
    std::snprintf(shown, sizeof shown, "%.1f", lead.score);
    CHECK(ui.shows(shown, "Lead detail"));
    auto rows = explanation_rows();
    REQUIRE_FALSE(rows.empty());
    double sum = 0;
    for (const ui::DrawnItem* r : rows) sum += std::stod(r->cells.back());
    // Points are shown to 0.01 and the score to 0.1.
    CHECK(std::fabs(sum - lead.score) <= 0.05 + 0.005 * double(rows.size()));
}

TEST_CASE("a legal transition button moves the lead and queues lead.transition; illegal ones are disabled") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app, ImVec2(1800, 1600));
    std::int64_t row = first_lead_in(app, LeadState::new_lead);
    LeadState to = LeadState::working;
    const char* button = "Start working";
    if (row < 0) {
        row = first_lead_in(app, LeadState::working);
        to = LeadState::nurture;
        button = "Nurture";
    }
    REQUIRE(row >= 0);
    LeadState from = app.store.leads.rows[size_t(row)].state;
    Id lead_id = app.store.leads.rows[size_t(row)].id;
    ui::open_lead(app, row);
    ui::take_events(app);
    ui.frame();

    // Converting is never legal from new or working: shown, disabled, and a click does nothing.
    const ui::DrawnItem* convert = ui.item("Convert to deal", "Lead detail");
    REQUIRE(convert);
    CHECK(convert->disabled);
    REQUIRE(ui.click("Convert to deal", "Lead detail"));
    CHECK(app.store.leads.rows[size_t(row)].state == from);
    CHECK(app.outbox.empty());
    CHECK_FALSE(ui.item(button, "Lead detail")->disabled);

    REQUIRE(ui.click(button, "Lead detail"));
    CHECK(app.store.leads.rows[size_t(row)].state == to);
    REQUIRE(app.outbox.size() == 1);
    const Command& c = app.outbox[0];
    CHECK(c.kind == "lead.transition");
    CHECK(c.payload["lead_id"] == lead_id);
    CHECK(c.payload["to"] == std::string(name_of(to)));
    CHECK(app.index.lead_state[size_t(row)] == std::uint8_t(to));
    bool event = false;
    for (const std::string& e : ui::take_events(app)) {
        json j = json::parse(e);
        if (j["type"] == "lead_state_changed" && j["lead_id"] == lead_id &&
            j["from"] == std::string(name_of(from)) && j["to"] == std::string(name_of(to)))
            event = true;
    }
    CHECK(event);
}

TEST_CASE("disqualifying without a reason is refused and the message shows by the reason field") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app, ImVec2(1800, 1600));
    std::int64_t row = first_lead_in(app, LeadState::working);
    if (row < 0) row = first_lead_in(app, LeadState::new_lead);
    REQUIRE(row >= 0);
    LeadState from = app.store.leads.rows[size_t(row)].state;
    ui::open_lead(app, row);
    REQUIRE(ui.click("Disqualify", "Lead detail"));
    CHECK(app.store.leads.rows[size_t(row)].state == from);
    CHECK(app.outbox.empty());
    CHECK(ui.shows("reason is required to disqualify a lead", "Lead detail"));

    REQUIRE(ui.click_and_type("Reason (to disqualify)", "Bought elsewhere", "Lead detail"));
    REQUIRE(ui.click("Disqualify", "Lead detail"));
    CHECK(app.store.leads.rows[size_t(row)].state == LeadState::disqualified);
    REQUIRE(app.outbox.size() == 1);
    CHECK(app.outbox[0].payload["reason"] == "Bought elsewhere");
    CHECK(app.store.leads.rows[size_t(row)].disqualify_reason == "Bought elsewhere");
}

TEST_CASE("the Now screen lists the current user's queue with each item's reason") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app, ImVec2(1800, 1600));
    ui.frame();
    REQUIRE(ui.click("Now", "Navigation"));
    const ScoringRules& rules = app.store.lead_book.rules;
    BandOf band = [&rules](const Lead& l) {
        LeadBand b = band_of(rules, l.score);
        return b == LeadBand::hot ? Band::hot : b == LeadBand::warm ? Band::warm : Band::cold;
    };
    std::vector<NowItem> queue = build_now_queue(app.store, app.core_index, app.workflow.calendars,
                                                 app.workflow.sla, band, app.user_id, app.now);
    REQUIRE_FALSE(queue.empty());
    for (const NowItem& it : queue) {
        CHECK_FALSE(it.why.empty());
        CHECK_MESSAGE(ui.shows(it.why, "Now"), it.why);
    }
}

TEST_CASE("Reports shows a row per campaign and response times per dealer") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app, ImVec2(1800, 1600));
    ui.frame();
    REQUIRE(ui.click("Reports", "Navigation"));
    REQUIRE(app.store.campaigns.size() > 0);
    CHECK(ui.shows(app.store.campaigns.rows[0].name, "Reports"));
    REQUIRE(app.store.dealers.size() > 0);
    CHECK(ui.shows(app.store.dealers.rows[0].name, "Reports"));
}

TEST_CASE("Pipeline groups the deals by stage with their account") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app, ImVec2(1800, 1600));
    ui.frame();
    REQUIRE(ui.click("Pipeline", "Navigation"));
    REQUIRE(app.store.deals.size() > 0);
    const Deal& d = app.store.deals.rows[0];
    CHECK(ui.shows(app.store.accounts.find(d.account_id)->name, "Pipeline"));
}

TEST_CASE("converting a qualified lead creates its deal, which the Pipeline then shows") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app, ImVec2(1800, 1600));
    std::int64_t row = first_lead_in(app, LeadState::qualified);
    REQUIRE(row >= 0);
    const Lead& lead = app.store.leads.rows[size_t(row)];
    Id lead_id = lead.id;
    // Its BANT evidence is on show, in the checklist's evidence fields.
    ui::open_lead(app, row);
    ui.frame();
    const BantItem* items[] = {&lead.budget, &lead.authority, &lead.need, &lead.timeline};
    const char* names[] = {"Budget", "Authority", "Need", "Timeline"};
    for (size_t i = 0; i < 4; ++i)
        if (items[i]->met && !items[i]->evidence.empty()) {
            CHECK(ui.shows(std::string(names[i]) + " evidence", "Lead detail"));
            CHECK(items[i]->evidence == app.lead_detail.bant_evidence[i].data());
        }
    size_t deals = app.store.deals.size();
    ui::open_lead(app, row);
    REQUIRE(ui.click("Convert to deal", "Lead detail"));
    CHECK(app.store.leads.rows[size_t(row)].state == LeadState::converted);
    REQUIRE(app.store.deals.size() == deals + 1);
    const Deal& d = app.store.deals.rows.back();
    CHECK(d.lead_id == lead_id);
    REQUIRE(app.outbox.size() == 1);
    CHECK(app.outbox[0].payload["deal"]["id"] == d.id);
    REQUIRE(ui.click("Pipeline", "Navigation"));
    CHECK(ui.shows(app.store.accounts.find(d.account_id)->name, "Pipeline"));
}
