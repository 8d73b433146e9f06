#include <doctest/doctest.h>
#include "shell.h"
#include "ui_harness.h"
#include "ui_test_data.h"

using namespace fc;

TEST_CASE("every screen is reached by clicking its name in the navigation") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app);
    ui.frame();
    for (int i = 0; i < int(ui::Screen::count_); ++i) {
        const ui::ScreenInfo& s = ui::screen_info(ui::Screen(i));
        REQUIRE(ui.click(s.label, "Navigation"));
        CHECK(app.screen == s.screen);
        // Each screen draws its own pane: Leads its two panes, the others one named after it.
        std::string pane = s.screen == ui::Screen::leads ? "Lead inbox" : s.label;
        CHECK_MESSAGE(ui.shows(pane, pane), s.label);
    }
}

TEST_CASE("g then a letter opens a screen, and letters typed into a field do not") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app);
    ui.frame();
    ui.press(ImGuiKey_G);
    ui.press(ImGuiKey_F);
    CHECK(app.screen == ui::Screen::follow_ups);
    ui.press(ImGuiKey_G);
    ui.press(ImGuiKey_A);
    CHECK(app.screen == ui::Screen::accounts);

    // In the account search field, "g" and "l" are text.
    REQUIRE(ui.click("Search accounts", "Accounts"));
    ui.press(ImGuiKey_G);
    ui.press(ImGuiKey_L);
    CHECK(app.screen == ui::Screen::accounts);
}

TEST_CASE("the status strip counts changes waiting to sync and says when data was loaded") {
    ui::AppState app = test::loaded_demo_app();
    app.now = test::kNow + 3 * 3600;
    test::UiHarness ui(app);
    ui.frame();
    CHECK(ui.shows("No changes waiting to sync", "Status"));
    CHECK(ui.shows("Data loaded 2026-09-21 14:13 (3 h ago)", "Status"));
    app.outbox.resize(2);
    ui.frame();
    CHECK(ui.shows("2 changes waiting to sync", "Status"));
}

TEST_CASE("on an upright tablet canvas the screens are tabs across the top") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app, ImVec2(800, 1100));
    ui.frame();
    const ui::DrawnItem* now = ui.item("Now", "Navigation");
    const ui::DrawnItem* settings = ui.item("Settings", "Navigation");
    REQUIRE(now);
    REQUIRE(settings);
    CHECK(now->min.y == doctest::Approx(settings->min.y));  // one row
    CHECK(settings->max.x <= 800);
    REQUIRE(ui.click("Settings", "Navigation"));
    CHECK(app.screen == ui::Screen::settings);
}

TEST_CASE("g followed by a letter that is no screen cancels, and the letter does nothing else") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app);
    ui.frame();
    ui::go_to(app, ui::Screen::accounts);
    app.accounts.selected = app.index.accounts_by_name[0];
    ui.frame();
    ui.press(ImGuiKey_G);
    CHECK(app.go_pending);
    ui.press(ImGuiKey_C);  // "c" alone would log a call on this screen
    CHECK_FALSE(app.go_pending);
    CHECK_FALSE(app.quick_log.open);
    CHECK(app.screen == ui::Screen::accounts);
    ui.press(ImGuiKey_C);  // now it does
    CHECK(app.quick_log.open);
}
