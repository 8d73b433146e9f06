#include "csv_writer.h"

namespace fc {
namespace {

void append_cell(CsvWriter& w, std::string_view cell, bool guard) {
    if (w.row_started) w.out += w.options.delimiter;
    w.row_started = true;
    bool quote = guard;  // a guarded cell is quoted so the quote sign is plainly data
    for (char ch : cell)
        if (ch == w.options.delimiter || ch == '"' || ch == '\n' || ch == '\r') quote = true;
    if (!quote) {
        w.out.append(cell);
        return;
    }
    w.out += '"';
    if (guard) w.out += '\'';
    for (char ch : cell) {
        if (ch == '"') w.out += '"';
        w.out += ch;
    }
    w.out += '"';
}

}  // namespace

bool looks_like_formula(std::string_view cell) {
    if (cell.empty()) return false;
    char c = cell[0];
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

std::string_view strip_formula_guard(std::string_view cell) {
    if (cell.size() >= 2 && cell[0] == '\'' && looks_like_formula(cell.substr(1)))
        return cell.substr(1);
    return cell;
}

CsvWriter::CsvWriter(CsvOptions o) : options(o) {
    if (options.bom) out = "\xEF\xBB\xBF";
}

void CsvWriter::text(std::string_view cell) {
    append_cell(*this, cell, options.neutralise_formulas && looks_like_formula(cell));
}

void CsvWriter::number(std::string_view cell) { append_cell(*this, cell, false); }

void CsvWriter::end_row() {
    out += "\r\n";
    row_started = false;
}

}  // namespace fc
