// Initial sync benchmark: one client signs in and pulls a whole tenant page by page over one
// keep-alive connection, as a first load does. A native client, so the figure is the server's
// (and the loopback's), not a slow client's: it reads each page's new cursor from the page's
// tail and counts its changes without building a DOM. Prints one JSON line.
//   fc_server_bench_sync <port> [user=C-1] [limit=10000] [gzip|identity]
#include <chrono>
#include <cstdio>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <string>

using json = nlohmann::json;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: fc_server_bench_sync <port> [user] [limit] [gzip|identity]\n");
        return 2;
    }
    int port = std::atoi(argv[1]);
    std::string user = argc > 2 ? argv[2] : "C-1";
    std::string limit = argc > 3 ? argv[3] : "10000";
    bool gzip = !(argc > 4 && std::string(argv[4]) == "identity");
    httplib::Client http("127.0.0.1", port);
    http.set_read_timeout(120);
    http.set_keep_alive(true);
    http.set_decompress(true);
    json login = {{"tenant", "network-a"}, {"user", user}, {"password", "forecourt-demo"}};
    auto r = http.Post("/api/v1/auth/login", login.dump(), "application/json");
    if (!r || r->status != 200) {
        std::fprintf(stderr, "login failed\n");
        return 1;
    }
    std::string token = json::parse(r->body)["token"];
    httplib::Headers headers = {{"Authorization", "Bearer " + token}};
    if (gzip) headers.emplace("Accept-Encoding", "gzip");
    auto t0 = std::chrono::steady_clock::now();
    std::string cursor = "0";
    long long records = 0, pages = 0, bytes = 0;
    for (;;) {
        auto p = http.Get(("/api/v1/sync/pull?cursor=" + cursor + "&limit=" + limit).c_str(),
                          headers);
        if (!p || p->status != 200) {
            std::fprintf(stderr, "pull failed at cursor %s\n", cursor.c_str());
            return 1;
        }
        const std::string& b = p->body;
        bytes += (long long)b.size();
        ++pages;
        for (size_t at = b.find("{\"table\":"); at != std::string::npos;
             at = b.find("{\"table\":", at + 9))
            ++records;
        json tail = json::parse("{" + b.substr(b.rfind("\"cursor\":")));
        cursor = tail["cursor"];
        if (!tail["has_more"].get<bool>()) break;
    }
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                    .count();
    std::printf("{\"records\":%lld,\"pages\":%lld,\"json_mb\":%.1f,\"gzip\":%s,\"ms\":%.0f}\n",
                records, pages, double(bytes) / 1e6, gzip ? "true" : "false", ms);
    return 0;
}
