#include "key_map.h"
#include <cstring>

namespace fc::web {

ImGuiKey imgui_key_from_dom_code(const char* code) {
    struct Entry {
        const char* code;
        ImGuiKey key;
    };
    static const Entry kTable[] = {
        {"Tab", ImGuiKey_Tab}, {"ArrowLeft", ImGuiKey_LeftArrow},
        {"ArrowRight", ImGuiKey_RightArrow}, {"ArrowUp", ImGuiKey_UpArrow},
        {"ArrowDown", ImGuiKey_DownArrow}, {"PageUp", ImGuiKey_PageUp},
        {"PageDown", ImGuiKey_PageDown}, {"Home", ImGuiKey_Home}, {"End", ImGuiKey_End},
        {"Insert", ImGuiKey_Insert}, {"Delete", ImGuiKey_Delete},
        {"Backspace", ImGuiKey_Backspace}, {"Space", ImGuiKey_Space},
        {"Enter", ImGuiKey_Enter}, {"NumpadEnter", ImGuiKey_KeypadEnter},
        {"Escape", ImGuiKey_Escape}, {"ControlLeft", ImGuiKey_LeftCtrl},
        {"ControlRight", ImGuiKey_RightCtrl}, {"ShiftLeft", ImGuiKey_LeftShift},
        {"ShiftRight", ImGuiKey_RightShift}, {"AltLeft", ImGuiKey_LeftAlt},
        {"AltRight", ImGuiKey_RightAlt}, {"MetaLeft", ImGuiKey_LeftSuper},
        {"MetaRight", ImGuiKey_RightSuper}, {"F2", ImGuiKey_F2}, {"F5", ImGuiKey_F5},
    };
    for (const Entry& e : kTable)
        if (std::strcmp(code, e.code) == 0) return e.key;
    // "KeyA".."KeyZ", "Digit0".."Digit9": shortcuts (Ctrl+A, Ctrl+C...) need these.
    if (std::strncmp(code, "Key", 3) == 0 && code[3] >= 'A' && code[3] <= 'Z' && !code[4])
        return ImGuiKey(ImGuiKey_A + (code[3] - 'A'));
    if (std::strncmp(code, "Digit", 5) == 0 && code[5] >= '0' && code[5] <= '9' && !code[6])
        return ImGuiKey(ImGuiKey_0 + (code[5] - '0'));
    return ImGuiKey_None;
}

}  // namespace fc::web
