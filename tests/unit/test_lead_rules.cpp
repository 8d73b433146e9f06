// Scoring rules are data: versioned JSON, read whole or not at all, and a bad file names the
// offending path so whoever edits it can find the mistake.
#include <doctest/doctest.h>
#include <functional>
#include "lead_fixture.h"
#include "scoring_rules.h"
#include "snapshot.h"

using namespace fc;
using namespace fc::test;

TEST_CASE("the default scoring rules survive a JSON round trip") {
    ScoringRules d = default_scoring_rules();
    json j = to_json(d);
    ScoringRules back;
    REQUIRE_FALSE(from_json(json::parse(j.dump()), back).has_value());
    CHECK(to_json(back) == j);
    CHECK(back.points == d.points);
    CHECK(back.caps == d.caps);
    CHECK(back.authority == d.authority);
    CHECK(back.explicit_request == d.explicit_request);
    CHECK(back.bant_required == d.bant_required);
    CHECK(back.channel_points == d.channel_points);
    CHECK(back.employee_ranges.size() == d.employee_ranges.size());
    CHECK(j["version"] == 1);
}

TEST_CASE("the default rules say what the seeds say") {
    ScoringRules d = default_scoring_rules();
    auto pts = [&](ActivityType t) { return d.points[size_t(t)]; };
    // Our own touches are work, not the buyer's interest.
    CHECK(pts(ActivityType::outbound_call) == 0);
    CHECK(pts(ActivityType::outbound_email) == 0);
    // Asking to see the product beats asking for a brochure (seed 001, 003).
    CHECK(pts(ActivityType::test_drive) > pts(ActivityType::literature_request));
    for (ActivityType t : {ActivityType::complaint, ActivityType::unsubscribe,
                           ActivityType::email_bounce})
        CHECK(pts(t) < 0);
    CHECK(d.do_not_contact_points < 0);
    CHECK(d.authority[size_t(ContactRole::decision_maker)] >
          d.authority[size_t(ContactRole::user)]);
    CHECK(d.explicit_request[size_t(ActivityType::web_form)]);
    CHECK(d.explicit_request[size_t(ActivityType::test_drive)]);
    CHECK(d.explicit_request[size_t(ActivityType::quote_request)]);
    CHECK(d.hot > d.warm);
}

