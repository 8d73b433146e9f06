#include "charts.h"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include "format.h"
#include "item_registry.h"
#include "theme.h"
#include "widgets.h"

namespace fc::ui {
namespace {

constexpr ImU32 kGrid = IM_COL32(220, 224, 230, 255);
constexpr ImU32 kAxis = IM_COL32(150, 156, 168, 255);

struct Plot {
    ImVec2 min, max;   // the plotting area (inside the axes)
    double y_top = 1;  // value at min.y
    double step = 1;
};

bool all_zero(const std::vector<ChartValue>& values) {
    for (const ChartValue& v : values)
        if (v.value != 0) return false;
    return true;
}

bool empty_chart(const std::vector<ChartValue>& values, const ChartStyle& style) {
    if (!values.empty() && !all_zero(values)) return false;
    ImGui::PushStyleColor(ImGuiCol_Text, colors::muted);
    published_text(style.empty_text);
    ImGui::PopStyleColor();
    return true;
}

std::string tick_text(double v) {
    if (v == std::floor(v)) return format_count((long long)v);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

// Reserves the chart's rectangle, draws the y axis with gridlines, returns the plot area.
Plot begin_plot(const std::vector<ChartValue>& values, const ChartStyle& style, float label_rows) {
    double max = style.y_max;
    for (const ChartValue& v : values) max = std::max(max, v.value);
    Plot p;
    p.step = nice_step(max, 4);
    p.y_top = std::ceil(max / p.step) * p.step;
    if (p.y_top <= 0) p.y_top = 1;
    const float line = ImGui::GetTextLineHeight();
    const float axis_w = std::max(ImGui::CalcTextSize(tick_text(p.y_top).c_str()).x, chars(3)) + chars(1.5f);
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    float height = line * style.height_lines;
    p.min = ImVec2(origin.x + axis_w, origin.y + line * 1.2f);
    p.max = ImVec2(origin.x + width - chars(1), origin.y + line * 1.2f + height);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddText(origin, colors::muted, style.y_caption);
    for (double v = 0; v <= p.y_top + p.step / 2; v += p.step) {
        float y = p.max.y - float(v / p.y_top) * (p.max.y - p.min.y);
        dl->AddLine(ImVec2(p.min.x, y), ImVec2(p.max.x, y), v == 0 ? kAxis : kGrid);
        std::string t = tick_text(v);
        ImVec2 size = ImGui::CalcTextSize(t.c_str());
        dl->AddText(ImVec2(p.min.x - size.x - chars(0.6f), y - size.y / 2), colors::muted, t.c_str());
    }
    // The space the chart takes, so what follows comes under it.
    ImGui::Dummy(ImVec2(width - chars(1), p.max.y - origin.y + line * label_rows + line * 0.5f));
    return p;
}

float y_of(const Plot& p, double v) {
    return p.max.y - float(std::max(0.0, v) / p.y_top) * (p.max.y - p.min.y);
}

// An invisible item over `a`..`b` named for tests and screen readers, with a hover tooltip.
void chart_item(const ChartStyle& style, size_t i, const ChartValue& v, ImVec2 a, ImVec2 b) {
    ImVec2 keep = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(a);
    std::string id = std::string(style.title) + ": " + v.label + "##" + std::to_string(i);
    ImGui::InvisibleButton(id.c_str(), ImVec2(std::max(1.0f, b.x - a.x), std::max(1.0f, b.y - a.y)));
    describe_last_item_as_row({v.label, v.text});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %s", v.label.c_str(), v.text.c_str());
    ImGui::SetCursorScreenPos(keep);
}

void centered_text(ImDrawList* dl, float cx, float y, ImU32 color, const std::string& text) {
    ImVec2 size = ImGui::CalcTextSize(text.c_str());
    dl->AddText(ImVec2(cx - size.x / 2, y), color, text.c_str());
}

}  // namespace

double nice_step(double max, int ticks) {
    if (max <= 0) return 1;
    double raw = max / ticks;
    double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double f = raw / mag;
    double step = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return std::max(1.0, step * mag);  // counts: never a fractional step
}

void bar_chart(const std::vector<ChartValue>& values, const ChartStyle& style) {
    if (empty_chart(values, style)) return;
    Plot p = begin_plot(values, style, 1.3f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float slot = (p.max.x - p.min.x) / float(values.size());
    const float line = ImGui::GetTextLineHeight();
    for (size_t i = 0; i < values.size(); ++i) {
        const ChartValue& v = values[i];
        float x0 = p.min.x + slot * float(i) + slot * 0.15f, x1 = x0 + slot * 0.7f;
        float top = y_of(p, v.value);
        ImU32 c = v.color ? v.color : style.color ? style.color : colors::accent;
        if (v.value > 0) dl->AddRectFilled(ImVec2(x0, top), ImVec2(x1, p.max.y), c, 3.0f, ImDrawFlags_RoundCornersTop);
        if (v.value > 0) centered_text(dl, (x0 + x1) / 2, top - line * 1.1f, colors::ink, v.text);
        centered_text(dl, (x0 + x1) / 2, p.max.y + line * 0.25f, colors::muted, v.label);
        chart_item(style, i, v, ImVec2(x0, std::min(top, p.max.y - 2)), ImVec2(x1, p.max.y));
    }
}

void signed_bar_chart(const std::vector<ChartValue>& values, const ChartStyle& style) {
    if (empty_chart(values, style)) return;
    double most = 0;
    float label_w = chars(8);
    for (const ChartValue& v : values) {
        most = std::max(most, std::abs(v.value));
        label_w = std::max(label_w, ImGui::CalcTextSize(v.label.c_str()).x + chars(1));
    }
    label_w = std::min(label_w, chars(28));
    bool any_negative = false;
    for (const ChartValue& v : values) any_negative = any_negative || v.value < 0;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeight(), bar_h = line * 1.3f;
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x - label_w - chars(10);
    float zero_x = origin.x + label_w + (any_negative ? width / 2 : 0);
    float half = any_negative ? width / 2 : width;
    float total_h = float(values.size()) * (bar_h + line * 0.4f);
    dl->AddLine(ImVec2(zero_x, origin.y), ImVec2(zero_x, origin.y + total_h), kAxis);
    for (size_t i = 0; i < values.size(); ++i) {
        const ChartValue& v = values[i];
        float y = origin.y + float(i) * (bar_h + line * 0.4f);
        ImVec2 clip_max(origin.x + label_w - chars(0.5f), y + bar_h);
        dl->PushClipRect(ImVec2(origin.x, y), clip_max, true);
        dl->AddText(ImVec2(origin.x, y + (bar_h - line) / 2), colors::ink, v.label.c_str());
        dl->PopClipRect();
        float len = most > 0 ? float(std::abs(v.value) / most) * half : 0;
        ImU32 c = v.color ? v.color : v.value < 0 ? colors::error : colors::ok;
        ImVec2 a(v.value < 0 ? zero_x - len : zero_x, y), b(v.value < 0 ? zero_x : zero_x + len, y + bar_h);
        dl->AddRectFilled(a, ImVec2(std::max(b.x, a.x + 1), b.y), c, 3.0f);
        float text_x = v.value < 0 ? a.x - ImGui::CalcTextSize(v.text.c_str()).x - chars(0.6f)
                                   : b.x + chars(0.6f);
        if (v.value < 0 && text_x < origin.x + label_w) text_x = zero_x + chars(0.6f);
        dl->AddText(ImVec2(text_x, y + (bar_h - line) / 2), colors::ink, v.text.c_str());
        chart_item(style, i, v, ImVec2(origin.x, y), ImVec2(origin.x + label_w + width, y + bar_h));
    }
    ImGui::Dummy(ImVec2(label_w + width, total_h));
}

void line_chart(const std::vector<ChartValue>& values, const ChartStyle& style) {
    if (empty_chart(values, style)) return;
    Plot p = begin_plot(values, style, 1.3f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeight();
    const float slot = (p.max.x - p.min.x) / float(values.size());
    ImU32 c = style.color ? style.color : colors::accent;
    std::vector<ImVec2> points;
    for (size_t i = 0; i < values.size(); ++i)
        points.emplace_back(p.min.x + slot * (float(i) + 0.5f), y_of(p, values[i].value));
    dl->AddPolyline(points.data(), int(points.size()), c, ImDrawFlags_None, 2.0f);
    // Labels under every other point when they would crowd.
    float label_w = 0;
    for (const ChartValue& v : values) label_w = std::max(label_w, ImGui::CalcTextSize(v.label.c_str()).x);
    size_t every = label_w + chars(1) > slot ? size_t(std::ceil((label_w + chars(1)) / slot)) : 1;
    for (size_t i = 0; i < values.size(); ++i) {
        const ChartValue& v = values[i];
        dl->AddCircleFilled(points[i], line * 0.22f, c);
        if (i % every == (values.size() - 1) % every)
            centered_text(dl, points[i].x, p.max.y + line * 0.25f, colors::muted, v.label);
        float r = line * 0.5f;
        chart_item(style, i, v, ImVec2(points[i].x - r, points[i].y - r), ImVec2(points[i].x + r, points[i].y + r));
    }
}

}  // namespace fc::ui
