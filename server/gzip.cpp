#include "gzip.h"
#include <zlib.h>

namespace fc::server {

std::string gzip_compress(std::string_view data, int level) {
    z_stream zs{};
    // windowBits 15 + 16: a gzip header and trailer rather than raw zlib.
    deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out;
    out.resize(deflateBound(&zs, uLong(data.size())) + 32);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

void send_compressed(const httplib::Request& req, httplib::Response& res, const std::string& body,
                     const std::string& gzipped, const std::string& content_type) {
    bool gz = !gzipped.empty() &&
              req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
    // cpp-httplib decides on compression from the request's Accept-Encoding after the
    // handler returns; the request object is its own (not const), and dropping the header
    // is the one way to say "already encoded".
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
    res.set_header("Vary", "Accept-Encoding");
    if (gz) res.set_header("Content-Encoding", "gzip");
    res.set_content(gz ? gzipped : body, content_type);
}

}  // namespace fc::server
