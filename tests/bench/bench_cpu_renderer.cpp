// The CPU renderer (ui/cpu_renderer.h) on the real UI at 2x (2560x1600): the inbox screen of the
// tiny demo drawn whole (a first frame, a resize) and drawn as the inbox scrolls (only the
// changed draw lists). Natively and in WASM, the same code on the same frames, for the ratio.
// The font is ImGui's built-in one at 2x (the bench reads no files); the app's Noto Sans has
// glyphs of about the same size.
#include <imgui.h>
#include "app.h"
#include "bench.h"
#include "cpu_renderer.h"
#include "demo_data.h"
#include "item_registry.h"
#include "snapshot.h"
#include "theme.h"

FC_BENCH("cpu_render") {
    using namespace fc;
    const std::string p = ctx.wasm ? "_wasm" : "_native";
    ui::AppState app;
    app.now = 1790000000;
    if (ui::load_app_data(app, snapshot_to_json(generate_demo(demo_size_tiny(), 5, app.now)).dump()))
        return;
    ImGuiContext* imgui = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(2560, 1600);
    io.IniFilename = nullptr;
    ui::apply_style(2, ui::Theme{});
    ui::load_ui_font(nullptr, 0, 2);
    ui::CpuRenderer r;
    ui::cpu_renderer_upload_fonts(r);
    const float clear[4] = {0.97f, 0.97f, 0.98f, 1};
    auto frame = [&](bool scroll) {
        io.DeltaTime = 1.0f / 60;
        io.AddMousePosEvent(1000, 800);  // over the inbox's rows
        if (scroll) io.AddMouseWheelEvent(0, -1);
        ImGui::NewFrame();
        ui::begin_item_capture();
        ui::draw_app(app);
        ImGui::Render();
        ui::end_item_capture();
    };
    for (int i = 0; i < 5; ++i) frame(false);  // windows laid out
    ctx.report("cpu_render_frame_2x" + p + "_ms", bench::median_ms(21, [&] {
                   ui::cpu_renderer_forget_frame(r);
                   ui::cpu_renderer_draw(r, ImGui::GetDrawData(), clear);
               }));
    std::vector<double> scrolled;
    double changed = 0;
    for (int i = 0; i < 21; ++i) {
        frame(true);
        const double t0 = bench::now_ms();
        ui::cpu_renderer_draw(r, ImGui::GetDrawData(), clear);
        scrolled.push_back(bench::now_ms() - t0);
        changed += double(r.changed.x1 - r.changed.x0) * (r.changed.y1 - r.changed.y0);
    }
    std::sort(scrolled.begin(), scrolled.end());
    ctx.report("cpu_render_scroll_2x" + p + "_ms", scrolled[scrolled.size() / 2]);
    ctx.report("cpu_render_scroll_changed_share", changed / 21 / (2560.0 * 1600.0));
    ImGui::DestroyContext(imgui);
}
