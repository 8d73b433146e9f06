// The Rules screen: drafts validated by core with the error by the field, a live preview of the
// inbox order from core's lead engine that leaves the store alone, and Apply as commands.
#include <doctest/doctest.h>
#include <string>
#include "dispatch.h"
#include "inbox_filter.h"
#include "ui_harness.h"
#include "ui_test_data.h"

using namespace fc;

namespace {

// The demo app on the Rules screen, signed in as central marketing (who owns the rules).
ui::AppState rules_app() {
    ui::AppState app = test::loaded_demo_app();
    for (const User& u : app.store.users.rows)
        if (u.role == "central") app.user_id = u.id;
    app.screen = ui::Screen::rules;
    return app;
}

// The preview table's rows as drawn in the last frame: {rank, lead, score, moves}.
std::vector<std::vector<std::string>> preview_rows() {
    std::vector<std::vector<std::string>> out;
    for (const ui::DrawnItem& it : ui::published_items())
        if (it.window == "Rules" && std::string(it.role) == "row" && it.cells.size() == 4)
            out.push_back(it.cells);
    return out;
}

// Open leads in the inbox's order (score, highest first) after a refresh.
std::vector<std::uint32_t> open_inbox_rows(ui::AppState& app) {
    app.inbox.filter = ui::InboxFilter{};
    app.inbox.sort_column = ui::kColScore;
    app.inbox.ascending = false;
    app.inbox.dirty = true;
    ui::refresh_inbox(app.store, app.index, app.inbox);
    std::vector<std::uint32_t> out;
    for (std::uint32_t r : app.inbox.order) {
        LeadState st = app.store.leads.rows[r].state;
        if (st != LeadState::converted && st != LeadState::disqualified) out.push_back(r);
    }
    return out;
}

}  // namespace

TEST_CASE("editing a weight previews the new inbox order; Apply makes it the inbox's order") {
    ui::AppState app = rules_app();
    test::UiHarness ui(app);
    ui.frame();
    auto before = preview_rows();
    REQUIRE(before.size() >= 5);
    for (const auto& row : before) CHECK(row[3] == "=");  // nothing edited: nobody moves
    const json rules_before = to_json(app.store.lead_book.rules);
    std::vector<double> scores_before;
    for (const Lead& l : app.store.leads.rows) scores_before.push_back(l.score);

    // Web forms worth nothing: leads that came in through a form drop.
    REQUIRE(ui.click_and_type("Web form points", "0", "Rules"));
    CHECK(app.rules.scoring.points[size_t(ActivityType::web_form)] == 0);
    ui.frame();
    auto after = preview_rows();
    REQUIRE(after.size() == before.size());
    bool moved = false;
    for (const auto& row : after) moved = moved || row[3] != "=";
    CHECK(moved);
    CHECK(after != before);
    // The preview changed nothing: same rules, same scores, nothing queued.
    CHECK(to_json(app.store.lead_book.rules) == rules_before);
    for (size_t i = 0; i < scores_before.size(); ++i)
        CHECK(app.store.leads.rows[i].score == scores_before[i]);
    CHECK(app.outbox.empty());
    CHECK(ui.shows("Changes not applied yet.", "Rules"));

    ui::InboxPreview predicted = app.rules.preview;
    REQUIRE(ui.click("Apply rules", "Rules"));
    REQUIRE(app.outbox.size() == 1);
    CHECK(app.outbox[0].kind == "scoring_rules.put");
    CHECK(app.outbox[0].payload["points"]["web_form"] == 0.0);
    CHECK(app.store.lead_book.rules.points[size_t(ActivityType::web_form)] == 0);
    // The inbox now lists the leads as the preview said, with the predicted scores.
    std::vector<std::uint32_t> inbox = open_inbox_rows(app);
    REQUIRE(inbox.size() >= predicted.top.size());
    for (size_t i = 0; i < predicted.top.size(); ++i) {
        const ui::PreviewRow& p = predicted.top[i];
        CHECK(app.store.leads.rows[p.lead].score == doctest::Approx(p.score_after));
        CHECK(app.store.leads.rows[inbox[i]].score == doctest::Approx(p.score_after).epsilon(1e-4));
    }
    CHECK(inbox[0] == predicted.top[0].lead);
    ui.frame();
    CHECK(ui.shows("Applied: scoring. Every lead uses them from now on.", "Rules"));
}

