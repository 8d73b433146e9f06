// Leads come from activities: one lead per account x product category at a time, opened by an
// explicit request or by signals that add up, updated by what follows, and followed by a new
// one only after it closed. Incremental updates and full re-scores agree, whatever the order.
#include <doctest/doctest.h>
#include "demo_data.h"
#include "lead_fixture.h"
#include "qualification.h"

using namespace fc;
using namespace fc::test;

TEST_CASE("an explicit request opens a lead at once") {
    for (const char* type : {"web_form", "test_drive", "quote_request"}) {
        std::string name = type;
        CAPTURE(name);
        LeadBookFixture f;
        REQUIRE_FALSE(f.log("E1", "A1", "A1-C1", type, kNow - 3600).has_value());
        const Lead* l = f.lead("L-A1-vans");
        REQUIRE(l != nullptr);
        CHECK(l->state == LeadState::new_lead);
        CHECK(l->created_at == kNow - 3600);
        CHECK(l->account_id == "A1");
        CHECK(l->product_category == "vans");
        CHECK(l->dealer_id == "D1");
        CHECK(l->first_response_at == 0);
        CHECK(l->score > 0);
    }
}

TEST_CASE("weak signals open a lead only when together they cross the threshold") {
    LeadBookFixture f;  // threshold 25; plain rules: brochure 8, seminar 12, visit 20
    REQUIRE_FALSE(f.log("E1", "A1", "A1-C1", "literature_request", kNow - 3 * kDay).has_value());
    REQUIRE_FALSE(f.log("E2", "A1", "A1-C1", "seminar", kNow - 2 * kDay).has_value());
    CHECK(f.s.leads.size() == 0);
    // Our own call is work, not a signal.
    REQUIRE_FALSE(f.log("E3", "A1", "A1-C1", "outbound_call", kNow - 2 * kDay).has_value());
    CHECK(f.s.leads.size() == 0);
    REQUIRE_FALSE(f.log("E4", "A1", "A1-C1", "visit", kNow - kDay).has_value());
    REQUIRE(f.s.leads.size() == 1);
    CHECK(f.lead("L-A1-vans")->created_at == kNow - kDay);
    // All the signals that made it are part of it.
    CHECK(explain_lead(f.s, 0).size() == 4);

    SUBCASE("old signals have decayed: they no longer add up") {
        LeadBookFixture g;
        REQUIRE_FALSE(g.log("E1", "A1", "A1-C1", "visit", kNow - 200 * kDay).has_value());
        REQUIRE_FALSE(g.log("E2", "A1", "A1-C1", "seminar", kNow).has_value());
        CHECK(g.s.leads.size() == 0);
    }
}

TEST_CASE("later activities update the open lead instead of opening another") {
    LeadBookFixture f;
    REQUIRE_FALSE(f.log("E1", "A2", "A2-C1", "web_form", kNow - 2 * kDay).has_value());
    double first = f.lead("L-A2-vans")->score;
    REQUIRE_FALSE(f.log("E2", "A2", "A2-C2", "test_drive", kNow - kDay).has_value());
    REQUIRE_FALSE(f.log("E3", "A2", "", "quote_request", kNow).has_value());
    CHECK(f.leads_of("A2", "vans").size() == 1);
    CHECK(f.lead("L-A2-vans")->score > first);
    CHECK(f.lead("L-A2-vans")->created_at == kNow - 2 * kDay);
    // Another category of the same account is another lead; an activity about no product
    // makes none.
    REQUIRE_FALSE(f.log("E4", "A2", "A2-C1", "web_form", kNow, "tyres").has_value());
    REQUIRE_FALSE(f.log("E5", "A2", "A2-C1", "web_form", kNow, "").has_value());
    CHECK(f.s.leads.size() == 2);
    // A retried command is not a second signal.
    double before = f.lead("L-A2-vans")->score;
    REQUIRE_FALSE(f.log("E3", "A2", "", "quote_request", kNow).has_value());
    CHECK(f.lead("L-A2-vans")->score == before);
}

TEST_CASE("our own touch after the lead opened is its first response") {
    LeadBookFixture f;
    REQUIRE_FALSE(f.log("E1", "A1", "A1-C1", "outbound_email", kNow - 5 * kDay).has_value());
    REQUIRE_FALSE(f.log("E2", "A1", "A1-C1", "web_form", kNow - 2 * kDay).has_value());
    CHECK(f.lead("L-A1-vans")->first_response_at == 0);  // the e-mail came before the lead
    REQUIRE_FALSE(f.log("E3", "A1", "A1-C1", "outbound_call", kNow - kDay).has_value());
    CHECK(f.lead("L-A1-vans")->first_response_at == kNow - kDay);
}

