// Server settings from flags (and FORECOURT_* environment variables as defaults).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace fc::server {

struct Config {
    std::string host = "127.0.0.1";
    int port = 8080;               // 0: pick a free port and print it
    std::string data_dir = "data";
    std::string database;          // postgresql://... ; empty: SQLite file under data_dir
    std::string www_dir;           // the built web app; empty: serve no files
    std::string demo;              // "", "tiny", "dealer" or "network": seed an empty store
    std::uint64_t demo_seed = 1;
    std::int64_t token_ttl_seconds = 12 * 3600;
    std::int64_t rules_interval_seconds = 60;  // scheduled rules; 0: never
    std::size_t max_body_bytes = 8 * 1024 * 1024;
    double capture_burst = 20;
    double capture_per_minute = 20;
    double login_failures = 5;       // failed sign-ins per account before 429 (1 back per minute)
    double login_address_failures = 30;  // per client address (6 back per minute)
    std::int64_t clock_offset_seconds = 0;  // tests and demos only: the server's clock runs ahead
    int threads = 16;              // worker threads kept ready; more start for open streams
    std::int64_t events_heartbeat_seconds = 20;  // comment line on an idle event stream
    std::int64_t events_max_age_seconds = 900;   // a stream ends after this; the client reconnects
    int max_streams = 10000;                     // open event streams per process
    int max_streams_per_user = 8;
    std::vector<std::string> allowed_origins;  // portals that may embed the app (CORS, framing)
};

// Returns false (with a message in `error`) on an unknown flag or a bad value.
bool parse_config(int argc, char** argv, Config& out, std::string& error);
std::string usage();

}  // namespace fc::server
