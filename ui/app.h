// The app's UI state and its frame. The UI only reads the store; every change it makes goes
// through dispatch() (ui/dispatch.h), which applies a core command and queues it for sync.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "app_index.h"
#include "commands.h"
#include "error.h"
#include "import_state.h"
#include "inbox_filter.h"
#include "indexes.h"
#include "platform_services.h"
#include "reports.h"
#include "rules_editor.h"
#include "store.h"
#include "sync_state.h"
#include "workflow.h"

namespace fc::ui {

enum class Screen : int { now, leads, accounts, follow_ups, pipeline, reports, rules, settings, imports, count_ };

struct AccountScreenState {
    char search[128] = "";
    std::string applied_search;          // what `list` was built for
    std::vector<std::uint32_t> list;     // account rows matching the search, in name order
    bool list_dirty = true;
    std::uint32_t selected = kNoRow;     // account row shown on the right
    int activity_page = 0;               // pages of kActivityPageSize, newest first
    bool scroll_to_selected = false;
};

// Quick log: one activity and, when a next step is given, one follow-up task.
enum class LogKind : int { call, visit, email, note, count_ };

struct QuickLogState {
    bool open = false;          // the popup should be open
    bool just_opened = false;   // first frame: put the keyboard in the first field
    std::uint32_t account = kNoRow;
    std::uint32_t contact = kNoRow;  // contact row, kNoRow: none
    Id lead_id;                 // the lead it was opened from, if any
    Id product_category;        // the lead's product, so the activity counts toward it
    LogKind kind = LogKind::call;
    char outcome[1024] = "";
    char next_step[512] = "";   // more than core accepts, so an over-long title gets core's message
    int due_in_days = 1;
    Id activity_id, task_id;    // chosen when the form opens (see open_quick_log)
    std::string saved_message;  // "Call logged for ..." shown after saving
};

struct FollowUpsState {
    bool mine_only = true;       // tasks assigned to the signed-in user, or everyone's
    int days_ahead = 14;         // open tasks due later than this are counted, not listed
    // What the list shows, in order: a day heading (task == kNoRow, day = days from today,
    // negative for the overdue heading) or a task row.
    struct Entry {
        std::uint32_t task;
        int day;
    };
    std::vector<Entry> entries;
    int overdue = 0, today = 0, later = 0;  // counts for the summary line
    Time built_for_day = 0;      // local day the entries were grouped for
    bool dirty = true;
    char outcome[256] = "";      // outcome text for the task being closed
    Id outcome_task;             // the task `outcome` belongs to
};

// The lead detail's state actions: the reason a disqualify needs and the converted deal's
// amount (whole currency units), for the lead they were typed for.
struct LeadDetailState {
    Id lead_id;
    char reason[512] = "";
    long long deal_amount = 0;
    // The BANT checklist being edited (budget, authority, need, timeline), taken from the lead.
    std::array<bool, 4> bant_met{};
    std::array<std::array<char, 512>, 4> bant_evidence{};
    Id reassign_to;               // user id chosen to take the lead over
    char reassign_reason[256] = "";
};

// The Pipeline's selected deal and the reason typed for winning or losing it.
struct PipelineState {
    Id selected;
    char reason[512] = "";
};

// Reports as last computed: redone when a command was applied, data loaded, or asked for.
struct ReportsCache {
    bool valid = false;
    std::uint64_t seq = 0;       // next_seq when computed
    Time at = 0;                 // `now` they are as of
    Reports data;
};

// The last command core refused, kept with the form that sent it.
struct Rejection {
    std::string form;
    Error error;
};

struct AppState {
    Store store;
    AppIndex index;              // derived from store on load, kept current by dispatch()
    Indexes core_index;          // core's lookups (Now queue, reports), refreshed by dispatch()
    WorkflowConfig workflow;     // calendars and SLA policy for the Now queue (defaults)
    bool loaded = false;
    bool details_loaded = false;  // contacts and activities arrive after the inbox is up
    // The store holds only the inbox's first screenful (core/inbox_preview.h) until the whole
    // inbox part replaces it: the inbox says it is still loading and its filters wait.
    bool preview = false;
    std::string status = "Loading your leads…";  // shown instead of the inbox until loaded
    Time now = 0;                // set by the platform before each frame
    Time loaded_at = 0;          // when the current data was loaded (app time)
    int utc_offset_minutes = 0;  // the user's time zone, from the platform

    Screen screen = Screen::leads;
    bool go_pending = false;     // "g" was pressed: the next letter picks a screen
    bool key_taken = false;      // this frame's letter finished a "g" sequence: not for screens

    InboxState inbox;
    std::int64_t selected_lead = -1;  // position in store.leads.rows, -1: none
    int inbox_rows_drawn = 0;         // rows drawn in the last frame (for "first frame with data")
    bool inbox_scroll_to_end = false, inbox_scroll_to_top = false;

    AccountScreenState accounts;
    QuickLogState quick_log;
    FollowUpsState follow_ups;
    LeadDetailState lead_detail;
    ReportsCache reports;
    RulesEditorState rules;
    PipelineState pipeline;
    ImportScreenState imports;

    // Sync: the client's identity and the commands not yet acknowledged by the server.
    Id client_id = "local";      // set by the platform (one per browser profile / device)
    Id user_id;                  // the signed-in user; authors commands
    std::uint64_t next_seq = 1;  // seq of the next accepted command (gap-free per client)
    std::uint64_t local_ids = 0; // counter for client-generated record ids
    std::vector<Command> outbox;
    std::optional<Rejection> rejection;
    SyncState sync;              // mirrored from the platform's sync client (ui/sync_state.h)

    // A tel: or mailto: URL the user asked to open; the platform opens it and clears it.
    std::string pending_url;
    // File picker, downloads and frames while work runs; null until the platform sets it
    // (then Import and Export say they are unavailable).
    PlatformServices* platform = nullptr;
    std::vector<std::string> events;  // JSON events for the host page, drained each frame
};

// Replaces the store with a snapshot document (JSON text, or the binary form of
// snapshot_binary.h, told apart by its first bytes). On error nothing changes.
MaybeError load_app_data(AppState& app, std::string_view snapshot);
// As load_app_data, for the inbox's first screenful sent ahead of it (core/inbox_preview.h):
// marks the app as showing a preview until the next whole store replaces it. A lead opened
// meanwhile stays open in the whole store.
MaybeError load_app_preview(AppState& app, std::string_view snapshot);
// Replaces the store with `store` (already validated) and rebuilds what is derived from it.
void set_app_data(AppState& app, Store store);
// Adds the tables of a second document (contacts, activities, tasks) after the inbox's.
MaybeError add_app_data(AppState& app, std::string_view snapshot);

// Rebuilds everything derived from the store (lead book, indexes, cached lists) after the store
// changed other than through dispatch(): an import's batch or its undo, a pull, a second data part.
void refresh_derived_data(AppState& app);

// Draws one frame of the whole app into the current ImGui frame.
void draw_app(AppState& app);

}  // namespace fc::ui
