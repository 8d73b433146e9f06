// The SLA policy and the follow-up rules are changed by commands like the scoring rules: a bad
// document names the offending path and changes nothing; a good one is what the workflow runs
// with from then on, and it travels with a snapshot.
#include <doctest/doctest.h>
#include "lead_fixture.h"
#include "snapshot.h"
#include "workflow.h"

using namespace fc;
using namespace fc::test;

TEST_CASE("the SLA policy survives a JSON round trip") {
    SlaPolicy p;
    p.response[0] = SlaBudget{BudgetUnit::business_hours, 2};
    p.warn_before[2] = 45 * 60;
    p.redirect_after_percent = 50;
    SlaPolicy back;
    REQUIRE_FALSE(from_json(to_json(p), back).has_value());
    CHECK(to_json(back) == to_json(p));
    CHECK(describe(back.response[0]) == "2 business hours");
}

TEST_CASE("sla_policy.put: a bad policy names its path and changes nothing; a good one is used") {
    LeadBookFixture f;
    json bad = to_json(SlaPolicy{});
    bad["hot"] = {{"business_minutes", 0}};
    auto e = f.command("sla_policy.put", bad);
    REQUIRE(e.has_value());
    CHECK(e->field == "payload.hot.business_minutes");
    CHECK(f.s.sla_policy.is_null());
    CHECK(default_workflow_config(f.s).sla.response[0].amount == 15);

    json good = to_json(SlaPolicy{});
    good["hot"] = {{"business_minutes", 5}, {"warn_before_minutes", 2}};
    REQUIRE_FALSE(f.command("sla_policy.put", good).has_value());
    WorkflowConfig cfg = default_workflow_config(f.s);
    CHECK(cfg.sla.response[0].amount == 5);
    CHECK(cfg.sla.warn_before[0] == 120);
}

TEST_CASE("follow_up_rules.put: a bad rule names its path; a good set replaces the defaults") {
    LeadBookFixture f;
    json bad = default_follow_up_rules_json();
    bad["rules"][1]["delay"]["days"] = -3;
    auto e = f.command("follow_up_rules.put", bad);
    REQUIRE(e.has_value());
    CHECK(e->field == "payload.rules[1].delay.days");
    CHECK(f.s.follow_up_rules.is_null());

    json good = default_follow_up_rules_json();
    good["rules"][0]["delay"]["days"] = 7;
    good["rules"].erase(3);
    REQUIRE_FALSE(f.command("follow_up_rules.put", good).has_value());
    WorkflowConfig cfg = default_workflow_config(f.s);
    REQUIRE(cfg.follow_ups.rules.size() == 3);
    CHECK(cfg.follow_ups.rules[0].delay_days == 7);
}

TEST_CASE("SLA and follow-up rule documents travel with a snapshot; a bad one fails the load") {
    LeadBookFixture f;
    json sla = to_json(SlaPolicy{});
    sla["warm"] = {{"business_hours", 1}};
    REQUIRE_FALSE(f.command("sla_policy.put", sla).has_value());
    json doc = snapshot_to_json(f.s);
    Store back;
    REQUIRE_FALSE(load_snapshot(doc, back).has_value());
    CHECK(default_workflow_config(back).sla.response[1].amount == 1);
    doc["follow_up_rules"] = {{"rules", json::array({{{"id", "x"}}})}};
    auto e = load_snapshot(doc, back);
    REQUIRE(e.has_value());
    CHECK(e->field == "follow_up_rules.rules[0].trigger");
}
