// Changes since a cursor, paged. The cursor is the tenant version (handed out under the write
// lock, see push.h), never a timestamp or a database sequence: a writer that started earlier
// can never commit a smaller number after a reader has moved past it. The page, the new
// cursor, the client's last applied number and its rejections are read in one snapshot.
#pragma once
#include <httplib.h>
#include "state.h"

namespace fc::server {

void handle_pull(ServerState& state, const httplib::Request& req, httplib::Response& res);

}  // namespace fc::server
