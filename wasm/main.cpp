// The browser app: our canvas drawn by one of two ImGui renderers (a WebGL2 context and
// gl_renderer.h where there is a GPU; ui/cpu_renderer.h and a 2D canvas where WebGL would be
// software: web/forecourt.js chooses), the UI from ui/, and a narrow C API the page's
// JavaScript calls (no embind: CSP-safe, see README).
#include <GLES3/gl3.h>
#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <cmath>
#include <string>
#include <vector>
#include "app.h"
#include "app_instance.h"
#include "cpu_renderer.h"
#include "file_io.h"
#include "gl_renderer.h"
#include "format.h"
#include "import_screen.h"
#include "item_registry.h"
#include "navigation.h"
#include "news.h"
#include "platform.h"
#include "theme.h"

using namespace fc;

namespace {

ui::AppState app;
ui::NewsWatch news;  // what the live badge has counted (fc_take_news)
ui::Theme theme;
bool started = false;
bool cpu_drawn = false;  // the CPU renderer draws (else WebGL2)
EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl_context = 0;
web::GlRenderer renderer;
ui::CpuRenderer cpu_renderer;
std::vector<unsigned char> font_ttf;
std::string last_error;
std::string items_json;
bool first_data_frame_reported = false;

EM_JS(void, js_first_data_frame, (), {
    if (Module.onFirstDataFrame) Module.onFirstDataFrame();
});

// A painted frame's main-thread time: building it (ImGui frames to their draw data) and
// painting it (the renderer's work: WebGL calls, or rasterising and putting the pixels).
EM_JS(void, js_frame_drawn, (double build_ms, double paint_ms), {
    if (Module.onFrameDrawn) Module.onFrameDrawn(build_ms, paint_ms);
});

// The CPU renderer's pixels in [x0, x1) x [y0, y1) onto the canvas's 2D context (viewed in the
// WASM memory, not copied twice). A frame drawn for a size the canvas no longer has is left
// out: a resize draws again.
EM_JS(void, js_put_pixels, (const void* pixels, int width, int height, int x0, int y0, int x1, int y1), {
    var canvas = Module.canvasElement;
    if (canvas.width !== width || canvas.height !== height) return;
    if (!Module.canvas2d) Module.canvas2d = canvas.getContext('2d', { alpha: false });
    var bytes = new Uint8ClampedArray(HEAPU8.buffer, pixels, width * height * 4);
    Module.canvas2d.putImageData(new ImageData(bytes, width, height), 0, 0, x0, y0, x1 - x0, y1 - y0);
});

EM_JS(void, js_app_event, (const char* json), {
    if (Module.onAppEvent) Module.onAppEvent(UTF8ToString(json));
});

void rebuild_fonts() {
    float ratio = web::platform_pixel_ratio();
    ui::apply_style(ratio, theme);
    ui::load_ui_font(font_ttf.data(), font_ttf.size(), ratio);
    if (cpu_drawn) ui::cpu_renderer_upload_fonts(cpu_renderer);  // a new atlas: take it again
    else web::gl_renderer_upload_fonts(renderer);
}

double frame_started = -1;  // when the first ImGui frame of the painted frame was begun

void build_frame() {
    if (frame_started < 0) frame_started = emscripten_get_now();
    app.now = Time(emscripten_date_now() / 1000.0);
    ImGui::NewFrame();
    ui::begin_item_capture();
    ui::draw_app(app);
    ImGui::Render();
    ui::end_item_capture();
    for (const std::string& event : ui::take_events(app)) js_app_event(event.c_str());
}

void paint_frame() {
    static const float background[4] = {0.97f, 0.97f, 0.98f, 1};
    const double painting = emscripten_get_now();
    if (!cpu_drawn) {
        web::gl_renderer_draw(renderer, ImGui::GetDrawData(), background);
    } else if (ui::cpu_renderer_draw(cpu_renderer, ImGui::GetDrawData(), background)) {
        const ui::PixelRect& c = cpu_renderer.changed;
        js_put_pixels(cpu_renderer.pixels.data(), cpu_renderer.width, cpu_renderer.height, c.x0, c.y0,
                      c.x1, c.y1);
    }
    const double painted = emscripten_get_now();
    web::platform_report_text_input();
    // A popup opening is drawn hidden first (ImGui measures it): draw until it shows, a few
    // frames at most, so a window that stays hidden cannot keep an idle app drawing.
    static int settling_frames = 0;
    if (!ui::layout_settling()) settling_frames = 0;
    else if (++settling_frames <= 3) web::request_frames(2);
    if (!first_data_frame_reported && app.inbox_rows_drawn > 0) {
        first_data_frame_reported = true;
        js_first_data_frame();
    }
    js_frame_drawn(painting - frame_started, painted - painting);
    frame_started = -1;
}

// A WebGL2 context on the canvas, made current. False (last_error says why) without WebGL2.
bool start_webgl2(const char* canvas_selector) {
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.alpha = EM_FALSE;
    attrs.antialias = EM_FALSE;  // ImGui anti-aliases its own shapes
    attrs.premultipliedAlpha = EM_FALSE;
    gl_context = emscripten_webgl_create_context(canvas_selector, &attrs);
    if (gl_context <= 0) {
        last_error = "WebGL2 is not available in this browser";
        return false;
    }
    emscripten_webgl_make_context_current(gl_context);
    return true;
}

}  // namespace

