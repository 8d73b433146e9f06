// Dear ImGui's draw data rasterised on the CPU into RGBA pixels, for a browser whose WebGL has
// no GPU under it (SwiftShader, llvmpipe). There a WebGL frame is shaded on the CPU anyway, and
// then the whole canvas is read back for the software compositor, 16 MB at 2x: every changed
// frame costs two frame periods or more, whatever the app draws (README, "Frame rate floor").
// A 2D canvas fed with putImageData has no readback, so the app draws into these pixels and
// the page puts them on a 2D canvas (wasm/main.cpp). Where WebGL2 has a GPU, the app uses its
// WebGL2 renderer (wasm/gl_renderer.h); web/forecourt.js chooses.
//
// What ImGui draws is mostly axis-aligned rectangles of one colour (fills) or one texture
// mapping (glyphs): those are filled or blitted directly. Everything else (anti-aliased
// fringes, rounded corners, check marks, lines) goes through a triangle rasteriser with the
// GPU's conventions: pixel centres sampled, a tie rule so two triangles sharing an edge do
// not both draw it, colours and texture coordinates interpolated, the font atlas filtered
// bilinearly, "source alpha, one minus source alpha" blending. It draws what the WebGL2
// renderer draws to within a step or two of 8-bit rounding (tests/browser/render.test.mjs).
// No Emscripten and no GL here: it runs natively too (tests/unit/test_cpu_renderer.cpp).
#pragma once
#include <imgui.h>
#include <cstdint>
#include <vector>

namespace fc::ui {

// A rectangle of framebuffer pixels: columns [x0, x1), rows [y0, y1), counted from the top.
struct PixelRect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

struct CpuRenderer {
    int width = 0, height = 0;          // framebuffer pixels
    std::vector<std::uint32_t> pixels;  // width x height, rows from the top, bytes R G B A
                                        // (ImageData's layout), alpha always 255
    PixelRect changed;                  // the pixels the last cpu_renderer_draw drew
    int atlas_width = 0, atlas_height = 0;
    std::vector<unsigned char> atlas;  // the font atlas's coverage (its colour is white)
    // What the pixels show: the frame's size and colour under it (hashed), and per draw list
    // in order, its hash and the pixels it may touch (its clip rectangles).
    std::uint64_t drawn_frame = 0;
    std::vector<std::uint64_t> drawn_lists;
    std::vector<PixelRect> drawn_bounds;
    bool drawn_valid = false;
};

// Copies the font atlas's pixels and gives ImGui the renderer's texture id. Call after
// building the fonts, and again whenever they are rebuilt.
void cpu_renderer_upload_fonts(CpuRenderer& r);

// Draws a frame into r.pixels (sized to the framebuffer: io.DisplaySize x FramebufferScale):
// `clear` (RGBA, 0..1) with `data` drawn over it. Only what differs from the frame the pixels
// show is drawn: the draw lists (windows) that changed, old and new places, with everything
// over and under them there. r.changed says where. Returns false, touching nothing, when the
// frame is identical to the one shown.
bool cpu_renderer_draw(CpuRenderer& r, const ImDrawData* data, const float clear[4]);

// The pixels no longer show the last frame (the canvas was resized), so the next
// cpu_renderer_draw draws even an identical frame.
void cpu_renderer_forget_frame(CpuRenderer& r);

}  // namespace fc::ui
