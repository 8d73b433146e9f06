#include "routes.h"
#include "snapshot.h"

namespace fc::server {
namespace {

void send_error(httplib::Response& res, int status, const Error& e) {
    res.status = status;
    res.set_content(json{{"error", {{"code", e.code}, {"message", e.message}, {"field", e.field}}}}
                        .dump(),
                    "application/json");
}

}  // namespace

void install_routes(httplib::Server& http, ServerState& state, const Config& config) {
    http.set_payload_max_length(8 * 1024 * 1024);

    http.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"status":"ok"})", "application/json");
    });

    // The demo data set, only on a server started with --demo: a first slice for the app
    // until sign-in and pull exist. Never enabled on a real deployment.
    if (!config.demo.empty()) {
        http.Get("/api/v1/demo/snapshot", [&state](const httplib::Request&,
                                                   httplib::Response& res) {
            std::lock_guard<std::mutex> lock(state.mutex);
            if (state.snapshot_json.empty())
                state.snapshot_json = snapshot_to_json(state.store).dump();
            res.set_header("Cache-Control", "no-store");
            res.set_content(state.snapshot_json, "application/json");
        });
    }

    http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (req.path.rfind("/api/", 0) == 0 && res.body.empty())
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
