// A lead's lifecycle: new -> working -> qualified -> converted (a deal), or disqualified (with
// a reason), or nurture. Qualified needs the BANT items the rules require, each with evidence.
// A refused change says why and changes nothing.
#include <doctest/doctest.h>
#include "deal_json.h"
#include "demo_data.h"
#include "lead_fixture.h"
#include "qualification.h"
#include "snapshot.h"

using namespace fc;
using namespace fc::test;

namespace {

using S = LeadState;

// A fixture with one fresh lead, L-A2-vans.
struct OneLead : LeadBookFixture {
    OneLead() { REQUIRE_FALSE(log("E1", "A2", "A2-C1", "web_form", kNow - kDay).has_value()); }
    MaybeError move(const char* to, json extra = json::object(), Time at = kNow) {
        extra["lead_id"] = "L-A2-vans";
        extra["to"] = to;
        return command("lead.transition", extra, at);
    }
    MaybeError tick(const char* item, bool met, const char* evidence = "") {
        json b = {{"met", met}};
        if (*evidence) b["evidence"] = evidence;
        return command("lead.qualify", {{"lead_id", "L-A2-vans"}, {item, b}});
    }
    const Lead& l() const { return *lead("L-A2-vans"); }
};

json lead_tables(const Store& s) {
    json j = {{"leads", json::array()}, {"deals", json::array()}};
    for (const Lead& l : s.leads.rows) j["leads"].push_back(to_json(l));
    for (const Deal& d : s.deals.rows) j["deals"].push_back(to_json(d));
    return j;
}

}  // namespace

TEST_CASE("the lifecycle allows exactly the documented steps") {
    const std::pair<S, S> allowed[] = {
        {S::new_lead, S::working},      {S::new_lead, S::nurture},
        {S::new_lead, S::disqualified}, {S::working, S::qualified},
        {S::working, S::nurture},       {S::working, S::disqualified},
        {S::qualified, S::converted},   {S::qualified, S::working},
        {S::qualified, S::nurture},     {S::qualified, S::disqualified},
        {S::nurture, S::working},       {S::nurture, S::disqualified}};
    for (size_t from = 0; from < size_t(S::count_); ++from)
        for (size_t to = 0; to < size_t(S::count_); ++to) {
            bool expected = false;
            for (auto [a, b] : allowed) expected = expected || (a == S(from) && b == S(to));
            CAPTURE(from);
            CAPTURE(to);
            CHECK(transition_allowed(S(from), S(to)) == expected);
        }
}

TEST_CASE("a lead is qualified only with the required BANT items met, each with evidence") {
    OneLead f;
    REQUIRE_FALSE(f.move("working").has_value());
    auto e = f.move("qualified");
    REQUIRE(e.has_value());
    CHECK(e->code == "not_qualified");
    CHECK(e->field == "payload.to");
    CHECK(e->message.find("budget, authority and need are not met") != std::string::npos);

    auto no_evidence = f.tick("budget", true);
    REQUIRE(no_evidence.has_value());
    CHECK(no_evidence->field == "payload.budget.evidence");
    CHECK_FALSE(f.l().budget.met);

    REQUIRE_FALSE(f.tick("budget", true, "Fleet budget approved for Q3").has_value());
    REQUIRE_FALSE(f.tick("authority", true, "Đorđe signs the order").has_value());
    e = f.move("qualified");
    REQUIRE(e.has_value());
    CHECK(e->message.find("need is not met") != std::string::npos);
    CHECK(f.l().state == S::working);

    REQUIRE_FALSE(f.tick("need", true, "Four vans are due for replacement").has_value());
    REQUIRE_FALSE(f.move("qualified").has_value());
    CHECK(f.l().state == S::qualified);
    CHECK(f.l().budget.evidence == "Fleet budget approved for Q3");
    CHECK_FALSE(f.l().timeline.met);  // not required by the default rules

    // A qualified lead keeps its required items: un-ticking one is refused.
    auto untick = f.tick("need", false);
    REQUIRE(untick.has_value());
    CHECK(untick->field == "payload.need.met");
    CHECK(f.l().need.met);
}

TEST_CASE("the BANT items a lead needs are the rules' choice") {
    ScoringRules r = plain_rules();
    r.bant_required = {false, false, false, true};  // timeline only
    OneLead f;
    f.s.lead_book.rules = r;
    REQUIRE_FALSE(f.move("working").has_value());
    CHECK(f.move("qualified")->message.find("timeline is not met") != std::string::npos);
    REQUIRE_FALSE(f.tick("timeline", true, "Before winter").has_value());
    CHECK_FALSE(f.move("qualified").has_value());
}

TEST_CASE("disqualifying needs a reason; a closed lead does not change") {
    OneLead f;
    auto e = f.move("disqualified", {{"reason", "  "}});
    REQUIRE(e.has_value());
    CHECK(e->field == "payload.reason");
    CHECK(f.l().state == S::new_lead);
    REQUIRE_FALSE(f.move("disqualified", {{"reason", "Only wanted a brochure"}}).has_value());
    CHECK(f.l().disqualify_reason == "Only wanted a brochure");
    CHECK(f.l().closed_at == kNow);
    e = f.move("working");
    REQUIRE(e.has_value());
    CHECK(e->message.find("closed") != std::string::npos);
    e = f.tick("budget", true, "Found money after all");
    REQUIRE(e.has_value());
    CHECK_FALSE(f.l().budget.met);
}

