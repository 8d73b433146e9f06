#include "config.h"
#include <cstdlib>
#include <functional>
#include <map>

namespace fc::server {
namespace {

bool parse_int(const std::string& s, std::int64_t min, std::int64_t max, std::int64_t& out) {
    char* end = nullptr;
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0' || v < min || v > max) return false;
    out = v;
    return true;
}

// "https://a.example,https://b.example" -> both origins.
void add_origins(const std::string& list, std::vector<std::string>& out) {
    size_t start = 0;
    while (start < list.size()) {
        size_t comma = list.find(',', start);
        if (comma == std::string::npos) comma = list.size();
        if (comma > start) out.push_back(list.substr(start, comma - start));
        start = comma + 1;
    }
}

}  // namespace

std::string usage() {
    return "usage: forecourt_server [--host 127.0.0.1] [--port 8080] [--data-dir DIR]\n"
           "         [--database postgresql://user@host:port/db] [--www DIR]\n"
           "         [--demo tiny|dealer|network] [--demo-seed N] [--token-ttl SECONDS]\n"
           "         [--rules-interval SECONDS] [--max-body BYTES] [--capture-burst N]\n"
           "         [--capture-per-minute N] [--threads N]\n"
           "         [--login-failures N] [--login-address-failures N]\n"
           "         [--clock-offset SECONDS]  tests and demos only: the clock runs ahead\n"
           "         [--events-heartbeat SECONDS] [--events-max-age SECONDS]\n"
           "         [--max-streams N] [--max-streams-per-user N]\n"
           "         [--allow-origin ORIGIN[,ORIGIN...]]  portals that may embed the app\n"
           "Environment: FORECOURT_HOST, FORECOURT_PORT, FORECOURT_DATA_DIR, FORECOURT_DATABASE,\n"
           "             FORECOURT_WWW, FORECOURT_ALLOWED_ORIGINS (flags win)\n";
}

bool parse_config(int argc, char** argv, Config& c, std::string& error) {
    if (const char* v = std::getenv("FORECOURT_HOST")) c.host = v;
    if (const char* v = std::getenv("FORECOURT_PORT")) c.port = std::atoi(v);
    if (const char* v = std::getenv("FORECOURT_DATA_DIR")) c.data_dir = v;
    if (const char* v = std::getenv("FORECOURT_DATABASE")) c.database = v;
    if (const char* v = std::getenv("FORECOURT_WWW")) c.www_dir = v;
    if (const char* v = std::getenv("FORECOURT_ALLOWED_ORIGINS")) add_origins(v, c.allowed_origins);
    std::int64_t n = 0;
    auto integer = [&](std::int64_t min, std::int64_t max, auto set) {
        return [&, min, max, set](const std::string& v) {
            if (!parse_int(v, min, max, n)) return false;
            set(n);
            return true;
        };
    };
    std::map<std::string, std::function<bool(const std::string&)>> flags = {
        {"--host", [&](const std::string& v) { c.host = v; return true; }},
        {"--port", integer(0, 65535, [&](std::int64_t v) { c.port = int(v); })},
        {"--data-dir", [&](const std::string& v) { c.data_dir = v; return true; }},
        {"--database", [&](const std::string& v) { c.database = v; return true; }},
        {"--www", [&](const std::string& v) { c.www_dir = v; return true; }},
        {"--allow-origin", [&](const std::string& v) { add_origins(v, c.allowed_origins); return true; }},
        {"--demo", [&](const std::string& v) {
             c.demo = v;
             return v == "tiny" || v == "dealer" || v == "network";
         }},
        {"--demo-seed", integer(0, INT64_MAX, [&](std::int64_t v) { c.demo_seed = v; })},
        {"--token-ttl", integer(1, 90 * 86400, [&](std::int64_t v) { c.token_ttl_seconds = v; })},
        {"--rules-interval",
         integer(0, 86400, [&](std::int64_t v) { c.rules_interval_seconds = v; })},
        {"--max-body", integer(1024, 1 << 30, [&](std::int64_t v) { c.max_body_bytes = v; })},
        {"--capture-burst", integer(1, 1000000, [&](std::int64_t v) { c.capture_burst = v; })},
        {"--capture-per-minute",
         integer(1, 1000000, [&](std::int64_t v) { c.capture_per_minute = v; })},
        {"--threads", integer(2, 256, [&](std::int64_t v) { c.threads = int(v); })},
        {"--login-failures", integer(1, 1000000, [&](std::int64_t v) { c.login_failures = v; })},
        {"--login-address-failures",
         integer(1, 1000000, [&](std::int64_t v) { c.login_address_failures = v; })},
        {"--clock-offset", integer(-86400LL * 3650, 86400LL * 3650,
                                   [&](std::int64_t v) { c.clock_offset_seconds = v; })},
        {"--events-heartbeat",
         integer(1, 3600, [&](std::int64_t v) { c.events_heartbeat_seconds = v; })},
        {"--events-max-age",
         integer(1, 86400, [&](std::int64_t v) { c.events_max_age_seconds = v; })},
        {"--max-streams", integer(0, 1000000, [&](std::int64_t v) { c.max_streams = int(v); })},
        {"--max-streams-per-user",
         integer(1, 10000, [&](std::int64_t v) { c.max_streams_per_user = int(v); })},
    };
    for (int i = 1; i < argc; ++i) {
        std::string flag = argv[i];
        auto it = flags.find(flag);
        if (it == flags.end()) {
            error = "unknown flag " + flag;
            return false;
        }
        if (i + 1 >= argc) {
            error = flag + " needs a value";
            return false;
        }
        std::string value = argv[++i];
        if (!it->second(value)) {
            error = "bad value for " + flag + ": " + value;
            return false;
        }
    }
    if (c.port < 0 || c.port > 65535) {
        error = "FORECOURT_PORT must be between 0 and 65535";
        return false;
    }
    return true;
}

}  // namespace fc::server
