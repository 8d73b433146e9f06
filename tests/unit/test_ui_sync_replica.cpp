// The browser replica's side of sync (ui/sync_replica.*): pulled pages become the store,
// commands not yet acknowledged stay visible over newer pulls, the UI's commands are handed to
// the platform once, and the status strip shows the sync client's state.
#include <doctest/doctest.h>
#include <algorithm>
#include "demo_data.h"
#include "dispatch.h"
#include "inbox_filter.h"
#include "inbox_preview.h"
#include "pull_page_fixture.h"
#include "record_json.h"
#include "snapshot_binary.h"
#include "sync_replica.h"
#include "ui_harness.h"
#include "ui_test_data.h"

using namespace fc;

namespace {

// The demo store as the server would send it in a first pull: pages of `per_page` changes,
// tables in the order the server seeds them.
std::vector<std::string> pull_pages(const Store& s, size_t per_page) {
    json snapshot = snapshot_to_json(s);
    json changes = json::array();
    for (const char* table : {"dealers", "users", "categories", "campaigns", "accounts",
                              "contacts", "activities", "leads", "tasks"})
        for (const json& r : snapshot[table]) changes.push_back({{"table", table}, {"record", r}});
    std::vector<std::string> pages;
    for (size_t i = 0; i < changes.size(); i += per_page) {
        json page = {{"changes", json::array()}, {"cursor", std::to_string(i + per_page)},
                     {"has_more", i + per_page < changes.size()}, {"rejections", json::array()}};
        for (size_t j = i; j < std::min(changes.size(), i + per_page); ++j)
            page["changes"].push_back(changes[j]);
        pages.push_back(page.dump());
    }
    return pages;
}

std::string one_change(const char* table, const json& record) {
    return json{{"changes", {{{"table", table}, {"record", record}}}}, {"cursor", "9999"},
                {"has_more", false}}
        .dump();
}

ui::AppState synced_app(const Store& server) {
    ui::AppState app;
    app.now = test::kNow;
    REQUIRE_FALSE(ui::configure_sync(app, R"({"client_id":"web-1","user_id":"D1-R1","next_seq":1})"));
    ui::begin_sync_load(app, "Downloading your data");
    for (const std::string& page : pull_pages(server, 50)) {
        ui::PullPage p;
        REQUIRE_FALSE(ui::apply_pull_page(app, page, p));
    }
    ui::finish_sync_load(app);
    return app;
}

}  // namespace

TEST_CASE("a first sync in pages gives the same records as the server has, then shows them") {
    Store server = generate_demo(demo_size_tiny(), 5, test::kNow);
    ui::AppState app;
    app.now = test::kNow;
    ui::begin_sync_load(app, "Downloading your data");
    CHECK_FALSE(app.loaded);
    auto pages = pull_pages(server, 40);
    REQUIRE(pages.size() > 3);
    ui::PullPage first;
    REQUIRE_FALSE(ui::apply_pull_page(app, pages[0], first));
    CHECK(first.changes == 40);
    CHECK(first.has_more);
    CHECK(app.sync.progress_records == 40);
    for (size_t i = 1; i < pages.size(); ++i) {
        ui::PullPage p;
        REQUIRE_FALSE(ui::apply_pull_page(app, pages[i], p));
    }
    ui::finish_sync_load(app);
    CHECK(app.loaded);
    CHECK_FALSE(app.sync.in_progress);
    CHECK(app.store.accounts.size() == server.accounts.size());
    CHECK(app.store.activities.size() == server.activities.size());
    CHECK(app.store.leads.size() == server.leads.size());
    CHECK(app.store.tasks.size() == server.tasks.size());
}

