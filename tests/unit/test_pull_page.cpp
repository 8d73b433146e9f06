// Pull pages (core/pull_page.h): the binary form the server sends for format=binary carries
// exactly the changes of the JSON form, in the same order, and a damaged page or record is
// refused with a reason, as JSON is.
#include <doctest/doctest.h>
#include <algorithm>
#include <vector>
#include "deal_json.h"
#include "demo_data.h"
#include "follow_up_rules.h"
#include "binary_fields.h"
#include "pull_page.h"
#include "pull_page_fixture.h"
#include "record_json.h"
#include "record_table.h"
#include "sla.h"

using namespace fc;

namespace {

// Every record of a demo book with every table filled (deals, lead events, the SLA policy and
// follow-up rules too) as a pull would send them, a tombstone among them, and a change of a
// table this build does not know.
std::string json_page() {
    Store s = generate_demo(demo_size_tiny(), 3, 1790000000);
    Lead& l = s.leads.rows[0];
    l.budget = {true, "Budget signed off: 42k €"};
    l.score = 73.25;
    s.deals.put(Deal{"deal-lost", l.id, l.account_id, l.dealer_id, l.owner, l.product_category,
                     DealStage::lost, 41000, 1789990000, 1790000000, "Bought the rival's estate"});
    LeadEvent moved;
    moved.id = "cmd-move-1";
    moved.lead_id = l.id;
    moved.at = 1790000000;
    moved.actor = "D1-M";
    moved.to_state = LeadState::working;
    moved.reason = "Called back, wants a quote";
    s.lead_events.put(moved);
    s.sla_policy = to_json(SlaPolicy{});
    s.follow_up_rules = default_follow_up_rules_json();
    json changes = json::array();
    for (const std::string& table : record_tables()) {
        for (size_t row = 0; row < record_count(s, table); ++row)
            changes.push_back({{"table", table},
                               {"record", *find_record_json(s, table, record_id_at(s, table, row))}});
        if (table == "tasks")
            changes.push_back({{"table", "tasks"}, {"deleted", true}, {"record", {{"id", "T-gone"}}}});
    }
    changes.push_back({{"table", "gizmos"}, {"record", {{"id", "G-1"}}}});
    return json{{"changes", changes}, {"cursor", "4711"}, {"has_more", true},
                {"client", {{"client_id", "web-1"}, {"last_seq", 12}}},
                {"rejections", json::array({{{"seq", 3}, {"kind", "task.put"}}})}}
        .dump();
}

// Writes down every change it is given, in order.
struct Recorder {
    std::vector<std::string>* seen;
    template <class C>
    MaybeError operator()(const char* table, C&& change) {
        using T = std::decay_t<C>;
        if constexpr (std::is_same_v<T, PulledTombstone>) seen->push_back(std::string(table) + " gone " + change.id);
        else if constexpr (std::is_same_v<T, PulledDocument>) seen->push_back(std::string(table) + " " + change.record.dump());
        else seen->push_back(std::string(table) + " " + to_json(change).dump());
        return std::nullopt;
    }
};

MaybeError read(const std::string& bytes, std::vector<std::string>& seen, PulledPage& out) {
    PullSinkFor<Recorder> sink(Recorder{&seen});
    return read_pull_page(bytes, sink, out);
}

}  // namespace

TEST_CASE("a binary pull page gives the JSON page's changes, in order, and its cursor") {
    const std::string page = json_page();
    const std::string binary = test::binary_page(page);
    CHECK(is_binary_pull_page(binary));
    CHECK_FALSE(is_binary_pull_page(page));
    CHECK(binary.size() < page.size());
    std::vector<std::string> from_json, from_binary;
    PulledPage a, b;
    REQUIRE_FALSE(read(page, from_json, a));
    REQUIRE_FALSE(read(binary, from_binary, b));
    CHECK(from_binary == from_json);
    // Every table arrives, the rule documents as their records, the tombstone in its place;
    // the unknown table is skipped by both.
    for (const std::string& table : record_tables()) {
        bool arrived = std::any_of(from_json.begin(), from_json.end(),
                                   [&](const std::string& s) { return s.rfind(table + " ", 0) == 0; });
        CHECK_MESSAGE(arrived, table);
    }
    auto gone = std::find(from_json.begin(), from_json.end(), "tasks gone T-gone");
    REQUIRE(gone != from_json.end());
    CHECK(gone[1].rfind("deals ", 0) == 0);
    CHECK(std::none_of(from_json.begin(), from_json.end(), [](const std::string& s) { return s.rfind("gizmos", 0) == 0; }));
    CHECK(b.changes == a.changes);
    CHECK(b.changes == from_json.size() + 1);  // the skipped change is counted
    CHECK(b.cursor == "4711");
    CHECK(b.has_more);
    CHECK(b.last_seq == 12);
    CHECK(b.rejections == a.rejections);
    CHECK(b.rejections.size() == 1);
}

