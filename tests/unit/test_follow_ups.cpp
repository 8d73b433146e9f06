#include <doctest/doctest.h>
#include "follow_up_rules.h"
#include "record_json.h"
#include "timeline.h"
#include "workflow_commands.h"
#include "workflow_fixture.h"

using namespace fc;
using namespace fixture;

namespace {

const Time kDay = 86400;
const Time P = kWed10;  // the purchase

std::vector<Command> plan(const Store& s, const FollowUpRules& rules, Time now,
                          FollowUpContext ctx = {}) {
    Indexes idx = build_indexes(s);
    return plan_follow_ups(s, idx, rules, now, ctx);
}

FollowUpRules rules_from(const char* text) {
    FollowUpRules r;
    auto e = from_json(json::parse(text), r, "follow_ups");
    INFO((e ? e->message : ""));
    REQUIRE_FALSE(e.has_value());
    return r;
}

}  // namespace

TEST_CASE("the default rules parse") {
    FollowUpRules r;
    REQUIRE_FALSE(from_json(default_follow_up_rules_json(), r).has_value());
    CHECK(r.rules.size() == 4);
    CHECK(default_follow_up_rules().rules.size() == 4);
}

TEST_CASE("a purchase books a satisfaction call 15 days later for the lead's owner, once") {
    Store s = small_store();
    s.leads.put(lead("L1", "A1", "new-cars", "D1-R2", P - 20 * kDay, 50, LeadState::converted));
    s.activities.put(activity("E1", "A1", "A1-C1", ActivityType::purchase, P, "new-cars", 2500000, "D1-R2"));
    auto cmds = plan(s, default_follow_up_rules(), P + kDay);
    REQUIRE(cmds.size() == 1);
    apply_all(s, cmds);
    const Task* t = s.tasks.find("fu:satisfaction-call:E1");
    REQUIRE(t != nullptr);
    CHECK(t->due == P + 15 * kDay);
    CHECK(t->assignee == "D1-R2");
    CHECK(t->lead_id == "L1");
    CHECK(t->contact_id == "A1-C1");
    CHECK(t->created_at == P + kDay);
    CHECK(t->title == "Satisfaction call: is Karl Müller happy with the new-cars bought 2026-03-25?");
    CHECK(t->blocked_reason.empty());

    SUBCASE("re-running the rules creates nothing") {
        CHECK(plan(s, default_follow_up_rules(), P + 2 * kDay).empty());
    }
    SUBCASE("applying the same plan twice changes nothing, and never reopens a done task") {
        REQUIRE_FALSE(apply_command(s, cmd("done-1", "task.complete",
                                           {{"task_id", t->id}, {"outcome", "All fine"}},
                                           P + 15 * kDay, "D1-R2")).has_value());
        apply_all(s, cmds);
        CHECK(s.tasks.size() == 1);
        CHECK(s.tasks.find("fu:satisfaction-call:E1")->state == TaskState::done);
    }
}

TEST_CASE("a service over 500.00 gets a check call from the service team") {
    Store s = small_store();
    s.activities.put(activity("E1", "A1", "A1-C1", ActivityType::service, P, "service", 50000));
    s.activities.put(activity("E2", "A1", "A1-C1", ActivityType::service, P, "service", 50001));
    RoutingRules routing;
    REQUIRE_FALSE(from_json(json::parse(R"({"teams": [{"id": "d1-service", "dealer": "D1",
        "categories": ["service"], "members": ["D1-R3"]}], "fallback_queue": "C-1"})"), routing).has_value());
    Indexes idx = build_indexes(s);
    RoutingState st = build_routing_state(s, idx, routing);
    auto cmds = plan(s, default_follow_up_rules(), P + kDay, {&routing, &st});
    REQUIRE(cmds.size() == 1);  // exactly 500.00 is not "over 500"
    CHECK(cmds[0].id == "fu:service-check:E2");
    CHECK(cmds[0].payload["assignee"] == "D1-R3");
    CHECK(cmds[0].payload["due"] == P + 2 * kDay);
    CHECK(cmds[0].payload["title"] == "Check call after the 500.01 service of 2026-03-25: is everything all right?");
    // Without routing rules the dealer's manager takes it.
    auto plain = plan(s, default_follow_up_rules(), P + kDay);
    REQUIRE(plain.size() == 1);
    CHECK(plain[0].payload["assignee"] == "D1-M");
}

