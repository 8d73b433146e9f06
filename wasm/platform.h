// The browser platform layer: our canvas's input events into ImGuiIO, its size and pixel
// ratio, the clipboard, and a frame loop that draws only while something changes.
#pragma once
#include <functional>
#include <string>

namespace fc::web {

struct PlatformCallbacks {
    std::function<void()> build_frame;  // one ImGui frame, up to ImGui::Render()
    std::function<void()> paint_frame;  // draws the last built frame on the canvas
    std::function<void()> fonts_changed; // the font atlas must be rebuilt (pixel ratio changed)
};

// Registers input callbacks on the canvas (CSS selector) and on the hidden text input the page
// keeps over the active text field (for IME composition and on-screen keyboards), and starts
// the loop. Keyboard input is taken only while one of the two has focus: nothing is registered
// page-wide but mouse-up, so a drag released outside the canvas still ends.
void platform_start(const std::string& canvas_selector, const std::string& text_input_selector,
                    PlatformCallbacks callbacks);
// A complete click at canvas pixel (x, y), from outside the canvas (the accessibility mirror).
void platform_click(float x, float y);
// Text typed or composed into the hidden text input (UTF-8).
void platform_text(const char* utf8);
// Tells the page where the active text field's caret is, every frame, so it can keep the
// hidden text input over it (and focused) or hand focus back to the canvas.
void platform_report_text_input();
// Removes every listener and cancels the pending frame: after this the module holds no
// browser resources but its WebGL context (released by the caller).
void platform_stop();
// The canvas's CSS size or pixel ratio changed (called from JS: a ResizeObserver).
void platform_resize(int css_width, int css_height, float device_pixel_ratio);
float platform_pixel_ratio();
// Text the page pasted into the canvas (from a paste event): handed to ImGui as Ctrl+V.
void platform_paste(const char* utf8);
// Draw at least `frames` more frames: after input, data changes, or a clock tick.
void request_frames(int frames);
// The app's data changed: the next frame is built twice and painted once. ImGui lays new
// content out in its first frame (a table learns its rows' sizes) and draws it right in the
// second; painting both would cost a second paint (~20 ms of the main thread while this
// headless browser's compositor reads the canvas back) to show the same again.
void request_data_frame();
int frames_drawn();
// Whether input (a key, a character, a click) arrived that no painted frame has handled yet.
bool input_unpainted();

}  // namespace fc::web
