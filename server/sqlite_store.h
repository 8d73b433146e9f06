// The embedded default store: one SQLite file (WAL) under the data folder, created with its
// schema on first start. Records are kept as JSON documents keyed by table and id, so the
// validation and the shapes are core's, the same as in the browser.
#pragma once
#include <memory>
#include <string>
#include "error.h"
#include "store.h"

struct sqlite3;

namespace fc::server {

struct SqliteStore {
    sqlite3* db = nullptr;
    ~SqliteStore();
};

// Opens (creating and migrating if needed) the database at `path`.
std::unique_ptr<SqliteStore> open_sqlite(const std::string& path, std::string& error);

bool is_empty(SqliteStore& s);
// Writes every record of `store` in one transaction.
MaybeError save_all(SqliteStore& s, const Store& store);
// Reads every record back into a core store, validating each as core does.
MaybeError load_all(SqliteStore& s, Store& out);

}  // namespace fc::server
