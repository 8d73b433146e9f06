#include "pull.h"
#include <algorithm>
#include <cctype>
#include "auth.h"
#include "gzip.h"
#include "http_util.h"
#include "json_text.h"
#include "pull_page.h"

namespace fc::server {
namespace {

constexpr std::int64_t kDefaultLimit = 1000;
constexpr std::int64_t kMaxLimit = 10000;

bool parse_nonnegative(const std::string& s, std::int64_t& out) {
    if (s.empty() || s.size() > 18) return false;
    std::int64_t v = 0;
    for (char ch : s) {
        if (ch < '0' || ch > '9') return false;
        v = v * 10 + (ch - '0');
    }
    out = v;
    return true;
}

}  // namespace

void handle_pull(ServerState& state, const httplib::Request& req, httplib::Response& res) {
    auto actor = authenticate(state, req, res);
    if (!actor) return;
    std::int64_t cursor = 0, limit = kDefaultLimit;
    if (req.has_param("cursor") && !parse_nonnegative(req.get_param_value("cursor"), cursor))
        return send_error(res, 400, Error{"invalid_field", "cursor",
                                          "cursor must be a cursor from an earlier pull"});
    if (req.has_param("limit")) {
        if (!parse_nonnegative(req.get_param_value("limit"), limit) || limit < 1)
            return send_error(res, 400, Error{"invalid_field", "limit",
                                              "limit must be a positive integer"});
        limit = std::min(limit, kMaxLimit);
    }
    // format=binary: the same page in core's binary form (core/pull_page.h), which a browser
    // reads without a JSON parse; JSON stays the default.
    std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
    if (format != "json" && format != "binary")
        return send_error(res, 400, Error{"invalid_field", "format", "format must be json or binary"});
    const bool binary = format == "binary";
    std::string client_id = req.get_param_value("client_id");
    // The same alphabet as every id (core's JsonReader::id): a URL can carry any bytes.
    bool id_ok = client_id.size() <= 64 &&
                 std::all_of(client_id.begin(), client_id.end(), [](unsigned char ch) {
                     return std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == ':';
                 });
    if (!id_ok)
        return send_error(res, 400, Error{"invalid_field", "client_id",
                                          "client_id may only contain letters, digits and - _ . :"});

    std::string error;
    auto conn = state.db->borrow(error);
    if (!conn) return send_error(res, 503, storage_error(error));
    if (auto e = conn->begin_read()) return send_error(res, 503, *e);

    std::string body;  // the JSON page, or the tail of the binary one (its fields after the changes)
    BinaryPullPageWriter page;
    MaybeError bad_record;
    if (!binary) {
        body.reserve(size_t(limit) * 300);
        body += "{\"changes\":[";
    }
    std::int64_t rows = 0, last_version = cursor;
    RowFn on_row = [&](const RowView& r) {
        if (++rows > limit) return;  // the extra row only says there is more
        last_version = r.integer(2);
        if (binary) {
            if (!bad_record) bad_record = page.add(r.text(0), r.text(1), r.integer(3) != 0);
            return;
        }
        if (rows > 1) body += ',';
        body += "{\"table\":\"";
        body += r.text(0);
        // A tombstone says the record is gone: {"table", "deleted": true, "record": {"id"}}.
        body += r.integer(3) != 0 ? "\",\"deleted\":true,\"record\":" : "\",\"record\":";
        body += r.text(1);  // stored as compact, validated JSON: copied, not re-parsed
        body += '}';
    };
    MaybeError e;
    if (sees_everything(*actor))
        e = conn->run(
            "SELECT tbl, body, version, deleted FROM records WHERE tenant = ? AND version > ?"
            " ORDER BY version LIMIT ?",
            {actor->tenant, std::to_string(cursor), std::to_string(limit + 1)}, on_row);
    else
        e = conn->run(
            "SELECT tbl, body, version, deleted FROM records WHERE tenant = ? AND version > ?"
            " AND (scope = ? OR scope = '*') ORDER BY version LIMIT ?",
            {actor->tenant, std::to_string(cursor), actor->dealer_id, std::to_string(limit + 1)},
            on_row);
    if (e) return send_error(res, 503, *e);
    // Stored records were validated when written: one that does not read is the store's fault.
    if (bad_record) return send_error(res, 500, Error{"internal", bad_record->field, bad_record->message});
    bool has_more = rows > limit;
    std::int64_t new_cursor = last_version;
    if (!has_more) {
        if (auto ve = read_tenant_version(*conn, actor->tenant, new_cursor))
            return send_error(res, 503, *ve);
        new_cursor = std::max(new_cursor, cursor);
    }
    body += binary ? "{\"cursor\":\"" : "],\"cursor\":\"";
    body += std::to_string(new_cursor) + "\",\"has_more\":";
    body += has_more ? "true" : "false";

    if (!client_id.empty()) {
        bool mine = false;
        std::int64_t last_seq = 0;
        if (auto ce = conn->run("SELECT tenant, user_id, last_seq FROM clients WHERE client_id = ?",
                                {client_id}, [&](const RowView& r) {
                                    mine = r.text(0) == actor->tenant &&
                                           r.text(1) == actor->user_id;
                                    last_seq = r.integer(2);
                                    if (!mine) last_seq = -1;
                                }))
            return send_error(res, 503, *ce);
        if (last_seq < 0)
            return send_error(res, 403, Error{"client_bound", "client_id",
                                              "this client id belongs to another user"});
        body += ",\"client\":{\"client_id\":";
        append_json_string(body, client_id);
        body += ",\"last_seq\":" + std::to_string(last_seq) + "},\"rejections\":[";
        int n = 0;
        if (auto re = conn->run(
                "SELECT seq, command_id, kind, code, message, field FROM command_log"
                " WHERE client_id = ? AND status = 'rejected' AND version > ? AND version <= ?"
                " ORDER BY seq",
                {client_id, std::to_string(cursor), std::to_string(new_cursor)},
                [&](const RowView& r) {
                    json j = {{"seq", r.integer(0)}, {"id", std::string(r.text(1))},
                              {"kind", std::string(r.text(2))},
                              {"error", {{"code", std::string(r.text(3))},
                                         {"message", std::string(r.text(4))},
                                         {"field", std::string(r.text(5))}}}};
                    body += n++ ? "," : "";
                    body += j.dump();
                }))
            return send_error(res, 503, *re);
        body += ']';
    }
    body += '}';
    conn->commit();
    res.set_header("Cache-Control", "no-store");
    if (binary)
        set_body_maybe_gzip(req, res, page.finish(body), "application/octet-stream");
    else
        set_json_maybe_gzip(req, res, std::move(body));
}

}  // namespace fc::server
