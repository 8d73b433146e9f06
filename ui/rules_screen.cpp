// Rules: scoring, routing, SLA and follow-up rules as data, owned by central marketing. Each
// rule is shown with what it does in words; rules live in core as records.
// Wiring: make rule_rows() read the rule tables; editing goes through dispatch() like any
// other change.
#include <imgui.h>
#include "item_registry.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace fc::ui {
namespace {

struct RuleRow {
    std::string kind;     // "Scoring", "Routing", "SLA", "Follow-up"
    std::string name;
    std::string summary;  // "Web form: +30 points, halves every 30 days"
};

// Every rule in force. Empty until the rule tables are wired in.
std::vector<RuleRow> rule_rows(const AppState&) { return {}; }

}  // namespace

void draw_rules_screen(AppState& app) {
    screen_title("Rules", "How leads are scored, routed, timed and followed up: scoring, "
                          "routing, SLA and follow-up rules.");
    std::vector<RuleRow> rows = rule_rows(app);
    if (rows.empty()) {
        empty_state("Rules cannot be viewed or edited here in this version yet.",
                    "Leads are scored with the built-in points per activity with a 30-day "
                    "half-life; every lead's score is shown in Leads.");
        return;
    }
    if (!ImGui::BeginTable("rules", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH))
        return;
    ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthFixed, chars(10));
    ImGui::TableSetupColumn("Rule", ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn("What it does", ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableHeadersRow();
    for (const RuleRow& r : rows) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(r.kind.c_str());
        ImGui::TableSetColumnIndex(1);
        published_text(r.name.c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::TextWrapped("%s", r.summary.c_str());
    }
    ImGui::EndTable();
}

}  // namespace fc::ui
