#include <doctest/doctest.h>
#include "navigation.h"
#include "ui_harness.h"
#include "ui_test_data.h"

using namespace fc;

TEST_CASE("follow-ups list overdue tasks first; snooze moves one, Done closes one with its outcome") {
    ui::AppState app = test::loaded_demo_app();
    test::UiHarness ui(app);
    ui.frame();
    REQUIRE(ui.click("Follow-ups", "Navigation"));
    REQUIRE(ui.click("Only mine", "Follow-ups"));  // everyone's
    CHECK_FALSE(app.follow_ups.mine_only);
    const auto& entries = app.follow_ups.entries;
    REQUIRE(entries.size() > 2);
    CHECK(entries[0].task == ui::kNoRow);
    CHECK(entries[0].day == -1);
    CHECK(ui.shows("Overdue", "Follow-ups"));
    std::uint32_t first = entries[1].task;
    Time due = app.store.tasks.rows[first].due;
    CHECK(due < app.now);

    REQUIRE(ui.click_and_type("Outcome", "No answer, voicemail left", "Follow-ups"));
    REQUIRE(ui.click("+1 day", "Follow-ups"));  // the first row's
    const Task& snoozed = app.store.tasks.rows[first];
    CHECK(snoozed.state == TaskState::open);
    CHECK(snoozed.due == app.now + 86400);  // overdue: a day from now, not from when it was due
    CHECK(snoozed.outcome == "No answer, voicemail left");
    REQUIRE(app.outbox.size() == 1);
    CHECK(app.outbox[0].kind == "task.put");

    std::uint32_t next = app.follow_ups.entries[1].task;
    CHECK(next != first);
    REQUIRE(ui.click_and_type("Outcome", "Quote accepted", "Follow-ups"));
    REQUIRE(ui.click("Done", "Follow-ups"));
    CHECK(app.store.tasks.rows[next].state == TaskState::done);
    CHECK(app.store.tasks.rows[next].outcome == "Quote accepted");
    REQUIRE(app.outbox.size() == 2);
    CHECK(app.outbox[1].seq == 2);
    // The host page (a dealer portal) hears that a task was done and that two changes wait.
    std::vector<std::string> events = ui::take_events(app);
    auto has = [&](const json& want) {
        for (const std::string& e : events)
            if (json::parse(e) == want) return true;
        return false;
    };
    CHECK(has({{"type", "task_done"}, {"task_id", app.store.tasks.rows[next].id}, {"skipped", false}}));
    CHECK(has({{"type", "sync_state_changed"}, {"waiting", 2}}));
    CHECK_FALSE(has({{"type", "task_done"}, {"task_id", app.store.tasks.rows[first].id}, {"skipped", false}}));
    ui.frame();
    for (const auto& e : app.follow_ups.entries) CHECK(e.task != next);  // done: off the list
}

TEST_CASE("with nothing to follow up the screen says so and what to do") {
    ui::AppState app = test::loaded_demo_app();
    for (Task& t : app.store.tasks.rows) t.state = TaskState::done;  // test setup, not the UI
    test::UiHarness ui(app);
    REQUIRE(ui.click("Follow-ups", "Navigation"));
    CHECK(ui.shows("Nothing to follow up: you are all caught up.", "Follow-ups"));
}
