// Our WebGL2 renderer for Dear ImGui's draw data (why: see gl_renderer.h).
#include "gl_renderer.h"
#include "frame_hash.h"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <utility>
#include <vector>

namespace fc::web {
namespace {

// The same vertex transform as imgui_impl_opengl3 (the same matrix, multiplied the same way),
// so every vertex lands on the same spot and the pixels stay identical.
//
// Plain-colour fills skip the texture fetch (SwiftShader filters in software: most of a
// fill's cost), but only opaque ones. A fill's vertices carry the atlas's white pixel as UV,
// and sampling it should give exactly 1, yet on SwiftShader it does not quite everywhere: with
// the fetch skipped for every plain vertex, anti-aliased fringes (alpha fading to 0) came out
// one step apart from the stock renderer on a few dozen pixels of the Reports screen at 1x.
// With alpha 1 and one colour per triangle the result is an exact 8-bit colour either way, so
// skipping is safe there. The flag is interpolated, not flat: a fringe triangle (opaque inner
// edge, transparent outer one) gets a flag below 1 inside, and keeps the fetch. (A gradient
// over an opaque triangle could still land on a rounding boundary; our UI draws none.)
const char* kVertexShader = R"(#version 300 es
precision highp float;
layout (location = 0) in vec2 Position;
layout (location = 1) in vec2 UV;
layout (location = 2) in vec4 Color;
uniform mat4 ProjMtx;
uniform vec2 WhiteUv;
out vec2 Frag_UV;
out vec4 Frag_Color;
out highp float Frag_Plain;
void main() {
    Frag_UV = UV;
    Frag_Color = Color;
    Frag_Plain = UV == WhiteUv && Color.a == 1.0 ? 1.0 : 0.0;
    gl_Position = ProjMtx * vec4(Position.xy, 0, 1);
}
)";

const char* kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D Texture;
in vec2 Frag_UV;
in vec4 Frag_Color;
in highp float Frag_Plain;
layout (location = 0) out vec4 Out_Color;
void main() {
    if (Frag_Plain == 1.0) Out_Color = Frag_Color;
    else Out_Color = Frag_Color * texture(Texture, Frag_UV.st);
}
)";

GLuint compile(GLenum kind, const char* source, const char* what) {
    GLuint shader = glCreateShader(kind);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024] = "";
        glGetShaderInfoLog(shader, sizeof log, nullptr, log);
        std::fprintf(stderr, "gl_renderer: the %s shader does not compile: %s\n", what, log);
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

// Grows a buffer bound to `target` to hold `bytes` (doubling, so a frame that needs more does
// not reallocate every frame), then writes the data: one call per buffer per frame.
void upload(GLenum target, GLsizeiptr& capacity, GLsizeiptr bytes, const void* data) {
    if (bytes > capacity) {
        capacity = bytes > capacity * 2 ? bytes : capacity * 2;
        glBufferData(target, capacity, nullptr, GL_STREAM_DRAW);
    }
    glBufferSubData(target, 0, bytes, data);
}

// Pixels whose centres lie inside the span [lo, hi) along one axis: [first, end). False when
// an edge is within 1/8 px of a pixel centre, where the rasteriser's snapping and tie rule
// decide, not the centre test.
bool covered_span(float lo, float hi, int& first, int& end) {
    auto near_centre = [](float v) { return std::fabs(v - std::floor(v) - 0.5f) < 0.125f; };
    if (near_centre(lo) || near_centre(hi)) return false;
    first = int(std::floor(lo + 0.5f));
    end = int(std::floor(hi + 0.5f));
    return true;
}

