#include <doctest/doctest.h>
#include "commands.h"
#include "demo_data.h"
#include "enum_names.h"
#include "record_json.h"
#include "snapshot.h"

using namespace fc;

namespace {
constexpr Time kNow = 1790000000;  // 2026-09-21

Store tiny_store() { return generate_demo(demo_size_tiny(), 7, kNow); }

Command command(const char* kind, json payload, std::uint64_t seq = 1) {
    return Command{"cmd-" + std::to_string(seq), "client-1", seq, kind, kNow, "D1-R1",
                   std::move(payload)};
}
}  // namespace

TEST_CASE("every enum name parses back to its value") {
    for (size_t i = 0; i < size_t(ActivityType::count_); ++i)
        CHECK(parse_activity_type(name_of(ActivityType(i))) == ActivityType(i));
    for (size_t i = 0; i < size_t(LeadState::count_); ++i)
        CHECK(parse_lead_state(name_of(LeadState(i))) == LeadState(i));
    CHECK_FALSE(parse_activity_type("telegram").has_value());
}

TEST_CASE("records survive a JSON round trip, non-ASCII names included") {
    Contact c{"A1-C1", "A1", "Đorđe Đorđević 山田", "dj@example.com", "+381 11 123",
              ContactRole::influencer, true, false, true};
    Contact back;
    REQUIRE_FALSE(from_json(json::parse(to_json(c).dump()), back).has_value());
    CHECK(back.name == c.name);
    CHECK(back.role == ContactRole::influencer);
    CHECK(back.do_not_contact);
    CHECK_FALSE(back.consent_email);

    Activity a{"E1", "A1", "A1-C1", ActivityType::test_drive, kNow, "new-cars", "CMP1", 12345,
               "D1-R1", "Łukasz liked the estate", "showroom"};
    Activity a2;
    REQUIRE_FALSE(from_json(to_json(a), a2).has_value());
    CHECK(to_json(a2) == to_json(a));
}

TEST_CASE("a whole generated store round-trips through a snapshot unchanged") {
    Store s = tiny_store();
    json doc = snapshot_to_json(s);
    Store back;
    REQUIRE_FALSE(load_snapshot(json::parse(doc.dump()), back).has_value());
    CHECK(snapshot_to_json(back) == doc);
}

TEST_CASE("validation names the offending field and leaves the target untouched") {
    Account a{"A9", "D1", "Müller GmbH", "80331", "München", "DE", "fleet", 20};
    Account target = a;

    json j = to_json(a);
    j["employees"] = "twenty";
    auto e = from_json(j, target, "accounts[4]");
    REQUIRE(e.has_value());
    CHECK(e->field == "accounts[4].employees");
    CHECK(e->code == "invalid_type");
    CHECK(target.name == "Müller GmbH");

    j = to_json(a);
    j["nmae"] = "typo";
    e = from_json(j, target);
    REQUIRE(e.has_value());
    CHECK(e->code == "unknown_field");
    CHECK(e->field == "nmae");

    j = to_json(a);
    j["name"] = "   ";
    e = from_json(j, target);
    REQUIRE(e.has_value());
    CHECK(e->field == "name");

    j = to_json(a);
    j.erase("id");
    CHECK(from_json(j, target)->code == "missing_field");

    j = to_json(a);
    j["id"] = "A 9/../x";
    CHECK(from_json(j, target)->field == "id");

    CHECK(from_json(json::array(), target)->code == "invalid_type");
}

TEST_CASE("an activity with a time in milliseconds is refused") {
    Activity a{"E1", "A1", "", ActivityType::visit, kNow * 1000, "", "", 0, "", "", ""};
    Activity out;
    auto e = from_json(to_json(a), out);
    REQUIRE(e.has_value());
    CHECK(e->field == "at");
    CHECK(e->code == "out_of_range");
}

TEST_CASE("a snapshot with a dangling reference is rejected as a whole") {
    Store s = tiny_store();
    json doc = snapshot_to_json(s);
    doc["contacts"][2]["account_id"] = "A-404";
    Store target = s;
    auto e = load_snapshot(doc, target);
    REQUIRE(e.has_value());
    CHECK(e->field == "contacts[2].account_id");
    CHECK(e->code == "not_found");
    CHECK(target.contacts.size() == s.contacts.size());
}

