// The current view as a file to download: the inbox with its filters and sort, the selected
// account's timeline, the campaign report. Each holds exactly the rows the screen shows, in
// its order (core/export.h writes them; CSV is formula-safe and starts with a UTF-8 BOM so
// Excel reads accents right).
#pragma once
#include <string>
#include "app.h"

namespace fc::ui {

enum class FileFormat : int { csv, json };

struct FileOffer {
    std::string name, mime, bytes;
};

// The inbox as filtered and sorted now (re-filtered first if a change is pending).
FileOffer export_inbox_view(AppState& app, FileFormat f);
// The account's activities, newest first, as on its timeline. Requires a valid account row.
FileOffer export_account_timeline(const AppState& app, std::uint32_t account_row, FileFormat f);
// The campaign report as the Reports screen computes it (spend, revenue, cost per sale and
// ROI in machine-readable numbers: major currency units and percent).
FileOffer export_campaign_report(const AppState& app, FileFormat f);

// CSV options for every file the app offers.
CsvOptions download_csv_options();

// Hands the file to the platform; false (and nothing happens) without one.
bool offer(AppState& app, const FileOffer& file);

}  // namespace fc::ui