// Indices that start with an opaque plain-colour axis-aligned rectangle (ImDrawList::
// PrimRect: 4 vertices, indices 0 1 2 0 2 3), such as a pane's background: the pixels its two
// triangles would cover inside the scissor (glScissor coordinates), and its colour. Clearing
// them to that colour writes the same bytes as drawing it: with alpha 1 the blend gives the
// source colour exactly, and an 8-bit colour c/255 converts back to c either way.
bool opaque_rect_at(const ImDrawVert* vtx, const std::uint32_t* idx, unsigned count, ImVec2 white,
                    ImVec2 off, ImVec2 scale, int fb_height, const Scissor& clip, Scissor& out,
                    ImU32& colour) {
    if (count < 6) return false;
    std::uint32_t b = idx[0];
    if (idx[1] != b + 1 || idx[2] != b + 2 || idx[3] != b || idx[4] != b + 2 || idx[5] != b + 3)
        return false;
    const ImDrawVert* v = vtx + b;
    colour = v[0].col;
    if ((colour & IM_COL32_A_MASK) != IM_COL32_A_MASK) return false;
    for (int i = 0; i < 4; ++i)
        if (v[i].col != colour || v[i].uv.x != white.x || v[i].uv.y != white.y) return false;
    if (v[1].pos.x != v[2].pos.x || v[0].pos.x != v[3].pos.x || v[0].pos.y != v[1].pos.y ||
        v[2].pos.y != v[3].pos.y)
        return false;
    float x0 = (v[0].pos.x - off.x) * scale.x, x1 = (v[1].pos.x - off.x) * scale.x;
    float y0 = (v[0].pos.y - off.y) * scale.y, y1 = (v[2].pos.y - off.y) * scale.y;
    if (x0 > x1) std::swap(x0, x1);
    if (y0 > y1) std::swap(y0, y1);
    int px0, px1, py0, py1;  // columns [px0, px1), rows from the top [py0, py1)
    if (!covered_span(x0, x1, px0, px1) || !covered_span(y0, y1, py0, py1)) return false;
    int gy0 = fb_height - py1, gy1 = fb_height - py0;  // GL counts rows from the bottom
    int ax = px0 > clip.x ? px0 : clip.x, bx = px1 < clip.x + clip.w ? px1 : clip.x + clip.w;
    int ay = gy0 > clip.y ? gy0 : clip.y, by = gy1 < clip.y + clip.h ? gy1 : clip.y + clip.h;
    out = {ax, ay, bx > ax ? bx - ax : 0, by > ay ? by - ay : 0};
    return true;
}

