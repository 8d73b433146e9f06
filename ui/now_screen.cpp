// Now: the salesperson's start of the day — new hot leads with their response clock, follow-ups
// due today, overdue items. The queue itself (priority = score x freshness, SLA clocks) is
// computed by core's Now engine; this screen only draws it.
// Wiring: make now_items() call the engine; nothing else here changes.
#include <imgui.h>
#include "account_screen.h"
#include "format.h"
#include "item_registry.h"
#include "screens.h"
#include "shell.h"
#include "theme.h"
#include "widgets.h"
#include "navigation.h"

namespace fc::ui {
namespace {

struct NowItem {
    enum Kind { hot_lead, follow_up, overdue } kind;
    std::uint32_t row;    // lead row (hot_lead) or task row (follow_up, overdue)
    Time clock;           // SLA deadline or due time
    std::string title;    // what to do
    std::string why;      // the engine's explanation ("web form 2 h ago, score 72")
};

// The engine's queue, in priority order. Empty until the Now engine is wired in.
std::vector<NowItem> now_items(const AppState&) { return {}; }

}  // namespace

void draw_now_screen(AppState& app) {
    screen_title("Now", "Your queue: new hot leads with their response clock, follow-ups due "
                        "today and overdue items, most urgent first.");
    std::vector<NowItem> items = now_items(app);
    if (items.empty()) {
        empty_state("The queue is not switched on in this version yet.",
                    "Until it is, start from Leads (g l), sorted by score, for new leads, and "
                    "from Follow-ups (g f) for what is due and overdue.");
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
            if (it.kind == NowItem::hot_lead) {
                open_lead(app, it.row);
                go_to(app, Screen::leads);
            } else {
                go_to(app, Screen::follow_ups);
            }
        }
        ImGui::TextDisabled("%s", it.why.c_str());
        ImGui::PopID();
    }
}

}  // namespace fc::ui
