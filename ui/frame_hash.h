// A hash of what a frame would draw (ImGui's draw data and the colour under it), so a renderer
// can tell a frame identical to the one on screen and not draw it again.
#pragma once
#include <imgui.h>
#include <cstdint>

namespace fc::ui {

std::uint64_t frame_hash(const ImDrawData* data, const float clear[4]);

// What a frame is drawn on: its size, position, scale and the colour under it.
std::uint64_t frame_setup_hash(const ImDrawData* data, const float clear[4]);

// The same for one draw list (a window's part of the frame): its commands, vertices, indices.
std::uint64_t draw_list_hash(const ImDrawList* list);

}  // namespace fc::ui
