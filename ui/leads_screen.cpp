// The Leads screen: the inbox and the selected lead's detail. Wide canvases put them side by
// side; upright ones (a tablet held in portrait) stack them.
#include <imgui.h>
#include "inbox.h"
#include "lead_detail.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace fc::ui {

void draw_leads_screen(AppState& app, ImVec2 pos, ImVec2 size) {
    bool wide = size.x >= size.y * 1.1f;
    ImVec2 inbox_size = wide ? ImVec2(size.x * 0.6f, size.y) : ImVec2(size.x, size.y * 0.55f);
    ImVec2 detail_pos = wide ? ImVec2(pos.x + inbox_size.x, pos.y) : ImVec2(pos.x, pos.y + inbox_size.y);
    ImVec2 detail_size = ImVec2(pos.x + size.x - detail_pos.x, pos.y + size.y - detail_pos.y);

    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(inbox_size);
    if (ImGui::Begin("Lead inbox", nullptr, kPaneFlags)) draw_inbox(app);
    ImGui::End();

    ImGui::SetNextWindowPos(detail_pos);
    ImGui::SetNextWindowSize(detail_size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(255, 255, 255, 255));
    if (ImGui::Begin("Lead detail", nullptr, kPaneFlags)) draw_lead_detail(app);
    ImGui::End();
    ImGui::PopStyleColor();
}

}  // namespace fc::ui
