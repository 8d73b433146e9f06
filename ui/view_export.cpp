#include "view_export.h"
#include <cctype>
#include <cstdio>
#include "export.h"
#include "reports.h"

namespace fc::ui {
namespace {

constexpr const char* kCsvMime = "text/csv;charset=utf-8";
constexpr const char* kJsonMime = "application/json";

FileOffer file(const std::string& base, FileFormat f, std::string bytes) {
    return {base + (f == FileFormat::csv ? ".csv" : ".json"),
            f == FileFormat::csv ? kCsvMime : kJsonMime, std::move(bytes)};
}

// A file name part from a record name: letters and digits kept (ASCII), the rest as '-'.
std::string file_safe(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        bool keep = std::isalnum(c) != 0;
        if (keep) out += char(c);
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "account" : out;
}

std::string campaign_name(const Store& s, const Id& id) {
    const Campaign* c = s.campaigns.find(id);
    return c ? c->name : id;
}

}  // namespace

CsvOptions download_csv_options() {
    CsvOptions o;
    o.bom = true;
    return o;
}

FileOffer export_inbox_view(AppState& app, FileFormat f) {
    refresh_inbox(app.store, app.index, app.inbox);
    const RowPositions& rows = app.inbox.order;
    if (f == FileFormat::csv)
        return file("leads", f, export_leads_csv(app.store, rows, download_csv_options()));
    return file("leads", f, json_file_text(export_leads_json(app.store, rows)));
}

FileOffer export_account_timeline(const AppState& app, std::uint32_t account_row, FileFormat f) {
    const RowPositions& rows = app.index.activities_of[account_row];
    std::string base = "timeline-" + file_safe(app.store.accounts.rows[account_row].name);
    if (f == FileFormat::csv)
        return file(base, f, export_activities_csv(app.store, rows, download_csv_options()));
    return file(base, f, json_file_text(export_activities_json(app.store, rows)));
}

FileOffer export_campaign_report(const AppState& app, FileFormat f) {
    ExportTable t;
    t.header = {"campaign_id", "campaign", "leads", "qualified", "won", "spend", "revenue",
                "cost_per_sale", "roi_percent"};
    for (const CampaignRow& c : campaign_report(app.store, app.core_index, app.now)) {
        char roi[32] = "";
        if (c.spend) std::snprintf(roi, sizeof roi, "%.1f", c.roi * 100);
        t.rows.push_back({c.campaign_id, campaign_name(app.store, c.campaign_id),
                          std::to_string(c.leads), std::to_string(c.qualified),
                          std::to_string(c.won), format_amount(c.spend), format_amount(c.revenue),
                          c.won ? format_amount(Money(c.cost_per_sale)) : "", roi});
    }
    if (f == FileFormat::csv)
        return file("campaign-report", f, export_table_csv(t, download_csv_options()));
    return file("campaign-report", f, json_file_text(export_table_json(t)));
}

bool offer(AppState& app, const FileOffer& f) {
    if (!app.platform) return false;
    app.platform->offer_download(f.name, f.mime, f.bytes);
    app.imports.last_download = f.name;
    return true;
}

}  // namespace fc::ui
