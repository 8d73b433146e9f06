#include "navigation.h"

namespace fc::ui {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

void emit_event(AppState& app, const json& event) { app.events.push_back(event.dump()); }

void emit_command_events(AppState& app, const Command& c) {
    const json& p = c.payload;
    if (c.kind == "task.complete")
        emit_event(app, {{"type", "task_done"}, {"task_id", p.value("task_id", "")},
                         {"skipped", p.value("skipped", false)}});
    std::string task_state = c.kind == "task.put" ? p.value("state", "open") : "open";
    if (task_state != "open")
        emit_event(app, {{"type", "task_done"}, {"task_id", p.value("id", "")},
                         {"skipped", task_state == "skipped"}});
    emit_event(app, {{"type", "sync_state_changed"}, {"waiting", app.outbox.size()}});
}

std::vector<std::string> take_events(AppState& app) {
    std::vector<std::string> out;
    out.swap(app.events);
    return out;
}

void open_lead(AppState& app, std::int64_t row) {
    if (row == app.selected_lead) return;
    app.selected_lead = row;
    if (row >= 0) {
        const Lead& l = app.store.leads.rows[size_t(row)];
        emit_event(app, {{"type", "lead_opened"}, {"lead_id", l.id}, {"account_id", l.account_id}});
    }
}

bool navigate(AppState& app, std::string_view route) {
    if (route == "inbox" || route == "now") {
        app.screen = route == "now" ? Screen::now : Screen::leads;
        return true;
    }
    if (starts_with(route, "lead/")) {
        std::uint32_t row = app.store.leads.row_of(Id(route.substr(5)));
        if (row == kNoRow) return false;
        app.screen = Screen::leads;
        open_lead(app, row);
        return true;
    }
    if (starts_with(route, "account/")) {
        std::uint32_t row = app.store.accounts.row_of(Id(route.substr(8)));
        if (row == kNoRow) return false;
        app.screen = Screen::accounts;
        app.accounts.selected = row;
        app.accounts.activity_page = 0;
        app.accounts.scroll_to_selected = true;
        return true;
    }
    return false;
}

}  // namespace fc::ui