TEST_CASE("a closed lead is followed by a new lead only when new signals arrive after it closed") {
    LeadBookFixture f;
    REQUIRE_FALSE(f.log("E1", "A1", "A1-C1", "web_form", kNow - 10 * kDay).has_value());
    REQUIRE_FALSE(f.command("lead.transition", {{"lead_id", "L-A1-vans"}, {"to", "working"}},
                            kNow - 9 * kDay)
                      .has_value());
    REQUIRE_FALSE(f.command("lead.transition",
                            {{"lead_id", "L-A1-vans"}, {"to", "disqualified"},
                             {"reason", "Bought elsewhere"}},
                            kNow - 8 * kDay)
                      .has_value());
    const double frozen = f.lead("L-A1-vans")->score;
    CHECK(f.lead("L-A1-vans")->closed_at == kNow - 8 * kDay);

    // A late-synced activity from before the close belongs to the closed lead: no new lead.
    REQUIRE_FALSE(f.log("E2", "A1", "A1-C1", "test_drive", kNow - 9 * kDay).has_value());
    CHECK(f.s.leads.size() == 1);
    CHECK(f.lead("L-A1-vans")->score == frozen);
    // A weak signal after the close is not enough on its own.
    REQUIRE_FALSE(f.log("E3", "A1", "A1-C1", "literature_request", kNow - 2 * kDay).has_value());
    CHECK(f.s.leads.size() == 1);
    // A new request is.
    REQUIRE_FALSE(f.log("E4", "A1", "A1-C1", "quote_request", kNow - kDay).has_value());
    REQUIRE(f.s.leads.size() == 2);
    const Lead* next = f.lead("L-A1-vans-2");
    REQUIRE(next != nullptr);
    CHECK(next->state == LeadState::new_lead);
    CHECK(next->created_at == kNow - kDay);
    CHECK(next->score == doctest::Approx(8 * decay_factor(f.s.lead_book.compiled, 2 * kDay) +
                                         35 * decay_factor(f.s.lead_book.compiled, kDay)));
    CHECK(f.lead("L-A1-vans")->state == LeadState::disqualified);
    CHECK(f.lead("L-A1-vans")->score == frozen);
}

TEST_CASE("a late-synced older request moves a lead's creation earlier, never later") {
    LeadBookFixture f;
    REQUIRE_FALSE(f.log("E2", "A1", "A1-C1", "web_form", kNow - kDay).has_value());
    CHECK(f.lead("L-A1-vans")->created_at == kNow - kDay);
    REQUIRE_FALSE(f.log("E1", "A1", "A1-C1", "test_drive", kNow - 3 * kDay).has_value());
    CHECK(f.lead("L-A1-vans")->created_at == kNow - 3 * kDay);
    REQUIRE_FALSE(f.log("E3", "A1", "A1-C1", "test_drive", kNow).has_value());
    CHECK(f.lead("L-A1-vans")->created_at == kNow - 3 * kDay);
    CHECK(f.s.leads.size() == 1);
}

TEST_CASE("leads do not depend on the order activities were logged in") {
    for (std::uint64_t seed = 1; seed <= 25; ++seed) {
        CAPTURE(seed);
        Rng rng(seed);
        std::vector<json> acts = random_activities(rng, 60);
        LeadBookFixture forward;
        for (const json& a : acts) REQUIRE_FALSE(forward.command("activity.log", a).has_value());
        for (int shuffle = 0; shuffle < 2; ++shuffle) {
            std::vector<json> mixed = acts;
            for (size_t i = mixed.size() - 1; i > 0; --i)
                std::swap(mixed[i], mixed[rng.below(std::uint32_t(i + 1))]);
            LeadBookFixture other;
            for (const json& a : mixed) REQUIRE_FALSE(other.command("activity.log", a).has_value());
            CHECK(leads_by_id(other.s) == leads_by_id(forward.s));
        }
    }
}

TEST_CASE("incremental updates equal a full re-score, before and after a rule change") {
    for (std::uint64_t seed = 100; seed < 120; ++seed) {
        CAPTURE(seed);
        Rng rng(seed);
        LeadBookFixture f;
        std::vector<json> acts = random_activities(rng, 80);
        for (size_t i = 0; i < acts.size(); ++i) {
            REQUIRE_FALSE(f.command("activity.log", acts[i]).has_value());
            // Work some leads as they come, so windows close and reopen along the way.
            if (i % 20 == 19 && f.s.leads.size() > 0) {
                Id id = f.s.leads.rows[rng.below(std::uint32_t(f.s.leads.size()))].id;
                f.command("lead.transition", {{"lead_id", id}, {"to", "working"}}, kNow);
                f.command("lead.transition",
                          {{"lead_id", id}, {"to", "disqualified"}, {"reason", "No budget"}},
                          kNow - Time(rng.below(30)) * kDay);
            }
        }
        Store full = f.s;
        rebuild_leads(full, kNow);
        CHECK(leads_by_id(full) == leads_by_id(f.s));

        ScoringRules r = default_scoring_rules();
        r.half_life_days = 7;
        r.creation_threshold = 10;
        json rules = to_json(r);
        REQUIRE_FALSE(f.command("scoring_rules.put", rules).has_value());
        for (const json& a : random_activities(rng, 20)) {
            json b = a;
            b["id"] = "S" + a["id"].get<std::string>();
            REQUIRE_FALSE(f.command("activity.log", b).has_value());
        }
        Store again = f.s;
        rebuild_leads(again, kNow);
        CHECK(leads_by_id(again) == leads_by_id(f.s));
    }
}

