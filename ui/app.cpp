#include "app.h"
#include "lead_engine.h"
#include "shell.h"
#include "snapshot.h"
#include "snapshot_binary.h"

namespace fc::ui {
namespace {

// Until sign-in exists the app acts as the first rep in the data (a dealer's salesperson, the
// main user); Settings lets the user pick someone else.
Id default_user(const Store& s) {
    for (const User& u : s.users.rows)
        if (u.role == "rep") return u.id;
    return s.users.size() ? s.users.rows[0].id : Id();
}

// What is derived from the store, rebuilt after each load: the lead book (scores and their
// explanations; slow at 1M, so here once rather than when a lead is opened), then the indexes
// over the leads it may have opened, and the workflow defaults for the dealers loaded.
void derive(AppState& app) {
    // Only with activities: a book built from leads alone would score every lead 0 until the
    // second part (activities) arrives.
    if (app.now && app.store.activities.size()) ensure_lead_book(app.store, app.now);
    rebuild_index(app.store, app.index);
    app.core_index = build_indexes(app.store);
    app.workflow = default_workflow_config(app.store);
    app.reports.valid = false;
}

}  // namespace

void set_app_data(AppState& app, Store store) {
    // A lead opened in the preview is one of the whole store's too (by id; rows differ).
    Id kept_lead = app.preview && app.selected_lead >= 0
                       ? app.store.leads.rows[size_t(app.selected_lead)].id
                       : Id();
    app.store = std::move(store);
    app.preview = false;
    derive(app);
    app.loaded = true;
    app.loaded_at = app.now;
    app.status.clear();
    app.selected_lead = -1;
    if (!kept_lead.empty()) {
        std::uint32_t row = app.store.leads.row_of(kept_lead);
        if (row != kNoRow) app.selected_lead = row;
    }
    app.inbox.dirty = true;
    app.inbox.hits_valid = false;
    app.accounts.list_dirty = true;
    app.accounts.selected = kNoRow;
    app.follow_ups.dirty = true;
    app.quick_log.open = false;
    app.details_loaded = true;  // a whole store; load_app_data says otherwise for a first part
    // A running or finished import's job and undo journal refer to the store being replaced:
    // drop them. A file in preview keeps its job (the detail part arrives while a user maps).
    if (app.imports.stage == ImportStage::running || app.imports.stage == ImportStage::done) {
        app.imports.job = ImportJob{};
        app.imports.stage = ImportStage::pick;
    }
    if (app.user_id.empty() || !app.store.users.contains(app.user_id))
        app.user_id = default_user(app.store);
}

namespace {
MaybeError parse_document(std::string_view text, json& doc) {
    doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded()) return Error{"invalid_json", "", "the server sent data that is not JSON"};
    return std::nullopt;
}
}  // namespace

MaybeError load_app_data(AppState& app, std::string_view snapshot) {
    Store store;
    bool has_activities;
    if (is_binary_snapshot(snapshot)) {
        if (auto e = load_snapshot_binary(snapshot, store)) return e;
        has_activities = binary_snapshot_has(snapshot, "activities");
    } else {
        json doc;
        if (auto e = parse_document(snapshot, doc)) return e;
        if (auto e = load_snapshot(doc, store)) return e;
        has_activities = doc.contains("activities");
    }
    set_app_data(app, std::move(store));
    app.details_loaded = has_activities;
    return std::nullopt;
}

MaybeError load_app_preview(AppState& app, std::string_view snapshot) {
    if (auto e = load_app_data(app, snapshot)) return e;
    app.preview = true;
    return std::nullopt;
}

MaybeError add_app_data(AppState& app, std::string_view snapshot) {
    bool has_activities;
    if (is_binary_snapshot(snapshot)) {
        if (auto e = add_snapshot_tables_binary(snapshot, app.store)) return e;
        has_activities = binary_snapshot_has(snapshot, "activities");
    } else {
        json doc;
        if (auto e = parse_document(snapshot, doc)) return e;
        if (auto e = add_snapshot_tables(doc, app.store)) return e;
        has_activities = doc.contains("activities");
    }
    app.details_loaded = app.details_loaded || has_activities;
    refresh_derived_data(app);
    return std::nullopt;
}

void refresh_derived_data(AppState& app) {
    derive(app);
    app.inbox.dirty = true;
    app.inbox.hits_valid = false;
    app.accounts.list_dirty = true;
    app.follow_ups.dirty = true;
    if (app.selected_lead >= std::int64_t(app.store.leads.size())) app.selected_lead = -1;
    if (app.accounts.selected != kNoRow && app.accounts.selected >= app.store.accounts.size())
        app.accounts.selected = kNoRow;
}

void draw_app(AppState& app) { draw_shell(app); }

}  // namespace fc::ui