bool overlap(const Scissor& a, const Scissor& b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

// Whether the rectangles together cover [0, w) x [0, h): each cell of the grid their edges
// make is tested (a frame has a few dozen rectangles).
bool covers(const ImVector<Scissor>& rects, int w, int h) {
    std::vector<int> xs = {0, w}, ys = {0, h};
    for (const Scissor& s : rects) {
        xs.insert(xs.end(), {s.x, s.x + s.w});
        ys.insert(ys.end(), {s.y, s.y + s.h});
    }
    std::sort(xs.begin(), xs.end());
    std::sort(ys.begin(), ys.end());
    for (size_t i = 0; i + 1 < xs.size(); ++i) {
        if (xs[i] == xs[i + 1] || xs[i + 1] <= 0 || xs[i] >= w) continue;
        for (size_t j = 0; j + 1 < ys.size(); ++j) {
            if (ys[j] == ys[j + 1] || ys[j + 1] <= 0 || ys[j] >= h) continue;
            bool inside = false;
            for (const Scissor& s : rects)
                inside = inside || (s.x <= xs[i] && xs[i + 1] <= s.x + s.w && s.y <= ys[j] &&
                                    ys[j + 1] <= s.y + s.h);
            if (!inside) return false;
        }
    }
    return true;
}

// The frame as clears and draws, in order, into r.ops. A clear is `fresh` when nothing
// earlier in the frame touched its pixels.
void plan_frame(GlRenderer& r, const ImDrawData* data, int fb_width, int fb_height) {
    const ImVec2 off = data->DisplayPos, scale = data->FramebufferScale;
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    const ImTextureID font_texture = ImGui::GetIO().Fonts->TexID;
    const Scissor everything = {0, 0, fb_width, fb_height};
    r.ops.resize(0);
    r.touched.resize(0);
    auto fresh = [&](const Scissor& s) {
        for (const Scissor& t : r.touched)
            if (overlap(s, t)) return false;
        return true;
    };
    unsigned idx_base = 0;
    for (const ImDrawList* list : data->CmdLists) {
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {
                Op op{Op::Callback};
                op.list = list;
                op.cmd = &cmd;
                r.ops.push_back(op);
                r.touched.push_back(everything);  // a callback may draw anywhere
                continue;
            }
            ImVec2 clip_min((cmd.ClipRect.x - off.x) * scale.x, (cmd.ClipRect.y - off.y) * scale.y);
            ImVec2 clip_max((cmd.ClipRect.z - off.x) * scale.x, (cmd.ClipRect.w - off.y) * scale.y);
            if (clip_max.x <= clip_min.x || clip_max.y <= clip_min.y) continue;
            // Truncated as imgui_impl_opengl3 does, so what is clipped stays the same.
            Scissor clip = {int(clip_min.x), int(float(fb_height) - clip_max.y),
                            int(clip_max.x - clip_min.x), int(clip_max.y - clip_min.y)};
            // Opaque rectangles at the start of the command (pane backgrounds): cleared, not
            // shaded. Draw order is kept: they were first, the rest is drawn after them.
            unsigned first = idx_base + cmd.IdxOffset;
            const unsigned end = first + cmd.ElemCount;
            Op clear{Op::Clear};
            while (cmd.GetTexID() == font_texture &&
                   opaque_rect_at(r.vertices.Data, r.indices.Data + first, end - first, white, off,
                                  scale, fb_height, clip, clear.rect, clear.colour)) {
                if (clear.rect.w > 0 && clear.rect.h > 0) {
                    clear.fresh = fresh(clear.rect);
                    r.ops.push_back(clear);
                    r.touched.push_back(clear.rect);
                }
                first += 6;
            }
            if (first == end) continue;
            Op draw{Op::Draw, clip};
            draw.first = first;
            draw.count = end - first;
            draw.texture = cmd.GetTexID();
            r.ops.push_back(draw);
            r.touched.push_back(clip);
        }
        idx_base += unsigned(list->IdxBuffer.Size);
    }
}

// The colour the frame starts from. A whole-framebuffer clear costs next to nothing on
// SwiftShader (it becomes the render pass's load operation), a scissored one ~2.5 ns a pixel
// (4M pixels at 2x). So when fresh clears cover the framebuffer, it starts in the colour
// they cover most of, and those clears are skipped; else in `clear`, seen where none covers.
ImU32 start_colour(const ImVector<Op>& ops, const float clear[4], int fb_width, int fb_height) {
    ImU32 start = ImGui::ColorConvertFloat4ToU32(ImVec4(clear[0], clear[1], clear[2], clear[3]));
    ImVector<Scissor> cover;
    ImVector<ImU32> colours;
    ImVector<long long> areas;
    for (const Op& op : ops) {
        if (op.kind != Op::Clear || !op.fresh) continue;
        cover.push_back(op.rect);
        const ImU32* found = colours.find(op.colour);
        int i = colours.index_from_ptr(found);
        if (found == colours.end()) {
            colours.push_back(op.colour);
            areas.push_back(0);
        }
        areas[i] += (long long)op.rect.w * op.rect.h;
    }
    if (colours.empty() || !covers(cover, fb_width, fb_height)) return start;
    int best = 0;
    for (int i = 1; i < colours.Size; ++i)
        if (areas[i] > areas[best]) best = i;
    return colours[best];
}

