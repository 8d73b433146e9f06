// The HTTP surface of the server: the API under /api/v1 and the web app's static files.
#pragma once
#include <httplib.h>
#include "state.h"

namespace fc::server {

void install_routes(httplib::Server& http, ServerState& state);

// A demo snapshot part ("all", "inbox", "detail") as JSON (or, when `binary`, in the form of
// core/snapshot_binary.h) and gzip, cached in the tenant; nullptr for an unknown part. Call
// with the tenant's mutex held.
const std::pair<std::string, std::string>* demo_snapshot_part(TenantState& t,
                                                              const std::string& part,
                                                              bool binary);

}  // namespace fc::server
