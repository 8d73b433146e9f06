// Now: the salesperson's start of the day — new hot leads with their response clock, follow-ups
// due today, overdue items. The queue itself (priority = score x freshness, SLA clocks) is
// computed by core's Now engine; this screen only draws it.
#include <imgui.h>
#include "account_screen.h"
#include "format.h"
#include "item_registry.h"
#include "screens.h"
#include "shell.h"
#include "theme.h"
#include "widgets.h"
#include "navigation.h"
#include "lead_names.h"
#include "user_queue.h"

namespace fc::ui {
namespace {

struct NowItem {
    enum Kind { hot_lead, new_lead, follow_up, overdue } kind;
    std::uint32_t row;    // lead row (hot_lead, new_lead) or task row (follow_up, overdue)
    Time clock;           // SLA deadline or due time
    std::string title;    // what to do
    std::string why;      // the engine's explanation ("web form 2 h ago, score 72")
};

// The engine's queue for the signed-in user, in priority order.
std::vector<NowItem> now_items(const AppState& app) {
    const Store& s = app.store;
    std::vector<fc::NowItem> queue = user_now_queue(app);
    std::vector<NowItem> items;
    items.reserve(queue.size());
    for (const fc::NowItem& q : queue) {
        NowItem it;
        it.row = q.row;
        it.clock = q.at;
        it.why = q.why;
        if (is_lead_item(q.reason)) {
            it.kind = q.band == fc::Band::hot ? NowItem::hot_lead : NowItem::new_lead;
            const Lead& l = s.leads.rows[q.row];
            it.title = account_name(s, l.account_id) + " · " + category_name(s, l.product_category);
        } else {
            it.kind = q.reason == NowReason::task_overdue ? NowItem::overdue : NowItem::follow_up;
            const Task& t = s.tasks.rows[q.row];
            it.title = t.title + " · " + account_name(s, t.account_id);
        }
        items.push_back(std::move(it));
    }
    return items;
}

}  // namespace

void draw_now_screen(AppState& app) {
    screen_title("Now", "Your queue: new leads with their response clock (hot ones first), "
                        "follow-ups due today and overdue items, most urgent first.");
    std::vector<NowItem> items = now_items(app);
    if (items.empty()) {
        empty_state("Nothing needs you right now.",
                    "No new lead is waiting for an answer and no follow-up is due "
                    "today. Leads (g l) lists every lead by score; Follow-ups (g f) what is "
                    "due later.");
        if (ImGui::Button("Open Leads")) go_to(app, Screen::leads);
        ImGui::SameLine();
        if (ImGui::Button("Open Follow-ups")) go_to(app, Screen::follow_ups);
        return;
    }
    for (const NowItem& it : items) {
        ImU32 c = it.kind == NowItem::overdue ? colors::overdue
                  : it.kind == NowItem::hot_lead ? colors::hot : colors::ink;
        ImGui::PushID(int(it.row) * 4 + int(it.kind));
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c), "%s",
                           format_age(it.clock, app.now).c_str());
        ImGui::SameLine();
        if (ImGui::Selectable(it.title.c_str())) {
            if (it.kind == NowItem::hot_lead || it.kind == NowItem::new_lead) {
                open_lead(app, it.row);
                go_to(app, Screen::leads);
            } else {
                go_to(app, Screen::follow_ups);
            }
        }
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        published_text(it.why.c_str());  // the engine's reason, for tests and screen readers
        ImGui::PopStyleColor();
        ImGui::PopID();
    }
}

}  // namespace fc::ui
