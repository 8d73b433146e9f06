// What the sync server (and later the client's outbox) needs to know about a command beyond
// applying it: which record it writes, how that record merges with a concurrent write, and how
// far a client's clock is trusted. See docs/sync-protocol.md, "Merge rules".
#pragma once
#include <optional>
#include <string>
#include <vector>
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

// The record a put-like command replaces as a whole (*.put, activity.log): the records that
// merge last-writer-wins against the stored version. nullopt for the other kinds: operations
// (lead.transition, task.complete, ...) that change records in place, and deletes.
std::optional<CommandTarget> command_target(const Command& c);

// Every command kind apply_command knows.
const std::vector<std::string>& command_kinds();

// A record by table and id.
struct RecordRef {
    std::string table;
    Id id;
};

// The records a command names in its payload, read from the payload alone (no store): the
// records it writes, changes or deletes (a put's record, the lead of lead.transition, the task
// of task.complete, ...). A server checks the caller may touch each before applying; the
// records a command changes beyond these (lead events it appends, a lead the engine opens)
// are of the same lead or account. Empty for an unknown kind or a payload without the ids.
std::vector<RecordRef> command_records(const Command& c);

// Last writer wins per record by clamped command time; on a tie the later arrival wins, so the
// server's order decides. `stored_at` is the time of the write that made the stored version.
bool incoming_write_wins(Time stored_at, Time incoming_at);

}  // namespace fc
