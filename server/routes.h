// The HTTP surface of the server: the API under /api/v1 and the web app's static files.
#pragma once
#include <httplib.h>
#include <memory>
#include <mutex>
#include <string>
#include "config.h"
#include "sqlite_store.h"
#include "store.h"

namespace fc::server {

struct ServerState {
    std::mutex mutex;                  // guards store and the cached snapshot
    Store store;
    std::unique_ptr<SqliteStore> db;
    std::string snapshot_json;         // built lazily, dropped on change
    std::string snapshot_gzip;
};

// Builds the cached demo snapshot (JSON and gzip) if it is not built; call with the mutex held
// or before serving.
void refresh_snapshot_cache(ServerState& state);

void install_routes(httplib::Server& http, ServerState& state, const Config& config);

}  // namespace fc::server
