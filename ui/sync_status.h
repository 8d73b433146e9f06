// The sync part of the status strip: online/offline/syncing, changes waiting, last synced,
// the last error, a "Sync now" button, a progress bar during a first sync or a restore, and
// the oldest command the server refused with a "Dismiss" button.
#pragma once
#include <string>
#include "app.h"

namespace fc::ui {

// "Online", "Offline", "Syncing", "Sync error": the one word the strip starts with.
const char* sync_state_word(const SyncState& s);
// "Last synced 14:02 (5 min ago)" or "Never synced".
std::string last_synced_text(const SyncState& s, Time now, int utc_offset_minutes);
// "3 changes waiting to sync" / "No changes waiting to sync".
std::string waiting_text(int waiting);
// "client_id#seq": how a refused command is told apart from the others.
std::string refused_key(const RefusedCommand& r);

void draw_sync_status(AppState& app);

}  // namespace fc::ui
