// Scores are explainable: every point comes from an activity (or a do-not-contact contact),
// with its base, decay, multipliers and cap, and the parts add up to the score.
#include <doctest/doctest.h>
#include <cmath>
#include "demo_data.h"
#include "lead_fixture.h"

using namespace fc;
using namespace fc::test;

TEST_CASE("contributions add up to the score of every open lead of a generated book") {
    for (std::uint64_t seed : {1, 2, 3}) {
        Store s = generate_demo(demo_size_tiny(), seed, kNow);
        size_t open = 0;
        for (std::uint32_t row = 0; row < s.leads.size(); ++row) {
            const Lead l = s.leads.rows[row];
            if (l.state == LeadState::converted || l.state == LeadState::disqualified) continue;
            ++open;
            double sum = 0;
            for (const Contribution& c : explain_lead(s, row)) {
                sum += c.points;
                REQUIRE(c.activity_row < s.activities.size());
                const Activity& a = s.activities.rows[c.activity_row];
                CHECK(a.account_id == l.account_id);
                CHECK(a.product_category == l.product_category);
                if (!c.do_not_contact)
                    CHECK(c.points == doctest::Approx(c.base * c.campaign * c.authority * c.fit *
                                                      c.decay * c.cap_scale));
            }
            CHECK(sum == doctest::Approx(l.score).epsilon(1e-12));
        }
        CHECK(open > 5);
    }
}

TEST_CASE("decay is monotonic: an older activity never counts more, a lead only cools") {
    CompiledRules c;
    c.per_second = 1.0 / (30 * 86400.0);
    Rng rng(11);
    for (int i = 0; i < 1000; ++i) {
        Time a = Time(rng.below(400 * 86400)), b = a + Time(rng.below(30 * 86400));
        CHECK(decay_factor(c, b) <= decay_factor(c, a));
        CHECK(decay_factor(c, a) <= 1.0);
        CHECK(decay_factor(c, a) > 0.0);
    }
    CHECK(decay_factor(c, 30 * 86400) == doctest::Approx(0.5));
    CHECK(decay_factor(c, -3600) == 1.0);  // a clock behind the activity does not inflate it

    LeadBookFixture f;
    for (auto [id, type, days] : {std::tuple{"E1", "web_form", 40}, {"E2", "visit", 20},
                                  {"E3", "inbound_call", 3}})
        REQUIRE_FALSE(f.log(id, "A2", "A2-C1", type, kNow - days * kDay).has_value());
    double last = f.lead("L-A2-vans")->score;
    for (Time t = kNow; t < kNow + 200 * kDay; t += 7 * kDay) {
        rescore_all(f.s, t);
        double score = f.lead("L-A2-vans")->score;
        CHECK(score <= last);
        last = score;
    }
}

TEST_CASE("one activity's points: base x campaign x authority x fit x decay") {
    ScoringRules r = default_scoring_rules();
    r.campaign_multipliers = {{"CMP1", 2.0}};
    LeadBookFixture f(r);
    // A2 is a fleet of 300: segment 1.3, size 1.2; A2-C1 decides: 1.5.
    REQUIRE_FALSE(f.log("E1", "A2", "A2-C1", "quote_request", kNow - 30 * kDay, "vans", "CMP1")
                      .has_value());
    auto k = explain_lead(f.s, f.s.leads.row_of("L-A2-vans"));
    REQUIRE(k.size() == 1);
    CHECK(k[0].base == 35);
    CHECK(k[0].campaign == 2.0);
    CHECK(k[0].authority == 1.5);
    CHECK(k[0].fit == doctest::Approx(1.3 * 1.2));
    CHECK(k[0].decay == doctest::Approx(0.5));
    CHECK_FALSE(k[0].capped);
    CHECK(f.lead("L-A2-vans")->score == doctest::Approx(35 * 2.0 * 1.5 * 1.3 * 1.2 * 0.5));
    CHECK(to_json(f.s, k[0])["activity_id"] == "E1");
}

TEST_CASE("a cap scales every contribution of its type alike and marks them capped") {
    ScoringRules r = plain_rules();
    r.caps[size_t(ActivityType::literature_request)] = 24;
    LeadBookFixture f(r);
    REQUIRE_FALSE(f.log("E0", "A1", "A1-C1", "quote_request", kNow).has_value());
    for (int i = 1; i <= 5; ++i)
        REQUIRE_FALSE(
            f.log("E" + std::to_string(i), "A1", "A1-C1", "literature_request", kNow).has_value());
    double brochures = 0;
    for (const Contribution& c : explain_lead(f.s, f.s.leads.row_of("L-A1-vans"))) {
        const Activity& a = f.s.activities.rows[c.activity_row];
        if (a.type != ActivityType::literature_request) {
            CHECK_FALSE(c.capped);
            continue;
        }
        CHECK(c.capped);
        CHECK(c.cap_scale == doctest::Approx(24.0 / 40.0));
        brochures += c.points;
    }
    CHECK(brochures == doctest::Approx(24));
    CHECK(f.lead("L-A1-vans")->score == doctest::Approx(35 + 24));
}

