#include <doctest/doctest.h>
#include "record_json.h"
#include "routing.h"
#include "timeline.h"
#include "workflow_fixture.h"

using namespace fc;
using namespace fixture;

namespace {

RoutingRules rules_from(const char* text) {
    RoutingRules r;
    auto e = from_json(json::parse(text), r, "routing");
    INFO((e ? e->message : ""));
    REQUIRE_FALSE(e.has_value());
    return r;
}

const char* kRules = R"({
  "territories": [{"country": "DE", "postal_prefix": "80", "dealer": "D1"},
                  {"country": "PL", "postal_prefix": "30", "dealer": "D2"}],
  "teams": [{"id": "d1-cars", "dealer": "D1", "categories": ["new-cars"],
             "members": ["D1-R1", "D1-R2", "D1-R3"], "strategy": "round_robin"},
            {"id": "d1-service", "dealer": "D1", "categories": ["service", "tyres"],
             "members": ["D1-R3"], "strategy": "least_loaded", "capacity": 1},
            {"id": "d2-all", "dealer": "D2", "members": ["D2-R1"]}],
  "fallback_queue": "C-1"})";

}  // namespace

TEST_CASE("new leads are dealt round robin inside the product line's team") {
    Store s = small_store();
    for (const char* id : {"L1", "L2", "L3", "L4"})
        s.leads.put(lead(id, "A1", "new-cars", "", kWed10, 50));
    RoutingRules r = rules_from(kRules);
    REQUIRE_FALSE(check_references(s, r).has_value());
    Indexes idx = build_indexes(s);
    RoutingState st = build_routing_state(s, idx, r);
    auto cmds = plan_routing(s, idx, r, st, kWed10);
    REQUIRE(cmds.size() == 4);
    apply_all(s, cmds);
    CHECK(s.leads.find("L1")->owner == "D1-R1");
    CHECK(s.leads.find("L2")->owner == "D1-R2");
    CHECK(s.leads.find("L3")->owner == "D1-R3");
    CHECK(s.leads.find("L4")->owner == "D1-R1");

    SUBCASE("the rotation resumes where the log says it stopped") {
        s.leads.put(lead("L5", "A1", "new-cars", "", kWed10 + 60, 50));
        Indexes idx2 = build_indexes(s);
        RoutingState st2 = build_routing_state(s, idx2, r);
        auto more = plan_routing(s, idx2, r, st2, kWed10 + 60);
        REQUIRE(more.size() == 1);
        CHECK(more[0].payload["to"] == "D1-R2");
    }
    SUBCASE("every assignment is on the lead's timeline with its reason") {
        Indexes idx2 = build_indexes(s);
        TimelinePage p = lead_timeline(s, idx2, "L2");
        REQUIRE(p.entries.size() == 2);  // assigned, then created (newest first)
        CHECK(p.entries[0].kind == EntryKind::lead_event);
        CHECK(describe(s, p.entries[0]).find("round robin in team d1-cars") != std::string::npos);
        CHECK(entry_actor(s, p.entries[0]) == "system");
    }
}

TEST_CASE("least-loaded routing respects the capacity cap and parks the rest in the fallback queue") {
    Store s = small_store();
    s.leads.put(lead("S1", "A1", "service", "", kWed10, 10));
    s.leads.put(lead("S2", "A1", "tyres", "", kWed10, 10));
    RoutingRules r = rules_from(kRules);
    Indexes idx = build_indexes(s);
    RoutingState st = build_routing_state(s, idx, r);
    auto cmds = plan_routing(s, idx, r, st, kWed10);
    REQUIRE(cmds.size() == 2);
    apply_all(s, cmds);
    CHECK(s.leads.find("S1")->owner == "D1-R3");
    CHECK(s.leads.find("S2")->owner == "C-1");  // D1-R3 is at capacity 1
    CHECK(cmds[1].payload["reason"].get<std::string>().find("fallback queue C-1") != std::string::npos);
}

