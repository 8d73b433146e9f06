#include <doctest/doctest.h>
#include "demo_data.h"
#include "enum_names.h"
#include "inbox.h"
#include "labels.h"
#include "snapshot.h"
#include "ui_harness.h"

using namespace fc;

namespace {
constexpr Time kNow = 1790000000;

ui::AppState loaded_app() {
    ui::AppState app;
    app.now = kNow;
    Store s = generate_demo(demo_size_tiny(), 3, kNow);
    REQUIRE_FALSE(ui::load_app_data(app, snapshot_to_json(s).dump()).has_value());
    return app;
}
}  // namespace

TEST_CASE("before data arrives the inbox says it is loading, then shows lead rows") {
    ui::AppState app;
    test::UiHarness ui(app);
    ui.frame();
    CHECK(ui.shows("Loading your leads…", "Lead inbox"));
    CHECK(app.inbox_rows_drawn == 0);

    app = loaded_app();
    ui.frame();
    CHECK(app.inbox_rows_drawn > 0);
    const Lead& top = app.store.leads.rows[app.inbox.order[0]];
    CHECK(ui.shows(app.store.accounts.find(top.account_id)->name, "Lead inbox"));
}

TEST_CASE("the inbox is ordered by score, highest first, until a header is clicked") {
    ui::AppState app = loaded_app();
    test::UiHarness ui(app);
    ui.frame();
    const auto& rows = app.store.leads.rows;
    for (size_t i = 1; i < app.inbox.order.size(); ++i)
        CHECK(rows[app.inbox.order[i - 1]].score >= rows[app.inbox.order[i]].score);

    REQUIRE(ui.click("Age", "Lead inbox"));
    CHECK(app.inbox.sort_column == ui::kColAge);
    for (size_t i = 1; i < app.inbox.order.size(); ++i)
        CHECK(rows[app.inbox.order[i - 1]].created_at >= rows[app.inbox.order[i]].created_at);
}

TEST_CASE("clicking a lead shows its account, owner and state in the detail pane") {
    ui::AppState app = loaded_app();
    test::UiHarness ui(app);
    ui.frame();
    CHECK(ui.shows("Select a lead in the inbox to see who it is and what they did.") == false);
    // Pick the third row on screen, not the first, so a wrong selection cannot pass.
    const Lead& lead = app.store.leads.rows[app.inbox.order[2]];
    const std::string& account = app.store.accounts.find(lead.account_id)->name;
    REQUIRE(ui.click(account, "Lead inbox"));
    REQUIRE(app.selected_lead >= 0);
    const Lead& shown = app.store.leads.rows[size_t(app.selected_lead)];
    CHECK(shown.account_id == lead.account_id);
    CHECK(ui.shows(account, "Lead detail"));
    CHECK(ui.shows(ui::label_of(shown.state), "Lead detail"));
    CHECK(ui.shows(app.store.users.find(shown.owner)->name, "Lead detail"));
}

TEST_CASE("bad data from the server is refused and the app keeps what it had") {
    ui::AppState app = loaded_app();
    size_t leads = app.store.leads.size();
    auto e = ui::load_app_data(app, "{\"leads\": [{\"id\": 1}]}");
    REQUIRE(e.has_value());
    CHECK(e->field == "leads[0].id");
    CHECK(app.store.leads.size() == leads);
    CHECK(ui::load_app_data(app, "{not json").has_value());
}
