// What is new for the user since the tab last looked, for the live badge and notification
// (web/live.js): a lead of theirs that arrived, or an item that joined their Now queue (a lead
// routed or redirected to them, a task falling due). A captured lead is news once, to its
// owner, when routing puts it in their queue; not to the colleagues who can see it too.
#pragma once
#include <cstddef>
#include <string>
#include <unordered_set>
#include "app.h"

namespace fc::ui {

struct NewsWatch {
    std::unordered_set<std::string> known;  // lead ids, "queue:" + lead id, "task:" + task id
    bool primed = false;
};

// Counts what is new since the last call and remembers it; the first call only takes note of
// what is already there and returns 0.
size_t take_news(NewsWatch& watch, const AppState& app);

}  // namespace fc::ui
