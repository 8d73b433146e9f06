// GET /api/v1/events: the poke stream (docs/sync-protocol.md, "Events"). Server-Sent Events
// over plain HTTP, authenticated like every endpoint by the Authorization header (a client
// reads it with fetch() streaming). Events: "hello" once (pull now: pokes sent while you were
// away are gone), "poke" when a commit touched something the user can see, and a comment line
// every heartbeat so proxies keep the connection and a dead client is found by a failed write.
#pragma once
#include <httplib.h>
#include "state.h"

namespace fc::server {

void handle_events(ServerState& state, const httplib::Request& req, httplib::Response& res);

}  // namespace fc::server