void clear_to(ImU32 c) {
    glClearColor(float(c & 0xFF) / 255.0f, float((c >> 8) & 0xFF) / 255.0f,
                 float((c >> 16) & 0xFF) / 255.0f, float(c >> 24) / 255.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

void set_frame_state(GlRenderer& r, const ImDrawData* data, int fb_width, int fb_height) {
    glViewport(0, 0, fb_width, fb_height);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    float L = data->DisplayPos.x, R = data->DisplayPos.x + data->DisplaySize.x;
    float T = data->DisplayPos.y, B = data->DisplayPos.y + data->DisplaySize.y;
    const float ortho[4][4] = {
        {2.0f / (R - L), 0.0f, 0.0f, 0.0f},
        {0.0f, 2.0f / (T - B), 0.0f, 0.0f},
        {0.0f, 0.0f, -1.0f, 0.0f},
        {(R + L) / (L - R), (T + B) / (B - T), 0.0f, 1.0f},
    };
    glUseProgram(r.program);
    glUniformMatrix4fv(r.proj_mtx, 1, GL_FALSE, &ortho[0][0]);
    glBindVertexArray(r.vao);  // holds the attribute layout and the index buffer
    glActiveTexture(GL_TEXTURE0);
}

}  // namespace

bool gl_renderer_init(GlRenderer& r) {
    GLuint vs = compile(GL_VERTEX_SHADER, kVertexShader, "vertex");
    GLuint fs = compile(GL_FRAGMENT_SHADER, kFragmentShader, "fragment");
    if (!vs || !fs) return false;
    r.program = glCreateProgram();
    glAttachShader(r.program, vs);
    glAttachShader(r.program, fs);
    glLinkProgram(r.program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(r.program, GL_LINK_STATUS, &ok);
    if (!ok) {
        std::fprintf(stderr, "gl_renderer: the shader program does not link\n");
        return false;
    }
    r.proj_mtx = glGetUniformLocation(r.program, "ProjMtx");
    r.white_uv = glGetUniformLocation(r.program, "WhiteUv");
    glUseProgram(r.program);
    glUniform1i(glGetUniformLocation(r.program, "Texture"), 0);

    // The vertex layout is ImDrawVert's, recorded once in the vertex array object.
    glGenVertexArrays(1, &r.vao);
    glGenBuffers(1, &r.vertex_buffer);
    glGenBuffers(1, &r.index_buffer);
    glBindVertexArray(r.vao);
    glBindBuffer(GL_ARRAY_BUFFER, r.vertex_buffer);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.index_buffer);
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                          (const void*)offsetof(ImDrawVert, pos));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                          (const void*)offsetof(ImDrawVert, uv));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert),
                          (const void*)offsetof(ImDrawVert, col));
    glBindVertexArray(0);

    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "forecourt_webgl2";
    // Indices are rebased to 32 bits on upload, so a list may pass 64k vertices.
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    return true;
}

void gl_renderer_upload_fonts(GlRenderer& r) {
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    // RGBA as imgui_impl_opengl3 uploads it: the same texels, so the same filtered glyphs.
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    if (!r.font_texture) glGenTextures(1, &r.font_texture);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, r.font_texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    io.Fonts->SetTexID((ImTextureID)(intptr_t)r.font_texture);
    gl_renderer_forget_frame(r);  // the same vertices now sample other texels
}

