// Look and type: the style scaled to the device pixel ratio, a real UI font covering Latin
// Extended, Greek and Cyrillic, and the colours that carry meaning (hot / warm / cold, overdue).
#pragma once
#include <imgui.h>
#include <cstddef>

namespace fc::ui {

struct Theme {
    bool dark = false;
    ImU32 accent = IM_COL32(37, 99, 235, 255);  // selection and active widgets
};

// Sets the style for `scale` (device pixels per CSS pixel) and theme. Call again when either
// changes.
void apply_style(float scale, const Theme& theme = Theme{});
// Rebuilds the font atlas from TTF bytes at `scale` (the bytes are copied). Without bytes
// ImGui's built-in font is used (native headless tests). Returns false if the font is bad.
bool load_ui_font(const void* ttf, size_t size, float scale);

constexpr float kBaseFontPx = 15.0f;

namespace colors {
constexpr ImU32 hot = IM_COL32(214, 69, 65, 255);
constexpr ImU32 warm = IM_COL32(232, 152, 38, 255);
constexpr ImU32 cold = IM_COL32(90, 140, 200, 255);
constexpr ImU32 muted = IM_COL32(110, 116, 128, 255);
constexpr ImU32 ink = IM_COL32(28, 32, 40, 255);        // titles
constexpr ImU32 error = IM_COL32(190, 30, 45, 255);     // rejected input, do not contact
constexpr ImU32 overdue = IM_COL32(200, 40, 40, 255);   // past its due time
constexpr ImU32 ok = IM_COL32(30, 130, 76, 255);        // saved, synced, done
constexpr ImU32 pending = IM_COL32(176, 110, 0, 255);   // waiting (changes not yet synced)
constexpr ImU32 accent = IM_COL32(38, 99, 200, 255);    // the current screen
constexpr ImU32 sidebar = IM_COL32(236, 239, 244, 255);
}  // namespace colors

}  // namespace fc::ui
