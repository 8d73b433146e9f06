#include "theme.h"
#include <cstring>

namespace fc::ui {

namespace {
ImVec4 with_alpha(ImU32 c, float a) {
    ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
    v.w = a;
    return v;
}
}  // namespace

void apply_style(float scale, const Theme& theme) {
    ImGuiStyle style;
    if (theme.dark) ImGui::StyleColorsDark(&style);
    else ImGui::StyleColorsLight(&style);
    style.WindowRounding = 0;
    style.FrameRounding = 4;
    style.WindowBorderSize = 0;
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(8, 6);
    style.CellPadding = ImVec2(8, 4);
    style.ScrollbarSize = 14;
    if (!theme.dark) {
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 1);
        style.Colors[ImGuiCol_TableHeaderBg] = ImVec4(0.92f, 0.93f, 0.95f, 1);
    }
    style.Colors[ImGuiCol_Header] = with_alpha(theme.accent, 0.30f);
    style.Colors[ImGuiCol_HeaderHovered] = with_alpha(theme.accent, 0.18f);
    style.Colors[ImGuiCol_HeaderActive] = with_alpha(theme.accent, 0.40f);
    style.Colors[ImGuiCol_CheckMark] = with_alpha(theme.accent, 1);
    style.Colors[ImGuiCol_Button] = with_alpha(theme.accent, 0.15f);
    style.Colors[ImGuiCol_ButtonHovered] = with_alpha(theme.accent, 0.30f);
    style.Colors[ImGuiCol_ButtonActive] = with_alpha(theme.accent, 0.45f);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

bool load_ui_font(const void* ttf, size_t size, float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    if (!ttf || size == 0) {
        ImFontConfig cfg;
        cfg.SizePixels = 13.0f * scale;
        io.Fonts->AddFontDefault(&cfg);
        return io.Fonts->Build();
    }
    // Latin with its extensions (Müller, Łukasz, Đorđević), Greek, Cyrillic, punctuation,
    // currency and arrows. CJK needs a font of its own (not bundled: see README).
    static const ImWchar ranges[] = {0x0020, 0x024F, 0x0300, 0x036F, 0x0370, 0x03FF,
                                     0x0400, 0x052F, 0x1E00, 0x1EFF, 0x2000, 0x206F,
                                     0x20A0, 0x20CF, 0x2100, 0x214F, 0x2190, 0x21FF,
                                     0x2200, 0x22FF, 0x25A0, 0x25FF, 0};
    void* copy = IM_ALLOC(size);
    std::memcpy(copy, ttf, size);
    ImFontConfig cfg;
    cfg.OversampleH = 1;  // already rasterised at device pixels: no need to oversample
    cfg.OversampleV = 1;
    ImFont* font = io.Fonts->AddFontFromMemoryTTF(copy, int(size), kBaseFontPx * scale, &cfg,
                                                  ranges);
    return font != nullptr && io.Fonts->Build();
}

}  // namespace fc::ui
