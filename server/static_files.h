// Serves the built web app from memory: every file under the web root is read once at start,
// gzipped once, and answered with an ETag so a returning browser revalidates cheaply.
// Only files found at start are served, so no request path can reach outside the root.
#pragma once
#include <httplib.h>
#include <string>
#include <vector>

namespace fc::server {

// Pages may be framed only by themselves and by `frame_origins` (the portals on the CORS
// allow-list). Returns false with `error` set when the folder cannot be read.
bool serve_static_files(httplib::Server& http, const std::string& root,
                        const std::vector<std::string>& frame_origins, std::string& error);

}  // namespace fc::server
