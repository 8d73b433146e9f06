// Reports: per campaign, from leads to deals to revenue — cost per sale, ROI, conversion and
// response times — computed by core's report engine.
// Wiring: make campaign_report() call the engine; nothing else here changes.
#include <imgui.h>
#include "format.h"
#include "item_registry.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace fc::ui {
namespace {

struct CampaignReportRow {
    std::string campaign;
    int leads = 0, deals = 0;
    Money spend = 0, revenue = 0;
    double median_response_hours = 0;
};

// One row per campaign. Empty until the report engine is wired in.
std::vector<CampaignReportRow> campaign_report(const AppState&) { return {}; }

}  // namespace

void draw_reports_screen(AppState& app) {
    screen_title("Reports", "Sales made from each campaign, not the number of leads: cost per "
                            "sale, return on spend, conversion and response times.");
    std::vector<CampaignReportRow> rows = campaign_report(app);
    if (rows.empty()) {
        empty_state("Reports are not available in this version yet.",
                    "They need deals and revenue per campaign. The campaigns themselves are "
                    "already here: in Leads, filter by Campaign to see the leads each one made.");
        return;
    }
    if (!ImGui::BeginTable("campaigns", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH))
        return;
    for (const char* h : {"Campaign", "Leads", "Deals", "Spend", "Revenue", "Response (h)"})
        ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const CampaignReportRow& r : rows) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        published_text(r.campaign.c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::Text("%d", r.leads);
        ImGui::TableSetColumnIndex(2);
        ImGui::Text("%d", r.deals);
        ImGui::TableSetColumnIndex(3);
        ImGui::TextUnformatted(format_money(r.spend).c_str());
        ImGui::TableSetColumnIndex(4);
        ImGui::TextUnformatted(format_money(r.revenue).c_str());
        ImGui::TableSetColumnIndex(5);
        ImGui::Text("%.1f", r.median_response_hours);
    }
    ImGui::EndTable();
}

}  // namespace fc::ui
