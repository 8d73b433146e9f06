#include "routes.h"
#include <cstdio>
#include "auth.h"
#include "capture.h"
#include "cors.h"
#include "gzip.h"
#include "demo_seed.h"
#include "events.h"
#include "http_util.h"
#include "inbox_preview.h"
#include "pull.h"
#include "push.h"
#include "snapshot.h"
#include "snapshot_binary.h"
#include "static_files.h"
#include "tenant_freshness.h"

namespace fc::server {

// The "top" part (core/inbox_preview.h): enough rows for a tall screen, and only for a book
// whose inbox part takes a noticeable time to arrive and load (~100 bytes a lead); a smaller
// one answers 204 and the page waits for the inbox part as before.
constexpr size_t kPreviewRows = 200;
constexpr size_t kPreviewMinLeads = 20000;

const std::pair<std::string, std::string>* demo_snapshot_part(TenantState& t,
                                                              const std::string& part,
                                                              bool binary) {
    const std::string key = binary ? part + ".bin" : part;
    auto it = t.demo_snapshots.find(key);
    if (it != t.demo_snapshots.end()) return &it->second;
    auto encode = [&](const Store& store, std::initializer_list<const char*> tables) {
        return binary ? snapshot_tables_to_binary(store, tables)
                      : snapshot_tables_to_json(store, tables).dump();
    };
    // "inbox": what the lead inbox needs to draw; "top": its first screenful, ahead of it;
    // "detail": what follows while it is up.
    std::string body;
    const auto inbox_tables = {"dealers", "users", "categories", "campaigns", "accounts", "leads",
                               "scoring_rules", "sla_policy", "follow_up_rules"};
    if (part == "all")
        body = binary ? snapshot_to_binary(t.store) : snapshot_to_json(t.store).dump();
    else if (part == "inbox")
        body = encode(t.store, inbox_tables);
    else if (part == "top" && t.store.leads.size() < kPreviewMinLeads)
        body.clear();  // nothing worth previewing
    else if (part == "top")
        body = encode(inbox_preview(t.store, kPreviewRows), inbox_tables);
    else if (part == "detail")
        body = encode(t.store, {"contacts", "activities", "tasks", "deals"});
    else return nullptr;
    std::string packed = body.empty() ? std::string() : gzip_compress(body, 6);
    return &(t.demo_snapshots[key] = {std::move(body), std::move(packed)});
}

void install_routes(httplib::Server& http, ServerState& state) {
    const Config& config = state.config;
    http.set_payload_max_length(config.max_body_bytes);
    http.set_keep_alive_max_count(10000);
    // Headers and body go out in separate writes; with Nagle's algorithm on, a small response
    // waits for the client's delayed ACK (~40 ms) before its body leaves.
    http.set_tcp_nodelay(true);
    install_cors(http, config.allowed_origins);

    http.Get("/api/v1/health", [&state](const httplib::Request&, httplib::Response& res) {
        std::string error;
        auto conn = state.db->borrow(error);
        MaybeError e = conn ? conn->run("SELECT 1") : storage_error(error);
        if (e) return send_error(res, 503, *e);
        send_json(res, 200, {{"status", "ok"}, {"store", state.db->store_name()}});
    });
    http.Post("/api/v1/auth/login", [&state](const httplib::Request& req, httplib::Response& res) {
        handle_login(state, req, res);
    });
    http.Post("/api/v1/auth/logout", [&state](const httplib::Request& req, httplib::Response& res) {
        handle_logout(state, req, res);
    });
    http.Post("/api/v1/sync/push", [&state](const httplib::Request& req, httplib::Response& res) {
        handle_push(state, req, res);
    });
    http.Get("/api/v1/sync/pull", [&state](const httplib::Request& req, httplib::Response& res) {
        handle_pull(state, req, res);
    });
    http.Get("/api/v1/events", [&state](const httplib::Request& req, httplib::Response& res) {
        handle_events(state, req, res);
    });
    http.Post(R"(/api/v1/capture/([A-Za-z0-9_.:-]{1,64}))",
              [&state](const httplib::Request& req, httplib::Response& res) {
                  handle_capture(state, req, res);
              });

    // The demo data set, only on a server started with --demo: the current browser client
    // loads it whole until it moves to sign-in and pull. Never enabled on a real deployment.
    if (!config.demo.empty()) {
        http.Get("/api/v1/demo/snapshot", [&state](const httplib::Request& req,
                                                   httplib::Response& res) {
            TenantState* t = state.tenants.find(kDemoTenant);
            if (!t) return send_error(res, 404, Error{"not_found", "", "no demo data"});
            std::string part = req.has_param("part") ? req.get_param_value("part") : "all";
            std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
            if (format != "json" && format != "binary")
                return send_error(res, 400, Error{"invalid_field", "format",
                                                  "format must be json or binary"});
            std::lock_guard<std::mutex> lock(t->mutex);
            std::int64_t version = 0;  // another process may have written since
            if (auto e = catch_up_with_database(state, *t, version)) return send_error(res, 503, *e);
            const auto* body = demo_snapshot_part(*t, part, format == "binary");
            if (!body)
                return send_error(res, 400, Error{"invalid_field", "part",
                                                  "part must be all, top, inbox or detail"});
            if (body->first.empty()) return void(res.status = 204);  // no "top" for a small book
            res.set_header("Cache-Control", "no-store");
            send_compressed(req, res, body->first, body->second,
                            format == "binary" ? "application/octet-stream" : "application/json");
        });
    }

    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
            send_error(res, 500, Error{"internal", "", "the server failed on this request"});
        });
    http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (req.path.rfind("/api/", 0) != 0 || !res.body.empty()) return;
        if (res.status == 413)
            return send_error(res, 413, Error{"payload_too_large", "",
                                              "the body is larger than the server accepts"});
        send_error(res, res.status,
                   Error{res.status == 404 ? "not_found" : "http_error", "",
                         "no such endpoint: " + req.method + " " + req.path});
    });

    std::string error;
    if (!config.www_dir.empty() &&
        !serve_static_files(http, config.www_dir, config.allowed_origins, error))
        std::fprintf(stderr, "not serving the web app: %s\n", error.c_str());
}

}  // namespace fc::server
