// Our Dear ImGui renderer for WebGL2, in place of imgui_impl_opengl3.
//
// Why not the stock backend: it is written to live inside someone else's GL engine, so every
// frame it reads back ~25 pieces of GL state (each glGet* a call into JavaScript), creates and
// deletes a vertex array, re-specifies the attributes, uploads each draw list separately with
// two bufferData calls, rebinds the texture before every draw, and restores all of it at the
// end. The canvas is ours alone, so here the state is set once per frame, all lists go up in
// one vertex and one index upload, and a draw is a scissor and a glDrawElements. On
// SwiftShader (no GPU) the pixels cost too: opaque rectangles at the start of a command (pane
// backgrounds) are a scissored clear instead of shaded triangles, and opaque plain-colour
// fills skip the texture fetch. The output is pixel-identical to imgui_impl_opengl3's
// (tests/browser/compare_builds.mjs compares two builds; tests/browser/render.test.mjs checks
// pane colours, row stripes and glyphs).
#pragma once
#include <GLES3/gl3.h>
#include <imgui.h>
#include <cstdint>

namespace fc::web {

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
};

// Compiles the shader and creates the buffers; sets ImGui's renderer name and flags. Returns
// false (with the reason on stderr) when the shader does not compile or link.
bool gl_renderer_init(GlRenderer& r);

// (Re)uploads the font atlas and gives ImGui its texture id. Call after building the fonts,
// and again whenever they are rebuilt (a pixel ratio change rasterises them anew).
void gl_renderer_upload_fonts(GlRenderer& r);

// Draws a frame: clears the framebuffer (io.DisplaySize device pixels) to `clear` (RGBA, 0..1)
// and draws `data` over it.
void gl_renderer_draw(GlRenderer& r, const ImDrawData* data, const float clear[4]);

// Deletes the GL objects (the context is about to go).
void gl_renderer_shutdown(GlRenderer& r);

}  // namespace fc::web
