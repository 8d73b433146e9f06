// Reports: per campaign, from leads to deals to revenue — cost per sale, ROI, conversion and
// response times — computed by core's report engine (core/reports.h) over the store and its
// core indexes, as of the time they were last computed.
#include <imgui.h>
#include <algorithm>
#include <cstdio>
#include "format.h"
#include "item_registry.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace fc::ui {
namespace {

const Reports& current_reports(AppState& app) {
    ReportsCache& r = app.reports;
    if (!r.valid || r.seq != app.next_seq) {
        r.data = compute_reports(app.store, app.core_index, app.now);
        r.seq = app.next_seq;
        r.at = app.now;
        r.valid = true;
    }
    return r.data;
}

std::string campaign_name(const Store& s, const Id& id) {
    const Campaign* c = s.campaigns.find(id);
    return c ? c->name : id;
}

std::string dealer_name(const Store& s, const Id& id) {
    if (id.empty()) return "(no dealer)";
    const Dealer* d = s.dealers.find(id);
    return d ? d->name : id;
}

std::string hours(double seconds) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", seconds / 3600.0);
    return buf;
}

// A cell of text that tests and screen readers can read.
void cell(int column, const std::string& text) {
    ImGui::TableSetColumnIndex(column);
    published_text(text.c_str());
}

void draw_campaigns(const Store& s, const Reports& r) {
    ImGui::SeparatorText("Campaigns");
    if (r.campaigns.empty()) {
        ImGui::TextDisabled("No campaigns yet.");
        return;
    }
    if (!ImGui::BeginTable("campaigns", 8, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH))
        return;
    for (const char* h : {"Campaign", "Leads", "Qualified", "Won", "Spend", "Revenue",
                          "Cost per sale", "ROI"})
        ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const CampaignRow& c : r.campaigns) {
        ImGui::TableNextRow();
        cell(0, campaign_name(s, c.campaign_id));
        cell(1, std::to_string(c.leads));
        cell(2, std::to_string(c.qualified));
        cell(3, std::to_string(c.won));
        cell(4, format_money(c.spend));
        cell(5, format_money(c.revenue));
        cell(6, c.won ? format_money(Money(c.cost_per_sale)) : "–");
        char roi[32];
        std::snprintf(roi, sizeof roi, "%.0f %%", c.roi * 100);
        cell(7, c.spend ? roi : "–");
    }
    ImGui::EndTable();
}

void draw_response_times(const Store& s, const Reports& r) {
    ImGui::SeparatorText("Response time per dealer");
    if (!ImGui::BeginTable("response_dealers", 5,
                           ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH))
        return;
    for (const char* h : {"Dealer", "Answered", "Waiting", "Median (h)", "p90 (h)"})
        ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const ResponseRow& row : r.response_by_dealer) {
        ImGui::TableNextRow();
        cell(0, dealer_name(s, row.key));
        cell(1, std::to_string(row.answered));
        cell(2, std::to_string(row.unanswered));
        cell(3, hours(row.median_s));
        cell(4, hours(row.p90_s));
    }
    ImGui::EndTable();
}

// The conversion funnel as horizontal bars, each as long as its share of all leads.
void draw_funnel(const Funnel& f) {
    ImGui::SeparatorText("Conversion funnel");
    struct Bar {
        const char* label;
        int value;
        ImU32 color;
    };
    const Bar bars[] = {{"Leads", f.total, colors::cold},
                        {"Contacted", f.contacted, colors::accent},
                        {"Qualified", f.qualified, colors::warm},
                        {"Converted", f.converted, colors::ok}};
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float label_w = chars(12), bar_h = ImGui::GetTextLineHeight() * 1.4f;
    const float max_w = std::max(chars(10), ImGui::GetContentRegionAvail().x - label_w - chars(10));
    for (const Bar& b : bars) {
        ImVec2 p = ImGui::GetCursorScreenPos();
        dl->AddText(ImVec2(p.x, p.y + (bar_h - ImGui::GetTextLineHeight()) / 2),
                    colors::ink, b.label);
        float w = f.total > 0 ? max_w * float(b.value) / float(f.total) : 0;
        ImVec2 a(p.x + label_w, p.y), z(p.x + label_w + std::max(w, 1.0f), p.y + bar_h);
        dl->AddRectFilled(a, z, b.color, 3.0f);
        char n[32];
        std::snprintf(n, sizeof n, "%d", b.value);
        dl->AddText(ImVec2(z.x + chars(1), p.y + (bar_h - ImGui::GetTextLineHeight()) / 2),
                    colors::ink, n);
        ImGui::Dummy(ImVec2(label_w + max_w + chars(8), bar_h + 4));
    }
}

}  // namespace

void draw_reports_screen(AppState& app) {
    screen_title("Reports", "Sales made from each campaign, not the number of leads: cost per "
                            "sale, return on spend, conversion and response times.");
    if (!app.loaded) {
        empty_state("No data loaded yet.", "Reports appear once your leads are loaded.");
        return;
    }
    const Reports& r = current_reports(app);
    ImGui::TextDisabled("As of %s", format_local_time(app.reports.at, app.utc_offset_minutes).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Refresh")) app.reports.valid = false;
    draw_campaigns(app.store, r);
    draw_funnel(r.funnel);
    draw_response_times(app.store, r);
}

}  // namespace fc::ui
