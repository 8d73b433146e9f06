#include "typed_ahead.h"
#include <imgui_internal.h>

namespace fc::ui {

TypedThisFrame note_typed_this_frame() {
    const ImGuiContext& g = *GImGui;
    return TypedThisFrame{g.IO.InputQueueCharacters, g.ActiveId};
}

void keep_text_typed_before_focus(const TypedThisFrame& typed) {
    ImGuiContext& g = *GImGui;
    // The frame in which a field became active through focus moved by code or by Tab
    // (ImGuiActivateFlags_FromTabbing): InputTextEx ignored this frame's characters then.
    // Space or Enter on a highlighted field activate it without that flag: their
    // characters stay dropped, as ImGui means them to be. With another field active as the
    // frame began, that field took them.
    const bool focused_this_frame = typed.active_before == 0 && g.ActiveId != 0 &&
                                    g.ActiveIdIsJustActivated && g.NavActivateId == g.ActiveId &&
                                    (g.NavActivateFlags & ImGuiActivateFlags_FromTabbing) &&
                                    g.InputTextState.ID == g.ActiveId;
    if (!focused_this_frame) return;
    // Ahead of anything still queued, in the order typed.
    for (int i = 0; i < typed.chars.Size; ++i) {
        ImGuiInputEvent e;
        e.Type = ImGuiInputEventType_Text;
        e.Source = ImGuiInputSource_Keyboard;
        e.EventId = g.InputEventsNextEventId++;
        e.Text.Char = typed.chars[i];
        g.InputEventsQueue.insert(g.InputEventsQueue.begin() + i, e);
    }
}

}  // namespace fc::ui
