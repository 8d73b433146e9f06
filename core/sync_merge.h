// What the sync server (and later the client's outbox) needs to know about a command beyond
// applying it: which record it writes, how that record merges with a concurrent write, and how
// far a client's clock is trusted. See docs/sync-protocol.md, "Merge rules".
#pragma once
#include <optional>
#include <string>
#include "commands.h"

namespace fc {

// A client clock may run ahead of the server's by at most this much before its times are cut
// back: otherwise a device set to next year would win every last-writer-wins merge for a year.
constexpr Time kMaxClientClockLead = 5 * 60;

Time clamp_client_time(Time client_at, Time server_now);

// The one record a command writes: its table (the snapshot's key: "accounts", "activities"...)
// and id. `append_only` records never change once written (activities).
struct CommandTarget {
    std::string table;
    Id id;
    bool append_only = false;
};

// nullopt for kinds that write no single record (or that this list does not know yet).
std::optional<CommandTarget> command_target(const Command& c);

// Last writer wins per record by clamped command time; on a tie the later arrival wins, so the
// server's order decides. `stored_at` is the time of the write that made the stored version.
bool incoming_write_wins(Time stored_at, Time incoming_at);

}  // namespace fc
