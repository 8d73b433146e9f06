#include "import_screen.h"
#include <imgui.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include "dispatch.h"
#include "import_values.h"
#include "item_registry.h"
#include "lead_engine.h"
#include "navigation.h"
#include "theme.h"
#include "view_export.h"
#include "widgets.h"

namespace fc::ui {
namespace {

constexpr const char* kForm = "import";
constexpr size_t kPreviewRows = 8;
constexpr ImportKind kKinds[] = {ImportKind::accounts, ImportKind::contacts,
                                 ImportKind::activities, ImportKind::leads};

const char* kind_label(ImportKind k) {
    switch (k) {
        case ImportKind::accounts: return "Accounts";
        case ImportKind::contacts: return "Contacts";
        case ImportKind::activities: return "Activities";
        case ImportKind::leads: return "Leads";
    }
    return "";
}

const char* policy_label(DuplicatePolicy p) {
    switch (p) {
        case DuplicatePolicy::update: return "Update the existing record";
        case DuplicatePolicy::skip: return "Keep the existing record, skip the row";
        case DuplicatePolicy::create: return "Create a new record beside it";
    }
    return "";
}

const char* match_key_label(MatchKey k, ImportKind kind) {
    switch (k) {
        case MatchKey::automatic:
            return kind == ImportKind::contacts ? "Automatic: id, email, then phone"
                                                : "Automatic: id when mapped";
        case MatchKey::external_id: return "External id only";
        case MatchKey::email: return "Email only";
        case MatchKey::phone: return "Phone only";
    }
    return "";
}

// What the chosen key does, in the words of the rows a user is about to import.
const char* match_key_sentence(MatchKey k, ImportKind kind) {
    switch (k) {
        case MatchKey::automatic:
            return kind == ImportKind::contacts
                       ? "A row matches the record whose id is in its id column, when a column "
                         "is mapped to id; otherwise the contact with the same email, else the "
                         "one with the same phone."
                       : "A row matches the record whose id is in its id column, when a column "
                         "is mapped to id; without one every row is a new record.";
        case MatchKey::external_id:
            return "A row matches the record whose id is in its id column; a row with an empty "
                   "id is a new record.";
        case MatchKey::email:
            return "A row matches the contact with the same email (letter case ignored), never "
                   "by phone; a row with an empty email is a new contact.";
        case MatchKey::phone:
            return "A row matches the contact with the same phone number (only digits count), "
                   "never by email; a row with an empty phone is a new contact.";
    }
    return "";
}

std::string field_label(ImportField f) {
    return f == ImportField::ignore ? "(do not import)" : std::string(name_of(f));
}

std::string delimiter_label(char d) {
    switch (d) {
        case ',': return "comma";
        case ';': return "semicolon";
        case '\t': return "tab";
        default: return std::string("'") + d + "'";
    }
}

// Accounts and leads need a dealer: the signed-in user's, or the first one there is.
Id default_dealer(const AppState& app) {
    if (const User* u = app.store.users.find(app.user_id); u && !u->dealer_id.empty())
        return u->dealer_id;
    return app.store.dealers.size() ? app.store.dealers.rows[0].id : Id();
}

// The column whose field another column already takes, or -1.
int earlier_column_with(const ColumnMapping& m, size_t col) {
    if (m[col] == ImportField::ignore) return -1;
    for (size_t c = 0; c < col; ++c)
        if (m[c] == m[col]) return int(c);
    return -1;
}

bool mapping_conflicts(const ColumnMapping& m) {
    for (size_t c = 0; c < m.size(); ++c)
        if (earlier_column_with(m, c) >= 0) return true;
    return false;
}

// Signed in, the sync client saves each frame's new commands on the device and pushes them:
// once it has the import's, taking their numbers back would reuse them (the server would answer
// already_applied for different commands), so undo is over.
bool imported_handed_to_sync(const AppState& app) {
    return app.sync.enabled && app.imports.job.started &&
           app.sync.handed_out_seq >= app.imports.first_seq;
}

void start(AppState& app) {
    ImportScreenState& st = app.imports;
    ImportOptions o;
    o.kind = st.kind;
    o.import_id = st.import_id;
    o.client_id = app.client_id;
    o.author = app.user_id;
    o.now = app.now;
    o.next_seq = app.next_seq;
    o.default_dealer_id = default_dealer(app);
    o.match_key = st.match_key;
    o.on_duplicate = st.on_duplicate;
    o.utc_offset_minutes = app.utc_offset_minutes;
    st.job = ImportJob{};
    st.undo_message.clear();
    // A copy: when core refuses the choices the user fixes them on the same preview.
    if (auto e = start_import(st.job, app.store, st.source, st.mapping, o)) {
        st.start_error = *e;
        return;
    }
    st.start_error.reset();
    st.source = ImportSource{};  // the job holds the rows now
    st.first_seq = app.next_seq;
    st.outbox_mark = app.outbox.size();
    st.stage = ImportStage::running;
    if (app.platform) app.platform->keep_drawing();
}

// After the store changed outside commands (undo): the lead book and every index again.
void rederive_after_undo(AppState& app) {
    if (app.store.activities.size()) rebuild_leads(app.store, app.now);
    refresh_derived_data(app);
}

void undo(AppState& app) {
    ImportScreenState& st = app.imports;
    if (!import_undoable(app)) {
        st.undo_message = imported_handed_to_sync(app)
                              ? "Undo is no longer possible: the import was saved for syncing."
                              : "Undo is no longer possible: changes made after the import wait "
                                "to sync together with it.";
        return;
    }
    if (auto e = undo_import(st.job, app.store)) {
        st.undo_message = "Undo refused: " + e->message;
        return;
    }
    // The import's commands were never sent: take them back out of the outbox as if they had
    // not been made, so the server never sees them (the store is exactly as before).
    st.job.outbox.clear();
    app.outbox.resize(st.outbox_mark);
    app.next_seq = st.first_seq;
    rederive_after_undo(app);
    emit_event(app, {{"type", "sync_state_changed"}, {"waiting", app.outbox.size()}});
    st.undo_message = "The import was undone: every record it added or changed is as before.";
}

void draw_pick(AppState& app) {
    ImportScreenState& st = app.imports;
    bool can_pick = app.platform && app.details_loaded && st.stage != ImportStage::running;
    ImGui::BeginDisabled(!can_pick);
    if (ImGui::Button("Choose file")) {
        st.waiting_for_file = true;
        app.platform->request_file_pick(".csv,.txt,.tsv,.json,text/csv,application/json");
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, colors::muted);
    if (!app.platform)
        published_text("Files cannot be opened here.");
    else if (!app.details_loaded)
        published_text("Contacts and activities are still loading; import once they are here.");
    else
        published_text("CSV (comma, semicolon or tab; UTF-8, UTF-16 or Windows-1252) or JSON.");
    ImGui::PopStyleColor();
    if (!st.read_error.empty()) field_error_text(("Cannot read " + st.file_name + ": " + st.read_error).c_str());
}

void draw_mapping(ImportScreenState& st) {
    const ImportTable& t = st.source.table;
    const auto& fields = fields_for(st.kind);
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                       ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("mapping", 3, kFlags)) return;
    ImGui::TableSetupColumn("Column in the file");
    ImGui::TableSetupColumn("First value");
    ImGui::TableSetupColumn("Imports as");
    ImGui::TableHeadersRow();
    for (size_t col = 0; col < t.header.size(); ++col) {
        ImGui::PushID(int(col));
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        published_text(t.header[col].c_str());
        ImGui::TableSetColumnIndex(1);
        std::string sample = st.preview.empty() ? "" : st.preview[0][col];
        ImGui::TextUnformatted(sample.c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::SetNextItemWidth(chars(24));
        if (ImGui::BeginCombo("##field", field_label(st.mapping[col]).c_str())) {
            if (ImGui::Selectable("(do not import)", st.mapping[col] == ImportField::ignore))
                st.mapping[col] = ImportField::ignore, st.start_error.reset();
            for (ImportField f : fields) {
                if (f == ImportField::ignore) continue;
                if (ImGui::Selectable(std::string(name_of(f)).c_str(), st.mapping[col] == f))
                    st.mapping[col] = f, st.start_error.reset();
            }
            ImGui::EndCombo();
        }
        label_last_item(("Column " + t.header[col]).c_str(), "field");
        if (int other = earlier_column_with(st.mapping, col); other >= 0)
            field_error_text((std::string(name_of(st.mapping[col])) + " already comes from column " +
                              t.header[size_t(other)] + ": pick one")
                                 .c_str());
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void draw_preview_rows(const ImportScreenState& st) {
    const ImportTable& t = st.source.table;
    if (st.preview.empty()) return;
    int columns = int(std::min<size_t>(t.header.size(), 63));
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders |
                                       ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
    float height = ImGui::GetTextLineHeightWithSpacing() * float(st.preview.size() + 2);
    if (!ImGui::BeginTable("preview", columns, kFlags, ImVec2(0, height))) return;
    for (int c = 0; c < columns; ++c) ImGui::TableSetupColumn(t.header[size_t(c)].c_str());
    ImGui::TableHeadersRow();
    for (const auto& row : st.preview) {
        ImGui::TableNextRow();
        for (int c = 0; c < columns; ++c) {
            ImGui::TableSetColumnIndex(c);
            published_text(row[size_t(c)].c_str());
        }
    }
    ImGui::EndTable();
}

void draw_preview(AppState& app) {
    ImportScreenState& st = app.imports;
    const ImportSource& src = st.source;
    char about[256];
    if (src.is_json)
        std::snprintf(about, sizeof about, "%s: %zu rows, JSON", st.file_name.c_str(), st.rows_in_file);
    else
        std::snprintf(about, sizeof about, "%s: %zu rows, CSV", st.file_name.c_str(), st.rows_in_file);
    published_text(about);
    std::string detected = "Encoding: " + std::string(name_of(src.encoding));
    if (!src.is_json) detected += "   Delimiter: " + delimiter_label(src.delimiter);
    published_text(detected.c_str());
    if (!src.table.errors.empty()) {
        std::string broken = std::to_string(src.table.errors.size()) +
                             " row(s) cannot be read (listed as rejected after the import)";
        field_error_text(broken.c_str());
    }

    ImGui::SetNextItemWidth(chars(24));
    if (ImGui::BeginCombo("Record type", kind_label(st.kind))) {
        for (ImportKind k : kKinds)
            if (ImGui::Selectable(kind_label(k), st.kind == k) && st.kind != k) {
                st.kind = k;
                st.mapping = guess_mapping(k, src.table.header);
                st.start_error.reset();
                const auto& keys = match_keys_for(k);  // email and phone are for contacts
                if (std::find(keys.begin(), keys.end(), st.match_key) == keys.end())
                    st.match_key = MatchKey::automatic;
            }
        ImGui::EndCombo();
    }
    label_last_item("Record type", "field");  // combos publish no label of their own
    ImGui::SetNextItemWidth(chars(36));
    if (ImGui::BeginCombo("Match rows by", match_key_label(st.match_key, st.kind))) {
        for (MatchKey k : match_keys_for(st.kind))
            if (ImGui::Selectable(match_key_label(k, st.kind), st.match_key == k))
                st.match_key = k, st.start_error.reset();
        ImGui::EndCombo();
    }
    label_last_item("Match rows by", "field");
    ImGui::SetNextItemWidth(chars(36));
    if (ImGui::BeginCombo("When a row matches a record", policy_label(st.on_duplicate))) {
        for (DuplicatePolicy p : {DuplicatePolicy::update, DuplicatePolicy::skip, DuplicatePolicy::create})
            if (ImGui::Selectable(policy_label(p), st.on_duplicate == p)) st.on_duplicate = p;
        ImGui::EndCombo();
    }
    label_last_item("When a row matches a record", "field");
    ImGui::PushStyleColor(ImGuiCol_Text, colors::muted);
    ImGui::PushTextWrapPos(0);
    published_text(match_key_sentence(st.match_key, st.kind));
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImportField key_unmapped = match_field_left_out(st.match_key, st.mapping);
    if (key_unmapped != ImportField::ignore)
        field_error_text(("Map a column to " + std::string(name_of(key_unmapped)) +
                          " to match rows by it, or match them another way")
                             .c_str());

    ImGui::SeparatorText("Columns");
    draw_mapping(st);
    ImportField missing = missing_required_field(st.kind, st.mapping);
    if (missing != ImportField::ignore)
        field_error_text(("Map a column to " + std::string(name_of(missing)) + ": " +
                          kind_label(st.kind) + " need it")
                             .c_str());
    ImGui::SeparatorText("First rows");
    draw_preview_rows(st);

    ImGui::Spacing();
    ImGui::BeginDisabled(missing != ImportField::ignore || key_unmapped != ImportField::ignore ||
                         mapping_conflicts(st.mapping));
    if (ImGui::Button("Start import")) start(app);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel##preview")) st.stage = ImportStage::pick;
    if (st.start_error) field_error_text(st.start_error->message.c_str());
}

void draw_running(AppState& app) {
    ImportScreenState& st = app.imports;
    ImportProgress p = import_progress(st.job);
    published_text(("Importing " + st.file_name).c_str());
    float fraction = p.rows_total ? float(p.rows_done) / float(p.rows_total) : 1.0f;
    char overlay[96];
    std::snprintf(overlay, sizeof overlay, "%zu of %zu rows", p.rows_done, p.rows_total);
    ImGui::ProgressBar(fraction, ImVec2(chars(50), 0), "");
    ImGui::SameLine();
    published_text(overlay);
    if (ImGui::Button("Cancel import")) {
        cancel_import(st.job);
        advance_import(app);  // takes the rows done so far and shows the result
    }
}

void count_line(const char* what, size_t n) {
    char text[96];
    std::snprintf(text, sizeof text, "%s: %zu", what, n);
    published_text(text);
}

void draw_rejects(const ImportJob& job) {
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                       ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    float rows = float(std::min<size_t>(job.rejects.size(), 10) + 1);
    if (!ImGui::BeginTable("rejects", 3, kFlags, ImVec2(0, ImGui::GetFrameHeightWithSpacing() * rows)))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Line", ImGuiTableColumnFlags_WidthFixed, chars(6));
    ImGui::TableSetupColumn("Field", ImGuiTableColumnFlags_WidthFixed, chars(14));
    ImGui::TableSetupColumn("Reason");
    ImGui::TableHeadersRow();
    // Sorted by line like the rejects file, whatever order the job met them in.
    std::vector<const RowReject*> sorted;
    for (const RowReject& r : job.rejects) sorted.push_back(&r);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const RowReject* a, const RowReject* b) { return a->line < b->line; });
    ImGuiListClipper clipper;
    clipper.Begin(int(sorted.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const RowReject& r = *sorted[size_t(i)];
            std::string line = std::to_string(r.line);
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::PushID(i);
            ImGui::Selectable(("Line " + line).c_str(), false, ImGuiSelectableFlags_SpanAllColumns);
            describe_last_item_as_row({line, r.field, r.reason});
            ImGui::PopID();
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(r.field.c_str());
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(r.reason.c_str());
        }
    ImGui::EndTable();
}

void draw_done(AppState& app) {
    ImportScreenState& st = app.imports;
    ImportProgress p = import_progress(st.job);
    const ImportCounts& c = p.counts;
    std::string heading = p.undone      ? "Import of " + st.file_name + " undone"
                          : p.cancelled ? "Import of " + st.file_name + " cancelled after " +
                                              std::to_string(p.rows_done) + " of " +
                                              std::to_string(p.rows_total) + " rows"
                                        : "Imported " + st.file_name;
    published_text(heading.c_str());
    count_line("Imported", c.created);
    count_line("Updated", c.updated);
    count_line("Unchanged", c.unchanged);
    count_line("Skipped as duplicates", c.skipped);
    count_line("Rejected", c.rejected);
    if (c.accounts_created) count_line("Accounts made for company names", c.accounts_created);

    if (!st.job.rejects.empty()) {
        ImGui::SeparatorText("Rejected rows");
        if (ImGui::Button("Download rejects (CSV)")) {
            std::string base = st.file_name.substr(0, st.file_name.find_last_of('.'));
            offer(app, {base + "-rejects.csv", "text/csv;charset=utf-8",
                        rejects_csv(st.job, download_csv_options())});
        }
        draw_rejects(st.job);
    }
    ImGui::Spacing();
    if (!p.undone) {
        ImGui::BeginDisabled(!import_undoable(app));
        if (ImGui::Button("Undo import")) undo(app);
        ImGui::EndDisabled();
        ImGui::SameLine();
    }
    if (ImGui::Button("Import another file")) st.stage = ImportStage::pick;
    if (!st.undo_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.undone ? colors::ok : colors::error);
        published_text(st.undo_message.c_str());
        ImGui::PopStyleColor();
    }
}

template <class Make>
void export_buttons(AppState& app, const char* what, Make make) {
    std::string csv = std::string("Export ") + what + " (CSV)";
    std::string json = std::string("Export ") + what + " (JSON)";
    if (ImGui::Button(csv.c_str())) offer(app, make(FileFormat::csv));
    ImGui::SameLine();
    if (ImGui::Button(json.c_str())) offer(app, make(FileFormat::json));
}

void draw_exports(AppState& app) {
    ImGui::SeparatorText("Export");
    if (!app.platform) {
        published_text("Files cannot be saved here.");
        return;
    }
    refresh_inbox(app.store, app.index, app.inbox);
    export_buttons(app, "inbox", [&](FileFormat f) { return export_inbox_view(app, f); });
    ImGui::SameLine();
    size_t n = app.inbox.order.size();
    std::string inbox = std::to_string(n) + (n == 1 ? " lead" : " leads") +
                        ", as filtered and sorted in Leads";
    ImGui::PushStyleColor(ImGuiCol_Text, colors::muted);
    published_text(inbox.c_str());
    ImGui::PopStyleColor();

    std::uint32_t a = app.accounts.selected;
    if (a != kNoRow && a < app.store.accounts.size()) {
        export_buttons(app, "timeline", [&](FileFormat f) { return export_account_timeline(app, a, f); });
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, colors::muted);
        published_text(("Activities of " + app.store.accounts.rows[a].name).c_str());
        ImGui::PopStyleColor();
    } else {
        ImGui::TextDisabled("Open an account in Accounts to export its timeline.");
    }
    export_buttons(app, "campaign report", [&](FileFormat f) { return export_campaign_report(app, f); });
    if (!app.imports.last_download.empty())
        published_text(("Offered for download: " + app.imports.last_download).c_str());
}

}  // namespace

