#include "shell.h"
#include <imgui.h>
#include "format.h"
#include "import_screen.h"
#include "item_registry.h"
#include "lead_names.h"
#include "quick_log.h"
#include "screens.h"
#include "sync_status.h"
#include "theme.h"
#include "typed_ahead.h"
#include "widgets.h"

namespace fc::ui {
namespace {

// Browsers keep Ctrl/Alt + digits for switching tabs, so screens use "g" then a letter (as in
// Gmail or GitHub), which works the same in every browser and inside a portal.
constexpr ScreenInfo kScreens[] = {
    {Screen::now, "Now", 'N'},          {Screen::leads, "Leads", 'L'},
    {Screen::accounts, "Accounts", 'A'}, {Screen::follow_ups, "Follow-ups", 'F'},
    {Screen::pipeline, "Pipeline", 'P'}, {Screen::reports, "Reports", 'R'},
    {Screen::rules, "Rules", 'U'},       {Screen::settings, "Settings", 'S'},
    {Screen::imports, "Import", 'I'},
};
static_assert(sizeof kScreens / sizeof kScreens[0] == size_t(Screen::count_));

ImGuiKey key_of(char letter) { return ImGuiKey(ImGuiKey_A + (letter - 'A')); }

void handle_shortcuts(AppState& app) {
    const ImGuiIO& io = ImGui::GetIO();
    app.key_taken = false;
    // Letters typed into a field are text, not commands.
    if (io.WantTextInput || app.quick_log.open || io.KeyCtrl || io.KeyAlt || io.KeySuper) {
        app.go_pending = false;
        return;
    }
    if (app.go_pending) {
        // The next letter decides: a screen's key goes there, any other letter or Escape
        // cancels (and is then not taken as another shortcut).
        if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) app.go_pending = false;
        for (const ScreenInfo& s : kScreens)
            if (ImGui::IsKeyPressed(key_of(s.key), false)) go_to(app, s.screen);
        for (int k = ImGuiKey_A; k <= ImGuiKey_Z; ++k)
            if (ImGui::IsKeyPressed(ImGuiKey(k), false) && k != ImGuiKey_G) {
                app.go_pending = false;
                app.key_taken = true;
            }
        return;
    }
    if (ImGui::IsKeyPressed(ImGuiKey_G, false)) app.go_pending = true;
}

void draw_navigation(AppState& app, ImVec2 pos, ImVec2 size, bool narrow) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, colors::sidebar);
    if (ImGui::Begin("Navigation", nullptr, kPaneFlags | ImGuiWindowFlags_NoScrollbar)) {
        if (!narrow) {
            ImGui::PushStyleColor(ImGuiCol_Text, colors::accent);
            ImGui::TextUnformatted("Forecourt");
            ImGui::PopStyleColor();
            ImGui::Spacing();
        }
        const float pad = ImGui::GetStyle().FramePadding.x;
        for (const ScreenInfo& s : kScreens) {
            bool current = app.screen == s.screen;
            char hint[8] = {'g', ' ', char(s.key + 32), 0};
            ImVec2 item(narrow ? ImGui::CalcTextSize(s.label).x + pad * 2 : 0,
                        ImGui::GetFrameHeight());
            if (narrow) ImGui::SameLine(0, s.screen == Screen::now ? 0 : pad);
            ImGui::PushStyleColor(ImGuiCol_Text, current ? colors::accent : colors::ink);
            if (ImGui::Selectable(s.label, current, 0, item)) go_to(app, s.screen);
            ImGui::PopStyleColor();
            if (!narrow) {
                // The shortcut, right-aligned on the same row.
                ImVec2 hint_size = ImGui::CalcTextSize(hint);
                ImVec2 max = ImGui::GetItemRectMax(), min = ImGui::GetItemRectMin();
                ImGui::GetWindowDrawList()->AddText(
                    ImVec2(max.x - hint_size.x - pad, (min.y + max.y - hint_size.y) / 2),
                    colors::muted, hint);
            } else if (ImGui::IsItemHovered()) {
                ImGui::SetTooltip("%s (g then %c)", s.label, char(s.key + 32));
            }
        }
        if (app.go_pending && !narrow) {
            ImGui::Spacing();
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::muted), "g … pick a screen");
        }
    }
    ImGui::End();
    ImGui::PopStyleColor();
}

