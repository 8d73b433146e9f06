// Reports: per campaign, from leads to deals to revenue — cost per sale, ROI, conversion and
// response times — computed by core's report engine (core/reports.h) over the store and its
// core indexes, as of the time they were last computed.
#include <imgui.h>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include "charts.h"
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
    auto bar = [&](const char* label, int value, ImU32 color) {
        return ChartValue{label, double(value), format_count(value), color};
    };
    ChartStyle style;
    style.title = "Funnel";
    style.empty_text = "No leads yet: the funnel fills as leads arrive and are worked.";
    signed_bar_chart({bar("Leads", f.total, colors::cold), bar("Contacted", f.contacted, colors::accent),
                      bar("Qualified", f.qualified, colors::warm), bar("Converted", f.converted, colors::ok)},
                     style);
}

// How long leads waited for their first answer: answered leads per time bucket, and the
// ones still waiting in the colour of "waiting".
void draw_response_histogram(const ResponseHistogram& h) {
    ImGui::SeparatorText("Response time distribution");
    static const char* const labels[kResponseBuckets] = {"< 15 min", "15–60 min", "1–4 h",
                                                         "4–24 h",  "1–3 d",     "3+ d"};  // no ≥: Noto Sans has no glyph for it
    std::vector<ChartValue> values;
    for (size_t b = 0; b < kResponseBuckets; ++b)
        values.push_back({labels[b], double(h.answered[b]), format_count(h.answered[b]),
                          b < 2 ? colors::ok : b < 4 ? colors::warm : colors::hot});
    values.push_back({"Waiting", double(h.waiting), format_count(h.waiting), colors::muted});
    ChartStyle style;
    style.title = "Response time";
    style.y_caption = "Leads";
    style.empty_text = "No leads yet: response times show once leads arrive.";
    bar_chart(values, style);
}

// "12.10." from the locale's date: the year would crowd the axis.
std::string day_and_month(Time t, int utc_offset_minutes) {
    std::string d = format_local_date(t, utc_offset_minutes);
    if (d.size() != 10) return d;
    if (!std::isdigit(static_cast<unsigned char>(d[4]))) return d.substr(5);  // 2026-10-12
    return d.substr(0, d[2] == '.' ? 6 : 5);  // 12.10.2026, 10/12/2026
}

void draw_weeks(const std::vector<WeekRow>& weeks, int utc_offset_minutes) {
    std::vector<ChartValue> leads, on_time;
    bool any_due = false;
    for (const WeekRow& w : weeks) {
        std::string label = day_and_month(w.start, utc_offset_minutes);
        leads.push_back({label, double(w.leads), format_count(w.leads), 0});
        double share = w.due ? 100.0 * w.on_time / w.due : 0;
        char pct[48];
        if (w.due) std::snprintf(pct, sizeof pct, "%.0f %% of %d", share, w.due);
        else std::snprintf(pct, sizeof pct, "none due");
        on_time.push_back({label, share, pct, 0});
        any_due = any_due || w.due > 0;
    }
    if (!ImGui::BeginTable("weeks", 2, ImGuiTableFlags_SizingStretchSame)) return;
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::SeparatorText("New leads per week");
    ChartStyle ls;
    ls.title = "Leads per week";
    ls.y_caption = "Leads";
    ls.color = colors::accent;
    ls.height_lines = 8;
    ls.empty_text = "No new leads in the last 12 weeks.";
    line_chart(leads, ls);
    ImGui::TableSetColumnIndex(1);
    ImGui::SeparatorText("Follow-ups done on time");
    ChartStyle cs;
    cs.title = "Follow-ups on time";
    cs.y_caption = "% of follow-ups due";
    cs.color = colors::ok;
    cs.height_lines = 8;
    cs.y_max = 100;
    cs.empty_text = "No follow-ups came due in the last 12 weeks.";
    if (any_due) line_chart(on_time, cs);
    else line_chart({}, cs);
    ImGui::EndTable();
}

void draw_roi(const Store& s, const Reports& r) {
    ImGui::SeparatorText("Return on campaign spend");
    std::vector<ChartValue> values;
    for (const CampaignRow& c : r.campaigns) {
        if (!c.spend) continue;  // no spend: no return to speak of
        char roi[32];
        std::snprintf(roi, sizeof roi, "%s %%", format_count((long long)std::lround(c.roi * 100)).c_str());
        values.push_back({campaign_name(s, c.campaign_id), c.roi * 100, roi, 0});
    }
    ChartStyle style;
    style.title = "ROI";
    style.empty_text = "No campaign with spend yet: enter a campaign's spend to see its return.";
    signed_bar_chart(values, style);
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
    if (ImGui::BeginTable("top_charts", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        draw_funnel(r.funnel);
        ImGui::Spacing();
        draw_roi(app.store, r);
        ImGui::TableSetColumnIndex(1);
        draw_response_histogram(r.response_histogram);
        ImGui::EndTable();
    }
    draw_weeks(r.weeks, app.utc_offset_minutes);
    draw_campaigns(app.store, r);
    draw_response_times(app.store, r);
}

}  // namespace fc::ui
