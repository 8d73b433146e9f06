// Each tenant's records in memory, as a core Store: commands are validated and applied against
// it (core's apply_command needs the records a command refers to). The database stays the
// source of truth: a tenant's store is loaded from it at start, caught up from it before every
// write (another server process on the same PostgreSQL may have written since), and reloaded
// whole after a write that failed to commit.
#pragma once
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include "storage.h"
#include "store.h"
#include "sync_apply.h"

namespace fc::server {

struct TenantState {
    Id id;
    std::mutex mutex;                 // one writer at a time; held while `store` is used
    std::condition_variable committed;  // a write committed (a waiting later batch may go)
    std::unordered_map<Id, int> waiting_batches;  // per user: pushes waiting for an earlier one
    Store store;
    std::int64_t version = 0;         // the tenant version `store` reflects
    // The merge bookkeeping (core/sync_apply.h): merge time per "table/id", and tombstones.
    WrittenAt written_at;
    Tombstones deleted;
    // The demo endpoint's cached answers per part ("all", "inbox", "detail"), JSON and gzip;
    // cleared on change.
    std::map<std::string, std::pair<std::string, std::string>> demo_snapshots;
};

struct Tenants {
    std::mutex mutex;
    std::map<Id, std::unique_ptr<TenantState>> by_id;
    TenantState* find(const Id& id);
};

using fc::record_key;  // core/sync_apply.h

// Loads every record of the tenant changed after `t.version` into its store (tombstones remove
// theirs), and builds the lead engine's book on a first load so commands update it in steps.
MaybeError catch_up(Conn& c, TenantState& t);
// Forgets the in-memory store and loads it again from the database.
MaybeError reload(Conn& c, TenantState& t);
// Loads every tenant in the database.
MaybeError load_tenants(Conn& c, Tenants& out);

// One record row as the database keeps it.
struct RecordRow {
    std::string table;
    Id id;
    std::string scope;
    std::int64_t version = 0;
    Time written_at = 0;
    std::string body;  // core's JSON, compact; {"id": ...} for a tombstone
    bool deleted = false;
};

// Inserts or replaces rows in multi-row statements; a record named twice is written once, last.
MaybeError upsert_records(Conn& c, const Id& tenant, const std::vector<RecordRow>& rows);
// Many rows in multi-row statements (seeding a million records one by one takes minutes).
MaybeError insert_records(Conn& c, const Id& tenant, const std::vector<RecordRow>& rows);
MaybeError read_tenant_version(Conn& c, const Id& tenant, std::int64_t& version);
MaybeError write_tenant_version(Conn& c, const Id& tenant, std::int64_t version);

}  // namespace fc::server
