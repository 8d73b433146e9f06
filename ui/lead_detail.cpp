#include "lead_detail.h"
#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <imgui.h>
#include "enum_names.h"
#include "format.h"
#include "item_registry.h"
#include "labels.h"
#include "account_screen.h"
#include "dispatch.h"
#include "lead_engine.h"
#include "lead_names.h"
#include "navigation.h"
#include "qualification.h"
#include "quick_log.h"
#include "shell.h"
#include "theme.h"
#include "widgets.h"

namespace fc::ui {
namespace {

constexpr size_t kRecentActivities = 12;

bool is_closed_state(LeadState s) { return s == LeadState::converted || s == LeadState::disqualified; }

void draw_contacts(const AppState& app, std::uint32_t account_row) {
    const Store& s = app.store;
    ImGui::SeparatorText("Contacts");
    if (account_row == kNoRow) return;
    for (std::uint32_t row : app.index.contacts_of[account_row]) {
        const Contact& c = s.contacts.rows[row];
        contact_heading(c);
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

constexpr const char* kStateForm = "lead_state";

// Why the lead has its score: one row per contribution, the factors that made its points.
void draw_score_explanation(AppState& app, std::uint32_t row) {
    Store& s = app.store;
    // The book is built at data load (ui/app.cpp); without activities there is nothing to
    // explain, and building it then would re-score every lead to nothing.
    if (!s.lead_book.built && s.activities.size() && app.now) ensure_lead_book(s, app.now);
    std::vector<Contribution> parts;
    if (s.lead_book.built) parts = explain_lead(s, row);
    ImGui::SeparatorText("Why this score");
    if (parts.empty()) {
        ImGui::TextDisabled("No scored activity for this lead.");
        return;
    }
    if (is_closed_state(s.leads.rows[row].state))
        ImGui::TextDisabled("Closed: the score was frozen at closing; these are today's points.");
    // Stretched over the pane (a fixed fit left most of it empty and cut the headers), the
    // activity column wrapping when the pane is narrow.
    constexpr ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                      ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("score_parts", 7, flags)) return;
    const std::pair<const char*, float> columns[] = {{"Activity", 2.6f}, {"Date", 2.2f},
                                                     {"Base", 1.1f},     {"Decay", 1.1f},
                                                     {"Factor", 1.2f},   {"Cap", 1.0f},
                                                     {"Points", 1.3f}};
    for (const auto& [h, w] : columns) ImGui::TableSetupColumn(h, ImGuiTableColumnFlags_WidthStretch, w);
    ImGui::TableHeadersRow();
    double total = 0;
    char buf[64];
    for (size_t i = 0; i < parts.size(); ++i) {
        const Contribution& c = parts[i];
        const Activity* a = c.activity_row < s.activities.size() ? &s.activities.rows[c.activity_row]
                                                                 : nullptr;
        std::vector<std::string> cells;
        cells.push_back(c.do_not_contact ? "Do not contact" : a ? label_of(a->type) : "(unknown)");
        cells.push_back(a ? format_local_date(a->at, app.utc_offset_minutes) : "");
        std::snprintf(buf, sizeof buf, "%.1f", c.base);
        cells.push_back(buf);
        std::snprintf(buf, sizeof buf, "%.2f", c.decay);
        cells.push_back(buf);
        std::snprintf(buf, sizeof buf, "x%.2f", c.campaign * c.authority * c.fit);
        cells.push_back(buf);
        if (c.capped) std::snprintf(buf, sizeof buf, "x%.2f", c.cap_scale);
        cells.push_back(c.capped ? buf : "");
        std::snprintf(buf, sizeof buf, "%.2f", c.points);
        cells.push_back(buf);
        total += c.points;
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        std::string id = "##part" + std::to_string(i);
        ImGui::Selectable(id.c_str(), false, ImGuiSelectableFlags_SpanAllColumns);
        describe_last_item_as_row(cells);
        ImGui::SameLine(0, 0);
        for (int col = 0; col < 7; ++col) {
            if (col) ImGui::TableSetColumnIndex(col);
            if (col == 0) ImGui::TextWrapped("%s", cells[0].c_str());
            else ImGui::TextUnformatted(cells[size_t(col)].c_str());
        }
        if (ImGui::IsItemHovered() && !c.do_not_contact)
            ImGui::SetTooltip("campaign x%.2f, authority x%.2f, account fit x%.2f", c.campaign,
                              c.authority, c.fit);
    }
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextDisabled("Total");
    ImGui::TableSetColumnIndex(6);
    std::snprintf(buf, sizeof buf, "%.1f", total);
    ImGui::TextUnformatted(buf);
    ImGui::EndTable();
}

constexpr const char* kBantForm = "lead_bant";
constexpr const char* kReassignForm = "lead_reassign";
constexpr const char* kBantNames[] = {"Budget", "Authority", "Need", "Timeline"};
constexpr const char* kBantKeys[] = {"budget", "authority", "need", "timeline"};

std::array<const BantItem*, 4> bant_items(const Lead& lead) {
    return {&lead.budget, &lead.authority, &lead.need, &lead.timeline};
}

// The checklist as the lead has it, into the form (when another lead is opened or after saving).
void take_bant(LeadDetailState& st, const Lead& lead) {
    auto items = bant_items(lead);
    for (size_t i = 0; i < 4; ++i) {
        st.bant_met[i] = items[i]->met;
        std::snprintf(st.bant_evidence[i].data(), st.bant_evidence[i].size(), "%s",
                      items[i]->evidence.c_str());
    }
}

bool bant_item_changed(const LeadDetailState& st, const Lead& lead, size_t i) {
    const BantItem* item = bant_items(lead)[i];
    return st.bant_met[i] != item->met || item->evidence != st.bant_evidence[i].data();
}

// The BANT checklist: met or not, with the evidence that says so; saving sends lead.qualify
// with the items that changed. Core refuses a tick without evidence, next to that field.
void draw_bant(AppState& app, std::uint32_t row) {
    LeadDetailState& st = app.lead_detail;
    const Lead& lead = app.store.leads.rows[row];
    ImGui::SeparatorText("Qualification (BANT)");
    const auto& required = app.store.lead_book.rules.bant_required;
    bool closed = is_closed_state(lead.state);
    constexpr ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                      ImGuiTableFlags_SizingStretchProp;
    bool changed = false;
    if (ImGui::BeginTable("bant", 3, flags)) {
        ImGui::TableSetupColumn("Item", ImGuiTableColumnFlags_WidthFixed, chars(11));
        ImGui::TableSetupColumn("Met", ImGuiTableColumnFlags_WidthFixed, chars(12));  // box + "Not met"
        ImGui::TableSetupColumn("Evidence", ImGuiTableColumnFlags_WidthStretch, 1);
        ImGui::TableHeadersRow();
        ImGui::BeginDisabled(closed);
        for (size_t i = 0; i < 4; ++i) {
            ImGui::PushID(int(i));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::AlignTextToFramePadding();
            ImGui::Text("%s%s", kBantNames[i], required[i] ? " *" : "");
            ImGui::TableSetColumnIndex(1);
            std::string met_label = std::string("##met");
            if (ImGui::Checkbox(met_label.c_str(), &st.bant_met[i])) clear_form_error(app, kBantForm);
            label_last_item((std::string(kBantNames[i]) + " met").c_str(), "checkbox");
            ImGui::SameLine();
            if (st.bant_met[i]) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::ok), "Met");
            else ImGui::TextDisabled("Not met");
            ImGui::TableSetColumnIndex(2);
            ImGui::SetNextItemWidth(-FLT_MIN);
            if (ImGui::InputTextWithHint("##evidence", "What the customer said or showed",
                                         st.bant_evidence[i].data(), st.bant_evidence[i].size()))
                clear_form_error(app, kBantForm);
            label_last_item((std::string(kBantNames[i]) + " evidence").c_str(), "field");
            std::string path = std::string("payload.") + kBantKeys[i] + ".evidence";
            if (const char* e = field_error(app, kBantForm, path)) field_error_text(e);
            changed = changed || bant_item_changed(st, lead, i);
            ImGui::PopID();
        }
        ImGui::EndDisabled();
        ImGui::EndTable();
    }
    if (closed) return;
    ImGui::TextDisabled("* needed to qualify");
    ImGui::SameLine();
    ImGui::BeginDisabled(!changed);
    bool save = ImGui::Button("Save checklist");
    ImGui::EndDisabled();
    if (const Error* e = form_error(app, kBantForm); e && e->field.find(".evidence") == std::string::npos)
        field_error_text(e->message.c_str());
    if (!save) return;
    json payload = {{"lead_id", lead.id}};
    for (size_t i = 0; i < 4; ++i)
        if (bant_item_changed(st, lead, i))
            payload[kBantKeys[i]] = {{"met", st.bant_met[i]},
                                     {"evidence", std::string(st.bant_evidence[i].data())}};
    if (!dispatch(app, make_command("lead.qualify", std::move(payload)), kBantForm))
        take_bant(st, app.store.leads.rows[row]);
}

// Managers (and central) hand a lead to someone else of its dealer, saying why; the move is a
// lead.reassign command and lands in the lead's history.
void draw_reassign(AppState& app, std::uint32_t row) {
    const Store& s = app.store;
    const Lead& lead = s.leads.rows[row];
    if (is_closed_state(lead.state)) return;
    LeadDetailState& st = app.lead_detail;
    ImGui::SeparatorText("Reassign");
    const User* me = s.users.find(app.user_id);
    if (!me || (me->role != "manager" && me->role != "central" && me->role != "system")) {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::muted);
        published_text("Your dealer's manager can hand this lead to someone else.");
        ImGui::PopStyleColor();
        return;
    }
    ImGui::SetNextItemWidth(chars(28));
    const char* shown = st.reassign_to.empty() ? "Choose a person" : user_name(s, st.reassign_to).c_str();
    if (ImGui::BeginCombo("New owner", shown)) {
        for (std::uint32_t u = 0; u < s.users.size(); ++u) {
            const User& user = s.users.rows[u];
            // The lead's dealer's people, and central desks (no dealer).
            if (!user.dealer_id.empty() && user.dealer_id != lead.dealer_id) continue;
            if (user.id == lead.owner) continue;
            std::string label = user.name + " (" + user.role + ")##o" + std::to_string(u);
            if (ImGui::Selectable(label.c_str(), user.id == st.reassign_to)) {
                st.reassign_to = user.id;
                clear_form_error(app, kReassignForm);
            }
        }
        ImGui::EndCombo();
    }
    label_last_item("New owner", "field");  // combos publish no label of their own
    if (const char* e = field_error(app, kReassignForm, "payload.to")) field_error_text(e);
    if (const char* e = field_error(app, kReassignForm, "")) field_error_text(e);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::InputTextWithHint("##reassign_reason", "Why (the new owner and the history see it)",
                                 st.reassign_reason, sizeof st.reassign_reason))
        clear_form_error(app, kReassignForm);
    label_last_item("Reason for reassigning", "field");
    if (const char* e = field_error(app, kReassignForm, "payload.reason")) field_error_text(e);
    ImGui::BeginDisabled(st.reassign_to.empty());
    bool go = ImGui::Button("Reassign");
    ImGui::EndDisabled();
    if (!go) return;
    json payload = {{"lead_id", lead.id}, {"to", st.reassign_to}};
    if (st.reassign_reason[0]) payload["reason"] = st.reassign_reason;
    if (dispatch(app, make_command("lead.reassign", std::move(payload)), kReassignForm)) return;
    st.reassign_to.clear();
    st.reassign_reason[0] = '\0';
}

