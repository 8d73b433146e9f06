#include "routes.h"
#include "auth.h"
#include "capture.h"
#include "demo_seed.h"
#include "http_util.h"
#include "pull.h"
#include "push.h"
#include "snapshot.h"

namespace fc::server {

void install_routes(httplib::Server& http, ServerState& state) {
    const Config& config = state.config;
    http.set_payload_max_length(config.max_body_bytes);
    http.set_keep_alive_max_count(10000);
    // Headers and body go out in separate writes; with Nagle's algorithm on, a small response
    // waits for the client's delayed ACK (~40 ms) before its body leaves.
    http.set_tcp_nodelay(true);

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
    http.Post(R"(/api/v1/capture/([A-Za-z0-9_.:-]{1,64}))",
              [&state](const httplib::Request& req, httplib::Response& res) {
                  handle_capture(state, req, res);
              });

    // The demo data set, only on a server started with --demo: the current browser client
    // loads it whole until it moves to sign-in and pull. Never enabled on a real deployment.
    if (!config.demo.empty()) {
        http.Get("/api/v1/demo/snapshot", [&state](const httplib::Request&,
                                                   httplib::Response& res) {
            TenantState* t = state.tenants.find(kDemoTenant);
            if (!t) return send_error(res, 404, Error{"not_found", "", "no demo data"});
            std::lock_guard<std::mutex> lock(t->mutex);
            if (t->snapshot_json.empty()) t->snapshot_json = snapshot_to_json(t->store).dump();
            res.set_header("Cache-Control", "no-store");
            res.set_content(t->snapshot_json, "application/json");
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

    if (!config.www_dir.empty()) {
        http.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
        http.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
        http.set_file_extension_and_mimetype_mapping("ttf", "font/ttf");
        http.set_mount_point("/", config.www_dir);
    }
}

}  // namespace fc::server
