// forecourt_server: the sync backend (docs/sync-protocol.md) and the web app's files.
#include <sys/stat.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <httplib.h>
#include "auth.h"
#include "config.h"
#include "demo_seed.h"
#include "routes.h"
#include "scheduler.h"
#include "state.h"

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
    ServerState state;
    std::string error;
    if (!parse_config(argc, argv, state.config, error)) {
        std::fprintf(stderr, "%s\n%s", error.c_str(), usage().c_str());
        return 2;
    }
    const Config& config = state.config;
    if (!init_crypto()) {
        std::fprintf(stderr, "libsodium failed to initialise\n");
        return 1;
    }
    if (const char* fault = std::getenv("FORECOURT_FAULT_RECORD_ID")) g_fault_record_id = fault;
    state.now = wall_clock_now;
    state.capture_limit.configure(config.capture_burst, config.capture_per_minute);

    std::string url = config.database;
    if (url.empty()) {
        mkdir(config.data_dir.c_str(), 0700);
        url = config.data_dir + "/forecourt.db";
    }
    state.db = Database::open(url, error);
    if (!state.db) {
        std::fprintf(stderr, "cannot open the store: %s\n", error.c_str());
        return 1;
    }
    {
        auto conn = state.db->borrow(error);
        if (!conn) {
            std::fprintf(stderr, "cannot open the store: %s\n", error.c_str());
            return 1;
        }
        if (!config.demo.empty()) {
            if (auto e = seed_demo(*conn, demo_size(config.demo), config.demo_seed,
                                   wall_clock_now())) {
                std::fprintf(stderr, "cannot seed demo data: %s\n", e->message.c_str());
                return 1;
            }
        }
        if (auto e = load_tenants(*conn, state.tenants)) {
            std::fprintf(stderr, "cannot load the store: %s\n", e->message.c_str());
            return 1;
        }
    }

    // The first visitor of a demo should not wait for its data to be serialised.
    if (TenantState* demo = config.demo.empty() ? nullptr : state.tenants.find(kDemoTenant)) {
        std::lock_guard<std::mutex> lock(demo->mutex);
        for (const char* part : {"inbox", "detail"})
            for (bool binary : {false, true}) demo_snapshot_part(*demo, part, binary);
    }

    httplib::Server http;
    int threads = config.threads;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(size_t(threads)); };
    install_routes(http, state);
    Scheduler scheduler;
    scheduler.start(state, scheduled_rules(), config.rules_interval_seconds);

    int port = config.port;
    if (port == 0) port = http.bind_to_any_port(config.host);
    else if (!http.bind_to_port(config.host, port)) port = -1;
    if (port < 0) {
        std::fprintf(stderr, "cannot listen on %s:%d\n", config.host.c_str(), config.port);
        return 1;
    }
    std::printf("Forecourt is running at http://%s:%d/ (store: %s)\n", config.host.c_str(), port,
                state.db->store_name().c_str());
    std::fflush(stdout);
    http.listen_after_bind();
    return 0;
}
