// Our Dear ImGui renderer for WebGL2, in place of imgui_impl_opengl3.
//
// Why not the stock backend: it is written to live inside someone else's GL engine, so every
// frame it reads back ~25 pieces of GL state (each glGet* a call into JavaScript), creates and
// deletes a vertex array, re-specifies the attributes, uploads each draw list separately with
// two bufferData calls, rebinds the texture before every draw, and restores all of it at the
// end. The canvas is ours alone, so here the state is set once per frame, all lists go up in
// one vertex and one index upload, and a draw is a scissor and a glDrawElements. On
// SwiftShader (no GPU) the pixels cost too: opaque rectangles at the start of a command (pane
// backgrounds) are a scissored clear instead of shaded triangles, the largest-covering colour
// is the frame's first clear (free: the render pass's load operation) instead of one per pane,
// opaque plain-colour fills skip the texture fetch, and a frame identical to the one shown is
// not drawn at all. The output is pixel-identical to imgui_impl_opengl3's
// (tests/browser/compare_builds.mjs compares two builds; tests/browser/render.test.mjs checks
// pane colours, row stripes and glyphs).
#pragma once
#include <GLES3/gl3.h>
#include <imgui.h>
#include <cstdint>

namespace fc::web {

// A rectangle of framebuffer pixels as glScissor takes it (rows counted from the bottom).
struct Scissor {
    int x, y, w, h;
    bool operator==(const Scissor& o) const { return x == o.x && y == o.y && w == o.w && h == o.h; }
};

// One step of a planned frame: a clear of a rectangle, a draw of an index range, or a draw
// list's callback.
struct Op {
    enum Kind { Clear, Draw, Callback } kind;
    Scissor rect = {};               // Clear: the pixels; Draw: the scissor
    ImU32 colour = 0;                // Clear
    bool fresh = false;              // Clear: nothing earlier in the frame touched its pixels
    unsigned first = 0, count = 0;   // Draw: a range of GlRenderer::indices
    ImTextureID texture = 0;         // Draw
    const ImDrawList* list = nullptr;  // Callback
    const ImDrawCmd* cmd = nullptr;    // Callback
};

// The GL objects the renderer owns, and the sizes of its growing buffers.
struct GlRenderer {
    GLuint program = 0;
    GLint proj_mtx = -1;   // uniform mat4: ImGui's display rectangle to clip space
    GLint white_uv = -1;   // uniform vec2: io.Fonts->TexUvWhitePixel, marks plain-colour vertices
    GLuint vao = 0, vertex_buffer = 0, index_buffer = 0;
    GLsizeiptr vertex_capacity = 0, index_capacity = 0;  // bytes allocated in the buffers
    GLuint font_texture = 0;
    ImVector<ImDrawVert> vertices;  // every list's vertices, one after another
    ImVector<std::uint32_t> indices;  // rebased onto `vertices` (WebGL2 has no base-vertex draw)
    ImVector<Op> ops;            // the frame's plan (members, so their memory is reused)
    ImVector<Scissor> touched;   // while planning: what the frame drew or cleared so far
    std::uint64_t drawn_hash = 0;  // what the canvas shows (gl_renderer_draw's frame hash)
    bool drawn_valid = false;
};

// Compiles the shader and creates the buffers; sets ImGui's renderer name and flags. Returns
// false (with the reason on stderr) when the shader does not compile or link.
bool gl_renderer_init(GlRenderer& r);

// (Re)uploads the font atlas and gives ImGui its texture id. Call after building the fonts,
// and again whenever they are rebuilt (a pixel ratio change rasterises them anew).
void gl_renderer_upload_fonts(GlRenderer& r);

// Draws a frame: the framebuffer (io.DisplaySize device pixels) in `clear` (RGBA, 0..1) with
// `data` drawn over it. Draws nothing when that is what the canvas already shows.
void gl_renderer_draw(GlRenderer& r, const ImDrawData* data, const float clear[4]);

// The canvas no longer shows the last frame drawn (resized: its pixels are cleared), so the
// next gl_renderer_draw draws even an identical frame.
void gl_renderer_forget_frame(GlRenderer& r);

// Deletes the GL objects (the context is about to go).
void gl_renderer_shutdown(GlRenderer& r);

}  // namespace fc::web
