#include <doctest/doctest.h>
#include <set>
#include "record_json.h"
#include "timeline.h"
#include "workflow_fixture.h"

using namespace fc;
using namespace fixture;

namespace {

const Time kHour = 3600;

// A1: a lead on new-cars with an assignment and a state change, a task created and done,
// activities on two categories and two contacts.
Store busy_store() {
    Store s = small_store();
    s.activities.put(activity("E1", "A1", "A1-C1", ActivityType::web_form, kWed10, "new-cars", 0, "", "CMP1"));
    s.leads.put(lead("L1", "A1", "new-cars", "", kWed10, 60));
    apply_all(s, {cmd("r1", "lead.reassign", {{"lead_id", "L1"}, {"to", "D1-R1"}, {"reason", "routing"}}, kWed10 + 60)});
    s.activities.put(activity("E2", "A1", "A1-C1", ActivityType::outbound_call, kWed10 + kHour, "new-cars", 0, "D1-R1"));
    s.activities.put(activity("E3", "A1", "A1-C2", ActivityType::service, kWed10 + 2 * kHour, "service", 12000));
    Task t;
    t.id = "T1";
    t.account_id = "A1";
    t.contact_id = "A1-C1";
    t.lead_id = "L1";
    t.assignee = "D1-R1";
    t.title = "Send the quote";
    t.due = kWed10 + 24 * kHour;
    apply_all(s, {cmd("t1", "task.create", to_json(t), kWed10 + 3 * kHour, "D1-R1")});
    apply_all(s, {cmd("t1d", "task.complete", {{"task_id", "T1"}, {"outcome", "Quote sent"}}, kWed10 + 5 * kHour, "D1-R1")});
    Lead l = *s.leads.find("L1");
    l.state = LeadState::qualified;
    apply_all(s, {cmd("q1", "lead.put", to_json(l), kWed10 + 4 * kHour, "D1-R1")});
    return s;
}

std::vector<std::string> lines(const Store& s, const TimelinePage& p) {
    std::vector<std::string> out;
    for (const TimelineEntry& e : p.entries) out.push_back(describe(s, e));
    return out;
}

}  // namespace

TEST_CASE("an account's timeline is one stream of everything, newest first, with who") {
    Store s = busy_store();
    Indexes idx = build_indexes(s);
    TimelinePage p = account_timeline(s, idx, "A1");
    std::vector<std::string> expect = {
        "Task done: Send the quote: Quote sent",
        "Lead New -> Qualified by Anna Müller",
        "Task created: Send the quote, for Anna Müller",
        "Service (service), 120.00",
        "Outbound call by Anna Müller (new-cars)",
        "Lead assigned to Anna Müller by Jürgen Weiß: routing",
        // Same instant: the lead opened from the web form, so it sits above it.
        "Lead opened for new-cars",
        "Web form (new-cars)",
    };
    CHECK(lines(s, p) == expect);
    CHECK_FALSE(p.has_more);
    CHECK(entry_actor(s, p.entries[0]) == "D1-R1");  // who completed the task
    CHECK(entry_actor(s, p.entries[5]) == "D1-M");
    CHECK(entry_actor(s, p.entries[7]).empty());  // the customer's own web form
}

TEST_CASE("contact and lead timelines show only their own part") {
    Store s = busy_store();
    Indexes idx = build_indexes(s);
    TimelinePage c2 = contact_timeline(s, idx, "A1-C2");
    CHECK(lines(s, c2) == std::vector<std::string>{"Service (service), 120.00"});
    TimelinePage c1 = contact_timeline(s, idx, "A1-C1");
    CHECK(c1.entries.size() == 4);  // task done, task created, outbound call, web form
    TimelinePage l = lead_timeline(s, idx, "L1");
    CHECK(l.entries.size() == 7);  // everything but the service visit
    for (const TimelineEntry& e : l.entries)
        CHECK(describe(s, e).find("Service") == std::string::npos);
    // A call about no product in particular is on the lead's stream too.
    s.activities.put(activity("E10", "A1", "A1-C2", ActivityType::outbound_call, kWed10 + 6 * kHour, "", 0, "D1-R2"));
    refresh_indexes(idx, s);
    l = lead_timeline(s, idx, "L1");
    REQUIRE(l.entries.size() == 8);
    CHECK(describe(s, l.entries[0]) == "Outbound call by Łukasz Nowak");
    TimelineFilter only_cars;
    only_cars.product_category = "new-cars";
    CHECK(lead_timeline(s, idx, "L1", only_cars).entries.size() == 7);
    CHECK(account_timeline(s, idx, "A404").entries.empty());
}

