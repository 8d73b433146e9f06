// Every change to data is one command: validated, applied to the store as a whole or not at all,
// and kept as an entry of the sync log. The UI, importers, the server and tests all use these.
#pragma once
#include <cstdint>
#include <string>
#include "error.h"
#include "json_reader.h"
#include "store.h"

namespace fc {

struct Command {
    Id id;                    // client-generated, unique across all clients
    Id client_id;             // the replica that made it
    std::uint64_t seq = 0;    // per-client number, gap-free from 1: the server applies in order
    std::string kind;         // "account.put", "activity.log", ... (see apply_command)
    Time at = 0;              // client time it was made (clamped by the server before merging)
    Id author;                // user id
    json payload;             // the record or the change, validated by apply_command
};

json to_json(const Command& c);
MaybeError from_json(const json& j, Command& out, const std::string& path = "");

// Applies the command to the store. On error the store is unchanged.
// Kinds: dealer.put, user.put, category.put, campaign.put, account.put, contact.put,
// lead.put, task.put, deal.put (insert or replace), activity.log (append-only: the same id
// twice is accepted only when it is the same activity, so a retried command is harmless; it
// updates or opens the lead it touches), the lead commands of lead_commands.h
// (lead.transition, lead.qualify, scoring_rules.put), and task.create, task.complete,
// lead.reassign, lead.redirect, lead.sla_notice (see workflow_commands.h), task.delete and
// contact.delete (delete_commands.h). lead.put also logs state and owner changes to the lead
// event log. The full list is command_kinds() (sync_merge.h); apply_command_tracked
// (change_set.h) also reports which records a command changed.
MaybeError apply_command(Store& store, const Command& c);

}  // namespace fc
