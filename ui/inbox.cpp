#include "inbox.h"
#include <algorithm>
#include <imgui.h>
#include "enum_names.h"
#include "format.h"
#include "item_registry.h"
#include "lead_names.h"
#include "navigation.h"
#include "theme.h"

namespace fc::ui {
namespace {

int compare(const Store& s, const Lead& a, const Lead& b, int column) {
    auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : y < x ? 1 : 0; };
    switch (column) {
        case kColAccount: return cmp(account_name(s, a.account_id), account_name(s, b.account_id));
        case kColCategory:
            return cmp(category_name(s, a.product_category), category_name(s, b.product_category));
        case kColScore: return cmp(a.score, b.score);
        case kColState: return cmp(int(a.state), int(b.state));
        case kColOwner: return cmp(user_name(s, a.owner), user_name(s, b.owner));
        case kColAge: return cmp(b.created_at, a.created_at);  // older = larger age
    }
    return 0;
}

void read_sort_specs(AppState& app) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs || !specs->SpecsDirty || specs->SpecsCount == 0) return;
    app.inbox.sort_column = specs->Specs[0].ColumnIndex;
    app.inbox.ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    app.inbox.dirty = true;
    specs->SpecsDirty = false;
}

void draw_row(AppState& app, std::uint32_t row) {
    const Store& s = app.store;
    const Lead& lead = s.leads.rows[row];
    ImGui::TableNextRow();
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
    ImGui::PushStyleColor(ImGuiCol_Text, score_color(lead.score));
    ImGui::TextUnformatted(score);
    ImGui::PopStyleColor();
    ImGui::TableSetColumnIndex(kColState);
    ImGui::TextUnformatted(name_of(lead.state).data());
    ImGui::TableSetColumnIndex(kColOwner);
    ImGui::TextUnformatted(user_name(s, lead.owner).c_str());
    ImGui::TableSetColumnIndex(kColAge);
    ImGui::TextUnformatted(format_age(lead.created_at, app.now).c_str());
}

}  // namespace

void sort_inbox(AppState& app) {
    const Store& s = app.store;
    auto& order = app.inbox.order;
    order.resize(s.leads.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    int column = app.inbox.sort_column;
    bool asc = app.inbox.ascending;
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
        int c = compare(s, s.leads.rows[x], s.leads.rows[y], column);
        return asc ? c < 0 : c > 0;
    });
    app.inbox.dirty = false;
}

void draw_inbox(AppState& app) {
    app.inbox_rows_drawn = 0;
    if (!app.loaded) {
        published_text(app.status.c_str());
        return;
    }
    ImGui::Text("%zu leads", app.store.leads.size());
    if (app.store.leads.size() == 0) {
        published_text("No leads yet. Leads appear here as customers get in touch.");
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
    if (app.inbox.dirty) sort_inbox(app);

    ImGuiListClipper clipper;
    clipper.Begin(int(app.inbox.order.size()), ImGui::GetTextLineHeightWithSpacing() +
                                                   ImGui::GetStyle().CellPadding.y * 2);
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            draw_row(app, app.inbox.order[size_t(i)]);
            ++app.inbox_rows_drawn;
        }
    ImGui::EndTable();
}

}  // namespace fc::ui
