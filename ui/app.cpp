#include "app.h"
#include <imgui.h>
#include "inbox.h"
#include "lead_detail.h"
#include "snapshot.h"

namespace fc::ui {

namespace {
MaybeError parse_document(std::string_view text, json& doc) {
    doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded()) return Error{"invalid_json", "", "the server sent data that is not JSON"};
    return std::nullopt;
}
}  // namespace

MaybeError load_app_data(AppState& app, std::string_view snapshot_json) {
    json doc;
    if (auto e = parse_document(snapshot_json, doc)) return e;
    Store store;
    if (auto e = load_snapshot(doc, store)) return e;
    app.store = std::move(store);
    app.loaded = true;
    app.details_loaded = doc.contains("activities");
    app.status.clear();
    app.selected_lead = -1;
    app.inbox.dirty = true;
    return std::nullopt;
}

MaybeError add_app_data(AppState& app, std::string_view snapshot_json) {
    json doc;
    if (auto e = parse_document(snapshot_json, doc)) return e;
    if (auto e = add_snapshot_tables(doc, app.store)) return e;
    app.details_loaded = app.details_loaded || doc.contains("activities");
    return std::nullopt;
}

void draw_app(AppState& app) {
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 size = io.DisplaySize;
    constexpr ImGuiWindowFlags kPane = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                       ImGuiWindowFlags_NoCollapse |
                                       ImGuiWindowFlags_NoBringToFrontOnFocus |
                                       ImGuiWindowFlags_NoTitleBar;
    // Wide screens show the inbox and the detail side by side; narrow ones (a tablet held
    // upright) stack them.
    bool wide = size.x >= size.y * 1.1f;
    ImVec2 inbox_size = wide ? ImVec2(size.x * 0.6f, size.y) : ImVec2(size.x, size.y * 0.55f);
    ImVec2 detail_pos = wide ? ImVec2(inbox_size.x, 0) : ImVec2(0, inbox_size.y);
    ImVec2 detail_size = ImVec2(size.x - detail_pos.x, size.y - detail_pos.y);

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(inbox_size);
    if (ImGui::Begin("Lead inbox", nullptr, kPane)) draw_inbox(app);
    ImGui::End();

    ImGui::SetNextWindowPos(detail_pos);
    ImGui::SetNextWindowSize(detail_size);
    if (ImGui::Begin("Lead detail", nullptr, kPane)) draw_lead_detail(app);
    ImGui::End();
}

}  // namespace fc::ui
