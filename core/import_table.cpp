#include "import_table.h"
#include <algorithm>

namespace fc {

std::vector<std::vector<std::string>> preview_rows(const ImportTable& t, size_t n) {
    std::vector<std::vector<std::string>> out;
    for (size_t r = 0; r < t.rows.size() && r < n; ++r) {
        const TableRow& row = t.rows[r];
        size_t width = std::max<size_t>(t.header.size(), row.cell_count);
        std::vector<std::string> cells(width);
        for (size_t i = 0; i < row.cell_count; ++i) cells[i] = std::string(t.cell(row, i));
        out.push_back(std::move(cells));
    }
    return out;
}

}  // namespace fc
