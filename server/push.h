// Applying commands exactly once. A batch of one client's commands is one write transaction
// holding the tenant's write lock: each command's effects, its log entry, the versions it
// takes and the client's last applied number are committed together or not at all.
#pragma once
#include <httplib.h>
#include <vector>
#include "push_answer.h"
#include "scope.h"
#include "state.h"

namespace fc::server {

struct BatchResult {
    int status = 200;        // 200, or the error's status (403, 503) with nothing committed
    Error error;
    std::vector<CommandResult> results;
    std::uint64_t last_seq = 0;
    std::int64_t version = 0;  // the tenant version after the batch
};

// Applies `commands` (all of `client_id`) for `actor`. With `number_commands` the server picks
// the numbers itself (its own sources: capture, scheduled rules).
BatchResult apply_batch(ServerState& state, TenantState& tenant, const Actor& actor,
                        const Id& client_id, std::vector<Command> commands,
                        bool number_commands = false);

void handle_push(ServerState& state, const httplib::Request& req, httplib::Response& res);

}  // namespace fc::server
