// The navigation shell: a sidebar of screens (a tab row across the top on narrow, upright
// canvases), keyboard shortcuts ("g" then a letter), the status strip at the bottom, and the
// current screen in the space left.
#pragma once
#include <imgui.h>
#include "app.h"

namespace fc::ui {

struct ScreenInfo {
    Screen screen;
    const char* label;     // what the navigation shows and tests click
    char key;              // "g" then this key opens it
};
const ScreenInfo& screen_info(Screen s);

void draw_shell(AppState& app);
// A one-letter shortcut of a screen ("c" logs a call): pressed this frame, and not text being
// typed, not part of "g" then a letter, not with Ctrl/Alt, not under the quick log.
bool screen_key_pressed(const AppState& app, ImGuiKey key);
// Switches screens (what the navigation and the shortcuts call).
void go_to(AppState& app, Screen s);

}  // namespace fc::ui
