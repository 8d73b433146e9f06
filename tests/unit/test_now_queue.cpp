#include <doctest/doctest.h>
#include "now_queue.h"
#include "workflow_fixture.h"

using namespace fc;
using namespace fixture;

namespace {

const Time kMin = 60, kHour = 3600, kDay = 86400;

Task task(const char* id, const char* assignee, Time due, TaskState st = TaskState::open,
          const char* blocked = "") {
    Task t;
    t.id = id;
    t.account_id = "A1";
    t.assignee = assignee;
    t.title = std::string("Follow up ") + id;
    t.due = due;
    t.state = st;
    t.blocked_reason = blocked;
    return t;
}

}  // namespace

TEST_CASE("the Now queue lists what needs the rep, most urgent first, each with its reason") {
    Store s = small_store();
    const Time now = kWed10 + 12 * kMin;  // Wednesday 10:12 in Berlin
    s.leads.put(lead("B", "A1", "new-cars", "D1-R1", kWed10 - 20 * kMin, 80));
    s.leads.put(lead("B2", "A1", "vans", "D1-R1", kWed10 - 60 * kMin, 80));
    s.leads.put(lead("D", "A2", "new-cars", "D1-R1", kWed10 - 2 * kMin, 80));
    s.leads.put(lead("H", "A2", "vans", "D1-R1", kWed10 + 10 * kMin, 70));
    s.leads.put(lead("H2", "A2", "tyres", "D1-R1", kWed10 + 11 * kMin, 95));
    s.leads.put(lead("W", "A3", "new-cars", "D1-R1", kWed10, 40));  // warm, hours left: after hot
    Lead answered = lead("A", "A3", "vans", "D1-R1", kWed10 - 60 * kMin, 90);
    answered.first_response_at = kWed10 - 50 * kMin;
    s.leads.put(answered);
    s.leads.put(lead("O", "A3", "tyres", "D1-R2", kWed10 - 60 * kMin, 90));  // someone else's
    s.leads.put(lead("X", "A1", "tyres", "D1-R1", kWed10 - 60 * kMin, 90, LeadState::disqualified));

    s.tasks.put(task("T-over", "D1-R1", kWed10 - kDay));
    s.tasks.put(task("T-over2", "D1-R1", kWed10 - 2 * kDay));
    s.tasks.put(task("T-today", "D1-R1", utc_time(2026, 3, 25, 16, 0)));       // 17:00 CET
    s.tasks.put(task("T-late-today", "D1-R1", utc_time(2026, 3, 25, 22, 30)));  // 23:30 CET
    s.tasks.put(task("T-tomorrow", "D1-R1", utc_time(2026, 3, 25, 23, 30)));    // 00:30 CET Thu
    s.tasks.put(task("T-blocked", "D1-R1", kWed10 - kDay, TaskState::open, "asked not to be called"));
    s.tasks.put(task("T-done", "D1-R1", kWed10 - kDay, TaskState::done));
    s.tasks.put(task("T-other", "D1-R2", kWed10 - kDay));

    Indexes idx = build_indexes(s);
    Calendars cals;
    REQUIRE_FALSE(build_calendars(s, nullptr, cals).has_value());
    auto q = build_now_queue(s, idx, cals, SlaPolicy{}, score_threshold_bands(), "D1-R1", now);

    std::vector<std::string> ids;
    for (const NowItem& it : q)
        ids.push_back(is_lead_item(it.reason) ? s.leads.rows[it.row].id
                                                           : s.tasks.rows[it.row].id);
    CHECK(ids == std::vector<std::string>{"B2", "B", "D", "H2", "H", "W", "T-over2", "T-over",
                                          "T-today", "T-late-today"});
    REQUIRE(q.size() == 10);
    CHECK(q[0].reason == NowReason::sla_breached);
    CHECK(q[0].why == "SLA breached 57 min ago: hot lead, 15 business minutes");
    CHECK(q[2].reason == NowReason::sla_due_soon);
    CHECK(q[2].why == "SLA due in 1 min of business time: hot lead, 15 business minutes");
    CHECK(q[3].reason == NowReason::new_hot_lead);
    CHECK(q[3].why == "New hot lead (score 95), answer within 15 business minutes");
    CHECK(q[5].reason == NowReason::new_lead);
    CHECK(q[5].why == "New warm lead (score 40), answer within 4 business hours");
    CHECK(q[6].reason == NowReason::task_overdue);
    CHECK(q[6].why == "Follow-up overdue by 2 d 0 h: Follow up T-over2");
    CHECK(q[8].reason == NowReason::task_due_today);
    CHECK(q[8].why == "Follow-up due today 17:00: Follow up T-today");

    SUBCASE("a lead reassigned away leaves the queue") {
        apply_all(s, {cmd("r1", "lead.reassign", {{"lead_id", "B2"}, {"to", "D1-R2"}, {"reason", "cover"}}, now)});
        refresh_indexes(idx, s);
        auto q2 = build_now_queue(s, idx, cals, SlaPolicy{}, score_threshold_bands(), "D1-R1", now);
        CHECK(q2.size() == 9);
        auto theirs = build_now_queue(s, idx, cals, SlaPolicy{}, score_threshold_bands(), "D1-R2", now);
        REQUIRE_FALSE(theirs.empty());
        // A reassigned lead gets a fresh window for its new owner: new, hot and running.
        CHECK(s.leads.rows[theirs[0].row].id == "O");
        bool has_b2 = false;
        for (const NowItem& it : theirs)
            has_b2 = has_b2 || (is_lead_item(it.reason) && s.leads.rows[it.row].id == "B2");
        CHECK(has_b2);
    }
    SUBCASE("the limit keeps the most urgent") {
        auto top = build_now_queue(s, idx, cals, SlaPolicy{}, score_threshold_bands(), "D1-R1", now, 2);
        REQUIRE(top.size() == 2);
        CHECK(s.leads.rows[top[1].row].id == "B");
    }
}

