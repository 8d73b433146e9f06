#include <doctest/doctest.h>
#include "record_table.h"
#include "demo_data.h"
#include "sync_merge.h"

using namespace fc;

TEST_CASE("a client clock running ahead is cut back to server time plus five minutes") {
    const Time now = 1790000000;
    CHECK(clamp_client_time(now - 60, now) == now - 60);
    CHECK(clamp_client_time(now + 299, now) == now + 299);
    CHECK(clamp_client_time(now + 10 * 365 * 86400, now) == now + kMaxClientClockLead);
}

TEST_CASE("last writer wins by time, and a tie goes to the later arrival") {
    CHECK(incoming_write_wins(100, 101));
    CHECK(incoming_write_wins(100, 100));
    CHECK_FALSE(incoming_write_wins(100, 99));
}

TEST_CASE("every command kind names the table and record it writes; activities are append-only") {
    Command c{"c1", "tab", 1, "activity.log", 0, "", json{{"id", "E9"}}};
    auto t = command_target(c);
    REQUIRE(t);
    CHECK(t->table == "activities");
    CHECK(t->id == "E9");
    CHECK(t->append_only);
    for (const char* kind : {"account.put", "contact.put", "lead.put", "task.put", "dealer.put",
                             "user.put", "category.put", "campaign.put"}) {
        c.kind = kind;
        auto k = command_target(c);
        REQUIRE(k);
        CHECK(is_record_table(k->table));
        CHECK_FALSE(k->append_only);
    }
    c.kind = "telegram.send";
    CHECK_FALSE(command_target(c));
}

TEST_CASE("records move by table name as JSON and come back the same") {
    Store s = generate_demo(demo_size_tiny(), 3, 1790000000);
    Store copy;
    for (const char* table : {"dealers", "users", "categories", "campaigns", "accounts",
                              "contacts", "activities", "leads", "tasks"}) {
        REQUIRE(is_record_table(table));
    }
    for (const Activity& a : s.activities.rows) {
        auto j = find_record_json(s, "activities", a.id);
        REQUIRE(j);
        REQUIRE_FALSE(put_record_unchecked(copy, "activities", *j));
    }
    CHECK(copy.activities.size() == s.activities.size());
    CHECK(find_record_json(copy, "activities", s.activities.rows[5].id) ==
          find_record_json(s, "activities", s.activities.rows[5].id));
    CHECK_FALSE(find_record_json(s, "accounts", "no-such-id"));
    CHECK(put_record_unchecked(copy, "widgets", json::object())->code == "unknown_table");
    CHECK(put_record_unchecked(copy, "accounts", json{{"id", "A1"}})->code == "missing_field");
}
