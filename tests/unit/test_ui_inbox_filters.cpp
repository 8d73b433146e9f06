#include <doctest/doctest.h>
#include <algorithm>
#include <imgui_internal.h>
#include "enum_names.h"
#include "inbox.h"
#include "inbox_filter.h"
#include "text_fold.h"
#include "ui_harness.h"
#include "ui_test_data.h"

using namespace fc;

namespace {

// Does the lead's account, or one of its contacts, have a name containing `folded`?
bool names_contain(const ui::AppState& app, std::uint32_t lead, const std::string& folded) {
    const Store& s = app.store;
    const Id& account = s.leads.rows[lead].account_id;
    if (ui::fold_for_search(s.accounts.find(account)->name).find(folded) != std::string::npos)
        return true;
    for (const Contact& c : s.contacts.rows)
        if (c.account_id == account && ui::fold_for_search(c.name).find(folded) != std::string::npos)
            return true;
    return false;
}

std::vector<std::uint32_t> search_by_typing(const std::string& text) {
    ui::AppState app = test::loaded_demo_app(11);
    test::UiHarness ui(app);
    ui.frame();
    REQUIRE(ui.click_and_type("Search", text, "Lead inbox"));
    CHECK(app.inbox.filter.search == text);
    for (std::uint32_t l = 0; l < app.store.leads.size(); ++l) {
        bool shown = std::find(app.inbox.order.begin(), app.inbox.order.end(), l) != app.inbox.order.end();
        CHECK(shown == names_contain(app, l, "muller"));
    }
    return app.inbox.order;
}

}  // namespace

TEST_CASE("typing müller or muller in the inbox search finds exactly the Müller leads") {
    std::vector<std::uint32_t> with_umlaut = search_by_typing("müller");
    std::vector<std::uint32_t> plain = search_by_typing("muller");
    CHECK_FALSE(with_umlaut.empty());
    CHECK(with_umlaut == plain);
    CHECK(search_by_typing("MULLER") == plain);
}

TEST_CASE("picking a band in its combo shows only leads of that band, still sorted by score") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app);
    ui.frame();
    size_t all = app.inbox.order.size();
    REQUIRE(ui.click("Band", "Lead inbox"));
    REQUIRE(ui.click("Warm"));
    CHECK(app.inbox.filter.band == ui::Band::warm);
    REQUIRE_FALSE(app.inbox.order.empty());
    CHECK(app.inbox.order.size() < all);
    const auto& rows = app.store.leads.rows;
    for (size_t i = 0; i < app.inbox.order.size(); ++i) {
        double score = rows[app.inbox.order[i]].score;
        CHECK(score >= app.store.lead_book.rules.warm);
        CHECK(score < app.store.lead_book.rules.hot);
        if (i) CHECK(rows[app.inbox.order[i - 1]].score >= score);
    }
    REQUIRE(ui.click("Clear filters", "Lead inbox"));
    CHECK(app.inbox.order.size() == all);
}