TEST_CASE("tyre rotation repeats every 6 months, each once the previous came due") {
    Store s = small_store();
    s.activities.put(activity("E2", "A1", "A1-C2", ActivityType::purchase, P, "tyres", 60000));
    FollowUpRules rules = default_follow_up_rules();

    auto first = plan(s, rules, P + kDay);
    REQUIRE(first.size() == 2);  // satisfaction call + first rotation
    apply_all(s, first);
    const Task* r0 = s.tasks.find("fu:tyre-rotation:E2");
    REQUIRE(r0 != nullptr);
    CHECK(r0->due == utc_time(2026, 9, 25, 9, 0));
    CHECK(r0->occurrence == 0);
    CHECK(r0->title == "Tyre rotation reminder #1 for Müller Transport");
    CHECK(plan(s, rules, utc_time(2026, 9, 24)).empty());  // not due yet: no second one

    auto second = plan(s, rules, utc_time(2026, 9, 26));
    REQUIRE(second.size() == 1);
    CHECK(second[0].id == "fu:tyre-rotation:E2:1");
    CHECK(second[0].payload["due"] == utc_time(2027, 3, 25, 9, 0));
    apply_all(s, second);
    CHECK(plan(s, rules, utc_time(2026, 9, 26)).empty());

    SUBCASE("a first run long after the purchase skips what is too late to matter") {
        Store fresh = small_store();
        fresh.activities.put(activity("E2", "A1", "A1-C2", ActivityType::purchase, P, "tyres", 60000));
        auto cmds = plan(fresh, rules, utc_time(2026, 9, 26));
        REQUIRE(cmds.size() == 2);  // the satisfaction call (due April) is 5 months late: skipped
        CHECK(cmds[0].id == "fu:tyre-rotation:E2");
        CHECK(cmds[1].id == "fu:tyre-rotation:E2:1");
    }
    SUBCASE("max_occurrences stops the series") {
        FollowUpRules once = rules_from(R"({"rules": [{"id": "rot", "trigger": {"on": "activity",
            "activity_type": "purchase", "product_category": "tyres"}, "delay": {"months": 6},
            "recurrence": {"every_months": 6, "max_occurrences": 1}, "title": "Rotate"}]})");
        Store fresh = small_store();
        fresh.activities.put(activity("E2", "A1", "A1-C2", ActivityType::purchase, P, "tyres", 60000));
        CHECK(plan(fresh, once, utc_time(2026, 9, 26)).size() == 1);
    }
}

TEST_CASE("a lost deal gets a follow-up 30 days later, so the customer is not dropped") {
    Store s = small_store();
    s.leads.put(lead("L1", "A1", "new-cars", "D1-R1", P - 10 * kDay, 50, LeadState::qualified));
    Lead lost = *s.leads.find("L1");
    lost.state = LeadState::disqualified;
    REQUIRE_FALSE(apply_command(s, cmd("edit-1", "lead.put", to_json(lost), P, "D1-R1")).has_value());
    auto cmds = plan(s, default_follow_up_rules(), P + kDay);
    REQUIRE(cmds.size() == 1);
    CHECK(cmds[0].payload["rule_id"] == "lost-deal-follow-up");
    CHECK(cmds[0].payload["due"] == P + 30 * kDay);
    CHECK(cmds[0].payload["assignee"] == "D1-R1");
    CHECK(cmds[0].payload["lead_id"] == "L1");
    CHECK(cmds[0].payload["title"] == "30 days after the lost new-cars deal: has Müller Transport been taken care of?");
    // A won deal is a different trigger.
    FollowUpRules won = rules_from(R"({"rules": [{"id": "thanks", "trigger": {"on": "deal_won"}, "title": "Thank {account}"}]})");
    CHECK(plan(s, won, P + kDay).empty());
}

