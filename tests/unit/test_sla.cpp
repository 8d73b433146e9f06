#include <doctest/doctest.h>
#include "sla.h"
#include "timeline.h"
#include "workflow_fixture.h"

using namespace fc;
using namespace fixture;

namespace {

struct World {
    Store s = small_store();
    Calendars cals;
    SlaPolicy policy;
    RoutingRules routing;
    Indexes idx;

    World() {
        REQUIRE_FALSE(build_calendars(s, nullptr, cals).has_value());
        REQUIRE_FALSE(from_json(json::parse(R"({
          "teams": [{"id": "d1-cars", "dealer": "D1", "members": ["D1-R1", "D1-R2", "D1-R3"]}],
          "fallback_queue": "C-1"})"), routing).has_value());
    }
    SlaClock clock(const char* lead_id, Band band, Time now) {
        idx = build_indexes(s);
        return sla_clock(s, idx, cals, policy, s.leads.row_of(lead_id), band, now);
    }
    std::vector<Command> sweep(Time now) {
        idx = build_indexes(s);
        RoutingState st = build_routing_state(s, idx, routing);
        return plan_sla_escalations(s, idx, cals, policy, score_threshold_bands(), routing, st, now);
    }
};

}  // namespace

TEST_CASE("SLA deadlines per band follow the dealer's hours across the weekend and DST") {
    World w;
    Time fri17 = utc_time(2026, 3, 27, 16, 0);  // Friday 17:00 CET
    w.s.leads.put(lead("H", "A1", "new-cars", "D1-R1", kWed10, 80));
    w.s.leads.put(lead("W", "A1", "vans", "D1-R1", fri17, 40));
    w.s.leads.put(lead("C", "A1", "tyres", "D1-R1", fri17, 10));
    CHECK(w.clock("H", Band::hot, kWed10).deadline == kWed10 + 15 * 60);
    // 1 h on Friday, 3 h on Saturday 09-13: Saturday 12:00 CET.
    CHECK(w.clock("W", Band::warm, fri17).deadline == utc_time(2026, 3, 28, 11, 0));
    // Two business days from Friday 17:00: Saturday, (Sunday closed), Monday 17:00 CEST.
    CHECK(w.clock("C", Band::cold, fri17).deadline == utc_time(2026, 3, 30, 15, 0));
}

TEST_CASE("the response clock runs, warns, breaches, and stops at the first outbound touch") {
    World w;
    w.s.leads.put(lead("L1", "A1", "new-cars", "D1-R1", kWed10, 80));
    CHECK(w.clock("L1", Band::hot, kWed10 + 60).state == SlaState::running);
    CHECK(w.clock("L1", Band::hot, kWed10 + 11 * 60).state == SlaState::due_soon);
    CHECK(w.clock("L1", Band::hot, kWed10 + 11 * 60).business_left == 4 * 60);
    CHECK(w.clock("L1", Band::hot, kWed10 + 15 * 60).state == SlaState::breached);

    SUBCASE("the customer calling again is not an answer, nor a call nobody logged") {
        w.s.activities.put(activity("E1", "A1", "A1-C1", ActivityType::inbound_call, kWed10 + 120, "new-cars"));
        w.s.activities.put(activity("E2", "A1", "A1-C1", ActivityType::outbound_call, kWed10 + 180, "new-cars"));
        CHECK(w.clock("L1", Band::hot, kWed10 + 20 * 60).state == SlaState::breached);
    }
    SUBCASE("an outbound call by a rep in time") {
        w.s.activities.put(activity("E1", "A1", "A1-C1", ActivityType::outbound_call, kWed10 + 600, "new-cars", 0, "D1-R1"));
        SlaClock k = w.clock("L1", Band::hot, kWed10 + 3600);
        CHECK(k.state == SlaState::answered_in_time);
        CHECK(k.answered_at == kWed10 + 600);
    }
    SUBCASE("an email on another product line does not answer this lead") {
        w.s.activities.put(activity("E1", "A1", "A1-C1", ActivityType::outbound_email, kWed10 + 600, "tyres", 0, "D1-R1"));
        CHECK(w.clock("L1", Band::hot, kWed10 + 3600).state == SlaState::breached);
    }
    SUBCASE("a late answer is late") {
        w.s.activities.put(activity("E1", "A1", "A1-C1", ActivityType::visit, kWed10 + 1200, "", 0, "D1-R2"));
        CHECK(w.clock("L1", Band::hot, kWed10 + 3600).state == SlaState::answered_late);
    }
    SUBCASE("a closed lead runs no clock") {
        w.s.leads.find("L1")->state = LeadState::disqualified;
        CHECK(w.clock("L1", Band::hot, kWed10 + 3600).state == SlaState::not_applicable);
    }
}

TEST_CASE("a lead waiting past its SLA is notified to the manager, then redirected down the rotation") {
    World w;
    w.s.leads.put(lead("L1", "A1", "new-cars", "D1-R1", kWed10, 80));
    const Time min = 60;

    auto cmds = w.sweep(kWed10 + 16 * min);
    REQUIRE(cmds.size() == 1);
    CHECK(cmds[0].kind == "lead.sla_notice");
    CHECK(cmds[0].payload["notify"] == "D1-M");
    CHECK(cmds[0].payload["reason"].get<std::string>().find("15 business minutes") != std::string::npos);
    apply_all(w.s, cmds);
    CHECK(w.sweep(kWed10 + 16 * min).empty());  // re-running changes nothing
    CHECK(w.sweep(kWed10 + 29 * min).empty());  // redirect only after another 15 min

    cmds = w.sweep(kWed10 + 31 * min);
    REQUIRE(cmds.size() == 1);
    CHECK(cmds[0].kind == "lead.redirect");
    CHECK(cmds[0].payload["to"] == "D1-R2");
    apply_all(w.s, cmds);
    CHECK(w.s.leads.find("L1")->owner == "D1-R2");

    // D1-R2 gets a fresh 15 minutes from the redirect; silence again: notice and redirect.
    CHECK(w.clock("L1", Band::hot, kWed10 + 40 * min).state == SlaState::running);
    cmds = w.sweep(kWed10 + 62 * min);
    REQUIRE(cmds.size() == 2);
    CHECK(cmds[1].payload["to"] == "D1-R3");
    apply_all(w.s, cmds);

    cmds = w.sweep(kWed10 + 93 * min);
    REQUIRE(cmds.size() == 2);
    CHECK(cmds[1].payload["to"] == "C-1");  // everyone held it: the fallback queue
    CHECK(cmds[1].payload["reason"].get<std::string>().find("fallback queue") != std::string::npos);
    apply_all(w.s, cmds);

    // In the queue it can go nowhere else; the desk is told, once.
    cmds = w.sweep(kWed10 + 150 * min);
    REQUIRE(cmds.size() == 1);
    CHECK(cmds[0].kind == "lead.sla_notice");
    apply_all(w.s, cmds);
    CHECK(w.sweep(kWed10 + 150 * min).empty());

    // Every step is on the lead's timeline, with its reason.
    Indexes idx = build_indexes(w.s);
    TimelineFilter only_events;
    only_events.kinds = 1u << unsigned(EntryKind::lead_event);
    TimelinePage p = lead_timeline(w.s, idx, "L1", only_events);
    int notices = 0, redirects = 0;
    for (const TimelineEntry& e : p.entries) {
        const LeadEvent& ev = w.s.lead_events.rows[e.row];
        notices += ev.kind == LeadEventKind::sla_notice;
        redirects += ev.kind == LeadEventKind::sla_redirect;
        CHECK_FALSE(ev.reason.empty());
    }
    CHECK(notices == 4);
    CHECK(redirects == 3);
    CHECK(describe(w.s, p.entries.back()).find("SLA breach: Jürgen Weiß notified") == 0);
}

TEST_CASE("an answered lead is never escalated") {
    World w;
    w.s.leads.put(lead("L1", "A1", "new-cars", "D1-R1", kWed10, 80));
    w.s.activities.put(activity("E1", "A1", "A1-C1", ActivityType::outbound_call, kWed10 + 20 * 60, "new-cars", 0, "D1-R1"));
    CHECK(w.sweep(kWed10 + 3 * 3600).empty());
}

TEST_CASE("SLA policies are read from data with validation") {
    SlaPolicy p;
    REQUIRE_FALSE(from_json(json::parse(R"({"hot": {"business_minutes": 10, "warn_before_minutes": 2},
        "cold": {"business_days": 3}, "redirect_after_percent": 50})"), p).has_value());
    CHECK(p.response[0].amount == 10);
    CHECK(p.warn_before[0] == 120);
    CHECK(p.response[1].unit == BudgetUnit::business_hours);  // warm keeps its default
    CHECK(p.response[2].amount == 3);
    CHECK(p.redirect_after_percent == 50);
    auto e = from_json(json::parse(R"({"warm": {"business_hours": 4, "business_minutes": 5}})"), p, "sla");
    REQUIRE(e.has_value());
    CHECK(e->field == "sla.warm");
    e = from_json(json::parse(R"({"lukewarm": {"business_hours": 4}})"), p, "sla");
    REQUIRE(e.has_value());
    CHECK(e->field == "sla.lukewarm");
    e = from_json(json::parse(R"({"hot": {"business_minutes": 0}})"), p, "sla");
    REQUIRE(e.has_value());
    CHECK(e->field == "sla.hot.business_minutes");
}

TEST_CASE("dealer calendars come from the dealer's zone and configured hours") {
    Store s = small_store();
    Calendars c;
    REQUIRE_FALSE(build_calendars(s, nullptr, c).has_value());
    CHECK(std::string(calendar_for(c, "D2").zone->name) == "Europe/Warsaw");
    json cfg = json::parse(R"({"dealers": {"D2": {"hours": {"sat": [["10:00", "14:00"]]}}}})");
    REQUIRE_FALSE(build_calendars(s, &cfg, c).has_value());
    CHECK(calendar_for(c, "D2").week[0].empty());
    CHECK(std::string(calendar_for(c, "D2").zone->name) == "Europe/Warsaw");
    json bad = json::parse(R"({"dealers": {"D9": {"hours": {"sat": [["10:00", "14:00"]]}}}})");
    CHECK(build_calendars(s, &bad, c)->field == "dealers.D9");
    s.dealers.find("D1")->time_zone = "Europe/Atlantis";
    CHECK(build_calendars(s, nullptr, c)->field == "dealers[0].time_zone");
}
