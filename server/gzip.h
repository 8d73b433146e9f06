// Compression of pull responses. cpp-httplib would gzip them itself, but at zlib's default level,
// which makes a first sync of the network data set (300 MB of JSON) CPU-bound on the server;
// level 1 gives most of the size win (about 10:1 on our JSON) at several times the speed.
#pragma once
#include <httplib.h>
#include <string>
#include <string_view>

namespace fc::server {

bool accepts_gzip(const httplib::Request& req);
// Stops cpp-httplib from compressing the answer to `req` itself (it would pick Brotli at its
// slowest quality for any client that accepts br): bodies are encoded here, or not at all.
// Called after the handler ran (the handlers read Accept-Encoding first).
void leave_encoding_to_handlers(const httplib::Request& req);
// A complete gzip stream of `data` at zlib `level` (1 fast .. 9 small), or "" if zlib fails.
std::string gzip_compress(std::string_view data, int level);
inline std::string gzip_fast(std::string_view data) { return gzip_compress(data, 1); }

// Sets `body` as the JSON response, gzipped when the client accepts it. The content type
// carries a charset so cpp-httplib does not compress it a second time.
void set_json_maybe_gzip(const httplib::Request& req, httplib::Response& res, std::string body);
// The same for a body of another type (a binary pull page). cpp-httplib leaves
// application/octet-stream alone.
void set_body_maybe_gzip(const httplib::Request& req, httplib::Response& res, std::string body,
                         const char* content_type);

// Sends `body`, or its ready-made `gzipped` form when the client accepts gzip, for bodies
// compressed once and served many times (the web app's files, demo snapshots), and keeps
// cpp-httplib from compressing them again (it would use Brotli at its slowest setting).
void send_compressed(const httplib::Request& req, httplib::Response& res, const std::string& body,
                     const std::string& gzipped, const std::string& content_type);

}  // namespace fc::server
