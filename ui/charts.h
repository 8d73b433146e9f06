// Charts drawn on the canvas with ImGui draw lists: vertical bars (histograms), horizontal bars
// around zero (ROI), and lines over time, with axes, gridlines, labels and an empty state. Every
// bar and point is also an item (label "<chart>: <x>", cells {x, value}) so tests and the
// screen-reader mirror read the chart's numbers, and hovering one shows its value.
#pragma once
#include <imgui.h>
#include <string>
#include <vector>

namespace fc::ui {

struct ChartValue {
    std::string label;     // x label ("< 15 min", "12.10.")
    double value = 0;
    std::string text;      // the value as the user reads it ("1.234", "42 %")
    ImU32 color = 0;       // 0: the chart's colour
};

struct ChartStyle {
    const char* title = "";          // names the chart's items: "<title>: <label>"
    const char* y_caption = "";      // what the y axis counts ("Leads")
    const char* empty_text = "Nothing to show yet.";
    ImU32 color = 0;
    float height_lines = 10;         // plot height in text lines
    double y_max = 0;                // 0: from the data
};

// Vertical bars, one per value, labelled under the axis.
void bar_chart(const std::vector<ChartValue>& values, const ChartStyle& style);
// Horizontal bars from a zero line (negative to the left), labels on the left.
void signed_bar_chart(const std::vector<ChartValue>& values, const ChartStyle& style);
// A line through the values in order, a dot at each.
void line_chart(const std::vector<ChartValue>& values, const ChartStyle& style);

// A round step for `max` split in about `ticks` parts (1, 2 or 5 times a power of ten).
double nice_step(double max, int ticks);

}  // namespace fc::ui
