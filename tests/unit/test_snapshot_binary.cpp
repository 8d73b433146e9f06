// The binary snapshot (core/snapshot_binary.h) must load exactly what the JSON snapshot loads,
// refuse exactly what it refuses, and leave the store alone on any damage.
#include <doctest/doctest.h>
#include "demo_data.h"
#include "follow_up_rules.h"
#include "sla.h"
#include "record_fields.h"
#include "snapshot.h"
#include "snapshot_binary.h"

using namespace fc;

namespace {

const char* kTables[] = {"dealers", "users",  "categories", "campaigns", "accounts",    "contacts",
                         "activities", "leads", "tasks",   "deals",     "lead_events", "scoring_rules",
                         "sla_policy", "follow_up_rules"};

// A demo book with every table filled, including what only a working book has: qualified
// BANT items with evidence, a lead event with a reason, a lost deal with its reason, and the
// SLA policy and follow-up rules someone has put.
Store full_store() {
    Store s = generate_demo(demo_size_tiny(), 3, 1790000000);
    Lead& l = s.leads.rows[0];
    l.budget = {true, "Budget signed off: 42k €"};
    l.need.evidence = "Fleet renewal, Müller asked twice";
    l.score = 73.25;
    s.deals.put(Deal{"deal-lost", l.id, l.account_id, l.dealer_id, l.owner, l.product_category,
                     DealStage::lost, 41000, 1789990000, 1790000000, "Bought the rival's estate"});
    json sla = to_json(SlaPolicy{});
    sla["hot"] = {{"business_minutes", 5}, {"warn_before_minutes", 2}};
    s.sla_policy = sla;
    s.follow_up_rules = default_follow_up_rules_json();
    return s;
}

Store via_json(const Store& s) {
    Store back;
    auto e = load_snapshot(json::parse(snapshot_to_json(s).dump()), back);
    REQUIRE_FALSE(e.has_value());
    return back;
}

// The error loading `s` gives through JSON and through the binary form, side by side.
std::pair<Error, Error> both_errors(const Store& s) {
    Store a, b;
    auto je = load_snapshot(json::parse(snapshot_to_json(s).dump()), a);
    auto be = load_snapshot_binary(snapshot_to_binary(s), b);
    REQUIRE(je.has_value());
    REQUIRE(be.has_value());
    CHECK(a.accounts.size() == 0);
    CHECK(b.accounts.size() == 0);
    return {*je, *be};
}

}  // namespace

TEST_CASE("a binary snapshot loads the same store as the JSON snapshot, table by table") {
    Store s = full_store();
    for (const char* t : kTables)
        if (std::string(t) != "scoring_rules" && std::string(t) != "lead_events" && std::string(t) != "deals")
            REQUIRE_MESSAGE(snapshot_to_json(s)[t].size() > 0, t);
    std::string bin = snapshot_to_binary(s);
    CHECK(is_binary_snapshot(bin));
    Store back;
    REQUIRE_FALSE(load_snapshot_binary(bin, back).has_value());
    json from_binary = snapshot_to_json(back), from_json = snapshot_to_json(via_json(s));
    for (const char* t : kTables) CHECK_MESSAGE(from_binary[t] == from_json[t], t);
    CHECK(back.leads.rows[0].budget.evidence == "Budget signed off: 42k €");
    CHECK(back.leads.find(s.leads.rows[0].id) != nullptr);  // the id index is built too
    // Smaller than the JSON it replaces.
    CHECK(bin.size() * 2 < snapshot_to_json(s).dump().size());
}

TEST_CASE("the inbox part and the detail part in binary add up to the whole store") {
    Store s = full_store();
    std::string inbox = snapshot_tables_to_binary(
        s, {"dealers", "users", "categories", "campaigns", "accounts", "leads", "scoring_rules"});
    std::string detail = snapshot_tables_to_binary(s, {"contacts", "activities", "tasks", "deals"});
    CHECK_FALSE(binary_snapshot_has(inbox, "activities"));
    CHECK(binary_snapshot_has(detail, "activities"));
    Store back;
    REQUIRE_FALSE(load_snapshot_binary(inbox, back).has_value());
    CHECK(back.activities.size() == 0);
    REQUIRE_FALSE(add_snapshot_tables_binary(detail, back).has_value());
    json whole = snapshot_to_json(s), got = snapshot_to_json(back);
    for (const char* t : {"accounts", "contacts", "activities", "leads", "tasks", "deals"})
        CHECK_MESSAGE(got[t] == whole[t], t);
    // The same part twice is refused and changes nothing.
    auto e = add_snapshot_tables_binary(detail, back);
    REQUIRE(e.has_value());
    CHECK(e->code == "conflict");
    CHECK(snapshot_to_json(back)["activities"] == whole["activities"]);
}