TEST_CASE("a first sync in binary pages gives the same store as in JSON pages") {
    Store server = generate_demo(demo_size_tiny(), 5, test::kNow);
    auto load = [&](bool binary) {
        ui::AppState app;
        app.now = test::kNow;
        ui::begin_sync_load(app, "Downloading your data");
        for (const std::string& page : pull_pages(server, 40)) {
            ui::PullPage p;
            REQUIRE_FALSE(ui::apply_pull_page(app, binary ? test::binary_page(page) : page, p));
            CHECK(p.changes > 0);
        }
        ui::finish_sync_load(app);
        return app;
    };
    ui::AppState from_json = load(false), from_binary = load(true);
    CHECK(from_binary.store.activities.size() == server.activities.size());
    CHECK(snapshot_to_json(from_binary.store) == snapshot_to_json(from_json.store));
    CHECK(from_binary.index.accounts_by_name == from_json.index.accounts_by_name);
    // A device keeps pages as they came: one that saved JSON pages, then binary ones, reopens.
    ui::AppState mixed;
    mixed.now = test::kNow;
    ui::begin_sync_load(mixed, "Opening the data saved on this device");
    auto pages = pull_pages(server, 40);
    for (size_t i = 0; i < pages.size(); ++i) {
        ui::PullPage p;
        REQUIRE_FALSE(ui::apply_pull_page(mixed, i % 2 ? test::binary_page(pages[i]) : pages[i], p));
    }
    ui::finish_sync_load(mixed);
    CHECK(snapshot_to_json(mixed.store) == snapshot_to_json(from_json.store));
}

TEST_CASE("a page that is not a pull page is refused with a reason") {
    ui::AppState app;
    ui::PullPage p;
    auto e = ui::apply_pull_page(app, "{\"cursor\": \"1\"}", p);
    REQUIRE(e);
    CHECK(e->field == "changes");
    CHECK(ui::apply_pull_page(app, "not json", p));
    auto bad = ui::apply_pull_page(app, one_change("accounts", json{{"id", 5}}), p);
    REQUIRE(bad);
    CHECK(bad->field.rfind("changes[0].record", 0) == 0);
}

TEST_CASE("an edit not yet acknowledged stays visible over a pull of the older version") {
    Store server = generate_demo(demo_size_tiny(), 5, test::kNow);
    ui::AppState app = synced_app(server);
    REQUIRE(app.store.tasks.size() > 0);
    Task t = app.store.tasks.rows[0];
    Task edited = t;
    edited.title = "Call back about the van offer";
    REQUIRE_FALSE(ui::dispatch(app, ui::make_command("task.put", to_json(edited))));

    // A pull made while the push was in flight brings the server's older version.
    ui::PullPage p;
    REQUIRE_FALSE(ui::apply_pull_page(app, one_change("tasks", to_json(t)), p));
    CHECK(app.store.tasks.find(t.id)->title == "Call back about the van offer");
    CHECK(app.outbox.size() == 1);

    // Acknowledged and pulled: the command is dropped and the server's version rules.
    ui::forget_commands(app, R"([{"client_id":"web-1","seq":1}])");
    CHECK(app.outbox.empty());
    Task later = t;
    later.title = "Changed by the manager";
    REQUIRE_FALSE(ui::apply_pull_page(app, one_change("tasks", to_json(later)), p));
    CHECK(app.store.tasks.find(t.id)->title == "Changed by the manager");
}

TEST_CASE("acknowledged runs are forgotten up to their seq, refused ones in them kept") {
    Store server = generate_demo(demo_size_tiny(), 5, test::kNow);
    ui::AppState app = synced_app(server);
    Task t = app.store.tasks.rows[0];
    for (int i = 0; i < 4; ++i) {
        Task edited = t;
        edited.title = "Edit " + std::to_string(i + 1);
        REQUIRE_FALSE(ui::dispatch(app, ui::make_command("task.put", to_json(edited))));
    }
    const Id own = app.outbox.front().client_id;
    for (std::uint64_t seq = 1; seq <= 3; ++seq) {
        Command other = ui::make_command("task.put", to_json(t));
        other.id = "other-" + std::to_string(seq);
        other.client_id = "web-other";
        other.seq = seq;
        other.at = test::kNow;
        REQUIRE_FALSE(ui::replay_command(app, to_json(other).dump(), false));
    }
    REQUIRE(app.outbox.size() == 4);
    REQUIRE(app.sync.foreign.size() == 3);

    // Seqs 1-3 of this tab acknowledged but 2 refused; the other tab's up to 2, and a key.
    ui::forget_commands(app, json::array({{{"client_id", own}, {"through", 3}, {"except", {2}}},
                                          {{"client_id", "web-other"}, {"through", 2}, {"except", json::array()}},
                                          {{"client_id", "web-other"}, {"seq", 3}}})
                                 .dump());
    std::vector<std::uint64_t> left;
    for (const Command& c : app.outbox) left.push_back(c.seq);
    CHECK(left == std::vector<std::uint64_t>{2, 4});
    CHECK(app.sync.foreign.empty());
}

