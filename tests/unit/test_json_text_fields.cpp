// JsonTextFields (core/json_text_fields.h) reads stored records without a DOM for binary pull
// pages: whenever it says it read a record, the record must be exactly what JsonReader makes
// of that text; anything unusual it must leave to JsonReader rather than read differently.
#include <doctest/doctest.h>
#include "demo_data.h"
#include "json_text_fields.h"
#include "record_fields.h"
#include "record_json.h"

using namespace fc;

namespace {

// Reads `text` both ways; returns whether the plain reader took it (then both must agree).
template <class T>
bool both_agree(const std::string& text) {
    T plain{};
    JsonTextFields r(text);
    fields(r, plain);
    if (!r.done()) return false;
    T full{};
    auto e = from_json(json::parse(text), full);
    REQUIRE_MESSAGE(!e, text);
    CHECK_MESSAGE(to_json(plain) == to_json(full), text);
    return true;
}

}  // namespace

TEST_CASE("every record of a demo book reads from its stored text as JsonReader reads it") {
    Store s = generate_demo(demo_size_tiny(), 4, 1790000000);
    s.leads.rows[0].budget = {true, "Signed off: 42k €"};
    s.leads.rows[0].score = 73.25;
    s.activities.rows[0].note = "Müller said \"call me\" \\ at 9\n\tthen left 😀";
    size_t read = 0;
    auto all = [&](const auto& table) {
        using T = typename std::decay_t<decltype(table.rows)>::value_type;
        for (const T& r : table.rows) {
            CHECK(both_agree<T>(to_json(r).dump()));
            ++read;
        }
    };
    all(s.dealers); all(s.users); all(s.categories); all(s.campaigns); all(s.accounts);
    all(s.contacts); all(s.activities); all(s.leads); all(s.tasks); all(s.lead_events);
    CHECK(read > 500);
    // The same text written with escapes for every non-ASCII character reads the same.
    json a = to_json(s.activities.rows[0]);
    CHECK(both_agree<Activity>(a.dump(-1, ' ', true)));
}

TEST_CASE("text the plain reader does not take is left to JsonReader") {
    const std::string base = R"("id":"A-1","account_id":"ACC-1","type":"note","at":1790000000)";
    auto activity = [&](const std::string& extra) { return "{" + base + extra + "}"; };
    CHECK(both_agree<Activity>(activity("")));
    CHECK(both_agree<Activity>(activity(R"(,"note":null,"amount":-5)")));  // null: absent
    CHECK(both_agree<Activity>(" {\n" + base + " } "));
    for (const std::string& odd : {
             activity(R"(,"color":"red")"),          // a key JsonReader does not know
             activity(R"(,"note":"a","note":"b")"),  // a key twice
             activity(R"(,"amount":5.0)"),           // an integer written as a float
             activity(R"(,"amount":05)"),            // not JSON
             activity(R"(,"amount":12345678901234567890)"),
             activity(R"(,"note":["a"])"),
             activity(R"(,"note":"\ud800")"),        // a lone surrogate
             activity(R"(,"note":"\x")"),
             activity(",\"note\":\"\xC3\x28\""),     // not UTF-8
             activity(",\"note\":\"a\tb\""),         // a raw control character
             activity(R"(,"type":"telegram")"),      // not one of the allowed values
             activity(R"(,"at":"soon")"),
             std::string(R"({"id":"A-1","type":"note","at":1})"),  // account_id is required
             activity("") + "x",
         }) {
        Activity r{};
        JsonTextFields plain(odd);
        fields(plain, r);
        CHECK_MESSAGE(!plain.done(), odd);
    }
    // Nested objects (a lead's BANT items) read, and give up like the top level.
    Lead l;
    l.id = "L-1"; l.account_id = "A-1"; l.product_category = "vans"; l.dealer_id = "D1";
    l.created_at = 1790000000;
    l.need = {true, "Fleet of 12, \"urgent\""};
    json lead = to_json(l);
    CHECK(both_agree<Lead>(lead.dump()));
    lead["bant"]["need"]["colour"] = "red";
    Lead r{};
    JsonTextFields plain(lead.dump());
    fields(plain, r);
    CHECK_FALSE(plain.done());
}

TEST_CASE("nested objects and arrays are handed out as their text") {
    JsonTextFields r(R"({"list": [ {"a": [1, {"b": "]"}]} , {} ], "obj": {"x": "}"}, "n": 1})");
    CHECK(r.array_text("list", true) == R"([ {"a": [1, {"b": "]"}]} , {} ])");
    CHECK(r.object_text("obj", true) == R"({"x": "}"})");
    std::int64_t n = 0;
    r.integer("n", n, true, 0, 10);
    CHECK(r.done());
    std::vector<std::string_view> items;
    CHECK(JsonTextFields::array_objects(R"([ {"a": 1} ,{"b": {"c": "]"}}])", items));
    CHECK(items == std::vector<std::string_view>{R"({"a": 1})", R"({"b": {"c": "]"}})"});
    CHECK(JsonTextFields::array_objects("[ ]", items));
    CHECK(items.empty());
    // Only an array of objects, whole: anything else is not taken.
    for (const char* odd : {"[1]", R"([{"a": [1]}])", "[{},]", "[{}", "[{}] ", "[{}}]", "{}", ""})
        CHECK_MESSAGE(!JsonTextFields::array_objects(odd, items), odd);
    // Asked for as anything else, an array still gives up, as before.
    JsonTextFields s(R"({"note": ["a"]})");
    std::string note;
    s.string("note", note, false);
    CHECK_FALSE(s.done());
    JsonTextFields t(R"({"obj": [1]})");
    CHECK(t.object_text("obj", true).empty());
    CHECK_FALSE(t.done());
}

namespace {
// Equal values of equal types all the way down (json's == takes 1 and 1u for the same).
bool same_dom(const json& a, const json& b) {
    if (a.type() != b.type() || a.size() != b.size()) return false;
    if (a.is_object()) {
        for (auto it = a.begin(), jt = b.begin(); it != a.end(); ++it, ++jt)
            if (it.key() != jt.key() || !same_dom(it.value(), jt.value())) return false;
        return true;
    }
    return a == b;
}
}  // namespace

TEST_CASE("build makes the value nlohmann's parse makes, or leaves the text to it") {
    for (const std::string& text : {
             std::string(R"({})"),
             std::string(R"( { "id" : "act-1", "n": 0, "m": -0, "k": 42, "j": -42, "big": 999999999999999999,
                 "t": true, "f": false, "z": null, "s": "M\u00fcller \"q\" \\ \n 😀 \ud83d\ude00 \/",
                 "o": {"p": {"q": "r", "e": {}}}} )"),
             std::string(R"({"note": "Customer asked about the winter tyre offer", "at": 1790000000})"),
         }) {
        json built;
        REQUIRE_MESSAGE(JsonTextFields(text).build(built), text);
        CHECK_MESSAGE(same_dom(built, json::parse(text)), text);
        CHECK(built.dump() == json::parse(text).dump());
    }
    for (const char* odd : {R"({"f": 1.5})", R"({"e": 1e3})", R"({"a": [1]})", R"({"a": 1, "a": 2})",
                            R"({"big": 9999999999999999999})", R"({"s": "\ud800"})", R"({"a": 1,})",
                            R"({"o": {"a": 1.0}})", R"([])", R"({"a": 1} x)", ""}) {
        json built;
        CHECK_MESSAGE(!JsonTextFields(odd).build(built), odd);
    }
}
