// The schema, as numbered steps applied once each, in order, inside a transaction. The same
// statements run on SQLite and PostgreSQL (BIGINT and TEXT only), so both stores hold the same
// tables and the same queries work on both.
//
// records      one row per record: its table, id, JSON body (core's shape), the tenant version
//              that last changed it (the pull cursor walks these), its scope (dealer id; '*' for
//              network-wide reference data; '' for central-only) and the clamped time of the
//              write that made it (for last-writer-wins).
// tenants      the tenant's version: the last number handed out, under the tenant's write lock.
// clients      each client id's owner (user and tenant) and its last applied command number,
//              updated in the same transaction as the commands' effects.
//              `deleted` = 1 marks a tombstone (migration 3).
// command_log  every command applied or rejected, with the reason; rejections are versioned so
//              a pull can return those after its cursor. `payload` is '' for an applied
//              activity.log: the activity's record holds it, and activities never change.
#include "storage.h"

namespace fc::server {
namespace {

const char* const kSteps[][8] = {
    {   // 1
        "CREATE TABLE tenants (id TEXT PRIMARY KEY, name TEXT NOT NULL, version BIGINT NOT NULL)",
        "CREATE TABLE records (tenant TEXT NOT NULL, tbl TEXT NOT NULL, id TEXT NOT NULL,"
        " scope TEXT NOT NULL, version BIGINT NOT NULL, written_at BIGINT NOT NULL,"
        " body TEXT NOT NULL, PRIMARY KEY (tenant, tbl, id))",
        "CREATE INDEX records_by_version ON records (tenant, version)",
        "CREATE TABLE clients (client_id TEXT PRIMARY KEY, tenant TEXT NOT NULL,"
        " user_id TEXT NOT NULL, last_seq BIGINT NOT NULL)",
        "CREATE TABLE command_log (client_id TEXT NOT NULL, seq BIGINT NOT NULL,"
        " tenant TEXT NOT NULL, command_id TEXT NOT NULL, kind TEXT NOT NULL,"
        " author TEXT NOT NULL, at BIGINT NOT NULL, status TEXT NOT NULL, code TEXT NOT NULL,"
        " field TEXT NOT NULL, message TEXT NOT NULL, payload TEXT NOT NULL,"
        " version BIGINT NOT NULL, PRIMARY KEY (client_id, seq))",
        "CREATE INDEX command_log_by_version ON command_log (client_id, version)",
        nullptr,
    },
    {   // 2: sign-in
        "CREATE TABLE credentials (tenant TEXT NOT NULL, user_id TEXT NOT NULL,"
        " password_hash TEXT NOT NULL, PRIMARY KEY (tenant, user_id))",
        "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, tenant TEXT NOT NULL,"
        " user_id TEXT NOT NULL, role TEXT NOT NULL, dealer_id TEXT NOT NULL,"
        " expires_at BIGINT NOT NULL, revoked BIGINT NOT NULL)",
        "CREATE INDEX sessions_by_user ON sessions (tenant, user_id)",
        "CREATE TABLE capture_keys (capture_key TEXT PRIMARY KEY, tenant TEXT NOT NULL,"
        " dealer_id TEXT NOT NULL, campaign_id TEXT NOT NULL)",
        nullptr,
    },
    {   // 3: tombstones. A deleted record keeps its row (body {"id"}, deleted = 1) so pulls
        // report the delete and a stale write cannot bring it back.
        "ALTER TABLE records ADD COLUMN deleted BIGINT NOT NULL DEFAULT 0",
        nullptr,
    },
};

}  // namespace

MaybeError migrate(Conn& c) {
    if (auto e = c.run("CREATE TABLE IF NOT EXISTS schema_migrations (step BIGINT PRIMARY KEY)"))
        return e;
    std::int64_t done = 0;
    if (auto e = c.run("SELECT COALESCE(MAX(step), 0) FROM schema_migrations", {},
                       [&](const RowView& r) { done = r.integer(0); }))
        return e;
    for (std::int64_t step = done; step < std::int64_t(std::size(kSteps)); ++step) {
        if (auto e = c.begin_write("")) return e;
        for (const char* sql : kSteps[step]) {
            if (!sql) break;
            if (auto e = c.run(sql)) {
                c.rollback();
                return e;
            }
        }
        if (auto e = c.run("INSERT INTO schema_migrations (step) VALUES (?)",
                           {std::to_string(step + 1)})) {
            c.rollback();
            return e;
        }
        if (auto e = c.commit()) return e;
    }
    return std::nullopt;
}

}  // namespace fc::server
