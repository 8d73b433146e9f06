// The CPU rasteriser for ImGui's draw data (why: see cpu_renderer.h).
#include "cpu_renderer.h"
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>
#include "frame_hash.h"

namespace fc::ui {
namespace {

constexpr std::uint32_t kOpaque = 0xFF000000u;
// The only texture there is: the font atlas (ImGui draws everything else from its white pixel).
const ImTextureID kAtlasId = (ImTextureID)(intptr_t)1;

// `dst` with `src`'s colour blended over it at alpha `a` (0..255): src * a + dst * (1 - a),
// rounded, red and blue in one multiply. The result is opaque.
inline std::uint32_t blend(std::uint32_t dst, std::uint32_t src, std::uint32_t a) {
    const std::uint32_t ia = 255 - a;
    std::uint32_t rb = (src & 0xFF00FF) * a + (dst & 0xFF00FF) * ia + 0x800080;
    rb = ((rb + ((rb >> 8) & 0xFF00FF)) >> 8) & 0xFF00FF;
    std::uint32_t g = (src & 0xFF00) * a + (dst & 0xFF00) * ia + 0x8000;
    g = ((g + ((g >> 8) & 0xFF00)) >> 8) & 0xFF00;
    return rb | g | kOpaque;
}

// Where drawing goes, and the atlas to sample.
struct Target {
    std::uint32_t* pixels;
    int width, height;
    const unsigned char* atlas;
    int atlas_width, atlas_height;
    ImVec2 white;  // the atlas's white pixel: a vertex with this UV is a plain colour
};

// Colour `c` (ImU32, alpha in the top byte) over the pixels [x0, x1) of one row.
void fill_span(std::uint32_t* row, int x0, int x1, ImU32 c) {
    const std::uint32_t a = c >> 24;
    if (a == 0 || x0 >= x1) return;
    if (a == 255) {
        std::fill(row + x0, row + x1, c | kOpaque);
        return;
    }
    for (int x = x0; x < x1; ++x) row[x] = blend(row[x], c, a);
}

// Pixel centres inside [lo, hi) along one axis: [first, end).
void centre_span(float lo, float hi, int& first, int& end) {
    if (lo > hi) std::swap(lo, hi);
    first = int(std::ceil(lo - 0.5f));
    end = int(std::ceil(hi - 0.5f));
}

// A texel coordinate for bilinear filtering: the first of the two texels and the second's
// weight in 1/256ths, clamped to the edge as GL_CLAMP_TO_EDGE does.
struct Tap {
    int i0, i1, w;
};
Tap tap(float t, int size) {
    float f = t * float(size) - 0.5f;
    float fl = std::floor(f);
    int i = int(fl);
    Tap out{i, i + 1, int((f - fl) * 256.0f + 0.5f)};
    out.i0 = std::clamp(out.i0, 0, size - 1);
    out.i1 = std::clamp(out.i1, 0, size - 1);
    return out;
}

// The atlas's coverage at (u, v), bilinearly filtered, 0..255.
inline std::uint32_t sample(const Target& t, const Tap& tx, const Tap& ty) {
    const unsigned char* r0 = t.atlas + ty.i0 * t.atlas_width;
    const unsigned char* r1 = t.atlas + ty.i1 * t.atlas_width;
    std::uint32_t top = std::uint32_t(r0[tx.i0]) * (256 - tx.w) + std::uint32_t(r0[tx.i1]) * tx.w;
    std::uint32_t bottom = std::uint32_t(r1[tx.i0]) * (256 - tx.w) + std::uint32_t(r1[tx.i1]) * tx.w;
    return (top * (256 - ty.w) + bottom * ty.w + 32768) >> 16;
}

// Alpha `a` scaled by coverage `cover` (both 0..255), rounded.
inline std::uint32_t scale_alpha(std::uint32_t a, std::uint32_t cover) {
    const std::uint32_t x = a * cover + 128;
    return (x + (x >> 8)) >> 8;
}

// The atlas's texels from (tx, ty) on, one per pixel, over the w x h pixels from (x0, y0),
// filtered with fixed weights: wx of the next column, wy of the next row (1/256ths).
void draw_glyph(const Target& t, int x0, int y0, int w, int h, int tx, int ty, int wx, int wy,
                ImU32 c) {
    const std::uint32_t ca = c >> 24;
    const std::uint32_t w00 = std::uint32_t((256 - wx) * (256 - wy)), w10 = std::uint32_t(wx * (256 - wy));
    const std::uint32_t w01 = std::uint32_t((256 - wx) * wy), w11 = std::uint32_t(wx * wy);
    for (int y = 0; y < h; ++y) {
        const unsigned char* r0 = t.atlas + size_t(ty + y) * t.atlas_width + tx;
        const unsigned char* r1 = r0 + t.atlas_width;
        std::uint32_t* out = t.pixels + size_t(y0 + y) * t.width + x0;
        for (int x = 0; x < w; ++x) {
            const std::uint32_t sum = r0[x] * w00 + r0[x + 1] * w10 + r1[x] * w01 + r1[x + 1] * w11;
            if (sum == 0) continue;
            const std::uint32_t a = scale_alpha(ca, (sum + 32768) >> 16);
            if (a) out[x] = blend(out[x], c, a);
        }
    }
}

// ImDrawList::PrimRect and PrimRectUV: four vertices (top-left, top-right, bottom-right,
// bottom-left) and indices 0 1 2 0 2 3, axis-aligned in position and in UV, one colour.
bool axis_aligned_quad(const ImDrawVert* v, const ImDrawIdx* idx, unsigned base) {
    if (idx[0] != base || idx[1] != base + 1 || idx[2] != base + 2 || idx[3] != base ||
        idx[4] != base + 2 || idx[5] != base + 3)
        return false;
    const ImDrawVert* q = v + base;
    return q[0].col == q[1].col && q[0].col == q[2].col && q[0].col == q[3].col &&
           q[0].pos.y == q[1].pos.y && q[2].pos.y == q[3].pos.y && q[0].pos.x == q[3].pos.x &&
           q[1].pos.x == q[2].pos.x && q[0].uv.y == q[1].uv.y && q[2].uv.y == q[3].uv.y &&
           q[0].uv.x == q[3].uv.x && q[1].uv.x == q[2].uv.x;
}

// An axis-aligned quad (see axis_aligned_quad): a fill, or the atlas mapped onto it.
void draw_quad(const Target& t, const PixelRect& clip, const ImDrawVert* q, ImVec2 off, ImVec2 scale) {
    const float x0 = (q[0].pos.x - off.x) * scale.x, x1 = (q[1].pos.x - off.x) * scale.x;
    const float y0 = (q[0].pos.y - off.y) * scale.y, y1 = (q[2].pos.y - off.y) * scale.y;
    int cx0, cx1, cy0, cy1;
    centre_span(x0, x1, cx0, cx1);
    centre_span(y0, y1, cy0, cy1);
    cx0 = std::max(cx0, clip.x0);
    cx1 = std::min(cx1, clip.x1);
    cy0 = std::max(cy0, clip.y0);
    cy1 = std::min(cy1, clip.y1);
    if (cx0 >= cx1 || cy0 >= cy1) return;
    const ImU32 c = q[0].col;
    const bool plain = q[0].uv.x == t.white.x && q[0].uv.y == t.white.y && q[2].uv.x == t.white.x &&
                       q[2].uv.y == t.white.y;
    if (plain) {
        for (int y = cy0; y < cy1; ++y) fill_span(t.pixels + size_t(y) * t.width, cx0, cx1, c);
        return;
    }
    // The texel under each column and row (UV is linear in x and in y).
    const float du = (q[1].uv.x - q[0].uv.x) / (x1 - x0), dv = (q[2].uv.y - q[0].uv.y) / (y1 - y0);
    const float u0 = q[0].uv.x + (float(cx0) + 0.5f - x0) * du;
    const float v0 = q[0].uv.y + (float(cy0) + 0.5f - y0) * dv;
    const int w = cx1 - cx0;
    const Tap first = tap(u0, t.atlas_width), last = tap(u0 + float(w - 1) * du, t.atlas_width);
    const Tap top = tap(v0, t.atlas_height), bottom = tap(v0 + float(cy1 - cy0 - 1) * dv, t.atlas_height);
    const bool unit = std::fabs(du * float(t.atlas_width) - 1) < 1e-4f &&
                      std::fabs(dv * float(t.atlas_height) - 1) < 1e-4f;
    if (unit && last.i0 - first.i0 == w - 1 && bottom.i0 - top.i0 == cy1 - cy0 - 1 &&
        last.i0 + 1 < t.atlas_width && bottom.i0 + 1 < t.atlas_height) {
        // A glyph: one texel per pixel, so every pixel's filter weights are the same (a glyph
        // placed at a fractional x blends two texels; usually rows sit on texels).
        draw_glyph(t, cx0, cy0, w, cy1 - cy0, first.i0, top.i0, first.w, top.w, c);
        return;
    }
    static std::vector<Tap> columns;  // reused: no allocation per quad
    columns.resize(size_t(w));
    for (int i = 0; i < w; ++i) columns[i] = tap(u0 + float(i) * du, t.atlas_width);
    for (int y = cy0; y < cy1; ++y) {
        const Tap row = tap(v0 + float(y - cy0) * dv, t.atlas_height);
        std::uint32_t* out = t.pixels + size_t(y) * t.width + cx0;
        for (int i = 0; i < w; ++i) {
            const std::uint32_t a = scale_alpha(c >> 24, sample(t, columns[i], row));
            if (a) out[i] = blend(out[i], c, a);
        }
    }
}

// One vertex in framebuffer pixels, its colour as floats 0..255 and its UV.
struct Corner {
    double x, y;
    float r, g, b, a, u, v;
};

Corner corner(const ImDrawVert& v, ImVec2 off, ImVec2 scale) {
    return {double((v.pos.x - off.x) * scale.x), double((v.pos.y - off.y) * scale.y),
            float(v.col & 0xFF),  float((v.col >> 8) & 0xFF),
            float((v.col >> 16) & 0xFF), float(v.col >> 24), v.uv.x, v.uv.y};
}

// The columns of row centre `py` inside a triangle with corners p (counter-clockwise on screen
// area > 0): [first, end). An edge's own pixels (centre exactly on it) belong to one of the two
// triangles sharing it: to the one its normal points into, by x, then by y.
void triangle_row(const Corner* p, double py, int& first, int& end) {
    double lo = -1e30, hi = 1e30;
    for (int k = 0; k < 3; ++k) {
        const Corner& a = p[(k + 1) % 3];
        const Corner& b = p[(k + 2) % 3];
        // w(px) = (b.x - a.x) * (py - a.y) - (b.y - a.y) * (px - a.x) >= 0 inside
        const double A = -(b.y - a.y), B = (b.x - a.x) * (py - a.y) + (b.y - a.y) * a.x;
        const bool inclusive = A > 0 || (A == 0 && (b.x - a.x) > 0);
        if (A == 0) {
            if (B < 0 || (B == 0 && !inclusive)) { first = end = 0; return; }
            continue;
        }
        const double t = -B / A - 0.5;  // the column index where w crosses 0
        if (A > 0) lo = std::max(lo, inclusive ? std::ceil(t) : std::floor(t) + 1);
        else hi = std::min(hi, inclusive ? std::floor(t) + 1 : std::ceil(t));
    }
    first = int(std::max(lo, -1.0));
    end = int(std::min(hi, 1e9));
}

void draw_triangle(const Target& t, const PixelRect& clip, Corner p[3]) {
    double area = (p[1].x - p[0].x) * (p[2].y - p[0].y) - (p[1].y - p[0].y) * (p[2].x - p[0].x);
    if (area == 0) return;
    if (area < 0) {
        std::swap(p[1], p[2]);
        area = -area;
    }
    const double ymin = std::min({p[0].y, p[1].y, p[2].y}), ymax = std::max({p[0].y, p[1].y, p[2].y});
    const int y0 = std::max(clip.y0, int(std::ceil(ymin - 0.5))),
              y1 = std::min(clip.y1, int(std::ceil(ymax - 0.5)) + 1);
    const bool same_colour = p[0].r == p[1].r && p[0].r == p[2].r && p[0].g == p[1].g &&
                             p[0].g == p[2].g && p[0].b == p[1].b && p[0].b == p[2].b &&
                             p[0].a == p[1].a && p[0].a == p[2].a;
    bool plain = true;
    for (int k = 0; k < 3; ++k) plain = plain && p[k].u == t.white.x && p[k].v == t.white.y;
    // Barycentric weights of p[1] and p[2] along x and y (p[0]'s is the rest).
    const double inv = 1.0 / area;
    const double l1dx = (p[2].y - p[0].y) * inv, l1dy = -(p[2].x - p[0].x) * inv;
    const double l2dx = -(p[1].y - p[0].y) * inv, l2dy = (p[1].x - p[0].x) * inv;
    const ImU32 flat = IM_COL32(int(p[0].r), int(p[0].g), int(p[0].b), int(p[0].a));
    // The colour at barycentric weights (l1, l2) of p[1] and p[2], alpha in the top byte.
    auto shade = [&](double l1, double l2) -> ImU32 {
        const float w1 = float(l1), w2 = float(l2), w0 = 1.0f - w1 - w2;
        auto at = [&](float Corner::*f) { return p[0].*f * w0 + p[1].*f * w1 + p[2].*f * w2; };
        float alpha = same_colour ? p[0].a : at(&Corner::a);
        if (!plain) {
            const std::uint32_t cover =
                sample(t, tap(at(&Corner::u), t.atlas_width), tap(at(&Corner::v), t.atlas_height));
            alpha = alpha * float(cover) / 255.0f;
        }
        const int a = std::clamp(int(alpha + 0.5f), 0, 255);
        if (same_colour) return (flat & 0xFFFFFF) | ImU32(a) << 24;
        return IM_COL32(int(at(&Corner::r) + 0.5f), int(at(&Corner::g) + 0.5f), int(at(&Corner::b) + 0.5f), a);
    };
    // Whether nothing changes along x (a horizontal line or edge fringe: one colour per row) or
    // along y (a vertical one: one colour per column), within a thousandth of a step or texel
    // over the whole triangle.
    const double width = std::max({p[0].x, p[1].x, p[2].x}) - std::min({p[0].x, p[1].x, p[2].x});
    const double height = ymax - ymin;
    auto flat_along = [&](double d1, double d2, double extent) {
        for (float Corner::*f : {&Corner::r, &Corner::g, &Corner::b, &Corner::a}) {
            if (std::fabs((p[1].*f - p[0].*f) * d1 + (p[2].*f - p[0].*f) * d2) * extent > 1e-3) return false;
        }
        if (plain) return true;
        for (auto [f, size] : {std::pair{&Corner::u, t.atlas_width}, std::pair{&Corner::v, t.atlas_height}}) {
            if (std::fabs((p[1].*f - p[0].*f) * d1 + (p[2].*f - p[0].*f) * d2) * extent * size > 1e-3)
                return false;
        }
        return true;
    };
    const bool rows_flat = (same_colour && plain) || flat_along(l1dx, l2dx, width);
    const bool columns_flat = !rows_flat && flat_along(l1dy, l2dy, height);
    static std::vector<ImU32> columns;  // columns_flat: the colour of each column from cx0 on
    const int cx0 = std::max(clip.x0, int(std::floor(std::min({p[0].x, p[1].x, p[2].x}))) - 1);
    if (columns_flat) {
        const int cx1 = std::min(clip.x1, int(std::ceil(std::max({p[0].x, p[1].x, p[2].x}))) + 1);
        columns.resize(size_t(std::max(cx1 - cx0, 0)));
        const double dy = (y0 + y1) * 0.5 - p[0].y;
        for (int x = cx0; x < cx1; ++x) {
            const double dx = x + 0.5 - p[0].x;
            columns[size_t(x - cx0)] = shade(l1dx * dx + l1dy * dy, l2dx * dx + l2dy * dy);
        }
    }
    for (int y = y0; y < y1; ++y) {
        int x0, x1;
        triangle_row(p, y + 0.5, x0, x1);
        x0 = std::max(x0, clip.x0);
        x1 = std::min(x1, clip.x1);
        if (x0 >= x1) continue;
        std::uint32_t* row = t.pixels + size_t(y) * t.width;
        const double dx = x0 + 0.5 - p[0].x, dy = y + 0.5 - p[0].y;
        double l1 = l1dx * dx + l1dy * dy, l2 = l2dx * dx + l2dy * dy;
        if (same_colour && plain) {
            fill_span(row, x0, x1, flat);
        } else if (rows_flat) {
            fill_span(row, x0, x1, shade(l1, l2));
        } else if (columns_flat) {
            for (int x = x0; x < x1; ++x) {
                const ImU32 c = columns[size_t(x - cx0)];
                if (c >> 24) row[x] = blend(row[x], c, c >> 24);
            }
        } else {
            for (int x = x0; x < x1; ++x, l1 += l1dx, l2 += l2dx) {
                const ImU32 c = shade(l1, l2);
                if (c >> 24) row[x] = blend(row[x], c, c >> 24);
            }
        }
    }
}

// The smallest rectangle holding both (an empty one, x0 >= x1, holds nothing).
PixelRect bounding(const PixelRect& a, const PixelRect& b) {
    if (a.x0 >= a.x1 || a.y0 >= a.y1) return b;
    if (b.x0 >= b.x1 || b.y0 >= b.y1) return a;
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

PixelRect overlap(const PixelRect& a, const PixelRect& b) {
    return {std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
}

// The pixels a command's triangles may cover, whatever its clip rectangle: its vertices' box.
// (A window's background is drawn with the whole display as its clip rectangle.)
PixelRect drawn_box(const ImDrawList* list, const ImDrawCmd& cmd, ImVec2 off, ImVec2 scale) {
    if (cmd.ElemCount == 0) return {};
    ImVec2 lo(1e30f, 1e30f), hi(-1e30f, -1e30f);
    const ImDrawVert* v = list->VtxBuffer.Data + cmd.VtxOffset;
    const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
    for (unsigned i = 0; i < cmd.ElemCount; ++i) {
        const ImVec2 p = v[idx[i]].pos;
        lo = ImVec2(std::min(lo.x, p.x), std::min(lo.y, p.y));
        hi = ImVec2(std::max(hi.x, p.x), std::max(hi.y, p.y));
    }
    return {int(std::floor((lo.x - off.x) * scale.x)), int(std::floor((lo.y - off.y) * scale.y)),
            int(std::ceil((hi.x - off.x) * scale.x)) + 1, int(std::ceil((hi.y - off.y) * scale.y)) + 1};
}

// The clip rectangle as the WebGL2 renderer's scissor, truncated the same way
// (imgui_impl_opengl3's), so both renderers clip the same pixels; then limited to the frame.
bool clip_of(const ImDrawCmd& cmd, ImVec2 off, ImVec2 scale, int width, int height, PixelRect& out) {
    const ImVec2 lo((cmd.ClipRect.x - off.x) * scale.x, (cmd.ClipRect.y - off.y) * scale.y);
    const ImVec2 hi((cmd.ClipRect.z - off.x) * scale.x, (cmd.ClipRect.w - off.y) * scale.y);
    if (hi.x <= lo.x || hi.y <= lo.y) return false;
    const int gx = int(lo.x), gw = int(hi.x - lo.x);
    const int gy = int(float(height) - hi.y), gh = int(hi.y - lo.y);  // GL: rows from the bottom
    out = {std::max(gx, 0), std::max(height - gy - gh, 0), std::min(gx + gw, width),
           std::min(height - gy, height)};
    return out.x0 < out.x1 && out.y0 < out.y1;
}

// The pixels that differ from what r.pixels show, now that `data` is to be drawn: every
// draw list that changed, where it was and where it is (everything when the frame's size or
// colour changed, or the lists came and went). Records the frame as the one shown.
PixelRect take_changes(CpuRenderer& r, const ImDrawData* data, const float clear[4], int width,
                       int height) {
    const ImVec2 off = data->DisplayPos, scale = data->FramebufferScale;
    const PixelRect all{0, 0, width, height};
    const std::uint64_t frame = frame_setup_hash(data, clear);
    std::vector<std::uint64_t> lists;
    std::vector<PixelRect> bounds;  // the pixels each list may touch
    for (const ImDrawList* list : data->CmdLists) {
        lists.push_back(draw_list_hash(list));
        PixelRect b{width, height, 0, 0};
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            PixelRect clip;
            if (cmd.UserCallback && cmd.UserCallback != ImDrawCallback_ResetRenderState) b = all;
            else if (clip_of(cmd, off, scale, width, height, clip))
                b = bounding(b, overlap(clip, drawn_box(list, cmd, off, scale)));
        }
        bounds.push_back(b);
    }
    PixelRect dirty = all;
    if (r.drawn_valid && frame == r.drawn_frame && lists.size() == r.drawn_lists.size()) {
        dirty = {width, height, 0, 0};
        for (size_t i = 0; i < lists.size(); ++i) {
            if (lists[i] != r.drawn_lists[i])
                dirty = bounding(dirty, bounding(bounds[i], r.drawn_bounds[i]));
        }
    }
    r.drawn_frame = frame;
    r.drawn_lists = std::move(lists);
    r.drawn_bounds = std::move(bounds);
    r.drawn_valid = true;
    return dirty;
}

// One draw list's commands, inside `dirty`.
void draw_list(const Target& t, const ImDrawData* data, const ImDrawList* list,
               const PixelRect& dirty) {
    const ImVec2 off = data->DisplayPos, scale = data->FramebufferScale;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
        if (cmd.UserCallback) {
            if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
            continue;
        }
        PixelRect clip;
        if (!clip_of(cmd, off, scale, t.width, t.height, clip)) continue;
        clip = overlap(clip, dirty);
        if (clip.x0 >= clip.x1 || clip.y0 >= clip.y1) continue;
        const ImDrawVert* v = list->VtxBuffer.Data + cmd.VtxOffset;
        const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
        for (unsigned i = 0; i + 3 <= cmd.ElemCount;) {
            if (i + 6 <= cmd.ElemCount && axis_aligned_quad(v, idx + i, idx[i])) {
                draw_quad(t, clip, v + idx[i], off, scale);
                i += 6;
                continue;
            }
            Corner p[3] = {corner(v[idx[i]], off, scale), corner(v[idx[i + 1]], off, scale),
                           corner(v[idx[i + 2]], off, scale)};
            draw_triangle(t, clip, p);
            i += 3;
        }
    }
}

}  // namespace

void cpu_renderer_upload_fonts(CpuRenderer& r) {
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
    r.atlas.assign(pixels, pixels + size_t(width) * size_t(height));
    r.atlas_width = width;
    r.atlas_height = height;
    io.Fonts->SetTexID(kAtlasId);
    io.BackendRendererName = "forecourt_cpu";
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    cpu_renderer_forget_frame(r);
}

bool cpu_renderer_draw(CpuRenderer& r, const ImDrawData* data, const float clear[4]) {
    const int width = int(data->DisplaySize.x * data->FramebufferScale.x);
    const int height = int(data->DisplaySize.y * data->FramebufferScale.y);
    if (width <= 0 || height <= 0) return false;
    const PixelRect dirty = take_changes(r, data, clear, width, height);
    if (dirty.x0 >= dirty.x1 || dirty.y0 >= dirty.y1) return false;
    r.width = width;
    r.height = height;
    r.changed = dirty;
    r.pixels.resize(size_t(width) * size_t(height));

    const ImU32 background = ImGui::ColorConvertFloat4ToU32(ImVec4(clear[0], clear[1], clear[2], 1));
    for (int y = dirty.y0; y < dirty.y1; ++y)
        fill_span(r.pixels.data() + size_t(y) * width, dirty.x0, dirty.x1, background | kOpaque);
    const Target t{r.pixels.data(), width, height, r.atlas.data(), r.atlas_width, r.atlas_height,
                   ImGui::GetIO().Fonts->TexUvWhitePixel};
    for (const ImDrawList* list : data->CmdLists) draw_list(t, data, list, dirty);
    return true;
}

void cpu_renderer_forget_frame(CpuRenderer& r) { r.drawn_valid = false; }

}  // namespace fc::ui
