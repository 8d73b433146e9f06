// Runs the real UI headless: an ImGui context with no renderer, frames driven by the test,
// and clicks aimed at items found by label through the item registry.
#pragma once
#include <imgui.h>
#include <string>
#include "app.h"
#include "item_registry.h"
#include "theme.h"

namespace fc::test {

struct UiHarness {
    ImGuiContext* ctx;
    ui::AppState& app;

    UiHarness(ui::AppState& a, ImVec2 size = ImVec2(1280, 800)) : app(a) {
        ctx = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = size;
        io.IniFilename = nullptr;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // as in the browser (wasm/main.cpp)
        ui::apply_style(1.0f);
        ui::load_ui_font(nullptr, 0, 1.0f);
        unsigned char* pixels;
        int w, h;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~UiHarness() { ImGui::DestroyContext(ctx); }

    void frame() {
        ImGui::GetIO().DeltaTime = 1.0f / 60;
        ImGui::NewFrame();
        ui::begin_item_capture();
        ui::draw_app(app);
        ImGui::Render();
        ui::end_item_capture();
    }
    // Moves the mouse to the centre of the item with this label and clicks, like a person.
    // A window's or tab bar's first frame lays items out with no size yet (nothing to see, so
    // nothing a person could click): wait a few frames for the item to get its place.
    bool click(const std::string& label, const std::string& window = "") {
        const ui::DrawnItem* item = nullptr;
        for (int tries = 0; tries < 4; ++tries) {
            frame();
            item = ui::find_item(label, window);
            if (item && item->max.x > item->min.x && item->max.y > item->min.y) break;
        }
        if (!item) return false;
        ImVec2 at((item->min.x + item->max.x) / 2, (item->min.y + item->max.y) / 2);
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent(at.x, at.y);
        frame();
        io.AddMouseButtonEvent(0, true);
        frame();
        io.AddMouseButtonEvent(0, false);
        frame();
        frame();
        return true;
    }
    bool shows(const std::string& label, const std::string& window = "") {
        return ui::find_item(label, window) != nullptr;
    }
    const ui::DrawnItem* item(const std::string& label, const std::string& window = "") {
        return ui::find_item(label, window);
    }
    // Types text into the focused field, one frame per character like a person typing.
    void type(const std::string& utf8) {
        size_t i = 0;
        while (i < utf8.size()) {
            unsigned char b = static_cast<unsigned char>(utf8[i]);
            size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : 4;
            ImGui::GetIO().AddInputCharactersUTF8(utf8.substr(i, len).c_str());
            frame();
            i += len;
        }
        frame();
    }
    // Presses and releases a key (with modifiers held), each in its own frame.
    void press(ImGuiKey key, ImGuiKeyChord mods = 0) {
        ImGuiIO& io = ImGui::GetIO();
        if (mods & ImGuiMod_Ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, true);
        if (mods & ImGuiMod_Shift) io.AddKeyEvent(ImGuiMod_Shift, true);
        io.AddKeyEvent(key, true);
        frame();
        io.AddKeyEvent(key, false);
        if (mods & ImGuiMod_Ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, false);
        if (mods & ImGuiMod_Shift) io.AddKeyEvent(ImGuiMod_Shift, false);
        frame();
    }
    // Clicks the item and types into it (a text field).
    bool click_and_type(const std::string& label, const std::string& text,
                        const std::string& window = "") {
        if (!click(label, window)) return false;
        type(text);
        return true;
    }
};

}  // namespace fc::test
