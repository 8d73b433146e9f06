// Compression of pull responses. cpp-httplib would gzip them itself, but at zlib's default level,
// which makes a first sync of the network data set (300 MB of JSON) CPU-bound on the server;
// level 1 gives most of the size win (about 10:1 on our JSON) at several times the speed.
#pragma once
#include <httplib.h>
#include <string>
#include <string_view>

namespace fc::server {

bool accepts_gzip(const httplib::Request& req);
// A complete gzip stream of `data`, or "" if zlib fails.
std::string gzip_fast(std::string_view data);

// Sets `body` as the JSON response, gzipped when the client accepts it. The content type
// carries a charset so cpp-httplib does not compress it a second time.
void set_json_maybe_gzip(const httplib::Request& req, httplib::Response& res, std::string body);

}  // namespace fc::server
