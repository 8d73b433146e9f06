#include "widgets.h"
#include "item_registry.h"
#include "labels.h"
#include "theme.h"

namespace fc::ui {

void screen_title(const char* title, const char* subtitle) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors::ink);
    // One font size everywhere: a scaled bitmap font would blur. Titles stand out by colour
    // and the space after them.
    published_text(title);
    ImGui::PopStyleColor();
    if (subtitle) {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::muted);
        published_text(subtitle);
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
}

void empty_state(const char* what, const char* todo) {
    ImGui::Dummy(ImVec2(0, ImGui::GetFontSize()));
    ImGui::Indent(ImGui::GetFontSize());
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + chars(70));
    ImGui::PushStyleColor(ImGuiCol_Text, colors::ink);
    published_text(what);
    ImGui::PopStyleColor();
    ImGui::PushStyleColor(ImGuiCol_Text, colors::muted);
    published_text(todo);
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::Unindent(ImGui::GetFontSize());
}

void field_error_text(const char* message) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors::error);
    ImGui::PushTextWrapPos(0);
    published_text(message);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

void badge(const char* text, ImU32 color) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    published_text(text);
    ImGui::PopStyleColor();
    // A light tint of the same colour behind the text; drawn after it, translucent enough
    // that the text stays crisp.
    float pad = ImGui::GetFontSize() * 0.3f;
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x - pad, a.y - 1), ImVec2(b.x + pad, b.y + 1),
                                              (color & 0x00FFFFFF) | 0x22000000, pad);
}

float chars(float n) { return ImGui::CalcTextSize("abcdefghij").x / 10.0f * n; }

void contact_heading(const Contact& c) {
    published_text(c.name.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s", label_of(c.role));
    if (c.do_not_contact) {
        ImGui::SameLine();
        badge("Do not contact", colors::error);
    }
}

}  // namespace fc::ui
