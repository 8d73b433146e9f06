#include "cors.h"
#include <algorithm>
#include <memory>
#include "gzip.h"

namespace fc::server {

void install_cors(httplib::Server& http, std::vector<std::string> allowed_origins) {
    auto allowed = std::make_shared<std::vector<std::string>>(std::move(allowed_origins));
    auto is_allowed = [allowed](const std::string& origin) {
        return !origin.empty() &&
               std::find(allowed->begin(), allowed->end(), origin) != allowed->end();
    };
    http.set_post_routing_handler([is_allowed](const httplib::Request& req,
                                               httplib::Response& res) {
        // Every handler encodes its own body (gzip.h): without this, cpp-httplib compresses
        // any JSON answer to a client that accepts br with Brotli at its slowest quality, which
        // cost a 1000-command push ~70 ms of server CPU for a 100 KB answer.
        leave_encoding_to_handlers(req);
        res.set_header("Vary", "Origin");
        std::string origin = req.get_header_value("Origin");
        if (!is_allowed(origin)) return;
        res.set_header("Access-Control-Allow-Origin", origin);
        res.set_header("Access-Control-Expose-Headers", "ETag");
    });
    http.Options(".*", [is_allowed](const httplib::Request& req, httplib::Response& res) {
        std::string origin = req.get_header_value("Origin");
        if (!is_allowed(origin)) {
            res.status = 403;
            return;
        }
        res.status = 204;
        res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        res.set_header("Access-Control-Max-Age", "600");
    });
}

}  // namespace fc::server
