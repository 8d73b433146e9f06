// The Pipeline board: deals by the customer's progress; a selected deal moves on or closes as
// won or lost with a reason, each a deal.move command.
#include <doctest/doctest.h>
#include <string>
#include "lead_names.h"
#include "ui_harness.h"
#include "ui_test_data.h"

using namespace fc;

namespace {

// An open deal whose account name no other deal shares (so its card is found by name).
const Deal* open_deal_with_unique_account(const Store& s) {
    for (const Deal& d : s.deals.rows) {
        if (d.stage == DealStage::bought || d.stage == DealStage::lost) continue;
        int same = 0;
        for (const Deal& o : s.deals.rows)
            same += ui::account_name(s, o.account_id) == ui::account_name(s, d.account_id);
        if (same == 1) return &d;
    }
    return nullptr;
}

int stage_count(const Store& s, DealStage st) {
    int n = 0;
    for (const Deal& d : s.deals.rows) n += d.stage == st;
    return n;
}

}  // namespace

TEST_CASE("a deal is moved on, then lost with a reason; without one core says why") {
    ui::AppState app = test::loaded_demo_app();
    app.screen = ui::Screen::pipeline;
    test::UiHarness ui(app, ImVec2(1800, 1600));
    const Deal* found = open_deal_with_unique_account(app.store);
    REQUIRE(found);
    Id deal_id = found->id;
    std::string account = ui::account_name(app.store, found->account_id);
    int lost_before = stage_count(app.store, DealStage::lost);
    ui.frame();
    CHECK(ui.shows("Lost (" + std::to_string(lost_before) + ")", "Pipeline"));

    REQUIRE(ui.click(account, "Pipeline"));
    CHECK(app.pipeline.selected == deal_id);
    DealStage next = found->stage == DealStage::deciding ? DealStage::evaluating : DealStage::deciding;
    REQUIRE(ui.click(next == DealStage::deciding ? "Deciding" : "Evaluating", "Pipeline"));
    REQUIRE(app.outbox.size() == 1);
    CHECK(app.outbox[0].kind == "deal.move");
    CHECK(app.store.deals.find(deal_id)->stage == next);

    REQUIRE(ui.click("Lost", "Pipeline"));
    CHECK(app.outbox.size() == 1);
    CHECK(ui.shows("say why the deal was lost", "Pipeline"));
    REQUIRE(ui.click_and_type("Reason (won or lost)", "Bought a used van elsewhere", "Pipeline"));
    REQUIRE(ui.click("Lost", "Pipeline"));
    REQUIRE(app.outbox.size() == 2);
    CHECK(app.outbox[1].payload["to"] == "lost");
    CHECK(app.outbox[1].payload["reason"] == "Bought a used van elsewhere");
    const Deal& d = *app.store.deals.find(deal_id);
    CHECK(d.stage == DealStage::lost);
    CHECK(d.reason == "Bought a used van elsewhere");
    ui.frame();
    CHECK(ui.shows("Lost (" + std::to_string(lost_before + 1) + ")", "Pipeline"));
    bool closed_line = false;
    for (const ui::DrawnItem& it : ui::published_items())
        if (it.is_text && it.label.rfind("Lost on ", 0) == 0 &&
            it.label.find("Bought a used van elsewhere") != std::string::npos)
            closed_line = true;
    CHECK(closed_line);
}
