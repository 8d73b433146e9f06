#include <doctest/doctest.h>
#include "app_index.h"
#include "dispatch.h"
#include "record_json.h"
#include "ui_test_data.h"

using namespace fc;

namespace {

// The index kept up to date command by command must equal one rebuilt from the store.
void check_same_as_rebuilt(const ui::AppState& app) {
    ui::AppIndex fresh;
    ui::rebuild_index(app.store, fresh);
    const ui::AppIndex& ix = app.index;
    REQUIRE(ix.contacts_of.size() == fresh.contacts_of.size());
    for (size_t a = 0; a < fresh.contacts_of.size(); ++a) {
        CHECK(ix.contacts_of[a] == fresh.contacts_of[a]);
        CHECK(ix.activities_of[a] == fresh.activities_of[a]);  // same order: newest first
        CHECK(ix.leads_of[a] == fresh.leads_of[a]);
        CHECK(ix.tasks_of[a] == fresh.tasks_of[a]);
    }
    CHECK(ix.search_blob == fresh.search_blob);
    CHECK(ix.account_rank == fresh.account_rank);
    CHECK(ix.lead_account == fresh.lead_account);
    CHECK(ix.lead_owner == fresh.lead_owner);
    CHECK(ix.lead_state == fresh.lead_state);
    CHECK(ix.lead_score == fresh.lead_score);
}

}  // namespace

TEST_CASE("the index kept current by dispatch equals one rebuilt from the store") {
    ui::AppState app = test::loaded_demo_app();
    const Store& s = app.store;
    auto put = [&](const char* kind, json payload) {
        REQUIRE_FALSE(ui::dispatch(app, ui::make_command(kind, std::move(payload))));
    };
    Account acc{"A-new", s.dealers.rows[0].id, "Ærø Ålesund", "1000", "Oslo", "NO", "fleet", 12};
    put("account.put", to_json(acc));
    Contact c{"A-new-C1", "A-new", "Zoë Ærø", "zoe@example.com", "+47 1", ContactRole::user,
              false, true, true};
    put("contact.put", to_json(c));
    Contact moved = s.contacts.rows[0];
    moved.account_id = "A-new";  // a contact moving to another account
    put("contact.put", to_json(moved));
    Activity old_one{"E-old", "A-new", "A-new-C1", ActivityType::visit, test::kNow - 86400, "", "",
                     0, "", "first", ""};
    Activity new_one{"E-new", "A-new", "A-new-C1", ActivityType::note, test::kNow, "", "", 0, "",
                     "second", ""};
    put("activity.log", to_json(new_one));
    put("activity.log", to_json(old_one));  // logged later, happened earlier
    Lead lead;
    lead.id = "L-new";
    lead.account_id = "A-new";
    lead.product_category = s.categories.rows[0].id;
    lead.dealer_id = s.dealers.rows[0].id;
    lead.state = LeadState::working;
    lead.created_at = test::kNow;
    lead.score = 42;
    put("lead.put", to_json(lead));
    Task task = s.tasks.rows[0];
    task.account_id = "A-new";  // a task moving to another account
    put("task.put", to_json(task));
    Lead rescored = s.leads.rows[0];
    rescored.score = 99;
    rescored.owner.clear();
    put("lead.put", to_json(rescored));
    check_same_as_rebuilt(app);
    std::uint32_t a = s.accounts.row_of("A-new");
    REQUIRE(app.index.activities_of[a].size() == 2);
    CHECK(s.activities.rows[app.index.activities_of[a][0]].id == "E-new");
}
