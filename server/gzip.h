// gzip for responses we compress once and serve many times (the web app's files, snapshots).
// cpp-httplib would otherwise compress every response again, with Brotli at its slowest
// setting when the browser accepts it: seconds for a large JSON body.
#pragma once
#include <httplib.h>
#include <string>
#include <string_view>

namespace fc::server {

std::string gzip_compress(std::string_view data, int level = 6);

// Sends `body`, or its ready-made `gzipped` form when the client accepts gzip, and keeps
// cpp-httplib from compressing it again.
void send_compressed(const httplib::Request& req, httplib::Response& res, const std::string& body,
                     const std::string& gzipped, const std::string& content_type);

}  // namespace fc::server