TEST_CASE("a lead with no eligible assignee is never lost") {
    Store s = small_store();
    s.leads.put(lead("V1", "A1", "vans", "", kWed10, 10));  // no D1 team sells vans
    RoutingRules r = rules_from(kRules);
    Indexes idx = build_indexes(s);
    RoutingState st = build_routing_state(s, idx, r);
    RouteDecision d = route_lead(s, r, st, *s.leads.find("V1"));
    CHECK(d.fallback);
    CHECK(d.owner == "C-1");
    auto cmds = plan_routing(s, idx, r, st, kWed10);
    apply_all(s, cmds);
    CHECK(s.leads.find("V1")->owner == "C-1");
    refresh_indexes(idx, s);
    CHECK(idx.leads_of_owner["C-1"].size() == 1);
}

TEST_CASE("central leads are distributed to the dealer of the account's territory") {
    Store s = small_store();
    // A3 (postal 30100, PL) was captured by D1's central form; territory says D2.
    s.leads.put(lead("P1", "A3", "new-cars", "", kWed10, 40));
    RoutingRules r = rules_from(kRules);
    Indexes idx = build_indexes(s);
    RoutingState st = build_routing_state(s, idx, r);
    auto cmds = plan_routing(s, idx, r, st, kWed10);
    REQUIRE(cmds.size() == 1);
    apply_all(s, cmds);
    const Lead* l = s.leads.find("P1");
    CHECK(l->dealer_id == "D2");
    CHECK(l->owner == "D2-R1");
    REQUIRE(s.lead_events.size() == 1);
    CHECK(s.lead_events.rows[0].to_dealer == "D2");
}

TEST_CASE("a manager reassigns a lead by command, with a reason, all or nothing") {
    Store s = small_store();
    s.leads.put(lead("L1", "A1", "new-cars", "D1-R1", kWed10, 50));
    json p = {{"lead_id", "L1"}, {"to", "D1-R2"}};
    auto e = apply_command(s, cmd("c1", "lead.reassign", p, kWed10));
    REQUIRE(e.has_value());
    CHECK(e->field == "payload.reason");
    CHECK(s.leads.find("L1")->owner == "D1-R1");
    CHECK(s.lead_events.size() == 0);

    p["reason"] = "Anna is on holiday";
    Command ok = cmd("c2", "lead.reassign", p, kWed10 + 60);
    REQUIRE_FALSE(apply_command(s, ok).has_value());
    CHECK(s.leads.find("L1")->owner == "D1-R2");
    REQUIRE(s.lead_events.size() == 1);
    const LeadEvent& ev = s.lead_events.rows[0];
    CHECK(ev.kind == LeadEventKind::reassigned);
    CHECK(ev.from_owner == "D1-R1");
    CHECK(ev.actor == "D1-M");
    CHECK(ev.reason == "Anna is on holiday");

    SUBCASE("a retried command changes nothing more") {
        REQUIRE_FALSE(apply_command(s, ok).has_value());
        CHECK(s.lead_events.size() == 1);
    }
    SUBCASE("a rep of another dealer is refused") {
        json q = {{"lead_id", "L1"}, {"to", "D2-R1"}, {"reason", "x"}};
        auto e2 = apply_command(s, cmd("c3", "lead.reassign", q, kWed10));
        REQUIRE(e2.has_value());
        CHECK(e2->field == "payload.to");
        CHECK(s.leads.find("L1")->owner == "D1-R2");
    }
    SUBCASE("moving it to the other dealer names the dealer") {
        json q = {{"lead_id", "L1"}, {"to", "D2-R1"}, {"reason", "customer moved"}, {"dealer_id", "D2"}};
        REQUIRE_FALSE(apply_command(s, cmd("c4", "lead.reassign", q, kWed10)).has_value());
        CHECK(s.leads.find("L1")->dealer_id == "D2");
    }
    SUBCASE("an unknown lead is named") {
        json q = {{"lead_id", "L404"}, {"to", "D1-R3"}, {"reason", "x"}};
        CHECK(apply_command(s, cmd("c5", "lead.reassign", q, kWed10))->field == "payload.lead_id");
    }
}

