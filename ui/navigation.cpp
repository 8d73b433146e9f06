#include "navigation.h"

namespace fc::ui {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// The first lead of an account, best score first: what "open this account" shows until the
// Account 360 screen has its own route target.
std::int64_t best_lead_of_account(const Store& s, const Id& account_id) {
    std::int64_t best = -1;
    for (size_t i = 0; i < s.leads.rows.size(); ++i) {
        const Lead& l = s.leads.rows[i];
        if (l.account_id == account_id && (best < 0 || l.score > s.leads.rows[size_t(best)].score))
            best = std::int64_t(i);
    }
    return best;
}

}  // namespace

void emit_event(AppState& app, const json& event) { app.events.push_back(event.dump()); }

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
        app.route = std::string(route);
        return true;
    }
    if (starts_with(route, "lead/")) {
        std::uint32_t row = app.store.leads.row_of(Id(route.substr(5)));
        if (row == kNoRow) return false;
        app.route = "inbox";
        open_lead(app, row);
        return true;
    }
    if (starts_with(route, "account/")) {
        Id account(route.substr(8));
        if (!app.store.accounts.contains(account)) return false;
        app.route = std::string(route);
        open_lead(app, best_lead_of_account(app.store, account));
        return true;
    }
    return false;
}

}  // namespace fc::ui
