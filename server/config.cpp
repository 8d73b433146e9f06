#include <cstdlib>
#include "config.h"

namespace fc::server {

std::string usage() {
    return "usage: forecourt_server [--host 127.0.0.1] [--port 8080] [--data-dir DIR]\n"
           "                        [--www DIR] [--demo tiny|dealer|network] [--demo-seed N]\n"
           "                        [--allow-origin ORIGIN[,ORIGIN...]]\n"
           "Environment: FORECOURT_HOST, FORECOURT_PORT, FORECOURT_DATA_DIR, FORECOURT_WWW,\n"
           "             FORECOURT_ALLOWED_ORIGINS\n";
}

namespace {
void add_origins(const std::string& list, std::vector<std::string>& out) {
    size_t start = 0;
    while (start <= list.size()) {
        size_t comma = list.find(',', start);
        std::string o = list.substr(start, comma == std::string::npos ? std::string::npos
                                                                      : comma - start);
        if (!o.empty()) out.push_back(o);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
}
}  // namespace

bool parse_config(int argc, char** argv, Config& c, std::string& error) {
    if (const char* v = std::getenv("FORECOURT_HOST")) c.host = v;
    if (const char* v = std::getenv("FORECOURT_PORT")) c.port = std::atoi(v);
    if (const char* v = std::getenv("FORECOURT_DATA_DIR")) c.data_dir = v;
    if (const char* v = std::getenv("FORECOURT_WWW")) c.www_dir = v;
    if (const char* v = std::getenv("FORECOURT_ALLOWED_ORIGINS")) add_origins(v, c.allowed_origins);
    for (int i = 1; i < argc; ++i) {
        std::string flag = argv[i];
        if (i + 1 >= argc) {
            error = flag + " needs a value";
            return false;
        }
        std::string value = argv[++i];
        if (flag == "--host") c.host = value;
        else if (flag == "--port") c.port = std::atoi(value.c_str());
        else if (flag == "--data-dir") c.data_dir = value;
        else if (flag == "--www") c.www_dir = value;
        else if (flag == "--demo") c.demo = value;
        else if (flag == "--allow-origin") add_origins(value, c.allowed_origins);
        else if (flag == "--demo-seed") c.demo_seed = std::strtoull(value.c_str(), nullptr, 10);
        else {
            error = "unknown flag " + flag;
            return false;
        }
    }
    if (c.port < 0 || c.port > 65535) {
        error = "--port must be between 0 and 65535";
        return false;
    }
    if (!c.demo.empty() && c.demo != "tiny" && c.demo != "dealer" && c.demo != "network") {
        error = "--demo must be tiny, dealer or network";
        return false;
    }
    return true;
}

}  // namespace fc::server
