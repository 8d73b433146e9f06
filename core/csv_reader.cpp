#include "csv_reader.h"

namespace fc {
namespace {

struct Cursor {
    std::string_view s;
    size_t pos = 0;
    std::uint32_t line = 1;
};

// Consumes one line break at pos (CRLF, LF or CR), counting it. Returns false if none.
bool eat_newline(Cursor& c) {
    if (c.pos >= c.s.size()) return false;
    if (c.s[c.pos] == '\r') {
        ++c.pos;
        if (c.pos < c.s.size() && c.s[c.pos] == '\n') ++c.pos;
        ++c.line;
        return true;
    }
    if (c.s[c.pos] == '\n') {
        ++c.pos;
        ++c.line;
        return true;
    }
    return false;
}

enum class RecordEnd { newline, eof, unclosed_quote };

// Reads one record's cells into t (cells appended after t.cell_ends.size()).
RecordEnd read_record(Cursor& c, char delim, ImportTable& t, std::string& cell) {
    for (;;) {
        cell.clear();
        if (c.pos < c.s.size() && c.s[c.pos] == '"') {
            ++c.pos;
            for (;;) {
                size_t q = c.s.find('"', c.pos);
                if (q == std::string_view::npos) return RecordEnd::unclosed_quote;
                std::string_view chunk = c.s.substr(c.pos, q - c.pos);
                // Line breaks inside quotes still advance the physical line count.
                for (size_t i = 0; i < chunk.size(); ++i)
                    if (chunk[i] == '\n' || (chunk[i] == '\r' && (i + 1 == chunk.size() || chunk[i + 1] != '\n')))
                        ++c.line;
                cell.append(chunk);
                c.pos = q + 1;
                if (c.pos < c.s.size() && c.s[c.pos] == '"') {
                    cell += '"';
                    ++c.pos;
                    continue;
                }
                break;
            }
        }
        // Unquoted text, or sloppy text after a closing quote (`"a"b`): kept as written.
        size_t start = c.pos;
        while (c.pos < c.s.size()) {
            char ch = c.s[c.pos];
            if (ch == delim || ch == '\n' || ch == '\r') break;
            ++c.pos;
        }
        cell.append(c.s.substr(start, c.pos - start));
        t.push_cell(cell);
        if (c.pos >= c.s.size()) return RecordEnd::eof;
        if (c.s[c.pos] == delim) {
            ++c.pos;
            continue;
        }
        eat_newline(c);
        return RecordEnd::newline;
    }
}

}  // namespace

char detect_delimiter(std::string_view text) {
    size_t counts[3] = {0, 0, 0};
    const char cand[3] = {',', ';', '\t'};
    bool quoted = false;
    for (char ch : text) {
        if (ch == '"') quoted = !quoted;  // a doubled quote toggles twice: still right
        if (quoted) continue;
        if (ch == '\n' || ch == '\r') break;
        for (int i = 0; i < 3; ++i) counts[i] += ch == cand[i];
    }
    int best = 0;
    for (int i = 1; i < 3; ++i)
        if (counts[i] > counts[best]) best = i;
    return cand[best];
}

ImportTable parse_csv(std::string_view text, char delimiter) {
    if (!delimiter) delimiter = detect_delimiter(text);
    ImportTable t;
    Cursor c{text};
    std::string cell;
    bool have_header = false;
    while (c.pos < text.size()) {
        std::uint32_t line = c.line;
        size_t first = t.cell_ends.size();
        RecordEnd end = read_record(c, delimiter, t, cell);
        if (end == RecordEnd::unclosed_quote) {
            t.cell_ends.resize(first);
            t.cells.resize(first == 0 ? 0 : t.cell_ends[first - 1]);
            t.errors.push_back({line, "a quoted field opened on line " + std::to_string(line) +
                                          " is never closed"});
            break;
        }
        size_t count = t.cell_ends.size() - first;
        bool blank = count == 1 && t.cell_ends[first] == (first == 0 ? 0 : t.cell_ends[first - 1]);
        if (blank) {  // an empty line: not a row
            t.cell_ends.resize(first);
            continue;
        }
        if (!have_header) {
            for (size_t i = 0; i < count; ++i) {
                TableRow tmp{std::uint32_t(first), std::uint32_t(count), line};
                t.header.emplace_back(t.cell(tmp, i));
            }
            t.cell_ends.resize(first);
            t.cells.resize(first == 0 ? 0 : t.cell_ends[first - 1]);
            have_header = true;
            continue;
        }
        t.rows.push_back({std::uint32_t(first), std::uint32_t(count), line, line});
    }
    return t;
}

}  // namespace fc
