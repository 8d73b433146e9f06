// The browser replica's side of sync, without any platform call (so doctest drives it): loading
// pulled pages into the store, replaying saved and other tabs' commands over them, and the
// messages exchanged with the platform's sync client (web/sync.js through wasm/sync_api.cpp).
//
// The store is always "server state as last pulled" + "commands not yet acknowledged, replayed
// in order". After a pull page overwrites records, the waiting commands are applied again on
// top, so an edit made while a sync was in flight stays visible until the server has it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include "app.h"
#include "pull_page.h"

namespace fc::ui {

// What one pull page said besides its records (docs/sync-protocol.md, "Pull").
using PullPage = PulledPage;

// Identity of this replica: client id, signed-in user, next seq; turns the sync strip on.
MaybeError configure_sync(AppState& app, std::string_view config_json);

// Starts a load (first sync, or restore from the device): empties the store and shows `label`
// with a progress bar until finish_sync_load().
void begin_sync_load(AppState& app, const std::string& label);
// Applies one page of pulled changes, in either form (JSON, or binary: core/pull_page.h; a
// device keeps pages as they came, so it reads both). During a load it only stores records; afterwards it also
// replays the waiting commands and rebuilds what is derived. Records come from the server,
// which validated them and checked their references, so only their shape is checked here.
MaybeError apply_pull_page(AppState& app, std::string_view page, PullPage& out);
// Ends a load: derives indexes and the lead book and shows the data.
void finish_sync_load(AppState& app);

// The inbox's first screenful as the app shows it now (core/inbox_preview.h, binary form), for
// the device to draw first while it reopens a big book; "" for a book small enough to open at
// once, or while nothing is loaded.
std::string sync_preview(const AppState& app);
// Shows a saved preview while a load is in progress; the load's end replaces it (a lead opened
// meanwhile stays open). Changes are refused until then, with the reason (ui::dispatch).
MaybeError show_sync_preview(AppState& app, std::string_view bytes);

// Applies a command saved on this device (own = made by this replica: it waits in the outbox
// and keeps its seq) or made by another tab of the same user (kept to be replayed after pulls).
MaybeError replay_command(AppState& app, std::string_view command_json, bool own);
// Drops acknowledged or dismissed commands: a JSON array of {client_id, seq}, or of runs
// {client_id, through, except: [seq...]} (every seq of client_id up to `through` but those in
// `except`: what the device's outbox has acknowledged, see web/outbox-store.js). Call it for
// acknowledged commands before the pull that follows their acknowledgement, not after: that
// pull brings every record they changed as the server has it, and replaying them over it
// would lay an older edit over a newer one. Records they made here that the pull does not
// bring (the server applied them to another state) go with its last page.
void forget_commands(AppState& app, std::string_view keys_json);

// Mirrors the sync client's state (any subset of the SyncState fields, JSON names as in
// web/sync.js: online, syncing, leader, waiting, last_synced, error, retry_at, progress_total,
// progress_label, refused). Returns whether anything the status strip shows changed (else no
// frame needs drawing: the sync client re-sends its state after every sync).
bool set_sync_status(AppState& app, std::string_view status_json);

// What the UI did since the last call, for the platform: new own commands to save and send,
// rejections the user dismissed, whether "Sync now" was pressed. "" when there is nothing.
std::string take_sync_requests(AppState& app);

}  // namespace fc::ui