// One button per move out of the current state; moves the rules forbid are disabled.
void draw_state_actions(AppState& app, std::uint32_t row) {
    LeadDetailState& st = app.lead_detail;
    const Lead& lead = app.store.leads.rows[row];
    if (st.lead_id != lead.id) {
        st = LeadDetailState{};
        st.lead_id = lead.id;
        take_bant(st, lead);
        clear_form_error(app, kStateForm);
        clear_form_error(app, kBantForm);
        clear_form_error(app, kReassignForm);
    }
    ImGui::SeparatorText("Move the lead");
    if (is_closed_state(lead.state)) {
        ImGui::TextDisabled("%s: a closed lead does not change; new signals open a new lead.",
                            label_of(lead.state));
        return;
    }
    struct Action {
        LeadState to;
        const char* label;
    };
    static const Action actions[] = {{LeadState::working, "Start working"},
                                     {LeadState::qualified, "Qualify"},
                                     {LeadState::converted, "Convert to deal"},
                                     {LeadState::nurture, "Nurture"},
                                     {LeadState::disqualified, "Disqualify"}};
    std::vector<std::string_view> missing = missing_bant(app.store.lead_book.rules, lead);
    std::optional<LeadState> clicked;
    for (const Action& a : actions) {
        bool legal = transition_allowed(lead.state, a.to) &&
                     (a.to != LeadState::qualified || missing.empty());
        if (&a != actions) ImGui::SameLine();
        ImGui::BeginDisabled(!legal);
        if (ImGui::Button(a.label)) clicked = a.to;
        ImGui::EndDisabled();
    }
    if (transition_allowed(lead.state, LeadState::qualified) && !missing.empty()) {
        std::string need;
        for (std::string_view m : missing) need += (need.empty() ? "" : ", ") + std::string(m);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        published_text(("To qualify, still needed: " + need).c_str());
        ImGui::PopStyleColor();
    }
    if (const char* e = field_error(app, kStateForm, "payload.to")) field_error_text(e);
    // A refusal about no one field (the whole book still loading) is said here too.
    if (const char* e = field_error(app, kStateForm, "")) field_error_text(e);
    ImGui::SetNextItemWidth(chars(30));
    if (ImGui::InputText("Reason (to disqualify)", st.reason, sizeof st.reason))
        clear_form_error(app, kStateForm);
    if (const char* e = field_error(app, kStateForm, "payload.reason")) field_error_text(e);
    if (transition_allowed(lead.state, LeadState::converted)) {
        ImGui::SetNextItemWidth(chars(14));
        if (ImGui::InputScalar("Deal amount", ImGuiDataType_S64, &st.deal_amount))
            clear_form_error(app, kStateForm);
        if (const char* e = field_error(app, kStateForm, "payload.deal.amount")) field_error_text(e);
    }
    if (!clicked) return;

    // Copies: applying the command may append leads and move the table.
    Id lead_id = lead.id;
    LeadState from = lead.state;
    json payload = {{"lead_id", lead_id}, {"to", std::string(name_of(*clicked))}};
    if (st.reason[0]) payload["reason"] = st.reason;
    if (*clicked == LeadState::converted)
        payload["deal"] = {{"id", new_record_id(app, "deal")},
                           {"amount", st.deal_amount * 100},
                           {"stage", "evaluating"}};
    if (dispatch(app, make_command("lead.transition", std::move(payload)), kStateForm)) return;
    st.reason[0] = '\0';
    st.deal_amount = 0;
    emit_event(app, {{"type", "lead_state_changed"},
                     {"lead_id", lead_id},
                     {"from", std::string(name_of(from))},
                     {"to", std::string(name_of(*clicked))}});
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
        row("Score", score, score_color(s, lead.score));
        row("State", label_of(lead.state));
        row("Owner", user_name(s, lead.owner));
        row("Created", format_local_time(lead.created_at, app.utc_offset_minutes));
        row("First response", lead.first_response_at
                                  ? format_local_time(lead.first_response_at, app.utc_offset_minutes)
                                  : "waiting for " + format_age(lead.created_at, app.now));
        ImGui::EndTable();
    }
    std::uint32_t lead_row = std::uint32_t(app.selected_lead);
    draw_state_actions(app, lead_row);
    draw_bant(app, lead_row);
    draw_reassign(app, lead_row);
    draw_score_explanation(app, lead_row);
    if (!app.details_loaded) {
        ImGui::Spacing();
        ImGui::TextDisabled("Loading contacts and activity…");
        return;
    }
    draw_contacts(app, account_row);
    draw_recent_activities(app, account_row);
}

}  // namespace fc::ui
