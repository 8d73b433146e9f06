// Publishes every item drawn in the last frame (label, window, rectangle) from Dear ImGui's
// test-engine hooks, so tests and the screen-reader mirror can find widgets by label instead of
// guessing pixel positions. Rectangles are in ImGui display coordinates (framebuffer pixels);
// the web layer converts them to CSS pixels of the page.
#pragma once
#include <imgui.h>
#include <string>
#include <vector>

namespace fc::ui {

struct DrawnItem {
    ImGuiID id = 0;
    std::string label;    // visible part of the label (before "##")
    std::string window;   // name of the root window it was drawn in
    ImVec2 min, max;
    bool is_text = false; // plain text recorded through published_text()
    bool disabled = false; // drawn inside BeginDisabled(): shown but not clickable
    // What a screen reader should call it: window, button, field, checkbox, tree, header,
    // row or text. Rows carry the text of their cells.
    const char* role = "button";
    std::vector<std::string> cells;
};

// Call right after ImGui::NewFrame(): starts collecting this frame's items.
void begin_item_capture();
// Call after ImGui::Render(): the collected frame becomes the published one.
void end_item_capture();
const std::vector<DrawnItem>& published_items();
// The published items as a JSON array of {id, label, window, text, role, focused,
// rect: {x, y, w, h}} (and cells, for rows).
std::string published_items_json();
// The first published item with this label (and window, when given), or nullptr.
const DrawnItem* find_item(const std::string& label, const std::string& window = "");

// Publishes the label of the last item for widgets whose label ImGui does not report
// (table headers).
void label_last_item(const char* label, const char* role = "header");
// Marks the last item (a row's selectable) as a table row with the text of its cells, for the
// screen-reader grid.
void describe_last_item_as_row(std::vector<std::string> cells);

// Draws text and publishes it as an item, for text that tests and screen readers must see.
void published_text(const char* text);

// True when the frame just drawn hid a window to measure it (a combo list or popup opening, a
// new window): ImGui shows it only on the next frame, so a platform that sleeps when idle must
// draw one more.
bool layout_settling();

}  // namespace fc::ui
