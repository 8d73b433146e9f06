// Reports draws its numbers as charts; each bar and point is an item named "<chart>: <x>" with
// its value, so these tests read the charts the way a screen reader does.
#include <doctest/doctest.h>
#include <algorithm>
#include <cctype>
#include <string>
#include "format.h"
#include "ui_harness.h"
#include "ui_test_data.h"

using namespace fc;

namespace {

// The value text of the chart item `label`, or "" when it was not drawn.
std::string chart_value(const std::string& label) {
    const ui::DrawnItem* it = ui::find_item(label, "Reports");
    return it && it->cells.size() == 2 ? it->cells[1] : "";
}

size_t items_starting(const std::string& prefix) {
    size_t n = 0;
    for (const ui::DrawnItem& it : ui::published_items())
        if (it.window == "Reports" && it.label.rfind(prefix, 0) == 0 && it.cells.size() == 2) ++n;
    return n;
}

}  // namespace

TEST_CASE("Reports charts: histogram, funnel, ROI and weekly lines carry core's numbers") {
    ui::AppState app = test::loaded_demo_app();
    app.screen = ui::Screen::reports;
    test::UiHarness ui(app, ImVec2(1800, 2400));
    ui.frame();
    ui.frame();
    const Reports& r = app.reports.data;
    REQUIRE(app.reports.valid);
    CHECK(r.funnel.total > 0);

    CHECK(chart_value("Response time: < 15 min") == ui::format_count(r.response_histogram.answered[0]));
    CHECK(chart_value("Response time: 3+ d") == ui::format_count(r.response_histogram.answered[5]));
    CHECK(chart_value("Response time: Waiting") == ui::format_count(r.response_histogram.waiting));
    CHECK(items_starting("Response time: ") == kResponseBuckets + 1);

    CHECK(chart_value("Funnel: Leads") == ui::format_count(r.funnel.total));
    CHECK(chart_value("Funnel: Converted") == ui::format_count(r.funnel.converted));

    size_t with_spend = 0;
    for (const CampaignRow& c : r.campaigns) with_spend += c.spend != 0;
    CHECK(items_starting("ROI: ") == with_spend);

    CHECK(items_starting("Leads per week: ") == size_t(kReportWeeks));
    int drawn = 0, counted = 0;
    for (const WeekRow& w : r.weeks) counted += w.leads;
    for (const ui::DrawnItem& it : ui::published_items())
        if (it.label.rfind("Leads per week: ", 0) == 0 && it.cells.size() == 2) {
            std::string v = it.cells[1];
            v.erase(std::remove_if(v.begin(), v.end(), [](char c) { return !std::isdigit((unsigned char)c); }), v.end());
            drawn += std::stoi(v);
        }
    CHECK(drawn == counted);
    CHECK(drawn > 0);
}

TEST_CASE("Reports with no leads say so instead of drawing empty charts") {
    ui::AppState app;
    app.now = test::kNow;
    Store s = test::synthetic_leads(0);
    ui::set_app_data(app, std::move(s));
    app.screen = ui::Screen::reports;
    test::UiHarness ui(app, ImVec2(1800, 2400));
    ui.frame();
    CHECK(ui.shows("No leads yet: response times show once leads arrive.", "Reports"));
    CHECK(ui.shows("No leads yet: the funnel fills as leads arrive and are worked.", "Reports"));
    CHECK(ui.shows("No new leads in the last 12 weeks.", "Reports"));
    CHECK(items_starting("Response time: ") == 0);
}