static std::string tombstone(const char* table, const Id& id) {
    return json{{"changes", {{{"table", table}, {"deleted", true}, {"record", {{"id", id}}}}}},
                {"cursor", "10000"}, {"has_more", false}}
        .dump();
}

TEST_CASE("a pulled tombstone removes the record, on a running app and when the pages are replayed") {
    Store server = generate_demo(demo_size_tiny(), 5, test::kNow);
    ui::AppState app = synced_app(server);
    REQUIRE(app.store.tasks.size() > 1);
    const Id gone = app.store.tasks.rows[0].id;
    const size_t tasks = app.store.tasks.size();
    // A contact no activity or task names, so core would have let its delete through.
    Id lone_contact;
    for (const Contact& c : app.store.contacts.rows) {
        bool named = false;
        for (const Activity& a : app.store.activities.rows) named = named || a.contact_id == c.id;
        for (const Task& t : app.store.tasks.rows) named = named || t.contact_id == c.id;
        if (!named) { lone_contact = c.id; break; }
    }
    ui::PullPage p;
    REQUIRE_FALSE(ui::apply_pull_page(app, tombstone("tasks", gone), p));
    CHECK(app.store.tasks.find(gone) == nullptr);
    CHECK(app.store.tasks.size() == tasks - 1);
    if (!lone_contact.empty()) {
        REQUIRE_FALSE(ui::apply_pull_page(app, tombstone("contacts", lone_contact), p));
        CHECK(app.store.contacts.find(lone_contact) == nullptr);
    }
    // A tombstone for something this replica never had changes nothing.
    REQUIRE_FALSE(ui::apply_pull_page(app, tombstone("tasks", "T-never-seen"), p));
    CHECK(app.store.tasks.size() == tasks - 1);

    // Reopening the app replays the saved pages in order: the later tombstone wins again.
    ui::AppState reopened;
    reopened.now = test::kNow;
    ui::begin_sync_load(reopened, "Opening the data saved on this device");
    for (const std::string& page : pull_pages(server, 50))
        REQUIRE_FALSE(ui::apply_pull_page(reopened, page, p));
    REQUIRE_FALSE(ui::apply_pull_page(reopened, tombstone("tasks", gone), p));
    ui::finish_sync_load(reopened);
    CHECK(reopened.store.tasks.find(gone) == nullptr);
    CHECK(reopened.store.tasks.size() == tasks - 1);

    // A tombstone without an id is refused with the field at fault.
    auto bad = ui::apply_pull_page(
        app, R"({"changes":[{"table":"tasks","deleted":true,"record":{}}],"cursor":"1"})", p);
    REQUIRE(bad);
    CHECK(bad->field == "changes[0].record.id");
}

TEST_CASE("reopening draws the saved preview first; the whole store replaces it when loaded") {
    Store server = generate_demo(demo_size_tiny(), 5, test::kNow);
    // A small book keeps no preview: it opens at once. A lower threshold (as the browser
    // tests set it) keeps one.
    ui::AppState small = synced_app(server);
    CHECK(ui::sync_preview(small).empty());
    small.sync.preview_min_leads = 1;
    CHECK_FALSE(ui::sync_preview(small).empty());

    std::string preview = snapshot_tables_to_binary(
        inbox_preview(server, 5), {"dealers", "users", "categories", "campaigns", "accounts",
                                   "leads", "scoring_rules"});
    ui::AppState app;
    app.now = test::kNow;
    ui::begin_sync_load(app, "Opening the data saved on this device");
    REQUIRE_FALSE(ui::show_sync_preview(app, preview));
    CHECK(app.preview);
    CHECK(app.loaded);
    CHECK(app.store.leads.size() == 5);
    app.selected_lead = 2;
    const Id opened = app.store.leads.rows[2].id;
    // The pages go to the load, not to the preview on screen.
    for (const std::string& page : pull_pages(server, 100)) {
        ui::PullPage p;
        REQUIRE_FALSE(ui::apply_pull_page(app, page, p));
    }
    CHECK(app.store.leads.size() == 5);
    CHECK(app.store.activities.size() == 0);
    // A change now would vanish with the preview: refused, with the reason.
    Task t = server.tasks.rows[0];
    CHECK(ui::dispatch(app, ui::make_command("task.put", to_json(t))));
    ui::finish_sync_load(app);
    CHECK_FALSE(app.preview);
    CHECK(app.store.leads.size() == server.leads.size());
    CHECK(app.store.activities.size() == server.activities.size());
    REQUIRE(app.selected_lead >= 0);
    CHECK(app.store.leads.rows[size_t(app.selected_lead)].id == opened);
    // Once loaded, a preview that arrives late is not drawn over the data.
    REQUIRE_FALSE(ui::show_sync_preview(app, preview));
    CHECK_FALSE(app.preview);
}

