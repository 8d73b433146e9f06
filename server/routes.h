// The HTTP surface of the server: the API under /api/v1 and the web app's static files.
#pragma once
#include <httplib.h>
#include "state.h"

namespace fc::server {

void install_routes(httplib::Server& http, ServerState& state);

}  // namespace fc::server
