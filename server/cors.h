// Cross-origin access for dealer portals that embed the app from another origin: only origins
// on the allow-list get CORS headers (no cookies are used, so no credentials mode), and
// preflight requests are answered here.
#pragma once
#include <httplib.h>
#include <string>
#include <vector>

namespace fc::server {

void install_cors(httplib::Server& http, std::vector<std::string> allowed_origins);

}  // namespace fc::server