TEST_CASE("commands are handed to the platform once; saved ones keep their numbers on reload") {
    Store server = generate_demo(demo_size_tiny(), 5, test::kNow);
    ui::AppState app = synced_app(server);
    Task t = app.store.tasks.rows[0];
    t.title = "First";
    REQUIRE_FALSE(ui::dispatch(app, ui::make_command("task.put", to_json(t))));
    t.title = "Second";
    REQUIRE_FALSE(ui::dispatch(app, ui::make_command("task.put", to_json(t))));
    json taken = json::parse(ui::take_sync_requests(app));
    REQUIRE(taken["commands"].size() == 2);
    CHECK(taken["commands"][0]["seq"] == 1);
    CHECK(taken["commands"][1]["seq"] == 2);
    CHECK(taken["commands"][1]["client_id"] == "web-1");
    CHECK(ui::take_sync_requests(app).empty());

    // The tab reloads: the saved pages, then the saved commands (own) and another tab's.
    ui::AppState again = synced_app(server);
    for (const json& c : taken["commands"]) REQUIRE_FALSE(ui::replay_command(again, c.dump(), true));
    Activity call;
    call.id = "act-other-tab";
    call.account_id = again.store.accounts.rows[0].id;
    call.type = ActivityType::inbound_call;
    call.at = test::kNow;
    Command foreign{"cmd-x", "web-2", 1, "activity.log", test::kNow, "D1-R1", to_json(call)};
    REQUIRE_FALSE(ui::replay_command(again, to_json(foreign).dump(), false));
    CHECK(again.store.tasks.find(t.id)->title == "Second");
    CHECK(again.store.activities.contains("act-other-tab"));
    CHECK(again.outbox.size() == 2);
    CHECK(ui::take_sync_requests(again).empty());  // already saved: not handed out again
    t.title = "Third";
    REQUIRE_FALSE(ui::dispatch(again, ui::make_command("task.put", to_json(t))));
    CHECK(again.outbox.back().seq == 3);
}

TEST_CASE("the status strip shows offline, waiting changes and a refused change until dismissed") {
    Store server = generate_demo(demo_size_tiny(), 5, test::kNow);
    ui::AppState app = synced_app(server);
    test::UiHarness ui(app);
    ui::set_sync_status(app, R"({"online":false,"waiting":2,"last_synced":1789999000,
        "refused":[{"client_id":"web-1","seq":4,"kind":"task.put",
                    "error":{"code":"forbidden","message":"you may not change this task","field":""}}]})");
    ui.frame();
    CHECK(ui.shows("Sync: Offline", "Status"));
    CHECK(ui.shows("2 changes waiting to sync", "Status"));
    CHECK(ui.shows("Not saved by the server: task.put: you may not change this task", "Status"));
    REQUIRE(ui.click("Dismiss", "Status"));
    CHECK_FALSE(ui.shows("Not saved by the server: task.put: you may not change this task", "Status"));
    REQUIRE(ui.click("Sync now", "Status"));
    json taken = json::parse(ui::take_sync_requests(app));
    CHECK(taken["sync_now"] == true);
    REQUIRE(taken["dismissed"].size() == 1);
    CHECK(taken["dismissed"][0]["seq"] == 4);

    ui::set_sync_status(app, R"({"online":true,"syncing":true,"waiting":0})");
    ui.frame();
    CHECK(ui.shows("Sync: Syncing", "Status"));
    CHECK(ui.shows("No changes waiting to sync", "Status"));
    ui::set_sync_status(app, R"({"syncing":false,"error":"Sync failed: the server answered 503"})");
    ui.frame();
    CHECK(ui.shows("Sync: Sync error", "Status"));
}

