// The answer to a push (docs/sync-protocol.md, "Push"): what became of each command, written as
// JSON text straight from these structs. A batch of 1000 built as json values, one object per
// command, and then dumped took a tenth of the push; the text is byte for byte that dump.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "error.h"
#include "records.h"

namespace fc::server {

struct CommandResult {
    std::uint64_t seq = 0;
    Id id;
    std::string status;              // "applied", "rejected", "already_applied", "out_of_order"
    bool superseded = false;         // applied, but a delete or a later write won
    std::uint64_t expected_seq = 0;  // out_of_order: the number the server expects next
    MaybeError error;                // rejected: why
};

// {"client_id", "cursor" (the tenant version, as a string), "last_seq", "results"}, as
// json{...}.dump() of the same values writes it: keys in order, fields a result lacks left out.
std::string push_answer_text(const Id& client_id, std::uint64_t last_seq, std::int64_t version,
                             const std::vector<CommandResult>& results);

}  // namespace fc::server