ui::AppState& fc::web::app_state() { return app; }

extern "C" {

// Creates ImGui on the canvas, drawn by the CPU renderer into a 2D context (`cpu` = 1, the
// page sets Module.canvasElement) or through a WebGL2 context, and starts the frame loop.
// Returns 0 on success, or a negative number when WebGL2 is unavailable.
EMSCRIPTEN_KEEPALIVE int fc_start(const char* canvas_selector, const char* text_input_selector,
                                  int css_width, int css_height, float pixel_ratio,
                                  int utc_offset_minutes, int cpu) {
    cpu_drawn = cpu != 0;
    if (!cpu_drawn && !start_webgl2(canvas_selector)) return -1;
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout is ours, not a file in the browser
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.BackendPlatformName = "forecourt_html5";
    app.utc_offset_minutes = utc_offset_minutes;
    app.platform = &web::browser_services();
    if (!cpu_drawn && !web::gl_renderer_init(renderer)) {
        last_error = "The WebGL2 shaders did not compile";
        ImGui::DestroyContext();
        emscripten_webgl_destroy_context(gl_context);
        gl_context = 0;
        return -2;
    }
    started = true;

    web::platform_start(canvas_selector, text_input_selector, {build_frame, paint_frame, rebuild_fonts});
    web::platform_resize(css_width, css_height, pixel_ratio);
    rebuild_fonts();
    return 0;
}

EMSCRIPTEN_KEEPALIVE void fc_resize(int css_width, int css_height, float pixel_ratio) {
    web::platform_resize(css_width, css_height, pixel_ratio);
    // Setting the canvas size cleared its pixels.
    web::gl_renderer_forget_frame(renderer);
    ui::cpu_renderer_forget_frame(cpu_renderer);
}

// TTF bytes of the UI font (copied).
EMSCRIPTEN_KEEPALIVE void fc_set_font(const unsigned char* ttf, int size) {
    font_ttf.assign(ttf, ttf + size);
    rebuild_fonts();
    web::request_frames(2);
}

// Loads a snapshot document (UTF-8 JSON). Returns 0, or -1 with fc_last_error() set.
EMSCRIPTEN_KEEPALIVE int fc_load_snapshot(const char* json_text, int size) {
    if (auto e = ui::load_app_data(app, std::string_view(json_text, size_t(size)))) {
        last_error = e->message;
        app.status = "Could not load your data: " + e->message;
        web::request_frames(2);
        return -1;
    }
    web::request_frames(2);
    return 0;
}

// Loads the inbox's first screenful (core/inbox_preview.h), sent ahead of the snapshot that
// fc_load_snapshot then loads. Returns 0, or -1 with fc_last_error() set (nothing changes).
EMSCRIPTEN_KEEPALIVE int fc_load_preview(const char* bytes, int size) {
    if (auto e = ui::load_app_preview(app, std::string_view(bytes, size_t(size)))) {
        last_error = e->message;
        return -1;
    }
    web::request_frames(2);
    return 0;
}

// Adds a second snapshot document's tables (contacts, activities, tasks). Returns 0 or -1.
EMSCRIPTEN_KEEPALIVE int fc_add_snapshot(const char* json_text, int size) {
    auto e = ui::add_app_data(app, std::string_view(json_text, size_t(size)));
    if (e) last_error = e->message;
    web::request_frames(2);
    return e ? -1 : 0;
}

// Shows a message in place of the inbox (for example when the server cannot be reached).
EMSCRIPTEN_KEEPALIVE void fc_set_status(const char* message) {
    app.status = message;
    web::request_frames(2);
}

EMSCRIPTEN_KEEPALIVE const char* fc_last_error() { return last_error.c_str(); }

// The items drawn in the last frame as JSON (rects in canvas pixels).
EMSCRIPTEN_KEEPALIVE const char* fc_items_json() {
    items_json = ui::published_items_json();
    return items_json.c_str();
}

// Opens a route ("inbox", "now", "lead/<id>", "account/<id>"). Returns 0, or -1 if unknown.
EMSCRIPTEN_KEEPALIVE int fc_navigate(const char* route) {
    bool ok = ui::navigate(app, route);
    web::request_frames(2);
    return ok ? 0 : -1;
}

// Light or dark, and the accent colour as 0xRRGGBB.
EMSCRIPTEN_KEEPALIVE void fc_set_theme(int dark, unsigned accent_rgb) {
    theme.dark = dark != 0;
    theme.accent = IM_COL32((accent_rgb >> 16) & 0xFF, (accent_rgb >> 8) & 0xFF, accent_rgb & 0xFF,
                            255);
    ui::apply_style(web::platform_pixel_ratio(), theme);
    web::request_frames(2);
}

// The user's locale (BCP 47, e.g. "de-DE"): how dates and money are written.
EMSCRIPTEN_KEEPALIVE void fc_set_locale(const char* bcp47_tag) {
    ui::set_format_locale(bcp47_tag);
    web::request_frames(2);
}

// The user's IANA time zone, for times shown with summer/winter offsets (see ui/format.h).
EMSCRIPTEN_KEEPALIVE void fc_set_time_zone(const char* iana_name) {
    ui::set_format_time_zone(iana_name);
    web::request_frames(2);
}

// Releases everything the instance holds in the page: listeners, the frame loop, ImGui and the
// WebGL context or the CPU renderer's pixels. The module must not be called again afterwards.
EMSCRIPTEN_KEEPALIVE void fc_stop() {
    web::platform_stop();
    if (gl_context > 0) web::gl_renderer_shutdown(renderer);
    cpu_renderer = ui::CpuRenderer{};
    started = false;
    ImGui::DestroyContext();
    if (gl_context > 0) emscripten_webgl_destroy_context(gl_context);
    gl_context = 0;
    app = ui::AppState{};
    news = ui::NewsWatch{};
}

// The file the user picked after the app asked for one (wasm/file_io.cpp): name and bytes,
// copied.
EMSCRIPTEN_KEEPALIVE void fc_file_picked(const char* name, const unsigned char* bytes, int size) {
    if (!started) return;  // stopped while the file was being read
    ui::deliver_picked_file(app, name, std::string_view(reinterpret_cast<const char*>(bytes), size_t(size)));
    web::request_frames(2);
}

EMSCRIPTEN_KEEPALIVE int fc_frame_count() { return web::frames_drawn(); }
EMSCRIPTEN_KEEPALIVE int fc_input_unpainted() { return web::input_unpainted() ? 1 : 0; }

// How many leads or Now-queue items arrived since the last call (ui/news.h): the live badge
// counts these, not pokes, so one lead that is captured and then routed is one piece of news.
EMSCRIPTEN_KEEPALIVE int fc_take_news() {
    app.now = Time(emscripten_date_now() / 1000.0);
    return int(ui::take_news(news, app));
}

EMSCRIPTEN_KEEPALIVE void fc_paste(const char* utf8) { web::platform_paste(utf8); }

// A click at canvas pixel (x, y): how the screen-reader mirror activates what it shows.
EMSCRIPTEN_KEEPALIVE void fc_click(float x, float y) { web::platform_click(x, y); }

// Text typed or composed into the hidden text input.
EMSCRIPTEN_KEEPALIVE void fc_text(const char* utf8) { web::platform_text(utf8); }

}  // extern "C"