TEST_CASE("a status that changes nothing the strip shows asks for no frame") {
    Store server = generate_demo(demo_size_tiny(), 5, test::kNow);
    ui::AppState app = synced_app(server);
    CHECK(ui::set_sync_status(app, R"({"online":true,"syncing":false,"waiting":3,"last_synced":1789999020})"));
    // The sync client sends its whole state again after a sync that changed nothing.
    CHECK_FALSE(ui::set_sync_status(app, R"({"online":true,"syncing":false,"waiting":3,"last_synced":1789999020})"));
    CHECK_FALSE(ui::set_sync_status(app, R"({"waiting":3,"refused":[]})"));
    CHECK(ui::set_sync_status(app, R"({"waiting":2})"));
    // "Last synced 14:02 (just now)": another sync in the same minute shows the same.
    CHECK_FALSE(ui::set_sync_status(app, R"({"last_synced":1789999050})"));
    CHECK(ui::set_sync_status(app, R"({"last_synced":1789999090})"));
    CHECK(ui::set_sync_status(app, R"({"syncing":true})"));
    CHECK(ui::set_sync_status(app, R"({"refused":[{"client_id":"web-1","seq":4,"kind":"task.put",
        "error":{"code":"forbidden","message":"you may not change this task","field":""}}]})"));
    CHECK_FALSE(ui::set_sync_status(app, "not json"));
}

TEST_CASE("two refused changes are dismissed one after the other, even when a stale status arrives") {
    Store server = generate_demo(demo_size_tiny(), 5, test::kNow);
    ui::AppState app = synced_app(server);
    test::UiHarness ui(app);
    const char* both = R"({"refused":[
        {"client_id":"web-1","seq":1,"kind":"activity.log","error":{"code":"not_found","message":"no such account"}},
        {"client_id":"web-1","seq":2,"kind":"task.put","error":{"code":"not_found","message":"no such account"}}]})";
    ui::set_sync_status(app, both);
    ui.frame();
    CHECK(ui.shows("Not saved by the server: activity.log: no such account", "Status"));
    REQUIRE(ui.click("Dismiss", "Status"));
    // The sync client read the outbox before it deleted the first: its status still lists it.
    ui::set_sync_status(app, both);
    ui.frame();
    CHECK(ui.shows("Not saved by the server: task.put: no such account", "Status"));
    REQUIRE(ui.click("Dismiss", "Status"));
    ui.frame();
    CHECK_FALSE(ui.shows("Dismiss", "Status"));
    json taken = json::parse(ui::take_sync_requests(app));
    REQUIRE(taken["dismissed"].size() == 2);
    CHECK(taken["dismissed"][0]["seq"] == 1);
    CHECK(taken["dismissed"][1]["seq"] == 2);
}

TEST_CASE("records a command made only here go once it is done with and a pull did not bring them") {
    Store server = generate_demo(demo_size_tiny(), 5, test::kNow);
    ui::AppState app = synced_app(server);
    Lead lead = app.store.leads.rows[0];
    Lead edited = lead;
    edited.owner = edited.owner == "D1-R1" ? "D1-R2" : "D1-R1";
    Command c = ui::make_command("lead.put", to_json(edited));
    REQUIRE_FALSE(ui::dispatch(app, c));
    const Command& sent = app.outbox.back();
    // The owner change logged an event here.
    const size_t events = app.store.lead_events.size();
    REQUIRE(events > 0);
    const Id event = app.store.lead_events.rows.back().id;

    // Acknowledged; the server had that owner already and logged no event: its pull brings
    // the lead alone. The event made here goes with the pull's last page.
    ui::forget_commands(app, json::array({{{"client_id", sent.client_id}, {"seq", sent.seq}}}).dump());
    CHECK(app.store.lead_events.contains(event));  // still shown while the pull runs
    ui::PullPage p;
    REQUIRE_FALSE(ui::apply_pull_page(app, one_change("leads", to_json(edited)), p));
    CHECK_FALSE(app.store.lead_events.contains(event));
    CHECK(app.store.leads.find(lead.id)->owner == edited.owner);

    // An event the server sent stays, whoever made it first.
    edited.owner = lead.owner.empty() ? "D1-R2" : lead.owner;
    REQUIRE_FALSE(ui::dispatch(app, ui::make_command("lead.put", to_json(edited))));
    const Command& again = app.outbox.back();
    const LeadEvent logged = app.store.lead_events.rows.back();
    ui::forget_commands(app, json::array({{{"client_id", again.client_id}, {"seq", again.seq}}}).dump());
    REQUIRE_FALSE(ui::apply_pull_page(app, one_change("lead_events", to_json(logged)), p));
    CHECK(app.store.lead_events.contains(logged.id));
}

