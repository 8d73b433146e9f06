// deal.move: the customer's progress through a deal's stages; won and lost close it with a
// reason, and a closed deal stays closed.
#include <doctest/doctest.h>
#include "commands.h"
#include "deal_json.h"
#include "demo_data.h"

using namespace fc;

namespace {

constexpr Time kNow = 1790000000;

struct DealWorld {
    Store s = generate_demo(demo_size_tiny(), 5, kNow);
    std::uint64_t seq = 0;
    Id deal_id = "deal-test-1";

    DealWorld() {
        const Account& a = s.accounts.rows.front();
        Deal d;
        d.id = deal_id;
        d.account_id = a.id;
        d.dealer_id = a.dealer_id;
        d.stage = DealStage::exploring;
        d.amount = 2500000;
        d.created_at = kNow - 86400;
        REQUIRE_FALSE(run("deal.put", to_json(d)).has_value());
    }
    MaybeError run(const char* kind, json payload, Time at = kNow) {
        ++seq;
        return apply_command(s, Command{"cmd-" + std::to_string(seq), "c1", seq, kind, at, "", std::move(payload)});
    }
    const Deal& deal() const { return *s.deals.find(deal_id); }
};

}  // namespace

TEST_CASE("a deal moves through open stages, then closes as won with its reason and time") {
    DealWorld w;
    REQUIRE_FALSE(w.run("deal.move", {{"deal_id", w.deal_id}, {"to", "deciding"}}).has_value());
    CHECK(w.deal().stage == DealStage::deciding);
    CHECK(w.deal().closed_at == 0);

    auto e = w.run("deal.move", {{"deal_id", w.deal_id}, {"to", "bought"}, {"reason", "  "}});
    REQUIRE(e.has_value());
    CHECK(e->field == "payload.reason");
    CHECK(w.deal().stage == DealStage::deciding);

    REQUIRE_FALSE(w.run("deal.move", {{"deal_id", w.deal_id}, {"to", "bought"},
                                      {"reason", "Best trade-in offer"}}, kNow + 60).has_value());
    CHECK(w.deal().stage == DealStage::bought);
    CHECK(w.deal().reason == "Best trade-in offer");
    CHECK(w.deal().closed_at == kNow + 60);
    // The reason travels with the record.
    Deal back;
    REQUIRE_FALSE(from_json(to_json(w.deal()), back).has_value());
    CHECK(back.reason == "Best trade-in offer");
    CHECK(back.closed_at == kNow + 60);

    e = w.run("deal.move", {{"deal_id", w.deal_id}, {"to", "lost"}, {"reason", "changed mind"}});
    REQUIRE(e.has_value());
    CHECK(e->field == "payload.to");
    CHECK(w.deal().stage == DealStage::bought);
}

TEST_CASE("deal.move refuses unknown deals, unknown stages and staying put") {
    DealWorld w;
    CHECK(w.run("deal.move", {{"deal_id", "nope"}, {"to", "lost"}, {"reason", "x"}})->field ==
          "payload.deal_id");
    CHECK(w.run("deal.move", {{"deal_id", w.deal_id}, {"to", "won"}})->field == "payload.to");
    CHECK(w.run("deal.move", {{"deal_id", w.deal_id}, {"to", "exploring"}})->field == "payload.to");
    CHECK(w.deal().stage == DealStage::exploring);
}
