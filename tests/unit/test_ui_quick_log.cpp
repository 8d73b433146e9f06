#include <doctest/doctest.h>
#include <imgui_internal.h>
#include <algorithm>
#include "account_screen.h"
#include "dispatch.h"
#include "quick_log.h"
#include "record_json.h"
#include "ui_harness.h"
#include "ui_test_data.h"

using namespace fc;

namespace {

// Opens the Accounts screen on the first account (in name order) whose first contact may be
// called, the way a user would: navigation, then a click in the list.
std::uint32_t open_callable_account(ui::AppState& app, test::UiHarness& ui) {
    REQUIRE(ui.click("Accounts", "Navigation"));
    for (std::uint32_t a : app.index.accounts_by_name) {
        const auto& contacts = app.index.contacts_of[a];
        if (contacts.empty() || app.store.contacts.rows[contacts[0]].do_not_contact) continue;
        REQUIRE(ui.click_and_type("Search accounts", app.store.accounts.rows[a].name, "Accounts"));
        REQUIRE(ui.click(app.store.accounts.rows[a].name, "Accounts"));
        REQUIRE(app.accounts.selected == a);
        return a;
    }
    FAIL("no callable account in the demo data");
    return ui::kNoRow;
}

}  // namespace

TEST_CASE("a call is logged with the keyboard only: c, outcome, Enter") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app);
    ui.frame();
    std::uint32_t a = open_callable_account(app, ui);
    size_t activities = app.store.activities.size();

    ui.press(ImGuiKey_C);
    REQUIRE(app.quick_log.open);
    CHECK(ui.shows("Log call · " + app.store.accounts.rows[a].name, "Quick log"));
    ui.type("Wants a quote for 3 vans");  // focus landed in the outcome field
    ui.press(ImGuiKey_Enter);
    CHECK_FALSE(app.quick_log.open);

    REQUIRE(app.store.activities.size() == activities + 1);
    REQUIRE(app.outbox.size() == 1);
    const Command& c = app.outbox[0];
    CHECK(c.seq == 1);
    CHECK(c.kind == "activity.log");
    CHECK(c.client_id == app.client_id);
    CHECK(c.author == app.user_id);
    CHECK(c.payload["type"] == "outbound_call");
    CHECK(c.payload["note"] == "Wants a quote for 3 vans");
    CHECK(c.payload["account_id"] == app.store.accounts.rows[a].id);
    ui.frame();
    // Newest first on the account's timeline.
    CHECK(app.index.activities_of[a].front() == app.store.activities.row_of(c.payload["id"].get<Id>()));
    CHECK(ui.shows("Wants a quote for 3 vans", "Accounts"));
    CHECK(ui.shows("1 change waiting to sync", "Status"));
}

TEST_CASE("Tab moves to the next step, and Enter books it as a task due tomorrow morning") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app);
    ui.frame();
    std::uint32_t a = open_callable_account(app, ui);
    ui.press(ImGuiKey_V);
    REQUIRE(app.quick_log.open);
    CHECK(app.quick_log.kind == ui::LogKind::visit);
    ui.type("Test drive went well");
    ui.press(ImGuiKey_Tab);
    ui.type("Send the leasing offer");
    ui.press(ImGuiKey_Enter);
    CHECK_FALSE(app.quick_log.open);
    // The task first, then the activity: seq 1 and 2, no gap.
    REQUIRE(app.outbox.size() == 2);
    CHECK(app.outbox[0].kind == "task.put");
    CHECK(app.outbox[0].seq == 1);
    CHECK(app.outbox[1].kind == "activity.log");
    CHECK(app.outbox[1].seq == 2);
    const Task* t = app.store.tasks.find(app.outbox[0].payload["id"]);
    REQUIRE(t);
    CHECK(t->title == "Send the leasing offer");
    CHECK(t->due == ui::due_at(app.now, 1, app.utc_offset_minutes));
    CHECK(t->assignee == app.user_id);
    CHECK(t->account_id == app.store.accounts.rows[a].id);
    ui.frame();
    CHECK(ui.shows("Send the leasing offer", "Accounts"));  // under Open tasks
}

TEST_CASE("Escape cancels a quick log and nothing is recorded") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app);
    ui.frame();
    open_callable_account(app, ui);
    size_t activities = app.store.activities.size();
    ui.press(ImGuiKey_C);
    ui.type("Never mind");
    ui.press(ImGuiKey_Escape);
    CHECK_FALSE(app.quick_log.open);
    CHECK(app.store.activities.size() == activities);
    CHECK(app.outbox.empty());
}

TEST_CASE("a next step core refuses shows its message at the field and changes nothing") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app);
    ui.frame();
    open_callable_account(app, ui);
    size_t activities = app.store.activities.size(), tasks = app.store.tasks.size();
    ui.press(ImGuiKey_C);
    ui.type("Long call");
    ui.press(ImGuiKey_Tab);
    ui.type(std::string(230, 'x'));  // core allows 200 bytes in a task title
    ui.press(ImGuiKey_Enter);
    CHECK(app.quick_log.open);  // still open, with what was typed
    CHECK(ui.shows("Next step is longer than 200 bytes", "Quick log"));
    CHECK(app.store.activities.size() == activities);
    CHECK(app.store.tasks.size() == tasks);
    CHECK(app.outbox.empty());
    CHECK(app.next_seq == 1);
}

