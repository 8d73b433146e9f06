// The lead inbox: every lead the user may see, filtered (band, score, state, owner, dealer,
// product, campaign), searched by account or contact name as the user types, sortable by any
// column, and drawn with a clipper at a fixed row height so only on-screen rows cost anything
// and the last of 100k+ rows lands exactly where the scrollbar says.
#pragma once
#include "app.h"

namespace fc::ui {

void draw_inbox(AppState& app);
// Height of one inbox row: fixed, so the clipper's arithmetic matches what is drawn.
float inbox_row_height();

}  // namespace fc::ui