TEST_CASE("a manager notified of a breach sees it in their Now queue until it is handled") {
    Store s = small_store();
    s.leads.put(lead("L1", "A1", "new-cars", "D1-R1", kWed10, 80));
    Calendars cals;
    REQUIRE_FALSE(build_calendars(s, nullptr, cals).has_value());
    RoutingRules routing;
    REQUIRE_FALSE(from_json(json::parse(R"({"teams": [{"id": "t", "dealer": "D1",
        "members": ["D1-R1", "D1-R2"]}], "fallback_queue": "C-1"})"), routing).has_value());
    const Time now = kWed10 + 20 * kMin;
    Indexes idx = build_indexes(s);
    RoutingState st = build_routing_state(s, idx, routing);
    apply_all(s, plan_sla_escalations(s, idx, cals, SlaPolicy{}, score_threshold_bands(), routing, st, now));
    refresh_indexes(idx, s);
    auto q = build_now_queue(s, idx, cals, SlaPolicy{}, score_threshold_bands(), "D1-M", now + kMin);
    REQUIRE(q.size() == 1);
    CHECK(q[0].reason == NowReason::sla_escalated);
    CHECK(q[0].why == "Escalated to you: Anna Müller has not answered for 6 min past the SLA (hot lead, 15 business minutes)");

    // Answered: it leaves the manager's queue.
    s.activities.put(activity("E1", "A1", "A1-C1", ActivityType::outbound_call, now + 2 * kMin, "new-cars", 0, "D1-R1"));
    refresh_indexes(idx, s);
    CHECK(build_now_queue(s, idx, cals, SlaPolicy{}, score_threshold_bands(), "D1-M", now + 3 * kMin).empty());
}

TEST_CASE("a new lead routed to the rep is in their Now queue at once, whatever its band") {
    Store s = small_store();
    const Time now = kWed10 + kMin;
    // A web form from a new prospect scores cold (24): its SLA has days left, but it is new
    // and unanswered, so it waits in the queue after the hot leads, not in the Leads list only.
    s.leads.put(lead("C", "A1", "vans", "D1-R1", kWed10, 24));
    s.leads.put(lead("Hot", "A2", "vans", "D1-R1", kWed10, 80));
    Lead working = lead("Wk", "A3", "vans", "D1-R1", kWed10, 24, LeadState::working);
    s.leads.put(working);  // being worked on: not new
    Indexes idx = build_indexes(s);
    Calendars cals;
    REQUIRE_FALSE(build_calendars(s, nullptr, cals).has_value());
    auto q = build_now_queue(s, idx, cals, SlaPolicy{}, score_threshold_bands(), "D1-R1", now);
    REQUIRE(q.size() == 2);
    CHECK(s.leads.rows[q[0].row].id == "Hot");
    CHECK(s.leads.rows[q[1].row].id == "C");
    CHECK(q[1].reason == NowReason::new_lead);
    CHECK(q[1].why == "New cold lead (score 24), answer within 2 business days");
    CHECK(build_now_queue(s, idx, cals, SlaPolicy{}, score_threshold_bands(), "D1-R2", now).empty());
}
