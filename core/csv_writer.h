// Rows -> RFC 4180 CSV (CRLF line ends, quotes only where needed), safe to open in a
// spreadsheet: text cells that a spreadsheet would run as a formula are neutralised with a
// leading single quote, as OWASP recommends for CSV injection.
#pragma once
#include <string>
#include <string_view>

namespace fc {

struct CsvOptions {
    char delimiter = ',';
    bool bom = false;                 // UTF-8 BOM first: Excel then reads UTF-8, not 1252
    bool neutralise_formulas = true;
};

// True for text a spreadsheet may evaluate: it starts with = + - @ tab or carriage return.
bool looks_like_formula(std::string_view cell);

// The importer's inverse: a cell that is ' followed by a formula start loses the quote.
std::string_view strip_formula_guard(std::string_view cell);

struct CsvWriter {
    CsvOptions options;
    std::string out;
    bool row_started = false;

    explicit CsvWriter(CsvOptions o = {});
    void text(std::string_view cell);    // user text: neutralised when it looks like a formula
    void number(std::string_view cell);  // numbers we formatted ourselves (-12.50 is no formula)
    void end_row();
};

}  // namespace fc
