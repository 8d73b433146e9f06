// What the status strip shows about sync, and what the UI asks of the platform's sync client.
// The sync client (web/sync.js: IndexedDB outbox, push, pull, leader tab) owns the truth and
// mirrors it here each time it changes (wasm/sync_api.cpp); the UI only draws it and queues
// requests ("Sync now", a dismissed rejection) for the platform to take after the frame.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>
#include "commands.h"
#include "error.h"
#include "store.h"

namespace fc::ui {

// A command the server refused for good; shown until the user dismisses it.
struct RefusedCommand {
    Id client_id;
    std::uint64_t seq = 0;
    std::string kind;
    Error error;
};

struct SyncState {
    bool enabled = false;        // a signed-in sync client runs (else: the demo snapshot)
    bool online = true;          // the browser has a network and the server answered
    bool syncing = false;        // a push or pull is under way
    bool leader = true;          // this tab does the syncing for the user's tabs
    int waiting = 0;             // commands not yet acknowledged by the server, all tabs
    Time last_synced = 0;        // last complete push + pull (0: never)
    std::string error;           // the last failure, until a sync succeeds
    Time retry_at = 0;           // next automatic attempt after a failure (0: none planned)
    std::int64_t progress_records = 0;  // first sync or restore: records so far
    std::int64_t progress_total = 0;    // ... of about this many (0: unknown)
    bool in_progress = false;           // a first sync or restore is running
    std::string progress_label;         // "Downloading your data", "Opening saved data"
    // The records of a load in progress, shown once it finishes. Kept apart from the app's
    // store so a preview of the inbox (saved on the device) can be up meanwhile.
    Store loading;
    // A book with this many leads keeps its inbox's first screenful on the device, to draw
    // first on reopen (smaller ones open at once). Tests lower it for their small books.
    std::size_t preview_min_leads = 20000;
    std::vector<RefusedCommand> refused;

    // Other tabs' commands not yet acknowledged: replayed after each pull, like our own.
    std::vector<Command> foreign;
    // Records that commands made here ("table/id" -> "client_id#seq" of the command) and no
    // pull has brought. The server applies a command to its own state, which may differ from
    // this replica's (another user changed the lead first), and may not make them (a lead the
    // engine opened here, an owner-change event): once the command is no longer waiting, a
    // complete pull removes those it did not bring (ui/sync_replica.cpp).
    std::unordered_map<std::string, std::string> local_records;

    // Requests from the UI, taken by the platform after the frame.
    bool sync_requested = false;
    std::vector<RefusedCommand> dismissed;
    // "client_id#seq" of every refusal dismissed in this tab: a status the sync client read
    // before it deleted them may still list them, and must not bring them back.
    std::vector<std::string> dismissed_keys;
    std::uint64_t handed_out_seq = 0;  // our commands up to this seq were given to the platform
};

}  // namespace fc::ui
