// The inbox's first screenful sent ahead of a big book (core/inbox_preview.h): the rows drawn
// from it must be exactly the rows the whole book shows first, and the app must say it is
// still loading until the whole inbox replaces it.
#include <doctest/doctest.h>
#include "demo_data.h"
#include "dispatch.h"
#include "inbox_filter.h"
#include "inbox_preview.h"
#include "navigation.h"
#include "snapshot_binary.h"
#include "ui_harness.h"

using namespace fc;

namespace {
constexpr Time kNow = 1790000000;

std::string inbox_part(const Store& s) {
    return snapshot_tables_to_binary(s, {"dealers", "users", "categories", "campaigns", "accounts",
                                         "leads", "scoring_rules", "sla_policy", "follow_up_rules"});
}

// A book whose scores tie across the preview's edge, also as floats only (the inbox compares
// floats), so a preview that broke ties another way would show other rows.
Store book_with_ties() {
    Store s = generate_demo(demo_size_tiny(), 3, kNow);
    auto& leads = s.leads.rows;
    REQUIRE(leads.size() > 60);
    for (size_t i = 0; i < leads.size(); i += 3) leads[i].score = 50.0;
    for (size_t i = 1; i < leads.size(); i += 7) leads[i].score = 50.0 + 1e-9;
    return s;
}

std::vector<Id> first_lead_ids(const ui::AppState& app, size_t n) {
    std::vector<Id> ids;
    for (size_t i = 0; i < n && i < app.inbox.order.size(); ++i)
        ids.push_back(app.store.leads.rows[app.inbox.order[i]].id);
    return ids;
}
}  // namespace

TEST_CASE("the preview holds exactly the leads the whole inbox shows first, in the same order") {
    Store s = book_with_ties();
    ui::AppState whole;
    whole.now = kNow;
    REQUIRE_FALSE(ui::load_app_data(whole, inbox_part(s)).has_value());
    ui::refresh_inbox(whole.store, whole.index, whole.inbox);

    for (size_t n : {1, 20, 41}) {
        CAPTURE(n);
        Store preview = inbox_preview(s, n);
        CHECK(preview.leads.size() == n);
        CHECK(preview.accounts.size() <= n);
        CHECK(preview.users.size() == s.users.size());
        ui::AppState app;
        app.now = kNow;
        REQUIRE_FALSE(ui::load_app_preview(app, inbox_part(preview)).has_value());
        ui::refresh_inbox(app.store, app.index, app.inbox);
        CHECK(first_lead_ids(app, n) == first_lead_ids(whole, n));
    }
    CHECK(inbox_preview(s, 100000).leads.size() == s.leads.size());
}

TEST_CASE("while only the preview is in, the inbox says it is loading; a lead opened stays open") {
    Store s = book_with_ties();
    ui::AppState app;
    app.now = kNow;
    test::UiHarness ui(app);
    REQUIRE_FALSE(ui::load_app_preview(app, inbox_part(inbox_preview(s, 30))).has_value());
    ui.frame();
    CHECK(app.inbox_rows_drawn > 0);
    CHECK(ui.shows("Loading all leads…", "Lead inbox"));
    const ui::DrawnItem* band = ui.item("Band", "Lead inbox");
    REQUIRE(band);
    CHECK(band->disabled);  // filtering 30 rows would count and show only those

    // Open the third row, not the first, so a wrong row cannot pass.
    const Lead& lead = app.store.leads.rows[app.inbox.order[2]];
    const Id opened = lead.id;
    REQUIRE(ui.click(app.store.accounts.find(lead.account_id)->name, "Lead inbox"));
    REQUIRE(app.selected_lead >= 0);
    REQUIRE(app.store.leads.rows[size_t(app.selected_lead)].id == opened);

    // A change made to the preview would vanish when the whole store replaces it: refused with
    // the reason, nothing queued, the lead as it was.
    const Command move = ui::make_command("lead.transition", {{"lead_id", opened}, {"to", "working"}});
    MaybeError refused = ui::dispatch(app, move, "lead_state");
    REQUIRE(refused.has_value());
    CHECK(refused->message == "Still loading all leads: try again in a moment");
    CHECK(app.outbox.empty());
    CHECK(app.store.leads.find(opened)->state == lead.state);
    // Through the lead's own button the reason is shown where the user clicked.
    std::int64_t fresh = -1;
    for (std::uint32_t row : app.inbox.order)
        if (app.store.leads.rows[row].state == LeadState::new_lead) { fresh = row; break; }
    REQUIRE(fresh >= 0);
    ui::open_lead(app, fresh);
    REQUIRE(ui.click("Start working", "Lead detail"));
    ui.frame();
    CHECK(ui.shows("Still loading all leads: try again in a moment", "Lead detail"));
    CHECK(app.outbox.empty());
    CHECK(app.store.leads.rows[size_t(fresh)].state == LeadState::new_lead);
    ui::open_lead(app, app.store.leads.row_of(opened));

    // A whole part that cannot be read leaves the preview up and says so (the page's message).
    CHECK(ui::load_app_data(app, "not a snapshot").has_value());
    app.status = "Your leads could not be loaded: the server answered 503. Reload to try again.";
    ui.frame();
    CHECK(ui.shows(app.status, "Lead inbox"));

    REQUIRE_FALSE(ui::load_app_data(app, inbox_part(s)).has_value());
    ui.frame();
    CHECK_FALSE(app.preview);
    CHECK_FALSE(ui.shows("Loading all leads…", "Lead inbox"));
    CHECK(ui.shows(std::to_string(s.leads.size()) + " leads", "Lead inbox"));
    REQUIRE(app.selected_lead >= 0);
    CHECK(app.store.leads.rows[size_t(app.selected_lead)].id == opened);
    band = ui.item("Band", "Lead inbox");
    REQUIRE(band);
    CHECK_FALSE(band->disabled);
}