TEST_CASE("negative signals lower the score; a do-not-contact contact costs its points once") {
    LeadBookFixture f;
    REQUIRE_FALSE(f.log("E1", "A2", "A2-C2", "test_drive", kNow).has_value());
    REQUIRE_FALSE(f.log("E2", "A2", "A2-C2", "complaint", kNow).has_value());
    CHECK(f.lead("L-A2-vans")->score == doctest::Approx(40 - 15));

    Contact c = *f.s.contacts.find("A2-C2");
    c.do_not_contact = true;
    REQUIRE_FALSE(f.command("contact.put", to_json(c)).has_value());
    CHECK(f.lead("L-A2-vans")->score == doctest::Approx(40 - 15 - 20));
    auto k = explain_lead(f.s, f.s.leads.row_of("L-A2-vans"));
    REQUIRE(k.size() == 3);
    CHECK(k[2].do_not_contact);
    CHECK(k[2].points == -20);
    CHECK(f.s.activities.rows[k[2].activity_row].id == "E1");
    CHECK(f.explained_sum("L-A2-vans") == doctest::Approx(f.lead("L-A2-vans")->score));
}

TEST_CASE("channel points override the type's points for that channel") {
    ScoringRules r = plain_rules();
    r.channel_points[size_t(ActivityType::web_form)] = {{"chat", 20}};
    LeadBookFixture f(r);
    REQUIRE_FALSE(f.log("E1", "A1", "A1-C1", "web_form", kNow, "vans", "", "chat").has_value());
    REQUIRE_FALSE(f.log("E2", "A1", "A1-C1", "web_form", kNow, "tyres", "", "web").has_value());
    CHECK(f.lead("L-A1-vans")->score == doctest::Approx(20));
    CHECK(f.lead("L-A1-tyres")->score == doctest::Approx(30));
}

TEST_CASE("bands follow the thresholds") {
    ScoringRules r = default_scoring_rules();
    CHECK(band_of(r, r.hot) == LeadBand::hot);
    CHECK(band_of(r, r.hot - 0.01) == LeadBand::warm);
    CHECK(band_of(r, r.warm) == LeadBand::warm);
    CHECK(band_of(r, r.warm - 0.01) == LeadBand::cold);
    CHECK(band_of(r, -50) == LeadBand::cold);
    CHECK(name_of(LeadBand::hot) == "hot");
}

TEST_CASE("priority is score x freshness; an unanswered lead loses half per half-life") {
    ScoringRules r = default_scoring_rules();
    const Time h = Time(r.response_half_life_hours * 3600);
    Lead l;
    l.score = 80;
    l.created_at = kNow;
    CHECK(freshness(r, l, kNow) == 1.0);
    CHECK(freshness(r, l, kNow + h) == doctest::Approx(0.5));
    CHECK(freshness(r, l, kNow + 3 * h) == doctest::Approx(0.125));
    CHECK(priority(r, l, kNow + h) == doctest::Approx(40));
    double last = 2;
    for (Time t = kNow; t < kNow + 10 * h; t += h / 3) {
        CHECK(freshness(r, l, t) < last);
        last = freshness(r, l, t);
    }
    // Answered after one half-life: it keeps the value it had then, however long after.
    l.first_response_at = kNow + h;
    CHECK(freshness(r, l, kNow + 50 * h) == doctest::Approx(0.5));
    // A fresh warm lead outranks a hot one nobody answered for a day.
    Lead hot_stale = l, warm_fresh = l;
    hot_stale.first_response_at = 0;
    hot_stale.score = 90;
    warm_fresh.first_response_at = 0;
    warm_fresh.score = 40;
    warm_fresh.created_at = kNow + 24 * 3600 - 600;
    CHECK(priority(r, warm_fresh, kNow + 24 * 3600) > priority(r, hot_stale, kNow + 24 * 3600));
}

TEST_CASE("the work queue orders open leads by priority and leaves closed ones out") {
    LeadBookFixture f;
    REQUIRE_FALSE(f.log("E1", "A1", "A1-C1", "quote_request", kNow - 2 * kDay).has_value());
    REQUIRE_FALSE(f.log("E2", "A2", "A2-C1", "web_form", kNow - 3600).has_value());
    REQUIRE_FALSE(f.log("E3", "A2", "A2-C1", "test_drive", kNow - 3600, "tyres").has_value());
    REQUIRE_FALSE(f.command("lead.transition", {{"lead_id", "L-A2-tyres"}, {"to", "disqualified"},
                                                {"reason", "Duplicate enquiry"}})
                      .has_value());
    auto queue = leads_by_priority(f.s, kNow);
    REQUIRE(queue.size() == 2);
    // The two-day-old quote request scores more but waited 8 half-lives: the fresh form wins.
    CHECK(f.s.leads.rows[queue[0]].id == "L-A2-vans");
    CHECK(f.s.leads.rows[queue[1]].id == "L-A1-vans");
    CHECK(f.s.leads.rows[queue[1]].score > f.s.leads.rows[queue[0]].score);
}