TEST_CASE("converting a qualified lead creates its deal and closes the lead") {
    OneLead f;
    f.s.leads.find("L-A2-vans")->owner = "D1-R1";
    REQUIRE_FALSE(f.move("working").has_value());
    for (const char* item : {"budget", "authority", "need"})
        REQUIRE_FALSE(f.tick(item, true, "Confirmed on the phone").has_value());
    REQUIRE_FALSE(f.move("qualified").has_value());

    auto e = f.move("converted");
    REQUIRE(e.has_value());
    CHECK(e->field == "payload.deal");
    e = f.move("converted", {{"deal", {{"id", "DL-1"}, {"amount", -5}}}});
    REQUIRE(e.has_value());
    CHECK(e->field == "payload.deal.amount");
    CHECK(f.s.deals.size() == 0);

    REQUIRE_FALSE(f.move("converted", {{"deal", {{"id", "DL-1"}, {"amount", 4200000},
                                                 {"stage", "deciding"}}}},
                         kNow + 3600)
                      .has_value());
    CHECK(f.l().state == S::converted);
    CHECK(f.l().closed_at == kNow + 3600);
    const Deal* d = f.s.deals.find("DL-1");
    REQUIRE(d != nullptr);
    CHECK(d->lead_id == "L-A2-vans");
    CHECK(d->account_id == "A2");
    CHECK(d->dealer_id == "D1");
    CHECK(d->owner == "D1-R1");
    CHECK(d->product_category == "vans");
    CHECK(d->stage == DealStage::deciding);
    CHECK(d->amount == 4200000);
    CHECK(d->created_at == kNow + 3600);

    Deal back;
    REQUIRE_FALSE(from_json(to_json(*d), back).has_value());
    CHECK(to_json(back) == to_json(*d));
}

TEST_CASE("the first move out of new is the lead's first response") {
    OneLead f;
    CHECK(f.l().first_response_at == 0);
    REQUIRE_FALSE(f.move("nurture", json::object(), kNow - 3600).has_value());
    CHECK(f.l().first_response_at == kNow - 3600);
    REQUIRE_FALSE(f.move("working", json::object(), kNow).has_value());
    CHECK(f.l().first_response_at == kNow - 3600);
}

TEST_CASE("a lead's record with BANT and closing survives JSON; bad BANT is refused") {
    Lead l;
    l.id = "L-A1-vans";
    l.account_id = "A1";
    l.product_category = "vans";
    l.dealer_id = "D1";
    l.state = S::disqualified;
    l.closed_at = kNow;
    l.disqualify_reason = "Kupił gdzie indziej";
    l.budget = {true, "Budżet zatwierdzony"};
    Lead back;
    REQUIRE_FALSE(from_json(json::parse(to_json(l).dump()), back).has_value());
    CHECK(to_json(back) == to_json(l));
    json j = to_json(l);
    j["bant"]["need"] = {{"met", true}};
    auto e = from_json(j, back);
    REQUIRE(e.has_value());
    CHECK(e->field == "bant.need.evidence");
    j = to_json(l);
    j["bant"]["money"] = {{"met", false}};
    CHECK(from_json(j, back)->field == "bant.money");
}

TEST_CASE("every refused transition or checklist change leaves the store unchanged") {
    static const char* states[] = {"new", "working", "qualified", "converted", "disqualified",
                                   "nurture", "won"};
    static const char* items[] = {"budget", "authority", "need", "timeline"};
    for (std::uint64_t seed : {3, 4}) {
        Store s = generate_demo(demo_size_tiny(), seed, kNow);
        Rng rng(seed * 7919);
        size_t refused = 0, applied = 0;
        for (std::uint64_t n = 1; n <= 300; ++n) {
            const Lead& l = s.leads.rows[rng.below(std::uint32_t(s.leads.size()))];
            json p = {{"lead_id", rng.chance(0.05) ? "L-nope" : l.id}};
            const char* kind = "lead.transition";
            if (rng.chance(0.3)) {
                kind = "lead.qualify";
                json b = {{"met", rng.chance(0.6)}};
                if (rng.chance(0.7)) b["evidence"] = "Heard it from the buyer";
                p[items[rng.below(4)]] = b;
            } else {
                p["to"] = states[rng.below(7)];
                if (rng.chance(0.5)) p["reason"] = rng.chance(0.8) ? "No budget" : "";
                if (rng.chance(0.5))
                    p["deal"] = {{"id", rng.chance(0.2) ? "DL-1" : "DL-x" + std::to_string(n)},
                                 {"amount", rng.chance(0.9) ? 100000 : -1}};
            }
            // Lead commands write leads and deals; every tenth one checks the whole store.
            const bool whole = n % 10 == 0;
            json before = whole ? snapshot_to_json(s) : lead_tables(s);
            auto e = apply_command(s, Command{"c" + std::to_string(n), "client-1", n, kind,
                                              kNow + Time(n), "D1-R1", p});
            if (e) {
                ++refused;
                CHECK_FALSE(e->message.empty());
                CHECK(e->field.rfind("payload", 0) == 0);
                CHECK((whole ? snapshot_to_json(s) : lead_tables(s)) == before);
            } else {
                ++applied;
            }
        }
        CHECK(refused > 50);
        CHECK(applied > 20);
    }
}
