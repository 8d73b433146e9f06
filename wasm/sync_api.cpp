// The C API of sync for web/sync.js: pulled pages and saved commands in, the UI's new commands
// and requests out, the sync client's state mirrored for the status strip. Bytes and JSON only
// (see README, "Choices"); the logic lives in ui/sync_replica.* so it runs natively in tests.
#include <emscripten/emscripten.h>
#include <string>
#include <string_view>
#include "app_instance.h"
#include "platform.h"
#include "sync_replica.h"

using namespace fc;

namespace {
std::string sync_error;
std::string sync_out;

int result(const MaybeError& e) {
    web::request_data_frame();
    if (!e) return 0;
    sync_error = e->message;
    return -1;
}
}  // namespace

extern "C" {

// {"client_id", "user_id", "next_seq"}: who this replica is. Returns 0 or -1.
EMSCRIPTEN_KEEPALIVE int fc_sync_configure(const char* json_text) {
    return result(ui::configure_sync(web::app_state(), json_text));
}

// Starts loading data (a first sync or the device's saved copy) with a progress label.
EMSCRIPTEN_KEEPALIVE void fc_sync_begin_load(const char* label) {
    ui::begin_sync_load(web::app_state(), label);
    web::request_data_frame();
}

// One pull page (the server's response body, JSON or binary). Returns a JSON summary {cursor,
// has_more, last_seq, rejections, changes}, or "" with fc_sync_error() set. During a load the
// page changes nothing on screen but the progress count, which sync.js redraws now and then
// (fc_sync_draw_progress): no frames of the whole app per page. draw = 0: the caller draws
// what the page changed later, with fc_sync_draw_changes (a sync draws once, when its pages
// are applied and saved, not once per page in the middle of them).
EMSCRIPTEN_KEEPALIVE const char* fc_sync_apply_page(const char* bytes, int size, int draw) {
    ui::PullPage page;
    ui::AppState& app = web::app_state();
    const bool loading = app.sync.in_progress;
    MaybeError e = ui::apply_pull_page(app, std::string_view(bytes, size_t(size)), page);
    // A page that changed nothing (a pull after a poke for records this user cannot see, or
    // an up-to-date device) draws nothing; neither does one of a load (see above).
    if (e || (draw && !loading && (page.changes > 0 || !page.rejections.empty())))
        web::request_data_frame();
    if (e) {
        sync_error = e->message;
        return "";
    }
    sync_out = json{{"cursor", page.cursor}, {"has_more", page.has_more},
                    {"last_seq", page.last_seq}, {"rejections", page.rejections},
                    {"changes", page.changes}}.dump();
    return sync_out.c_str();
}

// The frame showing what pages applied with draw = 0 changed.
EMSCRIPTEN_KEEPALIVE void fc_sync_draw_changes() { web::request_data_frame(); }

// One frame, for the progress bar of a load.
EMSCRIPTEN_KEEPALIVE void fc_sync_draw_progress() { web::request_frames(1); }

EMSCRIPTEN_KEEPALIVE void fc_sync_finish_load() {
    ui::finish_sync_load(web::app_state());
    web::request_data_frame();
}

// The inbox's first screenful for the device to keep (binary; see ui::sync_preview): a pointer
// to its bytes, their count in *size (0: nothing worth keeping). Valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* fc_sync_preview(int* size) {
    sync_out = ui::sync_preview(web::app_state());
    *size = int(sync_out.size());
    return sync_out.data();
}

// Draws a saved preview while a load is in progress. Returns 0 or -1.
EMSCRIPTEN_KEEPALIVE int fc_sync_show_preview(const char* bytes, int size) {
    return result(ui::show_sync_preview(web::app_state(), std::string_view(bytes, size_t(size))));
}

// A saved command (own = 1: this replica's, still waiting; 0: another tab's). Returns 0, or -1
// when it no longer applies locally (it is kept and sent anyway).
EMSCRIPTEN_KEEPALIVE int fc_sync_replay(const char* json_text, int own) {
    return result(ui::replay_command(web::app_state(), json_text, own != 0));
}

// Draws nothing: what the commands did stays shown until the pull that follows replaces it.
EMSCRIPTEN_KEEPALIVE void fc_sync_forget(const char* keys_json) {
    ui::forget_commands(web::app_state(), keys_json);
}

// One frame: the status strip is a fixed pane laid out left to right, drawn whole in the
// frame after the change (a second frame would draw the same again; on a software-rendered
// canvas each is ~20-50 ms of the main thread, and a push changes the status every 250 ms).
EMSCRIPTEN_KEEPALIVE void fc_sync_set_status(const char* status_json) {
    if (ui::set_sync_status(web::app_state(), status_json)) web::request_frames(1);
}

// New commands, dismissed rejections and "Sync now" since the last call, or "".
EMSCRIPTEN_KEEPALIVE const char* fc_sync_take() {
    sync_out = ui::take_sync_requests(web::app_state());
    return sync_out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* fc_sync_error() { return sync_error.c_str(); }

}  // extern "C"
