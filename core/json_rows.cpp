#include "json_rows.h"
#include <unordered_map>
#include "json_reader.h"

namespace fc {
namespace {

// Line of each top-level array element's first byte, found by a scan that tracks strings and
// nesting; nlohmann's DOM keeps no positions.
std::vector<std::uint32_t> element_lines(std::string_view s) {
    std::vector<std::uint32_t> lines;
    std::uint32_t line = 1;
    int depth = 0;
    bool in_string = false, escaped = false, expect_value = false;
    for (char c : s) {
        if (c == '\n') ++line;
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        if (depth == 1 && expect_value && c != ']') {
            lines.push_back(line);
            expect_value = false;
        }
        if (c == '"') in_string = true;
        else if (c == '[' || c == '{') {
            ++depth;
            if (depth == 1) expect_value = true;
        } else if (c == ']' || c == '}') --depth;
        else if (c == ',' && depth == 1) expect_value = true;
    }
    return lines;
}

std::string cell_text(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return {};
    return v.dump();
}

}  // namespace

MaybeError parse_json_rows(std::string_view text, ImportTable& out) {
    json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded())
        return Error{"invalid_json", "", "the file is not valid JSON"};
    if (!doc.is_array())
        return Error{"invalid_type", "", "the file must hold a JSON array of objects"};
    std::vector<std::uint32_t> lines = element_lines(text);
    ImportTable t;
    std::unordered_map<std::string, size_t> column_of;
    for (const json& e : doc)
        if (e.is_object())
            for (const auto& item : e.items())
                if (column_of.try_emplace(item.key(), t.header.size()).second)
                    t.header.push_back(item.key());
    for (size_t i = 0; i < doc.size(); ++i) {
        const json& e = doc[i];
        std::uint32_t line = i < lines.size() ? lines[i] : 0;
        if (!e.is_object()) {
            t.errors.push_back({line, "element " + std::to_string(i + 1) + " is not an object"});
            continue;
        }
        std::vector<std::string> cells(t.header.size());
        for (const auto& item : e.items()) cells[column_of[item.key()]] = cell_text(item.value());
        TableRow row{std::uint32_t(t.cell_ends.size()), std::uint32_t(cells.size()), line,
                     std::uint32_t(i + 1)};
        for (const auto& c : cells) t.push_cell(c);
        t.rows.push_back(row);
    }
    out = std::move(t);
    return std::nullopt;
}

}  // namespace fc
