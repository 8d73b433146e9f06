#include <doctest/doctest.h>
#include "snapshot.h"
#include "workflow_commands.h"
#include "workflow_fixture.h"

using namespace fc;
using namespace fixture;

TEST_CASE("the lead event log survives a snapshot, and a dangling event is refused") {
    Store s = small_store();
    s.leads.put(lead("L1", "A1", "new-cars", "D1-R1", kWed10, 80));
    apply_all(s, {cmd("r1", "lead.reassign", {{"lead_id", "L1"}, {"to", "D1-R2"}, {"reason", "Urlaub: Anna ist weg"}}, kWed10 + 60),
                  cmd("n1", "lead.sla_notice", {{"lead_id", "L1"}, {"notify", "D1-M"}, {"reason", "late"}}, kWed10 + 90)});
    json doc = snapshot_to_json(s);
    REQUIRE(doc["lead_events"].size() == 2);
    Store back;
    REQUIRE_FALSE(load_snapshot(json::parse(doc.dump()), back).has_value());
    CHECK(snapshot_to_json(back) == doc);
    CHECK(back.lead_events.find("r1")->reason == "Urlaub: Anna ist weg");

    doc["lead_events"][1]["lead_id"] = "L-404";
    auto e = load_snapshot(doc, back);
    REQUIRE(e.has_value());
    CHECK(e->field == "lead_events[1].lead_id");
    doc["lead_events"][1]["lead_id"] = "L1";
    doc["lead_events"][1]["kind"] = "telepathy";
    CHECK(load_snapshot(doc, back)->field == "lead_events[1].kind");
}

TEST_CASE("derived ids are stable, and long ones are hashed into the id alphabet") {
    CHECK(derived_id("fu:sat", "E1", "2") == "fu:sat:E1:2");
    std::string long_source(80, 'x');
    Id a = derived_id("fu:sat", long_source);
    CHECK(a.size() <= 64);
    CHECK(a == derived_id("fu:sat", long_source));
    CHECK(a != derived_id("fu:sat", long_source + "y"));
    CHECK(a.rfind("fu:sat:h", 0) == 0);
}

TEST_CASE("an SLA notice needs a known lead and a known person") {
    Store s = small_store();
    s.leads.put(lead("L1", "A1", "new-cars", "D1-R1", kWed10, 80));
    auto e = apply_command(s, cmd("n1", "lead.sla_notice", {{"lead_id", "L1"}, {"notify", "D9-M"}, {"reason", "late"}}, kWed10));
    REQUIRE(e.has_value());
    CHECK(e->field == "payload.notify");
    CHECK(s.lead_events.size() == 0);
    e = apply_command(s, cmd("n2", "lead.redirect", {{"lead_id", "L1"}, {"to", "D1-R2"}}, kWed10));
    REQUIRE(e.has_value());
    CHECK(e->field == "payload.reason");
}
