#include "item_registry.h"
#include <imgui_internal.h>
#include <nlohmann/json.hpp>
#include <unordered_map>

namespace fc::ui {
namespace {

std::vector<DrawnItem> collecting;
std::unordered_map<ImGuiID, size_t> collecting_index;  // id -> position in `collecting`
std::vector<DrawnItem> published;

std::string visible_part(const char* label) {
    const char* end = ImGui::FindRenderedTextEnd(label);
    return std::string(label, end);
}

}  // namespace

void begin_item_capture() {
    collecting.clear();
    collecting_index.clear();
    GImGui->TestEngineHookItems = true;
}

void end_item_capture() {
    published.swap(collecting);
    collecting.clear();
    collecting_index.clear();
}

const std::vector<DrawnItem>& published_items() { return published; }

std::string published_items_json() {
    nlohmann::json arr = nlohmann::json::array();
    // The widget with keyboard focus: the active one (being edited), else ImGui's navigation
    // item, which also follows the last click.
    ImGuiContext& g = *GImGui;
    ImGuiID focused = g.ActiveId ? g.ActiveId : g.NavId;
    for (const DrawnItem& it : published) {
        if (it.label.empty()) continue;
        nlohmann::json j = {{"id", it.id},
                            {"label", it.label},
                            {"window", it.window},
                            {"text", it.is_text},
                            {"role", it.role},
                            {"focused", it.id != 0 && it.id == focused},
                            {"rect",
                             {{"x", it.min.x}, {"y", it.min.y}, {"w", it.max.x - it.min.x},
                              {"h", it.max.y - it.min.y}}}};
        if (!it.cells.empty()) j["cells"] = it.cells;
        if (it.disabled) j["disabled"] = true;
        arr.push_back(std::move(j));
    }
    return arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const DrawnItem* find_item(const std::string& label, const std::string& window) {
    for (const DrawnItem& it : published)
        if (it.label == label && (window.empty() || it.window == window)) return &it;
    return nullptr;
}

void label_last_item(const char* label, const char* role) {
    auto it = collecting_index.find(ImGui::GetItemID());
    if (it == collecting_index.end()) return;
    collecting[it->second].label = visible_part(label);
    collecting[it->second].role = role;
}

void describe_last_item_as_row(std::vector<std::string> cells) {
    auto it = collecting_index.find(ImGui::GetItemID());
    if (it == collecting_index.end()) return;
    collecting[it->second].role = "row";
    collecting[it->second].cells = std::move(cells);
}

void published_text(const char* text) {
    ImGui::TextUnformatted(text);
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    DrawnItem item;
    item.label = text;
    item.window = w->RootWindow->Name;
    item.min = ImGui::GetItemRectMin();
    item.max = ImGui::GetItemRectMax();
    item.is_text = true;
    item.role = "text";
    collecting.push_back(std::move(item));
}

bool layout_settling() {
    for (ImGuiWindow* w : GImGui->Windows)
        if (w->Active && (w->HiddenFramesCannotSkipItems > 0 || w->HiddenFramesForRenderOnly > 0))
            return true;
    return false;
}

}  // namespace fc::ui

// Dear ImGui calls these when built with IMGUI_ENABLE_TEST_ENGINE. ItemAdd brings the
// rectangle, ItemInfo (right after, for labelled widgets) the label.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb,
                                 const ImGuiLastItemData* data) {
    using namespace fc::ui;
    if (id == 0) return;
    ImGuiWindow* w = ctx->CurrentWindow;
    // A window registers itself before it becomes the current one.
    const char* window = w ? w->RootWindow->Name : "";
    auto [it, inserted] = collecting_index.try_emplace(id, collecting.size());
    if (inserted) collecting.push_back(DrawnItem{});
    DrawnItem& item = collecting[it->second];
    item.id = id;
    item.window = window;
    item.min = bb.Min;
    item.max = bb.Max;
    item.disabled = data && (data->InFlags & ImGuiItemFlags_Disabled);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label,
                                  ImGuiItemStatusFlags flags) {
    using namespace fc::ui;
    auto it = collecting_index.find(id);
    if (it == collecting_index.end() || !label) return;
    DrawnItem& item = collecting[it->second];
    item.label = visible_part(label);
    item.role = (flags & ImGuiItemStatusFlags_Inputable)   ? "field"
                : (flags & ImGuiItemStatusFlags_Checkable) ? "checkbox"
                : (flags & ImGuiItemStatusFlags_Openable)  ? "tree"
                                                           : "button";
    // Windows register before they are current: name them after themselves.
    if (ImGuiWindow* w = ImGui::FindWindowByID(id); w && w->ID == id) {
        item.window = w->RootWindow->Name;
        item.role = "window";
    }
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID id) {
    for (const auto& item : fc::ui::published_items())
        if (item.id == id) return item.label.c_str();
    return nullptr;
}
