// One draw function per screen, each in its own file. Each draws into the current window (the
// shell gives it the content rectangle) and gets its data from the store, the index, or, for
// the screens whose engines live in other modules, one view function named in its file.
#pragma once
#include <imgui.h>
#include "app.h"

namespace fc::ui {

void draw_now_screen(AppState& app);
void draw_leads_screen(AppState& app, ImVec2 pos, ImVec2 size);  // inbox + lead detail panes
void draw_account_screen(AppState& app);
void draw_follow_ups_screen(AppState& app);
void draw_pipeline_screen(AppState& app);
void draw_reports_screen(AppState& app);
void draw_rules_screen(AppState& app);
void draw_settings_screen(AppState& app);

}  // namespace fc::ui
