#include "inbox.h"
#include <imgui.h>
#include "enum_names.h"
#include "format.h"
#include "item_registry.h"
#include "labels.h"
#include "lead_names.h"
#include "navigation.h"
#include "theme.h"
#include "widgets.h"

namespace fc::ui {
namespace {

// Wide enough for the longest "Any ..." preview and most names.
float filter_width() { return chars(17); }

void read_sort_specs(AppState& app) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs || !specs->SpecsDirty || specs->SpecsCount == 0) return;
    app.inbox.sort_column = specs->Specs[0].ColumnIndex;
    app.inbox.ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    app.inbox.dirty = true;
    specs->SpecsDirty = false;
}

// A combo over a table's rows; `label` is published so tests and readers can find it.
template <class T, class Name>
bool row_combo(const char* id, const char* label, std::uint32_t& value, const Table<T>& table,
               Name name, const char* any, const char* extra = nullptr,
               std::uint32_t extra_value = kAnyRow) {
    std::string preview = value == kAnyRow ? any
                          : value == extra_value && extra ? extra
                          : value < table.size() ? name(table.rows[value]) : any;
    bool changed = false;
    ImGui::SetNextItemWidth(filter_width());
    if (ImGui::BeginCombo(id, preview.c_str())) {
        if (ImGui::Selectable(any, value == kAnyRow)) value = kAnyRow, changed = true;
        if (extra && ImGui::Selectable(extra, value == extra_value)) value = extra_value, changed = true;
        for (std::uint32_t r = 0; r < table.size(); ++r) {
            ImGui::PushID(int(r));
            if (ImGui::Selectable(name(table.rows[r]).c_str(), value == r)) value = r, changed = true;
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    label_last_item(label, "field");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", label);
    return changed;
}

// Keeps the next filter on this line while it fits, else starts a new one.
void next_filter_slot() {
    float next_w = filter_width() + ImGui::GetStyle().ItemSpacing.x;
    float right = ImGui::GetItemRectMax().x + next_w;
    if (right < ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}

bool filters_active(const InboxFilter& f) {
    return f.band != Band::any || f.min_score > -1e9 || f.state >= 0 || f.owner != kAnyRow ||
           f.dealer != kAnyRow || f.category != kAnyRow || f.campaign != kAnyRow ||
           !f.search.empty();
}

void draw_filters(AppState& app) {
    InboxFilter& f = app.inbox.filter;
    const Store& s = app.store;
    bool changed = false;

    static char search[128];  // mirrors f.search; one inbox per app
    if (f.search != search) std::snprintf(search, sizeof search, "%s", f.search.c_str());
    ImGui::SetNextItemWidth(chars(30));
    if (ImGui::InputTextWithHint("Search", "Account or contact name", search, sizeof search)) {
        f.search = search;
        changed = true;
    }

    ImGui::SetNextItemWidth(filter_width());
    const char* bands[] = {"Any band", "Hot", "Warm", "Cold"};
    int band = int(f.band);
    if (ImGui::Combo("##band", &band, bands, 4)) f.band = Band(band), changed = true;
    label_last_item("Band", "field");
    next_filter_slot();

    ImGui::SetNextItemWidth(filter_width());
    float min_score = f.min_score > -1e9 ? float(f.min_score) : 0.0f;
    if (ImGui::SliderFloat("##min_score", &min_score, 0, 100, "Score from %.0f")) {
        f.min_score = min_score > 0 ? double(min_score) : -1e9;
        changed = true;
    }
    label_last_item("Minimum score", "field");
    next_filter_slot();

    ImGui::SetNextItemWidth(filter_width());
    std::string state_preview = f.state < 0 ? "Any state" : label_of(LeadState(f.state));
    if (ImGui::BeginCombo("##state", state_preview.c_str())) {
        if (ImGui::Selectable("Any state", f.state < 0)) f.state = -1, changed = true;
        for (int st = 0; st < int(LeadState::count_); ++st)
            if (ImGui::Selectable(label_of(LeadState(st)), f.state == st)) f.state = st, changed = true;
        ImGui::EndCombo();
    }
    label_last_item("State", "field");
    next_filter_slot();

    auto user = [](const User& u) -> const std::string& { return u.name; };
    auto named = [](const auto& r) -> const std::string& { return r.name; };
    changed |= row_combo("##owner", "Owner", f.owner, s.users, user, "Any owner", "Unassigned",
                         kUnassignedRow);
    next_filter_slot();
    changed |= row_combo("##dealer", "Dealer", f.dealer, s.dealers, named, "Any dealer");
    next_filter_slot();
    changed |= row_combo("##product", "Product", f.category, s.categories, named, "Any product");
    next_filter_slot();
    changed |= row_combo("##campaign", "Campaign", f.campaign, s.campaigns, named, "Any campaign");
    if (filters_active(f)) {
        next_filter_slot();
        if (ImGui::Button("Clear filters")) {
            f = InboxFilter{};
            changed = true;
        }
    }
    if (changed) app.inbox.filter_dirty = true;
}

void draw_row(AppState& app, std::uint32_t row, float height) {
    const Store& s = app.store;
    const Lead& lead = s.leads.rows[row];
    ImGui::TableNextRow(0, height);
    ImGui::TableSetColumnIndex(kColAccount);
    const std::string& name = account_name(s, lead.account_id);
    std::string label = name + "##" + lead.id;
    if (ImGui::Selectable(label.c_str(), app.selected_lead == std::int64_t(row),
                          ImGuiSelectableFlags_SpanAllColumns))
        open_lead(app, row);
    char score[16];
    std::snprintf(score, sizeof score, "%.0f", lead.score);
    describe_last_item_as_row({name, category_name(s, lead.product_category), score,
                               std::string(name_of(lead.state)), user_name(s, lead.owner),
                               format_age(lead.created_at, app.now)});
    ImGui::TableSetColumnIndex(kColCategory);
    ImGui::TextUnformatted(category_name(s, lead.product_category).c_str());
    ImGui::TableSetColumnIndex(kColScore);
    ImGui::PushStyleColor(ImGuiCol_Text, score_color(s, lead.score));
    ImGui::TextUnformatted(score);
    ImGui::PopStyleColor();
    ImGui::TableSetColumnIndex(kColState);
    ImGui::TextUnformatted(label_of(lead.state));
    ImGui::TableSetColumnIndex(kColOwner);
    ImGui::TextUnformatted(user_name(s, lead.owner).c_str());
    ImGui::TableSetColumnIndex(kColAge);
    ImGui::TextUnformatted(format_age(lead.created_at, app.now).c_str());
}

void handle_keys(AppState& app) {
    if (ImGui::GetIO().WantTextInput || !ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows))
        return;
    if (ImGui::IsKeyPressed(ImGuiKey_End, false)) app.inbox_scroll_to_end = true;
    if (ImGui::IsKeyPressed(ImGuiKey_Home, false)) app.inbox_scroll_to_top = true;
}

}  // namespace

float inbox_row_height() {
    // One text line plus the cell padding above and below: exactly what a row's content
    // needs, so ImGui never grows a row past the height the clipper assumes.
    return ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2 + 2;
}

void draw_inbox(AppState& app) {
    app.inbox_rows_drawn = 0;
    if (!app.loaded) {
        published_text(app.status.c_str());
        return;
    }
    if (app.store.leads.size() == 0) {
        empty_state("No leads yet.",
                    "Leads appear here as customers get in touch: web forms, calls, visits and "
                    "test drives logged for an account become leads automatically.");
        return;
    }
    handle_keys(app);
    // Filtering a preview would count and show only its rows: the filters wait for the rest.
    ImGui::BeginDisabled(app.preview);
    draw_filters(app);
    ImGui::EndDisabled();
    refresh_inbox(app.store, app.index, app.inbox);

    char count[96];
    if (app.inbox.order.size() == app.store.leads.size())
        std::snprintf(count, sizeof count, "%zu leads", app.inbox.order.size());
    else
        std::snprintf(count, sizeof count, "%zu of %zu leads", app.inbox.order.size(),
                      app.store.leads.size());
    // A preview's count would be its own; if the rest failed to arrive, the status says why.
    const char* shown = !app.preview ? count
                        : app.status.empty() ? "Loading all leads…" : app.status.c_str();
    ImGui::PushStyleColor(ImGuiCol_Text, colors::muted);
    published_text(shown);
    ImGui::PopStyleColor();

    if (app.inbox.order.empty()) {
        empty_state("No leads match these filters.",
                    "Clear a filter or search for another name.");
        return;
    }
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY |
                                       ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                       ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable |
                                       ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("leads", kColCount, kFlags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Account", ImGuiTableColumnFlags_WidthStretch, 3.0f, kColAccount);
    ImGui::TableSetupColumn("Product", ImGuiTableColumnFlags_WidthStretch, 2.0f, kColCategory);
    ImGui::TableSetupColumn("Score",
                            ImGuiTableColumnFlags_WidthStretch |
                                ImGuiTableColumnFlags_DefaultSort |
                                ImGuiTableColumnFlags_PreferSortDescending,
                            0.8f, kColScore);
    ImGui::TableSetupColumn("State", ImGuiTableColumnFlags_WidthStretch, 1.2f, kColState);
    ImGui::TableSetupColumn("Owner", ImGuiTableColumnFlags_WidthStretch, 2.0f, kColOwner);
    ImGui::TableSetupColumn("Age", ImGuiTableColumnFlags_WidthStretch, 0.8f, kColAge);
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < kColCount; ++c) {
        if (!ImGui::TableSetColumnIndex(c)) continue;
        const char* name = ImGui::TableGetColumnName(c);
        ImGui::TableHeader(name);
        label_last_item(name);
    }
    read_sort_specs(app);
    refresh_inbox(app.store, app.index, app.inbox);

    const float row_h = inbox_row_height();
    ImGuiListClipper clipper;
    clipper.Begin(int(app.inbox.order.size()), row_h);
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            draw_row(app, app.inbox.order[size_t(i)], row_h);
            ++app.inbox_rows_drawn;
        }
    // Scroll requests apply next frame, when ImGui clamps them to the real content height.
    if (app.inbox_scroll_to_end) ImGui::SetScrollY(float(app.inbox.order.size() + 1) * row_h);
    if (app.inbox_scroll_to_top) ImGui::SetScrollY(0);
    app.inbox_scroll_to_end = app.inbox_scroll_to_top = false;
    ImGui::EndTable();
}

}  // namespace fc::ui
