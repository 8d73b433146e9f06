// The app's UI state and its frame. The UI only reads the store; every change it makes goes
// through a core command (see core/commands.h).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "error.h"
#include "store.h"

namespace fc::ui {

enum InboxColumn { kColAccount, kColCategory, kColScore, kColState, kColOwner, kColAge, kColCount };

struct InboxState {
    std::vector<std::uint32_t> order;  // positions in store.leads.rows, in display order
    int sort_column = kColScore;
    bool ascending = false;
    bool dirty = true;                 // the order must be rebuilt before the next draw
};

struct AppState {
    Store store;
    bool loaded = false;
    bool details_loaded = false;  // contacts and activities arrive after the inbox is up
    std::string status = "Loading your leads…";  // shown instead of the inbox until loaded
    Time now = 0;                 // set by the platform before each frame
    int utc_offset_minutes = 0;   // the user's time zone, from the platform
    InboxState inbox;
    std::int64_t selected_lead = -1;  // position in store.leads.rows, -1: none
    int inbox_rows_drawn = 0;         // rows drawn in the last frame (for "first frame with data")
    std::string route = "inbox";      // the screen a deep link asked for (see navigation.h)
    std::vector<std::string> events;  // JSON events for the host page, drained each frame
};

// Replaces the store with a snapshot document (JSON text). On error nothing changes.
MaybeError load_app_data(AppState& app, std::string_view snapshot_json);
// Adds the tables of a second document (contacts, activities, tasks) after the inbox's.
MaybeError add_app_data(AppState& app, std::string_view snapshot_json);

// Draws one frame of the whole app into the current ImGui frame.
void draw_app(AppState& app);

}  // namespace fc::ui
