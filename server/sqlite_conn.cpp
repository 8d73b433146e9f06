// The embedded default store. WAL lets pulls read a snapshot while a push writes;
// synchronous=FULL makes COMMIT wait for the disk, so an acknowledged batch survives kill -9
// and power loss. BEGIN IMMEDIATE takes the database's single write lock at the start of a
// write, which is what makes the tenant version (the pull cursor) safe to hand out.
#include <sqlite3.h>
#include <unordered_map>
#include "storage.h"

namespace fc::server {
namespace {

struct SqliteRow : RowView {
    sqlite3_stmt* st;
    explicit SqliteRow(sqlite3_stmt* s) : st(s) {}
    std::string_view text(int column) const override {
        const char* p = reinterpret_cast<const char*>(sqlite3_column_text(st, column));
        return p ? std::string_view(p, size_t(sqlite3_column_bytes(st, column)))
                 : std::string_view();
    }
};

class SqliteConn : public Conn {
public:
    ~SqliteConn() override {
        for (auto& [sql, st] : statements_) sqlite3_finalize(st);
        if (db_) sqlite3_close(db_);
    }

    bool open(const std::string& path, std::string& error) {
        if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
            error = db_ ? sqlite3_errmsg(db_) : "cannot open " + path;
            return false;
        }
        sqlite3_busy_timeout(db_, 10000);
        for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                                   "PRAGMA foreign_keys=OFF"}) {
            if (auto e = run(pragma)) {
                error = e->message;
                return false;
            }
        }
        return true;
    }

    const char* store_name() const override { return "sqlite"; }

    MaybeError exec(const std::string& sql, const Params& params, const RowFn& on_row) override {
        sqlite3_stmt* st = prepare(sql);
        if (!st) return storage_error(sqlite3_errmsg(db_));
        for (size_t i = 0; i < params.size(); ++i)
            sqlite3_bind_text(st, int(i + 1), params[i].data(), int(params[i].size()),
                              SQLITE_STATIC);
        MaybeError result;
        for (;;) {
            int rc = sqlite3_step(st);
            if (rc == SQLITE_ROW) {
                if (on_row) on_row(SqliteRow(st));
                continue;
            }
            if (rc != SQLITE_DONE) result = storage_error(sqlite3_errmsg(db_));
            break;
        }
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return result;
    }

    MaybeError begin_read() override { return run("BEGIN DEFERRED"); }
    MaybeError begin_write(const std::string&) override { return run("BEGIN IMMEDIATE"); }
    MaybeError commit() override { return run("COMMIT"); }
    void rollback() override {
        if (!sqlite3_get_autocommit(db_)) run("ROLLBACK");
    }
    bool healthy() const override { return db_ != nullptr; }

private:
    // Statements are prepared once per connection and kept: the pull path runs the same few
    // thousands of times a second.
    sqlite3_stmt* prepare(const std::string& sql) {
        auto it = statements_.find(sql);
        if (it != statements_.end()) return it->second;
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), int(sql.size()), &st, nullptr) != SQLITE_OK)
            return nullptr;
        if (statements_.size() > 200) {  // generated bulk statements: do not grow forever
            for (auto& [s, old] : statements_) sqlite3_finalize(old);
            statements_.clear();
        }
        statements_.emplace(sql, st);
        return st;
    }

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace

std::unique_ptr<Conn> connect_sqlite(const std::string& path, std::string& error) {
    auto c = std::make_unique<SqliteConn>();
    if (!c->open(path, error)) return nullptr;
    return c;
}

}  // namespace fc::server
