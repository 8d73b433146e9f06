// The scheduled-rules hook, driven without HTTP: a rule's commands are applied exactly once
// through the same batch as a push, as the server's own client, and survive a reload.
#include <doctest/doctest.h>
#include <unistd.h>
#include <cstdlib>
#include "auth.h"
#include "demo_seed.h"
#include "scheduler.h"

using namespace fc;
using namespace fc::server;

namespace {

constexpr Time kNow = 1790000000;

struct TempStore {
    std::string dir;
    TempStore() {
        char tmpl[] = "/tmp/forecourt-unit-XXXXXX";
        dir = mkdtemp(tmpl);
    }
    ~TempStore() { std::system(("rm -rf " + dir).c_str()); }
};

// A stand-in for the SLA engine: one follow-up note per tenant, once.
ScheduledRule note_rule() {
    return {"test-note", [](const Store& s, Time now) {
                std::vector<Command> out;
                if (s.activities.contains("E-rule-1") || s.accounts.rows.empty()) return out;
                Command c;
                c.id = "rule-c1";
                c.kind = "activity.log";
                c.at = now;
                c.payload = {{"id", "E-rule-1"}, {"account_id", s.accounts.rows[0].id},
                             {"type", "note"}, {"at", now}, {"note", "follow up"}};
                out.push_back(c);
                return out;
            }};
}

}  // namespace

TEST_CASE("scheduled rules apply their commands once per tenant as the server's own client") {
    REQUIRE(init_crypto());
    TempStore tmp;
    ServerState state;
    state.now = [] { return kNow; };
    std::string error;
    state.db = Database::open(tmp.dir + "/forecourt.db", error);
    REQUIRE_MESSAGE(state.db, error);
    {
        auto conn = state.db->borrow(error);
        REQUIRE_FALSE(seed_demo(*conn, demo_size_tiny(), 1, kNow));
        REQUIRE_FALSE(load_tenants(*conn, state.tenants));
    }
    REQUIRE(state.tenants.by_id.size() == 2);

    RulesRun first = run_rules_once(state, {note_rule()});
    CHECK(first.commands == 2);
    CHECK(first.applied == 2);
    CHECK(first.rejected == 0);
    RulesRun second = run_rules_once(state, {note_rule()});
    CHECK(second.commands == 0);

    // A fresh load from the database has the rule's activity and its log entry.
    Tenants reloaded;
    auto conn = state.db->borrow(error);
    REQUIRE_FALSE(load_tenants(*conn, reloaded));
    for (auto& [id, t] : reloaded.by_id) {
        const Activity* a = t->store.activities.find("E-rule-1");
        REQUIRE(a);
        CHECK(a->note == "follow up");
        std::int64_t last_seq = -1;
        REQUIRE_FALSE(conn->run("SELECT last_seq FROM clients WHERE client_id = ?",
                                {"sys:rules:" + id},
                                [&](const RowView& r) { last_seq = r.integer(0); }));
        CHECK(last_seq == 1);
    }
}

TEST_CASE("a rule whose command is invalid gets a visible rejection and does not block the next") {
    REQUIRE(init_crypto());
    TempStore tmp;
    ServerState state;
    state.now = [] { return kNow; };
    std::string error;
    state.db = Database::open(tmp.dir + "/forecourt.db", error);
    REQUIRE(state.db);
    {
        auto conn = state.db->borrow(error);
        REQUIRE_FALSE(seed_demo(*conn, demo_size_tiny(), 1, kNow));
        REQUIRE_FALSE(load_tenants(*conn, state.tenants));
    }
    ScheduledRule bad{"bad", [](const Store&, Time now) {
                          Command c;
                          c.id = "bad-1";
                          c.kind = "activity.log";
                          c.at = now;
                          c.payload = {{"id", "E-bad"}, {"account_id", "no-such-account"},
                                       {"type", "note"}, {"at", now}};
                          return std::vector<Command>{c};
                      }};
    RulesRun run = run_rules_once(state, {bad, note_rule()});
    CHECK(run.rejected == 2);
    CHECK(run.applied == 2);
    auto conn = state.db->borrow(error);
    int rejections = 0;
    REQUIRE_FALSE(conn->run("SELECT COUNT(*) FROM command_log WHERE status = 'rejected'", {},
                            [&](const RowView& r) { rejections = int(r.integer(0)); }));
    CHECK(rejections == 2);
}
