#include "quick_log.h"
#include <imgui.h>
#include "dispatch.h"
#include "format.h"
#include "item_registry.h"
#include "lead_names.h"
#include "record_json.h"
#include "theme.h"
#include "widgets.h"

namespace fc::ui {
namespace {

constexpr const char* kKindNames[] = {"Call", "Visit", "Email", "Note"};
constexpr ActivityType kKindTypes[] = {ActivityType::outbound_call, ActivityType::visit,
                                       ActivityType::outbound_email, ActivityType::note};
const char* const kActivityForm = "quick_log.activity";
const char* const kTaskForm = "quick_log.task";
const char* const kContactForm = "quick_log.contact";

// Contact people may be reached through; the first one that does not refuse contact.
std::uint32_t default_contact(const AppState& app, std::uint32_t account) {
    const auto& rows = app.index.contacts_of[account];
    for (std::uint32_t c : rows)
        if (!app.store.contacts.rows[c].do_not_contact) return c;
    return rows.empty() ? kNoRow : rows[0];
}

void close(AppState& app) {
    app.quick_log.open = false;
    clear_form_error(app, kActivityForm);
    clear_form_error(app, kTaskForm);
    clear_form_error(app, kContactForm);
    ImGui::CloseCurrentPopup();
}

// Core names fields by path ("payload.title is longer than 200 bytes"); the user knows the
// field by its label ("Next step is longer than 200 bytes").
void show_field_error(const AppState& app, const char* form, const char* field, const char* label) {
    const char* msg = field_error(app, form, field);
    if (!msg) return;
    std::string text = msg;
    std::string path = field;
    if (text.compare(0, path.size(), path) == 0) text = label + text.substr(path.size());
    field_error_text(text.c_str());
}

void draw_contact_combo(AppState& app) {
    QuickLogState& q = app.quick_log;
    const Store& s = app.store;
    const auto& rows = app.index.contacts_of[q.account];
    std::string preview = q.contact == kNoRow ? "Nobody in particular"
                                              : s.contacts.rows[q.contact].name;
    ImGui::SetNextItemWidth(chars(36));
    if (ImGui::BeginCombo("Contact", preview.c_str())) {
        if (ImGui::Selectable("Nobody in particular", q.contact == kNoRow)) q.contact = kNoRow;
        for (std::uint32_t c : rows) {
            const Contact& ct = s.contacts.rows[c];
            std::string label = ct.name + (ct.do_not_contact ? "  (do not contact)" : "") + "##c" +
                                std::to_string(c);
            if (ImGui::Selectable(label.c_str(), q.contact == c)) q.contact = c;
        }
        ImGui::EndCombo();
    }
    label_last_item("Contact", "field");  // combos publish no label of their own
    if (q.contact != kNoRow && s.contacts.rows[q.contact].do_not_contact) {
        ImGui::SameLine();
        badge("Do not contact", colors::error);
    }
    if (const Error* e = form_error(app, kContactForm)) field_error_text(e->message.c_str());
}

}  // namespace

const char* log_button_label(LogKind k) {
    switch (k) {
        case LogKind::call: return "Log call";
        case LogKind::visit: return "Log visit";
        case LogKind::email: return "Log email";
        default: return "Add note";
    }
}

Time due_at(Time now, int days, int utc_offset_minutes) {
    Time off = Time(utc_offset_minutes) * 60;
    Time local = now + off;
    Time day = local - ((local % 86400) + 86400) % 86400;
    return day + Time(days) * 86400 + 9 * 3600 - off;
}

void open_quick_log(AppState& app, std::uint32_t account_row, LogKind kind, const Lead* lead) {
    QuickLogState& q = app.quick_log;
    q = QuickLogState{};
    q.open = true;
    q.just_opened = true;
    q.account = account_row;
    q.kind = kind;
    q.contact = default_contact(app, account_row);
    if (lead) {
        q.lead_id = lead->id;
        q.product_category = lead->product_category;
    }
    // Ids are chosen once per form, so saving again after a refusal replaces, not duplicates.
    q.activity_id = new_record_id(app, "act");
    q.task_id = new_record_id(app, "task");
}

MaybeError save_quick_log(AppState& app) {
    QuickLogState& q = app.quick_log;
    const Store& s = app.store;
    clear_form_error(app, kActivityForm);
    clear_form_error(app, kTaskForm);
    clear_form_error(app, kContactForm);
    const Account& acc = s.accounts.rows[q.account];
    const Contact* contact = q.contact == kNoRow ? nullptr : &s.contacts.rows[q.contact];
    // Do-not-contact is honoured here, not only shown: we do not record calling or writing to
    // someone who asked us not to. A visit or a note about them is still fine.
    bool reaching_out = q.kind == LogKind::call || q.kind == LogKind::email;
    if (contact && contact->do_not_contact && reaching_out) {
        Error e{"do_not_contact", "contact",
                contact->name + " asked not to be contacted. Pick someone else, or log a note."};
        app.rejection = Rejection{kContactForm, e};
        return e;
    }
    Id contact_id = contact ? contact->id : Id();
    if (q.next_step[0] != '\0') {
        Task t;
        t.id = q.task_id;
        t.account_id = acc.id;
        t.contact_id = contact_id;
        t.lead_id = q.lead_id;
        t.assignee = app.user_id;
        t.title = q.next_step;
        t.due = due_at(app.now, q.due_in_days, app.utc_offset_minutes);
        if (auto e = dispatch(app, make_command("task.put", to_json(t)), kTaskForm)) return e;
    }
    Activity a;
    a.id = q.activity_id;
    a.account_id = acc.id;
    a.contact_id = contact_id;
    a.type = kKindTypes[int(q.kind)];
    a.at = app.now;
    a.product_category = q.product_category;
    a.author = app.user_id;
    a.note = q.outcome;
    if (auto e = dispatch(app, make_command("activity.log", to_json(a)), kActivityForm)) return e;
    std::string what = kKindNames[int(q.kind)];
    q.saved_message = what + " logged for " + acc.name +
                      (q.next_step[0] ? "; next step booked." : ".");
    app.follow_ups.dirty = true;
    q.open = false;
    return std::nullopt;
}

void draw_quick_log(AppState& app) {
    QuickLogState& q = app.quick_log;
    if (q.open && !ImGui::IsPopupOpen("Quick log")) ImGui::OpenPopup("Quick log");
    if (!q.open || q.account == kNoRow) return;
    ImGui::SetNextWindowSize(ImVec2(chars(64), 0));
    ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal("Quick log", nullptr,
                                ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings))
        return;
    // Escape and Enter are read before any widget, so they work from every field.
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        close(app);
        ImGui::EndPopup();
        return;
    }
    if (!q.just_opened && (ImGui::IsKeyPressed(ImGuiKey_Enter, false) ||
                           ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false))) {
        if (!save_quick_log(app)) {
            ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
            return;
        }
    }
    const Account& acc = app.store.accounts.rows[q.account];
    std::string title = std::string(log_button_label(q.kind)) + " · " + acc.name;
    ImGui::PushStyleColor(ImGuiCol_Text, colors::ink);
    published_text(title.c_str());
    ImGui::PopStyleColor();
    if (!q.lead_id.empty())
        ImGui::TextDisabled("About the lead for %s",
                            category_name(app.store, q.product_category).c_str());

    for (int k = 0; k < int(LogKind::count_); ++k) {
        if (k) ImGui::SameLine();
        if (ImGui::RadioButton(kKindNames[k], int(q.kind) == k)) q.kind = LogKind(k);
    }
    draw_contact_combo(app);

    ImGui::Spacing();
    if (q.just_opened) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-chars(10));
    ImGui::InputTextWithHint("Outcome", "What happened? e.g. wants a quote for 3 vans", q.outcome,
                             sizeof q.outcome);
    show_field_error(app, kActivityForm, "payload.note", "Outcome");
    ImGui::SetNextItemWidth(-chars(10));
    ImGui::InputTextWithHint("Next step", "e.g. send the quote (empty: no follow-up)", q.next_step,
                             sizeof q.next_step);
    show_field_error(app, kTaskForm, "payload.title", "Next step");
    ImGui::SetNextItemWidth(chars(6));
    ImGui::InputInt("##due", &q.due_in_days, 0, 0);
    label_last_item("Due in days", "field");
    q.due_in_days = q.due_in_days < 0 ? 0 : q.due_in_days > 365 ? 365 : q.due_in_days;
    ImGui::SameLine();
    Time due = due_at(app.now, q.due_in_days, app.utc_offset_minutes);
    ImGui::TextDisabled("days: due %s", format_local_time(due, app.utc_offset_minutes).c_str());
    show_field_error(app, kTaskForm, "payload.due", "Due date");
    // Anything refused that is not about a field above.
    for (const char* form : {kActivityForm, kTaskForm}) {
        const Error* e = form_error(app, form);
        if (e && e->field != "payload.note" && e->field != "payload.title" && e->field != "payload.due")
            field_error_text(e->message.c_str());
    }

    ImGui::Spacing();
    bool saved = false;
    if (ImGui::Button("Save (Enter)")) saved = !save_quick_log(app);
    ImGui::SameLine();
    if (ImGui::Button("Cancel (Esc)")) close(app);
    if (saved) ImGui::CloseCurrentPopup();
    q.just_opened = false;
    ImGui::EndPopup();
}

}  // namespace fc::ui
