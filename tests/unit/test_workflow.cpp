#include <doctest/doctest.h>
#include "demo_data.h"
#include "snapshot.h"
#include "workflow.h"
#include "workflow_fixture.h"

using namespace fc;

namespace {
constexpr Time kNow = 1790000000;  // 2026-09-21, a Monday
}

TEST_CASE("the workflow document is validated part by part, with paths") {
    Store s = fixture::small_store();
    WorkflowConfig c;
    auto bad = [&](const char* text) { return load_workflow_config(s, json::parse(text), c); };
    CHECK(bad(R"({"sla": {"hot": {"business_minutes": -1}}})")->field == "sla.hot.business_minutes");
    CHECK(bad(R"({"routing": {"teams": [{"id": "t", "dealer": "D7", "members": []}], "fallback_queue": "C-1"}})")
              ->field == "routing.teams[0].dealer");
    CHECK(bad(R"({"calendars": {"dealers": {"D1": {"hours": {"mon": [["9", "17"]]}}}}})")
              ->field == "calendars.dealers.D1.hours.mon[0]");
    CHECK(bad(R"({"follow_ups": {"rules": [{"id": "x", "trigger": {"on": "activity"}}]}})")
              ->field == "follow_ups.rules[0].title");
    CHECK(bad(R"({"scoring": {}})")->code == "unknown_field");
    REQUIRE_FALSE(bad(R"({})").has_value());
    CHECK(c.follow_ups.rules.size() == 4);
    CHECK(c.routing.fallback_queue == "C-1");
}

TEST_CASE("sweeping generated data: every planned command applies, and a second sweep plans nothing") {
    Store s = generate_demo(demo_size_tiny(), 11, kNow);
    // Some unowned leads, so routing has work too.
    for (size_t i = 0; i < s.leads.rows.size(); i += 3) s.leads.rows[i].owner.clear();
    Indexes idx = build_indexes(s);
    WorkflowConfig cfg = default_workflow_config(s);
    BandOf bands = score_threshold_bands();

    std::vector<Command> applied;
    auto e = run_workflow_and_apply(s, idx, cfg, bands, kNow, &applied);
    INFO((e ? e->field + ": " + e->message : ""));
    REQUIRE_FALSE(e.has_value());
    CHECK_FALSE(applied.empty());
    for (const Lead& l : s.leads.rows)
        if (l.state == LeadState::new_lead || l.state == LeadState::working ||
            l.state == LeadState::qualified)
            CHECK_FALSE(l.owner.empty());  // never lost

    WorkflowRun again = run_workflow(s, idx, cfg, bands, kNow);
    CHECK(again.routing.empty());
    CHECK(again.sla.empty());
    CHECK(again.follow_ups.empty());

    // A replica sweeping the same data plans the same commands.
    Store twin = generate_demo(demo_size_tiny(), 11, kNow);
    for (size_t i = 0; i < twin.leads.rows.size(); i += 3) twin.leads.rows[i].owner.clear();
    Indexes twin_idx = build_indexes(twin);
    std::vector<Command> twin_applied;
    REQUIRE_FALSE(run_workflow_and_apply(twin, twin_idx, cfg, bands, kNow, &twin_applied).has_value());
    REQUIRE(twin_applied.size() == applied.size());
    for (size_t i = 0; i < applied.size(); ++i) CHECK(to_json(twin_applied[i]) == to_json(applied[i]));

    // And what the sweep wrote survives a snapshot.
    Store back;
    REQUIRE_FALSE(load_snapshot(snapshot_to_json(s), back).has_value());
    CHECK(back.lead_events.size() == s.lead_events.size());
    CHECK(back.tasks.size() == s.tasks.size());
}