TEST_CASE("an invalid weight shows core's error under the field and Apply stays disabled") {
    ui::AppState app = rules_app();
    test::UiHarness ui(app);
    REQUIRE(ui.click_and_type("Test drive points", "20000", "Rules"));
    ui.frame();
    bool error_shown = false;
    for (const ui::DrawnItem& it : ui::published_items())
        if (it.window == "Rules" && it.is_text && it.label.rfind("points.test_drive must be", 0) == 0)
            error_shown = true;
    CHECK(error_shown);
    CHECK(ui.shows("Fix the fields marked in red to apply.", "Rules"));
    const ui::DrawnItem* apply = ui.item("Apply rules", "Rules");
    REQUIRE(apply);
    CHECK(apply->disabled);
    REQUIRE(ui.click("Apply rules", "Rules"));
    CHECK(app.outbox.empty());
    CHECK(app.store.lead_book.rules.points[size_t(ActivityType::test_drive)] != 20000);

    // Hot must stay above warm: core's cross-field rule, shown by the hot field.
    REQUIRE(ui.click("Discard changes", "Rules"));
    REQUIRE(ui.click_and_type("Hot from score", "10", "Rules"));
    ui.frame();
    bool band_error = false;
    for (const ui::DrawnItem& it : ui::published_items())
        if (it.is_text && it.label.rfind("bands.hot must be above bands.warm", 0) == 0)
            band_error = true;
    CHECK(band_error);
    CHECK(ui.item("Apply rules", "Rules")->disabled);
}

TEST_CASE("SLA times and follow-up rules apply as commands the workflow then uses") {
    ui::AppState app = rules_app();
    test::UiHarness ui(app);
    REQUIRE(ui.click("SLA times", "Rules"));
    REQUIRE(ui.click_and_type("Hot answer within", "30", "Rules"));
    REQUIRE(ui.click("Follow-ups", "Rules"));
    REQUIRE(ui.click_and_type("satisfaction-call delay days", "7", "Rules"));
    REQUIRE(ui.click("Apply rules", "Rules"));
    REQUIRE(app.outbox.size() == 2);
    CHECK(app.outbox[0].kind == "sla_policy.put");
    CHECK(app.outbox[1].kind == "follow_up_rules.put");
    CHECK(app.workflow.sla.response[0].amount == 30);
    CHECK(app.workflow.sla.response[0].unit == BudgetUnit::business_minutes);
    REQUIRE_FALSE(app.workflow.follow_ups.rules.empty());
    CHECK(app.workflow.follow_ups.rules[0].id == "satisfaction-call");
    CHECK(app.workflow.follow_ups.rules[0].delay_days == 7);
}

TEST_CASE("only central marketing may change rules; others read them with the reason") {
    ui::AppState app = test::loaded_demo_app();  // signed in as a rep
    app.screen = ui::Screen::rules;
    test::UiHarness ui(app);
    ui.frame();
    bool reason = false;
    for (const ui::DrawnItem& it : ui::published_items())
        if (it.is_text && it.label.rfind("Read-only: central marketing owns", 0) == 0) reason = true;
    CHECK(reason);
    const ui::DrawnItem* field = ui.item("Web form points", "Rules");
    REQUIRE(field);
    CHECK(field->disabled);
    CHECK(ui.item("Apply rules", "Rules")->disabled);
    REQUIRE_FALSE(preview_rows().empty());  // the preview is there to read
}