namespace {

std::vector<std::uint32_t> sorted(std::vector<std::uint32_t> rows) {
    std::sort(rows.begin(), rows.end());
    return rows;
}

// A small pull into a loaded app is followed record by record; the derived data must be what
// a rebuild from the same store gives (the way every pull was followed before): the indexes
// the screens use, core's, and the inbox they make, also filtered by campaign.
void check_as_rebuilt(const ui::AppState& app) {
    ui::AppState full = app;
    ui::refresh_derived_data(full);
    const ui::AppIndex& ix = app.index;
    const ui::AppIndex& re = full.index;
    CHECK(ix.contacts_of == re.contacts_of);
    CHECK(ix.activities_of == re.activities_of);
    CHECK(ix.leads_of == re.leads_of);
    CHECK(ix.tasks_of == re.tasks_of);
    CHECK(ix.search_blob == re.search_blob);
    CHECK(ix.search_begin == re.search_begin);
    CHECK(ix.account_rank == re.account_rank);
    CHECK(ix.lead_account == re.lead_account);
    CHECK(ix.lead_category == re.lead_category);
    CHECK(ix.lead_owner == re.lead_owner);
    CHECK(ix.lead_dealer == re.lead_dealer);
    CHECK(ix.lead_score == re.lead_score);
    CHECK(ix.lead_state == re.lead_state);
    CHECK(ix.lead_campaign_begin == re.lead_campaign_begin);
    CHECK(ix.lead_campaigns == re.lead_campaigns);
    CHECK(ix.category_rank == re.category_rank);
    CHECK(ix.user_rank == re.user_rank);
    const Indexes& core = app.core_index;
    const Indexes& core_re = full.core_index;
    CHECK(core.activities_of_account == core_re.activities_of_account);
    CHECK(core.tasks_of_account == core_re.tasks_of_account);
    CHECK(core.tasks_of_lead == core_re.tasks_of_lead);
    CHECK(core.leads_of_account == core_re.leads_of_account);
    CHECK(core.events_of_lead == core_re.events_of_lead);
    CHECK(core.activity_at == core_re.activity_at);
    CHECK(core.activity_campaign == core_re.activity_campaign);
    CHECK(core.lead_account == core_re.lead_account);
    for (const User& u : app.store.users.rows) {
        auto rows = [&](const Indexes& x) {
            auto it = x.leads_of_owner.find(u.id);
            return it == x.leads_of_owner.end() ? std::vector<std::uint32_t>() : sorted(it->second);
        };
        CHECK(rows(core) == rows(core_re));
    }
    ui::InboxState inbox = app.inbox, inbox_re = full.inbox;
    for (std::uint32_t campaign : {ui::kAnyRow, 0u}) {
        inbox.filter.campaign = inbox_re.filter.campaign = campaign;
        inbox.dirty = inbox_re.dirty = true;
        ui::refresh_inbox(app.store, app.index, inbox);
        ui::refresh_inbox(full.store, full.index, inbox_re);
        CHECK(inbox.order == inbox_re.order);
    }
}

// Applies a one-page pull (as JSON, or in the binary form) to a loaded app; checks it was
// followed record by record (a rebuild replaces the index, and with it this marker).
void pull_small_page(ui::AppState& app, const json& changes, bool binary = false) {
    app.index.category_rank.push_back(777);
    ui::PullPage p;
    std::string page = json{{"changes", changes}, {"cursor", "9999"}, {"has_more", false}}.dump();
    REQUIRE_FALSE(ui::apply_pull_page(app, binary ? test::binary_page(page) : page, p));
    REQUIRE(app.index.category_rank.back() == 777);
    app.index.category_rank.pop_back();
}

}  // namespace