TEST_CASE("the rules preview predicts a rule change without changing anything") {
    Store s = generate_demo(demo_size_tiny(), 5, kNow);
    json before = leads_by_id(s);
    ScoringRules r = s.lead_book.rules;
    r.points[size_t(ActivityType::visit)] = 60;
    r.hot = 40;
    RulesPreview p = preview_rules(s, r);
    CHECK(json(leads_by_id(s)) == before);

    size_t leads_before = s.leads.size();
    set_scoring_rules(s, r);
    size_t hot = 0, warm = 0, cold = 0;
    for (std::uint32_t row = 0; row < leads_before; ++row) {
        const Lead& l = s.leads.rows[row];
        CHECK(p.scores[row] == doctest::Approx(l.score));
        if (l.state == LeadState::converted || l.state == LeadState::disqualified) continue;
        LeadBand b = band_of(r, l.score);
        (b == LeadBand::hot ? hot : b == LeadBand::warm ? warm : cold) += 1;
    }
    CHECK(p.hot == hot);
    CHECK(p.warm == warm);
    CHECK(p.cold == cold);
    CHECK(s.leads.size() - leads_before == p.new_leads);
}

TEST_CASE("the demo book's leads all come from the engine and are consistent") {
    Store s = generate_demo(demo_size_tiny(), 9, kNow);
    std::vector<json> made = leads_by_id(s);
    rebuild_leads(s, kNow);  // re-deriving everything changes nothing
    CHECK(leads_by_id(s) == made);
    size_t closed = 0;
    for (const Lead& l : s.leads.rows) {
        bool is_closed = l.state == LeadState::converted || l.state == LeadState::disqualified;
        CHECK(is_closed == (l.closed_at != 0));
        closed += is_closed;
        if (l.state != LeadState::new_lead) CHECK(l.first_response_at >= l.created_at);
        if (l.state == LeadState::disqualified) CHECK_FALSE(l.disqualify_reason.empty());
    }
    CHECK(closed > 0);
    for (const Deal& d : s.deals.rows) {
        const Lead* l = s.leads.find(d.lead_id);
        REQUIRE(l != nullptr);
        CHECK(l->state == LeadState::converted);
        CHECK(d.account_id == l->account_id);
    }
}

TEST_CASE("moving the clock re-scores; rows appended behind the engine's back are picked up") {
    LeadBookFixture f;
    REQUIRE_FALSE(f.log("E1", "A1", "A1-C1", "web_form", kNow).has_value());
    // Appended directly to the table, not through a command: the next re-score indexes it
    // fully (it opens a lead) before moving the clock.
    f.s.activities.put(Activity{"E2", "A2", "A2-C1", ActivityType::test_drive, kNow, "tyres",
                                "", 0, "", "", ""});
    rescore_all(f.s, kNow + 30 * kDay);
    REQUIRE(f.lead("L-A2-tyres") != nullptr);
    CHECK(f.lead("L-A2-tyres")->score == doctest::Approx(40 * 0.5));
    CHECK(f.lead("L-A1-vans")->score == doctest::Approx(30 * 0.5));
    Store full = f.s;
    rebuild_leads(full, kNow + 30 * kDay);
    CHECK(leads_by_id(full) == leads_by_id(f.s));
}

TEST_CASE("a closed lead from older data without closed_at does not reopen its own history") {
    LeadBookFixture f;
    REQUIRE_FALSE(f.log("E1", "A1", "A1-C1", "web_form", kNow - 10 * kDay).has_value());
    REQUIRE_FALSE(f.log("E2", "A1", "A1-C1", "test_drive", kNow - 8 * kDay).has_value());
    Lead l = *f.lead("L-A1-vans");
    l.state = LeadState::converted;
    l.first_response_at = kNow - 7 * kDay;
    REQUIRE(l.closed_at == 0);
    REQUIRE_FALSE(f.command("lead.put", to_json(l)).has_value());
    CHECK(f.s.leads.size() == 1);
    REQUIRE_FALSE(f.log("E3", "A1", "A1-C1", "quote_request", kNow - kDay).has_value());
    CHECK(f.s.leads.size() == 2);
    CHECK(f.lead("L-A1-vans-2")->created_at == kNow - kDay);
}
