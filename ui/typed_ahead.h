// Characters typed while the keyboard focus moves into a text field.
#pragma once
#include <imgui.h>

namespace fc::ui {

// What was typed in this frame, taken before anything is drawn.
struct TypedThisFrame {
    ImVector<ImWchar> chars;
    ImGuiID active_before = 0;  // the item being edited or pressed as the frame began
};

// Call right after ImGui::NewFrame().
TypedThisFrame note_typed_this_frame();

// Call at the end of the frame's drawing, before ImGui::Render(). A field given the focus by
// code (SetKeyboardFocusHere: a quick log opening) or by Tab becomes active a frame or two
// later, and ImGui drops the characters of the frame it becomes active in (so that the key
// that moved the focus is not typed). A person typing straight on would lose their first
// letters: this hands them to the next frame, where the field takes them.
void keep_text_typed_before_focus(const TypedThisFrame& typed);

}  // namespace fc::ui
