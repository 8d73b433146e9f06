// Serves the built web app from memory: every file under the web root is read once at start,
// gzipped once, and answered with an ETag so a returning browser revalidates cheaply.
// Only files found at start are served, so no request path can reach outside the root.
#pragma once
#include <httplib.h>
#include <string>

namespace fc::server {

// Returns false with `error` set when the folder cannot be read.
bool serve_static_files(httplib::Server& http, const std::string& root, std::string& error);

}  // namespace fc::server
