// record_text (core/record_text.h) and append_json_string (core/json_text.h) must write the
// very bytes nlohmann's dump() writes: the sync server stores and answers this text in their
// place, and a byte of difference would change what clients pull.
#include <doctest/doctest.h>
#include "demo_data.h"
#include "json_text.h"
#include "record_json.h"
#include "record_table.h"
#include "record_text.h"
#include "snapshot_tables.h"

using namespace fc;

namespace {
constexpr Time kNow = 1790000000;

std::string as_json_string(std::string_view s) {
    std::string out;
    append_json_string(out, s);
    return out;
}

// Every ASCII character, the escaped ones among them, and text past ASCII.
const std::vector<std::string>& awkward_strings() {
    static const std::vector<std::string> kStrings = [] {
        std::vector<std::string> v = {"", "plain", "say \"hi\"", "back\\slash", "a/b",
                                      "tab\there\nnew\rline\b\f", "Łukasz 山田 🚗", "\x7f"};
        std::string all;
        for (int ch = 1; ch < 128; ++ch) {
            all += char(ch);
            v.push_back(std::string(1, char(ch)));
        }
        v.push_back(all);
        v.push_back(std::string("nul\0inside", 10));
        return v;
    }();
    return kStrings;
}
}  // namespace

TEST_CASE("a JSON string is escaped exactly as nlohmann escapes it") {
    for (const std::string& s : awkward_strings()) CHECK(as_json_string(s) == json(s).dump());
    // Past ASCII nlohmann decides, invalid UTF-8 included: it refuses it as it always did.
    CHECK_THROWS(as_json_string("cut \xe2\x82"));
}

TEST_CASE("json_dump writes what dump() writes, for every kind of value") {
    json doc = json::parse(R"({"id": "act-1", "n": -42, "u": 18446744073709551615, "f": 0.1,
        "g": 12.0, "h": -1e-7, "t": true, "x": false, "z": null, "e": {}, "a": [],
        "nested": {"list": [1, "two", [3.5, {"k": "v"}], null], "ü-key": "Łódź 山田",
        "esc": "q\"uote\\ \n\t\u0001 /"}})");
    CHECK(json_dump(doc) == doc.dump());
    for (const std::string& s : awkward_strings()) {
        json j = {{s, s}, {"list", {s, 1, 2.5}}};
        CHECK(json_dump(j) == j.dump());
    }
    Store s = generate_demo(demo_size_tiny(), 7, kNow);
    snapshot_detail::for_each_table(std::as_const(s), [&](const char*, const auto& t) {
        for (const auto& r : t.rows) REQUIRE(json_dump(to_json(r)) == to_json(r).dump());
    });
    for (const json& j : {json(nullptr), json(true), json(7), json(-7), json(2.5), json("s"),
                          json::array(), json::object(), json(json::value_t::discarded)})
        CHECK(json_dump(j) == j.dump());
    CHECK_THROWS(json_dump(json("cut \xe2\x82")));
}

TEST_CASE("every record of a generated store is written as to_json(r).dump() writes it") {
    Store s = generate_demo(demo_size_tiny(), 7, kNow);
    if (s.lead_events.size() == 0)  // the demo logs none: one of each kind
        for (size_t k = 0; k < size_t(LeadEventKind::count_); ++k)
            s.lead_events.put(LeadEvent{"EV" + std::to_string(k), s.leads.rows[0].id,
                                        LeadEventKind(k), kNow, "D1-M", "", "D1-R1", "",
                                        LeadState::new_lead, LeadState::working, "why \"now\""});
    size_t checked = 0;
    snapshot_detail::for_each_table(std::as_const(s), [&](const std::string& table, const auto& t) {
        INFO(table);
        CHECK(t.size() > 0);
        for (const auto& r : t.rows) {
            REQUIRE(record_text(r) == to_json(r).dump());
            REQUIRE(find_record_text(s, table, r.id) == find_record_json(s, table, r.id)->dump());
            ++checked;
        }
    });
    CHECK(checked > 100);
    CHECK(find_record_text(s, "scoring_rules", "current") ==
          find_record_json(s, "scoring_rules", "current")->dump());
    CHECK_FALSE(find_record_text(s, "activities", "no-such-id").has_value());
    CHECK_FALSE(find_record_text(s, "sla_policy", "current").has_value());
    CHECK_FALSE(find_record_text(s, "no_such_table", "x").has_value());
}

TEST_CASE("record text matches with awkward strings, optional fields and fractional numbers") {
    for (const std::string& text : awkward_strings()) {
        Activity a{"E1", "A1", "", ActivityType::test_drive, kNow, "", "", -12345, "D1-R1",
                   text, ""};
        CHECK(record_text(a) == to_json(a).dump());  // no channel: left out
        a.channel = text.empty() ? "web" : text;
        CHECK(record_text(a) == to_json(a).dump());
        Deal d{"DL1", "", "A1", "D1", "", "", DealStage::bought, 100, kNow, 0, text};
        CHECK(record_text(d) == to_json(d).dump());  // no closed_at; reason when set
        d.closed_at = kNow + 1;
        CHECK(record_text(d) == to_json(d).dump());
        Account acc{"A1", "D1", text, text, text, "DE", text, 42};
        CHECK(record_text(acc) == to_json(acc).dump());
    }
    for (double score : {0.0, -0.0, 0.1, 12.0, -3.75, 1e-7, 123456.789, 1e9}) {
        Lead l;
        l.id = "L1";
        l.score = score;
        l.state = LeadState::qualified;
        l.budget = BantItem{true, "quote \"signed\""};
        CHECK(record_text(l) == to_json(l).dump());
    }
}
