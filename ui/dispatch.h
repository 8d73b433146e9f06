// The one way the UI changes data: dispatch() applies a core command to the store, and only if
// core accepts it numbers it (client id + gap-free seq) and appends it to the outbox that sync
// will send. A rejected command changes nothing; its error is kept with the form that sent it
// so the form can show the message next to the offending field.
#pragma once
#include <string>
#include <vector>
#include "app.h"

namespace fc::ui {

// Applies `c` (kind and payload set by the caller; id, client_id, seq, at and author are filled
// in here when empty). `form` names the form that sent it, for field_error().
MaybeError dispatch(AppState& app, Command c, const std::string& form = "");

// apply_command on app.store, remembering in app.sync.local_records the records the command
// made here (sync_replica.h's apply_pull_page removes those no pull confirmed once the command
// is done with). Every application of a command that is or will be in an outbox goes here.
MaybeError apply_local_command(AppState& app, const Command& c);

// Applies an already numbered command (a replay from the saved outbox, another tab's command)
// to the store and the derived indexes, without numbering it or queueing it again.
MaybeError apply_to_app(AppState& app, const Command& c);
// Takes commands core has already applied to app.store (an import's batch, numbered from
// app.next_seq by the job) into the outbox and the derived state, as dispatch() does for one,
// with one sync_state_changed event for the whole batch. Empties `applied`.
void record_applied(AppState& app, std::vector<Command>& applied);
// What dispatch() and record_applied() do after core accepted `c`: index it and mark the
// views it affects for a rebuild.
void note_applied(AppState& app, const Command& c);
// Marks the views `c` affects (inbox, follow-ups, account list) for a rebuild.
void mark_views(AppState& app, const Command& c);

// Builds a command of `kind` with `payload`; dispatch() fills in the rest.
Command make_command(std::string kind, json payload);

// A new client-generated record id with a prefix ("act", "task"): unique per client and load.
Id new_record_id(AppState& app, const char* prefix);

// The message of the last rejection of `form` when it is about `field` (a payload path like
// "payload.title"), else nullptr.
const char* field_error(const AppState& app, const std::string& form, const std::string& field);
// The last rejection of `form`, whatever its field (for the form's own summary line).
const Error* form_error(const AppState& app, const std::string& form);
// Forgets the rejection of `form` (after the user edits or cancels).
void clear_form_error(AppState& app, const std::string& form);

}  // namespace fc::ui