TEST_CASE("a small pull is followed record by record and leaves what a rebuild would") {
    Store server = generate_demo(demo_size_tiny(), 5, test::kNow);
    ui::AppState app = synced_app(server);
    REQUIRE(app.store.leads.size() > 0);
    REQUIRE(app.store.campaigns.size() > 0);
    const Lead lead = app.store.leads.rows[0];
    // A change of this tab still waiting, replayed over the page.
    json waiting = {{"id", "act-waiting"}, {"account_id", lead.account_id}, {"type", "note"},
                    {"at", test::kNow - 60}, {"note", "Asked for the brochure"}};
    REQUIRE_FALSE(ui::dispatch(app, ui::make_command("activity.log", waiting)));

    // Another user's work: signals about the lead's product (one from a campaign), a task,
    // the lead itself reassigned, with the event every reassignment writes.
    json changes = json::array();
    for (int i = 0; i < 3; ++i) {
        Activity a;
        a.id = "act-pulled-" + std::to_string(i);
        a.account_id = lead.account_id;
        a.type = i == 0 ? ActivityType::quote_request : ActivityType::test_drive;
        a.at = test::kNow - 3600 + i;
        a.product_category = lead.product_category;
        if (i == 2) a.campaign_id = app.store.campaigns.rows[0].id;
        changes.push_back({{"table", "activities"}, {"record", to_json(a)}});
    }
    Task t;
    t.id = "task-pulled";
    t.account_id = lead.account_id;
    t.lead_id = lead.id;
    t.assignee = "D1-R2";
    t.title = "Send the test drive offer";
    t.due = test::kNow + 86400;
    t.created_at = test::kNow;
    changes.push_back({{"table", "tasks"}, {"record", to_json(t)}});
    Lead moved = *app.store.leads.find(lead.id);
    LeadEvent reassigned;
    reassigned.id = "cmd-reassign";
    reassigned.lead_id = lead.id;
    reassigned.kind = LeadEventKind::reassigned;
    reassigned.at = test::kNow - 30;
    reassigned.actor = "D1-M";
    reassigned.from_owner = moved.owner;
    moved.owner = app.store.users.rows[app.store.users.size() - 1].id;
    reassigned.to_owner = moved.owner;
    changes.push_back({{"table", "leads"}, {"record", to_json(moved)}});
    changes.push_back({{"table", "lead_events"}, {"record", to_json(reassigned)}});

    bool binary = false;
    SUBCASE("a JSON page") {}
    SUBCASE("a binary page") { binary = true; }
    pull_small_page(app, changes, binary);
    CHECK(app.store.activities.contains("act-pulled-2"));
    CHECK(app.store.activities.contains("act-waiting"));
    CHECK(app.store.tasks.find("task-pulled")->title == "Send the test drive offer");
    CHECK(app.store.leads.find(lead.id)->owner == moved.owner);
    check_as_rebuilt(app);
}

TEST_CASE("a lead the engine opens on pulled signals counts the campaigns that came before") {
    Store server = generate_demo(demo_size_tiny(), 5, test::kNow);
    ui::AppState app = synced_app(server);
    REQUIRE(app.store.campaigns.size() > 0);
    // An account with no lead about some product yet.
    Id account, category;
    for (const Account& a : app.store.accounts.rows) {
        for (const ProductCategory& c : app.store.categories.rows) {
            bool has_lead = std::any_of(app.store.leads.rows.begin(), app.store.leads.rows.end(),
                [&](const Lead& l) { return l.account_id == a.id && l.product_category == c.id; });
            if (!has_lead) { account = a.id; category = c.id; break; }
        }
        if (!account.empty()) break;
    }
    REQUIRE_FALSE(account.empty());
    auto signal = [&](const std::string& id, ActivityType type, Time at, const Id& campaign) {
        Activity a;
        a.id = id;
        a.account_id = account;
        a.type = type;
        a.at = at;
        a.product_category = category;
        a.campaign_id = campaign;
        return json{{"table", "activities"}, {"record", to_json(a)}};
    };
    // A campaign's mailing was opened: not enough for a lead.
    const size_t leads_before = app.store.leads.size();
    pull_small_page(app, json::array({signal("act-campaign", ActivityType::literature_request,
                                             test::kNow - 7200, app.store.campaigns.rows[0].id)}));
    REQUIRE(app.store.leads.size() == leads_before);
    check_as_rebuilt(app);
    // Then a quote request and test drives, none from a campaign: the engine opens a lead,
    // and the campaign's earlier touch is the lead's (the inbox's campaign filter finds it).
    json strong = json::array();
    strong.push_back(signal("act-quote", ActivityType::quote_request, test::kNow - 3600, ""));
    for (int i = 0; i < 3; ++i)
        strong.push_back(signal("act-drive-" + std::to_string(i), ActivityType::test_drive,
                                test::kNow - 3000 + i, ""));
    pull_small_page(app, strong);
    REQUIRE(app.store.leads.size() > leads_before);
    check_as_rebuilt(app);
}
