// forecourt_server: serves the web app and its data from the embedded SQLite store.
#include <sys/stat.h>
#include <chrono>
#include <cstdio>
#include <httplib.h>
#include "config.h"
#include "demo_data.h"
#include "routes.h"
#include "sqlite_store.h"

using namespace fc;
using namespace fc::server;

namespace {

DemoSize demo_size(const std::string& name) {
    if (name == "tiny") return demo_size_tiny();
    if (name == "network") return demo_size_network();
    return demo_size_dealer();
}

Time wall_clock_now() {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char** argv) {
    Config config;
    std::string error;
    if (!parse_config(argc, argv, config, error)) {
        std::fprintf(stderr, "%s\n%s", error.c_str(), usage().c_str());
        return 2;
    }
    mkdir(config.data_dir.c_str(), 0700);
    auto db = open_sqlite(config.data_dir + "/forecourt.sqlite", error);
    if (!db) {
        std::fprintf(stderr, "cannot open the store: %s\n", error.c_str());
        return 1;
    }
    if (!config.demo.empty() && is_empty(*db)) {
        std::fprintf(stderr, "seeding %s demo data...\n", config.demo.c_str());
        Store demo = generate_demo(demo_size(config.demo), config.demo_seed, wall_clock_now());
        if (auto e = save_all(*db, demo)) {
            std::fprintf(stderr, "cannot seed demo data: %s\n", e->message.c_str());
            return 1;
        }
    }
    ServerState state;
    if (auto e = load_all(*db, state.store)) {
        std::fprintf(stderr, "the store is damaged: %s (%s)\n", e->message.c_str(),
                     e->field.c_str());
        return 1;
    }
    state.db = std::move(db);
    // The first visitor should not wait for the demo snapshot to be serialised.
    if (!config.demo.empty())
        for (const char* part : {"inbox", "detail", "all"}) demo_snapshot(state, part);

    httplib::Server http;
    install_routes(http, state, config);
    int port = config.port;
    if (port == 0) port = http.bind_to_any_port(config.host);
    else if (!http.bind_to_port(config.host, port)) port = -1;
    if (port < 0) {
        std::fprintf(stderr, "cannot listen on %s:%d\n", config.host.c_str(), config.port);
        return 1;
    }
    std::printf("Forecourt is running at http://%s:%d/\n", config.host.c_str(), port);
    std::fflush(stdout);
    http.listen_after_bind();
    return 0;
}
