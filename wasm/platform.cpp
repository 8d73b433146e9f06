// [X] Mouse, wheel (pixel, line and page modes), touch as mouse
// [X] Keyboard while the canvas has focus; text from KeyboardEvent.key
// [X] IME composition and on-screen keyboards: a hidden text input kept over the active field
// [X] Clipboard: copy through navigator.clipboard, paste through the paste event
// [X] HiDPI: backing store at CSS size x devicePixelRatio, fonts rasterised at that scale
// [X] On-demand rendering: a few frames after each event, then the loop sleeps
#include "platform.h"
#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <cstring>
#include <functional>
#include <string>
#include <utility>
#include <vector>
#include "key_map.h"

namespace fc::web {
namespace {

struct Platform {
    std::string canvas;
    PlatformCallbacks callbacks;
    float ratio = 1;
    int frames_pending = 0;
    int builds_before_paint = 1;  // ImGui frames built for the next painted one, at least
    bool frame_scheduled = false;
    long frame_request = 0;
    bool stopped = false;
    int frames_drawn = 0;
    // Input arrived since the last painted frame that handled everything given to it: the
    // items published (app.items()) do not show its effect yet.
    bool input_unpainted = false;
    double last_time = 0;
    std::string text_input;
    std::string clipboard;
    // Button changes that arrived in the same frame as a pointer move: ImGui widgets that allow
    // overlap (table headers) only take a press on an item hovered the frame before, so a
    // quick click (move, down, up before the next frame) would be lost. They go in after the
    // frame that saw the move, and so does all input that came after them: keys typed right
    // after a click (Ctrl+A and a name, arriving together when the page was busy) must reach
    // the field the click activates, not overtake the click.
    bool moved_this_frame = false;
    struct Input {
        bool button;               // a button change: waits a frame after a move
        std::function<void()> add;  // hands it to ImGui
    };
    std::vector<Input> deferred;
} P;

// Hands input to ImGui now, or queues it behind the input already waiting, so ImGui sees
// everything in the order it happened.
void add_input(Platform::Input input) {
    P.input_unpainted = true;
    bool wait = !P.deferred.empty() || (input.button && P.moved_this_frame);
    if (wait) P.deferred.push_back(std::move(input));
    else input.add();
}

void add_input(std::function<void()> add) { add_input({false, std::move(add)}); }

void add_pointer_pos(ImVec2 p, ImGuiMouseSource source = ImGuiMouseSource_Mouse) {
    add_input([p, source] {
        ImGuiIO& io = ImGui::GetIO();
        io.AddMouseSourceEvent(source);
        io.AddMousePosEvent(p.x, p.y);
        P.moved_this_frame = true;
    });
}

void add_button(int button, bool down, ImGuiMouseSource source = ImGuiMouseSource_Mouse) {
    add_input({true, [button, down, source] {
                   ImGuiIO& io = ImGui::GetIO();
                   io.AddMouseSourceEvent(source);
                   io.AddMouseButtonEvent(button, down);
               }});
}

// After a frame: the input that waited goes in, in order; a move among it holds the button
// changes after it back for one more frame, as it would have when it arrived.
void release_deferred_input() {
    P.moved_this_frame = false;
    std::vector<Platform::Input> waiting;
    waiting.swap(P.deferred);
    for (Platform::Input& input : waiting) add_input(std::move(input));
}

constexpr int kFramesAfterInput = 3;  // enough for ImGui to settle hover and release states

// ImGui frames one painted frame may take to catch up with queued input (see below).
constexpr int kMaxFramesPerPaint = 4;

// Is a press, release, key or character still queued? ImGui takes those one per frame; a
// click or a keystroke needs them handled before it can paint its result. Moves and wheel
// steps left over just wait for the next painted frame: catching up on a stream of them (a
// scroll) would build several frames per painted one and fall behind further.
bool discrete_input_queued() {
    if (!P.deferred.empty()) return true;
    for (const ImGuiInputEvent& e : GImGui->InputEventsQueue)
        if (e.Type == ImGuiInputEventType_MouseButton || e.Type == ImGuiInputEventType_Key ||
            e.Type == ImGuiInputEventType_Text)
            return true;
    return false;
}

// Builds the ImGui frames the queued input needs and paints the last one, at `time` (ms, the
// animation frame's clock).
void run_frame(double time) {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = P.last_time > 0 ? float((time - P.last_time) / 1000.0) : 1.0f / 60;
    if (io.DeltaTime <= 0) io.DeltaTime = 1.0f / 1000;
    P.last_time = time;
    // A click needs several ImGui frames: the move (so the item is hovered), then the press
    // and the release, which ImGui trickles one per frame so a quick click is never lost.
    // Those frames run now, unpainted, so the click's result is painted in this frame instead
    // of two or three display frames later (a header click sorts in one frame, not three).
    for (int built = 1;; ++built) {
        P.callbacks.build_frame();
        release_deferred_input();
        if ((!discrete_input_queued() && built >= P.builds_before_paint) ||
            built == kMaxFramesPerPaint)
            break;
        io.DeltaTime = 1.0f / 1000;  // catch-up frames take no time of their own
    }
    P.builds_before_paint = 1;
    P.callbacks.paint_frame();
    ++P.frames_drawn;
    P.input_unpainted = discrete_input_queued();
    if ((GImGui->InputEventsQueue.Size > 0 || !P.deferred.empty()) &&
        P.frames_pending < kFramesAfterInput)
        P.frames_pending = kFramesAfterInput;
    if (P.frames_pending > 0) --P.frames_pending;
    // A text field being edited blinks its cursor and takes key repeats: keep drawing.
    if (P.frames_pending > 0 || io.WantTextInput) request_frames(0);
    else P.last_time = 0;
}

EM_BOOL on_animation_frame(double time, void*) {
    P.frame_scheduled = false;
    run_frame(time);
    return EM_FALSE;
}

// Input whose result a person waits for (a character typed; a button released, where a click
// acts) is handled and painted at once, in its own event, not at the next animation frame:
// what it changes (a search narrowing 100k leads, a sort) is ready before the display's next
// frame instead of being started at it, and shows a frame sooner. Input queued before it goes
// in first, in order, as in any frame (run_frame). The animation frame still comes, and
// paints nothing if nothing changed since.
void paint_now() { run_frame(emscripten_get_now()); }

ImVec2 to_pixels(long css_x, long css_y) { return ImVec2(css_x * P.ratio, css_y * P.ratio); }

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void*) {
    ImVec2 p = to_pixels(e->targetX, e->targetY);
    if (type == EMSCRIPTEN_EVENT_MOUSEMOVE || type == EMSCRIPTEN_EVENT_MOUSEDOWN) add_pointer_pos(p);
    int button = e->button == 0 ? 0 : e->button == 2 ? 1 : e->button == 1 ? 2 : -1;
    if (button >= 0 && type == EMSCRIPTEN_EVENT_MOUSEDOWN) add_button(button, true);
    if (button >= 0 && type == EMSCRIPTEN_EVENT_MOUSEUP) add_button(button, false);
    if (type == EMSCRIPTEN_EVENT_MOUSELEAVE)
        add_input([] { ImGui::GetIO().AddMousePosEvent(-FLT_MAX, -FLT_MAX); });
    request_frames(kFramesAfterInput);
    if (button >= 0 && type == EMSCRIPTEN_EVENT_MOUSEUP) paint_now();  // a click acts on release
    return type == EMSCRIPTEN_EVENT_MOUSEDOWN ? EM_FALSE : EM_TRUE;  // let mousedown focus us
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
    // ImGui scrolls about five lines per unit; a mouse notch is ~100 CSS px or 3 lines.
    double unit = e->deltaMode == DOM_DELTA_PIXEL ? 100.0 : e->deltaMode == DOM_DELTA_LINE ? 3.0
                                                                                           : 1.0;
    float x = float(-e->deltaX / unit), y = float(-e->deltaY / unit);
    add_input([x, y] { ImGui::GetIO().AddMouseWheelEvent(x, y); });
    request_frames(kFramesAfterInput);
    return EM_TRUE;
}

EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
    if (e->numTouches < 1) return EM_FALSE;
    const EmscriptenTouchPoint& t = e->touches[0];
    const ImGuiMouseSource touch = ImGuiMouseSource_TouchScreen;
    add_pointer_pos(to_pixels(t.targetX, t.targetY), touch);
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART) add_button(0, true, touch);
    if (type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL)
        add_button(0, false, touch);
    request_frames(kFramesAfterInput);
    if (type == EMSCRIPTEN_EVENT_TOUCHEND) paint_now();  // a tap acts on release
    return EM_TRUE;
}

