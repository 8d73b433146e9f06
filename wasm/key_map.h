// DOM KeyboardEvent.code (the physical key) to ImGuiKey.
#pragma once
#include <imgui.h>

namespace fc::web {

ImGuiKey imgui_key_from_dom_code(const char* code);

}  // namespace fc::web
