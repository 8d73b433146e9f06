#include "static_files.h"
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <unordered_map>
#include <vector>
#include "gzip.h"

namespace fc::server {
namespace {

struct StaticFile {
    std::string type;
    std::string body;
    std::string gzipped;  // empty for formats that are compressed already
    std::string etag;
};

std::string content_type(const std::string& ext) {
    static const std::unordered_map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".wasm", "application/wasm"}, {".ttf", "font/ttf"}, {".json", "application/json"},
        {".png", "image/png"}, {".svg", "image/svg+xml; charset=utf-8"},
        {".ico", "image/x-icon"}, {".webmanifest", "application/manifest+json; charset=utf-8"}};
    auto it = types.find(ext);
    return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace

bool serve_static_files(httplib::Server& http, const std::string& root,
                        const std::vector<std::string>& frame_origins, std::string& error) {
    namespace fs = std::filesystem;
    auto files = std::make_shared<std::unordered_map<std::string, StaticFile>>();
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        std::ifstream in(it->path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        StaticFile f;
        f.type = content_type(it->path().extension().string());
        f.body = ss.str();
        if (f.type != "image/png") f.gzipped = gzip_compress(f.body, 9);
        f.etag = "\"" + std::to_string(std::hash<std::string>{}(f.body)) + "\"";
        std::string url = "/" + fs::relative(it->path(), root).generic_string();
        (*files)[url] = std::move(f);
    }
    if (ec) {
        error = "cannot read " + root + ": " + ec.message();
        return false;
    }
    // A folder's index page answers for the folder ("/" and "/portal-demo/").
    std::vector<std::string> folders;
    for (const auto& [url, file] : *files)
        if (url.size() >= 10 && url.compare(url.size() - 10, 10, "index.html") == 0)
            folders.push_back(url.substr(0, url.size() - 10));
    for (const std::string& folder : folders) (*files)[folder] = (*files)[folder + "index.html"];

    std::string frame_policy = "frame-ancestors 'self'";
    for (const std::string& o : frame_origins) frame_policy += " " + o;

    http.Get(R"(/(?!api/).*)", [files, frame_policy](const httplib::Request& req,
                                                     httplib::Response& res) {
        auto it = files->find(req.path);
        if (it == files->end()) {
            res.status = 404;
            res.set_content("Not found", "text/plain; charset=utf-8");
            return;
        }
        const StaticFile& f = it->second;
        // Names are not content-hashed: always revalidate, answered by 304 when unchanged.
        res.set_header("Cache-Control", "no-cache");
        res.set_header("ETag", f.etag);
        res.set_header("X-Content-Type-Options", "nosniff");
        if (f.type.rfind("text/html", 0) == 0) res.set_header("Content-Security-Policy", frame_policy);
        if (req.get_header_value("If-None-Match") == f.etag) {
            res.status = 304;
            return;
        }
        send_compressed(req, res, f.body, f.gzipped, f.type);
    });
    return true;
}

}  // namespace fc::server
