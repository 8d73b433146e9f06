// Pipeline: deals by stage, where stages describe the customer's progress (exploring options,
// comparing, deciding, bought, lost), as a board with count and value per stage. Selecting a
// deal shows what can happen next: a move to another open stage, or closing it as won or lost
// with a reason, each a deal.move command (core/deal_commands.h). Deals are core's Deal records
// (a converted lead becomes one; see core/qualification.h).
#include <imgui.h>
#include <cfloat>
#include "deal_json.h"
#include "dispatch.h"
#include "format.h"
#include "item_registry.h"
#include "lead_names.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace fc::ui {
namespace {

constexpr const char* kForm = "deal_move";

struct StageText {
    const char* name;     // the column's title
    const char* progress; // where the customer is
    ImU32 color;
};

const StageText& stage_text(DealStage s) {
    static const StageText texts[] = {
        {"Exploring", "Looking at options", colors::cold},
        {"Evaluating", "Comparing offers, test drives", colors::accent},
        {"Deciding", "Negotiating the offer", colors::warm},
        {"Bought", "Won: the customer bought", colors::ok},
        {"Lost", "Lost: bought elsewhere or stopped", colors::muted}};
    static_assert(sizeof texts / sizeof texts[0] == size_t(DealStage::count_));
    return texts[size_t(s)];
}

bool is_closed(DealStage s) { return s == DealStage::bought || s == DealStage::lost; }

struct PipelineStage {
    int deals = 0;
    Money value = 0;
    std::vector<std::uint32_t> rows;  // deal rows, in table order
};

std::vector<PipelineStage> pipeline_stages(const Store& s) {
    std::vector<PipelineStage> stages(static_cast<size_t>(DealStage::count_));
    const auto& deals = s.deals.rows;
    for (std::uint32_t r = 0; r < deals.size(); ++r) {
        PipelineStage& st = stages[size_t(deals[r].stage)];
        ++st.deals;
        st.value += deals[r].amount;
        st.rows.push_back(r);
    }
    return stages;
}

void draw_board(AppState& app, const std::vector<PipelineStage>& stages) {
    const Store& s = app.store;
    constexpr ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame |
                                      ImGuiTableFlags_ScrollY;
    float height = std::max(ImGui::GetTextLineHeightWithSpacing() * 10,
                            ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing() * 9);
    if (!ImGui::BeginTable("board", int(stages.size()), flags, ImVec2(0, height))) return;
    for (size_t i = 0; i < stages.size(); ++i)
        ImGui::TableSetupColumn(stage_text(DealStage(i)).name);
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (size_t i = 0; i < stages.size(); ++i) {
        ImGui::TableSetColumnIndex(int(i));
        const StageText& t = stage_text(DealStage(i));
        std::string head = std::string(t.name) + " (" + std::to_string(stages[i].deals) + ")";
        ImGui::PushStyleColor(ImGuiCol_Text, t.color);
        published_text(head.c_str());
        ImGui::PopStyleColor();
        ImGui::TextDisabled("%s", t.progress);
        published_text(format_money(stages[i].value).c_str());
        ImGui::Separator();
    }
    ImGui::TableNextRow();
    for (size_t i = 0; i < stages.size(); ++i) {
        ImGui::TableSetColumnIndex(int(i));
        if (stages[i].rows.empty()) ImGui::TextDisabled("No deals here.");
        for (std::uint32_t r : stages[i].rows) {
            const Deal& d = s.deals.rows[r];
            ImGui::PushID(int(r));
            std::string label = account_name(s, d.account_id);
            if (ImGui::Selectable(label.c_str(), app.pipeline.selected == d.id)) {
                if (app.pipeline.selected != d.id) app.pipeline.reason[0] = '\0';
                app.pipeline.selected = d.id;
                clear_form_error(app, kForm);
            }
            ImGui::TextDisabled("%s · %s", category_name(s, d.product_category).c_str(),
                                format_money(d.amount).c_str());
            ImGui::Spacing();
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

// What can happen next to the selected deal.
void draw_selected(AppState& app) {
    const Deal* found = app.store.deals.find(app.pipeline.selected);
    ImGui::SeparatorText("Selected deal");
    if (!found) {
        ImGui::TextDisabled("Select a deal to move it on, or to close it as won or lost.");
        return;
    }
    const Deal d = *found;  // a copy: dispatch may change the table
    const Store& s = app.store;
    const StageText& now = stage_text(d.stage);
    std::string line = account_name(s, d.account_id) + " · " + category_name(s, d.product_category) +
                       " · " + format_money(d.amount) + " · " + user_name(s, d.owner);
    published_text(line.c_str());
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(now.color), "%s: %s", now.name, now.progress);
    if (is_closed(d.stage)) {
        std::string closed = std::string(d.stage == DealStage::bought ? "Won" : "Lost") +
                             (d.closed_at ? " on " + format_local_date(d.closed_at, app.utc_offset_minutes) : "") +
                             (d.reason.empty() ? "" : ": " + d.reason);
        published_text(closed.c_str());
        return;
    }
    std::optional<DealStage> to;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Move to");
    for (DealStage st : {DealStage::exploring, DealStage::evaluating, DealStage::deciding}) {
        ImGui::SameLine();
        ImGui::BeginDisabled(st == d.stage);
        if (ImGui::Button(stage_text(st).name)) to = st;
        ImGui::EndDisabled();
    }
    ImGui::SetNextItemWidth(std::min(chars(60), ImGui::GetContentRegionAvail().x));
    if (ImGui::InputTextWithHint("##deal_reason", "Why it was won or lost (needed to close it)",
                                 app.pipeline.reason, sizeof app.pipeline.reason))
        clear_form_error(app, kForm);
    label_last_item("Reason (won or lost)", "field");
    if (const char* e = field_error(app, kForm, "payload.reason")) field_error_text(e);
    ImGui::PushStyleColor(ImGuiCol_Button, (colors::ok & 0x00FFFFFF) | 0x33000000);
    if (ImGui::Button("Won")) to = DealStage::bought;
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, (colors::error & 0x00FFFFFF) | 0x22000000);
    if (ImGui::Button("Lost")) to = DealStage::lost;
    ImGui::PopStyleColor();
    if (const char* e = field_error(app, kForm, "payload.to")) field_error_text(e);
    if (!to) return;
    json payload = {{"deal_id", d.id}, {"to", std::string(name_of(*to))}};
    if (app.pipeline.reason[0]) payload["reason"] = app.pipeline.reason;
    if (!dispatch(app, make_command("deal.move", std::move(payload)), kForm) && is_closed(*to))
        app.pipeline.reason[0] = '\0';
}

}  // namespace

void draw_pipeline_screen(AppState& app) {
    screen_title("Pipeline", "Deals by where the customer is: from looking at options to "
                             "bought or lost, with their value.");
    if (app.store.deals.size() == 0) {
        empty_state("No deals yet.",
                    "When a qualified lead is converted (Convert to deal, in the lead's detail) "
                    "it becomes a deal and shows here by stage.");
        return;
    }
    draw_board(app, pipeline_stages(app.store));
    draw_selected(app);
}

}  // namespace fc::ui
