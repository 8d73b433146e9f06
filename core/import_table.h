// What every import source becomes before mapping: a header and rows of UTF-8 cells, each row
// with the physical line it starts on. Cells live in one buffer (data-oriented: 100k rows are
// two allocations, not 600k strings).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fc {

struct TableRow {
    std::uint32_t first_cell = 0;  // index into ImportTable::cell_ends
    std::uint32_t cell_count = 0;
    std::uint32_t line = 0;        // 1-based physical line where the row starts
    // Unique within the file, stable across re-reads: the line for CSV (no two records start on
    // one line), the element's 1-based position for JSON (minified JSON is all on line 1).
    // Generated record ids are made from it.
    std::uint32_t key = 0;
};

// A problem with the file's structure at one row (an unclosed quote, a JSON element that is not
// an object). Rows with such problems are not in `rows`; the import lists them as rejects.
struct TableError {
    std::uint32_t line = 0;
    std::string message;
};

struct ImportTable {
    std::vector<std::string> header;
    std::vector<TableRow> rows;            // data rows, header excluded
    std::vector<TableError> errors;
    std::string cells;                      // every cell's bytes, back to back
    std::vector<std::uint32_t> cell_ends;  // cell i is cells[end(i-1), end(i))

    std::string_view cell(const TableRow& r, size_t column) const {
        if (column >= r.cell_count) return {};
        size_t i = r.first_cell + column;
        size_t begin = i == 0 ? 0 : cell_ends[i - 1];
        return std::string_view(cells).substr(begin, cell_ends[i] - begin);
    }
    // Appends a cell to the row being built (the last one in `rows`).
    void push_cell(std::string_view text) {
        cells.append(text.data(), text.size());
        cell_ends.push_back(std::uint32_t(cells.size()));
    }
};

// The first `n` rows as strings, for a preview table. Short rows are padded to the header.
std::vector<std::vector<std::string>> preview_rows(const ImportTable& t, size_t n);

}  // namespace fc
