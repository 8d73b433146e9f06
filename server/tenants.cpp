#include "tenants.h"
#include <unordered_map>
#include "record_table.h"
#include "lead_engine.h"
#include "snapshot_tables.h"

namespace fc::server {

TenantState* Tenants::find(const Id& id) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : it->second.get();
}

MaybeError catch_up(Conn& c, TenantState& t) {
    std::int64_t latest = t.version;
    MaybeError bad;
    auto e = c.run(
        "SELECT tbl, written_at, body, version, deleted FROM records WHERE tenant = ?"
        " AND version > ? ORDER BY version",
        {t.id, std::to_string(t.version)}, [&](const RowView& r) {
            if (bad) return;
            std::string table(r.text(0));
            json body = json::parse(r.text(2), nullptr, false);
            if (body.is_discarded()) {
                bad = storage_error("a stored " + table + " record is not JSON");
                return;
            }
            if (auto pe = load_stored_record(t.store, t.written_at, t.deleted, table, body,
                                             r.integer(1), r.integer(4) != 0))
                bad = pe;
            latest = std::max(latest, r.integer(3));
        });
    if (e) return e;
    if (bad) return bad;
    t.version = latest;
    finish_stored_load(t.store);
    return std::nullopt;
}

MaybeError reload(Conn& c, TenantState& t) {
    t.store = Store{};
    // Doubling, not the browser's eighth: see Table::growth_shift.
    snapshot_detail::for_each_table(t.store, [](const char*, auto& table) { table.growth_shift = 0; });
    t.written_at.clear();
    t.deleted.clear();
    t.version = 0;
    t.demo_snapshots.clear();
    return catch_up(c, t);
}

MaybeError load_tenants(Conn& c, Tenants& out) {
    std::vector<Id> ids;
    if (auto e = c.run("SELECT id FROM tenants ORDER BY id", {},
                       [&](const RowView& r) { ids.emplace_back(r.text(0)); }))
        return e;
    for (const Id& id : ids) {
        auto t = std::make_unique<TenantState>();
        t->id = id;
        if (auto e = reload(c, *t)) return e;
        std::lock_guard<std::mutex> lock(out.mutex);
        out.by_id[id] = std::move(t);
    }
    return std::nullopt;
}

MaybeError upsert_records(Conn& c, const Id& tenant, const std::vector<RecordRow>& rows) {
    // One statement may not touch a row twice (PostgreSQL refuses ON CONFLICT updating a row
    // it inserted itself), so a record written by several commands of a batch is written once,
    // in its last form and version: the batch commits as one, so no pull could see the others.
    std::vector<std::string> keys;
    keys.reserve(rows.size());
    std::unordered_map<std::string_view, size_t> last_of;
    last_of.reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        if (!g_fault_record_id.empty() && rows[i].id == g_fault_record_id)
            return storage_error("injected fault writing " + rows[i].id);
        keys.push_back(rows[i].table + '\n' + rows[i].id);
    }
    for (size_t i = 0; i < rows.size(); ++i) last_of[keys[i]] = i;  // keys no longer grows
    std::vector<const RecordRow*> kept;
    kept.reserve(last_of.size());
    for (size_t i = 0; i < rows.size(); ++i)
        if (last_of[keys[i]] == i) kept.push_back(&rows[i]);
    return insert_rows(
        c, "INSERT INTO records (tenant, tbl, id, scope, version, written_at, body, deleted) VALUES ",
        " ON CONFLICT (tenant, tbl, id) DO UPDATE SET"
        " scope = excluded.scope, version = excluded.version,"
        " written_at = excluded.written_at, body = excluded.body, deleted = excluded.deleted",
        8, kept.size(), [&](size_t i, Params& p) {
            const RecordRow& r = *kept[i];
            add_params(p, tenant, r.table, r.id, r.scope, std::to_string(r.version),
                       std::to_string(r.written_at), r.body, r.deleted ? "1" : "0");
        });
}

MaybeError insert_records(Conn& c, const Id& tenant, const std::vector<RecordRow>& rows) {
    return insert_rows(
        c, "INSERT INTO records (tenant, tbl, id, scope, version, written_at, body) VALUES ", "",
        7, rows.size(),
        [&](size_t i, Params& p) {
            const RecordRow& r = rows[i];
            add_params(p, tenant, r.table, r.id, r.scope, std::to_string(r.version),
                       std::to_string(r.written_at), r.body);
        },
        200);
}

MaybeError read_tenant_version(Conn& c, const Id& tenant, std::int64_t& version) {
    bool found = false;
    if (auto e = c.run("SELECT version FROM tenants WHERE id = ?", {tenant},
                       [&](const RowView& r) {
                           version = r.integer(0);
                           found = true;
                       }))
        return e;
    if (!found) return storage_error("no tenant " + tenant);
    return std::nullopt;
}

MaybeError write_tenant_version(Conn& c, const Id& tenant, std::int64_t version) {
    return c.run("UPDATE tenants SET version = ? WHERE id = ?", {std::to_string(version), tenant});
}

}  // namespace fc::server
