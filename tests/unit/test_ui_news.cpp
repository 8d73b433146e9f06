// The live badge counts news, not pokes (ui/news.h): a captured lead is news once, to its
// owner, when routing puts it in their queue, and not to a colleague; a lead redirected to the
// user and a task falling due are news; what was there when the tab opened is not.
#include <doctest/doctest.h>
#include "news.h"
#include "ui_test_data.h"
#include "user_queue.h"

using namespace fc;

namespace {

bool in_queue(const ui::AppState& app, const Id& lead_id) {
    for (const NowItem& q : ui::user_now_queue(app))
        if (is_lead_item(q.reason) && app.store.leads.rows[q.row].id == lead_id) return true;
    return false;
}

// The first lead in some user's Now queue, with that user.
std::pair<Id, Id> queued_lead(ui::AppState& app) {
    for (const User& u : app.store.users.rows) {
        app.user_id = u.id;
        for (const NowItem& q : ui::user_now_queue(app))
            if (is_lead_item(q.reason)) return {u.id, app.store.leads.rows[q.row].id};
    }
    FAIL("no user has a lead in the Now queue");
    return {};
}

// Another rep of the same dealer as `user`.
Id colleague(const Store& s, const Id& user) {
    const User* me = s.users.find(user);
    for (const User& u : s.users.rows)
        if (u.id != user && u.dealer_id == me->dealer_id && u.role == "rep") return u.id;
    FAIL("the demo dealer has one rep");
    return {};
}

}  // namespace

TEST_CASE("a captured lead is one piece of news to its owner, once routing gives it to them") {
    ui::AppState app = test::loaded_demo_app();
    auto [rep, lead_id] = queued_lead(app);
    ui::NewsWatch watch;
    CHECK(ui::take_news(watch, app) == 0);  // what the tab opened with
    CHECK(ui::take_news(watch, app) == 0);

    // The capture arrives by pull: a new lead with no owner yet, in nobody's queue.
    Lead captured = *app.store.leads.find(lead_id);
    captured.id = "captured-1";
    captured.owner.clear();
    app.store.leads.put(captured);
    ui::refresh_derived_data(app);
    CHECK_FALSE(in_queue(app, "captured-1"));
    CHECK(ui::take_news(watch, app) == 0);

    // Routing gives it to this rep: it joins their Now queue.
    app.store.leads.find("captured-1")->owner = rep;
    ui::refresh_derived_data(app);
    REQUIRE(in_queue(app, "captured-1"));
    CHECK(ui::take_news(watch, app) == 1);
    CHECK(ui::take_news(watch, app) == 0);

    // Pulled after routing already ran: the same one piece of news.
    captured.id = "captured-2";
    captured.owner = rep;
    app.store.leads.put(captured);
    ui::refresh_derived_data(app);
    REQUIRE(in_queue(app, "captured-2"));
    CHECK(ui::take_news(watch, app) == 1);
}

TEST_CASE("a captured lead routed to a colleague is no news to the rep") {
    ui::AppState app = test::loaded_demo_app();
    auto [rep, lead_id] = queued_lead(app);
    Id other = colleague(app.store, rep);
    ui::NewsWatch watch;
    CHECK(ui::take_news(watch, app) == 0);

    Lead captured = *app.store.leads.find(lead_id);
    captured.id = "captured-1";
    captured.owner.clear();  // pulled before routing ran
    app.store.leads.put(captured);
    captured.id = "captured-2";
    captured.owner = other;  // pulled after routing ran
    app.store.leads.put(captured);
    ui::refresh_derived_data(app);
    CHECK(ui::take_news(watch, app) == 0);
    app.store.leads.find("captured-1")->owner = other;
    ui::refresh_derived_data(app);
    CHECK(ui::take_news(watch, app) == 0);
}

TEST_CASE("a lead redirected to the user, and a task falling due for them, are news") {
    ui::AppState app = test::loaded_demo_app();
    auto [rep, lead_id] = queued_lead(app);
    Id other = colleague(app.store, rep);
    // The lead sits in a colleague's queue when the tab opens.
    app.store.leads.find(lead_id)->owner = other;
    ui::refresh_derived_data(app);
    REQUIRE_FALSE(in_queue(app, lead_id));
    ui::NewsWatch watch;
    CHECK(ui::take_news(watch, app) == 0);

    app.store.leads.find(lead_id)->owner = rep;  // SLA redirect
    ui::refresh_derived_data(app);
    REQUIRE(in_queue(app, lead_id));
    CHECK(ui::take_news(watch, app) == 1);

    Task call;
    call.id = "task-due-now";
    call.account_id = app.store.leads.find(lead_id)->account_id;
    call.assignee = rep;
    call.title = "Call back about the trade-in";
    call.due = app.now - 60;
    call.created_at = app.now - 3600;
    app.store.tasks.put(call);
    ui::refresh_derived_data(app);
    CHECK(ui::take_news(watch, app) == 1);
    CHECK(ui::take_news(watch, app) == 0);  // told once
}
