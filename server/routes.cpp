#include "routes.h"
#include <cstdio>
#include "cors.h"
#include "gzip.h"
#include "snapshot.h"
#include "static_files.h"

namespace fc::server {
namespace {

void send_error(httplib::Response& res, int status, const Error& e) {
    res.status = status;
    res.set_content(json{{"error", {{"code", e.code}, {"message", e.message}, {"field", e.field}}}}
                        .dump(),
                    "application/json");
}

}  // namespace

const CachedBody* demo_snapshot(ServerState& state, const std::string& part) {
    auto it = state.snapshots.find(part);
    if (it != state.snapshots.end()) return &it->second;
    json doc;
    if (part == "all") doc = snapshot_to_json(state.store);
    else if (part == "inbox")
        doc = snapshot_tables_to_json(state.store, {"dealers", "users", "categories", "campaigns",
                                                    "accounts", "leads", "scoring_rules"});
    else if (part == "detail")
        doc = snapshot_tables_to_json(state.store, {"contacts", "activities", "tasks", "deals"});
    else return nullptr;
    CachedBody body;
    body.json = doc.dump();
    body.gzip = gzip_compress(body.json);
    return &(state.snapshots[part] = std::move(body));
}

void install_routes(httplib::Server& http, ServerState& state, const Config& config) {
    http.set_payload_max_length(8 * 1024 * 1024);
    install_cors(http, config.allowed_origins);

    http.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"status":"ok"})", "application/json");
    });

    // The demo data set, only on a server started with --demo: a first slice for the app
    // until sign-in and pull exist. Never enabled on a real deployment.
    if (!config.demo.empty()) {
        http.Get("/api/v1/demo/snapshot", [&state](const httplib::Request& req,
                                                   httplib::Response& res) {
            std::lock_guard<std::mutex> lock(state.mutex);
            std::string part = req.has_param("part") ? req.get_param_value("part") : "all";
            const CachedBody* body = demo_snapshot(state, part);
            if (!body)
                return send_error(res, 400,
                                  Error{"invalid_field", "part", "part must be all, inbox or detail"});
            res.set_header("Cache-Control", "no-store");
            send_compressed(req, res, body->json, body->gzip, "application/json");
        });
    }

    http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (req.path.rfind("/api/", 0) == 0 && res.body.empty())
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
