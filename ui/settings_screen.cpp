// Settings: who is signed in, this device's identity for sync, and the changes waiting to be
// synced, so a user offline can see exactly what has not reached the server yet.
#include <imgui.h>
#include "format.h"
#include "item_registry.h"
#include "lead_names.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace fc::ui {

void draw_settings_screen(AppState& app) {
    screen_title("Settings", "Who you are, this device, and what is waiting to sync.");
    const Store& s = app.store;
    ImGui::SeparatorText("You");
    // Until sign-in exists, choosing the user here sets who authors changes and whose
    // follow-ups "Only mine" shows. It changes no data, so it is UI state, not a command.
    ImGui::SetNextItemWidth(chars(36));
    if (app.sync.enabled) {
        // Signed in: the server's token decides who this is; changing it here would only
        // make the app act as someone the server does not.
        published_text(("Signed in as " + user_name(s, app.user_id)).c_str());
    } else if (ImGui::BeginCombo("Signed in as", user_name(s, app.user_id).c_str())) {
        for (std::uint32_t u = 0; u < s.users.size(); ++u) {
            const User& user = s.users.rows[u];
            std::string label = user.name + " (" + user.role + ")##u" + std::to_string(u);
            if (ImGui::Selectable(label.c_str(), user.id == app.user_id)) {
                app.user_id = user.id;
                app.follow_ups.dirty = true;
            }
        }
        ImGui::EndCombo();
    }
    label_last_item("Signed in as", "field");  // combos publish no label of their own
    ImGui::SeparatorText("This device");
    ImGui::Text("Device id for sync: %s", app.client_id.c_str());
    int off = app.utc_offset_minutes;
    ImGui::Text("Time zone: UTC%c%02d:%02d", off < 0 ? '-' : '+', std::abs(off) / 60, std::abs(off) % 60);
    if (app.loaded)
        ImGui::Text("Data loaded %s: %zu accounts, %zu contacts, %zu activities, %zu leads, %zu tasks",
                    format_local_time(app.loaded_at, app.utc_offset_minutes).c_str(),
                    s.accounts.size(), s.contacts.size(), s.activities.size(), s.leads.size(),
                    s.tasks.size());

    ImGui::SeparatorText("Waiting to sync");
    if (app.outbox.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::ok);
        published_text("No changes are waiting to be sent.");
        ImGui::PopStyleColor();
        return;
    }
    char line[96];
    std::snprintf(line, sizeof line, "%zu changes, oldest first", app.outbox.size());
    published_text(line);
    if (!ImGui::BeginTable("outbox", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                            ImGuiTableFlags_ScrollY))
        return;
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, chars(6));
    ImGui::TableSetupColumn("Change", ImGuiTableColumnFlags_WidthFixed, chars(14));
    ImGui::TableSetupColumn("When", ImGuiTableColumnFlags_WidthFixed, chars(17));
    ImGui::TableSetupColumn("Record", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(int(app.outbox.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Command& c = app.outbox[size_t(i)];
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::Text("%llu", static_cast<unsigned long long>(c.seq));
            ImGui::TableSetColumnIndex(1);
            published_text(c.kind.c_str());
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(format_local_time(c.at, app.utc_offset_minutes).c_str());
            ImGui::TableSetColumnIndex(3);
            ImGui::TextUnformatted(c.payload.value("id", std::string()).c_str());
        }
    ImGui::EndTable();
}

}  // namespace fc::ui