TEST_CASE("a damaged binary page is refused with the place at fault") {
    const std::string binary = test::binary_page(json_page());
    std::vector<std::string> seen;
    PulledPage out;

    auto cut = read(binary.substr(0, binary.size() / 2), seen, out);
    REQUIRE(cut);
    CHECK(cut->code == "truncated");
    CHECK(cut->message.find("cut short") != std::string::npos);

    // A field this build does not know (a newer server's) is named, with the fields it reads.
    std::string other = binary;
    other.replace(other.find("postal_code"), 11, "postal_kode");
    seen.clear();
    auto fields = read(other, seen, out);
    REQUIRE(fields);
    CHECK(fields->code == "invalid_format");
    CHECK(fields->message.find("accounts has the field postal_kode, which this app does not know "
                               "(it reads id,dealer_id,name,postal_code") == 0);

    // Values get the same rules as in JSON: a tombstone's id.
    BinaryPullPageWriter w;
    REQUIRE_FALSE(w.add("tasks", R"({"id":"not an id!"})", true));
    seen.clear();
    auto id = read(w.finish(R"({"cursor":"1","has_more":false})"), seen, out);
    REQUIRE(id);
    CHECK(id->field == "tasks[0].id");
    CHECK(seen.empty());

    // A page without its closing fields.
    BinaryPullPageWriter empty;
    auto tail = read(empty.finish(""), seen, out);
    REQUIRE(tail);
    CHECK(tail->message == "the pulled page does not end with its cursor as a JSON object");
}

TEST_CASE("the server's writer refuses a stored record that does not read, and leaves the page as it was") {
    BinaryPullPageWriter w;
    REQUIRE_FALSE(w.add("accounts", R"({"id":"A-1","dealer_id":"D1","name":"Müller GmbH"})", false));
    auto bad = w.add("accounts", R"({"id":"A-2","name":"No dealer"})", false);
    REQUIRE(bad);
    CHECK(bad->field == "accounts.dealer_id");
    CHECK(w.add("accounts", "not json", false)->code == "invalid_json");
    std::vector<std::string> seen;
    PulledPage out;
    REQUIRE_FALSE(read(w.finish(R"({"cursor":"2","has_more":false})"), seen, out));
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].find("Müller GmbH") != std::string::npos);
    CHECK(out.changes == 1);
}

TEST_CASE("a page saved before a field was added reads with that field at its default, as JSON does") {
    // An activity as an older writer wrote it: fewer fields, in another order.
    binary_detail::Bytes body;
    body.str("E-old");
    body.zigzag(1789000000);
    body.str("A-1");
    body.u8(std::uint8_t(ActivityType::note));
    body.str("Kept from the old version");
    binary_detail::Bytes page;
    page.out = "FCPULL1\n";
    page.varint(1);
    page.str("activities");
    page.u8(0);
    page.str("id,at,account_id,type,note");
    page.varint(1);
    page.str(body.out);
    page.out += R"({"cursor":"7","has_more":false})";
    std::vector<std::string> from_binary, from_json;
    PulledPage a, b;
    REQUIRE_FALSE(read(page.out, from_binary, b));
    REQUIRE_FALSE(read(R"({"changes":[{"table":"activities","record":{"id":"E-old","at":1789000000,)"
                       R"("account_id":"A-1","type":"note","note":"Kept from the old version"}}],)"
                       R"("cursor":"7","has_more":false})",
                       from_json, a));
    REQUIRE(from_binary.size() == 1);
    CHECK(from_binary == from_json);
    CHECK(b.cursor == "7");
    // Its values still get this build's rules.
    page.out.replace(page.out.find("E-old"), 5, "E old");
    from_binary.clear();
    auto bad = read(page.out, from_binary, b);
    REQUIRE(bad);
    CHECK(bad->field == "activities[0].id");
}
