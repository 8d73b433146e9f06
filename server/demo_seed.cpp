#include "demo_seed.h"
#include "auth.h"
#include "deal_json.h"
#include "record_json.h"
#include "scope.h"
#include "tenants.h"

namespace fc::server {
namespace {

// Writes one tenant's records in chunks, versions in dependency order (what a client replays).
template <class T>
MaybeError write_table(Conn& c, const Id& tenant, const Store& s, const char* table,
                       const Table<T>& t, std::int64_t& version) {
    std::vector<RecordRow> rows;
    rows.reserve(std::min<size_t>(t.size(), 10000));
    for (const T& r : t.rows) {
        json j = to_json(r);
        rows.push_back(RecordRow{table, r.id, scope_of(s, table, j), ++version, 0, j.dump()});
        if (rows.size() == 10000) {
            if (auto e = insert_records(c, tenant, rows)) return e;
            rows.clear();
        }
    }
    return insert_records(c, tenant, rows);
}

MaybeError seed_tenant(Conn& c, const Id& tenant, const std::string& name, const Store& s,
                       const std::string& password_hash, const std::string& capture_key) {
    std::int64_t v = 0;
    MaybeError e;
    if (!e) e = write_table(c, tenant, s, "dealers", s.dealers, v);
    if (!e) e = write_table(c, tenant, s, "users", s.users, v);
    if (!e) e = write_table(c, tenant, s, "categories", s.categories, v);
    if (!e) e = write_table(c, tenant, s, "campaigns", s.campaigns, v);
    if (!e) e = write_table(c, tenant, s, "accounts", s.accounts, v);
    if (!e) e = write_table(c, tenant, s, "contacts", s.contacts, v);
    if (!e) e = write_table(c, tenant, s, "activities", s.activities, v);
    if (!e) e = write_table(c, tenant, s, "leads", s.leads, v);
    if (!e) e = write_table(c, tenant, s, "tasks", s.tasks, v);
    if (!e) e = write_table(c, tenant, s, "deals", s.deals, v);
    if (!e) e = write_table(c, tenant, s, "lead_events", s.lead_events, v);
    if (e) return e;
    if (auto e2 = c.run("INSERT INTO tenants (id, name, version) VALUES (?, ?, ?)",
                        {tenant, name, std::to_string(v)}))
        return e2;
    for (const User& u : s.users.rows)
        if (auto e2 = c.run("INSERT INTO credentials (tenant, user_id, password_hash)"
                            " VALUES (?, ?, ?)",
                            {tenant, u.id, password_hash}))
            return e2;
    return c.run("INSERT INTO capture_keys (capture_key, tenant, dealer_id, campaign_id)"
                 " VALUES (?, ?, 'D1', 'CMP1')",
                 {capture_key, tenant});
}

}  // namespace

MaybeError seed_demo(Conn& c, const DemoSize& size, std::uint64_t seed, Time now) {
    bool exists = false;
    if (auto e = c.run("SELECT 1 FROM tenants WHERE id = ?", {kDemoTenant},
                       [&](const RowView&) { exists = true; }))
        return e;
    if (exists) return std::nullopt;
    // One hash for every demo user: Argon2id per user would take minutes for the network
    // data set, and they share the documented demo password anyway.
    std::string hash = hash_password(kDemoPassword);
    if (hash.empty()) return storage_error("cannot hash the demo password");
    if (auto e = c.begin_write("")) return e;
    MaybeError e = seed_tenant(c, kDemoTenant, "Demo network A", generate_demo(size, seed, now),
                               hash, "demo-a-d1");
    if (!e)
        e = seed_tenant(c, kDemoTenantB, "Demo network B",
                        generate_demo(demo_size_tiny(), seed + 1, now), hash, "demo-b-d1");
    if (e) {
        c.rollback();
        return e;
    }
    return c.commit();
}

}  // namespace fc::server
