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
    bool click(const std::string& label, const std::string& window = "") {
        frame();
        const ui::DrawnItem* item = ui::find_item(label, window);
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
};

}  // namespace fc::test
