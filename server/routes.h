// The HTTP surface of the server: the API under /api/v1 and the web app's static files.
#pragma once
#include <httplib.h>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include "config.h"
#include "sqlite_store.h"
#include "store.h"

namespace fc::server {

// A serialised demo snapshot, kept ready to send.
struct CachedBody {
    std::string json;
    std::string gzip;
};

struct ServerState {
    std::mutex mutex;                  // guards store and the cached snapshots
    Store store;
    std::unique_ptr<SqliteStore> db;
    // Demo snapshot parts: "all", "inbox" (what the lead inbox needs to draw), "detail"
    // (contacts, activities, tasks). Built lazily, dropped on change.
    std::map<std::string, CachedBody> snapshots;
};

// The cached demo snapshot part (see ServerState), built if needed; call with the mutex held
// or before serving. Returns nullptr for an unknown part.
const CachedBody* demo_snapshot(ServerState& state, const std::string& part);

void install_routes(httplib::Server& http, ServerState& state, const Config& config);

}  // namespace fc::server