TEST_CASE("timeline filters by kind, activity type, product category and date range") {
    Store s = busy_store();
    Indexes idx = build_indexes(s);
    TimelineFilter f;
    f.kinds = 1u << unsigned(EntryKind::lead_event);
    CHECK(account_timeline(s, idx, "A1", f).entries.size() == 2);

    f = {};
    f.kinds = 1u << unsigned(EntryKind::activity);
    f.activity_types = 1u << unsigned(ActivityType::outbound_call);
    CHECK(lines(s, account_timeline(s, idx, "A1", f)) ==
          std::vector<std::string>{"Outbound call by Anna Müller (new-cars)"});

    f = {};
    f.product_category = "service";
    CHECK(account_timeline(s, idx, "A1", f).entries.size() == 1);  // tasks/events are new-cars
    f.product_category = "new-cars";
    CHECK(account_timeline(s, idx, "A1", f).entries.size() == 7);
    f.product_category = "no-such-thing";
    CHECK(account_timeline(s, idx, "A1", f).entries.empty());

    f = {};
    f.from = kWed10 + kHour;
    f.to = kWed10 + 4 * kHour;  // [from, to): the call, the service, the task creation
    CHECK(account_timeline(s, idx, "A1", f).entries.size() == 3);
}

TEST_CASE("paging with a cursor returns every entry exactly once, ties included") {
    Store s = small_store();
    // 130 activities, many sharing a timestamp, plus tasks at the same instants.
    for (int i = 0; i < 130; ++i) {
        std::string id = "E" + std::to_string(i);
        s.activities.put(Activity{id, "A1", "A1-C1", ActivityType::inbound_email, kWed10 + (i / 7) * 60,
                                  "", "", 0, "", "", ""});
    }
    for (int i = 0; i < 9; ++i) {
        Task t;
        t.id = "T" + std::to_string(i);
        t.account_id = "A1";
        t.title = "t";
        t.due = kWed10;
        t.created_at = kWed10 + i * 60;
        s.tasks.put(t);
    }
    Indexes idx = build_indexes(s);
    std::set<std::pair<int, std::uint32_t>> seen;
    TimelineCursor cursor;
    Time last = INT64_MAX;
    int pages = 0;
    for (;;) {
        TimelinePage p = account_timeline(s, idx, "A1", {}, cursor, 40);
        ++pages;
        for (const TimelineEntry& e : p.entries) {
            CHECK(e.at <= last);
            last = e.at;
            CHECK(seen.insert({int(e.kind), e.row}).second);
        }
        if (!p.has_more) break;
        cursor = p.next;
    }
    CHECK(pages == 4);  // 139 entries in pages of 40
    CHECK(seen.size() == 139);
}

TEST_CASE("indexes follow commands applied after they were built") {
    Store s = busy_store();
    Indexes idx = build_indexes(s);
    // An activity logged out of order (an offline tablet syncing late) and a reassignment.
    apply_all(s, {cmd("a1", "activity.log", {{"id", "E-late"}, {"account_id", "A1"}, {"contact_id", "A1-C2"},
                                             {"type", "visit"}, {"at", kWed10 + 30 * 60}, {"author", "D1-R2"}},
                      kWed10 + 9 * kHour),
                  cmd("a2", "activity.log", {{"id", "E-buy"}, {"account_id", "A1"}, {"type", "purchase"},
                                             {"at", kWed10 + 20 * 60}, {"amount", 100}},
                      kWed10 + 9 * kHour),
                  cmd("r2", "lead.reassign", {{"lead_id", "L1"}, {"to", "D1-R2"}, {"reason", "holiday"}},
                      kWed10 + 9 * kHour)});
    refresh_indexes(idx, s);
    Indexes fresh = build_indexes(s);
    CHECK(idx.activities_of_account == fresh.activities_of_account);
    CHECK(idx.activity_account == fresh.activity_account);
    CHECK(idx.activity_campaign == fresh.activity_campaign);
    CHECK(idx.activity_at == fresh.activity_at);
    CHECK(idx.events_of_lead == fresh.events_of_lead);
    CHECK(idx.leads_of_owner["D1-R2"] == Rows{0});
    CHECK(idx.leads_of_owner["D1-R1"].empty());
    CHECK(lines(s, account_timeline(s, idx, "A1", {}, {}, 1))[0].find("Lead reassigned from Anna Müller to Łukasz Nowak") == 0);
}

TEST_CASE("the summary shows the last touch and the next planned step") {
    Store s = busy_store();
    Task blocked;
    blocked.id = "T2";
    blocked.account_id = "A1";
    blocked.title = "Call Karl";
    blocked.due = kWed10 + 30 * kHour;
    blocked.blocked_reason = "asked not to be called";
    Task next = blocked;
    next.id = "T3";
    next.title = "Visit with the estate car";
    next.due = kWed10 + 48 * kHour;
    next.blocked_reason.clear();
    s.tasks.put(blocked);
    s.tasks.put(next);
    s.activities.put(activity("E9", "A1", "A1-C1", ActivityType::note, kWed10 + 6 * kHour));
    Indexes idx = build_indexes(s);
    TimelineSummary sum = account_summary(s, idx, "A1", kWed10 + 8 * kHour);
    REQUIRE(sum.last_touch != kNoRow);
    CHECK(s.activities.rows[sum.last_touch].id == "E3");  // a note is not a touch
    REQUIRE(sum.next_step != kNoRow);
    CHECK(s.tasks.rows[sum.next_step].id == "T3");  // T2 is earlier but blocked
    CHECK(sum.open_tasks == 2);
    CHECK(account_summary(s, idx, "A1", kWed10 + 40 * kHour).overdue_tasks == 1);
}
