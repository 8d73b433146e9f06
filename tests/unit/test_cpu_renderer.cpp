// The CPU renderer (ui/cpu_renderer.h): shapes ImGui draws land on the pixels whose centres
// they cover, translucent ones blend once, clip rectangles clip, text leaves ink inside its
// box only, a frame identical to the one drawn is not drawn again, and a changed one only
// where its changed draw lists are.
#include <doctest/doctest.h>
#include <imgui.h>
#include <cstdint>
#include <functional>
#include "cpu_renderer.h"

using fc::ui::CpuRenderer;

namespace {

const float kWhite[4] = {1, 1, 1, 1};

// A 64x48 frame whose background draw list gets `draw`'s shapes, rasterised by `r`.
struct Frame {
    ImGuiContext* ctx;
    CpuRenderer r;
    explicit Frame(bool anti_aliased = true) {
        ctx = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(64, 48);
        io.IniFilename = nullptr;
        ImGui::GetStyle().AntiAliasedFill = anti_aliased;
        fc::ui::cpu_renderer_upload_fonts(r);
    }
    ~Frame() { ImGui::DestroyContext(ctx); }
    // `shapes` go on the background draw list, `over` (if any) on the foreground one: two
    // draw lists, as two windows would be.
    bool draw(const std::function<void(ImDrawList*)>& shapes,
              const std::function<void(ImDrawList*)>& over = nullptr) {
        ImGui::GetIO().DeltaTime = 1.0f / 60;
        ImGui::NewFrame();
        shapes(ImGui::GetBackgroundDrawList());
        if (over) over(ImGui::GetForegroundDrawList());
        ImGui::Render();
        return fc::ui::cpu_renderer_draw(r, ImGui::GetDrawData(), kWhite);
    }
    std::uint32_t at(int x, int y) const { return r.pixels[size_t(y) * r.width + x]; }
};

constexpr std::uint32_t kWhitePixel = 0xFFFFFFFFu;
std::uint32_t red(std::uint32_t p) { return p & 0xFF; }
std::uint32_t green(std::uint32_t p) { return (p >> 8) & 0xFF; }
std::uint32_t blue(std::uint32_t p) { return (p >> 16) & 0xFF; }

}  // namespace

TEST_CASE("an opaque rectangle covers exactly the pixels whose centres it covers") {
    Frame f;
    REQUIRE(f.draw([](ImDrawList* d) { d->AddRectFilled({10, 5}, {20.4f, 15.6f}, IM_COL32(0, 0, 255, 255)); }));
    REQUIRE(f.r.width == 64);
    REQUIRE(f.r.height == 48);
    CHECK(f.at(10, 5) == 0xFFFF0000u);   // blue, opaque (bytes R G B A)
    CHECK(f.at(19, 15) == 0xFFFF0000u);  // centre (19.5, 15.5) is inside [10, 20.4) x [5, 15.6)
    CHECK(f.at(20, 10) == kWhitePixel);  // centre 20.5 is past 20.4
    CHECK(f.at(9, 10) == kWhitePixel);
    CHECK(f.at(15, 4) == kWhitePixel);
    CHECK(f.at(15, 16) == kWhitePixel);
}

TEST_CASE("a translucent shape blends over what is under it, once, even across its two triangles") {
    Frame f(false);  // no anti-aliased fringe: every covered pixel has the same alpha
    REQUIRE(f.draw([](ImDrawList* d) {
        // A quad that is not axis-aligned: two triangles sharing a diagonal, drawn generically.
        d->AddQuadFilled({8, 4}, {40, 8}, {44, 40}, {4, 36}, IM_COL32(255, 0, 0, 128));
    }));
    int covered = 0;
    for (int y = 0; y < 48; ++y) {
        for (int x = 0; x < 64; ++x) {
            std::uint32_t p = f.at(x, y);
            if (p == kWhitePixel) continue;
            ++covered;
            // Red at 128/255 over white: R stays 255, G and B fall to 127. Blended twice (a
            // pixel on the shared diagonal drawn by both triangles) they would be 63.
            CHECK(red(p) == 255);
            CHECK(green(p) == 127);
            CHECK(blue(p) == 127);
        }
    }
    CHECK(covered > 900);   // the quad's area is ~1150 pixels
    CHECK(covered < 1400);
    CHECK(f.at(24, 20) != kWhitePixel);  // inside
    CHECK(f.at(2, 2) == kWhitePixel);    // outside
}

