#include "sqlite_store.h"
#include <sqlite3.h>
#include "snapshot.h"

namespace fc::server {
namespace {

constexpr const char* kSchema[] = {
    // v1: records as validated JSON documents.
    "CREATE TABLE IF NOT EXISTS records ("
    "  tbl TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (tbl, id))",
};

bool exec(sqlite3* db, const char* sql, std::string& error) {
    char* msg = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) == SQLITE_OK) return true;
    error = msg ? msg : "sqlite error";
    sqlite3_free(msg);
    return false;
}

Error db_error(sqlite3* db) { return Error{"storage_error", "", sqlite3_errmsg(db)}; }

}  // namespace

SqliteStore::~SqliteStore() {
    if (db) sqlite3_close(db);
}

std::unique_ptr<SqliteStore> open_sqlite(const std::string& path, std::string& error) {
    auto s = std::make_unique<SqliteStore>();
    if (sqlite3_open(path.c_str(), &s->db) != SQLITE_OK) {
        error = s->db ? sqlite3_errmsg(s->db) : "cannot open " + path;
        return nullptr;
    }
    sqlite3_busy_timeout(s->db, 5000);
    // WAL + synchronous=FULL: an acknowledged write survives a kill -9 and a power loss.
    if (!exec(s->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", error)) return nullptr;
    for (const char* sql : kSchema)
        if (!exec(s->db, sql, error)) return nullptr;
    return s;
}

bool is_empty(SqliteStore& s) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(s.db, "SELECT 1 FROM records LIMIT 1", -1, &st, nullptr);
    bool empty = sqlite3_step(st) != SQLITE_ROW;
    sqlite3_finalize(st);
    return empty;
}

MaybeError save_all(SqliteStore& s, const Store& store) {
    json doc = snapshot_to_json(store);
    std::string error;
    if (!exec(s.db, "BEGIN IMMEDIATE", error)) return Error{"storage_error", "", error};
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(s.db, "INSERT OR REPLACE INTO records (tbl, id, body) VALUES (?, ?, ?)",
                       -1, &st, nullptr);
    for (const auto& [table, rows] : doc.items()) {
        if (!rows.is_array()) continue;  // the scoring rules: derived from code defaults here
        for (const json& r : rows) {
            std::string id = r.at("id").get<std::string>();
            std::string body = r.dump();
            sqlite3_bind_text(st, 1, table.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 2, id.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 3, body.c_str(), int(body.size()), SQLITE_TRANSIENT);
            if (sqlite3_step(st) != SQLITE_DONE) {
                Error e = db_error(s.db);
                sqlite3_finalize(st);
                exec(s.db, "ROLLBACK", error);
                return e;
            }
            sqlite3_reset(st);
        }
    }
    sqlite3_finalize(st);
    if (!exec(s.db, "COMMIT", error)) return Error{"storage_error", "", error};
    return std::nullopt;
}

MaybeError load_all(SqliteStore& s, Store& out) {
    json doc = json::object();
    sqlite3_stmt* st = nullptr;
    // rowid order keeps insertion order, so references come after what they refer to.
    sqlite3_prepare_v2(s.db, "SELECT tbl, body FROM records ORDER BY rowid", -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) {
        std::string table = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        auto body = json::parse(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                                nullptr, false);
        if (body.is_discarded()) {
            sqlite3_finalize(st);
            return Error{"storage_error", table, "a stored " + table + " record is not JSON"};
        }
        doc[table].push_back(std::move(body));
    }
    sqlite3_finalize(st);
    return load_snapshot(doc, out);
}

}  // namespace fc::server
