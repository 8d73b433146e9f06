#include "gzip.h"
#include <zlib.h>

namespace fc::server {

bool accepts_gzip(const httplib::Request& req) {
    // Good enough for real clients: "gzip" listed and not refused with q=0.
    std::string v = req.get_header_value("Accept-Encoding");
    auto at = v.find("gzip");
    if (at == std::string::npos) return false;
    auto end = v.find(',', at);
    std::string params = v.substr(at, end == std::string::npos ? std::string::npos : end - at);
    return params.find("q=0") == std::string::npos || params.find("q=0.") != std::string::npos;
}

std::string gzip_compress(std::string_view data, int level) {
    z_stream z{};
    if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return "";
    std::string out;
    out.resize(deflateBound(&z, uLong(data.size())));
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return rc == Z_STREAM_END ? out : "";
}

void leave_encoding_to_handlers(const httplib::Request& req) {
    // cpp-httplib decides on compression from the request's Accept-Encoding after the
    // handler returns; the request object is its own (not const), and dropping the header
    // is the one way to say "already encoded" for text types.
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
}

void send_compressed(const httplib::Request& req, httplib::Response& res, const std::string& body,
                     const std::string& gzipped, const std::string& content_type) {
    bool gz = !gzipped.empty() && accepts_gzip(req);
    leave_encoding_to_handlers(req);
    res.set_header("Vary", "Accept-Encoding");
    if (gz) res.set_header("Content-Encoding", "gzip");
    res.set_content(gz ? gzipped : body, content_type);
}

void set_body_maybe_gzip(const httplib::Request& req, httplib::Response& res, std::string body,
                         const char* content_type) {
    res.set_header("Vary", "Accept-Encoding");
    if (body.size() > 1024 && accepts_gzip(req)) {
        std::string packed = gzip_fast(body);
        if (!packed.empty()) {
            res.set_header("Content-Encoding", "gzip");
            res.set_content(std::move(packed), content_type);
            return;
        }
    }
    res.set_content(std::move(body), content_type);
}

void set_json_maybe_gzip(const httplib::Request& req, httplib::Response& res, std::string body) {
    set_body_maybe_gzip(req, res, std::move(body), "application/json; charset=utf-8");
}

}  // namespace fc::server
