// [SECTION] list: search and the clipped list of accounts
// [SECTION] contacts: channels, consent, do-not-contact, one-click call and email
// [SECTION] leads and tasks
// [SECTION] timeline: activities, newest first, paged
#include "account_screen.h"
#include <algorithm>
#include <imgui.h>
#include "enum_names.h"
#include "format.h"
#include "item_registry.h"
#include "labels.h"
#include "lead_names.h"
#include "quick_log.h"
#include "screens.h"
#include "shell.h"
#include "text_fold.h"
#include "theme.h"
#include "widgets.h"
#include "navigation.h"

namespace fc::ui {
namespace {

// [SECTION] list

void draw_account_list(AppState& app) {
    AccountScreenState& st = app.accounts;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##account_search", "Search accounts and contacts", st.search,
                                 sizeof st.search))
        st.list_dirty = true;
    label_last_item("Search accounts", "field");
    refresh_account_list(app);
    char count[64];
    std::snprintf(count, sizeof count, "%zu accounts", st.list.size());
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::muted), "%s", count);
    if (st.list.empty()) {
        ImGui::TextWrapped("No account or contact has that name. Check the spelling or search "
                           "for part of it.");
        return;
    }
    if (!ImGui::BeginChild("account_rows", ImVec2(0, 0))) {
        ImGui::EndChild();
        return;
    }
    const float row_h = ImGui::GetTextLineHeightWithSpacing();
    if (st.scroll_to_selected) {
        auto it = std::find(st.list.begin(), st.list.end(), st.selected);
        if (it != st.list.end())
            ImGui::SetScrollY(float(it - st.list.begin()) * row_h - ImGui::GetWindowHeight() / 3);
        st.scroll_to_selected = false;
    }
    ImGuiListClipper clipper;
    clipper.Begin(int(st.list.size()), row_h);
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            std::uint32_t a = st.list[size_t(i)];
            const Account& acc = app.store.accounts.rows[a];
            std::string label = acc.name + "##acc" + std::to_string(a);
            if (ImGui::Selectable(label.c_str(), st.selected == a)) {
                st.selected = a;
                st.activity_page = 0;
            }
        }
    ImGui::EndChild();
}

// [SECTION] contacts

// One channel of a contact: a button that records the intent to call or write (the platform
// opens the URL: the UI makes no platform calls), disabled with the reason when not allowed.
void contact_channel(AppState& app, const char* label, const std::string& shown,
                     const std::string& url, bool allowed, const char* why_not) {
    if (shown.empty()) return;
    ImGui::BeginDisabled(!allowed);
    if (ImGui::SmallButton(label)) app.pending_url = url;
    ImGui::EndDisabled();
    if (!allowed && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", why_not);
    ImGui::SameLine();
    ImGui::TextUnformatted(shown.c_str());
    if (!allowed) {
        ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::error), "%s", why_not);
    }
}

void draw_contacts(AppState& app, std::uint32_t a) {
    const Store& s = app.store;
    ImGui::SeparatorText("Contacts");
    const auto& rows = app.index.contacts_of[a];
    if (rows.empty()) ImGui::TextDisabled("No contacts yet for this account.");
    for (std::uint32_t row : rows) {
        const Contact& c = s.contacts.rows[row];
        ImGui::PushID(int(row));
        contact_heading(c);
        ImGui::Indent();
        std::string tel = c.phone;  // dialled without the spaces
        tel.erase(std::remove(tel.begin(), tel.end(), ' '), tel.end());
        const char* dnc = "asked not to be contacted";
        contact_channel(app, "Call", c.phone, "tel:" + tel, !c.do_not_contact && c.consent_phone,
                        c.do_not_contact ? dnc : "no consent to phone calls");
        contact_channel(app, "Email", c.email, "mailto:" + c.email,
                        !c.do_not_contact && c.consent_email,
                        c.do_not_contact ? dnc : "no consent to email");
        ImGui::Unindent();
        ImGui::PopID();
    }
}