void gl_renderer_draw(GlRenderer& r, const ImDrawData* data, const float clear[4]) {
    const ImVec2 scale = data->FramebufferScale;
    const int fb_width = int(data->DisplaySize.x * scale.x);
    const int fb_height = int(data->DisplaySize.y * scale.y);
    if (fb_width <= 0 || fb_height <= 0) return;
    // The same pixels as the canvas shows: drawing them again would only cost (in software
    // WebGL, a readback of the whole canvas for the compositor too).
    const std::uint64_t hash = ui::frame_hash(data, clear);
    if (r.drawn_valid && hash == r.drawn_hash) return;
    r.drawn_hash = hash;
    r.drawn_valid = true;

    // All lists into one vertex and one index array; indices rebased onto the joined vertices.
    r.vertices.resize(data->TotalVtxCount);
    r.indices.resize(data->TotalIdxCount);
    unsigned vtx_base = 0, idx_base = 0;
    for (const ImDrawList* list : data->CmdLists) {
        std::memcpy(r.vertices.Data + vtx_base, list->VtxBuffer.Data,
                    size_t(list->VtxBuffer.Size) * sizeof(ImDrawVert));
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            const ImDrawIdx* src = list->IdxBuffer.Data + cmd.IdxOffset;
            std::uint32_t* dst = r.indices.Data + idx_base + cmd.IdxOffset;
            const std::uint32_t base = vtx_base + cmd.VtxOffset;
            for (unsigned i = 0; i < cmd.ElemCount; ++i) dst[i] = src[i] + base;
        }
        vtx_base += unsigned(list->VtxBuffer.Size);
        idx_base += unsigned(list->IdxBuffer.Size);
    }
    plan_frame(r, data, fb_width, fb_height);
    const ImU32 start = start_colour(r.ops, clear, fb_width, fb_height);

    set_frame_state(r, data, fb_width, fb_height);
    glDisable(GL_SCISSOR_TEST);
    clear_to(start);
    if (r.ops.empty()) return;
    glBindBuffer(GL_ARRAY_BUFFER, r.vertex_buffer);
    upload(GL_ARRAY_BUFFER, r.vertex_capacity, GLsizeiptr(vtx_base) * sizeof(ImDrawVert),
           r.vertices.Data);
    upload(GL_ELEMENT_ARRAY_BUFFER, r.index_capacity, GLsizeiptr(idx_base) * sizeof(std::uint32_t),
           r.indices.Data);

    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    glEnable(GL_SCISSOR_TEST);
    ImTextureID bound = (ImTextureID)-1;  // nothing yet: the first draw binds
    Scissor scissor = {-1, -1, -1, -1};
    auto set_scissor = [&](const Scissor& s) {
        if (!(s == scissor)) glScissor(s.x, s.y, s.w, s.h);
        scissor = s;
    };
    for (const Op& op : r.ops) {
        switch (op.kind) {
        case Op::Callback:
            if (op.cmd->UserCallback == ImDrawCallback_ResetRenderState) {
                set_frame_state(r, data, fb_width, fb_height);
                bound = (ImTextureID)-1;
                scissor = {-1, -1, -1, -1};
            } else {
                op.cmd->UserCallback(op.list, op.cmd);
            }
            break;
        case Op::Clear:
            if (op.fresh && op.colour == start) break;  // the frame started in this colour
            set_scissor(op.rect);
            clear_to(op.colour);
            break;
        case Op::Draw:
            if (op.texture != bound) {
                bound = op.texture;
                glBindTexture(GL_TEXTURE_2D, (GLuint)(intptr_t)bound);
                // The white pixel is the font atlas's: in another texture no UV is special.
                bool font = bound == ImGui::GetIO().Fonts->TexID;
                glUniform2f(r.white_uv, font ? white.x : -1.0f, font ? white.y : -1.0f);
            }
            set_scissor(op.rect);
            glDrawElements(GL_TRIANGLES, GLsizei(op.count), GL_UNSIGNED_INT,
                           (const void*)(intptr_t)(op.first * sizeof(std::uint32_t)));
            break;
        }
    }
    glDisable(GL_SCISSOR_TEST);
}

void gl_renderer_forget_frame(GlRenderer& r) { r.drawn_valid = false; }

void gl_renderer_shutdown(GlRenderer& r) {
    if (r.font_texture) glDeleteTextures(1, &r.font_texture);
    if (r.vertex_buffer) glDeleteBuffers(1, &r.vertex_buffer);
    if (r.index_buffer) glDeleteBuffers(1, &r.index_buffer);
    if (r.vao) glDeleteVertexArrays(1, &r.vao);
    if (r.program) glDeleteProgram(r.program);
    if (ImGui::GetCurrentContext()) {
        ImGuiIO& io = ImGui::GetIO();
        io.Fonts->SetTexID(0);
        io.BackendRendererName = nullptr;
        io.BackendFlags &= ~ImGuiBackendFlags_RendererHasVtxOffset;
    }
    r = GlRenderer{};
}

}  // namespace fc::web
