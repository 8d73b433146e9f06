// The lead inbox: every lead the user may see, sortable by any column, drawn with a clipper so
// only on-screen rows cost anything.
#pragma once
#include "app.h"

namespace fc::ui {

void draw_inbox(AppState& app);
// Rebuilds app.inbox.order from the store and the sort settings.
void sort_inbox(AppState& app);

}  // namespace fc::ui