// [SECTION] leads and tasks

void draw_leads_and_tasks(AppState& app, std::uint32_t a) {
    const Store& s = app.store;
    ImGui::SeparatorText("Leads");
    const auto& leads = app.index.leads_of[a];
    if (leads.empty()) ImGui::TextDisabled("No leads: nothing this account did has asked for a follow-up yet.");
    for (std::uint32_t l : leads) {
        const Lead& lead = s.leads.rows[l];
        std::string label = category_name(s, lead.product_category) + "##lead" + std::to_string(l);
        if (ImGui::Selectable(label.c_str(), false, 0, ImVec2(chars(28), 0))) {
            open_lead(app, l);
            go_to(app, Screen::leads);
        }
        ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(score_color(s, lead.score)), "%.0f", lead.score);
        ImGui::SameLine();
        ImGui::Text("%s · %s", label_of(lead.state), user_name(s, lead.owner).c_str());
    }

    ImGui::SeparatorText("Open tasks");
    int open = 0;
    for (std::uint32_t t : app.index.tasks_of[a]) {
        const Task& task = s.tasks.rows[t];
        if (task.state != TaskState::open) continue;
        ++open;
        bool overdue = task.due < app.now;
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(overdue ? colors::overdue : colors::muted),
                           "%s", format_local_time(task.due, app.utc_offset_minutes).c_str());
        ImGui::SameLine();
        published_text(task.title.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s", user_name(s, task.assignee).c_str());
    }
    if (open == 0) ImGui::TextDisabled("No open tasks. Log a call or visit to book the next step.");
}

// [SECTION] timeline

void draw_timeline(AppState& app, std::uint32_t a) {
    const Store& s = app.store;
    AccountScreenState& st = app.accounts;
    const auto& acts = app.index.activities_of[a];
    int pages = std::max(1, int((acts.size() + kActivityPageSize - 1) / kActivityPageSize));
    st.activity_page = std::clamp(st.activity_page, 0, pages - 1);
    char title[64];
    std::snprintf(title, sizeof title, "Activities (%zu)", acts.size());
    ImGui::SeparatorText(title);
    if (acts.empty()) {
        ImGui::TextDisabled("Nothing logged for this account yet. Log a call, visit or email above.");
        return;
    }
    ImGui::BeginDisabled(st.activity_page == 0);
    if (ImGui::SmallButton("Newer")) --st.activity_page;
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::Text("Page %d of %d", st.activity_page + 1, pages);
    ImGui::SameLine();
    ImGui::BeginDisabled(st.activity_page + 1 >= pages);
    if (ImGui::SmallButton("Older")) ++st.activity_page;
    ImGui::EndDisabled();

    if (!ImGui::BeginTable("timeline", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp))
        return;
    ImGui::TableSetupColumn("When", ImGuiTableColumnFlags_WidthFixed, chars(17));
    ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthFixed, chars(16));
    ImGui::TableSetupColumn("Who", ImGuiTableColumnFlags_WidthFixed, chars(18));
    ImGui::TableSetupColumn("Details", ImGuiTableColumnFlags_WidthStretch);
    size_t first = size_t(st.activity_page) * kActivityPageSize;
    size_t last = std::min(acts.size(), first + kActivityPageSize);
    for (size_t i = first; i < last; ++i) {
        const Activity& e = s.activities.rows[acts[i]];
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextDisabled("%s", format_local_time(e.at, app.utc_offset_minutes).c_str());
        ImGui::TableSetColumnIndex(1);
        published_text(label_of(e.type));
        ImGui::TableSetColumnIndex(2);
        const Contact* c = s.contacts.find(e.contact_id);
        ImGui::TextUnformatted(c ? c->name.c_str() : "");
        ImGui::TableSetColumnIndex(3);
        std::string details = e.product_category.empty() ? "" : category_name(s, e.product_category);
        if (e.amount) details += (details.empty() ? "" : " · ") + format_money(e.amount);
        if (!e.note.empty()) {
            details += details.empty() ? "" : " · ";
            ImGui::TextUnformatted(details.c_str());
            ImGui::SameLine(0, 0);
            published_text(e.note.c_str());
        } else {
            ImGui::TextUnformatted(details.c_str());
        }
    }
    ImGui::EndTable();
}