TEST_CASE("a clip rectangle keeps a shape inside it") {
    Frame f;
    REQUIRE(f.draw([](ImDrawList* d) {
        d->PushClipRect({16, 16}, {32, 24});
        d->AddRectFilled({0, 0}, {64, 48}, IM_COL32(0, 128, 0, 255));
        d->PopClipRect();
    }));
    CHECK(f.at(16, 16) == IM_COL32(0, 128, 0, 255));
    CHECK(f.at(31, 23) == IM_COL32(0, 128, 0, 255));
    CHECK(f.at(32, 20) == kWhitePixel);
    CHECK(f.at(20, 24) == kWhitePixel);
    CHECK(f.at(15, 15) == kWhitePixel);
}

TEST_CASE("a rounded rectangle leaves its corners and keeps its middle, with soft edges") {
    Frame f;
    REQUIRE(f.draw([](ImDrawList* d) { d->AddRectFilled({8, 8}, {56, 40}, IM_COL32(0, 0, 0, 255), 10); }));
    CHECK(f.at(32, 24) == IM_COL32(0, 0, 0, 255));
    CHECK(f.at(8, 8) == kWhitePixel);     // the corner is cut
    CHECK(f.at(55, 39) == kWhitePixel);
    CHECK(f.at(32, 8) == IM_COL32(0, 0, 0, 255));  // the straight edge is solid
    // Along the curve the anti-aliased fringe gives greys between black and white.
    int greys = 0;
    for (int y = 8; y < 18; ++y)
        for (int x = 8; x < 18; ++x) greys += red(f.at(x, y)) > 0 && red(f.at(x, y)) < 255;
    CHECK(greys >= 5);
}

TEST_CASE("text leaves ink in its colour inside its box and nowhere else") {
    Frame f;
    const char* text = "Müller Đorđević";
    REQUIRE(f.draw([&](ImDrawList* d) { d->AddText({2, 20}, IM_COL32(0, 0, 0, 255), text); }));
    const ImVec2 size = ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize(), 1e9f, 0, text);
    int ink = 0, dark = 0;
    for (int y = 0; y < 48; ++y) {
        for (int x = 0; x < 64; ++x) {
            std::uint32_t p = f.at(x, y);
            bool inside = x >= 2 && x < 2 + size.x + 1 && y >= 20 && y < 20 + size.y + 1;
            if (!inside) {
                CHECK(p == kWhitePixel);
                continue;
            }
            CHECK(red(p) == green(p));  // black over white: greys only
            ink += p != kWhitePixel;
            dark += red(p) < 64;
        }
    }
    CHECK(ink > 40);
    CHECK(dark > 10);  // glyph stems are solid, not only blurred
}

TEST_CASE("a frame identical to the one drawn is not drawn again; a changed or forgotten one is") {
    Frame f;
    auto square = [](ImU32 c) { return [c](ImDrawList* d) { d->AddRectFilled({4, 4}, {12, 12}, c); }; };
    CHECK(f.draw(square(IM_COL32(255, 0, 0, 255))));
    CHECK_FALSE(f.draw(square(IM_COL32(255, 0, 0, 255))));
    CHECK(f.draw(square(IM_COL32(0, 255, 0, 255))));
    CHECK(f.at(5, 5) == IM_COL32(0, 255, 0, 255));
    fc::ui::cpu_renderer_forget_frame(f.r);
    CHECK(f.draw(square(IM_COL32(0, 255, 0, 255))));
}

TEST_CASE("only the draw list that changed is drawn again, where it was and where it is") {
    Frame f;
    const ImU32 red = IM_COL32(255, 0, 0, 255), blue = IM_COL32(0, 0, 255, 255);
    auto still = [&](ImDrawList* d) { d->AddRectFilled({2, 2}, {10, 10}, red); };
    auto moving = [&](float x) {
        return [=](ImDrawList* d) { d->AddRectFilled({x, 30}, {x + 8, 38}, blue); };
    };
    REQUIRE(f.draw(still, moving(20)));
    CHECK(f.r.changed.x0 == 0);  // the first frame: everything
    CHECK(f.r.changed.x1 == 64);
    REQUIRE(f.draw(still, moving(40)));
    // The blue square's old and new places (and a pixel of margin), not the red one's.
    CHECK(f.r.changed.x0 >= 18);
    CHECK(f.r.changed.x0 <= 20);
    CHECK(f.r.changed.x1 >= 48);
    CHECK(f.r.changed.x1 <= 50);
    CHECK(f.r.changed.y0 >= 28);
    CHECK(f.r.changed.y1 <= 40);
    CHECK(f.at(5, 5) == red);
    CHECK(f.at(24, 34) == kWhitePixel);  // where it was: the background again
    CHECK(f.at(44, 34) == blue);
    // The red square over a changed list's place is drawn again there, in order.
    REQUIRE(f.draw([&](ImDrawList* d) { d->AddRectFilled({40, 28}, {50, 40}, red); }, moving(40)));
    CHECK(f.at(44, 34) == blue);  // the foreground list is still drawn over the background one
    CHECK(f.at(49, 29) == red);
}