TEST_CASE("calling someone who asked not to be contacted is refused before any command") {
    ui::AppState app = test::loaded_demo_app();
    // Make the only contact of some account do-not-contact, through a command like any change.
    std::uint32_t a = app.index.accounts_by_name[0];
    std::uint32_t c = app.index.contacts_of[a][0];
    Contact dnc = app.store.contacts.rows[c];
    dnc.do_not_contact = true;
    REQUIRE_FALSE(ui::dispatch(app, ui::make_command("contact.put", to_json(dnc))));
    test::UiHarness ui(app);
    ui.frame();
    ui::show_account(app, a);
    ui.frame();
    CHECK(ui.shows("Do not contact", "Accounts"));
    ui::open_quick_log(app, a, ui::LogKind::call);
    app.quick_log.contact = c;
    auto e = ui::save_quick_log(app);
    REQUIRE(e);
    CHECK(e->code == "do_not_contact");
    ui.frame();
    CHECK(ui.shows(dnc.name + " asked not to be contacted. Pick someone else, or log a note.", "Quick log"));
    CHECK(app.outbox.size() == 1);  // only the contact change
}

TEST_CASE("dispatch numbers accepted commands without gaps and keeps refused ones out") {
    ui::AppState app = test::loaded_demo_app();
    Task t = app.store.tasks.rows[0];
    t.title = "Call again";
    REQUIRE_FALSE(ui::dispatch(app, ui::make_command("task.put", to_json(t)), "f"));
    Task bad = t;
    bad.assignee = "nobody";
    auto e = ui::dispatch(app, ui::make_command("task.put", to_json(bad)), "f");
    REQUIRE(e);
    CHECK(e->field == "payload.assignee");
    CHECK(ui::field_error(app, "f", "payload.assignee") != nullptr);
    CHECK(app.store.tasks.rows[0].assignee == t.assignee);
    t.title = "Call on Monday";
    REQUIRE_FALSE(ui::dispatch(app, ui::make_command("task.put", to_json(t)), "f"));
    CHECK(ui::form_error(app, "f") == nullptr);  // a success clears the form's error
    REQUIRE(app.outbox.size() == 2);
    CHECK(app.outbox[0].seq == 1);
    CHECK(app.outbox[1].seq == 2);
    CHECK(app.outbox[0].id != app.outbox[1].id);
}

TEST_CASE("Call and Email record a tel: or mailto: for the platform, never for do-not-contact") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app);
    ui.frame();
    std::uint32_t a = open_callable_account(app, ui);
    const Contact& c = app.store.contacts.rows[app.index.contacts_of[a][0]];
    REQUIRE(ui.click("Call", "Accounts"));
    std::string tel = c.phone;
    tel.erase(std::remove(tel.begin(), tel.end(), ' '), tel.end());
    CHECK(app.pending_url == "tel:" + tel);
    if (c.consent_email) {
        REQUIRE(ui.click("Email", "Accounts"));
        CHECK(app.pending_url == "mailto:" + c.email);
    }
    Contact dnc = c;
    dnc.do_not_contact = true;
    REQUIRE_FALSE(ui::dispatch(app, ui::make_command("contact.put", to_json(dnc))));
    app.pending_url.clear();
    REQUIRE(ui.click("Call", "Accounts"));  // drawn, but disabled
    CHECK(app.pending_url.empty());
    CHECK(ui.shows("Do not contact", "Accounts"));
}

// The browser queues a keystroke's key and its character as they are typed, and draws when
// it can (wasm/platform.cpp builds up to four ImGui frames for queued keys). A person who
// presses "c" and types at once may do so just as the focus moves into the outcome field:
// ImGui activates a focused field a frame later and ignores the characters of that frame.
TEST_CASE("text typed the instant the quick log opens arrives whole; typed after Tab, once") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app);
    ui.frame();
    open_callable_account(app, ui);
    ImGuiIO& io = ImGui::GetIO();
    auto paint = [&] {
        auto keys_queued = [] {
            for (const ImGuiInputEvent& e : GImGui->InputEventsQueue)
                if (e.Type == ImGuiInputEventType_Key || e.Type == ImGuiInputEventType_Text)
                    return true;
            return false;
        };
        for (int built = 0; built < 4; ++built) {
            ui.frame();
            if (!keys_queued()) break;
        }
    };
    auto keystroke = [&](ImGuiKey key, const char* text) {  // the key comes up with the next
        io.AddKeyEvent(key, true);
        if (text) io.AddInputCharactersUTF8(text);
        paint();
        io.AddKeyEvent(key, false);
    };
    keystroke(ImGuiKey_C, nullptr);
    REQUIRE(app.quick_log.open);
    keystroke(ImGuiKey_W, "W");  // the outcome field takes the focus in this frame
    keystroke(ImGuiKey_A, "a");
    keystroke(ImGuiKey_Tab, nullptr);
    keystroke(ImGuiKey_O, "O");
    keystroke(ImGuiKey_K, "k");
    paint();
    CHECK(std::string(app.quick_log.outcome) == "Wa");
    CHECK(std::string(app.quick_log.next_step) == "Ok");
}
