// The current view -> a file the user downloads: CSV (RFC 4180, formula-safe, optional BOM for
// Excel; see csv_writer.h) or JSON (an array of objects with the same keys). Views pass the
// rows they show as positions in the store's tables (InboxState::order, a timeline page), so a
// file holds exactly what the screen held, in its order.
//
// The record exports (export_records_*) carry every field under the names the importer maps
// back without help, so export -> import gives the same records.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "csv_writer.h"
#include "import_mapping.h"
#include "json_reader.h"
#include "store.h"

namespace fc {

using RowPositions = std::vector<std::uint32_t>;

// A report as the screen shows it: a header and rows of display strings.
struct ExportTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    // Columns of numbers the caller formatted itself: written as they are, so a negative ROI
    // stays a number a spreadsheet can sum (text columns are neutralised against formulas).
    std::vector<bool> numeric;
    bool is_numeric(size_t column) const { return column < numeric.size() && numeric[column]; }
};

// Leads with what a person reads next to them: account name, category name, owner name.
// Columns: id, account_id, account, product_category, category, dealer_id, owner, owner_name,
// state, score, created_at, first_response_at (times as ISO 8601 UTC, empty when unset).
std::string export_leads_csv(const Store& s, const RowPositions& leads, CsvOptions o = {});
json export_leads_json(const Store& s, const RowPositions& leads);

// A timeline: id, at, type, account_id, account, contact_id, contact, product_category,
// campaign_id, amount (major units, "12.50"), author, note.
std::string export_activities_csv(const Store& s, const RowPositions& activities,
                                  CsvOptions o = {});
json export_activities_json(const Store& s, const RowPositions& activities);

// Every field of accounts, contacts, activities or leads, as the record's JSON names them.
std::string export_records_csv(const Store& s, ImportKind k, const RowPositions& rows,
                               CsvOptions o = {});
json export_records_json(const Store& s, ImportKind k, const RowPositions& rows);

std::string export_table_csv(const ExportTable& t, CsvOptions o = {});
json export_table_json(const ExportTable& t);

// A JSON export as the bytes of a file (UTF-8, two-space indent). Bytes that are not UTF-8
// (which nothing in core should hold) become U+FFFD rather than failing the whole download.
std::string json_file_text(const json& j);

// All positions of a table, for "export everything".
template <class T>
RowPositions all_rows(const Table<T>& t) {
    RowPositions r(t.rows.size());
    for (std::uint32_t i = 0; i < r.size(); ++i) r[i] = i;
    return r;
}

// Money in minor units as major units: -1250 -> "-12.50".
std::string format_amount(std::int64_t cents);

}  // namespace fc