TEST_CASE("commands apply whole or not at all") {
    Store s = tiny_store();
    size_t before = s.activities.size();
    json act = {{"id", "E-new"}, {"account_id", "A1"}, {"contact_id", "A1-C1"},
                {"type", "inbound_call"}, {"at", kNow}, {"product_category", "vans"}};

    CHECK_FALSE(apply_command(s, command("activity.log", act)).has_value());
    CHECK(s.activities.size() == before + 1);

    SUBCASE("a retried log of the same activity is harmless") {
        CHECK_FALSE(apply_command(s, command("activity.log", act, 2)).has_value());
        CHECK(s.activities.size() == before + 1);
    }
    SUBCASE("an activity cannot be rewritten") {
        act["note"] = "changed";
        auto e = apply_command(s, command("activity.log", act, 2));
        REQUIRE(e.has_value());
        CHECK(e->code == "conflict");
        CHECK(s.activities.find("E-new")->note.empty());
    }
    SUBCASE("a contact of another account is refused") {
        act["id"] = "E-other";
        act["contact_id"] = "A2-C1";
        auto e = apply_command(s, command("activity.log", act, 2));
        REQUIRE(e.has_value());
        CHECK(e->field == "payload.contact_id");
        CHECK_FALSE(s.activities.contains("E-other"));
    }
    SUBCASE("unknown kinds are refused by name") {
        auto e = apply_command(s, command("account.delete_everything", json::object(), 2));
        REQUIRE(e.has_value());
        CHECK(e->code == "unknown_command");
    }
}

TEST_CASE("a command round-trips and its envelope is validated") {
    Command c = command("account.put", {{"id", "A1"}});
    Command back;
    REQUIRE_FALSE(from_json(to_json(c), back).has_value());
    CHECK(back.seq == 1);
    json j = to_json(c);
    j["seq"] = 0;
    CHECK(from_json(j, back)->field == "seq");
    j = to_json(c);
    j["seq"] = 18446744073709551615ull;
    CHECK(from_json(j, back)->code == "out_of_range");
}

TEST_CASE("the demo generator is deterministic and realistic") {
    Store a = generate_demo(demo_size_tiny(), 42, kNow);
    Store b = generate_demo(demo_size_tiny(), 42, kNow);
    CHECK(snapshot_to_json(a) == snapshot_to_json(b));
    Store c = generate_demo(demo_size_tiny(), 43, kNow);
    CHECK(snapshot_to_json(a) != snapshot_to_json(c));

    CHECK(a.accounts.size() == size_t(demo_size_tiny().accounts));
    CHECK(a.activities.size() == size_t(demo_size_tiny().activities));
    CHECK(a.leads.size() > 5);
    bool non_ascii = false;
    for (const Contact& ct : a.contacts.rows)
        for (unsigned char ch : ct.name) non_ascii = non_ascii || ch >= 0x80;
    CHECK(non_ascii);
    for (const Lead& l : a.leads.rows) {
        CHECK(a.accounts.find(l.account_id)->dealer_id == l.dealer_id);
        CHECK(a.users.find(l.owner)->dealer_id == l.dealer_id);
    }
}

TEST_CASE("a snapshot can arrive in two parts: the inbox's tables, then the details") {
    Store full = tiny_store();
    json inbox = snapshot_tables_to_json(full, {"dealers", "users", "categories", "campaigns",
                                                "accounts", "leads", "scoring_rules"});
    json detail = snapshot_tables_to_json(full, {"contacts", "activities", "tasks", "deals"});
    CHECK_FALSE(inbox.contains("activities"));

    Store s;
    REQUIRE_FALSE(load_snapshot(inbox, s).has_value());
    CHECK(s.contacts.size() == 0);

    SUBCASE("a bad detail part leaves the store as it was") {
        json broken = detail;
        broken["activities"][5]["type"] = "carrier_pigeon";
        auto e = add_snapshot_tables(broken, s);
        REQUIRE(e.has_value());
        CHECK(e->field == "activities[5].type");
        CHECK(s.contacts.size() == 0);
        CHECK(s.activities.size() == 0);
        CHECK(s.leads.size() == full.leads.size());
    }
    SUBCASE("the good detail part completes the store") {
        REQUIRE_FALSE(add_snapshot_tables(detail, s).has_value());
        CHECK(snapshot_to_json(s) == snapshot_to_json(full));
        auto e = add_snapshot_tables(detail, s);
        REQUIRE(e.has_value());
        CHECK(e->code == "conflict");
    }
}