void draw_status(AppState& app, ImVec2 pos, ImVec2 size) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, colors::sidebar);
    bool open = ImGui::Begin("Status", nullptr, kPaneFlags | ImGuiWindowFlags_NoScrollbar);
    if (open && app.sync.enabled) {
        draw_sync_status(app);
        ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
        ImGui::PushStyleColor(ImGuiCol_Text, colors::muted);
        published_text(("Signed in as " + user_name(app.store, app.user_id)).c_str());
        ImGui::PopStyleColor();
    } else if (open) {
        size_t waiting = app.outbox.size();
        char text[160];
        if (waiting == 0)
            std::snprintf(text, sizeof text, "No changes waiting to sync");
        else
            std::snprintf(text, sizeof text, "%zu change%s waiting to sync", waiting,
                          waiting == 1 ? "" : "s");
        ImGui::PushStyleColor(ImGuiCol_Text, waiting ? colors::pending : colors::ok);
        published_text(text);
        ImGui::PopStyleColor();
        ImGui::SameLine(0, ImGui::GetFontSize() * 2);
        if (app.loaded) {
            std::string loaded = "Data loaded " + format_local_time(app.loaded_at, app.utc_offset_minutes) +
                                 " (" + format_age(app.loaded_at, app.now) + " ago)";
            if (app.now - app.loaded_at < 60) loaded = "Data loaded " +
                format_local_time(app.loaded_at, app.utc_offset_minutes) + " (just now)";
            published_text(loaded.c_str());
            ImGui::SameLine(0, ImGui::GetFontSize() * 2);
            std::string who = "Signed in as " + user_name(app.store, app.user_id);
            ImGui::PushStyleColor(ImGuiCol_Text, colors::muted);
            published_text(who.c_str());
            ImGui::PopStyleColor();
        } else {
            ImGui::PushStyleColor(ImGuiCol_Text, colors::muted);
            published_text("No data loaded yet");
            ImGui::PopStyleColor();
        }
    }
    ImGui::End();
    ImGui::PopStyleColor();
}

// The content pane of single-window screens.
template <class Draw>
void screen_window(const char* name, ImVec2 pos, ImVec2 size, Draw draw) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding,
                        ImVec2(ImGui::GetFontSize() * 1.2f, ImGui::GetFontSize() * 0.9f));
    if (ImGui::Begin(name, nullptr, kPaneFlags)) draw();
    ImGui::End();
    ImGui::PopStyleVar();
}

}  // namespace

const ScreenInfo& screen_info(Screen s) { return kScreens[int(s)]; }

bool screen_key_pressed(const AppState& app, ImGuiKey key) {
    const ImGuiIO& io = ImGui::GetIO();
    return !io.WantTextInput && !app.quick_log.open && !app.go_pending && !app.key_taken &&
           !io.KeyCtrl && !io.KeyAlt && !io.KeySuper && ImGui::IsKeyPressed(key, false);
}

void go_to(AppState& app, Screen s) { app.screen = s; }

void draw_shell(AppState& app) {
    // A platform may load data before its first frame has set the clock; stamp the load with
    // the first clock reading then, rather than showing 1970.
    if (app.loaded && app.loaded_at == 0) app.loaded_at = app.now;
    const TypedThisFrame typed = note_typed_this_frame();
    handle_shortcuts(app);
    advance_import(app);  // an import keeps running whatever screen is shown
    const ImGuiIO& io = ImGui::GetIO();
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 size = io.DisplaySize;
    const float font = ImGui::GetFontSize();
    // A tablet held upright or a narrow portal column: tabs across the top instead of a sidebar.
    const bool narrow = size.x < size.y || size.x < font * 56;
    const float bar_h = ImGui::GetFrameHeight() + style.WindowPadding.y * 2;
    const ImVec2 nav_size = narrow ? ImVec2(size.x, bar_h) : ImVec2(font * 11, size.y - bar_h);
    const ImVec2 pos = narrow ? ImVec2(0, bar_h) : ImVec2(nav_size.x, 0);
    const ImVec2 content(size.x - pos.x, size.y - bar_h - pos.y);

    draw_navigation(app, ImVec2(0, 0), nav_size, narrow);
    switch (app.screen) {
        case Screen::leads: draw_leads_screen(app, pos, content); break;
        case Screen::now: screen_window("Now", pos, content, [&] { draw_now_screen(app); }); break;
        case Screen::accounts:
            screen_window("Accounts", pos, content, [&] { draw_account_screen(app); });
            break;
        case Screen::follow_ups:
            screen_window("Follow-ups", pos, content, [&] { draw_follow_ups_screen(app); });
            break;
        case Screen::pipeline:
            screen_window("Pipeline", pos, content, [&] { draw_pipeline_screen(app); });
            break;
        case Screen::reports:
            screen_window("Reports", pos, content, [&] { draw_reports_screen(app); });
            break;
        case Screen::rules: screen_window("Rules", pos, content, [&] { draw_rules_screen(app); }); break;
        case Screen::settings:
            screen_window("Settings", pos, content, [&] { draw_settings_screen(app); });
            break;
        case Screen::imports:
            screen_window("Import", pos, content, [&] { draw_import_screen(app); });
            break;
        case Screen::count_: break;
    }
    draw_status(app, ImVec2(0, size.y - bar_h), ImVec2(size.x, bar_h));
    draw_quick_log(app);
    keep_text_typed_before_focus(typed);
}

}  // namespace fc::ui
