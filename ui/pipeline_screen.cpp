// Pipeline: deals by stage, where stages describe the customer's progress, with count and value
// per stage and each deal's account and amount. Deals are core's Deal records (a converted lead
// becomes one; see core/qualification.h).
#include <imgui.h>
#include "format.h"
#include "item_registry.h"
#include "lead_names.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace fc::ui {
namespace {

const char* stage_label(DealStage s) {
    static const char* const names[] = {"Exploring", "Evaluating", "Deciding", "Bought", "Lost"};
    static_assert(sizeof names / sizeof names[0] == size_t(DealStage::count_));
    return names[size_t(s)];
}

struct PipelineStage {
    std::string name;     // "Exploring", "Evaluating", ...
    int deals = 0;
    Money value = 0;
    std::vector<std::uint32_t> rows;  // deal rows, in table order
};

// Stages in order with their deals.
std::vector<PipelineStage> pipeline_stages(const AppState& app) {
    std::vector<PipelineStage> stages(static_cast<size_t>(DealStage::count_));
    for (size_t i = 0; i < stages.size(); ++i) stages[i].name = stage_label(DealStage(i));
    const auto& deals = app.store.deals.rows;
    for (std::uint32_t r = 0; r < deals.size(); ++r) {
        PipelineStage& st = stages[size_t(deals[r].stage)];
        ++st.deals;
        st.value += deals[r].amount;
        st.rows.push_back(r);
    }
    return stages;
}

}  // namespace

void draw_pipeline_screen(AppState& app) {
    screen_title("Pipeline", "Deals by the stage the customer is at, with their value.");
    if (app.store.deals.size() == 0) {
        empty_state("No deals yet.",
                    "When a qualified lead is converted (Convert to deal, in the lead's detail) "
                    "it becomes a deal and shows here by stage.");
        return;
    }
    std::vector<PipelineStage> stages = pipeline_stages(app);
    if (!ImGui::BeginTable("stages", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH))
        return;
    ImGui::TableSetupColumn("Stage / account");
    ImGui::TableSetupColumn("Product");
    ImGui::TableSetupColumn("Owner");
    ImGui::TableSetupColumn("Amount");
    ImGui::TableHeadersRow();
    const Store& s = app.store;
    for (const PipelineStage& st : stages) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        std::string head = st.name + " (" + std::to_string(st.deals) + ")";
        ImGui::PushStyleColor(ImGuiCol_Text, colors::ink);
        published_text(head.c_str());
        ImGui::PopStyleColor();
        ImGui::TableSetColumnIndex(3);
        published_text(format_money(st.value).c_str());
        for (std::uint32_t r : st.rows) {
            const Deal& d = s.deals.rows[r];
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::Indent();
            published_text(account_name(s, d.account_id).c_str());
            ImGui::Unindent();
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(category_name(s, d.product_category).c_str());
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(user_name(s, d.owner).c_str());
            ImGui::TableSetColumnIndex(3);
            published_text(format_money(d.amount).c_str());
        }
    }
    ImGui::EndTable();
}

}  // namespace fc::ui
