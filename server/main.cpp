// forecourt_server: the sync backend (docs/sync-protocol.md) and the web app's files.
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <httplib.h>
#include "auth.h"
#include "config.h"
#include "demo_seed.h"
#include "pg_notify.h"
#include "routes.h"
#include "scheduler.h"
#include "state.h"
#include "worker_pool.h"

using namespace fc;
using namespace fc::server;

namespace {

// Handlers need little stack (JSON nesting is capped at 32); 8 MiB per idle stream would be
// wasted address space.
constexpr size_t kWorkerStackBytes = 512 * 1024;

DemoSize demo_size(const std::string& name) {
    if (name == "tiny") return demo_size_tiny();
    if (name == "network") return demo_size_network();
    return demo_size_dealer();
}

// Every open event stream is a socket: allow as many files as the system lets us.
void raise_open_files_limit() {
    rlimit r{};
    if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
    }
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
    if (config.clock_offset_seconds != 0) {
        // Lets a test see tomorrow's SLA breaches today. Loud, because a real server must not.
        std::fprintf(stderr, "warning: --clock-offset %lld: the server's clock is not the wall clock\n",
                     static_cast<long long>(config.clock_offset_seconds));
        state.now = [offset = config.clock_offset_seconds] { return wall_clock_now() + offset; };
    }
    state.capture_limit.configure(config.capture_burst, config.capture_per_minute);
    state.login_account_limit.configure(config.login_failures, 1);
    state.login_address_limit.configure(config.login_address_failures, 6);
    state.pokes.set_limits(StreamLimits{config.max_streams_per_user, config.max_streams});
    state.origin = random_hex(8);
    raise_open_files_limit();

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
        for (const char* part : {"top", "inbox", "detail"})
            for (bool binary : {false, true}) demo_snapshot_part(*demo, part, binary);
    }

    // Other processes on the same PostgreSQL poke our streams through LISTEN/NOTIFY.
    ChangeListener listener;
    if (state.db->store_name() == "postgresql") listener.start(url, state.origin, state.pokes);

    // Declared before the HTTP server, so it outlives the handler threads that may wake it.
    Scheduler scheduler;
    scheduler.start(state, scheduled_rules(), config.rules_interval_seconds);
    if (config.rules_interval_seconds > 0)
        state.run_rules_soon = [&scheduler] { scheduler.run_soon(); };

    httplib::Server http;
    size_t threads = size_t(config.threads), most = threads + size_t(config.max_streams) + 64;
    http.new_task_queue = [threads, most] {
        return new WorkerPool(threads, most, kWorkerStackBytes);
    };
    install_routes(http, state);
    // cpp-httplib listens with a backlog of 5: a burst of clients reconnecting their event
    // streams (after a restart) would overflow it and stall in SYN-ACK retries for seconds.
    // Linux lets listen() be called again on the bound socket to raise it.
    int listen_fd = -1;
    http.set_socket_options([&listen_fd](socket_t sock) {
        httplib::default_socket_options(sock);
        if (listen_fd < 0) listen_fd = sock;
    });

    int port = config.port;
    if (port == 0) port = http.bind_to_any_port(config.host);
    else if (!http.bind_to_port(config.host, port)) port = -1;
    if (port < 0) {
        std::fprintf(stderr, "cannot listen on %s:%d\n", config.host.c_str(), config.port);
        return 1;
    }
    if (listen_fd >= 0) ::listen(listen_fd, SOMAXCONN);
    std::printf("Forecourt is running at http://%s:%d/ (store: %s)\n", config.host.c_str(), port,
                state.db->store_name().c_str());
    std::fflush(stdout);
    http.listen_after_bind();
    return 0;
}
