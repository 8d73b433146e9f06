// Pipeline: deals by stage, where stages describe the customer's progress, with count and value
// per stage. Deals and their stages come from core's lead engine (Deal records).
// Wiring: make pipeline_stages() call the engine; nothing else here changes.
#include <imgui.h>
#include "format.h"
#include "item_registry.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace fc::ui {
namespace {

struct PipelineStage {
    std::string name;     // "Considering", "Test drive booked", ...
    int deals = 0;
    Money value = 0;
};

// Stages in order with their open deals. Empty until the deal engine is wired in.
std::vector<PipelineStage> pipeline_stages(const AppState&) { return {}; }

}  // namespace

void draw_pipeline_screen(AppState& app) {
    screen_title("Pipeline", "Open deals by the stage the customer is at, with their value.");
    std::vector<PipelineStage> stages = pipeline_stages(app);
    if (stages.empty()) {
        empty_state("Deals are not tracked in this version yet.",
                    "When a qualified lead is converted it becomes a deal and shows here by "
                    "stage. Meanwhile, qualified and converted leads are in Leads: filter by "
                    "state.");
        return;
    }
    if (!ImGui::BeginTable("stages", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH))
        return;
    ImGui::TableSetupColumn("Stage");
    ImGui::TableSetupColumn("Deals");
    ImGui::TableSetupColumn("Value");
    ImGui::TableHeadersRow();
    for (const PipelineStage& st : stages) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        published_text(st.name.c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::Text("%d", st.deals);
        ImGui::TableSetColumnIndex(2);
        ImGui::TextUnformatted(format_money(st.value).c_str());
    }
    ImGui::EndTable();
}

}  // namespace fc::ui
