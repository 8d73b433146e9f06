#include "storage.h"
#include <algorithm>
#include <cstdlib>

namespace fc::server {

std::string g_fault_record_id;

std::int64_t RowView::integer(int column) const {
    std::string_view t = text(column);
    return std::strtoll(std::string(t).c_str(), nullptr, 10);
}

Error storage_error(const std::string& message) {
    return Error{"unavailable", "", "the store failed: " + message};
}

MaybeError insert_rows(Conn& c, const std::string& head, const std::string& tail, int columns,
                       size_t count, const std::function<void(size_t, Params&)>& add_row,
                       size_t per_statement) {
    std::string one_row = "(";
    for (int k = 0; k < columns; ++k) one_row += k ? ",?" : "?";
    one_row += ")";
    Params params;
    for (size_t i = 0; i < count; i += per_statement) {
        size_t n = std::min(per_statement, count - i);
        std::string sql = head;
        sql.reserve(head.size() + n * (one_row.size() + 1) + tail.size());
        params.clear();
        for (size_t k = 0; k < n; ++k) {
            if (k) sql += ',';
            sql += one_row;
            add_row(i + k, params);
        }
        sql += tail;
        if (auto e = c.run(sql, params)) return e;
    }
    return std::nullopt;
}

std::unique_ptr<Database> Database::open(const std::string& url, std::string& error) {
    auto db = std::make_unique<Database>();
    bool pg = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
    db->store_name_ = pg ? "postgresql" : "sqlite";
    if (pg) db->connect_ = [url](std::string& e) { return connect_postgres(url, e); };
    else db->connect_ = [url](std::string& e) { return connect_sqlite(url, e); };
    // Open one connection now so a bad URL or path fails at start, not at the first request.
    Lease first = db->borrow(error);
    if (!first) return nullptr;
    if (auto e = migrate(*first)) {
        error = e->message;
        return nullptr;
    }
    return db;
}

Database::Lease::~Lease() {
    if (!conn_) return;
    if (!conn_->healthy()) return;  // dropped: the next borrow opens a fresh one
    conn_->rollback();              // a no-op unless a handler returned mid-transaction
    std::lock_guard<std::mutex> lock(db_->mutex_);
    db_->idle_.push_back(std::move(conn_));
}

Database::Lease Database::borrow(std::string& error) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(c));
        }
    }
    return Lease(*this, connect_(error));
}

}  // namespace fc::server
