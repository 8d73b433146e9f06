// The navigation shell: a sidebar of screens (a tab row across the top on narrow, upright
// canvases), keyboard shortcuts ("g" then a letter), the status strip at the bottom, and the
// current screen in the space left.
#pragma once
#include "app.h"

namespace fc::ui {

struct ScreenInfo {
    Screen screen;
    const char* label;     // what the navigation shows and tests click
    char key;              // "g" then this key opens it
};
const ScreenInfo& screen_info(Screen s);

void draw_shell(AppState& app);
// Switches screens (what the navigation and the shortcuts call).
void go_to(AppState& app, Screen s);

}  // namespace fc::ui
