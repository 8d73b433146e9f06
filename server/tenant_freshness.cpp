#include "tenant_freshness.h"

namespace fc::server {

MaybeError catch_up_with_database(ServerState& state, TenantState& t, std::int64_t& version) {
    std::string error;
    auto conn = state.db->borrow(error);
    if (!conn) return storage_error(error);
    if (auto e = conn->begin_read()) return e;
    if (auto e = read_tenant_version(*conn, t.id, version)) return e;
    if (t.version >= 0 && version > t.version) {
        std::int64_t before = t.version;
        if (auto e = catch_up(*conn, t)) {
            conn->rollback();
            t.version = -1;  // memory is unknown now: the next push reloads it whole
            return e;
        }
        if (t.version != before) t.demo_snapshots.clear();
    }
    return conn->commit();
}

}  // namespace fc::server
