// The lead detail's BANT checklist and reassignment: each edit is a core command in the outbox,
// a refused one shows core's message next to the field, and the lead's actions follow.
#include <doctest/doctest.h>
#include <string>
#include "dispatch.h"
#include "navigation.h"
#include "qualification.h"
#include "ui_harness.h"
#include "ui_test_data.h"

using namespace fc;

namespace {

// An open lead in `state` with budget not met, or -1.
std::int64_t lead_in(const ui::AppState& app, LeadState state) {
    const auto& rows = app.store.leads.rows;
    for (size_t i = 0; i < rows.size(); ++i)
        if (rows[i].state == state && !rows[i].budget.met) return std::int64_t(i);
    return -1;
}

bool shows_text_starting(const std::string& prefix, const std::string& window) {
    for (const ui::DrawnItem& it : ui::published_items())
        if (it.window == window && it.is_text && it.label.rfind(prefix, 0) == 0) return true;
    return false;
}

}  // namespace

TEST_CASE("ticking BANT items with evidence sends lead.qualify and unlocks Qualify") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app, ImVec2(1800, 1600));
    std::int64_t row = lead_in(app, LeadState::working);
    if (row < 0) {  // start one working through the UI's own command
        row = lead_in(app, LeadState::new_lead);
        REQUIRE(row >= 0);
        ui::open_lead(app, row);
        REQUIRE(ui.click("Start working", "Lead detail"));
        app.outbox.clear();
    }
    REQUIRE(row >= 0);
    ui::open_lead(app, row);
    ui.frame();
    const ScoringRules& rules = app.store.lead_book.rules;
    REQUIRE(rules.bant_required[0]);  // budget is needed to qualify
    CHECK(ui.item("Qualify", "Lead detail")->disabled);
    CHECK(shows_text_starting("To qualify, still needed: budget", "Lead detail"));

    // A tick without evidence: core refuses it, the message sits by the evidence field.
    REQUIRE(ui.click("Budget met", "Lead detail"));
    REQUIRE(ui.click("Save checklist", "Lead detail"));
    CHECK(app.outbox.empty());
    CHECK_FALSE(app.store.leads.rows[size_t(row)].budget.met);
    CHECK(shows_text_starting("payload.budget.evidence is required", "Lead detail"));

    REQUIRE(ui.click_and_type("Budget evidence", "Fleet budget 2027 approved", "Lead detail"));
    REQUIRE(ui.click("Save checklist", "Lead detail"));
    REQUIRE(app.outbox.size() == 1);
    CHECK(app.outbox[0].kind == "lead.qualify");
    CHECK(app.outbox[0].payload["budget"]["met"] == true);
    CHECK(app.outbox[0].payload["budget"]["evidence"] == "Fleet budget 2027 approved");
    CHECK_FALSE(app.outbox[0].payload.contains("need"));  // only what changed
    const Lead& lead = app.store.leads.rows[size_t(row)];
    CHECK(lead.budget.met);
    CHECK(lead.budget.evidence == "Fleet budget 2027 approved");
    CHECK_FALSE(shows_text_starting("payload.budget.evidence", "Lead detail"));

    // The rest of what the rules require, then Qualify is legal and works.
    const char* names[] = {"Budget", "Authority", "Need", "Timeline"};
    const BantItem* items[] = {&lead.budget, &lead.authority, &lead.need, &lead.timeline};
    for (size_t i = 1; i < 4; ++i) {
        if (!rules.bant_required[i] || items[i]->met) continue;
        REQUIRE(ui.click(std::string(names[i]) + " met", "Lead detail"));
        REQUIRE(ui.click_and_type(std::string(names[i]) + " evidence", "Said so in the call",
                                  "Lead detail"));
    }
    REQUIRE(ui.click("Save checklist", "Lead detail"));
    CHECK(missing_bant(rules, app.store.leads.rows[size_t(row)]).empty());
    ui.frame();
    CHECK_FALSE(ui.item("Qualify", "Lead detail")->disabled);
    REQUIRE(ui.click("Qualify", "Lead detail"));
    CHECK(app.store.leads.rows[size_t(row)].state == LeadState::qualified);
}

TEST_CASE("a manager reassigns a lead with a reason; without one core's message shows by the field") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app, ImVec2(1800, 1600));
    std::int64_t row = -1;
    for (size_t i = 0; i < app.store.leads.size() && row < 0; ++i) {
        const Lead& l = app.store.leads.rows[i];
        if (l.state != LeadState::converted && l.state != LeadState::disqualified && !l.owner.empty())
            row = std::int64_t(i);
    }
    REQUIRE(row >= 0);
    Lead lead = app.store.leads.rows[size_t(row)];
    // Signed in as the lead's dealer's manager; the new owner is another rep of that dealer.
    const User* manager = nullptr;
    const User* other = nullptr;
    for (const User& u : app.store.users.rows) {
        if (u.dealer_id != lead.dealer_id) continue;
        if (u.role == "manager") manager = &u;
        else if (u.id != lead.owner && !other) other = &u;
    }
    REQUIRE(manager);
    REQUIRE(other);
    app.user_id = manager->id;
    ui::open_lead(app, row);
    ui.frame();

    REQUIRE(ui.click("New owner", "Lead detail"));
    std::string choice = other->name + " (" + other->role + ")";
    REQUIRE(ui.click(choice));
    CHECK(app.lead_detail.reassign_to == other->id);
    REQUIRE(ui.click("Reassign", "Lead detail"));
    CHECK(app.outbox.empty());
    CHECK(app.store.leads.rows[size_t(row)].owner == lead.owner);
    CHECK(shows_text_starting("payload.reason is required", "Lead detail"));

    REQUIRE(ui.click_and_type("Reason for reassigning", "Speaks Polish with the customer",
                              "Lead detail"));
    REQUIRE(ui.click("Reassign", "Lead detail"));
    REQUIRE(app.outbox.size() == 1);
    CHECK(app.outbox[0].kind == "lead.reassign");
    CHECK(app.outbox[0].payload["to"] == other->id);
    CHECK(app.outbox[0].payload["reason"] == "Speaks Polish with the customer");
    CHECK(app.store.leads.rows[size_t(row)].owner == other->id);
    CHECK(app.index.lead_owner[size_t(row)] == app.store.users.row_of(other->id));
}

TEST_CASE("a rep cannot reassign: the lead detail says who can") {
    ui::AppState app = test::loaded_demo_app();  // a rep
    test::UiHarness ui(app, ImVec2(1800, 1600));
    for (size_t i = 0; i < app.store.leads.size(); ++i)
        if (app.store.leads.rows[i].state == LeadState::new_lead) {
            ui::open_lead(app, std::int64_t(i));
            break;
        }
    ui.frame();
    CHECK(ui.shows("Your dealer's manager can hand this lead to someone else.", "Lead detail"));
    CHECK_FALSE(ui.shows("Reassign", "Lead detail"));
}