TEST_CASE("editing a lead logs its state and owner changes") {
    Store s = small_store();
    s.leads.put(lead("L1", "A1", "new-cars", "D1-R1", kWed10, 50));
    Lead l = *s.leads.find("L1");
    l.state = LeadState::qualified;
    l.owner = "D1-R2";
    REQUIRE_FALSE(apply_command(s, cmd("edit-1", "lead.put", to_json(l), kWed10 + 5)).has_value());
    REQUIRE(s.lead_events.size() == 2);
    CHECK(s.lead_events.rows[0].kind == LeadEventKind::state_changed);
    CHECK(s.lead_events.rows[0].from_state == LeadState::new_lead);
    CHECK(s.lead_events.rows[0].to_state == LeadState::qualified);
    CHECK(s.lead_events.rows[1].kind == LeadEventKind::reassigned);
    // The same edit again is not a change.
    REQUIRE_FALSE(apply_command(s, cmd("edit-2", "lead.put", to_json(l), kWed10 + 9)).has_value());
    CHECK(s.lead_events.size() == 2);
}

TEST_CASE("routing rule files are validated with paths") {
    RoutingRules r;
    auto e = from_json(json::parse(R"({"teams": [{"id": "t", "dealer": "D1", "members": ["D1-R1"],
                                      "strategy": "fastest"}], "fallback_queue": "C-1"})"), r, "routing");
    REQUIRE(e.has_value());
    CHECK(e->field == "routing.teams[0].strategy");
    e = from_json(json::parse(R"({"teams": [], "fallback_queue": "C-1", "fallback": "x"})"), r, "routing");
    REQUIRE(e.has_value());
    CHECK(e->code == "unknown_field");
    e = from_json(json::parse(R"({"teams": []})"), r, "routing");
    REQUIRE(e.has_value());
    CHECK(e->field == "routing.fallback_queue");
    e = from_json(json::parse(R"({"teams": [{"id": "t", "dealer": "D1", "members": [7]}], "fallback_queue": "C-1"})"), r, "routing");
    REQUIRE(e.has_value());
    CHECK(e->field == "routing.teams[0].members[0]");

    Store s = small_store();
    RoutingRules bad = rules_from(R"({"teams": [{"id": "t", "dealer": "D1", "members": ["D2-R1"]}],
                                      "fallback_queue": "C-1"})");
    auto ref = check_references(s, bad, "routing");
    REQUIRE(ref.has_value());
    CHECK(ref->field == "routing.teams[0].members[0]");
    RoutingRules no_queue = rules_from(R"({"teams": [], "fallback_queue": "nobody"})");
    CHECK(check_references(s, no_queue, "routing")->field == "routing.fallback_queue");
}

TEST_CASE("when nobody at the dealer is left, the next dealer of the territory takes the lead") {
    Store s = small_store();
    s.leads.put(lead("L1", "A1", "new-cars", "D1-R1", kWed10, 80));
    RoutingRules r = rules_from(R"({
      "territories": [{"country": "DE", "postal_prefix": "80", "dealer": "D1"},
                      {"country": "DE", "postal_prefix": "80", "dealer": "D2"},
                      {"country": "DE", "postal_prefix": "8", "dealer": "D2"}],
      "teams": [{"id": "d1", "dealer": "D1", "members": ["D1-R1"]},
                {"id": "d2", "dealer": "D2", "members": ["D2-R1"]}],
      "fallback_queue": "C-1"})");
    Indexes idx = build_indexes(s);
    RoutingState st = build_routing_state(s, idx, r);
    RouteDecision d = route_lead(s, r, st, *s.leads.find("L1"), {"D1-R1"});
    CHECK(d.owner == "D2-R1");
    CHECK(d.dealer_id == "D2");
    CHECK(d.reason == "round robin in team d2 (next dealer D2)");
    d = route_lead(s, r, st, *s.leads.find("L1"), {"D1-R1", "D2-R1"});
    CHECK(d.fallback);
}