void deliver_picked_file(AppState& app, const std::string& name, std::string_view bytes) {
    ImportScreenState& st = app.imports;
    st.waiting_for_file = false;
    if (st.stage == ImportStage::running) return;  // one import at a time
    st.file_name = name;
    st.read_error.clear();
    st.start_error.reset();
    st.undo_message.clear();
    st.source = ImportSource{};
    st.preview.clear();
    st.stage = ImportStage::pick;
    if (auto e = read_import_source(bytes, ImportFormat::detect, st.source)) {
        st.read_error = e->message;
        return;
    }
    if (st.source.table.header.empty()) {
        st.read_error = "the file is empty";
        return;
    }
    st.import_id = content_hash_hex(bytes).substr(0, 40);
    st.preview = preview_rows(st.source.table, kPreviewRows);
    st.rows_in_file = st.source.table.rows.size();
    st.mapping = guess_mapping(st.kind, st.source.table.header);
    st.stage = ImportStage::preview;
    clear_form_error(app, kForm);
}

void advance_import(AppState& app) {
    ImportScreenState& st = app.imports;
    if (st.stage != ImportStage::running) return;
    using Clock = std::chrono::steady_clock;
    auto ms_since = [](Clock::time_point t) {
        return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
    };
    // Rows for slice_ms, or as long as bringing the app's index up to date took last time, so
    // that the index rebuild (which grows with the data) never takes most of the time.
    const double budget = std::max(st.slice_ms, st.last_index_ms);
    const Clock::time_point began = Clock::now();
    const size_t chunk = st.slice_rows ? st.slice_rows : 128;
    while (step_import(st.job, app.store, chunk) > 0) {
        if (st.slice_rows || ms_since(began) >= budget) break;
    }
    const Clock::time_point indexing = Clock::now();
    record_applied(app, st.job.outbox);
    st.last_index_ms = ms_since(indexing);
    if (import_progress(st.job).finished) st.stage = ImportStage::done;
    else if (app.platform) app.platform->keep_drawing();
}

bool import_undoable(const AppState& app) {
    const ImportScreenState& st = app.imports;
    if (!st.job.started || st.job.undone) return false;
    if (imported_handed_to_sync(app)) return false;
    std::uint64_t made = st.job.options.next_seq - st.first_seq;
    // Nothing dispatched since, and nothing taken out of the outbox (sent) since it started.
    return app.next_seq == st.job.options.next_seq && app.outbox.size() == st.outbox_mark + made;
}

void draw_import_screen(AppState& app) {
    screen_title("Import and export", "Bring in accounts, contacts, activities and leads from a "
                                      "spreadsheet; take any view out as CSV or JSON.");
    ImportScreenState& st = app.imports;
    ImGui::SeparatorText("Import");
    switch (st.stage) {
        case ImportStage::pick: draw_pick(app); break;
        case ImportStage::preview: draw_preview(app); break;
        case ImportStage::running: draw_running(app); break;
        case ImportStage::done: draw_done(app); break;
    }
    draw_exports(app);
}

}  // namespace fc::ui