void draw_account(AppState& app, std::uint32_t a) {
    const Account& acc = app.store.accounts.rows[a];
    screen_title(acc.name.c_str());
    const Dealer* d = app.store.dealers.find(acc.dealer_id);
    ImGui::TextDisabled("%s %s, %s · %s · %s", acc.postal_code.c_str(), acc.city.c_str(),
                        acc.country.c_str(), acc.segment.c_str(), d ? d->name.c_str() : "");
    // Logging is the most frequent action here: buttons first, with their keys.
    const LogKind kinds[] = {LogKind::call, LogKind::visit, LogKind::email, LogKind::note};
    for (LogKind k : kinds) {
        if (ImGui::Button(log_button_label(k))) open_quick_log(app, a, k);
        ImGui::SameLine();
    }
    ImGui::TextDisabled("keys: c call, v visit, e email, n note");
    if (screen_key_pressed(app, ImGuiKey_C)) open_quick_log(app, a, LogKind::call);
    else if (screen_key_pressed(app, ImGuiKey_V)) open_quick_log(app, a, LogKind::visit);
    else if (screen_key_pressed(app, ImGuiKey_E)) open_quick_log(app, a, LogKind::email);
    else if (screen_key_pressed(app, ImGuiKey_N)) open_quick_log(app, a, LogKind::note);
    if (!app.quick_log.saved_message.empty() && app.quick_log.account == a) {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::ok);
        published_text(app.quick_log.saved_message.c_str());
        ImGui::PopStyleColor();
    }
    draw_contacts(app, a);
    draw_leads_and_tasks(app, a);
    draw_timeline(app, a);
}

}  // namespace

void show_account(AppState& app, std::uint32_t account_row) {
    app.accounts.selected = account_row;
    app.accounts.activity_page = 0;
    app.accounts.scroll_to_selected = true;
    go_to(app, Screen::accounts);
}

void refresh_account_list(AppState& app) {
    AccountScreenState& st = app.accounts;
    if (!st.list_dirty && st.applied_search == st.search &&
        st.list.size() <= app.store.accounts.size())
        return;
    std::string q = fold_for_search(st.search);
    std::vector<std::uint8_t> hits(app.store.accounts.size(), 1);
    match_accounts(app.index, q, hits);
    st.list.clear();
    for (std::uint32_t a : app.index.accounts_by_name)
        if (hits[a]) st.list.push_back(a);
    st.applied_search = st.search;
    st.list_dirty = false;
}

void draw_account_screen(AppState& app) {
    if (!app.loaded) {
        published_text(app.status.c_str());
        return;
    }
    if (app.store.accounts.size() == 0) {
        empty_state("No accounts yet.",
                    "Accounts arrive with your dealer data or are created when a customer gets in "
                    "touch for the first time.");
        return;
    }
    float list_w = std::min(chars(34), ImGui::GetContentRegionAvail().x * 0.4f);
    if (ImGui::BeginChild("account_list", ImVec2(list_w, 0), ImGuiChildFlags_None)) draw_account_list(app);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(255, 255, 255, 255));
    if (ImGui::BeginChild("account_detail", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding)) {
        std::uint32_t a = app.accounts.selected;
        if (a == kNoRow || a >= app.store.accounts.size())
            empty_state("Pick an account on the left.",
                        "You will see its contacts and their preferences, its leads, open tasks "
                        "and every interaction, newest first.");
        else
            draw_account(app, a);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

}  // namespace fc::ui
