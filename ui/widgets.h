// Small pieces every screen uses, so spacing, colours and wording stay the same everywhere.
#pragma once
#include <imgui.h>
#include <string>
#include "records.h"

namespace fc::ui {

// The standard pane: fills its rectangle, no title bar, no moving or resizing.
constexpr ImGuiWindowFlags kPaneFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                        ImGuiWindowFlags_NoCollapse |
                                        ImGuiWindowFlags_NoBringToFrontOnFocus |
                                        ImGuiWindowFlags_NoTitleBar;

// A screen's title line (published, so tests and the accessibility mirror see it).
void screen_title(const char* title, const char* subtitle = nullptr);
// What an empty screen or list will show and what to do about it.
void empty_state(const char* what, const char* todo);
// A rejected field's message, in red, right under the field.
void field_error_text(const char* message);
// A coloured label such as "Do not contact" or "Overdue".
void badge(const char* text, ImU32 color);
// A contact's name (published for tests and screen readers), role, and a do-not-contact badge.
void contact_heading(const Contact& c);
// Width of `n` average characters in the current font.
float chars(float n);

}  // namespace fc::ui