TEST_CASE("a malformed rule file is rejected as a whole, naming the offending path") {
    struct Case {
        const char* what;
        std::function<void(json&)> spoil;
        const char* field;
        const char* code;
    };
    const Case cases[] = {
        {"a word for points", [](json& j) { j["points"]["test_drive"] = "forty"; },
         "points.test_drive", "invalid_type"},
        {"a misspelt activity type", [](json& j) { j["points"]["tets_drive"] = 10; },
         "points.tets_drive", "unknown_field"},
        {"absurd points", [](json& j) { j["points"]["visit"] = 1e9; }, "points.visit",
         "out_of_range"},
        {"hot below warm", [](json& j) { j["bands"]["hot"] = 10; }, "bands.hot",
         "invalid_field"},
        {"a missing band", [](json& j) { j["bands"].erase("warm"); }, "bands.warm",
         "missing_field"},
        {"a future version", [](json& j) { j["version"] = 2; }, "version",
         "unsupported_version"},
        {"no version", [](json& j) { j.erase("version"); }, "version", "missing_field"},
        {"no decay section", [](json& j) { j.erase("decay"); }, "decay", "missing_field"},
        {"a zero half-life", [](json& j) { j["decay"]["half_life_days"] = 0; },
         "decay.half_life_days", "out_of_range"},
        {"a negative cap", [](json& j) { j["caps"]["visit"] = -5; }, "caps.visit",
         "out_of_range"},
        {"a campaign id with a space", [](json& j) { j["campaign_multipliers"]["CMP 1"] = 2; },
         "campaign_multipliers.CMP 1", "invalid_field"},
        {"a negative multiplier", [](json& j) { j["campaign_multipliers"]["CMP1"] = -1; },
         "campaign_multipliers.CMP1", "out_of_range"},
        {"an unknown role", [](json& j) { j["authority"]["ceo"] = 2; }, "authority.ceo",
         "unknown_field"},
        {"overlapping employee ranges", [](json& j) { j["fit"]["employees"][1]["min"] = 5; },
         "fit.employees[1].min", "invalid_field"},
        {"an upside-down range", [](json& j) { j["fit"]["employees"][0]["max"] = -1; },
         "fit.employees[0].max", "out_of_range"},
        {"a range without multiplier",
         [](json& j) { j["fit"]["employees"][2].erase("multiplier"); },
         "fit.employees[2].multiplier", "missing_field"},
        {"segments as a list", [](json& j) { j["fit"]["segments"] = json::array(); },
         "fit.segments", "invalid_type"},
        {"an unknown explicit request",
         [](json& j) { j["creation"]["explicit_requests"][1] = "fax"; },
         "creation.explicit_requests[1]", "invalid_field"},
        {"a twice-listed explicit request",
         [](json& j) { j["creation"]["explicit_requests"].push_back("web_form"); },
         "creation.explicit_requests[3]", "invalid_field"},
        {"a BANT item that does not exist",
         [](json& j) { j["qualification"]["required"][0] = "money"; },
         "qualification.required[0]", "invalid_field"},
        {"channel points as text", [](json& j) { j["channel_points"]["web_form"]["chat"] = "x"; },
         "channel_points.web_form.chat", "invalid_type"},
        {"channel points for no type", [](json& j) { j["channel_points"]["fax"] = json::object(); },
         "channel_points.fax", "unknown_field"},
        {"a positive do-not-contact penalty", [](json& j) { j["do_not_contact_points"] = 5; },
         "do_not_contact_points", "out_of_range"},
        {"a misspelt section", [](json& j) { j["bnads"] = j["bands"]; }, "bnads",
         "unknown_field"},
        {"a zero threshold", [](json& j) { j["creation"]["threshold"] = 0; },
         "creation.threshold", "out_of_range"},
        {"a response half-life as text",
         [](json& j) { j["priority"]["response_half_life_hours"] = "6h"; },
         "priority.response_half_life_hours", "invalid_type"},
    };
    for (const Case& c : cases) {
        std::string what = c.what;
        CAPTURE(what);
        json j = to_json(default_scoring_rules());
        c.spoil(j);
        ScoringRules target = plain_rules();
        json before = to_json(target);
        auto e = from_json(j, target, "");
        REQUIRE(e.has_value());
        CHECK(e->field == c.field);
        CHECK(e->code == c.code);
        CHECK(e->message.find(c.field) != std::string::npos);
        CHECK(to_json(target) == before);
    }
    ScoringRules target;
    CHECK(from_json(json::array(), target)->code == "invalid_type");
}

TEST_CASE("a rule change is a command: a bad one changes nothing, a good one re-scores") {
    LeadBookFixture f;
    REQUIRE_FALSE(f.log("E1", "A1", "A1-C1", "web_form", kNow - kDay).has_value());
    const double before = f.lead("L-A1-vans")->score;

    json bad = to_json(plain_rules());
    bad["bands"]["hot"] = -1;
    auto e = f.command("scoring_rules.put", bad);
    REQUIRE(e.has_value());
    CHECK(e->field == "payload.bands.hot");
    CHECK(to_json(f.s.lead_book.rules) == to_json(plain_rules()));
    CHECK(f.lead("L-A1-vans")->score == before);

    json doubled = to_json(plain_rules());
    doubled["points"]["web_form"] = 60;
    REQUIRE_FALSE(f.command("scoring_rules.put", doubled).has_value());
    CHECK(f.lead("L-A1-vans")->score == doctest::Approx(2 * before));
}

TEST_CASE("the scoring rules travel with a snapshot; a bad rule set fails the load") {
    LeadBookFixture f;
    ScoringRules r = plain_rules();
    r.hot = 90;
    REQUIRE_FALSE(f.command("scoring_rules.put", to_json(r)).has_value());
    json doc = snapshot_to_json(f.s);
    Store back;
    REQUIRE_FALSE(load_snapshot(doc, back).has_value());
    CHECK(back.lead_book.rules.hot == 90);
    doc["scoring_rules"]["bands"]["warm"] = 95;
    auto e = load_snapshot(doc, back);
    REQUIRE(e.has_value());
    CHECK(e->field == "scoring_rules.bands.hot");
}