bool is_single_character(const char* utf8) {
    size_t n = std::strlen(utf8);
    if (n == 0 || n > 4) return false;
    unsigned char c = static_cast<unsigned char>(utf8[0]);
    size_t expected = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    return n == expected && c >= 0x20;
}

// userData is non-null for the hidden text input: there, a printable key's character arrives
// through its `input` event (platform_text), so the key keeps its default action. The key itself
// still goes to ImGui, as from the canvas: a screen shortcut ("c" logs a call) typed just as a
// field closes, before focus has moved back to the canvas, is not lost.
EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void* from_text_input) {
    bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    bool shortcut = e->ctrlKey || e->metaKey;
    if (e->keyCode == 229) return EM_FALSE;  // an IME is composing: the input event brings it
    bool character_by_input_event = from_text_input && !shortcut && is_single_character(e->key);
    // Ctrl+V must reach the browser so it fires `paste` (see platform_paste); the browser's
    // own shortcuts (reload, new tab, devtools) stay the browser's.
    if (shortcut && (std::strcmp(e->code, "KeyV") == 0 || std::strcmp(e->code, "KeyR") == 0 ||
                     std::strcmp(e->code, "KeyT") == 0 || std::strcmp(e->code, "KeyW") == 0))
        return EM_FALSE;
    ImGuiKey key = imgui_key_from_dom_code(e->code);
    bool ctrl = e->ctrlKey || e->metaKey, shift = e->shiftKey, alt = e->altKey;
    std::string text =
        down && !shortcut && !character_by_input_event && is_single_character(e->key) ? e->key : "";
    add_input([=] {
        ImGuiIO& io = ImGui::GetIO();
        io.AddKeyEvent(ImGuiMod_Ctrl, ctrl);
        io.AddKeyEvent(ImGuiMod_Shift, shift);
        io.AddKeyEvent(ImGuiMod_Alt, alt);
        if (key != ImGuiKey_None) io.AddKeyEvent(key, down);
        if (!text.empty()) io.AddInputCharactersUTF8(text.c_str());
    });
    request_frames(kFramesAfterInput);
    if (character_by_input_event) return EM_FALSE;
    // Keep keys the app uses (Tab, Backspace, arrows, text) from also acting on the page.
    return key != ImGuiKey_None || (down && is_single_character(e->key)) ? EM_TRUE : EM_FALSE;
}

