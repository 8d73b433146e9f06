#include "lead_detail.h"
#include <algorithm>
#include <imgui.h>
#include "enum_names.h"
#include "format.h"
#include "item_registry.h"
#include "labels.h"
#include "account_screen.h"
#include "lead_names.h"
#include "quick_log.h"
#include "shell.h"
#include "theme.h"
#include "widgets.h"

namespace fc::ui {
namespace {

constexpr size_t kRecentActivities = 12;

void draw_contacts(const AppState& app, std::uint32_t account_row) {
    const Store& s = app.store;
    ImGui::SeparatorText("Contacts");
    if (account_row == kNoRow) return;
    for (std::uint32_t row : app.index.contacts_of[account_row]) {
        const Contact& c = s.contacts.rows[row];
        published_text(c.name.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s", label_of(c.role));
        if (c.do_not_contact) {
            ImGui::SameLine();
            badge("Do not contact", colors::error);
        }
        ImGui::Indent();
        if (!c.phone.empty()) ImGui::TextUnformatted(c.phone.c_str());
        if (!c.email.empty()) ImGui::TextUnformatted(c.email.c_str());
        ImGui::Unindent();
    }
}

void draw_recent_activities(const AppState& app, std::uint32_t account_row) {
    const Store& s = app.store;
    ImGui::SeparatorText("Latest activity");
    if (account_row == kNoRow) return;
    const auto& recent = app.index.activities_of[account_row];  // newest first
    size_t n = std::min(recent.size(), kRecentActivities);
    if (recent.empty()) ImGui::TextDisabled("Nothing logged for this account yet.");
    for (size_t i = 0; i < n; ++i) {
        const Activity& a = s.activities.rows[recent[i]];
        ImGui::TextDisabled("%s", format_local_time(a.at, app.utc_offset_minutes).c_str());
        ImGui::SameLine();
        ImGui::Text("%s", label_of(a.type));
        if (!a.product_category.empty()) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", category_name(s, a.product_category).c_str());
        }
        if (a.amount != 0) {
            ImGui::SameLine();
            ImGui::TextUnformatted(format_money(a.amount).c_str());
        }
    }
}

}  // namespace

void draw_lead_detail(AppState& app) {
    if (app.selected_lead < 0 || size_t(app.selected_lead) >= app.store.leads.size()) {
        ImGui::TextDisabled("Select a lead in the inbox to see who it is and what they did.");
        return;
    }
    const Store& s = app.store;
    const Lead& lead = s.leads.rows[size_t(app.selected_lead)];
    const Account* account = s.accounts.find(lead.account_id);

    published_text(account_name(s, lead.account_id).c_str());
    if (account) ImGui::TextDisabled("%s %s, %s", account->postal_code.c_str(),
                                     account->city.c_str(), account->country.c_str());
    std::uint32_t account_row = app.index.lead_account[size_t(app.selected_lead)];
    if (account_row != kNoRow) {
        // The lead's next moves: log what happened (keyboard: c), or read the whole account.
        if (ImGui::Button("Log call")) open_quick_log(app, account_row, LogKind::call, &lead);
        ImGui::SameLine();
        if (ImGui::Button("Log visit")) open_quick_log(app, account_row, LogKind::visit, &lead);
        ImGui::SameLine();
        if (ImGui::Button("Open account")) show_account(app, account_row);
        if (screen_key_pressed(app, ImGuiKey_C)) open_quick_log(app, account_row, LogKind::call, &lead);
    }

    ImGui::SeparatorText("Lead");
    if (ImGui::BeginTable("lead_fields", 2)) {
        auto row = [](const char* label, const std::string& value, ImU32 color = 0) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextDisabled("%s", label);
            ImGui::TableSetColumnIndex(1);
            if (color) ImGui::PushStyleColor(ImGuiCol_Text, color);
            published_text(value.c_str());
            if (color) ImGui::PopStyleColor();
        };
        char score[32];
        std::snprintf(score, sizeof score, "%.1f", lead.score);
        row("Product", category_name(s, lead.product_category));
        row("Score", score, score_color(lead.score));
        row("State", label_of(lead.state));
        row("Owner", user_name(s, lead.owner));
        row("Created", format_local_time(lead.created_at, app.utc_offset_minutes));
        row("First response", lead.first_response_at
                                  ? format_local_time(lead.first_response_at, app.utc_offset_minutes)
                                  : "waiting for " + format_age(lead.created_at, app.now));
        ImGui::EndTable();
    }
    if (!app.details_loaded) {
        ImGui::Spacing();
        ImGui::TextDisabled("Loading contacts and activity…");
        return;
    }
    draw_contacts(app, account_row);
    draw_recent_activities(app, account_row);
}

}  // namespace fc::ui