TEST_CASE("a bad record is refused by the binary form with the JSON form's error") {
    auto same = [](const Store& bad) {
        auto [je, be] = both_errors(bad);
        CHECK(be.code == je.code);
        CHECK(be.field == je.field);
        CHECK(be.message == je.message);
    };
    Store s = full_store();
    SUBCASE("blank required name") { s.accounts.rows[2].name = "  "; same(s); }
    SUBCASE("id outside the alphabet") { s.contacts.rows[1].id = "C 1/2"; same(s); }
    SUBCASE("time out of range") { s.activities.rows[5].at = kMaxTime + 1; same(s); }
    SUBCASE("email without @") { s.contacts.rows[0].email = "nobody"; same(s); }
    SUBCASE("unknown user role") { s.users.rows[0].role = "boss"; same(s); }
    SUBCASE("met BANT item without evidence") { s.leads.rows[1].authority = {true, ""}; same(s); }
    SUBCASE("too long") { s.accounts.rows[0].postal_code = std::string(17, '1'); same(s); }
    SUBCASE("dangling reference") { s.leads.rows[3].account_id = "A-404"; same(s); }
    SUBCASE("duplicate id") { s.tasks.rows.push_back(s.tasks.rows[0]); same(s); }
}

TEST_CASE("a truncated or damaged binary snapshot gives a clear error and loads nothing") {
    Store s = full_store();
    std::string bin = snapshot_to_binary(s);
    Store kept = via_json(s);
    json before = snapshot_to_json(kept);
    auto refused = [&](const std::string& bytes) {
        Store target = kept;
        auto e = load_snapshot_binary(bytes, target);
        REQUIRE(e.has_value());
        CHECK_FALSE(e->message.empty());
        CHECK(snapshot_to_json(target) == before);
        return *e;
    };
    SUBCASE("cut anywhere: at every 97th byte and in the last bytes") {
        for (size_t n = 0; n < bin.size(); n += 97) refused(bin.substr(0, n));
        for (size_t n = bin.size() - 20; n < bin.size(); ++n) refused(bin.substr(0, n));
        CHECK(refused(bin.substr(0, bin.size() / 2)).code == "truncated");
    }
    SUBCASE("not a binary snapshot, or bytes after the end") {
        CHECK(refused("{\"leads\": []}").code == "invalid_format");
        CHECK(refused(bin + "x").code == "invalid_format");
    }
    SUBCASE("a changed byte in a value names its field") {
        Store one;
        one.dealers.put({"D1", "Dealer", ""});
        one.users.put({"U1", "D1", "Ann", "rep"});
        std::string b = snapshot_tables_to_binary(one, {"dealers", "users"});
        b[b.size() - 1] = 'X';  // the role's last byte: "reX"
        Store target;
        auto e = load_snapshot_binary(b, target);
        REQUIRE(e.has_value());
        CHECK(e->field == "users[0].role");
    }
    SUBCASE("a section written with other fields is refused by name") {
        std::string b = bin;
        size_t at = b.find("id,dealer_id,name,postal_code");
        REQUIRE(at != std::string::npos);
        b[at + 3] = 'D';  // "Dealer_id"
        auto e = refused(b);
        CHECK(e.code == "invalid_format");
        CHECK(e.field == "accounts");
    }
    SUBCASE("adding a damaged detail part leaves the inbox's store as it was") {
        Store inbox_only;
        REQUIRE_FALSE(load_snapshot_binary(
            snapshot_tables_to_binary(s, {"dealers", "users", "categories", "campaigns",
                                          "accounts", "leads"}),
            inbox_only).has_value());
        std::string detail = snapshot_tables_to_binary(s, {"contacts", "activities", "tasks"});
        json was = snapshot_to_json(inbox_only);
        auto e = add_snapshot_tables_binary(detail.substr(0, detail.size() - 3), inbox_only);
        REQUIRE(e.has_value());
        CHECK(snapshot_to_json(inbox_only) == was);
    }
}
