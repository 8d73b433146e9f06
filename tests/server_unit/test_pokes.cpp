// Which open streams a commit pokes, the stream limits, and the NOTIFY payload between server
// processes, without HTTP.
#include <doctest/doctest.h>
#include <unistd.h>
#include <cstdlib>
#include "auth.h"
#include "demo_seed.h"
#include "pokes.h"
#include "scheduler.h"

using namespace fc;
using namespace fc::server;

namespace {

bool pending(const std::shared_ptr<PokeStream>& s) {
    std::lock_guard<std::mutex> lock(s->mutex);
    bool p = s->pending;
    s->pending = false;
    return p;
}

}  // namespace

TEST_CASE("a commit pokes the streams whose user can see what it wrote, and no others") {
    PokeHub hub;
    int status = 0;
    Error error;
    auto rep_d1 = hub.open(Actor{"network-a", "D1-R1", "rep", "D1"}, status, error);
    auto rep_d2 = hub.open(Actor{"network-a", "D2-R1", "rep", "D2"}, status, error);
    auto central = hub.open(Actor{"network-a", "C-1", "central", ""}, status, error);
    auto other_tenant = hub.open(Actor{"network-b", "D1-R1", "rep", "D1"}, status, error);
    REQUIRE(rep_d1);
    REQUIRE(other_tenant);

    hub.publish(VisibleChange{"network-a", 7, {"D1"}, false});
    CHECK(pending(rep_d1));
    CHECK(rep_d1->version == 7);
    CHECK_FALSE(pending(rep_d2));
    CHECK(pending(central));
    CHECK_FALSE(pending(other_tenant));

    hub.publish(VisibleChange{"network-a", 8, {"*"}, false});  // network-wide reference data
    CHECK(pending(rep_d1));
    CHECK(pending(rep_d2));
    CHECK_FALSE(pending(other_tenant));

    hub.publish(VisibleChange{"network-a", 9, {""}, false});  // central-only records
    CHECK_FALSE(pending(rep_d1));
    CHECK(pending(central));

    hub.publish(VisibleChange{"", 0, {}, true});  // after a lost LISTEN connection: everyone
    CHECK(pending(rep_d1));
    CHECK(pending(other_tenant));
}

TEST_CASE("stream limits per user and per process, and a closed stream frees its slot") {
    PokeHub hub;
    hub.set_limits(StreamLimits{2, 3});
    int status = 0;
    Error error;
    Actor a{"network-a", "D1-R1", "rep", "D1"}, b{"network-a", "D1-R2", "rep", "D1"};
    auto a1 = hub.open(a, status, error);
    auto a2 = hub.open(a, status, error);
    CHECK_FALSE(hub.open(a, status, error));
    CHECK(status == 429);
    CHECK(error.code == "too_many_streams");
    auto b1 = hub.open(b, status, error);
    REQUIRE(b1);
    CHECK_FALSE(hub.open(b, status, error));
    CHECK(status == 503);
    CHECK(error.code == "streams_full");
    hub.close(a1);
    CHECK(hub.open_count() == 2);
    CHECK(hub.open(b, status, error));
    hub.publish(VisibleChange{"network-a", 3, {"D1"}, false});
    CHECK(pending(a2));
    CHECK_FALSE(pending(a1));  // closed streams are not poked
}

TEST_CASE("a change survives the NOTIFY payload, and foreign payloads are refused") {
    VisibleChange c{"network-a", 1832, {"D1", "*", ""}, false};
    std::string origin;
    VisibleChange back;
    REQUIRE(notice_to_change(change_to_notice("p1", c), origin, back));
    CHECK(origin == "p1");
    CHECK(back.tenant == "network-a");
    CHECK(back.version == 1832);
    CHECK(back.scopes == c.scopes);
    CHECK_FALSE(notice_to_change("hello", origin, back));
    CHECK_FALSE(notice_to_change("p1|network-a|12x|D1", origin, back));

    VisibleChange wide{"network-a", 5, std::vector<std::string>(2000, "D-0123"), false};
    REQUIRE(notice_to_change(change_to_notice("p1", wide), origin, back));
    CHECK(back.scopes == std::vector<std::string>{"*"});  // too long for NOTIFY: the whole tenant
}

TEST_CASE("what a scheduled rule writes pokes the streams of the dealer it wrote for") {
    REQUIRE(init_crypto());
    char tmpl[] = "/tmp/forecourt-unit-XXXXXX";
    std::string dir = mkdtemp(tmpl);
    {
        ServerState state;
        state.now = [] { return Time(1790000000); };
        std::string error;
        state.db = Database::open(dir + "/forecourt.db", error);
        REQUIRE_MESSAGE(state.db, error);
        {
            auto conn = state.db->borrow(error);
            REQUIRE_FALSE(seed_demo(*conn, demo_size_tiny(), 1, state.now()));
            REQUIRE_FALSE(load_tenants(*conn, state.tenants));
        }
        // A stand-in for an SLA redirect: one note on a dealer D2 account of network-a.
        ScheduledRule rule{"note", [](const Store& s, Time now) {
                               std::vector<Command> out;
                               for (const Account& a : s.accounts.rows) {
                                   if (a.dealer_id != "D2" || s.activities.contains("E-sla-1"))
                                       continue;
                                   Command c;
                                   c.id = "sla-1";
                                   c.kind = "activity.log";
                                   c.at = now;
                                   c.payload = {{"id", "E-sla-1"}, {"account_id", a.id},
                                                {"type", "note"}, {"at", now}};
                                   out.push_back(c);
                                   break;
                               }
                               return out;
                           }};
        int status = 0;
        Error e;
        auto d2 = state.pokes.open(Actor{"network-a", "D2-R1", "rep", "D2"}, status, e);
        auto d1 = state.pokes.open(Actor{"network-a", "D1-R1", "rep", "D1"}, status, e);
        REQUIRE(d2);
        RulesRun run = run_rules_once(state, {rule});
        CHECK(run.applied == 2);  // network-a and network-b each get their note
        CHECK(pending(d2));
        CHECK(d2->version == state.tenants.find("network-a")->version);
        CHECK_FALSE(pending(d1));
    }
    std::system(("rm -rf " + dir).c_str());
}