EM_BOOL on_focus(int type, const EmscriptenFocusEvent*, void*) {
    bool focused = type == EMSCRIPTEN_EVENT_FOCUS;
    add_input([focused] { ImGui::GetIO().AddFocusEvent(focused); });
    request_frames(kFramesAfterInput);
    return EM_FALSE;
}

EM_JS(void, js_write_clipboard, (const char* text), {
    const s = UTF8ToString(text);
    if (navigator.clipboard && navigator.clipboard.writeText)
        navigator.clipboard.writeText(s).catch(() => {});
});

void set_clipboard(void*, const char* text) {
    P.clipboard = text ? text : "";
    js_write_clipboard(P.clipboard.c_str());
}

const char* get_clipboard(void*) { return P.clipboard.c_str(); }

}  // namespace

void platform_start(const std::string& canvas_selector, const std::string& text_input_selector,
                    PlatformCallbacks callbacks) {
    P.canvas = canvas_selector;
    P.text_input = text_input_selector;
    P.callbacks = std::move(callbacks);
    const char* c = P.canvas.c_str();
    emscripten_set_mousedown_callback(c, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mousemove_callback(c, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mouseleave_callback(c, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, EM_TRUE, on_mouse);
    emscripten_set_wheel_callback(c, nullptr, EM_TRUE, on_wheel);
    emscripten_set_touchstart_callback(c, nullptr, EM_TRUE, on_touch);
    emscripten_set_touchmove_callback(c, nullptr, EM_TRUE, on_touch);
    emscripten_set_touchend_callback(c, nullptr, EM_TRUE, on_touch);
    emscripten_set_touchcancel_callback(c, nullptr, EM_TRUE, on_touch);
    emscripten_set_keydown_callback(c, nullptr, EM_TRUE, on_key);
    emscripten_set_keyup_callback(c, nullptr, EM_TRUE, on_key);
    emscripten_set_focus_callback(c, nullptr, EM_TRUE, on_focus);
    emscripten_set_blur_callback(c, nullptr, EM_TRUE, on_focus);
    if (!P.text_input.empty()) {
        const char* t = P.text_input.c_str();
        void* from_text_input = &P;
        emscripten_set_keydown_callback(t, from_text_input, EM_TRUE, on_key);
        emscripten_set_keyup_callback(t, from_text_input, EM_TRUE, on_key);
        emscripten_set_focus_callback(t, nullptr, EM_TRUE, on_focus);
        emscripten_set_blur_callback(t, nullptr, EM_TRUE, on_focus);
    }
    ImGuiIO& io = ImGui::GetIO();
    io.SetClipboardTextFn = set_clipboard;
    io.GetClipboardTextFn = get_clipboard;
    request_frames(kFramesAfterInput);
}

void platform_resize(int css_width, int css_height, float ratio) {
    if (ratio <= 0) ratio = 1;
    bool ratio_changed = ratio != P.ratio;
    P.ratio = ratio;
    int w = int(css_width * ratio + 0.5f), h = int(css_height * ratio + 0.5f);
    emscripten_set_canvas_element_size(P.canvas.c_str(), w, h);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(w), float(h));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    if (ratio_changed && P.callbacks.fonts_changed) P.callbacks.fonts_changed();
    request_frames(kFramesAfterInput);
}

float platform_pixel_ratio() { return P.ratio; }

void platform_paste(const char* utf8) {
    std::string text = utf8 ? utf8 : "";
    add_input([text] {
        P.clipboard = text;  // read when ImGui handles the Ctrl+V below
        ImGuiIO& io = ImGui::GetIO();
        io.AddKeyEvent(ImGuiMod_Ctrl, true);
        io.AddKeyEvent(ImGuiKey_V, true);
        io.AddKeyEvent(ImGuiKey_V, false);
        io.AddKeyEvent(ImGuiMod_Ctrl, false);
    });
    request_frames(kFramesAfterInput);
}

void platform_click(float x, float y) {
    add_pointer_pos(ImVec2(x, y));
    add_button(0, true);  // the input queue trickles down and up over two frames
    add_button(0, false);
    request_frames(kFramesAfterInput);
}

void platform_text(const char* utf8) {
    std::string text = utf8 ? utf8 : "";
    add_input([text] { ImGui::GetIO().AddInputCharactersUTF8(text.c_str()); });
    request_frames(kFramesAfterInput);
    paint_now();
}

EM_JS(void, js_text_input_state, (int active, float x, float y, float line_height), {
    if (Module.onTextInputState) Module.onTextInputState(active, x, y, line_height);
});

void platform_report_text_input() {
    const ImGuiPlatformImeData& ime = GImGui->PlatformImeData;
    js_text_input_state(ime.WantVisible, ime.InputPos.x, ime.InputPos.y, ime.InputLineHeight);
}

void request_frames(int frames) {
    if (P.stopped) return;
    if (frames > P.frames_pending) P.frames_pending = frames;
    if (!P.frame_scheduled) {
        P.frame_scheduled = true;
        P.frame_request = emscripten_request_animation_frame(on_animation_frame, nullptr);
    }
}

void request_data_frame() {
    P.builds_before_paint = 2;
    request_frames(1);
}

void platform_stop() {
    P.stopped = true;
    if (P.frame_scheduled) emscripten_cancel_animation_frame(P.frame_request);
    P.frame_scheduled = false;
    emscripten_html5_remove_all_event_listeners();
}

int frames_drawn() { return P.frames_drawn; }

bool input_unpainted() { return P.input_unpainted; }

}  // namespace fc::web
