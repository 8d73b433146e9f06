// What is new for the user since the tab last looked, for the live badge and notification
// (web/live.js): a lead that arrived, or an item that joined their Now queue (a lead
// redirected to them after an SLA breach, a task falling due). A captured lead is news once:
// not again a moment later when routing puts it in its owner's queue.
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