TEST_CASE("do-not-contact and consent are honoured: blocked with the reason, or skipped") {
    Store s = small_store();
    s.activities.put(activity("E1", "A2", "A2-C1", ActivityType::purchase, P, "new-cars", 100));
    s.activities.put(activity("E3", "A3", "A3-C1", ActivityType::purchase, P, "new-cars", 100));
    auto cmds = plan(s, default_follow_up_rules(), P + kDay);
    REQUIRE(cmds.size() == 2);
    apply_all(s, cmds);
    CHECK(s.tasks.find("fu:satisfaction-call:E1")->blocked_reason == "Đorđe Đorđević asked not to be contacted");
    CHECK(s.tasks.find("fu:satisfaction-call:E3")->blocked_reason == "山田 花子 has not consented to calls");

    FollowUpRules skip = rules_from(R"({"rules": [{"id": "sat", "trigger": {"on": "activity",
        "activity_type": "purchase"}, "delay": {"days": 15}, "channel": "phone",
        "when_not_allowed": "skip", "title": "Call {contact}"}]})");
    CHECK(plan(s, skip, P + kDay).empty());
    FollowUpRules visit = rules_from(R"({"rules": [{"id": "v", "trigger": {"on": "activity",
        "activity_type": "purchase"}, "channel": "visit", "when_not_allowed": "skip", "title": "Visit"}]})");
    auto v = plan(s, visit, P + kDay);
    REQUIRE(v.size() == 1);  // 山田 refused calls and email, not a visit; Đorđe refused everything
    CHECK(v[0].payload["account_id"] == "A3");
}

TEST_CASE("no contact for N days triggers once per silence") {
    Store s = small_store();
    s.activities.put(activity("E1", "A1", "A1-C1", ActivityType::inbound_call, P));
    FollowUpRules r = rules_from(R"({"rules": [{"id": "win-back", "trigger": {"on": "no_contact",
        "days": 180}, "assignee": "dealer_manager", "title": "We have not heard from {account}"}]})");
    CHECK(plan(s, r, P + 179 * kDay).empty());
    auto cmds = plan(s, r, P + 181 * kDay);
    REQUIRE(cmds.size() == 1);
    CHECK(cmds[0].payload["due"] == P + 180 * kDay);
    CHECK(cmds[0].payload["assignee"] == "D1-M");
    CHECK(cmds[0].payload["contact_id"] == "A1-C1");
    apply_all(s, cmds);
    CHECK(plan(s, r, P + 182 * kDay).empty());
    s.activities.put(activity("E2", "A1", "A1-C1", ActivityType::visit, P + 200 * kDay, "", 0, "D1-R1"));
    CHECK(plan(s, r, P + 300 * kDay).empty());
    CHECK(plan(s, r, P + 381 * kDay).size() == 1);
}

