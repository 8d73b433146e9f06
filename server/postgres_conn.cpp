// The store for scale: PostgreSQL through libpq, same statements as SQLite. Writes run at READ
// COMMITTED after locking the tenant's row (SELECT ... FOR UPDATE), so writers of one tenant
// queue behind each other and hand out versions in commit order; reads run at REPEATABLE READ
// so a pull's page, cursor and client sequence numbers come from one snapshot.
#include <libpq-fe.h>
#include <unordered_map>
#include "storage.h"

namespace fc::server {
namespace {

struct PgRow : RowView {
    PGresult* res;
    int row;
    PgRow(PGresult* r, int i) : res(r), row(i) {}
    std::string_view text(int column) const override {
        return std::string_view(PQgetvalue(res, row, column),
                                size_t(PQgetlength(res, row, column)));
    }
};

// `?` -> `$1, $2...`; our statements never hold a `?` inside a string literal.
std::string to_dollar_params(const std::string& sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int n = 0;
    for (char ch : sql) {
        if (ch == '?') out += "$" + std::to_string(++n);
        else out += ch;
    }
    return out;
}

class PgConn : public Conn {
public:
    ~PgConn() override {
        if (pg_) PQfinish(pg_);
    }

    bool open(const std::string& url, std::string& error) {
        pg_ = PQconnectdb(url.c_str());
        if (PQstatus(pg_) != CONNECTION_OK) {
            error = PQerrorMessage(pg_);
            return false;
        }
        // Quiet "already exists" notices from the idempotent migrations.
        if (auto e = run("SET client_min_messages TO warning")) {
            error = e->message;
            return false;
        }
        return true;
    }

    const char* store_name() const override { return "postgresql"; }

    MaybeError exec(const std::string& sql, const Params& params, const RowFn& on_row) override {
        // Each statement is prepared once per connection: parsing and planning every pull
        // again costs more than running it. Names only grow, so a name is never reused.
        auto it = prepared_.find(sql);
        if (it == prepared_.end()) {
            std::string name = "fc" + std::to_string(++statement_count_);
            PGresult* prep = PQprepare(pg_, name.c_str(), to_dollar_params(sql).c_str(),
                                       int(params.size()), nullptr);
            bool ok = PQresultStatus(prep) == PGRES_COMMAND_OK;
            std::string message = ok ? "" : PQresultErrorMessage(prep);
            PQclear(prep);
            if (!ok) return storage_error(message);
            it = prepared_.emplace(sql, std::move(name)).first;
        }
        std::vector<const char*> values;
        values.reserve(params.size());
        for (const std::string& p : params) values.push_back(p.c_str());
        PGresult* res = PQexecPrepared(pg_, it->second.c_str(), int(params.size()),
                                       values.data(), nullptr, nullptr, 0);
        ExecStatusType status = PQresultStatus(res);
        MaybeError result;
        if (status == PGRES_TUPLES_OK) {
            if (on_row)
                for (int i = 0, n = PQntuples(res); i < n; ++i) on_row(PgRow(res, i));
        } else if (status != PGRES_COMMAND_OK) {
            result = storage_error(PQresultErrorMessage(res));
        }
        PQclear(res);
        return result;
    }

    MaybeError begin_read() override {
        return run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    }
    MaybeError begin_write(const std::string& tenant) override {
        if (auto e = run("BEGIN")) return e;
        if (tenant.empty()) return std::nullopt;
        return run("SELECT version FROM tenants WHERE id = ? FOR UPDATE", {tenant});
    }
    MaybeError commit() override { return run("COMMIT"); }
    void rollback() override {
        if (PQtransactionStatus(pg_) != PQTRANS_IDLE) run("ROLLBACK");
    }
    bool healthy() const override { return pg_ && PQstatus(pg_) == CONNECTION_OK; }

private:
    PGconn* pg_ = nullptr;
    std::unordered_map<std::string, std::string> prepared_;  // sql -> prepared statement name
    std::uint64_t statement_count_ = 0;
};

}  // namespace

std::unique_ptr<Conn> connect_postgres(const std::string& url, std::string& error) {
    auto c = std::make_unique<PgConn>();
    if (!c->open(url, error)) return nullptr;
    return c;
}

}  // namespace fc::server
