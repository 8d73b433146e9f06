// Storage behind one interface. The server speaks a small portable SQL dialect (the same
// statements, with `?` placeholders and text parameters, run on both stores) through a
// connection; only opening a connection and taking a tenant's write lock differ per store:
//   SQLite (default): one file under --data-dir, WAL, synchronous=FULL.
//   PostgreSQL (--database postgresql://...): libpq.
// The schema and its migrations are in migrations.cpp; both stores get the same one.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include "error.h"

namespace fc::server {

// One result row, valid only inside the row callback.
struct RowView {
    virtual ~RowView() = default;
    virtual std::string_view text(int column) const = 0;
    std::int64_t integer(int column) const;
};
using RowFn = std::function<void(const RowView&)>;
using Params = std::vector<std::string>;

// Appends statement parameters, each copied or moved in once (`p.insert(p.end(), {...})`
// copies every value twice: into the list, then out of it; a push adds ~20000).
template <class... T>
void add_params(Params& p, T&&... values) {
    (p.emplace_back(std::forward<T>(values)), ...);
}

class Conn {
public:
    virtual ~Conn() = default;
    virtual const char* store_name() const = 0;  // "sqlite" or "postgresql"
    // Runs one statement with `?` placeholders bound to `params` (as text).
    MaybeError run(const std::string& sql, const Params& params = {}, const RowFn& on_row = {}) {
        return exec(sql, params, on_row);
    }
    virtual MaybeError exec(const std::string& sql, const Params& params,
                            const RowFn& on_row) = 0;
    // A read transaction: every statement until commit() sees one snapshot.
    virtual MaybeError begin_read() = 0;
    // A write transaction holding `tenant`'s write lock until commit or rollback, so versions
    // are handed out, and become visible, in order. An empty tenant takes no lock (setup).
    virtual MaybeError begin_write(const std::string& tenant) = 0;
    virtual MaybeError commit() = 0;
    virtual void rollback() = 0;
    // False once the connection is broken and must not go back to the pool.
    virtual bool healthy() const = 0;
};

// Writes `count` rows in multi-row statements of at most `per_statement` rows each:
// `head` is the statement up to and including VALUES, `tail` what follows the value list (an
// ON CONFLICT clause, say), and add_row(i, params) appends row i's `columns` parameters. A
// push of 100 commands is then a few round trips to the store, not a few hundred (on
// PostgreSQL each is a network round trip while the tenant's other writers wait).
MaybeError insert_rows(Conn& c, const std::string& head, const std::string& tail, int columns,
                       size_t count, const std::function<void(size_t, Params&)>& add_row,
                       size_t per_statement = 100);

// Test-only fault injection (FORECOURT_FAULT_RECORD_ID): a write of a record with this id
// fails as a storage error would, so tests can prove that a failed batch changes nothing.
extern std::string g_fault_record_id;

// A small pool: each request borrows a connection for its duration.
class Database {
public:
    // `url` is a postgresql:// URL, or a path to an SQLite file.
    static std::unique_ptr<Database> open(const std::string& url, std::string& error);

    class Lease {
    public:
        Lease(Database& db, std::unique_ptr<Conn> c) : db_(&db), conn_(std::move(c)) {}
        Lease(Lease&&) = default;
        ~Lease();
        Conn* operator->() { return conn_.get(); }
        Conn& operator*() { return *conn_; }
        explicit operator bool() const { return conn_ != nullptr; }

    private:
        Database* db_;
        std::unique_ptr<Conn> conn_;
    };

    // A connection, or an empty lease (with `error` set) when none can be opened.
    Lease borrow(std::string& error);
    const std::string& store_name() const { return store_name_; }

private:
    std::function<std::unique_ptr<Conn>(std::string&)> connect_;
    std::string store_name_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Conn>> idle_;
};

std::unique_ptr<Conn> connect_sqlite(const std::string& path, std::string& error);
std::unique_ptr<Conn> connect_postgres(const std::string& url, std::string& error);

// Creates or upgrades the schema.
MaybeError migrate(Conn& c);

Error storage_error(const std::string& message);

}  // namespace fc::server