TEST_CASE("follow-up rule files are validated with the path of the problem") {
    FollowUpRules r;
    auto check = [&](const char* text, const char* field) {
        auto e = from_json(json::parse(text), r, "follow_ups");
        REQUIRE(e.has_value());
        CHECK(e->field == field);
    };
    check(R"({"rules": [{"id": "a", "trigger": {"on": "activity"}, "title": "Hi {custmer}"}]})",
          "follow_ups.rules[0].title");
    check(R"({"rules": [{"id": "a", "trigger": {"on": "activity"}, "title": "x"},
                        {"id": "b", "trigger": {"on": "deal_maybe"}, "title": "x"}]})",
          "follow_ups.rules[1].trigger.on");
    check(R"({"rules": [{"id": "a", "trigger": {"on": "activity", "activity_type": "fax"}, "title": "x"}]})",
          "follow_ups.rules[0].trigger.activity_type");
    check(R"({"rules": [{"id": "a", "trigger": {"on": "activity"}, "recurrence": {"every_months": 0}, "title": "x"}]})",
          "follow_ups.rules[0].recurrence.every_months");
    check(R"({"rules": [{"id": "a", "trigger": {"on": "no_contact"}, "title": "x"}]})",
          "follow_ups.rules[0].trigger.days");
    check(R"({"rules": [{"id": "a", "trigger": {"on": "activity"}, "title": "x", "assignee": "boss"}]})",
          "follow_ups.rules[0].assignee");
    check(R"({"rules": [{"id": "a", "trigger": {"on": "activity"}, "title": "x"},
                        {"id": "a", "trigger": {"on": "activity"}, "title": "y"}]})",
          "follow_ups.rules[1].id");
    check(R"({"rules": [{"id": "a", "trigger": {"on": "deal_lost", "amount_over": 5}, "title": "x"}]})",
          "follow_ups.rules[0].trigger.amount_over");
}

TEST_CASE("completing a task records when and how it ended, once") {
    Store s = small_store();
    Task t;
    t.id = "T1";
    t.account_id = "A1";
    t.assignee = "D1-R1";
    t.title = "Call back";
    t.due = P;
    REQUIRE_FALSE(apply_command(s, cmd("new-1", "task.create", to_json(t), P - kDay)).has_value());
    CHECK(s.tasks.find("T1")->created_at == P - kDay);
    auto e = apply_command(s, cmd("x-1", "task.complete", {{"task_id", "T1"}}, P));
    REQUIRE(e.has_value());
    CHECK(e->field == "payload.outcome");
    Command done = cmd("x-2", "task.complete", {{"task_id", "T1"}, {"outcome", "Booked a test drive"}}, P + 60);
    REQUIRE_FALSE(apply_command(s, done).has_value());
    const Task* after = s.tasks.find("T1");
    CHECK(after->state == TaskState::done);
    CHECK(after->done_at == P + 60);
    CHECK(after->outcome == "Booked a test drive");
    CHECK(after->done_by == "D1-M");  // the command's author
    Indexes idx = build_indexes(s);
    TimelinePage page = account_timeline(s, idx, "A1");
    REQUIRE(page.entries.size() == 2);
    CHECK(describe(s, page.entries[0]) == "Task done: Call back: Booked a test drive (by Jürgen Weiß)");
    CHECK(entry_actor(s, page.entries[0]) == "D1-M");
    CHECK_FALSE(apply_command(s, done).has_value());  // a retry is harmless
    auto again = apply_command(s, cmd("x-3", "task.complete", {{"task_id", "T1"}, {"outcome", "again"}}, P + 99));
    REQUIRE(again.has_value());
    CHECK(again->code == "conflict");
    CHECK(apply_command(s, cmd("x-4", "task.complete", {{"task_id", "T9"}, {"outcome", "?"}}, P))->field == "payload.task_id");
}

TEST_CASE("a state change logged by another engine triggers the deal rules too") {
    Store s = small_store();
    s.leads.put(lead("L1", "A1", "new-cars", "D1-R1", P - 10 * kDay, 50, LeadState::converted));
    const Lead& l = *s.leads.find("L1");
    CHECK(log_state_change(s, "deal-7:won", l, LeadState::qualified, LeadState::converted, P, "D1-R1", "deal won"));
    CHECK_FALSE(log_state_change(s, "deal-7:won", l, LeadState::qualified, LeadState::converted, P, "D1-R1"));
    CHECK(s.lead_events.size() == 1);
    FollowUpRules won = rules_from(R"({"rules": [{"id": "thanks", "trigger": {"on": "deal_won"},
        "delay": {"days": 1}, "title": "Thank {account}"}]})");
    auto cmds = plan(s, won, P + kDay);
    REQUIRE(cmds.size() == 1);
    CHECK(cmds[0].payload["title"] == "Thank Müller Transport");
    CHECK(cmds[0].payload["source_id"] == "deal-7:won");
}
