// Follow-ups: open tasks by day, overdue first and in red, each closed as done or skipped, or
// snoozed a day or a week, with an outcome. Every action is one task.put through dispatch().
#include <algorithm>
#include <imgui.h>
#include "account_screen.h"
#include "dispatch.h"
#include "format.h"
#include "item_registry.h"
#include "lead_names.h"
#include "record_json.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace fc::ui {
namespace {

const char* const kForm = "follow_ups";

Time local_day(Time t, int utc_offset_minutes) {
    Time local = t + Time(utc_offset_minutes) * 60;
    return (local - ((local % 86400) + 86400) % 86400) / 86400;
}

void refresh(AppState& app) {
    FollowUpsState& f = app.follow_ups;
    Time today = local_day(app.now, app.utc_offset_minutes);
    if (!f.dirty && f.built_for_day == today) return;
    const Store& s = app.store;
    std::vector<std::uint32_t> rows;
    f.overdue = f.today = f.later = 0;
    for (std::uint32_t t = 0; t < s.tasks.size(); ++t) {
        const Task& task = s.tasks.rows[t];
        if (task.state != TaskState::open) continue;
        if (f.mine_only && task.assignee != app.user_id) continue;
        Time day = local_day(task.due, app.utc_offset_minutes) - today;
        if (day > f.days_ahead) {
            ++f.later;
            continue;
        }
        if (task.due < app.now) ++f.overdue;
        else if (day == 0) ++f.today;
        rows.push_back(t);
    }
    std::sort(rows.begin(), rows.end(), [&](std::uint32_t a, std::uint32_t b) {
        const Task& x = s.tasks.rows[a];
        const Task& y = s.tasks.rows[b];
        return x.due != y.due ? x.due < y.due : a < b;
    });
    f.entries.clear();
    int current = INT32_MIN;
    for (std::uint32_t t : rows) {
        const Task& task = s.tasks.rows[t];
        // Everything past due shares one "Overdue" heading (day -1), whatever its date.
        int day = task.due < app.now ? -1
                                     : std::max(0, int(local_day(task.due, app.utc_offset_minutes) - today));
        if (day != current) f.entries.push_back({kNoRow, day});
        current = day;
        f.entries.push_back({t, day});
    }
    f.built_for_day = today;
    f.dirty = false;
}

void act(AppState& app, std::uint32_t row, TaskState state, Time snooze) {
    Task t = app.store.tasks.rows[row];
    FollowUpsState& f = app.follow_ups;
    t.state = state;
    if (snooze) t.due = std::max(t.due, app.now) + snooze;
    if (f.outcome[0]) t.outcome = f.outcome;
    if (!dispatch(app, make_command("task.put", to_json(t)), kForm)) f.outcome[0] = '\0';
}

std::string day_heading(const AppState& app, int day) {
    if (day < 0) return "Overdue";
    if (day == 0) return "Today";
    if (day == 1) return "Tomorrow";
    return format_local_date(app.now + Time(day) * 86400, app.utc_offset_minutes);
}

void draw_task_row(AppState& app, std::uint32_t row, int day) {
    const Store& s = app.store;
    const Task& t = s.tasks.rows[row];
    ImGui::PushID(int(row));
    ImGui::TableSetColumnIndex(0);
    bool overdue = day < 0;
    std::string when = overdue ? format_local_time(t.due, app.utc_offset_minutes)
                               : format_local_clock(t.due, app.utc_offset_minutes);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(overdue ? colors::overdue : colors::muted),
                       "%s", when.c_str());
    ImGui::TableSetColumnIndex(1);
    published_text(t.title.c_str());
    ImGui::TableSetColumnIndex(2);
    const Account* acc = s.accounts.find(t.account_id);
    if (acc && ImGui::Selectable(acc->name.c_str()))
        show_account(app, s.accounts.row_of(t.account_id));
    ImGui::TableSetColumnIndex(3);
    ImGui::TextDisabled("%s", user_name(s, t.assignee).c_str());
    ImGui::TableSetColumnIndex(4);
    if (ImGui::SmallButton("Done")) act(app, row, TaskState::done, 0);
    ImGui::SameLine();
    if (ImGui::SmallButton("+1 day")) act(app, row, TaskState::open, 86400);
    ImGui::SameLine();
    if (ImGui::SmallButton("+1 week")) act(app, row, TaskState::open, 7 * 86400);
    ImGui::SameLine();
    if (ImGui::SmallButton("Skip")) act(app, row, TaskState::skipped, 0);
    ImGui::PopID();
}

}  // namespace

void draw_follow_ups_screen(AppState& app) {
    FollowUpsState& f = app.follow_ups;
    screen_title("Follow-ups", "Open tasks by day, overdue first. Close each with what happened.");
    if (!app.loaded) {
        published_text(app.status.c_str());
        return;
    }
    if (ImGui::Checkbox("Only mine", &f.mine_only)) f.dirty = true;
    refresh(app);
    ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(f.overdue ? colors::overdue : colors::muted),
                       "%d overdue", f.overdue);
    ImGui::SameLine();
    ImGui::TextDisabled("· %d due today · %d due after the next %d days", f.today, f.later,
                        f.days_ahead);

    ImGui::SetNextItemWidth(chars(60));
    ImGui::InputTextWithHint("Outcome", "What happened? Saved with Done, snooze or Skip",
                             f.outcome, sizeof f.outcome);
    if (const Error* e = form_error(app, kForm)) field_error_text(e->message.c_str());

    if (f.entries.empty()) {
        empty_state(f.mine_only ? "Nothing to follow up: you are all caught up."
                                : "Nobody has an open follow-up.",
                    "Book the next step when you log a call or visit (Accounts, then c), and it "
                    "appears here on its day.");
        return;
    }
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                       ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("tasks", 5, kFlags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Due", ImGuiTableColumnFlags_WidthFixed, chars(17));
    ImGui::TableSetupColumn("Task", ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn("Account", ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn("Assignee", ImGuiTableColumnFlags_WidthStretch, 1.5f);
    const ImGuiStyle& style = ImGui::GetStyle();
    float actions = ImGui::CalcTextSize("Done+1 day+1 weekSkip").x + style.FramePadding.x * 8 +
                    style.ItemSpacing.x * 3;
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, actions);
    ImGui::TableHeadersRow();
    const float row_h = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2;
    ImGuiListClipper clipper;
    clipper.Begin(int(f.entries.size()), row_h);
    // Entries may change under us when a button dispatches: draw from a copy of the visible part.
    while (clipper.Step()) {
        std::vector<FollowUpsState::Entry> visible(
            f.entries.begin() + clipper.DisplayStart,
            f.entries.begin() + std::min<size_t>(f.entries.size(), size_t(clipper.DisplayEnd)));
        for (const auto& e : visible) {
            ImGui::TableNextRow(0, row_h);
            if (e.task == kNoRow) {
                ImGui::TableSetColumnIndex(0);
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(236, 239, 244, 255));
                ImGui::PushStyleColor(ImGuiCol_Text, e.day < 0 ? colors::overdue : colors::ink);
                published_text(day_heading(app, e.day).c_str());
                ImGui::PopStyleColor();
            } else {
                draw_task_row(app, e.task, e.day);
            }
        }
    }
    ImGui::EndTable();
}

}  // namespace fc::ui
