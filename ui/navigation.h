// Deep links in and app events out, for a host page (a dealer portal) that embeds the app.
// Routes: "inbox", "now", "lead/<lead id>", "account/<account id>".
// Events are JSON objects with a "type": lead_opened, lead_state_changed, task_done,
// sync_state_changed; the platform drains them after each frame.
#pragma once
#include <string>
#include <string_view>
#include "app.h"
#include "commands.h"
#include "json_reader.h"

namespace fc::ui {

// Returns false (and changes nothing) for an unknown route or a record the user cannot see.
bool navigate(AppState& app, std::string_view route);

// Selects a lead as if the user clicked it, and tells the host.
void open_lead(AppState& app, std::int64_t row);

void emit_event(AppState& app, const json& event);
// The host's view of an accepted command: task_done, and sync_state_changed with the number
// of changes waiting to sync. (The lead detail reports lead_state_changed with both states.)
void emit_command_events(AppState& app, const Command& accepted);
// Takes the events raised since the last call.
std::vector<std::string> take_events(AppState& app);

}  // namespace fc::ui
