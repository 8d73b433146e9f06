// The pure half of a sync server's push (docs/sync-protocol.md, "Push" and "Merge rules"):
// which of a client's numbered commands to apply, and applying one through core with the
// merge rules (deletes win for good, last writer wins per record by clamped time, operations
// stamp what they change). The server keeps the bookkeeping these work on (last seq per
// client, merge times, tombstones) durably in its database; tests keep it in memory. Both run
// exactly this code, so a simulation of many clients checks the server's rules, not a copy.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include "change_set.h"

namespace fc {

// "table/id": the key of a record in the merge bookkeeping.
inline std::string record_key(const std::string& table, const Id& id) { return table + "/" + id; }

// key -> clamped time of the write that made the stored version. Absent means 0 (seeded data,
// which any later write beats).
using WrittenAt = std::unordered_map<std::string, Time>;
// Keys of deleted records (tombstones): no later write brings them back.
using Tombstones = std::unordered_set<std::string>;

Time written_time(const WrittenAt& written_at, const std::string& key);

// What to do with a client's command numbered `seq` when its last applied number is
// `last_applied`: a number seen before is a retry (already applied, nothing changes); only the
// next number applies; one past it is a gap, and so is everything after a gap in the same batch
// (`gap_seen`), so commands are never applied out of the client's order.
enum class SeqVerdict { already_applied, apply, out_of_order };
SeqVerdict seq_verdict(std::uint64_t last_applied, std::uint64_t seq, bool gap_seen);

struct MergeOutcome {
    MaybeError error;         // refused for good: nothing changed
    bool superseded = false;  // a delete or a later write won: nothing changed
    ChangeSet changes;        // the records it changed, as apply_command_tracked reports them
};

// Applies `c` (its `at` already clamped, clamp_client_time) to `s` under the merge rules and
// updates `written_at` (every changed record that is not append-only is stamped with the
// command's time, never earlier than its stored one) and `deleted`.
MergeOutcome merge_command(Store& s, WrittenAt& written_at, Tombstones& deleted,
                           const Command& c);

// One stored record row back into memory (a server loading or catching up from its database):
// the record is put (or, for a tombstone, removed and remembered as deleted) and its merge
// time kept. References are not checked: the rows were checked when written, and arrive in
// any order. A removal leaves the lead book unbuilt for finish_stored_load().
MaybeError load_stored_record(Store& s, WrittenAt& written_at, Tombstones& deleted,
                              const std::string& table, const json& body, Time written,
                              bool is_tombstone);
// After loading rows: derives the lead book when the load left it unbuilt. Its scoring clock
// starts at the latest activity, so the same rows give the same store.
void finish_stored_load(Store& s);

// Activities and lead events never change once written: they take no merge time.
bool append_only_table(const std::string& table);

}  // namespace fc