TEST_CASE("state, owner, dealer, product and campaign filters each keep only matching leads") {
    ui::AppState app = test::loaded_demo_app();
    const Store& s = app.store;
    ui::refresh_inbox(s, app.index, app.inbox);
    size_t all = app.inbox.order.size();
    auto check_filter = [&](auto set, auto keep) {
        ui::InboxState in;
        set(in.filter);
        ui::refresh_inbox(s, app.index, in);
        size_t expected = 0;
        for (std::uint32_t l = 0; l < s.leads.size(); ++l) expected += keep(l) ? 1 : 0;
        CHECK(in.order.size() == expected);
        for (std::uint32_t l : in.order) CHECK(keep(l));
        return in.order.size();
    };
    CHECK(check_filter([](ui::InboxFilter& f) { f.state = int(LeadState::working); },
                       [&](std::uint32_t l) { return s.leads.rows[l].state == LeadState::working; }) > 0);
    std::uint32_t owner = s.users.row_of(s.leads.rows[0].owner);
    CHECK(check_filter([&](ui::InboxFilter& f) { f.owner = owner; },
                       [&](std::uint32_t l) { return s.leads.rows[l].owner == s.leads.rows[0].owner; }) > 0);
    CHECK(check_filter([&](ui::InboxFilter& f) { f.dealer = 1; },
                       [&](std::uint32_t l) { return s.leads.rows[l].dealer_id == s.dealers.rows[1].id; }) > 0);
    CHECK(check_filter([&](ui::InboxFilter& f) { f.category = 0; },
                       [&](std::uint32_t l) { return s.leads.rows[l].product_category == s.categories.rows[0].id; }) > 0);
    CHECK(check_filter([&](ui::InboxFilter& f) { f.min_score = 40; f.max_score = 70; },
                       [&](std::uint32_t l) { return s.leads.rows[l].score >= 40 && s.leads.rows[l].score <= 70; }) > 0);
    // Campaign: a lead is in a campaign when an activity of its account about its product
    // came from that campaign.
    const Id& campaign = s.campaigns.rows[0].id;
    auto touched = [&](std::uint32_t l) {
        const Lead& lead = s.leads.rows[l];
        for (const Activity& a : s.activities.rows)
            if (a.account_id == lead.account_id && a.product_category == lead.product_category &&
                a.campaign_id == campaign)
                return true;
        return false;
    };
    size_t in_campaign = check_filter([](ui::InboxFilter& f) { f.campaign = 0; }, touched);
    CHECK(in_campaign > 0);
    CHECK(in_campaign < all);
}

TEST_CASE("sorting by any column agrees with comparing the names and values themselves") {
    ui::AppState app = test::loaded_demo_app();
    const Store& s = app.store;
    auto folded_account = [&](std::uint32_t l) {
        return ui::fold_for_search(s.accounts.find(s.leads.rows[l].account_id)->name);
    };
    for (bool asc : {true, false}) {
        ui::InboxState in;
        in.sort_column = ui::kColAccount;
        in.ascending = asc;
        ui::refresh_inbox(s, app.index, in);
        REQUIRE(in.order.size() == s.leads.size());
        for (size_t i = 1; i < in.order.size(); ++i) {
            std::string a = folded_account(in.order[i - 1]), b = folded_account(in.order[i]);
            CHECK((asc ? a <= b : a >= b));
        }
        in.sort_column = ui::kColAge;
        in.dirty = true;
        ui::refresh_inbox(s, app.index, in);
        for (size_t i = 1; i < in.order.size(); ++i) {
            Time a = s.leads.rows[in.order[i - 1]].created_at, b = s.leads.rows[in.order[i]].created_at;
            CHECK((asc ? a >= b : a <= b));  // ascending age: newest first
        }
    }
}

TEST_CASE("the very last of 100k leads can be scrolled to and is drawn in full") {
    ui::AppState app;
    app.now = test::kNow;
    ui::set_app_data(app, test::synthetic_leads(100000));
    test::UiHarness ui(app);
    ui.frame();
    REQUIRE(app.inbox.order.size() == 100000);
    const Store& s = app.store;
    auto name_at = [&](size_t i) { return s.accounts.find(s.leads.rows[app.inbox.order[i]].account_id)->name; };
    std::string first = name_at(0), last = name_at(99999), before_last = name_at(99998);
    REQUIRE(ui.click(first, "Lead inbox"));  // focuses the inbox
    ui.press(ImGuiKey_End);
    ui.frame();
    const ui::DrawnItem* row = ui.item(last, "Lead inbox");
    const ui::DrawnItem* prev = ui.item(before_last, "Lead inbox");
    ImGuiWindow* pane = ImGui::FindWindowByName("Lead inbox");
    REQUIRE(row);
    REQUIRE(prev);
    REQUIRE(pane);
    CHECK_FALSE(ui.shows(first, "Lead inbox"));
    // Whole, inside the pane, and exactly one row below its neighbour: no float drift.
    CHECK(row->max.y <= pane->Rect().Max.y);
    CHECK(row->min.y - prev->min.y == doctest::Approx(ui::inbox_row_height()).epsilon(0.001));
    REQUIRE(ui.click(last, "Lead inbox"));
    CHECK(app.selected_lead == std::int64_t(app.inbox.order.back()));
    ui.press(ImGuiKey_Home);
    ui.frame();
    CHECK(ui.shows(first, "Lead inbox"));
}
